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

from graph.model import Citation, Facts
from graph.vocab.ontology import DEFAULT_BASE, load_ontology
from graph.speedups.gc import gc_paused


def citation_dict(c: Citation) -> dict:
    out = {"source": c.source, "locator": c.locator, "quote": c.quote, "stance": c.stance}
    if c.by:
        out["by"] = c.by
    if c.note:
        out["note"] = c.note
    return out


def _time(x) -> dict:
    out = {}
    for name in ("date", "start", "end"):
        value = getattr(x, name)
        if value is not None:
            out[name] = str(value)
    if x.first_year is not None:
        out["start_year"] = x.first_year
    if x.last_year is not None:
        out["end_year"] = x.last_year
    return out


@gc_paused()
def facts_to_networkx(facts: Facts, base: str = DEFAULT_BASE) -> nx.MultiDiGraph:
    onto = load_ontology(base)
    g = nx.MultiDiGraph(name="Peru Nexus")
    g.graph["sources"] = {
        s.id: {k: (str(v) if v is not None else None) for k, v in
               (("title", s.title), ("author", s.author), ("publisher", s.publisher),
                ("date", s.date), ("file", s.file))}
        for s in facts.sources.values()
    }
    for ent in facts.entities.values():
        g.add_node(ent.id, type=ent.type, label=ent.name, aliases=list(ent.aliases),
                   description=ent.description, citations=[citation_dict(c) for c in ent.citations],
                   estimates=[], **_time(ent))
    for st in facts.statements.values():
        attrs = {"predicate": st.predicate, "label": onto.labels.get(st.predicate, st.predicate),
                 "lasting": onto.predicates[st.predicate].lasting,
                 "status": "disputed" if st.is_disputed else "asserted",
                 "citations": [citation_dict(c) for c in st.citations], **_time(st)}
        if st.place:
            attrs["place"] = st.place
        g.add_edge(st.subject, st.object, key=st.id, **attrs)
    for est in facts.estimates.values():
        g.nodes[est.subject]["estimates"].append({
            "id": est.id, "measure": est.measure, "value": est.value, "min": est.min, "max": est.max,
            "unit": est.unit, "status": "disputed" if est.is_disputed else "asserted",
            "place": est.place, "citations": [citation_dict(c) for c in est.citations], **_time(est)})
    return g
