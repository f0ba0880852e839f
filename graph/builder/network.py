"""Facts to a NetworkX ``MultiDiGraph``: what analysis and the explorer use.

Nodes are entity ids (type, label, aliases, description, dates, citations,
estimates; a claim's ``modality``; a place's ``geonames``, ``latitude``,
``longitude``, ``geo_approximate``); edges are statements keyed by statement id
(predicate, dates, place, status, citations, and the evidence model's
``modality``, ``claimant``, ``claimant_kind``, ``undated``, ``date_inferred``,
``disputed_qualifiers``): ``claimant`` and ``claimant_kind`` join the
citations' claimants (name; kind) with "; ", in order.

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

from graph.builder.places import locate_places
from graph.model import AnalyticClaim, Citation, Entity, Estimate, Facts, Region, Source, Statement
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


def claimant(facts: Facts, c: Citation) -> tuple[str, str]:
    """``(name, kind)`` of who makes a citation's claim, never a raw id: an entity's name and type
    label, an unnamed collective (``unnamed``), a cited work's title (``cited-work``), or the
    document's title (``document``)."""
    kind = c.claimant_kind
    if c.by:
        ent = facts.entities.get(c.by)
        onto = load_ontology()
        return (ent.name, onto.labels.get(ent.type, ent.type)) if ent is not None else (c.by, kind)
    if c.by_unnamed:
        return c.by_unnamed, kind
    src = facts.sources.get(c.via or c.source)
    return (src.title if src is not None else c.via or c.source), kind


def _cited(facts: Facts, x) -> list[dict]:
    return [c.as_dict() for c in x.citations]


def disputed_qualifiers(x) -> list[dict]:
    """Each disputed detail of a fact: the detail, the fact's value, the disputing citation's value and place."""
    return [{"qualifier": c.qualifier, "held": None if getattr(x, c.qualifier, None) is None
             else str(getattr(x, c.qualifier)), "says": c.says, "source": c.source, "locator": c.locator}
            for c in x.disputed_details]


def evidence_fields(x) -> dict:
    """The evidence model's fields of a statement or estimate: modality, undated, date_inferred, disputed details."""
    out = {"modality": x.modality, "undated": x.undated}
    if x.date_inferred:
        out["date_inferred"] = x.date_inferred
    details = disputed_qualifiers(x)
    if details:
        out["disputed_qualifiers"] = details
    return out


def evidence_attrs(facts: Facts, x) -> dict:
    """:func:`evidence_fields` and the claimants (names and kinds, ``; ``-joined): a NetworkX edge's evidence."""
    who = [claimant(facts, c) for c in x.citations]
    return {"modality": x.modality, "claimant": "; ".join(dict.fromkeys(name for name, _ in who)),
            "claimant_kind": "; ".join(dict.fromkeys(kind for _, kind in who)), **evidence_fields(x)}


def _source(s: Source) -> dict:
    fields = (("title", s.title), ("author", s.author), ("publisher", s.publisher), ("date", s.date), ("file", s.file),
              ("cited_in", s.cited_in), ("cited_at", s.cited_at))
    return {k: (str(v) if v is not None else None) for k, v in fields}


def _node(facts: Facts, ent: Entity, spot) -> dict:
    attrs = {"type": ent.type, "label": ent.name, "aliases": list(ent.aliases), "description": ent.description,
             "citations": _cited(facts, ent), "estimates": [], **time_fields(ent)}
    if isinstance(ent, AnalyticClaim):
        attrs["modality"] = ent.modality
    if isinstance(ent, Region) and ent.geonames is not None:
        attrs["geonames"] = ent.geonames
    if spot is not None:
        attrs.update(latitude=spot.latitude, longitude=spot.longitude, geo_approximate=spot.approximate)
    return attrs


def _edge(facts: Facts, st: Statement, onto) -> dict:
    attrs = {"predicate": st.predicate, "label": onto.labels.get(st.predicate, st.predicate),
             "lasting": onto.predicates[st.predicate].lasting, "status": st.effective_status,
             "citations": _cited(facts, st), **time_fields(st), **evidence_attrs(facts, st)}
    if st.place:
        attrs["place"] = st.place
    return attrs


def estimate_attrs(est: Estimate, facts: Facts | None = None) -> dict:
    """An estimate as the dict kept in its subject node's ``estimates``."""
    facts = facts or Facts()
    return {"id": est.id, "measure": est.measure, "value": est.value, "min": est.min, "max": est.max,
            "unit": est.unit, "status": est.effective_status, "place": est.place, "citations": _cited(facts, est),
            **time_fields(est), **evidence_attrs(facts, est)}


@gc_paused()
def facts_to_networkx(facts: Facts, base: str = DEFAULT_BASE) -> nx.MultiDiGraph:
    """The facts as a ``MultiDiGraph``: a node per entity, an edge per statement, estimates on their subject."""
    onto = load_ontology(base)
    g = nx.MultiDiGraph(name="Peru Nexus")
    g.graph["sources"] = {s.id: _source(s) for s in facts.sources.values()}
    spots = locate_places(facts)
    for ent in facts.entities.values():
        g.add_node(ent.id, **_node(facts, ent, spots.get(ent.id)))
    for st in facts.statements.values():
        g.add_edge(st.subject, st.object, key=st.id, **_edge(facts, st, onto))
    for est in facts.estimates.values():
        g.nodes[est.subject]["estimates"].append(estimate_attrs(est, facts))
    return g
