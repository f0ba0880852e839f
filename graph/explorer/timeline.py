"""The explorer's timeline: dated entities (events) and dated statements on a time axis.

Each item points at a node or an edge by its position in the page's lists, with
the dates the facts file gives (a year or a month stands for its first day, an
end for its last): a point for a date, a range for a period, a point with
"from" for a period with an open end. Undated facts are not on the timeline.

>>> iso_day("1980"), iso_day("1992-09"), iso_day("1992", end=True), iso_day("1992-02", end=True)
('1980-01-01', '1992-09-01', '1992-12-31', '1992-02-29')
>>> timeline_items([{"label": "Capture", "date": "2012-02"}], [])
[{'node': 0, 'start': '2012-02-01', 'group': 'happenings', 'content': 'Capture'}]
"""

from __future__ import annotations

import calendar
from functools import lru_cache

LANES = [{"id": "happenings", "content": "Events"}, {"id": "acts", "content": "Dated acts and observations"},
          {"id": "periods", "content": "Periods"}]
DATED_LANES = {"node": "happenings", "edge": "acts"}  # the lane of a dated node's or edge's point


@lru_cache(maxsize=16384)
def iso_day(value, end: bool = False) -> str:
    """A full date for a year, year-month or date: the first day, or with ``end`` the last."""
    parts = str(value).split("-")
    year = int(parts[0])
    if len(parts) >= 3:
        return f"{year:04d}-{int(parts[1]):02d}-{int(parts[2]):02d}"
    month = int(parts[1]) if len(parts) == 2 else (12 if end else 1)
    day = calendar.monthrange(year, month)[1] if end else 1
    return f"{year:04d}-{month:02d}-{day:02d}"


def _item(record: dict, group_if_dated: str) -> dict | None:
    """A record's place on the timeline: a point for a date, else its period (``None`` if undated)."""
    date = record.get("date")
    if date is not None:
        return {"start": iso_day(date), "group": group_if_dated}
    return _period(record.get("start"), record.get("end"))


def _period(start, end) -> dict | None:
    """A period's item: a range, or a point open to the future or marked "until" (``None`` without either end)."""
    if start is None:
        return None if end is None else {"start": iso_day(end, end=True), "group": "periods", "until": True}
    if end is None:
        return {"start": iso_day(start), "group": "periods", "open": True}
    return {"start": iso_day(start), "end": iso_day(end, end=True), "group": "periods"}


def _placed(records: list, group_if_dated: str):
    """``(position, record, item)`` for each record that is on the timeline, in order."""
    for i, record in enumerate(records):
        item = _item(record, group_if_dated)
        if item:
            yield i, record, item


def timeline_items(nodes: list, edges: list) -> list:
    """The timeline's items for the page's node and edge records (each carrying its raw dates)."""
    out = [{"node": i, **item, "content": n["label"]} for i, n, item in _placed(nodes, "happenings")]
    return out + [{"edge": k, **item} for k, _, item in _placed(edges, "acts")]
