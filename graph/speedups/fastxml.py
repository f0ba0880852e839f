"""GraphML and GEXF written straight from the NetworkX graph, in pieces, as
:mod:`graph.exports.network_formats`'s NetworkX writers write them: the same
bytes, without a flattened copy of the graph, an element tree or a document
held in memory.

Each writer takes the flattened attributes (``flat_node``, ``flat_edge``: the
plain path's :func:`~graph.exports.network_formats.flat_graph` rule) and yields
``bytes`` a slice of the file at a time. ``tests/test_exports.py`` checks both
against the NetworkX writers, on the Peru graph and on hostile text.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(name="g")
>>> g.add_node("a", label="A <1>", year=1980)
>>> b"".join(graphml_chunks(g, dict, dict)).count(b"<node ")
1
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

CHUNK = 2000  # elements per yielded piece
XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"
GRAPHML_OPEN = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">')
XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
ATTR_ESCAPES = (('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#09;"))  # after TEXT_ESCAPES


_TEXT_SPECIAL = re.compile("[&<>\r]").search  # one C-level test: most values need no escape
_ATTR_SPECIAL = re.compile('[&<>\r"\n\t]').search


def _escaped(value: str, escapes: tuple[tuple[str, str], ...]) -> str:
    """``value`` with each character of ``escapes`` replaced by its entity, in order."""
    for char, entity in escapes:
        if char in value:
            value = value.replace(char, entity)
    return value


class Unsupported(Exception):
    """A graph these writers leave to NetworkX's (a value of another type, a reserved attribute)."""


def text(value: str) -> str:
    """Element text escaped as ElementTree escapes it (a carriage return kept as ``&#13;``).

    >>> text("a < b & c\\r")
    'a &lt; b &amp; c&#13;'
    """
    return _escaped(value, TEXT_ESCAPES) if _TEXT_SPECIAL(value) else value


def attr(value: str) -> str:
    """An attribute value escaped as ElementTree escapes it.

    >>> attr('say "hi"\\n')
    'say &quot;hi&quot;&#10;'
    """
    return _escaped(_escaped(value, TEXT_ESCAPES), ATTR_ESCAPES) if _ATTR_SPECIAL(value) else value


def _xml_type(value) -> str:
    found = XML_TYPES.get(type(value))
    if found is None:
        raise Unsupported(type(value).__name__)
    return found


def _pieces(parts: list) -> Iterator[bytes]:
    """``parts`` as one encoded piece once there are enough of them (then emptied)."""
    if len(parts) >= CHUNK:
        yield "".join(parts).encode()
        parts.clear()


# -- GraphML ------------------------------------------------------------------------------------


def _graphml_keys(g, edges, flat_node, plan_node, plan_edge, edge_key) -> tuple[dict, list[tuple[str, str, str, str]]]:
    """Every key in NetworkX's order of first use (graph, nodes, edges), with the flattened items."""
    if not g.number_of_nodes() or "id" in g.graph:
        raise Unsupported("an empty graph or a graph id")
    keys: dict = {}
    seen: set = set()  # the (scope, names, value types) met: another element with the same declares nothing new

    def note(scope: str, data: dict) -> None:
        kinds = (scope, tuple(data), tuple(map(type, data.values())))
        if kinds in seen:
            return
        seen.add(kinds)
        for k, v in data.items():
            key = (k, _xml_type(v), scope)
            if key not in keys:
                keys[key] = f"d{len(keys)}"

    graph_data = {k: v for k, v in flat_node(g.graph).items() if k not in ("node_default", "edge_default", "id")}
    note("graph", graph_data)
    for n in sorted(g.nodes):
        note("node", plan_node(g.nodes[n]))
    for _, _, k, data in edges:
        note("edge", _with_key(plan_edge(data), edge_key, k))
    declared = [(ident, scope, name, xml_type) for (name, xml_type, scope), ident in keys.items()]
    return {"graph": graph_data, "keys": keys}, declared


def _graphml_data(keys: dict, scope: str, data: dict, indent: str, parts: list, openings: dict) -> None:
    """Append ``data``'s ``<data>`` elements to ``parts`` (``openings``: each set of names and value types'
    ``<data key="…"`` openings, made once)."""
    kinds = (scope, tuple(data), tuple(map(type, data.values())))
    heads = openings.get(kinds)
    if heads is None:
        heads = openings[kinds] = [f'{indent}<data key="{keys[(k, _xml_type(v), scope)]}"' for k, v in data.items()]
    add = parts.append
    for head, v in zip(heads, data.values()):  # once per value of the file: text() written out
        value = str(v)
        if _TEXT_SPECIAL(value):
            value = _escaped(value, TEXT_ESCAPES)
        add(f"{head}>{value}</data>" if value else head + " />")


