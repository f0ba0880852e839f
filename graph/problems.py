"""Problems found in fact files, reported the way a compiler reports them.

A problem names its file and either a line and column, or a key path into the
file's data (``("relationships", 3, "predicate")``) that is turned into a line
and column only when it is reported: files with no problems are never parsed
a second time.

>>> p = Problem("seeds/x.yaml", "unknown relationship type 'leads'", line=42, col=5,
...             hint="did you mean 'leader_of'?")
>>> print(p.format())
seeds/x.yaml:42:5: error: unknown relationship type 'leads'
    hint: did you mean 'leader_of'?
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

KeyPath = tuple  # of str (mapping keys) and int (list indexes)


@dataclass
class Problem:
    file: str
    message: str
    path: KeyPath = ()
    hint: str | None = None
    line: int | None = None
    col: int | None = None
    severity: str = "error"  # or "warning"
    on_key: bool = False  # point at the key itself rather than its value
    see: tuple | None = None  # (file, key path) of a related place; "{see}" in the hint names it

    def format(self) -> str:
        where = inert(self.file)
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        text = f"{where}: {self.severity}: {shorten(inert(self.message))}"
        return text + f"\n    hint: {shorten(inert(self.hint_text()))}" if self.hint else text

    def hint_text(self) -> str:
        """The hint, with ``{see}`` replaced by the related place."""
        return self.hint.replace("{see}", self.see[0]) if self.see else self.hint

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.col or 0, self.message)


@dataclass
class Report:
    """Problems collected over a whole run."""

    problems: list[Problem] = field(default_factory=list)
    shapes: dict[str, tuple] = field(default_factory=dict)  # file: its sections, as :func:`shape_of` gives

    def add(self, *args, **kwargs) -> None:
        self.problems.append(Problem(*args, **kwargs))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def locate(self) -> None:
        """Give every problem a line and column, reading only the files concerned."""
        places = {file: place for file in self._files_to_locate()
                  if (place := _places(file, self.shapes.get(file))) is not None}
        for p in self.problems:
            _locate(p, places)
        self.problems.sort(key=Problem.sort_key)

    def _files_to_locate(self) -> list[str]:
        """The files whose problems, or the places they point to, have a key path and no line yet."""
        files: dict[str, None] = {}
        for p in self.problems:
            files.update(dict.fromkeys(_files_of(p)))
        return list(files)


def _files_of(p: Problem) -> list[str]:
    """The files ``p`` needs composed: its own for a key path with no line, its related place's."""
    files = [p.file] if p.line is None and p.path else []
    return files + [p.see[0]] if p.see and p.see[1] else files


def _locate(p: Problem, places: dict) -> None:
    """Turn ``p``'s key paths into lines and columns, in the files read into ``places``."""
    mark = _own_mark(p, places)
    if mark is not None:
        p.line, p.col = mark
    see = _see_mark(p, places)
    if see is not None:
        p.see = (f"{p.see[0]}:{see[0]}:{see[1]}", ())


def _own_mark(p: Problem, places: dict) -> tuple[int, int] | None:
    """Where ``p``'s key path is in its own file, when it has no line yet and the file was read."""
    return places[p.file].mark(p.path, p.on_key) if p.line is None and p.path and p.file in places else None


def _see_mark(p: Problem, places: dict) -> tuple[int, int] | None:
    """Where ``p``'s related place is, when it has one in a file that was read."""
    return places[p.see[0]].mark(p.see[1], False) if p.see and p.see[0] in places else None


def _places(file: str, shape: tuple | None):
    """The :class:`Places` of ``file``, or None when it cannot be read."""
    try:
        return Places(Path(file).read_text(encoding="utf-8-sig"), shape)
    except (OSError, UnicodeError):
        return None


def shape_of(data) -> tuple | None:
    """What :class:`Places` needs to know of a file's ``data``: each section's key and, for a list, its length.

    >>> shape_of({"actors": [{"id": "a"}, {"id": "b"}], "note": "x"})
    (('actors', 2), ('note', None))
    """
    if type(data) is not dict:
        return None
    return tuple((key, len(value) if type(value) is list else None) for key, value in data.items())


