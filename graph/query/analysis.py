"""Looking at the graph: one entity's dossier, the shortest connections between
two entities, and the numbers of the whole graph. Each is plain data (dicts and
lists) from the NetworkX graph, with a ``render_*`` function for the terminal
that escapes every control character it prints.

>>> import graph
>>> kg = graph.build("tests/fixtures/mini")
>>> d = dossier(kg, "artemio")
>>> d["label"], [(s["predicate"], s["other"]) for s in d["in"]]
('Forindo Eleuterio Flores Hala', [('captured', 'peruvian-government')])
>>> [[(h["from"], h["to"]) for h in p] for p in paths(kg, "artemio", "sendero-luminoso")]
[[('artemio', 'huallaga-faction'), ('huallaga-faction', 'sendero-luminoso')]]
>>> s = stats(kg)
>>> s["totals"]["entities"], s["by_predicate"]["part_of"], s["disputed"]["statements"]
(11, 2, 1)
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from graph.vocab.ontology import load_ontology
from graph.query.sparql import inert


# ---------------------------------------------------------------- dossier

def _when(x: dict) -> str:
    if x.get("date"):
        return str(x["date"])
    start, end = x.get("start"), x.get("end")
    if start or end:
        return f"{start or ''}–{end or ''}"
    return ""


def _cite(c: dict, g) -> dict:
    out = dict(c)
    src = g.graph.get("sources", {}).get(c["source"], {})
    out["source_title"] = src.get("title")
    if c.get("by"):
        out["by_label"] = g.nodes[c["by"]]["label"] if c["by"] in g else c["by"]
    return out


def _statement(g, key: str, u: str, v: str, data: dict, other: str) -> dict:
    out = {"id": key, "subject": u, "predicate": data["predicate"], "object": v, "other": other,
           "other_label": g.nodes[other]["label"], "other_type": g.nodes[other]["type"],
           "status": data["status"], "when": _when(data),
           "citations": [_cite(c, g) for c in data.get("citations", [])]}
    for k in ("date", "start", "end", "place"):
        if data.get(k):
            out[k] = data[k]
    if data.get("place"):
        out["place_label"] = g.nodes[data["place"]]["label"] if data["place"] in g else data["place"]
    return out


def dossier(kg, entity_id: str) -> dict:
    """Everything the graph says about one entity: its labels, type, aliases, description,
    dates, citations and estimates, and every statement out of it and into it with dates,
    status and citations (source title, locator, quote, claimant, stance)."""
    g = kg.nx
    n = g.nodes[entity_id]
    out = {"id": entity_id, "iri": kg.namespaces.entity + entity_id, "label": n["label"], "type": n["type"],
           "aliases": list(n.get("aliases", [])), "description": n.get("description", ""),
           "when": _when(n), "citations": [_cite(c, g) for c in n.get("citations", [])],
           "estimates": [{**e, "citations": [_cite(c, g) for c in e["citations"]]} for e in n.get("estimates", [])]}
    order = lambda s: (s["predicate"], s["other_label"].casefold(), s["when"], s["id"])  # noqa: E731
    out["out"] = sorted((_statement(g, k, u, v, d, v) for u, v, k, d in g.out_edges(entity_id, keys=True, data=True)),
                        key=order)
    out["in"] = sorted((_statement(g, k, u, v, d, u) for u, v, k, d in g.in_edges(entity_id, keys=True, data=True)),
                       key=order)
    out["claims"] = claims_by(kg, entity_id)
    return out


def claims_by(kg, entity_id: str) -> list[dict]:
    """The facts whose citations attribute a claim to ``entity_id`` (the ``by`` of a citation):
    what this person or body said, according to the documents."""
    g = kg.nx
    found = []

    def take(kind, fid, about, cites):
        for c in cites:
            if c.get("by") == entity_id:
                found.append({"kind": kind, "id": fid, "about": about, **_cite(c, g)})

    for n, d in g.nodes(data=True):
        take("entity", n, d["label"], d.get("citations", []))
        for e in d.get("estimates", []):
            take("estimate", e["id"], f"{d['label']}: {e['measure']}", e.get("citations", []))
    for u, v, k, d in g.edges(keys=True, data=True):
        take("statement", k, f"{g.nodes[u]['label']} —{d['predicate']}→ {g.nodes[v]['label']}",
             d.get("citations", []))
    return sorted(found, key=lambda c: (c["source"], c["locator"], c["about"].casefold(), c["id"]))


def _citation_lines(cites: list[dict], indent: str) -> list[str]:
    lines = []
    for c in cites:
        head = f"{c['source']}, {c['locator']}"
        extra = []
        if c.get("by"):
            extra.append(f"claimed by {c.get('by_label') or c['by']} [{c['by']}]")
        if c.get("stance") == "disputes":
            extra.append("DISPUTES")
        lines.append(f"{indent}- {head}" + (f"  ({'; '.join(extra)})" if extra else ""))
        lines.append(f'{indent}  "{c["quote"]}"')
        if c.get("note"):
            lines.append(f"{indent}  note: {c['note']}")
    return lines


def _number(x) -> str:
    if x is None:
        return "?"
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return f"{x:,}" if isinstance(x, (int, float)) else str(x)


def render_dossier(d: dict) -> str:
    """The dossier as terminal text (every value passed through :func:`graph.query.sparql.inert`)."""
    L = [f"{d['label']}", "=" * min(len(d["label"]), 78),
         f"id:          {d['id']}",
         f"type:        {d['type']}"]
    if d["aliases"]:
        L.append(f"aliases:     {'; '.join(d['aliases'])}")
    if d["description"]:
        L.append(f"description: {d['description']}")
    if d["when"]:
        L.append(f"when:        {d['when']}")
    if d["citations"]:
        L.append("evidence:")
        L += _citation_lines(d["citations"], "  ")
    if d["estimates"]:
        L += ["", f"Estimates ({len(d['estimates'])})"]
        for e in d["estimates"]:
            if e.get("value") is not None:
                amount = _number(e["value"])
            else:
                amount = _number(e.get("min")) if e.get("min") == e.get("max") else \
                    f"{_number(e.get('min'))}–{_number(e.get('max'))}"
            when = _when(e)
            L.append(f"  {e['measure']}: {amount} {e['unit']}" + (f"  [{when}]" if when else "")
                     + f"  {e['status']}" + (f"  in {e['place']}" if e.get("place") else ""))
            L += _citation_lines(e["citations"], "      ")
    for key, title in (("out", "Outgoing statements"), ("in", "Incoming statements")):
        rows = d[key]
        L += ["", f"{title} ({len(rows)})"]
        for s in rows:
            if key == "out":
                line = f"  —{s['predicate']}→ {s['other_label']} [{s['other']}]"
            else:
                line = f"  ←{s['predicate']}— {s['other_label']} [{s['other']}]"
            quals = [q for q in (s["when"], f"in {s['place_label']}" if s.get("place") else "", s["status"]) if q]
            L.append(line + "   " + " · ".join(quals))
            L += _citation_lines(s["citations"], "      ")
    if d.get("claims"):
        L += ["", f"Claims attributed to this entity ({len(d['claims'])})"]
        for c in d["claims"]:
            L.append(f"  {c['about']}" + ("  (DISPUTES)" if c.get("stance") == "disputes" else ""))
            L.append(f"      - {c['source']}, {c['locator']}")
            L.append(f'        "{c["quote"]}"')
    sources = {}
    for c in _all_citations(d):
        sources.setdefault(c["source"], c.get("source_title"))
    if sources:
        L += ["", "Sources"]
        L += [f"  {k}: {v or '(not in the register)'}" for k, v in sorted(sources.items())]
    return "\n".join(inert(line) for line in L) + "\n"


def _all_citations(d: dict):
    yield from d["citations"]
    for e in d["estimates"]:
        yield from e["citations"]
    for s in d["out"] + d["in"]:
        yield from s["citations"]
    yield from d.get("claims", [])


# ---------------------------------------------------------------- paths

def _hop(g, u: str, v: str) -> dict:
    edges = []
    for a, b, arrow in ((u, v, "→"), (v, u, "←")):
        for key, data in sorted((g.get_edge_data(a, b) or {}).items()):
            edges.append({"id": key, "predicate": data["predicate"], "direction": arrow,
                          "subject": a, "object": b, "status": data["status"], "when": _when(data),
                          "sources": sorted({c["source"] for c in data.get("citations", [])}),
                          "citations": [{"source": c["source"], "locator": c["locator"], "quote": c["quote"]}
                                        for c in data.get("citations", [])]})
    return {"from": u, "to": v, "from_label": g.nodes[u]["label"], "to_label": g.nodes[v]["label"], "edges": edges}


def paths(kg, a: str, b: str, limit: int = 5, avoid: tuple = (), g=None) -> list[list[dict]]:
    """Up to ``limit`` shortest connections between entities ``a`` and ``b``, ignoring the
    direction of statements (and never passing through the ids in ``avoid``). Each path
    is a list of hops; each hop lists every statement between its two entities, with
    its direction (→: from the hop's start to its end, ←: the other way), status and sources.
    Returns [] when there is no connection."""
    g = kg.nx if g is None else g
    if a == b:
        return []
    view = g.to_undirected(as_view=True)
    blocked = set(avoid) - {a, b}
    if blocked:
        view = nx.subgraph_view(view, filter_node=lambda n: n not in blocked)
    try:
        found = []
        for p in nx.all_shortest_paths(view, a, b):
            found.append(p)
            if len(found) >= limit:
                break
    except nx.NetworkXNoPath:
        return []
    found.sort(key=lambda p: [g.nodes[n]["label"].casefold() for n in p])
    return [[_hop(g, u, v) for u, v in zip(p, p[1:])] for p in found]


def count_shortest_paths(kg, a: str, b: str, avoid: tuple = (), g=None, cap: int = 10_000) -> int:
    """How many shortest connections there are (up to ``cap``)."""
    g = kg.nx if g is None else g
    view = g.to_undirected(as_view=True)
    blocked = set(avoid) - {a, b}
    if blocked:
        view = nx.subgraph_view(view, filter_node=lambda n: n not in blocked)
    n = 0
    try:
        for _ in nx.all_shortest_paths(view, a, b):
            n += 1
            if n >= cap:
                break
    except nx.NetworkXNoPath:
        return 0
    return n


def render_paths(found: list[list[dict]], a_label: str, b_label: str, total: int | None = None) -> str:
    if not found:
        return inert(f"no connection between {a_label} and {b_label}") + "\n"
    hops = len(found[0])
    total = total if total is not None else len(found)
    more = f", showing {len(found)}" if total > len(found) else ""
    L = [f"{total} shortest connection{'s' if total != 1 else ''} between {a_label} and {b_label}, "
         f"{hops} hop{'s' if hops != 1 else ''} each{more}"]
    for i, p in enumerate(found, 1):
        L += ["", f"{i}. " + " — ".join([p[0]["from_label"]] + [h["to_label"] for h in p])]
        L.append(f"   {p[0]['from_label']} [{p[0]['from']}]")
        for h in p:
            for e in h["edges"]:
                rel = f"—{e['predicate']}→" if e["direction"] == "→" else f"←{e['predicate']}—"
                cited = dict.fromkeys(f"{c['source']} ({c['locator']})" for c in e["citations"])
                quals = " · ".join(q for q in (e["when"], e["status"], ", ".join(cited)) if q)
                L.append(f"      {rel}   {quals}")
            L.append(f"   {h['to_label']} [{h['to']}]")
    return "\n".join(inert(line) for line in L) + "\n"


# ---------------------------------------------------------------- stats

EXACT_BETWEENNESS_UP_TO = 1500  # entities; above this, betweenness is estimated
BETWEENNESS_SAMPLE = 100  # sources sampled (with a fixed seed, so the numbers are reproducible)


def stats(kg, top: int = 10, g=None) -> dict:
    """The graph in numbers: totals; entities by type; statements by relationship type;
    citations and facts by source; citations per fact; disputed statements and estimates;
    and the ``top`` most central actors (people and organisations) by degree (statements
    in and out) and by betweenness centrality (on the undirected graph of all entities;
    estimated from a fixed sample of sources above ``EXACT_BETWEENNESS_UP_TO`` entities)."""
    g = kg.nx if g is None else g
    onto = load_ontology(kg.base)
    nodes = list(g.nodes(data=True))
    edges = list(g.edges(keys=True, data=True))
    estimates = [e for _, d in nodes for e in d.get("estimates", [])]
    facts = [("entity", d.get("citations", [])) for _, d in nodes] + \
            [("statement", d.get("citations", [])) for *_, d in edges] + \
            [("estimate", e.get("citations", [])) for e in estimates]
    per_fact = [len(c) for _, c in facts]
    by_source_cites, by_source_facts = Counter(), Counter()
    for _, cites in facts:
        for c in cites:
            by_source_cites[c["source"]] += 1
        for s in {c["source"] for c in cites}:
            by_source_facts[s] += 1
    sources = g.graph.get("sources", {})
    disputing = sum(1 for _, cites in facts for c in cites if c.get("stance") == "disputes")
    claimed = sum(1 for _, cites in facts for c in cites if c.get("by"))

    def is_agent(n):
        t = g.nodes[n]["type"]
        return t in onto.parents and onto.is_a(t, "Agent")

    simple = nx.Graph()
    simple.add_nodes_from(g)
    simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
    n_nodes = simple.number_of_nodes()
    sampled = n_nodes > EXACT_BETWEENNESS_UP_TO
    if n_nodes <= 2:
        betweenness = {n: 0.0 for n in simple}
    elif sampled:  # exact betweenness is O(nodes x edges): estimate it from a fixed sample of sources
        betweenness = nx.betweenness_centrality(simple, k=min(BETWEENNESS_SAMPLE, n_nodes), seed=0)
    else:
        betweenness = nx.betweenness_centrality(simple)
    agents = [n for n in g if is_agent(n)]

    def entry(n, value):
        return {"id": n, "label": g.nodes[n]["label"], "type": g.nodes[n]["type"], "value": value}

    by_degree = sorted(agents, key=lambda n: (-g.degree(n), g.nodes[n]["label"].casefold()))[:top]
    by_between = sorted(agents, key=lambda n: (-betweenness[n], g.nodes[n]["label"].casefold()))[:top]
    return {
        "totals": {"entities": g.number_of_nodes(), "statements": g.number_of_edges(),
                   "estimates": len(estimates), "sources": len(sources), "citations": sum(per_fact),
                   "triples": len(kg.triples) if g is kg.nx else None},
        "by_type": dict(sorted(Counter(d["type"] for _, d in nodes).items(), key=lambda x: (-x[1], x[0]))),
        "by_predicate": dict(sorted(Counter(d["predicate"] for *_, d in edges).items(),
                                    key=lambda x: (-x[1], x[0]))),
        "by_source": {s: {"title": sources.get(s, {}).get("title"), "citations": by_source_cites.get(s, 0),
                          "facts": by_source_facts.get(s, 0)}
                      for s in sorted(set(sources) | set(by_source_cites),
                                      key=lambda s: (-by_source_cites.get(s, 0), s))},
        "citations_per_fact": {
            "mean": round(sum(per_fact) / len(per_fact), 2) if per_fact else 0,
            "min": min(per_fact, default=0), "max": max(per_fact, default=0),
            "distribution": {str(k): v for k, v in sorted(Counter(per_fact).items())}},
        "disputed": {"statements": sum(1 for *_, d in edges if d["status"] == "disputed"),
                     "estimates": sum(1 for e in estimates if e["status"] == "disputed"),
                     "citations_disputing": disputing, "citations_with_claimant": claimed},
        "central": {"degree": [entry(n, g.degree(n)) for n in by_degree],
                    "betweenness": [entry(n, round(betweenness[n], 4)) for n in by_between],
                    "betweenness_sampled_sources": min(BETWEENNESS_SAMPLE, n_nodes) if sampled else None},
    }


def render_stats(s: dict) -> str:
    t = s["totals"]
    L = ["Totals"]
    L += [f"  {k:<12} {v:>7,}" for k, v in t.items() if v is not None]

    def table(title, items, width=28):
        out = ["", title]
        out += [f"  {k:<{width}} {v:>7,}" for k, v in items]
        return out

    L += table("Entities by type", s["by_type"].items())
    L += table("Statements by relationship type", s["by_predicate"].items())
    L += ["", "Sources                     citations   facts"]
    for k, v in s["by_source"].items():
        L.append(f"  {k:<24} {v['citations']:>9,} {v['facts']:>7,}   {v['title'] or ''}")
    c = s["citations_per_fact"]
    dist = ", ".join(f"{k}: {v}" for k, v in c["distribution"].items())
    L += ["", "Citations per fact (entities, statements, estimates)",
          f"  mean {c['mean']}, min {c['min']}, max {c['max']}", f"  facts by number of citations: {dist}"]
    d = s["disputed"]
    L += ["", "Disputed",
          f"  statements {d['statements']}, estimates {d['estimates']}; "
          f"citations that dispute {d['citations_disputing']}, citations with a claimant {d['citations_with_claimant']}"]
    sample = s["central"].get("betweenness_sampled_sources")
    estimated = f" (estimated from {sample} sampled sources)" if sample else ""
    for key, title in (("degree", "Most central actors by degree (statements in and out)"),
                       ("betweenness", "Most central actors by betweenness" + estimated)):
        L += ["", title]
        for i, e in enumerate(s["central"][key], 1):
            L.append(f"  {i:>2}. {e['value']:<8} {e['label']} [{e['id']}] ({e['type']})")
    return "\n".join(inert(line) for line in L) + "\n"
