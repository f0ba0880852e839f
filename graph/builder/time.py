"""What holds in a given year: the one rule for ``--as-of``, the explorer's year
slider and any time slice.

* A period (``start``/``end``) holds in the years it covers; an open end is open.
* A point in time (``date``) on something that *happened* — an event, or an
  event relationship of the ontology (captured, founder_of, attacked…) — is
  history from then on: a capture in 2012 is part of the picture in 2014 but
  not in 1992.
* A point in time on a *state* (leader_of, operates_in…) or an estimate is
  when it was observed to hold: it holds in that year only.
* An undated statement or estimate is not known to hold in any given year: a
  slice keeps it apart, marked ``undated`` — neither held nor dropped. (An
  undated entity — a person, a group — is simply there.)
* What was known by a year (``--known-as-of``) is another cut: only the
  citations whose document was published by then count (a cited work's own
  date when it has one, else the citing document's); a fact none is left to
  is out.

The rule is :func:`years_held`: the first and last year something holds
(``None`` for an open end), and :func:`is_undated`. Everything else asks
them: :func:`holds_in`, the slices :func:`facts_as_of`, :func:`facts_known_as_of`,
:func:`slice_facts` and :func:`network_as_of`, and the explorer, whose page
carries these years as data.

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
>>> undated = Statement("u", "sl", "operates_in", "vraem")
>>> is_undated(undated), is_undated(leads)
(True, False)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import networkx as nx

from graph.dates import PartialDate, parse_date
from graph.model import AnalyticClaim, Citation, Facts
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


def is_undated(x) -> bool:
    """Whether ``x`` (a fact, or a NetworkX attribute dict) has no date, start or end.

    >>> is_undated({"start": "1980"}), is_undated({"predicate": "leader_of"})
    (False, True)
    """
    return all(_field(x, name) is None for name in ("date", "start", "end"))


def holds_in(x, year: int, *, lasting: bool = False) -> bool:
    """True when ``year`` falls in the years ``x`` (anything with date/start/end) holds: an undated
    ``x`` has no bounds (an entity is simply there); the slices keep undated facts apart with
    :func:`is_undated`.

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

    Events that had not happened yet are dropped, with the statements about them. Undated
    statements and estimates are kept apart, in ``undated_statements`` and ``undated_estimates``.
    """
    base = base or DEFAULT_BASE
    entities = _holding(facts.entities, year, entity_years)
    statements = {k: s for k, s in facts.statements.items() if s.subject in entities and s.object in entities}
    estimates = {k: e for k, e in facts.estimates.items() if e.subject in entities}
    return replace(facts, sources=dict(facts.sources), entities=entities,
                   statements=_holding(_dated(statements), year, lambda s: statement_years(s, base)),
                   estimates=_holding(_dated(estimates), year, estimate_years),
                   undated_statements=_undated(statements), undated_estimates=_undated(estimates),
                   files=list(facts.files))


def _holding(records: dict, year: int, years_of) -> dict:
    return {k: x for k, x in records.items() if within(years_of(x), year)}


def _dated(records: dict) -> dict:
    return {k: x for k, x in records.items() if not is_undated(x)}


def _undated(records: dict) -> dict:
    return {k: x for k, x in records.items() if is_undated(x)}


def citation_year(facts: Facts, c: Citation) -> int | None:
    """The year the words of ``c`` were published: its cited work's date if it has one, else its document's."""
    for source_id in (c.via, c.source):
        src = facts.sources.get(source_id) if source_id else None
        if src is not None and src.date is not None:
            return src.date.year
    return None


def published_by(facts: Facts, c: Citation, year: int) -> bool:
    """Whether the words of ``c`` were published in ``year`` or before (:func:`citation_year`; undated: never)."""
    cited = citation_year(facts, c)
    return cited is not None and cited <= year


def _known(facts: Facts, year: int, record):
    """``record`` with only its citations published by ``year``; None when none is."""
    kept = [c for c in record.citations if published_by(facts, c, year)]
    return replace(record, citations=kept) if kept else None


def _entity_known(facts: Facts, year: int, entity):
    """An entity as known by ``year``: an analytic claim needs a citation then (else None); any other
    entity stays, with the citations left to it (all of them when none is)."""
    return _known(facts, year, entity) or (None if isinstance(entity, AnalyticClaim) else entity)


def _facts_left(facts: Facts, year: int, records: dict, entities: dict, ends) -> dict:
    """The ``records`` known by ``year`` (:func:`_known`) whose ``ends(record)`` are all among ``entities``."""
    return {k: r for k, x in records.items()
            if ends(x) <= entities.keys() and (r := _known(facts, year, x)) is not None}


def facts_known_as_of(facts: Facts, year: int) -> Facts:
    """A copy of ``facts`` as the documents published by ``year`` had it: only the citations dated
    ``year`` or before (:func:`citation_year`; undated documents do not count), and only the facts
    some of them are left to: statements, estimates, analytic claims (a statement or estimate also
    needs its entities). Other entities — people, groups, places — stay, with the citations left
    to them (all of them when none is).

    A disputing citation published later no longer disputes: the fact stood undisputed then.
    """
    entities = {k: e for k, x in facts.entities.items() if (e := _entity_known(facts, year, x)) is not None}
    statements = _facts_left(facts, year, facts.statements, entities, lambda s: {s.subject, s.object})
    estimates = _facts_left(facts, year, facts.estimates, entities, lambda e: {e.subject})
    return replace(facts, entities=entities, statements=statements, estimates=estimates)


def slice_facts(facts: Facts, *, as_of: int | None = None, known_as_of: int | None = None,
                base: str | None = None) -> Facts:
    """What was known by ``known_as_of``, then what of it held in ``as_of`` (either may be None)."""
    if known_as_of is not None:
        facts = facts_known_as_of(facts, known_as_of)
    if as_of is not None:
        facts = facts_as_of(facts, as_of, base)
    return facts


def slice_graph(kg, *, as_of: int | None = None, known_as_of: int | None = None):
    """The :class:`graph.builder.KnowledgeGraph` of :func:`slice_facts`; ``kg`` itself when neither is given."""
    if as_of is None and known_as_of is None:
        return kg
    from graph.builder import KnowledgeGraph
    from graph.builder.rdf import facts_to_triples

    facts = slice_facts(kg.facts, as_of=as_of, known_as_of=known_as_of, base=kg.base)
    return KnowledgeGraph(facts, facts_to_triples(facts, kg.base), kg.base, kg.report)


def network_as_of(g: nx.MultiDiGraph, year: int, base: str = DEFAULT_BASE, *,
                  undated: bool = True) -> nx.MultiDiGraph:
    """The NetworkX graph as it stood in ``year``: the nodes and edges that hold then.

    Undated edges do not hold in any year: they stay for a view that shows them apart (each has
    ``undated`` true, and their keys are listed in the graph's ``undated_edges``), or, with
    ``undated=False``, are left out.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("sl"); g.add_node("artemio"); g.add_node("capture", date="2012-02")
    >>> _ = g.add_edge("sl", "artemio", key="led", predicate="leader_of", start="1993", end="2012")
    >>> _ = g.add_edge("sl", "artemio", key="somewhere", predicate="operates_in")
    >>> sorted(network_as_of(g, 2000).nodes), [k for *_, k in network_as_of(g, 2000, undated=False).edges(keys=True)]
    (['artemio', 'sl'], ['led'])
    >>> network_as_of(g, 2000).graph["undated_edges"], network_as_of(g, 2000, undated=False).number_of_edges()
    (['somewhere'], 1)
    """
    keep = [n for n, d in g.nodes(data=True) if within(entity_years(d), year)]
    sub = nx.MultiDiGraph(g.subgraph(keep))
    apart = sorted(k for *_, k, d in sub.edges(keys=True, data=True) if is_undated(d))
    sub.remove_edges_from([(u, v, k) for u, v, k, d in sub.edges(keys=True, data=True)
                           if not (undated if is_undated(d) else holds_in(d, year, lasting=_lasting(d, base)))])
    sub.graph.update(g.graph)
    sub.graph["undated_edges"] = apart
    return sub


def _lasting(d: dict, base: str) -> bool:
    lasting = d.get("lasting")
    return bool(is_lasting(d.get("predicate"), base) if lasting is None else lasting)
