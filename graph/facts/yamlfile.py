"""Reading one fact file safely: plain data out, or a clear problem.

PyYAML's C parser does the work (:func:`read_strictly`). On top of it: only plain data (no custom
tags, no anchors or aliases, so no alias bombs), no duplicate keys (PyYAML
would silently keep the last one), UTF-8 only, and a size limit. The one
speed-up, a faster parser for files it is sure to read the same, is consulted
through :func:`_accelerated_load`, last in this module.

>>> data, problems = read_yaml_text("x.yaml", "actors:\\n  - id: a\\n    id: b\\n")
>>> print(problems[0].format())
x.yaml:3:5: error: duplicate key 'id' (first at line 2)
    hint: a mapping may name each key once; merge the two entries
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from graph import speedups
from graph.facts.pitfalls import (long_key, odd_indentation, pitfall_of_bool, pitfall_of_float, pitfall_of_int,
                                  pitfall_of_tag)
from graph.problems import Problem, line_col
from graph.speedups.fastyaml import UNSURE, fast_load

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _StrictLoader(yaml.CSafeLoader):
    """Safe loading that also rejects aliases, duplicate keys, deep nesting and the YAML 1.1 pitfalls.

    A pitfall (:mod:`graph.facts.pitfalls`) does not stop the reading: each is
    kept in ``pitfalls`` as (mark, message, hint), so a file's are all reported at once.
    """

    def __init__(self, stream):
        super().__init__(stream)
        self.pitfalls: list[tuple[yaml.Mark, str, str]] = []

    def _pitfall(self, node, found) -> bool:
        if found is not None:
            self.pitfalls.append((node.start_mark, *found))
        return found is not None

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "anchors and aliases (&name / *name) are not allowed in fact files",
                node.start_mark)
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _ in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise yaml.constructor.ConstructorError(
                        None, None, "merge keys ('<<') are not allowed in fact files", key_node.start_mark)
                if key in seen:
                    raise _DuplicateKey(
                        None, None, f"duplicate key '{key}' (first at line {seen[key].line + 1})",
                        key_node.start_mark)
                seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node):
        if self._pitfall(node, pitfall_of_int(node.value)):
            return node.value
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # Python refuses to convert integers of thousands of digits
            raise yaml.constructor.ConstructorError(
                None, None, f"number too long ({len(node.value)} characters)", node.start_mark) from None


    def construct_yaml_bool(self, node):
        return node.value if self._pitfall(node, pitfall_of_bool(node.value)) else super().construct_yaml_bool(node)

    def construct_yaml_float(self, node):
        return node.value if self._pitfall(node, pitfall_of_float(node.value)) else super().construct_yaml_float(node)

    def construct_collection_tag(self, node):
        self._pitfall(node, pitfall_of_tag(node.tag))
        return None

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:  # 1980-02-30: not a day of the calendar; the date check says why
            return node.value


_StrictLoader.add_constructor("tag:yaml.org,2002:int", _StrictLoader.construct_yaml_int)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)
_StrictLoader.add_constructor("tag:yaml.org,2002:bool", _StrictLoader.construct_yaml_bool)
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _StrictLoader.construct_yaml_float)
for _tag in ("set", "omap", "pairs", "binary"):
    _StrictLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _StrictLoader.construct_collection_tag)


def _too_deep(root: yaml.Node) -> tuple[str, yaml.Node] | None:
    """``("deep", node)`` past MAX_DEPTH, ``("alias", node)`` for a node reached twice, else None.

    Iterative, and each node is visited once: an alias bomb (a few lines whose
    aliases expand to billions of nodes) is caught at its first repeat.
    """
    seen: set[int] = set()
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            return "alias", node
        seen.add(id(node))
        if depth > MAX_DEPTH:
            return "deep", node
        stack.extend((child, depth + 1) for child in _children_last_first(node))
    return None


def _children_last_first(node: yaml.Node) -> list[yaml.Node]:
    """A collection node's children in reverse order (a mapping's value before its key), for a stack."""
    if isinstance(node, yaml.MappingNode):
        return [child for key, value in reversed(node.value) for child in (value, key)]
    return node.value[::-1] if isinstance(node, yaml.SequenceNode) else []


# libyaml's composer recurses in C: a few tens of thousands of nested '[' crash
# the process. Nesting is bounded cheaply from the text; only a text that might
# nest deeper than this is scanned event by event (iteratively) before composing.
_SAFE_DEPTH = 1000
_BLOCK_PREFIX = re.compile(r"^[ \t?-]*", re.M)
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")  # each sought first in the text: faster than the class


def _might_nest_deep(text: str) -> bool:
    flow = text.count("[") + text.count("{")
    if flow > _SAFE_DEPTH:
        return True
    # open block collections sit at strictly increasing columns (bar indentless sequences),
    # each within its line's prefix of indentation and '- ' / '? ' indicators
    prefix = max(map(len, _BLOCK_PREFIX.findall(text)), default=0)
    return flow + 2 * (prefix + 1) + 1 > _SAFE_DEPTH


def _deep_event(text: str) -> yaml.Event | None:
    """The first collection start nested deeper than MAX_DEPTH, found without composing."""
    # libyaml may refuse deep nesting itself, before the first event and in words of its
    # own; the pure-Python parser has no such limit, so it is asked when libyaml gives up
    for loader in (yaml.CSafeLoader, yaml.SafeLoader):
        try:
            return _deep_event_parsed(text, loader)
        except yaml.YAMLError:
            continue
    return None  # reported, with its place, by the composer (no deeper than this)


def _deep_event_parsed(text: str, loader) -> yaml.Event | None:
    """The first collection start deeper than MAX_DEPTH as ``loader`` parses ``text`` (may raise)."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH + 1:
                return event
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def read_yaml_text(name: str, text: str) -> tuple[object, list[Problem]]:
    """Parse ``text`` (the contents of file ``name``) into plain data."""
    odd = _ODD_BREAK.search(text) if not text.isascii() and any(ch in text for ch in "\x85\u2028\u2029") else None
    if odd:  # YAML reads these as line breaks, editors do not show them: lines would not match
        line, col = line_col(text, odd.start())
        return None, [Problem(name, f"invisible line separator U+{ord(odd[0]):04X} in the text", line=line, col=col,
                              hint="delete it (YAML takes it for a line break); in a \"double-quoted\" "
                                   "string it may be written as an escape, \\L, \\P or \\N")]
    odd = odd_indentation(text)
    if odd:  # YAML takes it for text, not indentation: the line would mean something else
        return None, [_odd_space_problem(name, text, at, ch) for at, ch in odd]
    data = _accelerated_load(text)
    if data is not UNSURE:
        return data, []
    return read_strictly(name, text)


