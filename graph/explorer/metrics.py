"""What the explorer's overview is drawn by, computed in Python: centralities and communities.

Every number is reproducible: the graph is rebuilt with its nodes and edges in
sorted order, Louvain runs with a fixed seed, PageRank and (on big graphs) label
propagation are element-wise numpy over sorted arrays. Values are rounded so the
page's bytes do not depend on the last bit of a float.

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
EXACT_BETWEENNESS = 1500  # up to this many nodes betweenness (exact); above, it is not offered (too slow)
LOUVAIN_LIMIT = 1500  # above this many nodes, communities by label propagation (Louvain takes too long)

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


def _indexed(g: nx.MultiDiGraph, edges: list | None = None):
    """The sorted nodes and each statement as a pair of node positions (self-loops left out), as numpy arrays,
    the pairs sorted.

    >>> nodes, pairs = _indexed(nx.MultiDiGraph([("b", "a"), ("a", "a"), ("a", "b")]))
    >>> nodes, pairs.tolist()
    (['a', 'b'], [[0, 1], [1, 0]])
    """
    nodes, flat = _ends(g, edges)
    return nodes, _pairs(flat)


def _pairs(flat):
    """The statements' ``(subject, object)`` positions without self-loops, sorted."""
    import numpy as np

    pairs = flat[flat[:, 0] != flat[:, 1]]
    return pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))] if len(pairs) else pairs