class Places:
    """Where key paths are in one YAML text: ``(line, column)``, 1-based, as libyaml's marks say.

    A whole-file node tree costs about a second per megabyte of YAML. When the
    file's ``shape`` (:func:`shape_of` of the data it was read as) is known and
    the text is laid out plainly (every section a ``key:`` line at column 0,
    its entries ``- `` lines at one indentation), a path into an entry is
    found by composing that entry's lines alone. The layout is proved, not
    guessed: each real section key and entry starts such a line, so when the
    lines that look like one are exactly as many as the data has, they are the
    real ones (a multi-line quoted text or flow collection holding a look-alike
    line adds one). Anything else, and any entry that does not compose alone
    (an alias to another entry), is found in the node tree of the whole file.

    >>> Places("actors:\\n  - id: a\\n  - id: b\\n    name: B\\n", (("actors", 2),)).mark(("actors", 1, "name"), False)
    (4, 11)
    """

    def __init__(self, text: str, shape: tuple | None):
        self.text, self.whole, self.entries = text, _UNREAD, {}
        self.sections = _sections(text, shape) if shape and not _odd_break(text) else None

    def mark(self, path: KeyPath, on_key: bool) -> tuple[int, int] | None:
        """``(line, column)`` of the node at ``path`` (its key when ``on_key``), or of its deepest ancestor."""
        found = self._entry_mark(path, on_key) if len(path) >= 2 and self.sections else None
        if found is None:
            found = _mark_at(self._whole(), path, on_key)
            return (found.line + 1, found.column + 1) if found is not None else None
        return found

    def _whole(self):
        if self.whole is _UNREAD:
            self.whole = _compose(self.text)
        return self.whole

    def _entry_mark(self, path: KeyPath, on_key: bool) -> tuple[int, int] | None:
        """The mark of ``path`` found in its entry's lines alone, or None when they do not say it."""
        span = self._entry_span(path[0], path[1])
        if span is None:
            return None
        root = self.entries.get(span, _UNREAD)
        if root is _UNREAD:
            root = self.entries[span] = _compose(self.text[span[0]:span[1]])
        if not isinstance(root, yaml.SequenceNode) or len(root.value) != 1:
            return None
        found = _mark_at(root.value[0], path[2:], on_key)
        return self.text.count("\n", 0, span[0]) + found.line + 1, found.column + 1

    def _entry_span(self, section, index) -> tuple[int, int] | None:
        """Where entry ``index`` of ``section`` starts and ends in the text, when the layout proves it."""
        starts = self.sections.get(section) if type(section) is str else None
        if starts is None or type(index) is not int or not 0 <= index < len(starts) - 1:
            return None
        return starts[index], starts[index + 1]


_UNREAD = object()


def _odd_break(text: str) -> bool:
    """Whether ``text`` holds a line break libyaml counts and ``str.count("\\n")`` does not."""
    return "\r" in text or not text.isascii() and any(ch in text for ch in "\x85\u2028\u2029")


