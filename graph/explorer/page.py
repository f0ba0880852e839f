"""The interactive explorer: the graph as one self-contained, offline HTML file.

Built on pyvis (its ``Network`` assembles the vis-network nodes and edges, and
its wheel ships the vis-network library, which is inlined into the file) with a
template of our own (``graph/explorer/templates/``): no request to any CDN or other
host, a legend, search over names and aliases, filters by entity type,
relationship type and year, a dossier with every statement and its quotes, and
neighbourhood highlighting.

Safety: every piece of data travels as JSON inside
``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped, and
the page builds its DOM with ``textContent`` only; a Content-Security-Policy
allows only the page's own two scripts (by hash) and no network at all.

Determinism: the layout is computed here (started from hashes of the node ids,
reproducible to the bit on any machine, rounded to whole pixels, physics off)
and every list is sorted, so the same facts give the same bytes.

>>> from graph.builder import build
>>> kg = build("tests/fixtures/mini")
>>> html = explorer_html(kg.nx)
>>> html.startswith(b"<!DOCTYPE html>"), b"<link" in html, b"<script src" in html
(True, False, False)
>>> html == explorer_html(kg.nx)
True
>>> sorted(neighbourhood(kg.nx, "artemio", depth=1).nodes)
['artemio', 'huallaga-faction', 'peruvian-government']
>>> sorted(neighbourhood(kg.nx, "artemio", depth=1, as_of=1992).nodes)
['artemio', 'huallaga-faction']
"""

from __future__ import annotations

import base64
import colorsys
import hashlib
import html
import json
import math
import os
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path

import networkx as nx

from graph.vocab.ontology import DEFAULT_BASE, load_ontology
from graph.resources import data_dir
from graph.builder.time import span_holds

VIS_VERSION = "9.1.2"
SMALL_GRAPH = 600  # up to this many nodes in a component: repulsion between all pairs; above: near ones only

# Shape and hue family per ontology section (hues in degrees: start, end).
SECTION_STYLE = {
    "Person": ("dot", (350, 372)),
    "Organization": ("diamond", (195, 290)),
    "Place": ("triangle", (85, 165)),
    "Event": ("star", (28, 55)),
    "Activity": ("square", (295, 335)),
}
SECTION_ORDER = ["Person", "Organization", "Place", "Event", "Activity", "Other"]
SECTION_NAMES = {"Person": "People", "Organization": "Groups", "Place": "Places", "Event": "Events",
                 "Activity": "Activities", "Other": "Other"}


# ----------------------------------------------------------------- resources

def _vis_file(name: str) -> str:
    """A file of the vis-network library shipped in pyvis's wheel (dual Apache-2.0/MIT licence)."""
    import pyvis

    root = resources.files(pyvis) / "templates" / "lib" / f"vis-{VIS_VERSION}"
    return (root / name).read_text(encoding="utf-8")


def _template(name: str) -> str:
    return (data_dir("templates") / name).read_text(encoding="utf-8")


# ----------------------------------------------------------------- helpers

def _year(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value
    m = re.match(r"-?\d+", str(value))
    return int(m.group()) if m else None


def _lasting(attrs: dict, kind: str = "edge") -> bool:
    """Whether a date makes this node or edge history from then on (graph/builder/time.py's rule)."""
    if kind == "node":
        return True
    if "lasting" in attrs:
        return bool(attrs["lasting"])
    pred = load_ontology().predicates.get(attrs.get("predicate") or "")
    return bool(pred and pred.lasting)


def year_span(attrs: dict, lasting: bool) -> tuple[int | None, int | None]:
    """(first, last) year over which a node or edge holds, by graph/builder/time.py's rule.

    A date on a happening holds from its year on, a date on a state in that year
    only; a period over its years; undated: always (None for an open end).
    """
    if attrs.get("date") is not None:
        y = _year(attrs["date"])
        return y, (None if lasting else y)
    return _year(attrs.get("start")), _year(attrs.get("end"))


def holds(attrs: dict, year: int, kind: str = "edge") -> bool:
    """True when a node or edge (its NetworkX attributes) holds in ``year``."""
    date = _year(attrs["date"]) if attrs.get("date") is not None else None
    return span_holds(_year(attrs.get("start")), _year(attrs.get("end")), date, year, _lasting(attrs, kind))


def as_of(g: nx.MultiDiGraph, year: int) -> nx.MultiDiGraph:
    """The graph as it stood in ``year``: what holds then (graph/builder/time.py's rule)."""
    keep = [n for n, d in g.nodes(data=True) if holds(d, year, "node")]
    sub = nx.MultiDiGraph(g.subgraph(keep))
    sub.remove_edges_from([(u, v, k) for u, v, k, d in sub.edges(keys=True, data=True) if not holds(d, year)])
    sub.graph.update(g.graph)
    return sub


_time_slice = as_of


def neighbourhood(g: nx.MultiDiGraph, node: str, depth: int = 1, as_of: int | None = None) -> nx.MultiDiGraph:
    """The entities within ``depth`` hops of ``node`` (either direction) and the statements among them."""
    if as_of is not None:
        g = _time_slice(g, as_of)
        if node not in g:
            return nx.MultiDiGraph(g.subgraph([]))
    near = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), node, cutoff=depth)
    sub = nx.MultiDiGraph(g.subgraph(near))
    sub.graph.update(g.graph)
    return sub


