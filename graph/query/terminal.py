"""Text for a terminal: control characters made visible, widths counted in columns.

>>> inert("red\\x1b[31m alert\\nnext")
'red\\\\x1b[31m alert next'
>>> width("日本"), cut("abcdef", 4)
(4, 'abc…')
"""

from __future__ import annotations

import unicodedata

_BIDI = {0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def _safe(ch: str) -> str:
    o = ord(ch)
    if ch in "\t\n\r\v\f":
        return " "
    if o < 0x20 or 0x7F <= o < 0xA0:
        return f"\\x{o:02x}"
    if o in _BIDI or unicodedata.category(ch) in ("Zl", "Zp"):
        return f"\\u{o:04x}"
    return ch


def inert(text: str) -> str:
    """Text safe to print on a terminal: tabs and line breaks become spaces; other control
    characters (ESC, BEL, C1 codes, bidirectional overrides) are shown as escapes."""
    return "".join(map(_safe, str(text)))


def char_width(c: str) -> int:
    return 0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1


def width(s: str) -> int:
    """Columns ``s`` takes on a terminal (wide East Asian characters count two, combining marks none)."""
    return sum(map(char_width, s))


def cut(s: str, limit: int) -> str:
    """``s`` cut to ``limit`` columns, ending in "…" when something was cut (``limit`` 0: no cut).

    >>> cut("abcd", 4), cut("日本語テキスト", 6)
    ('abcd', '日本…')
    """
    if not limit or len(s) <= limit and width(s) <= limit:
        return s
    out, used = [], 0
    for c in s:
        used += char_width(c)
        if used > limit - 1:
            return "".join(out) + "…"
        out.append(c)
    return s
