"""What holds in a given year: the one rule for ``--as-of``, the explorer's year
slider and any time slice.

* A period (``start``/``end``) holds in the years it covers; an open end is open.
* A point in time (``date``) on something that *happened* — an event, or an
  event relationship of the ontology (captured, founder_of, attacked…) — is
  history from then on: a capture in 2012 is part of the picture in 2014 but
  not in 1992.
* A point in time on a *state* (leader_of, operates_in…) or an estimate is
  when it was observed to hold: it holds in that year only.
* Undated facts always hold.

The rule is :func:`years_held`: the first and last year something holds
(``None`` for an open end). Everything else asks it: :func:`holds_in`, the
slices :func:`facts_as_of` and :func:`network_as_of`, and the explorer, whose
page carries these years as data.

>>> from graph.dates import parse_date
>>> from graph.model import Statement
>>> capture = Statement("x", "gov", "captured", "artemio", date=parse_date("2012-02"))
>>> holds_in(capture, 1992, lasting=True), holds_in(capture, 2014, lasting=True)
(False, True)
>>> years_held(capture, lasting=True)
(2012, None)
>>> leads = Statement("y", "guzman", "leader_of", "sl", date=parse_date(1992))
>>> holds_in(leads, 1992), holds_in(leads, 2014)
(True, False)
>>> period = Statement("z", "guzman", "leader_of", "sl", start=parse_date(1980), end=parse_date(1992))
>>> [holds_in(period, y) for y in (1979, 1985, 1992, 1993)]
[False, True, True, False]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import networkx as nx

from graph.dates import PartialDate, parse_date
from graph.model import Facts
from graph.vocab.ontology import DEFAULT_BASE, load_ontology

Years = tuple[int | None, int | None]  # (first, last) year held; None: open


def _year(value) -> int | None:
    """The year of a date as facts (``PartialDate``) or NetworkX attributes (``"2012-02"``) carry it."""
    if value is None:
        return None
    return (value if isinstance(value, PartialDate) else parse_date(value)).year


def _field(x, name: str):
    return x.get(name) if isinstance(x, Mapping) else getattr(x, name, None)


def years_held(x, lasting: bool = False) -> Years:
    """``(first, last)``: the years ``x`` holds, ``None`` for an open end.

    ``x`` is a fact (``date``/``start``/``end`` attributes) or a NetworkX node or
    edge's attribute dict (the same keys, as strings). ``lasting``: ``x``
    records a happening, so a date makes it history from then on.

    >>> years_held({"date": "2012-02"}, lasting=True), years_held({"date": "1992"})
    ((2012, None), (1992, 1992))
    >>> years_held({"start": "1980"}), years_held({})
    ((1980, None), (None, None))
    """
    date = _year(_field(x, "date"))
    if date is not None:
        return date, (None if lasting else date)
    return _year(_field(x, "start")), _year(_field(x, "end"))


def within(years: Years, year: int) -> bool:
    """Whether ``year`` falls in ``(first, last)`` (open ends open): all the explorer's script does.

    >>> within((1980, None), 2014), within((1980, 1992), 1993), within((None, None), 1)
    (True, False, True)
    """
    first, last = years
    return (first is None or first <= year) and (last is None or year <= last)


def holds_in(x, year: int, *, lasting: bool = False) -> bool:
    """True when ``x`` (anything with date/start/end) holds in ``year``.

    ``lasting``: ``x`` records a happening, so a date makes it history from then on.
    """
    return within(years_held(x, lasting), year)


# ------------------------------------------------------------- which facts are happenings

def is_lasting(predicate: str | None, base: str = DEFAULT_BASE) -> bool:
    """Whether a date on a statement of ``predicate`` makes it history from then on (an event relationship).

    >>> is_lasting("captured"), is_lasting("leader_of"), is_lasting(None)
    (True, False, False)
    """
    pred = load_ontology(base).predicates.get(predicate or "")
    return bool(pred and pred.lasting)


def entity_years(x) -> Years:
    """The years an entity (or a NetworkX node) holds: a dated entity is an event, history from then on."""
    return years_held(x, lasting=True)


def statement_years(x, base: str = DEFAULT_BASE) -> Years:
    """The years a statement (or a NetworkX edge) holds: lasting when its predicate is an event relationship.

    An edge's own ``lasting`` attribute (set by :mod:`graph.builder.network`) is used when present.

    >>> statement_years({"predicate": "captured", "date": "2012"}), statement_years({"predicate": "leader_of"})
    ((2012, None), (None, None))
    """
    lasting = _field(x, "lasting")
    if lasting is None:
        lasting = is_lasting(_field(x, "predicate"), base)
    return years_held(x, bool(lasting))


def estimate_years(x) -> Years:
    """The years an estimate holds: a date is when it was observed, that year only."""
    return years_held(x, lasting=False)


# ------------------------------------------------------------- time slices

def facts_as_of(facts: Facts, year: int, base: str | None = None) -> Facts:
    """A copy of ``facts`` keeping only what holds in ``year`` (and the entities it needs).

    Events that had not happened yet are dropped, with the statements about them.
    """
    base = base or DEFAULT_BASE
    entities = _holding(facts.entities, year, entity_years)
    statements = {k: s for k, s in _holding(facts.statements, year, lambda s: statement_years(s, base)).items()
                  if s.subject in entities and s.object in entities}
    estimates = {k: e for k, e in _holding(facts.estimates, year, estimate_years).items() if e.subject in entities}
    return replace(Facts(), sources=dict(facts.sources), entities=entities, statements=statements,
                   estimates=estimates, files=list(facts.files))


def _holding(records: dict, year: int, years_of) -> dict:
    return {k: x for k, x in records.items() if within(years_of(x), year)}


def network_as_of(g: nx.MultiDiGraph, year: int, base: str = DEFAULT_BASE) -> nx.MultiDiGraph:
    """The NetworkX graph as it stood in ``year``: the nodes and edges that hold then.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("sl"); g.add_node("artemio"); g.add_node("capture", date="2012-02")
    >>> _ = g.add_edge("sl", "artemio", key="led", predicate="leader_of", start="1993", end="2012")
    >>> sorted(network_as_of(g, 2000).nodes), [k for *_, k in network_as_of(g, 2000).edges(keys=True)]
    (['artemio', 'sl'], ['led'])
    """
    keep = [n for n, d in g.nodes(data=True) if within(entity_years(d), year)]
    sub = nx.MultiDiGraph(g.subgraph(keep))
    sub.remove_edges_from([(u, v, k) for u, v, k, d in sub.edges(keys=True, data=True)
                           if not within(statement_years(d, base), year)])
    sub.graph.update(g.graph)
    return sub
