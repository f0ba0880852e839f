"""Facts to a NetworkX ``MultiDiGraph``: what analysis and the explorer use.

Nodes are entity ids (type, label, aliases, description, dates, citations,
estimates); edges are statements keyed by statement id (predicate, dates,
place, status, citations).

>>> from pathlib import Path
>>> from graph.facts.validate import check
>>> facts, _ = check(Path("tests/fixtures/mini"))
>>> g = facts_to_networkx(facts)
>>> g.nodes["artemio"]["label"]
'Forindo Eleuterio Flores Hala'
>>> [k for _, _, k in g.out_edges("peruvian-government", keys=True)]
['peruvian-government.captured.artemio.2012-02.in-upper-huallaga-valley']
"""

from __future__ import annotations

import networkx as nx

from graph.model import Citation, Entity, Estimate, Facts, Source, Statement
from graph.vocab.ontology import DEFAULT_BASE, load_ontology
from graph.speedups.gc import gc_paused


def citation_dict(c: Citation) -> dict:
    """Kept for callers of the old name: use :meth:`graph.model.Citation.as_dict`."""
    return c.as_dict()


def time_fields(x) -> dict:
    """``date``, ``start``, ``end`` as text and ``start_year``, ``end_year``: those that are set."""
    out = {name: str(getattr(x, name)) for name in ("date", "start", "end") if getattr(x, name) is not None}
    years = (("start_year", x.first_year), ("end_year", x.last_year))
    out.update((name, year) for name, year in years if year is not None)
    return out


def _cited(x) -> list[dict]:
    return [c.as_dict() for c in x.citations]


def _source(s: Source) -> dict:
    fields = (("title", s.title), ("author", s.author), ("publisher", s.publisher), ("date", s.date), ("file", s.file))
    return {k: (str(v) if v is not None else None) for k, v in fields}


def _node(ent: Entity) -> dict:
    return {"type": ent.type, "label": ent.name, "aliases": list(ent.aliases), "description": ent.description,
            "citations": _cited(ent), "estimates": [], **time_fields(ent)}


def _edge(st: Statement, onto) -> dict:
    attrs = {"predicate": st.predicate, "label": onto.labels.get(st.predicate, st.predicate),
             "lasting": onto.predicates[st.predicate].lasting, "status": st.effective_status,
             "citations": _cited(st), **time_fields(st)}
    if st.place:
        attrs["place"] = st.place
    return attrs


def estimate_attrs(est: Estimate) -> dict:
    """An estimate as the dict kept in its subject node's ``estimates``."""
    return {"id": est.id, "measure": est.measure, "value": est.value, "min": est.min, "max": est.max,
            "unit": est.unit, "status": est.effective_status, "place": est.place, "citations": _cited(est),
            **time_fields(est)}


@gc_paused()
def facts_to_networkx(facts: Facts, base: str = DEFAULT_BASE) -> nx.MultiDiGraph:
    """The facts as a ``MultiDiGraph``: a node per entity, an edge per statement, estimates on their subject."""
    onto = load_ontology(base)
    g = nx.MultiDiGraph(name="Peru Nexus")
    g.graph["sources"] = {s.id: _source(s) for s in facts.sources.values()}
    for ent in facts.entities.values():
        g.add_node(ent.id, **_node(ent))
    for st in facts.statements.values():
        g.add_edge(st.subject, st.object, key=st.id, **_edge(st, onto))
    for est in facts.estimates.values():
        g.nodes[est.subject]["estimates"].append(estimate_attrs(est))
    return g
