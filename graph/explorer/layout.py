"""The explorer's layout: seeded positions in whole pixels, the same for the same graph.

Each connected component is laid out on its own by a force layout that is
reproducible to the bit on any machine; the largest sits in the middle and the
small ones are packed in rows beneath it, so a few stray nodes do not shrink
the picture. A big component (the Peru graph's) starts from its communities,
each around a point of a sunflower, so a few steps settle it and the
communities show as regions of the picture.

>>> import networkx as nx
>>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("x", "y")])
>>> pos = layout(g)
>>> sorted(pos) == ["a", "b", "c", "x", "y"], pos == layout(g), all(isinstance(v, int) for p in pos.values() for v in p)
(True, True, True)
"""

from __future__ import annotations

import hashlib
import math

import networkx as nx

FORCE_LIMIT = 1500  # up to this many nodes a force layout; above, the communities' layout
NODE_SPACING = 34  # pixels between neighbouring nodes in a community's disc
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
SMALL_GRAPH = 600  # up to this many nodes in a component: repulsion between all pairs; above: near ones only
SMALL_ITERATIONS = 160  # a small component's force-layout steps (fewer leave the core of the Peru graph cramped)
SEEDED_ITERATIONS, SEEDED_STEP = 15, 1.5  # a big component started from its communities: steps, the first step's length
COMMUNITY_SPREAD = 3.0  # the start's sunflower of communities: its radius grows by this per sqrt(community)
COS_GOLDEN, SIN_GOLDEN = -0.7373688780783197, 0.6754902942615238  # of GOLDEN_ANGLE, as literals: no libm in the start
PIXELS_PER_UNIT = 130  # the ideal edge length, in pixels
MIN_WIDTH, GAP_BELOW, PAD_X, PAD_Y = 600, 160, 120, 90  # packing the small components, in pixels


def layout(g: nx.MultiDiGraph, communities: dict | None = None) -> dict:
    """``{node: (x, y)}`` in whole pixels: components laid out apart, the largest first.

    Above ``FORCE_LIMIT`` nodes, with ``communities`` given, :func:`community_layout` instead (a force
    layout of thousands of nodes takes tens of seconds in Python).
    """
    if communities is not None and g.number_of_nodes() > FORCE_LIMIT:
        return community_layout(g, communities)
    boxes = [_Box(comp, _component_layout(simple, comp, communities)) for simple, comp in _components(g)]
    if not boxes:
        return {}
    placed = dict(boxes[0].pos)
    placed.update(_pack_below(boxes[0], boxes[1:]))
    return _pixels(placed)


def _pixels(pos: dict) -> dict:
    """Positions rounded to whole pixels."""
    return {n: (int(round(x)), int(round(y))) for n, (x, y) in pos.items()}


def _components(g: nx.MultiDiGraph):
    """(the undirected simple graph's component, its sorted nodes), largest first, ties by first node."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g.nodes))
    simple.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in g.edges() if u != v}))
    comps = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    return [(simple.subgraph(comp), comp) for comp in comps]


class _Box:
    """A component's positions and their bounding box."""

    def __init__(self, nodes: list, pos: dict):
        self.nodes, self.pos = nodes, pos
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        self.x0, self.x1, self.y0, self.y1 = min(xs), max(xs), min(ys), max(ys)


def _pack_below(main: _Box, rest: list) -> dict:
    """The small components in rows under the main one, left to right, no wider than it (or MIN_WIDTH)."""
    placed = {}
    width = max(main.x1 - main.x0, MIN_WIDTH)
    cx, cy, row_h = main.x0, main.y1 + GAP_BELOW, 0
    for box in rest:
        w, h = box.x1 - box.x0 + PAD_X, box.y1 - box.y0 + PAD_Y
        if cx + w > main.x0 + width and cx > main.x0:
            cx, cy, row_h = main.x0, cy + row_h, 0
        for n, (x, y) in box.pos.items():
            placed[n] = (x - box.x0 + cx, y - box.y0 + cy)
        cx += w
        row_h = max(row_h, h)
    return placed


def _component_layout(sub: nx.Graph, nodes: list, communities: dict | None = None) -> dict:
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) == 2:
        return {nodes[0]: (0.0, 0.0), nodes[1]: (PIXELS_PER_UNIT, 0.0)}
    index = {v: i for i, v in enumerate(nodes)}
    pairs = sorted(tuple(sorted((index[u], index[v]))) for u, v in sub.edges())
    xy = force_layout(nodes, pairs, groups=None if communities is None else [communities.get(v) for v in nodes])
    return {v: (float(xy[i][0]) * PIXELS_PER_UNIT, float(xy[i][1]) * PIXELS_PER_UNIT) for v, i in index.items()}