def _odd_space_problem(name: str, text: str, at: int, ch: str) -> Problem:
    line, col = line_col(text, at)
    what = unicodedata.name(ch, "space").lower()
    return Problem(name, f"{what} (U+{ord(ch):04X}) in the indentation", line=line, col=col,
                   hint="indent with plain spaces; YAML reads this character as text, not indentation")


def read_strictly(name: str, text: str) -> tuple[object, list[Problem]]:
    """Parse ``text`` with the strict PyYAML reader: the data, or the problem with its line and column.

    >>> read_strictly("x.yaml", "a: [1, 2]\\n")
    ({'a': [1, 2]}, [])
    """
    loader = _StrictLoader(text)
    try:
        return _compose_and_construct(name, text, loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(name, text, exc)]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, at a byte offset
        return None, [_character_problem(name, text, exc)]
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        return None, [Problem(name, f"malformed YAML: {exc}")]
    finally:
        loader.dispose()


def _compose_and_construct(name: str, text: str, loader: _StrictLoader) -> tuple[object, list[Problem]]:
    if _might_nest_deep(text):
        event = _deep_event(text)
        if event is not None:
            return None, [_deep_problem(name, event.start_mark)]
    root = loader.get_single_node()
    if root is None:
        return None, []
    found = _too_deep(root)
    if found is None:
        return _constructed(name, text, loader, root)
    kind, node = found
    if kind == "deep":
        return None, [_deep_problem(name, node.start_mark)]
    m = node.start_mark
    return None, [Problem(name, "anchors and aliases (&name / *name) are not allowed in fact files",
                          line=m.line + 1, col=m.column + 1, hint="write the value out in full")]


