"""GraphML and GEXF (Gephi) exports of the NetworkX graph.

Both formats want scalar attributes, so :func:`flat_graph` makes a copy of
``kg.nx`` in which every list or dict (aliases, citations, estimates, the
source register) is JSON text, nodes come in id order and edges in
(source, target, statement id) order. Integers (``start_year``, ``end_year``)
stay integers. Nothing else changes: node ids are entity ids, edge keys are
statement ids, and ``type``, ``label``, ``predicate``, ``status``, ``date``,
``place`` are plain strings.

GEXF reserves ``start`` and ``end`` for Gephi's timeline (and wants full
dates there), so in the GEXF file an entity's or statement's partial dates are
``start_date`` and ``end_date``; ``start_year`` and ``end_year`` are there for
filtering in Gephi, and each node is coloured by its type as in the HTML
explorer (``viz:color``). The GEXF header names no tool version and no date,
so the file is the same on every rebuild.

>>> from graph.builder import build
>>> g = flat_graph(build("tests/fixtures/mini").nx)
>>> g.nodes["artemio"]["aliases"]
'["Comrade Artemio", "Artemio"]'
"""

from __future__ import annotations

import io
import json

import networkx as nx

from graph import speedups
from graph.builder import KnowledgeGraph
from graph.exports.registry import STEM, single
from graph.exports.styles import type_styles
from graph.vocab.ontology import load_ontology


_JSON_TEXT = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # json.dumps(v, ...) made once


def to_text(value):
    """A scalar attribute value: lists and dicts become JSON text, ``None`` is dropped."""
    if isinstance(value, (list, tuple, dict)):
        return _JSON_TEXT(value)
    return value


def _flat(data: dict, rename: dict, containers=(list, tuple, dict)) -> dict:
    out = {}
    for k in sorted(data):
        v = data[k]  # to_text(v), written out: once per value of the graph
        if isinstance(v, containers):
            out[rename.get(k, k)] = _JSON_TEXT(v)
        elif v is not None:
            out[rename.get(k, k)] = v
    return out


def flat_graph(g: nx.MultiDiGraph, rename: dict | None = None) -> nx.MultiDiGraph:
    """A copy of ``g`` with scalar attributes only, in a fixed order (see the module docstring)."""
    rename = rename or {}
    flat = nx.MultiDiGraph()
    flat.graph.update(_flat(g.graph, {}))
    for n in sorted(g.nodes):
        flat.add_node(n, **_flat(g.nodes[n], rename))
    for u, v, k, data in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        flat.add_edge(u, v, key=k, **_flat(data, rename))
    return flat


def _keep_carriage_returns(xml: bytes) -> bytes:
    """Write a carriage return in text as ``&#13;``: XML readers turn a raw one into a line feed."""
    return xml.replace(b"\r", b"&#13;")


def _fast(chunks):
    """``chunks()`` (a generator of the file's pieces) if the accelerator takes this graph, else ``None``."""
    if not speedups.enabled():
        return None
    from graph.speedups.fastxml import Unsupported

    pieces = chunks()
    try:
        first = next(pieces)  # every check is made before the first piece
    except Unsupported:
        return None
    return _chained(first, pieces)


def _chained(first: bytes, rest):
    yield first
    yield from rest


_FLAT = "network-formats-flat"


def _flattened(kg: KnowledgeGraph):
    """``flat(data)``: :func:`_flat` of a node's, an edge's or the graph's attribute dict of ``kg.nx``,
    worked out once per build and shared by GraphML and GEXF (their lists and dicts written as JSON once)."""
    done = kg.cached(_FLAT, dict)  # id(attribute dict) -> its flat form; kg.nx keeps them alive

    def flat(data: dict) -> dict:
        found = done.get(id(data))
        if found is None:
            found = done[id(data)] = _flat(data, {})
        return found

    return flat


