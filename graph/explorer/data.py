"""Everything the explorer's page shows, as plain JSON-ready data.

Nodes and edges are sorted, as columns (:mod:`graph.explorer.columns`, one array per field; the page's
templates/columns.js turns them into records): the facts of every node and edge
(:mod:`graph.explorer.records`: labels, aliases, citations, estimates, the sources they rest on), the layout
(:mod:`graph.explorer.layout`), centralities and communities
(:mod:`graph.explorer.metrics`) and, computed by :mod:`graph.builder.time`, the
years each holds (estimates too) as ``span``:
``[first, last]``, ``null`` for an open end. The page's script shows a node or
edge in year ``y`` when ``first <= y <= last``, and knows no rule of its own.

>>> from graph.builder import build
>>> kg = build("tests/fixtures/mini")
>>> data = explorer_data(kg.nx)
>>> capture = "peruvian-government.captured.artemio.2012-02.in-upper-huallaga-valley"
>>> edge = next(e for e in records(data)["edges"] if e["id"] == capture)
>>> edge["span"], edge["when"]
([2012, None], 'On 2012-02 (part of the record from then on)')
>>> data["years"]
[1980, 2012]
>>> sorted(neighbourhood(kg.nx, "artemio", depth=1).nodes)
['artemio', 'huallaga-faction', 'peruvian-government']
>>> sorted(neighbourhood(kg.nx, "artemio", depth=1, as_of=1992).nodes)
['artemio', 'huallaga-faction']
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from graph.builder.time import network_as_of
from graph.explorer.geo import map_data
from graph.explorer.layout import layout, layout_with_ring
from graph.explorer.metrics import metrics
from graph.explorer.remembered import structure
from graph.explorer.columns import Columns, records
from graph.explorer.records import DEFAULT_MODALITY, _clean, _type
from graph.explorer.records import is_undated, when_text  # noqa: F401  (offered here as before the split)
from graph.explorer.timeline import DATED_LANES, LANES
from graph.explorer.styles import section_looks, type_styles, vis_options
from graph.vocab.ontology import DEFAULT_BASE, load_ontology
from graph.vocab.schema import load_schema
from graph.vocab.terms import ANALYTIC_CLAIM, DISPUTED, DISPUTES

BIG_GRAPH = 1500  # above this many nodes the page draws plainer, to stay quick
CANVAS_FROM = 3000  # from this many nodes templates/canvas.js draws the page: vis-network is too slow there


def neighbourhood(g: nx.MultiDiGraph, node: str, depth: int = 1, as_of: int | None = None) -> nx.MultiDiGraph:
    """The entities within ``depth`` hops of ``node`` (either direction) and the statements among them."""
    if as_of is not None:
        g = network_as_of(g, as_of)
        if node not in g:
            return nx.MultiDiGraph(g.subgraph([]))
    near = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), node, cutoff=depth)
    sub = nx.MultiDiGraph(g.subgraph(near))
    sub.graph.update(g.graph)
    return sub


# ----------------------------------------------------------------- the drawing's nodes and edges

def curves(edges: list) -> list:
    """Per edge, how to curve it (``None``: straight): parallel statements fan out, the same side for a pair.

    >>> curves([("a", "b"), ("a", "b"), ("b", "c")])
    [[1, 0.12], [-1, 0.12], None]
    """
    pairs = [(e[0], e[1]) if e[0] <= e[1] else (e[1], e[0]) for e in edges]
    count, rank_of, out = Counter(pairs), defaultdict(int), []
    for e, pair in zip(edges, pairs):
        if count[pair] == 1:
            out.append(None)
            continue
        rank = rank_of[pair]
        rank_of[pair] += 1
        clockwise = (rank % 2 == 0) == (e[0] <= e[1])
        out.append([1 if clockwise else -1, round(0.12 + 0.14 * (rank // 2), 2)])
    return out


def _nodes(g: nx.MultiDiGraph, cols: Columns, measured: dict, pos: dict) -> dict:
    """The node columns, sorted by id (the page works out each one's ``sources`` from its citations)."""
    degree, community = measured["centrality"]["degree"], measured["community"]
    return cols.nodes(g, sorted(g.nodes), degree, pos, community)


def _measured(g: nx.MultiDiGraph, ordered: list, inner: set | None) -> tuple[dict, dict]:
    """The metrics and the layout (the whole graph's remembered by its structure: graph.explorer.remembered)."""
    def compute():
        measured = metrics(g, ordered)
        community = measured["community"]
        return measured, layout(g, community) if inner is None else layout_with_ring(g, inner, community)

    return compute() if inner is not None else structure(g, ordered, compute)


def sorted_edges(g: nx.MultiDiGraph) -> list:
    """``(u, v, key, data)`` for every statement, sorted by key (then ends): the page's order of edges.

    Read straight from the graph's adjacency dict (NetworkX's edge view, and even its adjacency view, costs a
    third of a second at 44,000 edges).

    >>> sorted_edges(nx.MultiDiGraph([("b", "a", "k2", {}), ("a", "b", "k1", {})]))
    [('a', 'b', 'k1', {}), ('b', 'a', 'k2', {})]
    """
    rows = [(u, v, k, d) for u, nbrs in g._adj.items() for v, keyed in nbrs.items() for k, d in keyed.items()]
    keys = [str(e[2]) for e in rows]
    if len(set(keys)) == len(keys):  # statement ids are unique: sorting by them alone is the same order
        order = sorted(range(len(rows)), key=keys.__getitem__)
        return [rows[i] for i in order]
    rows.sort(key=lambda e: (str(e[2]), e[0], e[1]))
    return rows


def _edges(edges: list, cols: Columns, at: dict) -> dict:
    """The edge columns, in ``edges``' order (the page works out each one's ``sources`` from its citations)."""
    return cols.edges(edges, at, curves(edges))


# ----------------------------------------------------------------- the whole page's data

def _year_range(times: list, year: int | None) -> list | None:
    """The slider's range: the earliest and latest year any node's or edge's span names (and ``year``)."""
    years = [y for t in times for y in t["span"] if y is not None]
    years += [] if year is None else [year]
    return [min(years), max(years)] if years else None


def _counts(column: list, strings: list) -> Counter:
    """How many records have each (interned) value of a column."""
    return Counter({strings[k]: c for k, c in Counter(column).items() if k is not None})


def _legend(onto, types: dict, page: dict) -> dict:
    """The legend: the sections in use, the types and the predicates, with how many of each."""
    type_counts = _counts(page["nodes"]["type"], page["strings"])
    return {
        "sections": _sections(onto, types),
        "types": [{"name": t, "count": type_counts[t], **types[t]} for t in sorted(types)],
        "predicates": _predicates(onto, _counts(page["edges"]["predicate"], page["strings"])),
    }


def _sections(onto, types: dict) -> list:
    """The ontology's sections that some type shown belongs to, in the ontology's order."""
    used = {v["section"] for v in types.values()}
    return [{"name": s, "title": look.title, "shape": look.shape} for s, look in section_looks(onto).items()
            if s in used]


def _predicates(onto, predicates: Counter) -> list:
    """The predicates used, sorted, with the ontology's labels and comments and how many statements have each."""
    return [{"name": p, "label": onto.labels.get(p, p), "count": c,
             "comment": onto.comments.get(p, "")} for p, c in sorted(predicates.items())]


def _modalities(onto, page: dict) -> list:
    """The schema's modalities in its order, with the ontology's labels and how many statements have each."""
    counts = _counts(page["edges"]["modality"], page["strings"])
    return [_modality(onto, m, counts.get(m, 0)) for m in load_schema().modalities]


def _modality(onto, m: str, count: int) -> dict:
    """One modality's legend entry: the ontology's label and comment for its term, if it has one."""
    term = onto.modalities.get(m)
    return {"name": m, "label": onto.labels.get(term, m) if term else m,
            "comment": onto.comments.get(term, "") if term else "", "count": count}


def _names(g: nx.MultiDiGraph, page: dict) -> dict:
    """The names of the entities the page refers to but may not draw (claimants, places), so no raw id shows."""
    every, here = g.graph.get("entity_names") or {}, g.nodes
    return {n: (str(here[n].get("label") or n) if n in here else every.get(n) or n)
            for n in sorted(_referred(page))}


def _claimants(page: dict) -> set:
    """The ``by`` of every citation (the column holds positions in the table of strings when interned)."""
    by = page["cites"].get("by", ())
    return {page["strings"][b] for b in by if b is not None} if "by" in page["cites"]["interned"] else set(by)


def _referred(page: dict) -> set:
    """The ids the page names: the statements' places and the claimants of every citation (estimates' too)."""
    wanted = {place for _, place in page["edges"]["sparse"].get("place", ())} | _claimants(page)
    for _, estimates in page["nodes"]["sparse"].get("estimates", ()):
        wanted.update(c.get("by") for est in estimates for c in est.get("citations", ()))
    wanted.discard(None)
    return wanted


def entity_names(g: nx.MultiDiGraph) -> dict:
    """Each entity's label, its id where it has none."""
    return {n: str(d.get("label") or n) for n, d in g.nodes(data=True)}


def _hops(g: nx.MultiDiGraph, center: str | None, depth: int | None) -> dict | None:
    """For `kg explore`: each node's distance from the centre (the ring beyond ``depth`` expands on demand)."""
    if depth is None or center not in g:
        return None
    return nx.single_source_shortest_path_length(g.to_undirected(as_view=True), center)


def _inner(hops: dict | None, depth: int | None) -> set | None:
    """The nodes within ``depth`` hops of the centre (``None`` without a centre: no ring)."""
    return None if hops is None else {n for n, h in hops.items() if h <= depth}


def _mark_hops(nodes: dict, hops: dict | None, depth: int | None) -> None:
    """Each node's distance from the centre as its ``hop`` column (``depth + 1`` when not reached)."""
    if hops is not None:
        nodes["hop"] = [hops.get(n, depth + 1) for n in nodes["id"]]


def _source_list(g: nx.MultiDiGraph) -> list:
    """The graph's sources, sorted by id, each with the fields that say something."""
    return [{"id": k, **_clean(v)} for k, v in sorted((g.graph.get("sources") or {}).items())]


def _centrality(measured: dict, ids: list) -> dict:
    """The centralities' menu and, per centrality, each node's value in the nodes' order."""
    return {
        "centralities": [{"name": k, "short": v[0], "title": v[1]} for k, v in measured["centralities"].items()],
        "centrality": {k: [v.get(n, 0) for n in ids] for k, v in measured["centrality"].items()},
    }


def explorer_data(g: nx.MultiDiGraph, *, title: str = "Peru Nexus", base: str = DEFAULT_BASE,
                  center: str | None = None, year: int | None = None, subtitle: str = "",
                  depth: int | None = None) -> dict:
    """Everything the page shows, as plain JSON-ready data: nodes and edges as columns in sorted order
    (:mod:`graph.explorer.columns`; the page draws item ``i`` as vis-network's id ``i``, so no fact id is ever
    an object key)."""
    onto = load_ontology(base)
    types = type_styles(onto, {_type(d) for _, d in g.nodes(data=True)})
    ordered = sorted_edges(g)
    hops = _hops(g, center, depth)
    measured, pos = _measured(g, ordered, _inner(hops, depth))
    cols = Columns(base)
    nodes = _nodes(g, cols, measured, pos)
    edges = _edges(ordered, cols, {n: i for i, n in enumerate(nodes["id"])})
    _mark_hops(nodes, hops, depth)
    page = cols.page(nodes, edges)
    return {
        "depth": depth,
        "title": title, "subtitle": subtitle, "center": center, "year": year,
        "years": _year_range(page["times"], year),
        **_legend(onto, types, page),
        "sources": _source_list(g),
        "names": _names(g, page),
        **_centrality(measured, nodes["id"]),
        "vocab": {"disputedStatus": DISPUTED, "disputesStance": DISPUTES, "assertedModality": DEFAULT_MODALITY,
                  "claimSection": ANALYTIC_CLAIM},
        "modalities": _modalities(onto, page),
        "options": vis_options(g.number_of_nodes() > BIG_GRAPH),
        "big": g.number_of_nodes() > BIG_GRAPH,
        "renderer": "canvas" if g.number_of_nodes() >= CANVAS_FROM else "vis", "canvasFrom": CANVAS_FROM,
        "timeline": {"lanes": LANES, "dated": DATED_LANES},
        "map": map_data(g, onto, nodes, edges, page["strings"]),
        **page,
    }
