"""Looking at the graph: one entity's dossier (:mod:`graph.query.dossier`), the shortest
connections between two entities (:mod:`graph.query.paths`), and the numbers of the whole
graph (here). Each is plain data (dicts and lists) worked out from the facts, with NetworkX
for the shape of the network, and a ``render_*`` function for the terminal that escapes
every control character it prints.

>>> import graph
>>> kg = graph.build("tests/fixtures/mini")
>>> s = stats(kg)
>>> s["totals"]["entities"], s["by_predicate"]["part_of"], s["disputed"]["statements"]
(11, 2, 1)
>>> render_stats(s).splitlines()[:2]
['Totals', '  entities          11']
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from graph.model import Facts
from graph.query.dossier import claims_by, dossier, render_dossier
from graph.query.paths import count_shortest_paths, paths, render_paths
from graph.query.terminal import inert
from graph.vocab.ontology import load_ontology
from graph.vocab.terms import AGENT, DISPUTED, DISPUTES

__all__ = ["claims_by", "count_shortest_paths", "dossier", "paths", "render_dossier", "render_paths",
           "render_stats", "stats"]

EXACT_BETWEENNESS_UP_TO = 1500  # entities; above this, betweenness is estimated
BETWEENNESS_SAMPLE = 100  # sources sampled (with a fixed seed, so the numbers are reproducible)


def _records(facts: Facts) -> list:
    """Every entity, statement and estimate: the facts that carry citations."""
    return [*facts.entities.values(), *facts.statements.values(), *facts.estimates.values()]


def _by_count(counts: Counter) -> dict:
    return dict(sorted(counts.items(), key=lambda x: (-x[1], x[0])))


def _by_source(facts: Facts) -> dict:
    """Per source: its title, its citations, and the facts citing it; the most cited first."""
    cites, cited = Counter(), Counter()
    for record in _records(facts):
        cites.update(c.source for c in record.citations)
        cited.update({c.source for c in record.citations})
    order = sorted(set(facts.sources) | set(cites), key=lambda s: (-cites.get(s, 0), s))
    return {s: {"title": facts.sources[s].title if s in facts.sources else None,
                "citations": cites.get(s, 0), "facts": cited.get(s, 0)} for s in order}


def _citations_per_fact(facts: Facts) -> dict:
    per_fact = [len(r.citations) for r in _records(facts)]
    return {"mean": round(sum(per_fact) / len(per_fact), 2) if per_fact else 0,
            "min": min(per_fact, default=0), "max": max(per_fact, default=0),
            "distribution": {str(k): v for k, v in sorted(Counter(per_fact).items())}}


def _count(items, test) -> int:
    return sum(1 for x in items if test(x))


def _disputed(facts: Facts) -> dict:
    citations = [c for r in _records(facts) for c in r.citations]
    is_disputed = lambda claim: claim.effective_status == DISPUTED  # noqa: E731
    return {"statements": _count(facts.statements.values(), is_disputed),
            "estimates": _count(facts.estimates.values(), is_disputed),
            "citations_disputing": _count(citations, lambda c: c.stance == DISPUTES),
            "citations_with_claimant": _count(citations, lambda c: c.by)}


def _betweenness(g: nx.MultiDiGraph) -> tuple[dict, int | None]:
    """Betweenness centrality on the undirected simple graph; (values, sources sampled or None).

    Exact betweenness is O(nodes x edges): above ``EXACT_BETWEENNESS_UP_TO`` entities it is
    estimated from a fixed sample of sources."""
    simple = nx.Graph()
    simple.add_nodes_from(g)
    simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
    n = simple.number_of_nodes()
    if n <= 2:
        return {node: 0.0 for node in simple}, None
    if n > EXACT_BETWEENNESS_UP_TO:
        sample = min(BETWEENNESS_SAMPLE, n)
        return nx.betweenness_centrality(simple, k=sample, seed=0), sample
    return nx.betweenness_centrality(simple), None


def _central(kg, top: int) -> dict:
    """The ``top`` actors (people and organisations) by degree and by betweenness."""
    facts, g, onto = kg.facts, kg.nx, load_ontology(kg.base)
    agents = [e for e in facts.entities.values() if e.type in onto.parents and onto.is_a(e.type, AGENT)]
    betweenness, sampled = _betweenness(g)

    def ranked(value, shown=lambda v: v) -> list[dict]:
        best = sorted(agents, key=lambda e: (-value(e.id), e.name.casefold()))[:top]
        return [{"id": e.id, "label": e.name, "type": e.type, "value": shown(value(e.id))} for e in best]

    return {"degree": ranked(g.degree), "betweenness": ranked(betweenness.get, lambda v: round(v, 4)),
            "betweenness_sampled_sources": sampled}


def stats(kg, top: int = 10) -> dict:
    """The graph in numbers: totals; entities by type; statements by relationship type;
    citations and facts by source; citations per fact; disputed statements and estimates;
    and the ``top`` most central actors (people and organisations) by degree (statements
    in and out) and by betweenness centrality (on the undirected graph of all entities;
    estimated from a fixed sample of sources above ``EXACT_BETWEENNESS_UP_TO`` entities)."""
    facts = kg.facts
    counts = facts.counts()
    return {
        "totals": {**{k: counts[k] for k in ("entities", "statements", "estimates", "sources", "citations")},
                   "triples": len(kg.triples)},
        "by_type": _by_count(Counter(e.type for e in facts.entities.values())),
        "by_predicate": _by_count(Counter(s.predicate for s in facts.statements.values())),
        "by_source": _by_source(facts),
        "citations_per_fact": _citations_per_fact(facts),
        DISPUTED: _disputed(facts),
        "central": _central(kg, top),
    }


def _table(title: str, items, width: int = 28) -> list[str]:
    return ["", title] + [f"  {k:<{width}} {v:>7,}" for k, v in items]


def _central_lines(central: dict) -> list[str]:
    sample = central.get("betweenness_sampled_sources")
    estimated = f" (estimated from {sample} sampled sources)" if sample else ""
    lines = []
    for key, title in (("degree", "Most central actors by degree (statements in and out)"),
                       ("betweenness", "Most central actors by betweenness" + estimated)):
        lines += ["", title]
        lines += [f"  {i:>2}. {e['value']:<8} {e['label']} [{e['id']}] ({e['type']})"
                  for i, e in enumerate(central[key], 1)]
    return lines


def render_stats(s: dict) -> str:
    """The numbers as terminal text, one section per key of :func:`stats`."""
    lines = ["Totals"] + [f"  {k:<12} {v:>7,}" for k, v in s["totals"].items() if v is not None]
    lines += _table("Entities by type", s["by_type"].items())
    lines += _table("Statements by relationship type", s["by_predicate"].items())
    lines += ["", "Sources                     citations   facts"]
    lines += [f"  {k:<24} {v['citations']:>9,} {v['facts']:>7,}   {v['title'] or ''}" for k, v in s["by_source"].items()]
    c, d = s["citations_per_fact"], s[DISPUTED]
    dist = ", ".join(f"{k}: {v}" for k, v in c["distribution"].items())
    lines += ["", "Citations per fact (entities, statements, estimates)",
              f"  mean {c['mean']}, min {c['min']}, max {c['max']}", f"  facts by number of citations: {dist}",
              "", "Disputed",
              f"  statements {d['statements']}, estimates {d['estimates']}; citations that dispute "
              f"{d['citations_disputing']}, citations with a claimant {d['citations_with_claimant']}"]
    lines += _central_lines(s["central"])
    return "\n".join(inert(line) for line in lines) + "\n"
