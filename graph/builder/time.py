"""What holds in a given year: one rule for ``--as-of``, the explorer's year
slider and any time slice.

* A period (``start``/``end``) holds in the years it covers; an open end is open.
* A point in time (``date``) on something that *happened* — an event, or an
  event relationship of the ontology (captured, founder_of, attacked…) — is
  history from then on: a capture in 2012 is part of the picture in 2014 but
  not in 1992.
* A point in time on a *state* (leader_of, operates_in…) or an estimate is
  when it was observed to hold: it holds in that year only.
* Undated facts always hold.

>>> from graph.dates import parse_date
>>> from graph.model import Statement
>>> capture = Statement("x", "gov", "captured", "artemio", date=parse_date("2012-02"))
>>> holds_in(capture, 1992, lasting=True), holds_in(capture, 2014, lasting=True)
(False, True)
>>> leads = Statement("y", "guzman", "leader_of", "sl", date=parse_date(1992))
>>> holds_in(leads, 1992), holds_in(leads, 2014)
(True, False)
>>> period = Statement("z", "guzman", "leader_of", "sl", start=parse_date(1980), end=parse_date(1992))
>>> [holds_in(period, y) for y in (1979, 1985, 1992, 1993)]
[False, True, True, False]
"""

from __future__ import annotations


def holds_in(x, year: int, *, lasting: bool = False) -> bool:
    """True when ``x`` (anything with date/start/end) holds in ``year``.

    ``lasting``: ``x`` records a happening, so a date makes it history from then on.
    """
    date = x.date.year if x.date is not None else None
    return span_holds(x.start.year if x.start else None, x.end.year if x.end else None, date, year, lasting)


def span_holds(first: int | None, last: int | None, date_year: int | None, year: int,
               lasting: bool = False) -> bool:
    """The same rule on plain years (as stored on NetworkX edges and in the explorer's data)."""
    if date_year is not None:
        return date_year <= year if lasting else date_year == year
    return (first is None or first <= year) and (last is None or year <= last)


def facts_as_of(facts, year: int, base: str | None = None):
    """A copy of ``facts`` keeping only what holds in ``year`` (and the entities it needs).

    Events that had not happened yet are dropped, with the statements about them.
    """
    from dataclasses import replace

    from graph.model import Facts
    from graph.vocab.ontology import DEFAULT_BASE, load_ontology

    onto = load_ontology(base or DEFAULT_BASE)
    entities = {k: e for k, e in facts.entities.items() if holds_in(e, year, lasting=True)}
    statements = {k: s for k, s in facts.statements.items()
                  if holds_in(s, year, lasting=onto.predicates[s.predicate].lasting)
                  and s.subject in entities and s.object in entities}
    estimates = {k: e for k, e in facts.estimates.items() if holds_in(e, year) and e.subject in entities}
    return replace(Facts(), sources=dict(facts.sources), entities=entities, statements=statements,
                   estimates=estimates, files=list(facts.files))