# a line starting at column 0 with anything but a comment (found from the line break before it: a pattern
# starting with '^' is tried at every character, one starting with a character only where that character is)
_AT_MARGIN = re.compile(r"\n[^ \n#]")
_SECTION_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):[ ]*(?:#[^\n]*)?(?:\n|\Z)")
_ENTRY = re.compile(r"-(?: |\n|\Z)")


def _sections(text: str, shape: tuple) -> dict[str, list[int]] | None:
    """``{section: [where each entry starts…, where the section ends]}`` for a plain layout of ``shape``.

    The root mapping starts at column 0 (its first line is a key), so every key
    of it starts a line there: when such lines are as many as its keys, they
    are its keys. None when they are not.
    """
    first = [0] if text[:1] not in ("", " ", "\n", "#") else []
    keys = [at for at in first + [m.start() + 1 for m in _AT_MARGIN.finditer(text)] if not _ENTRY.match(text, at)]
    if len(keys) != len(shape) or not keys or _BLANK_LINES.match(text).end() != keys[0]:
        return None
    sections = {}
    for (name, count), start, end in zip(shape, keys, keys[1:] + [len(text)]):
        entries = _section_entries(text, name, count, start, end) if count else None
        if entries:
            sections[name] = entries
    return sections


def _section_entries(text: str, name, count: int, start: int, end: int) -> list[int] | None:
    """:func:`_entries` of the section whose key line starts at ``start``, when it is a plain ``name:``."""
    key = _SECTION_KEY.match(text, start)
    return _entries(text, key.end(), end, count) if key is not None and key[1] == name else None


_BLANK_LINES = re.compile(r"(?:[ ]*(?:#[^\n]*)?\n)*")
_FIRST_LINE = re.compile(r"^( *)[^ \n#]", re.M)


def _entries(text: str, start: int, end: int, count: int) -> list[int] | None:
    """Where each of the ``count`` entries in ``text[start:end]`` starts, then ``end``; None unless proved.

    The first line is the first entry; every entry starts a line at its
    indentation with '-', and no other line may start at or left of it.
    """
    first = _FIRST_LINE.search(text, start, end)
    if first is None:
        return None
    indent = len(first[1])
    entry = re.compile(f" {{{indent}}}-(?: |\n|\\Z)")
    # the line break before each line (``start`` follows the section key's line)
    lines = [m.start() + 1 for m in re.compile(f"\n {{0,{indent}}}[^ \n#]").finditer(text, start - 1, end)]
    if len(lines) != count or not all(entry.match(text, at) for at in lines):
        return None
    return lines + [end]


def _compose(text: str):
    """The YAML node tree of ``text``, or None when it cannot be read."""
    try:
        return yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None


_LONG_WORD = re.compile(r"\S{101,}")


def shorten(text: str, keep: int = 40) -> str:
    """``text`` with every run of more than a hundred non-space characters cut to its ends.

    A key or value of 100,000 characters must not fill the screen; its two ends
    and its length say which it is.

    >>> shorten("unknown field '" + "x" * 1000 + "'")
    "unknown field 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…[1,002 characters]…xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'"
    """
    return _LONG_WORD.sub(lambda m: f"{m[0][:keep]}…[{len(m[0]):,} characters]…{m[0][-keep:]}", text)


def inert(text: str) -> str:
    """``text`` with every control, format and line-separator character escaped (``\\x1b``).

    Messages quote what the files say; a terminal must not act on it (ANSI escape
    sequences, bidirectional overrides) and one problem stays one line, so a value
    holding a line break cannot forge another report line.

    >>> inert("leads\\x1b[2J\\nx.yaml:1:1: error: forged")
    'leads\\\\x1b[2J\\\\nx.yaml:1:1: error: forged'
    """
    if text.isprintable():
        return text
    return "".join(map(_inert_char, text))


def _inert_char(ch: str) -> str:
    """One character as :func:`inert` writes it: itself when printable (or a space), else escaped."""
    if ch.isprintable() or ch == " ":
        return ch
    escaped = repr(ch)[1:-1]
    return escaped if escaped != ch else f"\\u{ord(ch):04x}"


def _mark_at(node, path: KeyPath, on_key: bool):
    """The start mark of the node at ``path``, or of its deepest existing ancestor."""
    mark = node.start_mark if node is not None else None
    for i, step in enumerate(path):
        found = _child(node, step)
        if found is None:
            return mark
        key, node = found
        mark = _step_mark(key, node, on_key and i == len(path) - 1)
    return mark


def _step_mark(key, node, on_key: bool):
    """The start mark of a step's key when ``on_key`` (and it has one), else of its value."""
    return key.start_mark if on_key and key is not None else node.start_mark


def _child(node, step):
    """(key node or None, value node) of ``step`` in a mapping or sequence node; None when absent."""
    if isinstance(node, yaml.MappingNode):
        return next(((key, value) for key, value in node.value if _is_key(key, step)), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return None, node.value[step]
    return None


def _is_key(key, step) -> bool:
    """Whether mapping key node ``key`` is the key ``step`` (text, or the number or date YAML made of it)."""
    if isinstance(step, str) or not isinstance(key, yaml.ScalarNode):
        return key.value == step
    try:
        value = yaml.load(key.value, Loader=yaml.CSafeLoader) if key.style not in ("'", "\"") else key.value
    except yaml.YAMLError:
        return False
    return type(value) is type(step) and value == step


def suggest(word: str, choices) -> str | None:
    """``did you mean 'x'?`` for the closest of ``choices``, or None."""
    import difflib  # only when something is misspelt

    by_lower = {str(c).lower(): c for c in choices}
    w = str(word).lower()
    # a shared stem says more than edit distance: "leads" -> "leader_of", not "aids"
    match = _same_stem(w, by_lower) or difflib.get_close_matches(w, list(by_lower), n=1, cutoff=0.6)
    return f"did you mean '{by_lower[match[0]]}'?" if match else None


def _same_stem(word: str, choices) -> list[str]:
    """The first of ``choices`` (alphabetically) that starts with ``word``'s stem of four letters or more."""
    stem = word.rstrip("s")
    return sorted(c for c in choices if c.startswith(stem))[:1] if len(stem) >= 4 else []


def line_col(text: str, at: int) -> tuple[int, int]:
    r"""1-based line and column of character ``at``, counting only '\n' as a line break.

    >>> line_col("ab\ncd", 4)
    (2, 2)
    """
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