def _start(node: str, side: float) -> tuple[float, float]:
    """A starting point that depends on the node's id only (not on a random generator's version)."""
    h = hashlib.sha256(str(node).encode("utf-8")).digest()
    return (int.from_bytes(h[:4], "big") / 2**32 - 0.5) * side, (int.from_bytes(h[4:8], "big") / 2**32 - 0.5) * side


def force_layout(nodes: list, pairs: list, iterations: int | None = None, groups: list | None = None):
    """Fruchterman-Reingold with ideal distance 1: an (n, 2) array of positions.

    Reproducible to the bit on any machine: the start comes from the node ids,
    and every step is element-wise IEEE arithmetic with forces summed in a fixed
    order (``np.bincount``), never a BLAS call or a reduction whose order
    depends on the CPU. Repulsion is between all pairs up to ``SMALL_GRAPH``
    nodes; above that, only between nodes closer than 2 (the grid variant: a
    grid of cells finds them, sorted), so thousands of nodes take a second or two.
    There, with ``groups`` (each node's community), the start is
    :func:`seeded_start` and ``SEEDED_ITERATIONS`` short steps settle it.

    >>> pos = force_layout(["a", "b", "c"], [(0, 1), (1, 2)])
    >>> pos.shape, bool((pos == force_layout(["a", "b", "c"], [(0, 1), (1, 2)])).all())
    ((3, 2), True)
    """
    import numpy as np

    big, default_iterations, start, temp0 = _beginning(nodes, groups)
    iterations = iterations or default_iterations
    pos = np.array(start, dtype=np.float64)
    edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    for step in range(iterations):
        disp = _near_repulsion(pos) if big else _all_repulsion(pos)
        if len(edges):
            disp += _attraction(pos, edges, big)
        length = np.maximum(np.sqrt(disp[:, 0] * disp[:, 0] + disp[:, 1] * disp[:, 1]), 1e-9)
        temp = max(temp0 * (1 - step / iterations), 0.01)
        pos += disp / length[:, None] * np.minimum(length, temp)[:, None]
    return pos


def _beginning(nodes: list, groups: list | None) -> tuple[bool, int, list, float]:
    """Whether the graph is big, the iterations, the start and the first step (seeded by ``groups`` if big)."""
    big, iterations, side, temp0 = _settings(len(nodes))
    if big and groups is not None:
        return big, SEEDED_ITERATIONS, seeded_start(nodes, groups), SEEDED_STEP
    return big, iterations, [_start(v, side) for v in nodes], temp0


def _settings(n: int) -> tuple[bool, int, float, float]:
    """For ``n`` nodes: whether the graph is big, the iterations, the starting square's side, the first step."""
    if n > SMALL_GRAPH:
        side = math.sqrt(n) * 1.5
        return True, 50, side, side / 8
    side = math.sqrt(n) * 1.0
    return False, SMALL_ITERATIONS, side, side / 10


def seeded_start(nodes: list, groups: list) -> list:
    """Where a big component's force layout starts: each community (``groups``: each node's) in a square
    around a point of a sunflower, the largest in the middle, each node at a place its id gives. Arithmetic
    and square roots only (correctly rounded on every machine), no sine or cosine.

    >>> seeded_start(["a", "b", "c"], [0, 0, 1]) == seeded_start(["a", "b", "c"], [0, 0, 1])
    True
    >>> import math
    >>> abs(COS_GOLDEN - math.cos(GOLDEN_ANGLE)) < 1e-15 and abs(SIN_GOLDEN - math.sin(GOLDEN_ANGLE)) < 1e-15
    True
    """
    members: dict = {}
    for v, c in zip(nodes, groups):
        members.setdefault(c, []).append(v)
    order = sorted(members, key=lambda c: (-len(members[c]), min(members[c])))
    centre = dict(zip(order, _sunflower(len(order), COMMUNITY_SPREAD)))
    out = []
    for v, c in zip(nodes, groups):
        (cx, cy), (hx, hy) = centre[c], _start(v, math.sqrt(len(members[c])) * 0.8)
        out.append((cx + hx, cy + hy))
    return out


