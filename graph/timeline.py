"""What holds in a given year: one rule for ``--as-of``, the explorer's year
slider and any time slice.

* A period (``start``/``end``) holds in the years it covers; an open end is open.
* A point in time (``date``) is history from then on: a capture in 2012 is part
  of the picture in 2014 but not in 1992.
* Undated facts always hold.

>>> from graph.dates import parse_date
>>> from graph.model import Statement
>>> capture = Statement("x", "gov", "captured", "artemio", date=parse_date("2012-02"))
>>> holds_in(capture, 1992), holds_in(capture, 2014)
(False, True)
>>> leads = Statement("y", "guzman", "leader_of", "sl", start=parse_date(1980), end=parse_date(1992))
>>> [holds_in(leads, y) for y in (1979, 1985, 1992, 1993)]
[False, True, True, False]
"""

from __future__ import annotations


def year_span(x) -> tuple[int | None, int | None]:
    """(first year, last year) over which ``x`` holds; None for open ends."""
    if x.date is not None:
        return x.date.year, None
    return (x.start.year if x.start else None), (x.end.year if x.end else None)


def holds_in(x, year: int) -> bool:
    """True when ``x`` (an entity, statement or estimate with time qualifiers) holds in ``year``."""
    first, last = year_span(x)
    return (first is None or first <= year) and (last is None or year <= last)


def span_of_years(first: int | None, last: int | None, date_year: int | None, year: int) -> bool:
    """The same rule on plain years (as stored on NetworkX edges and in the explorer's data)."""
    if date_year is not None:
        return date_year <= year
    return (first is None or first <= year) and (last is None or year <= last)


def facts_as_of(facts, year: int):
    """A copy of ``facts`` keeping only what holds in ``year`` (and the entities it needs).

    Events that had not happened yet are dropped, with the statements about them.
    """
    from dataclasses import replace

    from .model import Facts

    entities = {k: e for k, e in facts.entities.items() if holds_in(e, year)}
    statements = {k: s for k, s in facts.statements.items()
                  if holds_in(s, year) and s.subject in entities and s.object in entities}
    estimates = {k: e for k, e in facts.estimates.items() if holds_in(e, year) and e.subject in entities}
    return replace(Facts(), sources=dict(facts.sources), entities=entities, statements=statements,
                   estimates=estimates, files=list(facts.files))
