"""The fast path for reading a fact file: a Rust YAML parser, when it is sure.

PyYAML builds its Python objects in Python, about 1 s per megabyte of facts.
`yaml-rs <https://pypi.org/project/yaml-rs/>`_ parses the same text some
twenty times faster. It does not keep every rule of the strict reader
(:mod:`graph.facts.yamlfile`): it reads YAML 1.2 (``yes`` is text, ``012`` is
twelve), accepts tags, anchors and several documents, and knows no line and
column worth showing. So :func:`fast_load` answers only when the answer is
certainly the strict reader's, and otherwise says :data:`UNSURE`, and the
strict reader reads the file — every file with an error among them, so errors
keep their exact messages, lines and columns.

It is unsure when:

* the text holds anything the two parsers may read differently: a character
  PyYAML refuses, a tab or carriage return, a byte-order mark, an anchor,
  alias, tag, directive, document marker, complex key or merge key, a number
  written with a leading zero, an exponent, a bare leading dot or a leading
  underscore;
* yaml-rs fails, or finds a duplicate key;
* any text it returns is one that PyYAML, had it been written unquoted, reads
  as something else (``yes``, ``1:20``, ``~``, ``2015-02-30``…) — the YAML 1.1
  pitfalls among them, which the strict reader reports as errors;
* a line is indented with a no-break space or another non-ASCII space;
* it returns a date-time, a complex key, a very large integer, or data nested
  deeper than the strict reader allows;
* the text might nest deeper than the strict reader's cheap bound.

A file that nothing makes it unsure of is read the same by both: the tests
compare them on every fact file of the project and on generated YAML.

>>> fast_load("actors:\\n  - id: a\\n    date: 1992-02-28\\n    n: 12\\n") if AVAILABLE else "skip"
{'actors': [{'id': 'a', 'date': datetime.date(1992, 2, 28), 'n': 12}]}
>>> fast_load("on: yes\\n") is UNSURE  # PyYAML reads both as true
True
"""

from __future__ import annotations

import re

from yaml.resolver import Resolver

from graph.speedups.yamldates import dates_made
from graph.speedups.yamlwords import checked_words, words_kept

try:
    import yaml_rs as _yaml_rs
except ImportError:  # pragma: no cover - the strict reader does it all
    _yaml_rs = None

AVAILABLE = _yaml_rs is not None
UNSURE = object()

# What sends the file to the strict reader. Conservative on purpose: a false
# alarm costs speed, never correctness. Each pattern starts with a literal
# character so that the regular-expression engine scans for it quickly.
_PRINTABLE_ASCII = b"\n" + bytes(range(0x20, 0x7F))  # no tab, no CR: the strict reader for those
# the characters outside "\n -~\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff", listed:
# the negated class of wide ranges took 20 ms to compile, every run (tests/test_fastyaml.py checks every code point)
_BAD_CHAR = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# in a flow collection, PyYAML refuses a ':' not followed by a space ("[a:b]"); YAML 1.2 does not
# (no opener in the run either: it matches exactly where "[\[{][^\]}]*:" would, from the last
# opener, but in linear time; "[[[[…" unclosed took quadratic time - tests/test_hostile.py)
_FLOW_COLON = re.compile(r"[\[{][^\]}\[{]*:[^ \n]")
# yaml-rs recurses: block nesting is bounded by twice the longest line, flow nesting it
# limits itself; past this bound the strict reader (which counts iteratively) decides
_MAX_LINE = 2000  # so no deeper than about 4,000 levels; yaml-rs is tested to 10,000


_KEY_START = re.compile(r"[ ]*(?:-[ ]+)*")


def _odd_block_scalar(text: str) -> bool:
    """True unless every block scalar is of the plain kind both parsers agree on.

    That is ``key: >-`` (or ``|``, ``|-``, ``>``) ending its line, then a
    non-blank line indented deeper than the key; a '|' or '>' elsewhere is
    text, or something the strict reader should judge.
    """
    return any(not _plain_block_scalar(text, at) for at in _found(text, "|>"))


def _found(text: str, chars: str) -> list[int]:
    """Where each of ``chars`` is in ``text``, in order: each sought by ``str.find`` (a pattern of a class
    of them took 25 times longer in a text beyond ASCII).

    >>> _found("a: >-\\n  b | c\\n", "|>")
    [3, 10]
    """
    found = []
    for ch in chars:
        at = text.find(ch)
        while at >= 0:
            found.append(at)
            at = text.find(ch, at + 1)
    return sorted(found)


def _plain_block_scalar(text: str, at: int) -> bool:
    """Whether the '|' or '>' at ``at`` is text, or starts a block scalar both parsers read alike."""
    line_start = text.rfind("\n", 0, at) + 1
    parent = _block_parent(text[line_start:at])
    if parent is None:
        return True  # inside a text: "a > b"
    end = text.find("\n", at)
    if parent < 0 or end < 0 or text[at + 1:end] not in ("", "-"):
        return False  # chomping '+', an indentation indicator, a comment, or no content
    return _body_deeper(text, end, parent)