def _sunflower(k: int, spread: float) -> list:
    """``k`` points of Vogel's spiral, radius ``spread * sqrt(j + 0.5)``, turned by the golden angle each.

    >>> [(round(x, 3), round(y, 3)) for x, y in _sunflower(2, 1.0)]
    [(0.707, 0.0), (-0.903, 0.827)]
    """
    out, dx, dy = [], 1.0, 0.0
    for j in range(k):
        r = spread * math.sqrt(j + 0.5)
        out.append((r * dx, r * dy))
        dx, dy = dx * COS_GOLDEN - dy * SIN_GOLDEN, dx * SIN_GOLDEN + dy * COS_GOLDEN
    return out


def _scatter(index, force, n: int):
    """Per node, the sum of the forces on it, summed in a fixed order."""
    import numpy as np

    return np.stack([np.bincount(index, force[:, 0], n), np.bincount(index, force[:, 1], n)], axis=1)


def _close_pairs(pos, radius: float = 2.0):
    """The pairs ``(i, j)``, ``i < j``, of nodes at most ``radius`` apart, sorted: a grid of ``radius``-wide
    cells, each cell's nodes compared with its own and four of its eight neighbours' (every pair once).

    >>> import numpy as np
    >>> _close_pairs(np.array([[0.0, 0.0], [1.5, 0.5], [5.0, 5.0], [3.0, 0.0]])).tolist()
    [[0, 1], [1, 3]]
    """
    import numpy as np

    cell = np.floor(pos / radius).astype(np.int64)
    cell -= cell.min(axis=0)
    width = int(cell[:, 1].max()) + 3  # a column of empty cells between rows: no wrap-around
    key = cell[:, 0] * width + cell[:, 1] + 1
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    found = [_cell_pairs(pos, order, sorted_key, key, shift, radius) for shift in (0, 1, width - 1, width, width + 1)]
    close = np.concatenate(found)
    return close[np.lexsort((close[:, 1], close[:, 0]))] if len(close) else close.reshape(-1, 2)


def _cell_pairs(pos, order, sorted_key, key, shift: int, radius: float):
    """The close pairs between each node and the nodes of the cell ``shift`` keys on (``0``: its own cell's
    nodes after it in ``order``), as ``(smaller, larger)`` node numbers."""
    import numpy as np

    lo = np.searchsorted(sorted_key, key[order] + shift, side="left")
    hi = np.searchsorted(sorted_key, key[order] + shift, side="right")
    if shift == 0:
        lo = np.arange(len(order)) + 1
    counts = np.maximum(hi - lo, 0)
    total = int(counts.sum())
    first = np.repeat(order, counts)
    at = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(total)
    second = order[at]
    delta = pos[first] - pos[second]
    near = delta[:, 0] * delta[:, 0] + delta[:, 1] * delta[:, 1] <= radius * radius
    first, second = first[near], second[near]
    return np.stack([np.minimum(first, second), np.maximum(first, second)], axis=1)


def _all_repulsion(pos):
    """Every pair pushed apart, magnitude 1/d: dense n-by-n arrays, summed down the columns (element-wise adds
    in a fixed order; the force matrix is antisymmetric, so a column's sum is minus the row's)."""
    import numpy as np

    dx, dy = pos[None, :, 0] - pos[:, None, 0], pos[None, :, 1] - pos[:, None, 1]
    dist2 = np.maximum(dx * dx + dy * dy, 1e-4)
    return np.stack([(dx / dist2).sum(axis=0), (dy / dist2).sum(axis=0)], axis=1)


def _near_repulsion(pos):
    """The pairs closer than 2 pushed apart (see :func:`_repulsion`)."""
    import numpy as np

    close = _close_pairs(pos)
    return _repulsion(pos, close) if len(close) else np.zeros(pos.shape)


def _repulsion(pos, close):
    """Each pair pushed apart along the line between them, with magnitude 1/d."""
    import numpy as np

    delta = pos[close[:, 0]] - pos[close[:, 1]]
    dist2 = np.maximum(delta[:, 0] * delta[:, 0] + delta[:, 1] * delta[:, 1], 1e-4)
    force = delta / dist2[:, None]
    return _scatter(close[:, 0], force, len(pos)) - _scatter(close[:, 1], force, len(pos))


def _attraction(pos, edges, big: bool):
    """Each edge pulled together with magnitude d^2 (FR); linear on big graphs, whose long edges would crush them."""
    import numpy as np

    delta = pos[edges[:, 0]] - pos[edges[:, 1]]
    dist = np.sqrt(delta[:, 0] * delta[:, 0] + delta[:, 1] * delta[:, 1])
    force = delta if big else delta * dist[:, None]
    return _scatter(edges[:, 1], force, len(pos)) - _scatter(edges[:, 0], force, len(pos))


