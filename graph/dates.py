"""Dates as the fact files write them: a year, a year and month, or a full date.

>>> parse_date(1992)
PartialDate(year=1992, month=None, day=None)
>>> str(parse_date("2012-02"))
'2012-02'
>>> parse_date("2015-02-30")
Traceback (most recent call last):
...
ValueError: 2015-02-30 is not a day of the calendar (February 2015 has 28 days)
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

XSD = "http://www.w3.org/2001/XMLSchema#"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def xsd_type(self) -> str:
        kind = "date" if self.day is not None else "gYearMonth" if self.month is not None else "gYear"
        return XSD + kind

    def first_day(self) -> tuple[int, int, int]:
        return (self.year, self.month or 1, self.day or 1)

    def last_day(self) -> tuple[int, int, int]:
        month = self.month or 12
        return (self.year, month, self.day or calendar.monthrange(self.year, month)[1])


def parse_date(value: object) -> PartialDate:
    """Parse ``1992``, ``"1992"``, ``"1992-04"`` or ``"1992-04-05"`` (YAML may give a date)."""
    if isinstance(value, _dt.datetime):  # YAML reads 2012-02-01 10:00 as a time: that is not a date
        raise ValueError(f"{value.isoformat(sep=' ')} is a date and a time; give the date only")
    if isinstance(value, _dt.date):
        return PartialDate(value.year, value.month, value.day)
    return _parse_text(_as_text(value))


def _as_text(value: object) -> str:
    """The text of a date written as a number or text (80 is not 1980, nor the year 0080)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date")
    return value


def _parse_text(value: str) -> PartialDate:
    m = _DATE.match(value.strip())
    if not m:
        raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{value} has no month {month} (months run 01 to 12)")
    if day is not None:
        _check_day(value, year, month, day)
    return PartialDate(year, month or None, day or None)


def _check_day(value: str, year: int, month: int, day: int) -> None:
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValueError(f"{value} is not a day of the calendar "
                         f"({calendar.month_name[month]} {year} has {last} days)")