def _graphml_element(keys: dict, scope: str, head: str, data: dict, parts: list, openings: dict) -> bool:
    """Append a node or edge element (``head`` opens it) to ``parts``; whether it had data."""
    if not data:
        parts.append(head + " />")
        return False
    parts.append(head + ">")
    _graphml_data(keys, scope, data, "\n      ", parts, openings)
    parts.append(f"\n    </{scope}>")
    return True


def _with_key(data: dict, edge_key: str | None, k) -> dict:
    if edge_key:
        data[edge_key] = k
    return data


def graphml_chunks(g, flat_node: Callable[[dict], dict], flat_edge: Callable[[dict], dict],
                   plan_node: Callable | None = None, plan_edge: Callable | None = None,
                   edge_key: str | None = None) -> Iterator[bytes]:
    """GraphML of ``g`` (nodes in id order, edges by source, target, key), a piece at a time.

    ``plan_node``/``plan_edge`` (default: ``flat_node``/``flat_edge``) give the same keys
    and value types more cheaply, for the first pass that declares the keys; ``edge_key``
    names an edge attribute that repeats the edge's key, after its own.
    """
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    found, declared = _graphml_keys(g, edges, flat_node, plan_node or flat_node, plan_edge or flat_edge, edge_key)
    keys, openings = found["keys"], {}
    parts = [XML_DECLARATION + GRAPHML_OPEN]
    for ident, scope, name, xml_type in reversed(declared):
        parts.append(f'\n  <key id="{ident}" for="{scope}" attr.name="{attr(name)}" attr.type="{xml_type}" />')
    parts.append('\n  <graph edgedefault="directed">')
    for n in sorted(g.nodes):
        if _graphml_element(keys, "node", f'\n    <node id="{attr(str(n))}"', flat_node(g.nodes[n]), parts, openings):
            yield from _pieces(parts)
    for u, v, k, edge in edges:
        head = f'\n    <edge source="{attr(str(u))}" target="{attr(str(v))}" id="{attr(str(k))}"'
        if _graphml_element(keys, "edge", head, _with_key(flat_edge(edge), edge_key, k), parts, openings):
            yield from _pieces(parts)
    _graphml_data(keys, "graph", found["graph"], "\n    ", parts, openings)
    parts.append("\n  </graph>\n</graphml>\n")
    yield "".join(parts).encode()


# -- GEXF ---------------------------------------------------------------------------------------

GEXF_NODE_RESERVED = ("id", "pid", "start", "end", "parents", "spells")
GEXF_EDGE_RESERVED = ("weight", "type", "start", "end", "spells", "viz")
VIZ_NS = "http://www.gexf.net/1.2draft/viz"


def _gexf_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    s = str(v)
    if type(v) is float:
        s = {"inf": "INF", "nan": "NaN", "-inf": "-INF"}.get(s, s)
    return s


def _gexf_node(n, data: dict) -> tuple[str, str | None, dict]:
    """A node's ``<node>`` attributes, its colour element and its attribute values."""
    if any(k in data for k in GEXF_NODE_RESERVED):
        raise Unsupported("a reserved GEXF node attribute")
    data = dict(data)
    label = str(data.pop("label", n))
    viz = data.pop("viz", None)
    colour = None
    if viz:
        if set(viz) != {"color"}:
            raise Unsupported("viz other than a colour")
        c = viz["color"]
        colour = f'<viz:color r="{c.get("r")}" g="{c.get("g")}" b="{c.get("b")}" a="{c.get("a", 1.0)}" />'
    return f'id="{attr(str(n))}" label="{attr(label)}"', colour, data


def _gexf_edge(u, v, k, data: dict) -> tuple[str, dict]:
    """An edge's ``<edge>`` attributes and its attribute values (``key`` becomes ``networkx_key``)."""
    if any(x in data for x in GEXF_EDGE_RESERVED):
        raise Unsupported("a reserved GEXF edge attribute")
    data = dict(data)
    data.pop("id", None)  # the statement id (the key) is the edge id
    data["key"] = k
    head = f'source="{attr(str(u))}" target="{attr(str(v))}" id="{attr(str(k))}"'
    if "label" in data:
        head += f' label="{attr(str(data.pop("label")))}"'
    return head, {("networkx_key" if x == "key" else x): y for x, y in data.items()}


def _gexf_ids(items, scope: str, ids: dict, declared: dict) -> None:
    for k, v in items:
        if (scope, k) not in ids:
            ids[(scope, k)] = str(len(ids))
            declared.setdefault(scope, []).append((ids[(scope, k)], k, _xml_type(v)))