# ----------------------------------------------------------------- big graphs: communities as discs

def _disc(members: list, cx: float, cy: float) -> dict:
    """A community's members on a sunflower (Vogel's spiral) around its centre, the first in the middle."""
    return {n: (cx + NODE_SPACING * math.sqrt(j + 0.5) * math.cos(j * GOLDEN_ANGLE),
                cy + NODE_SPACING * math.sqrt(j + 0.5) * math.sin(j * GOLDEN_ANGLE)) for j, n in enumerate(members)}


def _pack(radii: list) -> list:
    """Centres for discs of ``radii`` (largest first), in rows about as wide as the whole is tall."""
    gap = NODE_SPACING * 2
    width = math.sqrt(sum((2 * r + gap) ** 2 for r in radii)) * 1.15
    out, x, y, row = [], 0.0, 0.0, 0.0
    for r in radii:
        side = 2 * r + gap
        if x > 0 and x + side > width:
            x, y, row = 0.0, y + row, 0.0
        out.append((x + side / 2, y + side / 2))
        x, row = x + side, max(row, side)
    return out


def community_layout(g: nx.MultiDiGraph, communities: dict) -> dict:
    """The layout of a big graph: each community a disc, its most connected members in the middle, the
    discs packed along a spiral, the biggest in the centre; communities of one or two merged into one disc.

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> pos = community_layout(g, {"a": 0, "b": 0, "c": 0, "x": 1, "y": 1})
    >>> sorted(pos) == ["a", "b", "c", "x", "y"], pos == community_layout(g, {"a": 0, "b": 0, "c": 0, "x": 1, "y": 1})
    (True, True)
    """
    degree = dict(g.degree())
    discs = [sorted(m, key=lambda n: (-degree.get(n, 0), n)) for m in _disc_members(g, communities)]
    centres = _pack([NODE_SPACING * math.sqrt(len(m) + 0.5) for m in discs])
    pos = {}
    for members, (cx, cy) in zip(discs, centres):
        pos.update(_disc(members, cx, cy))
    return _pixels(pos)


def _disc_members(g: nx.MultiDiGraph, communities: dict) -> list:
    """The members of each disc: communities of three or more, largest first, then one of all the rest."""
    groups: dict = {}
    for n in sorted(g.nodes):
        groups.setdefault(communities.get(n, -1), []).append(n)
    big = sorted((m for m in groups.values() if len(m) > 2), key=lambda m: (-len(m), m[0]))
    rest = sorted(n for m in groups.values() if len(m) <= 2 for n in m)
    return big + ([rest] if rest else [])


def layout_with_ring(g: nx.MultiDiGraph, inner: set, communities: dict | None = None) -> dict:
    """``layout`` of the ``inner`` nodes alone; every other node (the ring to expand on demand) placed on a
    circle around the inner neighbour it hangs from, so the inner picture is the one a reader sees first.

    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> pos = layout_with_ring(g, {"a", "b"})
    >>> sorted(pos) == ["a", "b", "c"] and pos == layout_with_ring(g, {"a", "b"})
    True
    """
    pos = layout(nx.MultiDiGraph(g.subgraph(inner)), communities)
    for anchor, ring in _hanging(g, inner, pos).items():
        pos.update(_ring(ring, pos[anchor] if anchor is not None else (0, 0)))
    return pos


def _hanging(g: nx.MultiDiGraph, inner: set, pos: dict) -> dict:
    """``{anchor: [outer nodes]}``: each outer node under its first placed neighbour (``None``: it has none)."""
    undirected = g.to_undirected(as_view=True)
    hanging: dict = {}
    for n in sorted(set(g.nodes) - set(inner)):
        anchors = sorted(m for m in undirected.neighbors(n) if m in pos)
        hanging.setdefault(anchors[0] if anchors else None, []).append(n)
    return hanging


def _ring(ring: list, centre: tuple) -> dict:
    """The ``ring``'s nodes on a circle around ``centre``, in whole pixels, the circle wider for more nodes."""
    cx, cy = centre
    radius = PIXELS_PER_UNIT * (1.2 + len(ring) / 40)
    out = {}
    for j, n in enumerate(ring):
        angle = j * GOLDEN_ANGLE
        out[n] = (int(round(cx + radius * math.cos(angle))), int(round(cy + radius * math.sin(angle))))
    return out