def graphml_chunks(kg: KnowledgeGraph):
    """The GraphML file, a piece at a time (see :func:`render_graphml`)."""
    from graph.speedups.fastxml import graphml_chunks as fast

    flattened = _flattened(kg)

    def flat(data: dict) -> dict:
        return dict(flattened(data))  # a copy: the writer adds the statement key to an edge's

    found = _fast(lambda: fast(kg.nx, flat, flat, edge_key=STATEMENT_KEY))
    return found if found is not None else iter([_graphml_plain(kg)])


# the statement id again, as an edge attribute: python-igraph reads no edge ids
STATEMENT_KEY = "statement"


def render_graphml(kg: KnowledgeGraph) -> bytes:
    """GraphML: node id = entity id, edge id = statement id (and its ``statement`` attribute,
    for readers that drop edge ids), every attribute declared with its type."""
    return b"".join(graphml_chunks(kg))


def _graphml_plain(kg: KnowledgeGraph) -> bytes:
    writer = nx.readwrite.graphml.GraphMLWriter(encoding="utf-8", prettyprint=True)
    flat = flat_graph(kg.nx)
    for _, _, k, data in flat.edges(keys=True, data=True):
        data[STATEMENT_KEY] = k
    writer.add_graph_element(flat)
    out = io.BytesIO()
    writer.dump(out)
    return _keep_carriage_returns(out.getvalue())


GEXF_RENAME = {"start": "start_date", "end": "end_date"}


def type_colours(kg: KnowledgeGraph, types) -> dict:
    """GEXF ``viz:color`` per entity type: the HTML explorer's colours, so Gephi shows the same legend."""
    out = {}
    for t, style in type_styles(load_ontology(kg.base), types).items():
        h = style["color"].lstrip("#")
        out[t] = {"r": int(h[0:2], 16), "g": int(h[2:4], 16), "b": int(h[4:6], 16), "a": 1.0}
    return out


GEXF_CREATOR = "Peru Nexus (kg build)"


def gexf_chunks(kg: KnowledgeGraph):
    """The GEXF file, a piece at a time (see :func:`render_gexf`)."""
    from graph.speedups.fastxml import gexf_chunks as fast

    g, flattened = kg.nx, _flattened(kg)
    colours = type_colours(kg, {d.get("type") for _, d in g.nodes(data=True)})

    renamed: dict = {}  # id(attribute dict) -> its GEXF form: the writer asks twice (declaring, then writing)

    def edge(data: dict) -> dict:
        found = renamed.get(id(data))
        if found is None:  # renamed in place: the order kept
            found = renamed[id(data)] = {GEXF_RENAME.get(k, k): v for k, v in flattened(data).items()}
        return found

    def node(data: dict) -> dict:
        return edge(data) | {"viz": {"color": colours[data.get("type")]}}

    found = _fast(lambda: fast(g, node, edge, GEXF_CREATOR))
    return _forgetting(kg, found) if found is not None else iter([_gexf_plain(kg)])


def _forgetting(kg: KnowledgeGraph, pieces):
    """``pieces``, and then the flattened attributes forgotten (GEXF is written after GraphML: their memory back)."""
    yield from pieces
    kg.cached(_FLAT, dict).clear()


def render_gexf(kg: KnowledgeGraph) -> bytes:
    """GEXF 1.2 for Gephi: labels on nodes and edges, the rest as typed attributes."""
    return b"".join(gexf_chunks(kg))


def _gexf_plain(kg: KnowledgeGraph) -> bytes:
    flat = flat_graph(kg.nx, GEXF_RENAME)
    for _, _, k, data in flat.edges(keys=True, data=True):
        data["id"] = k  # the statement id as the GEXF edge id
    colours = type_colours(kg, {d["type"] for _, d in flat.nodes(data=True)})
    for _, data in flat.nodes(data=True):
        data["viz"] = {"color": colours[data["type"]]}
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate", None)
    meta.find("creator").text = GEXF_CREATOR
    writer.add_graph(flat)
    out = io.BytesIO()
    writer.write(out)
    return _keep_carriage_returns(out.getvalue())


GRAPHML = single("graphml", f"{STEM}.graphml", render_graphml, graphml_chunks)
GEXF = single("gexf", f"{STEM}.gexf", render_gexf, gexf_chunks)