def _attvalues(scope: str, data: dict, ids: dict, indent: str, parts: list, heads: dict) -> None:
    """Append ``data``'s ``<attvalues>`` to ``parts`` (``heads``: each set of names' ``<attvalue for="…"``
    openings, made once)."""
    if not data:
        return
    names = (scope, tuple(data))
    opening = heads.get(names)
    if opening is None:
        opening = heads[names] = [f'{indent}  <attvalue for="{ids[(scope, k)]}" value="' for k in data]
    add = parts.append
    add(f"{indent}<attvalues>")
    for head, v in zip(opening, data.values()):
        value = v if type(v) is str else _gexf_value(v)  # once per value of the file: attr() written out
        if _ATTR_SPECIAL(value):
            value = _escaped(_escaped(value, TEXT_ESCAPES), ATTR_ESCAPES)
        add(head + value + '" />')
    add(f"{indent}</attvalues>")


def _gexf_plan(g, plan_node, plan_edge) -> tuple[dict, dict, list, bool]:
    """The attribute ids in NetworkX's order (nodes first), their declarations, the sorted edges."""
    if not g.number_of_nodes() or not g.number_of_edges():
        raise Unsupported("an empty node or edge list")
    ids: dict = {}
    declared: dict = {}
    colours = False
    for n in sorted(g.nodes):
        _, colour, data = _gexf_node(n, plan_node(g.nodes[n]))
        colours = colours or colour is not None
        _gexf_ids(data.items(), "node", ids, declared)
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    seen: set = set()  # the sets of edge attribute names met: another edge with the same declares nothing new
    for u, v, k, edge in edges:
        data = plan_edge(edge)
        names = tuple(data)
        if names not in seen:
            seen.add(names)
            _gexf_ids(_gexf_edge(u, v, k, data)[1].items(), "edge", ids, declared)
    return ids, declared, edges, colours


def _gexf_head(g, creator: str, declared: dict, colours: bool) -> list[str]:
    """The GEXF document up to its nodes: declaration, meta, graph and attribute declarations."""
    viz = f'xmlns:viz="{VIZ_NS}" ' if colours else ""
    parts = [XML_DECLARATION, f'<gexf {viz}xmlns="http://www.gexf.net/1.2draft" '
             'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">',
             f"\n  <meta>\n    <creator>{text(creator)}</creator>\n  </meta>",
             f'\n  <graph defaultedgetype="directed" mode="static" name="{attr(str(g.graph.get("name", "")))}">']
    for scope in sorted(declared, key=lambda s: s != "edge"):  # NetworkX puts each new block first
        parts.append(f'\n    <attributes mode="static" class="{scope}">')
        parts += [f'\n      <attribute id="{i}" title="{attr(k)}" type="{t}" />' for i, k, t in declared[scope]]
        parts.append("\n    </attributes>")
    return parts


def _gexf_node_parts(n, data: dict, ids: dict, parts: list, heads: dict) -> bool:
    """Append node ``n``'s element to ``parts``; whether it had a body (colour or values)."""
    head, colour, data = _gexf_node(n, data)
    if colour is None and not data:
        parts.append(f"\n      <node {head} />")
        return False
    parts.append(f"\n      <node {head}>")
    if colour:
        parts.append("\n        " + colour)
    _attvalues("node", data, ids, "\n        ", parts, heads)
    parts.append("\n      </node>")
    return True


def gexf_chunks(g, flat_node: Callable[[dict], dict], flat_edge: Callable[[dict], dict], creator: str,
                plan_node: Callable | None = None, plan_edge: Callable | None = None) -> Iterator[bytes]:
    """GEXF 1.2 of ``g`` (``viz`` colours, statement ids as edge ids), a piece at a time (``plan_*``:
    as for :func:`graphml_chunks`)."""
    ids, declared, edges, colours = _gexf_plan(g, plan_node or flat_node, plan_edge or flat_edge)
    parts, heads = _gexf_head(g, creator, declared, colours), {}
    parts.append("\n    <nodes>")
    for n in sorted(g.nodes):
        if _gexf_node_parts(n, flat_node(g.nodes[n]), ids, parts, heads):
            yield from _pieces(parts)
    parts.append("\n    </nodes>\n    <edges>")
    for u, v, k, edge in edges:
        head, data = _gexf_edge(u, v, k, flat_edge(edge))
        parts.append(f"\n      <edge {head}>")
        _attvalues("edge", data, ids, "\n        ", parts, heads)
        parts.append("\n      </edge>")
        yield from _pieces(parts)
    parts.append("\n    </edges>\n  </graph>\n</gexf>\n")
    yield "".join(parts).encode()
