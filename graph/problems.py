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

import difflib
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

    def add(self, *args, **kwargs) -> None:
        self.problems.append(Problem(*args, **kwargs))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def locate(self) -> None:
        """Give every problem a line and column, composing only the files concerned."""
        roots = {file: root for file in self._files_to_locate() if (root := _compose(file)) is not None}
        for p in self.problems:
            _locate(p, roots)
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


def _locate(p: Problem, roots: dict) -> None:
    """Turn ``p``'s key paths into lines and columns, in the files composed in ``roots``."""
    mark = _own_mark(p, roots)
    if mark is not None:
        p.line, p.col = mark.line + 1, mark.column + 1
    see = _mark_at(roots[p.see[0]], p.see[1], False) if p.see and p.see[0] in roots else None
    if see is not None:
        p.see = (f"{p.see[0]}:{see.line + 1}:{see.column + 1}", ())


def _own_mark(p: Problem, roots: dict):
    """The mark of ``p``'s key path in its own file, when it has no line yet and the file was composed."""
    return _mark_at(roots[p.file], p.path, p.on_key) if p.line is None and p.path and p.file in roots else None


def _compose(file: str):
    """The YAML node tree of ``file``, or None when it cannot be read."""
    try:
        return yaml.compose(Path(file).read_text(encoding="utf-8-sig"), Loader=yaml.CSafeLoader)
    except (OSError, UnicodeError, yaml.YAMLError):
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