def _constructed(name: str, text: str, loader: _StrictLoader, root: yaml.Node) -> tuple[object, list[Problem]]:
    """The data of a composed document, or the YAML 1.1 pitfalls the loader met building it."""
    data = loader.construct_document(root)
    if not loader.pitfalls:
        return data, []
    also = " (the reader follows YAML 1.1 whatever the %YAML directive says)" if "%YAML" in text else ""
    return None, [Problem(name, message, line=m.line + 1, col=m.column + 1, hint=hint + also)
                  for m, message, hint in loader.pitfalls]


def _syntax_problem(name: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark, message = _where_and_what(exc)
    lines = text.splitlines()
    line_text = lines[mark.line] if mark and mark.line < len(lines) else ""
    hint = _hint_for(message + (" tab" if "\t" in line_text[:mark.column + 1] else ""), exc)
    runaway = _runaway_quote(text, exc)
    if runaway is not None:  # point at the quote that was never closed, not where YAML gave up
        mark, end = runaway
        message = ("quoted text is not closed on its line: it runs on to "
                   f"{'the end of the file' if end is None else f'line {end + 1}'} ({exc.problem})")
        hint = "close the quote; inside \"…\" write a quote as \\\", inside '…' as ''"
    elif exc.context == "while scanning a simple key" and exc.context_mark is not None:
        mark = exc.context_mark  # the key missing its ':' is here; YAML noticed a line later
        message, hint = long_key(text, mark.line, mark.column) or (f"{exc.problem} after this key", hint)
    line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
    return Problem(name, message, line=line, col=col, hint=hint)


def _where_and_what(exc: yaml.MarkedYAMLError) -> tuple[yaml.Mark | None, str]:
    """Where PyYAML places an error, and its words (with the context's line when elsewhere)."""
    mark = exc.problem_mark or exc.context_mark
    message = exc.problem or exc.context or "malformed YAML"
    if exc.context and exc.context_mark and exc.context_mark is not mark:
        message += f" ({exc.context} at line {exc.context_mark.line + 1})"
    return mark, message


def _character_problem(name: str, text: str, exc: yaml.reader.ReaderError) -> Problem:
    at = len(text.encode("utf-8")[:exc.position].decode("utf-8", errors="ignore"))
    line, col = line_col(text, at)
    return Problem(name, f"{exc.reason}: character U+{exc.character:04X}", line=line, col=col,
                   hint="delete the invisible character; in a \"double-quoted\" string "
                        f"it may be written as an escape, \\x{exc.character:02x}"
                        if exc.character < 0x100 else "delete the character")


def _runaway_quote(text: str, exc: yaml.MarkedYAMLError) -> tuple[yaml.Mark, int | None] | None:
    """(start mark, last line) of a quoted string left open that swallowed the lines after it."""
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        return exc.context_mark, None
    if exc.problem_mark is None or isinstance(exc, yaml.constructor.ConstructorError):
        return None
    last = _last_multiline_quote(text, exc.problem_mark.line)
    return (last.start_mark, last.end_mark.line) if last is not None else None


def _last_multiline_quote(text: str, line: int):
    """The last quoted scalar that starts above ``line`` and ends on it, or None."""
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.CSafeLoader):
            if token.start_mark.line > line:
                break
            if (isinstance(token, yaml.ScalarToken) and token.style in ("'", '"')
                    and token.start_mark.line < token.end_mark.line == line):
                last = token
    except yaml.YAMLError:
        pass
    return last


