"""The dates the fast YAML path makes, as PyYAML would: a plain ``YYYY-MM-DD`` is a date, a quoted one text.

yaml-rs (:mod:`graph.speedups.fastyaml`) reads every date as text; the texts
that are whole dates are turned into dates where the file wrote them plain,
and the fast path stands aside where it cannot tell.

>>> data = {"date": "1992-09-12", "note": "1992-09-13"}
>>> dates_made('date: 1992-09-12\\nnote: "1992-09-13"\\n', [(1, data, "date"), (3, data, "note")],
...            "date\\0" "1992-09-12\\0" "note\\0" "1992-09-13"), data["date"], data["note"]
(True, datetime.date(1992, 9, 12), '1992-09-13')
"""

from __future__ import annotations

import datetime as _dt
import re

from graph.speedups.yamlwords import MAKING_ESCAPE, QUOTES

# a date written so that it might not be a plain scalar: alone on a line (a block scalar), escaped
_DATE_ALONE = re.compile(r"\n[ ]*[0-9]{4}-[0-9]{2}-[0-9]{2}[ ]*(?:\n|$)")


def _not_plain_date(text: str) -> bool:
    """True when a date might be written alone on a line (a block scalar) or made by an escape."""
    return (text[:1].isdigit() or MAKING_ESCAPE.search(text) is not None
            or _DATE_ALONE.search(text) is not None)


def _as_date(s: str):
    """The date PyYAML makes of plain ``s`` (YYYY-MM-DD), or None (not a date of the calendar)."""
    try:
        return _dt.date(int(s[:4]), int(s[5:7]), int(s[8:10]))
    except ValueError:
        return None


def dates_made(text: str, dates: list, joined: str) -> bool:
    """Turn the plain ``YYYY-MM-DD`` texts of ``dates`` (each ``(index in the texts, container, key)``) into
    dates, as PyYAML would; False when unsure.

    Each date-like run in the file is matched, in order, with those in the
    texts yaml-rs gave (no escape makes one: :func:`_not_plain_date`); when
    they pair up one to one, a text that is a whole date was quoted exactly
    when a quote stands before it in the file. A date in a comment leaves one
    unpaired: unsure.
    """
    if _not_plain_date(text):
        return False
    if len(_DATE_RUN.findall(text)) != len(_DATE_RUN.findall(joined)):  # a NUL is no digit: runs stay apart
        return False
    if _QUOTED_DATE.search(text) is None:  # every date in the file is plain: every whole-date text a date
        return all(_made_date(node, key, False) for _, node, key in dates)
    at = [m.start() - 4 for m in _DATE_RUN.finditer(text)]
    starting = _runs_starting_texts(joined)
    return all(_made_date(node, key, text[at[starting[i]] - 1] in QUOTES) for i, node, key in dates)


def _runs_starting_texts(joined: str) -> dict[int, int]:
    """``{text index: run number}`` for each date-like run of ``joined`` (texts joined by NULs) that starts
    a text: the NULs before it counted from the run before, never a length of every text added up.

    >>> _runs_starting_texts("a\\0x 1992-01-02\\0" "1992-02-03")
    {2: 1}
    """
    starting, index, searched = {}, 0, 0
    for n, m in enumerate(_DATE_RUN.finditer(joined)):
        start = m.start() - 4
        index += joined.count("\0", searched, start)
        searched = start
        if start == 0 or joined[start - 1] == "\0":
            starting[index] = n
    return starting


# a date-like run: YYYY-MM-DD, no digit either side; matched from its first '-' (which the engine finds
# fast: a run starting with a look-behind was tried at every character), so it starts 4 before the match
_DATE_RUN = re.compile(r"-(?<=(?<![0-9])[0-9]{4}-)[0-9]{2}-[0-9]{2}(?![0-9])")
_QUOTED_DATE = re.compile(r"-(?<=[\"'][0-9]{4}-)[0-9]{2}-[0-9]{2}(?![0-9])")


def _made_date(container, key, quoted: bool) -> bool:
    if quoted:
        return True  # a text in both readers
    date = _as_date(container[key])
    if date is None:
        return False
    container[key] = date
    return True