# ----------------------------------------------------------------- layout

def _layout(g: nx.MultiDiGraph) -> dict:
    """Seeded positions in whole pixels, the same for the same graph.

    Each connected component is laid out on its own (networkx's spring layout,
    or a grid-accelerated one for big components); the largest sits in the
    middle and the small ones are packed in rows beneath it, so a few stray
    nodes do not shrink the picture.
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g.nodes))
    simple.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in g.edges() if u != v}))
    comps = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    placed: dict = {}
    boxes = []
    for comp in comps:
        pos = _component_layout(simple.subgraph(comp), comp)
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        boxes.append((comp, pos, min(xs), max(xs), min(ys), max(ys)))
    if not boxes:
        return {}
    _, main, x0, x1, y0, y1 = boxes[0]
    placed.update(main)
    width = max(x1 - x0, 600)
    cx, cy, row_h = x0, y1 + 160, 0
    for comp, pos, a0, a1, b0, b1 in boxes[1:]:
        w, h = a1 - a0 + 120, b1 - b0 + 90
        if cx + w > x0 + width and cx > x0:
            cx, cy, row_h = x0, cy + row_h, 0
        for n, (x, y) in pos.items():
            placed[n] = (x - a0 + cx, y - b0 + cy)
        cx += w
        row_h = max(row_h, h)
    return {n: (int(round(x)), int(round(y))) for n, (x, y) in placed.items()}


def _component_layout(sub: nx.Graph, nodes: list) -> dict:
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n == 2:
        return {nodes[0]: (0.0, 0.0), nodes[1]: (PIXELS_PER_UNIT, 0.0)}
    index = {v: i for i, v in enumerate(nodes)}
    pairs = sorted(tuple(sorted((index[u], index[v]))) for u, v in sub.edges())
    xy = force_layout(nodes, pairs)
    return {v: (float(xy[i][0]) * PIXELS_PER_UNIT, float(xy[i][1]) * PIXELS_PER_UNIT) for v, i in index.items()}


PIXELS_PER_UNIT = 130  # the ideal edge length, in pixels


def _start(node: str, side: float) -> tuple[float, float]:
    """A starting point that depends on the node's id only (not on a random generator's version)."""
    h = hashlib.sha256(str(node).encode("utf-8")).digest()
    return (int.from_bytes(h[:4], "big") / 2**32 - 0.5) * side, (int.from_bytes(h[4:8], "big") / 2**32 - 0.5) * side


def force_layout(nodes: list, pairs: list, iterations: int | None = None):
    """Fruchterman-Reingold with ideal distance 1: an (n, 2) array of positions.

    Reproducible to the bit on any machine: the start comes from the node ids,
    and every step is element-wise IEEE arithmetic with forces summed in a fixed
    order (``np.bincount``), never a BLAS call or a reduction whose order
    depends on the CPU. Repulsion is between all pairs up to ``SMALL_GRAPH``
    nodes; above that, only between nodes closer than 2 (the grid variant: a
    k-d tree finds them, sorted), so thousands of nodes take a second or two.
    """
    import numpy as np

    n = len(nodes)
    big = n > SMALL_GRAPH
    iterations = iterations or (50 if big else 160)
    side = math.sqrt(n) * (1.5 if big else 1.0)
    pos = np.array([_start(v, side) for v in nodes], dtype=np.float64)
    edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    if not big:
        ii, jj = np.triu_indices(n, 1)
        every = np.stack([ii, jj], axis=1)
    temp0 = side / 8 if big else side / 10

    def scatter(index, force):
        return np.stack([np.bincount(index, force[:, 0], n), np.bincount(index, force[:, 1], n)], axis=1)

    for step in range(iterations):
        if big:
            from scipy.spatial import cKDTree

            close = cKDTree(pos).query_pairs(2.0, output_type="ndarray")
            close = close[np.lexsort((close[:, 1], close[:, 0]))] if len(close) else close.reshape(-1, 2)
        else:
            close = every
        disp = np.zeros((n, 2))
        if len(close):
            delta = pos[close[:, 0]] - pos[close[:, 1]]
            dist2 = np.maximum(delta[:, 0] * delta[:, 0] + delta[:, 1] * delta[:, 1], 1e-4)
            force = delta / dist2[:, None]  # along the pair, magnitude 1/d
            disp += scatter(close[:, 0], force) - scatter(close[:, 1], force)
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            dist = np.sqrt(delta[:, 0] * delta[:, 0] + delta[:, 1] * delta[:, 1])
            # along the edge, magnitude d^2 (FR); linear on big graphs, whose long edges would crush them
            force = delta if big else delta * dist[:, None]
            disp += scatter(edges[:, 1], force) - scatter(edges[:, 0], force)
        length = np.maximum(np.sqrt(disp[:, 0] * disp[:, 0] + disp[:, 1] * disp[:, 1]), 1e-9)
        temp = max(temp0 * (1 - step / iterations), 0.01)
        pos += disp / length[:, None] * np.minimum(length, temp)[:, None]
    return pos


# ----------------------------------------------------------------- styles

def _section_of(onto, type_: str) -> str:
    for section in SECTION_ORDER[:-1]:
        if type_ in onto.parents and onto.is_a(type_, section):
            return section
    return "Other"


def _hex(h: float, l: float, s: float) -> str:
    r, g, b = colorsys.hls_to_rgb((h % 360) / 360, l, s)
    return "#{:02x}{:02x}{:02x}".format(round(r * 255), round(g * 255), round(b * 255))


def type_styles(onto, types) -> dict:
    """Colour and shape for each entity type: shape and hue family by section, a shade per type.

    Shades are placed by the type's rank among all the ontology's types of its
    section, so a type has the same colour in every file.
    """
    out = {}
    for t in sorted(types):
        section = _section_of(onto, t)
        if section == "Other":
            out[t] = {"section": section, "shape": "hexagon", "color": "#8c8c8c", "border": "#595959"}
            continue
        shape, (h0, h1) = SECTION_STYLE[section]
        family = onto.classes_under(section)
        i = family.index(t) if t in family else 0
        m = max(len(family) - 1, 1)
        hue = h0 + (h1 - h0) * i / m
        light = (0.52, 0.40, 0.64)[i % 3]
        out[t] = {"section": section, "shape": shape, "color": _hex(hue, light, 0.62),
                  "border": _hex(hue, light - 0.2, 0.62)}
    return out


# ----------------------------------------------------------------- data

def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, [], {}, "")}


def _citations(cs) -> list:
    return [_clean({k: c.get(k) for k in ("source", "locator", "quote", "by", "stance", "note")}) for c in cs or ()]


def _when(d: dict, lasting: bool) -> dict:
    out = {k: str(d[k]) for k in ("date", "start", "end") if d.get(k) is not None}
    out["span"] = list(year_span(d, lasting))
    if lasting and d.get("date") is not None:
        out["lasting"] = True
    return out


def explorer_data(g: nx.MultiDiGraph, *, title: str = "Peru Nexus", base: str = DEFAULT_BASE,
                  center: str | None = None, year: int | None = None, subtitle: str = "") -> dict:
    """Everything the page shows, as plain JSON-ready data (vis-network nodes and edges built by pyvis)."""
    from pyvis.network import Network

    onto = load_ontology(base)
    types = type_styles(onto, {d.get("type") or "Thing" for _, d in g.nodes(data=True)})
    degree = dict(g.degree())
    pos = _layout(g)
    big = g.number_of_nodes() > 1500

    net = Network(directed=True)
    net.node_ids = _FastIds()  # pyvis checks membership in a list; a set keeps 5,000 nodes quick
    facts_nodes, facts_edges = {}, {}
    for n in sorted(g.nodes):
        d = g.nodes[n]
        t = d.get("type") or "Thing"
        style = types[t]
        x, y = pos[n]
        net.add_node(n, label=str(d.get("label") or n), shape=style["shape"],
                     color={"background": style["color"], "border": style["border"],
                            "highlight": {"background": style["color"], "border": "#111111"}},
                     size=round(7 + 4.5 * math.sqrt(degree.get(n, 0)), 1) if degree.get(n, 0) < 70 else 45,
                     x=x, y=y)
        facts_nodes[n] = _clean({"type": t, "label": str(d.get("label") or n), "aliases": list(d.get("aliases") or []),
                                 "description": d.get("description"), "citations": _citations(d.get("citations")),
                                 "estimates": [_clean({**{k: e.get(k) for k in ("measure", "value", "min", "max",
                                                                                "unit", "status", "place")},
                                                       **_when(e, False), "citations": _citations(e.get("citations"))})
                                               for e in d.get("estimates") or ()],
                                 "degree": degree.get(n, 0), **_when(d, True)})
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (str(e[2]), e[0], e[1]))
    pair_count = defaultdict(int)
    for u, v, _, _ in edges:
        pair_count[tuple(sorted((u, v)))] += 1
    rank_of = defaultdict(int)
    for u, v, k, d in edges:
        pair = tuple(sorted((u, v)))
        rank = rank_of[pair]
        rank_of[pair] += 1
        disputed = d.get("status") == "disputed"
        options = {"id": str(k), "label": d.get("label") or d.get("predicate") or "",
                   "dashes": [6, 5] if disputed else False,
                   "color": {"color": "#c0392b" if disputed else "#9aa3ad",
                             "highlight": "#c0392b" if disputed else "#34495e", "inherit": False}}
        if pair_count[pair] > 1:  # parallel statements: fan them out as curves, the same side for a pair
            clockwise = (rank % 2 == 0) == (u <= v)
            options["smooth"] = {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW",
                                 "roundness": round(0.12 + 0.14 * (rank // 2), 2)}
        net.add_edge(u, v, **options)
        facts_edges[str(k)] = _clean({"from": u, "to": v, "predicate": d.get("predicate"),
                                      "label": d.get("label") or d.get("predicate"),
                                      "status": d.get("status", "asserted"), "place": d.get("place"),
                                      "citations": _citations(d.get("citations")), **_when(d, _lasting(d))})

    years = [y for item in [*facts_nodes.values(), *facts_edges.values()] for y in item["span"] if y is not None]
    if year is not None:
        years.append(year)
    predicates = defaultdict(int)
    for e in facts_edges.values():
        predicates[e["predicate"]] += 1
    type_counts = defaultdict(int)
    for info in facts_nodes.values():
        type_counts[info["type"]] += 1
    vis_nodes, vis_edges = net.nodes, net.edges
    return {
        "title": title,
        "subtitle": subtitle,
        "center": center,
        "year": year,
        "years": [min(years), max(years)] if years else None,
        "sections": [{"name": s, "title": SECTION_NAMES[s], "shape": SECTION_STYLE.get(s, ("hexagon",))[0]}
                     for s in SECTION_ORDER if any(v["section"] == s for v in types.values())],
        "types": [{"name": t, "count": type_counts[t], **types[t]} for t in sorted(types)],
        "predicates": [{"name": p, "label": onto.labels.get(p, p), "count": c,
                        "comment": onto.comments.get(p, "")} for p, c in sorted(predicates.items())],
        "sources": {k: _clean(v) for k, v in sorted((g.graph.get("sources") or {}).items())},
        "vis": {"nodes": vis_nodes, "edges": vis_edges, "options": _vis_options(big)},
        "nodes": facts_nodes,
        "edges": facts_edges,
    }


class _FastIds(list):
    """A list (what pyvis expects) with set-speed membership tests."""

    def __init__(self):
        super().__init__()
        self._set = set()

    def append(self, item):
        self._set.add(item)
        super().append(item)

    def __contains__(self, item):
        return item in self._set


def _vis_options(big: bool) -> dict:
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "interaction": {"hover": not big, "tooltipDelay": 200, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "multiselect": False, "navigationButtons": False, "keyboard": False},
        "nodes": {"borderWidth": 1, "borderWidthSelected": 3,
                  "font": {"size": 13, "face": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
                           "color": "#1f2933", "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.45}}, "width": 1, "selectionWidth": 2,
                  "smooth": {"enabled": False},
                  # labels along the edges are rotated text: on a big graph that costs seconds per frame
                  "font": {"size": 9, "align": "horizontal" if big else "middle", "color": "#52606d", "strokeWidth": 3,
                           "strokeColor": "#ffffff"}},
    }


# ----------------------------------------------------------------- HTML

def _json_for_script(data) -> str:
    """JSON that is safe inside <script type="application/json">: no '<', '>' or '&' left."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def render_page(data: dict) -> bytes:
    """The HTML file for ``explorer_data``'s output: libraries, styles, script and data inlined."""
    vis_js, vis_css = _vis_file("vis-network.min.js"), _vis_file("vis-network.css")
    app_js, app_css = _template("explorer.js"), _template("explorer.css")
    for name, text in (("vis-network.min.js", vis_js), ("explorer.js", app_js)):
        if "</script" in text.lower() or "<!--" in text:
            raise ValueError(f"{name} cannot be inlined: it contains '</script' or '<!--'")
    csp = ("default-src 'none'; " f"script-src {_sha256(vis_js)} {_sha256(app_js)}; "
           "style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
           "form-action 'none'; base-uri 'none'")
    page = _template("explorer.html")
    parts = {
        "{{CSP}}": html.escape(csp, quote=False).replace('"', "&quot;"),
        "{{TITLE}}": html.escape(data["title"] + (f" — {data['subtitle']}" if data.get("subtitle") else "")),
        "{{VIS_VERSION}}": VIS_VERSION,
        "{{VIS_CSS}}": vis_css.replace("</", "<\\/"),
        "{{APP_CSS}}": app_css,
        "{{DATA}}": _json_for_script(data),
        "{{VIS_JS}}": vis_js,
        "{{APP_JS}}": app_js,
    }
    out = re.sub(r"\{\{[A-Z_]+\}\}", lambda m: parts[m.group()], page)
    return out.encode("utf-8")