def _ends(g: nx.MultiDiGraph, edges: list | None = None):
    """The sorted nodes and every statement (self-loops too) as a row ``(subject, object)`` of node positions."""
    import numpy as np

    nodes = sorted(g.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    ends = list(g.edges()) if edges is None else edges
    subjects = np.fromiter((index[e[0]] for e in ends), dtype=np.int64, count=len(ends))
    objects = np.fromiter((index[e[1]] for e in ends), dtype=np.int64, count=len(ends))
    return nodes, np.stack([subjects, objects], axis=1)


def _degrees(nodes: list, flat) -> dict:
    """``{node: degree}``, in and out, a self-loop twice (as NetworkX counts), in the nodes' order."""
    import numpy as np

    n = len(nodes)
    counts = np.bincount(flat[:, 0], minlength=n) + np.bincount(flat[:, 1], minlength=n)
    return dict(zip(nodes, counts.tolist()))


def betweenness(n: int, pairs):
    """Normalised betweenness of the undirected simple graph on ``n`` nodes joined by ``pairs``: Brandes'
    algorithm in rustworkx (Rust), one source after another (never in parallel threads, whose sums would
    come in a varying order): the values NetworkX's ``betweenness_centrality`` gives, ten times faster than
    all sources at once in numpy.

    >>> import numpy as np
    >>> [round(float(x), 3) for x in betweenness(4, np.array([[0, 1], [1, 2], [2, 3]]))]
    [0.0, 0.667, 0.667, 0.0]
    """
    import numpy as np
    import rustworkx

    if n <= 2 or not len(pairs):
        return np.zeros(n)
    simple = rustworkx.PyGraph(multigraph=False, node_count_hint=n, edge_count_hint=len(pairs))
    simple.add_nodes_from(range(n))
    simple.add_edges_from_no_data([(int(u), int(v)) for u, v in np.unique(np.sort(pairs, axis=1), axis=0).tolist()])
    values = rustworkx.graph_betweenness_centrality(simple, normalized=True, parallel_threshold=n + 1)
    return np.array([values[i] for i in range(n)])


def pagerank(n: int, pairs, damping: float = 0.85, iterations: int = 100, tol: float = 1e-10):
    """PageRank by power iteration over the (subject, object) pairs: element-wise numpy, sums in a fixed order.

    >>> import numpy as np
    >>> [round(float(x), 3) for x in pagerank(3, np.array([[0, 1], [1, 2], [2, 0]]))]
    [0.333, 0.333, 0.333]
    """
    import numpy as np

    if n == 0:
        return np.zeros(0)
    out_degree = np.bincount(pairs[:, 0], minlength=n).astype(np.float64) if len(pairs) else np.zeros(n)
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        share = np.where(out_degree > 0, rank / np.maximum(out_degree, 1), 0.0)
        flow = np.bincount(pairs[:, 1], share[pairs[:, 0]], minlength=n) if len(pairs) else np.zeros(n)
        dangling = rank[out_degree == 0].sum()
        new = (1 - damping) / n + damping * (flow + dangling / n)
        if np.abs(new - rank).sum() < tol:
            return new
        rank = new
    return rank


def label_propagation(n: int, pairs, rounds: int = 12):
    """Communities of a big graph: each node takes the label most of its neighbours (and itself) have,
    ties to the smallest, all nodes at once, for a fixed number of rounds. Vectorised, deterministic.

    >>> import numpy as np
    >>> label_propagation(6, np.array([[0, 1], [1, 2], [0, 2], [3, 4], [4, 5], [3, 5]])).tolist()
    [0, 0, 0, 3, 3, 3]
    """
    import numpy as np

    labels = np.arange(n)
    both = np.concatenate([pairs, pairs[:, ::-1], np.stack([labels, labels], axis=1)]) if len(pairs) else None
    if both is None:
        return labels
    receivers, senders = both[:, 1] * n, both[:, 0]
    for _ in range(rounds):
        new = labels.copy()
        node, label = _most_common(np.sort(receivers + labels[senders]), n)
        new[node] = label
        if (new == labels).all():
            break
        labels = new
    return labels


def _most_common(keys, n: int):
    """For sorted ``node * n + label`` keys: each node and the label it has most often, ties to the smallest."""
    import numpy as np

    starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    counts = np.diff(np.append(starts, len(keys)))
    node, label = keys[starts] // n, keys[starts] % n
    node_starts = np.flatnonzero(np.concatenate([[True], node[1:] != node[:-1]]))
    group = np.repeat(np.arange(len(node_starts)), np.diff(np.append(node_starts, len(node))))
    best = np.flatnonzero(counts == np.maximum.reduceat(counts, node_starts)[group])
    first = best[np.concatenate([[True], group[best][1:] != group[best][:-1]])]
    return node[first], label[first]


def centralities(g: nx.MultiDiGraph, indexed: tuple | None = None, degree: dict | None = None) -> dict:
    """``{name: {node: value}}`` for :data:`CENTRALITIES` (betweenness only up to ``EXACT_BETWEENNESS`` nodes)."""
    nodes, pairs = indexed or _indexed(g)
    degree = degree if degree is not None else {n: int(d) for n, d in sorted(g.degree())}
    out = {"degree": degree, "pagerank": _rounded(dict(zip(nodes, pagerank(len(nodes), pairs).tolist())))}
    if len(nodes) <= EXACT_BETWEENNESS:
        out["betweenness"] = _rounded(dict(zip(nodes, betweenness(len(nodes), pairs).tolist())))
    return out


def communities(g: nx.MultiDiGraph, simple: nx.Graph | None = None, indexed: tuple | None = None) -> dict:
    """``{node: community number}``: 0 the largest community, ties by the smallest member id.

    Louvain (NetworkX, seeded) up to ``LOUVAIN_LIMIT`` nodes; above, :func:`label_propagation`.
    """
    if not len(g):
        return {}
    if len(g) <= LOUVAIN_LIMIT:
        simple = simple if simple is not None else simple_graph(g)
        found = nx.community.louvain_communities(simple, weight="weight", seed=SEED)
    else:
        found = _propagated(g, indexed)
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    return {n: i for i, members in enumerate(ordered) for n in members}


def _propagated(g: nx.MultiDiGraph, indexed: tuple | None = None) -> list:
    """The communities :func:`label_propagation` finds, as lists of nodes."""
    nodes, pairs = indexed or _indexed(g)
    groups: dict = {}
    for node, label in zip(nodes, label_propagation(len(nodes), pairs).tolist()):
        groups.setdefault(label, []).append(node)
    return list(groups.values())


def metrics(g: nx.MultiDiGraph, edges: list | None = None) -> dict:
    """Centralities and communities of ``g`` (a NetworkX graph of the explorer); ``edges``, if given, its
    ``(u, v, ...)`` statements, so they are not listed again."""
    nodes, flat = _ends(g, edges)
    indexed = nodes, _pairs(flat)
    central = centralities(g, indexed, _degrees(nodes, flat))
    return {"centralities": {k: v for k, v in CENTRALITIES.items() if k in central}, "centrality": central,
            "community": communities(g, indexed=indexed)}