def _body_deeper(text: str, end: int, parent: int) -> bool:
    """Whether the line after the one ending at ``end`` is not blank and indented deeper than ``parent``."""
    nxt = text.find("\n", end + 1)
    line = text[end + 1:nxt if nxt >= 0 else len(text)]
    body = line.lstrip(" ")
    return bool(body) and len(line) - len(body) > parent  # not empty, nor starting blank


def _block_parent(before: str) -> int | None:
    """The column of the key or '-' a block scalar after ``before`` belongs to; None: it is text; -1: unsure."""
    if before.endswith(": "):
        return _KEY_START.match(before).end()
    if before.endswith("- ") and not before[:-2].strip(" -"):
        return len(before) - 2
    if before.strip(" ") and not before.rstrip(" ").endswith(("[", "{", ",", ":", "-", "?")):
        return None
    return -1


def _odd_character(text: str) -> bool:
    """Whether :data:`_BAD_CHAR` matches in ``text``: sought in its UTF-8 bytes (2.5 times sooner than the
    pattern in a text beyond ASCII), a control by deleting every other byte, a C1 control by its lead byte."""
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _PRINTABLE_ASCII))
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return True
    return (bool(raw.translate(None, _NOT_CONTROL)) or _C1_CONTROL.search(raw) is not None
            or any(ch in text for ch in "\u2028\u2029\ufeff\ufffe\uffff"))


_NOT_CONTROL = _PRINTABLE_ASCII + bytes(range(0x80, 0x100))  # in UTF-8: what is neither a C0 control nor DEL
_C1_CONTROL = re.compile(b"\xc2[\x80-\x9f]")  # U+0080-U+009F in UTF-8


def _document_marker(text: str) -> bool:
    """A merge key, or a document marker (several documents, directives)."""
    return "<<" in text or text.startswith(("---", "...")) or "\n---" in text or "\n..." in text


def _trailing_space(text: str) -> bool:  # block scalars' edge cases
    return " \n" in text or text.endswith(" ")


def _block_scalar(text: str) -> bool:
    return ("|" in text or ">" in text) and _odd_block_scalar(text)


def _flow_colon(text: str) -> bool:
    """Whether :data:`_FLOW_COLON` matches: a ':' not followed by a space whose last bracket before is an
    opener. Such colons are few (a URL's): each is found fast (a pattern starting with one character),
    and the text before it searched for brackets only back to the one before; past a thousand, the pattern.

    >>> _flow_colon("a: [b:c]"), _flow_colon("a: [b] c:d"), _flow_colon("url: http://x")
    (True, False, False)
    """
    if "[" not in text and "{" not in text:
        return False
    searched, inside = 0, False
    for n, m in enumerate(_BARE_COLON.finditer(text)):
        if n == 1000:  # not few: the pattern, in one search
            return _FLOW_COLON.search(text) is not None
        last = max(text.rfind(ch, searched, m.start()) for ch in "[]{}")
        inside = text[last] in "[{" if last >= 0 else inside
        if inside:
            return True
        searched = m.start()
    return False


_BARE_COLON = re.compile(r":[^ \n]")


# a no-break or other non-ASCII space in a line's indentation: the strict reader reports it
_ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\ufeff"
_ODD_INDENT = re.compile(f"^[ \t-]*[{_ODD_SPACES}]", re.M)


def _odd_indentation(text: str) -> bool:
    # the pattern has no literal to scan for: each space sought first (a fast search), the pattern only if one is there
    return (not text.isascii() and any(ch in text for ch in _ODD_SPACES)
            and _ODD_INDENT.search(text) is not None)


def _long_line(text: str) -> bool:
    """Whether a line of ``text`` is longer than :data:`_MAX_LINE`, without cutting the text into lines.

    Such a line holds a whole block of half that length (counted from the start): only the lines
    around blocks with no line break are measured.

    >>> _long_line("a\\n" * 5000), _long_line("a\\n" + "b" * 2001), _long_line("b" * 2000 + "\\n")
    (False, True, False)
    """
    block = _MAX_LINE // 2
    for at in range(0, len(text) if len(text) > _MAX_LINE else 0, block):
        if text.find("\n", at, at + block) < 0:
            end = text.find("\n", at)
            if (end if end >= 0 else len(text)) - (text.rfind("\n", 0, at) + 1) > _MAX_LINE:
                return True
    return False


_RISKS = (_odd_character, _document_marker, _trailing_space, _block_scalar, _flow_colon, _long_line,
          _odd_indentation)


def _risky(text: str) -> bool:
    """True when the two parsers might read ``text`` differently (or yaml-rs might overflow)."""
    return any(risk(text) for risk in _RISKS)


