"""YAML 1.1 pitfalls: plain values PyYAML reads as something the writer did not mean.

PyYAML follows YAML 1.1 whatever ``%YAML`` directive a file carries: ``010000``
is the octal number 4096, ``1:20`` the base-60 number 80, ``yes``/``no``/``on``/``off``
are true and false, ``!!set {a, b}`` an unordered set. A fact file never means
these, so each is an error telling the writer to quote the value.

>>> pitfall_of_int("010000")
("'010000' would be read as the octal number 4096", 'put it in quotes ("010000") to keep it as written')
>>> pitfall_of_int("1:20")[0]
"'1:20' would be read as the base-60 number 80"
>>> pitfall_of_bool("yes")[0]
"'yes' would be read as true"
>>> pitfall_of_int("1992") is None and pitfall_of_bool("true") is None
True
"""

from __future__ import annotations

import os

import re

_LEADING_ZERO = re.compile(r"^[-+]?0[0-7_]+$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
# the words YAML 1.1 reads as true or false that YAML 1.2 (and a reader of the file) takes for words
_WORD_BOOLEANS = {"yes": True, "no": False, "on": True, "off": False}
_COLLECTION_TAGS = {"set": "an unordered set", "omap": "an ordered map", "pairs": "a list of pairs",
                    "binary": "binary data"}


def _quote_hint(text: str) -> str:
    return f'put it in quotes ("{text}") to keep it as written'


def pitfall_of_int(text: str) -> tuple[str, str] | None:
    """(message, hint) when plain ``text`` is a YAML 1.1 integer nobody writes on purpose, else None."""
    if _LEADING_ZERO.match(text):
        value = int(text.replace("_", ""), 8)
        return f"'{text}' would be read as the octal number {value}", _quote_hint(text)
    if ":" in text and _SEXAGESIMAL.match(text):
        return f"'{text}' would be read as the base-60 number {_base60(text)}", _quote_hint(text)
    return None


def pitfall_of_float(text: str) -> tuple[str, str] | None:
    """(message, hint) for a base-60 float such as ``1:20.5``, else None."""
    if ":" in text and _SEXAGESIMAL.match(text):
        return f"'{text}' would be read as the base-60 number {_base60(text)}", _quote_hint(text)
    return None


def pitfall_of_bool(text: str) -> tuple[str, str] | None:
    """(message, hint) when plain ``text`` is ``yes``/``no``/``on``/``off`` (any case), else None."""
    value = _WORD_BOOLEANS.get(text.lower())
    if value is None:
        return None
    return f"'{text}' would be read as {str(value).lower()}", _quote_hint(text)


def pitfall_of_tag(tag: str) -> tuple[str, str] | None:
    """(message, hint) for ``!!set``, ``!!omap``, ``!!pairs`` or ``!!binary``, else None.

    >>> pitfall_of_tag("tag:yaml.org,2002:set")[1]
    'write a list instead: aliases: [a, b]'
    """
    kind = _COLLECTION_TAGS.get(tag.rsplit(":", 1)[-1]) if tag.startswith("tag:yaml.org,2002:") else None
    if kind is None:
        return None
    return (f"'!!{tag.rsplit(':', 1)[-1]}' makes {kind}, which fact files do not hold",
            "write a list instead: aliases: [a, b]")


def _base60(text: str) -> int | float:
    sign = -1 if text.startswith("-") else 1
    value: int | float = 0
    for part in text.lstrip("+-").replace("_", "").split(":"):
        value = value * 60 + (float(part) if "." in part else int(part))
    return sign * value


# white space other than the space, where YAML wants spaces: editors show it as a space, YAML as text
_ODD_SPACES = "\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200b))) + "\u202f\u205f\u3000\ufeff"
_ODD_INDENT = re.compile(f"^[ \t-]*([{_ODD_SPACES}])", re.M)


def odd_indentation(text: str) -> list[tuple[int, str]]:
    """(offset, character) of each line whose indentation holds a no-break or other non-ASCII space.

    >>> odd_indentation("a:\\n  b: 1\\n\\u00a0 c: 2\\n")
    [(10, '\\xa0')]
    """
    # the pattern has no character to scan for: tried at every line, so only where such a space is at all
    if text.isascii() or not any(ch in text for ch in _ODD_SPACES):
        return []
    return [(m.start(1), m[1]) for m in _ODD_INDENT.finditer(text)]


# an ``id:`` key, in block (``- id: x``) or flow (``{id: x, …}``) style, and its plain or quoted value
_ID_KEY = re.compile(r"""(?:^|[{,])[ \t-]*id[ \t]*:[ \t]+["']?([^\s"'#,{}\[\]]+)""", re.M)
SCAN_LIMIT = 20 * 2 ** 20  # the largest unreadable file looked at for its ids: the fact-file size limit


def ids_written(path) -> set[str]:
    """The ids a fact file names in ``id:`` keys, read line by line: for a file YAML cannot read, so that
    references to what it defines are not reported too (one root cause, one error).

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
    ...     _ = f.write('sources:\\n  - id: excerpt\\n    title: "open\\n  - {id: "other", title: x}\\n')
    >>> sorted(ids_written(f.name)); os.unlink(f.name)
    ['excerpt', 'other']
    """
    try:
        if os.path.getsize(path) > SCAN_LIMIT:  # refused for its size, unread: what it defines is not known
            return set()
        with open(path, "rb") as handle:
            text = handle.read(SCAN_LIMIT).decode("utf-8", "replace")
    except OSError:
        return set()
    return {m[1] for m in _ID_KEY.finditer(text)}


MAX_KEY = 1024  # YAML's longest simple key: past it a plain key's ':' is not seen
_KEY_END = re.compile(r":(?:[ \t]|$)")


def long_key(text: str, line: int, column: int) -> tuple[str, str] | None:
    """(message, hint) when the key at ``line``, ``column`` (0-based) is longer than YAML allows, else None.

    >>> long_key("k" * 2000 + ": 1\\n", 0, 0)[0]
    "a key of 2,000 characters: YAML reads at most 1,024 before the ':'"
    >>> long_key("name Someone\\n", 0, 0) is None
    True
    """
    lines = text.splitlines()
    rest = lines[line][column:] if line < len(lines) else ""
    end = _KEY_END.search(rest)
    if end is None or end.start() <= MAX_KEY:
        return None
    return (f"a key of {end.start():,} characters: YAML reads at most {MAX_KEY:,} before the ':'",
            "keys are field names such as 'name' or 'aliases'; put long text in a value")