def explorer_html(g: nx.MultiDiGraph, *, title: str = "Peru Nexus", base: str = DEFAULT_BASE,
                  center: str | None = None, year: int | None = None, subtitle: str = "") -> bytes:
    """The explorer for graph ``g`` as one self-contained HTML file (bytes)."""
    return render_page(explorer_data(g, title=title, base=base, center=center, year=year, subtitle=subtitle))


def render_explorer(kg) -> bytes:
    """The export renderer: the whole graph (``exports/peru-nexus.html``)."""
    return explorer_html(kg.nx, base=kg.base, subtitle="explorer")


def explore(kg, node: str, depth: int = 1, year: int | None = None) -> bytes:
    """The explorer for the neighbourhood of entity ``node`` (an id): ``depth`` hops, optionally as of ``year``.

    Raises ``LookupError`` when the entity does not exist (yet) in ``year``.
    """
    if node not in kg.nx:
        raise LookupError(f"no entity '{node}'")
    sub = neighbourhood(kg.nx, node, depth, year)
    if node not in sub:
        raise LookupError(f"'{node}' is not part of the graph as of {year}")
    label = kg.nx.nodes[node].get("label") or node
    hops = f"{depth} hop{'s' if depth != 1 else ''}"
    subtitle = f"{label}, {hops}" + (f", as of {year}" if year is not None else "")
    return explorer_html(sub, base=kg.base, center=node, year=year, subtitle=subtitle)


def write(path: Path, data: bytes) -> Path:
    from graph.exports.write import write_atomic

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)  # a file to open and share, not the temporary file's 0600
    return path