def _deep_problem(name: str, mark) -> Problem:
    return Problem(name, f"nesting deeper than {MAX_DEPTH} levels", line=mark.line + 1, col=mark.column + 1,
                   hint="fact files are at most a few levels deep")


# what to do about a YAML error, by words in its message: the first that matches
_HINTS = (
    (("tag",), "fact files hold plain text, numbers, lists and mappings; remove the '!' tag"),
    (("alias",), "write the value out in full"),
    (("merge keys",), "write every key out in full"),
    (("number too long",), "put text in quotes; a figure this long is not a number"),
    (("Unicode character escape",),
     "a '\\u' escape must name a real character; surrogates (\\ud800-\\udfff) are not allowed"),
    (("tab", "\t"), "indent with spaces, not tabs"),
    (("expected <document start>", "but found another document"),
     "one document per file: remove the '---' separator or split the file"),
    (("could not find expected ':'", "mapping values are not allowed"),
     "check the indentation and that every 'key: value' has a space after the colon"),
    (("quoted scalar",), "a quoted string is not closed; check its closing quote"),
    (("flow", "expected ',' or"), "a '[' or '{' is not closed, or a ',' is misplaced"),
)


def _hint_for(message: str, exc: Exception) -> str:
    if isinstance(exc, _DuplicateKey):
        return "a mapping may name each key once; merge the two entries"
    return next((hint for needles, hint in _HINTS if any(n in message for n in needles)),
                "check the YAML syntax near this place")


def read_yaml_file(path: Path, display: str) -> tuple[object, list[Problem]]:
    """Read and parse a fact file, turning byte-level trouble into problems."""
    raw, problem = _read_bytes(path, display)
    if problem is None:
        problem = _byte_problem(raw, display)
    if problem is not None:
        return None, [problem]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(display, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", line=line, col=col,
                              hint="save the file as UTF-8 (it may be Latin-1 or Windows-1252)")]
    return read_yaml_text(display, text)


def _read_bytes(path: Path, display: str) -> tuple[bytes, Problem | None]:
    """A fact file's bytes, or the problem of a file too big or unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return b"", Problem(display, f"file is {size / 2**20:.0f} MB, over the {MAX_BYTES // 2**20} MB limit",
                                line=1, col=1, hint="split the facts into several files")
        with open(path, "rb") as handle:  # never more than the limit, even if the file grows meanwhile
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return b"", Problem(display, f"file is over the {MAX_BYTES // 2**20} MB limit", line=1, col=1,
                                hint="split the facts into several files")
    except OSError as exc:
        return b"", Problem(display, f"cannot read file: {exc.strerror}", line=1, col=1,
                            hint="check the file's permissions, or that it still exists")
    return raw, None


def _byte_problem(raw: bytes, display: str) -> Problem | None:
    """The problem of bytes that are not UTF-8 text: a UTF-16/32 byte-order mark or a NUL byte."""
    for bom, encoding in ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
                          (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16")):
        if raw.startswith(bom):
            return Problem(display, f"file is {encoding} text, not UTF-8", line=1, col=1,
                           hint="save the file as UTF-8")
    if b"\x00" not in raw:
        return None
    at = raw.index(b"\x00")
    line = raw.count(b"\n", 0, at) + 1
    return Problem(display, "file contains a NUL byte", line=line, col=at - (raw.rfind(b"\n", 0, at) + 1) + 1,
                   hint="fact files are UTF-8 text; this looks like a binary file")


def _accelerated_load(text: str):
    """The accelerator's reading of ``text`` (:mod:`graph.speedups.fastyaml`), or UNSURE.

    UNSURE when the speed-ups are off (``KG_SPEEDUPS=0``) or the fast parser is not
    certain to agree with :func:`read_strictly`; the strict reader then decides.
    """
    if not speedups.enabled():
        return UNSURE
    return fast_load(text, MAX_DEPTH)
