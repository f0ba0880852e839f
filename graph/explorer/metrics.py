"""What the explorer's overview is drawn by, computed in Python: centralities and communities.

Every number is reproducible: the graph is rebuilt with its nodes and edges in
sorted order, Louvain runs with a fixed seed, and betweenness (sampled on big
graphs) with a fixed seed too. Values are rounded so the page's bytes do not
depend on the last bit of a float.

>>> import networkx as nx
>>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y")])
>>> m = metrics(g)
>>> sorted(m["centralities"]), m["centrality"]["degree"]["a"]
(['betweenness', 'degree', 'pagerank'], 2)
>>> m["community"]["a"] == m["community"]["b"] != m["community"]["x"]
True
>>> m == metrics(g)
True
"""

from __future__ import annotations

import networkx as nx

SEED = 7  # Louvain's and sampled betweenness's seed
EXACT_BETWEENNESS = 1500  # up to this many nodes betweenness is exact; above, sampled
BETWEENNESS_SAMPLE = 100  # the sample's size above that
LOUVAIN_LIMIT = 4000  # above this many nodes, communities by label propagation (Louvain takes too long)

CENTRALITIES = {  # name: (the menu's word, what it means)
    "degree": ("relationships", "Number of relationships"),
    "pagerank": ("PageRank", "PageRank: linked to by well-linked entities"),
    "betweenness": ("betweenness", "Betweenness: on the shortest paths between others (a broker)"),
}


def simple_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph, nodes and edges added in sorted order, weighted by how many statements join a pair."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g.nodes))
    weights: dict = {}
    for u, v in g.edges():
        if u != v:
            pair = (u, v) if u <= v else (v, u)
            weights[pair] = weights.get(pair, 0) + 1
    simple.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(weights.items()))
    return simple


def _rounded(values: dict) -> dict:
    return {k: round(float(v), 6) for k, v in sorted(values.items())}


def centralities(g: nx.MultiDiGraph, simple: nx.Graph) -> dict:
    """``{name: {node: value}}`` for each of :data:`CENTRALITIES`."""
    degree = {n: int(d) for n, d in sorted(g.degree())}
    directed = nx.DiGraph()
    directed.add_nodes_from(sorted(g.nodes))
    directed.add_edges_from(sorted({(u, v) for u, v in g.edges() if u != v}))
    pagerank = nx.pagerank(directed, max_iter=200, tol=1e-9) if len(directed) else {}
    sample = None if len(simple) <= EXACT_BETWEENNESS else BETWEENNESS_SAMPLE
    between = nx.betweenness_centrality(simple, k=sample, seed=SEED) if len(simple) else {}
    return {"degree": degree, "pagerank": _rounded(pagerank), "betweenness": _rounded(between)}


def communities(simple: nx.Graph) -> dict:
    """``{node: community number}``: 0 the largest community, ties by the smallest member id."""
    if not len(simple):
        return {}
    if len(simple) <= LOUVAIN_LIMIT:
        found = nx.community.louvain_communities(simple, weight="weight", seed=SEED)
    else:
        found = nx.community.label_propagation_communities(simple)
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    return {n: i for i, members in enumerate(ordered) for n in members}


def metrics(g: nx.MultiDiGraph) -> dict:
    """Centralities and communities of ``g`` (a NetworkX graph of the explorer)."""
    simple = simple_graph(g)
    return {"centralities": dict(CENTRALITIES), "centrality": centralities(g, simple),
            "community": communities(simple)}