# PyYAML's own table of how it reads unquoted text, by first character
# (one pattern per first character, the table's alternatives joined: one match asked, not one per tag)
_IMPLICIT = {first: re.compile("|".join(f"(?:{regexp.pattern})" for _, regexp in resolvers), re.X)
             for first, resolvers in Resolver.yaml_implicit_resolvers.items() if first is not None}
_MAX_INT_BITS = 63


_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# yaml-rs reads these, unquoted, as integers (tests/test_fastyaml.py checks): as a text they were quoted
_QUOTED_DIGITS = re.compile(r"[-+]?[0-9]{1,18}\Z")

_FIRST = frozenset(_IMPLICIT)


def _not_plain_text(s: str) -> bool:
    """True when PyYAML would read ``s``, written unquoted, as anything but this text."""
    regexp = _IMPLICIT.get(s[:1])
    return regexp is not None and regexp.match(s) is not None


class _Walk:
    """One walk over the data yaml-rs gave: every text in the file's order, and the plain dates among them.

    It is unsure (``ok`` False) of a container nested ``max_depth`` deep, a key
    or number out of the strict reader's range, a date-time or complex key, and
    a text that PyYAML, had it been written unquoted, reads as something else —
    but for a whole ``YYYY-MM-DD`` date, kept as ``(index in texts, container,
    key)`` to turn into a date once the file shows it was not quoted, and for
    digits (yaml-rs reads plain digits as a number: as a text they were quoted).
    """

    def __init__(self, data, max_depth: int):
        self.max_depth, self.texts, self.dates = max_depth, [], []
        self.keys: dict = {}  # each key's verdict, asked once
        if type(data) is str:
            self.texts.append(data)
            self.ok = not _not_plain_text(data)
        elif type(data) is dict or type(data) is list:
            self.ok = self.node(data, 0)
        else:
            self.ok = _scalar_certain(data)

    def node(self, node, depth: int) -> bool:
        if depth >= self.max_depth:
            return False
        return self.mapping(node, depth) if type(node) is dict else self.sequence(node, depth)

    def mapping(self, node: dict, depth: int) -> bool:
        append, keys, first = self.texts.append, self.keys, _FIRST
        for key, value in node.items():
            if type(key) is str:
                append(key)
                verdict = keys.get(key)
                if not (verdict if verdict is not None else self.key(key)):
                    return False
            elif type(key) is not int or key.bit_length() > _MAX_INT_BITS:
                return False
            if type(value) is str:  # the most common value, read here rather than by a call of value()
                if value[:1] in first and not self.text(node, key, value):
                    return False
                append(value)
            elif not self.value(node, key, value, depth):
                return False
        return True

    def sequence(self, node: list, depth: int) -> bool:
        append, first, value_read = self.texts.append, _FIRST, self.value
        for i, value in enumerate(node):
            if type(value) is str:
                if value[:1] in first and not self.text(node, i, value):
                    return False
                append(value)
            elif not value_read(node, i, value, depth):
                return False
        return True

    def value(self, parent, slot, value, depth: int) -> bool:
        """Whether ``value`` (``parent[slot]``, not a text) is read as the strict reader reads it; its texts kept."""
        kind = type(value)
        if kind is str:
            if value[:1] in _FIRST and not self.text(parent, slot, value):
                return False
            self.texts.append(value)
            return True
        return self.node(value, depth + 1) if kind is dict or kind is list else _scalar_certain(value)

    def key(self, key: str) -> bool:
        """Whether text ``key`` is read as that text (asked once per key)."""
        self.keys[key] = verdict = key[:1] not in _FIRST or not _not_plain_text(key)
        return verdict

    def text(self, node, key, value: str) -> bool:
        """Whether ``value`` (its first character one PyYAML may read otherwise) is this text, or a date."""
        if not _not_plain_text(value) or _QUOTED_DIGITS.match(value):
            return True
        if not _DATE.match(value):
            return False
        self.dates.append((len(self.texts), node, key))
        return True


def _scalar_certain(node) -> bool:
    kind = type(node)
    if kind is int:
        return node.bit_length() <= _MAX_INT_BITS
    return kind is float or kind is bool or node is None  # not date-times, tuples (complex keys)…


def fast_load(text: str, max_depth: int = 64):
    """The data of YAML ``text`` as the strict reader would give it, or :data:`UNSURE`."""
    if _yaml_rs is None or _risky(text):
        return UNSURE
    words = checked_words(text)
    if words is None:
        return UNSURE
    try:
        data = _yaml_rs.loads(text, parse_datetime=False,
                              duplicate_key_policy=_yaml_rs.DuplicateKeyPolicy.Error)
    except Exception:  # noqa: BLE001 - any trouble at all: the strict reader says what it is
        return UNSURE
    walk = _Walk(data, max_depth)
    if not walk.ok:
        return UNSURE
    joined = "\0".join(walk.texts)  # no text holds a NUL (_odd_character): the texts one string, kept apart
    if words and not words_kept(words, joined, text):
        return UNSURE
    if walk.dates and not dates_made(text, walk.dates, joined):
        return UNSURE
    return data
