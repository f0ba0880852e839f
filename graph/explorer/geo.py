"""The explorer's map: places at their coordinates, zones placed by the places they span, and who is where.

Every place of the page with coordinates (the build's: GeoNames through
:mod:`graph.vocab.gazetteer`, or, for a zone, the middle of the places it spans
or contains, :mod:`graph.builder.places`) is one record: its node's position in
the page's list, where it is, whether that is approximate, and the coordinate's
citation (the gazetteer and the place's id there) or the places that placed it.

Who is where are ``links``: ``[place, entity, statement]`` positions, one per
statement that puts an entity at a place — a statement from an entity to a
place (operates in, occurred in, headquartered in…), and both parties of a
statement that names a ``place`` where it happened; places, claims and
concepts (which are about a place, not at it) are never put anywhere. The page
shows a link when it shows the statement, so the year slider (the years the
statement holds, from graph/builder/time.py) and every filter apply; the
script knows no rule of its own.

>>> from graph.builder import build
>>> from graph.explorer.data import explorer_data
>>> data = explorer_data(build("tests/fixtures/evidence").nx)
>>> [(data["nodes"]["id"][p["node"]], p["approximate"]) for p in data["map"]["places"]]
[('ayacucho', False), ('cusco', False), ('lima', False), ('vraem', True)]
>>> data["map"]["places"][2]["cite"]["locator"], data["map"]["places"][2]["cite"]["record"]
('geonameid 3936456', '3936456: Lima (city), -12.04318, -77.02824')
>>> [data["nodes"]["id"][i] for i in data["map"]["places"][3]["placedBy"]]
['ayacucho', 'cusco']
"""

from __future__ import annotations

import networkx as nx

from graph.vocab.gazetteer import GAZETTEER, lookup
from graph.vocab.ontology import Ontology
from graph.vocab.terms import ANALYTIC_CLAIM, CONCEPT, PART_OF, PLACE, SPANS_PART_OF

PAD = 1.5  # degrees around the places, so the markers at the edge are not cut


def _cite(node: dict) -> dict | None:
    """The coordinate's citation: the gazetteer, the place's id there and its record (``None`` if not looked up)."""
    entry = None if node.get("geo_approximate") or node.get("geonames") is None else lookup(node["geonames"])
    if entry is None or entry.latitude is None:
        return None
    return {"gazetteer": GAZETTEER, "locator": f"geonameid {entry.geonames}", "record": entry.record}


def _placed_by(g: nx.MultiDiGraph, place: str, located: dict) -> list:
    """The places with coordinates that place a zone: those it spans parts of, else those within it
    (graph/builder/places.py's order), as positions in the page's node list."""
    spans = sorted({v for _, v, d in g.out_edges(place, data=True) if d.get("predicate") == SPANS_PART_OF})
    within = sorted({u for u, _, d in g.in_edges(place, data=True) if d.get("predicate") == PART_OF})
    return [located[p] for p in (spans or within) if p in located]


def _place(g: nx.MultiDiGraph, i: int, node: dict, located: dict) -> dict:
    """One place's record on the map (``node``: its attributes in the graph)."""
    out = {"node": i, "lat": node["latitude"], "lon": node["longitude"], "approximate": bool(node.get("geo_approximate"))}
    cite = _cite(node)
    if cite is not None:
        out["cite"] = cite
    if out["approximate"]:
        out["placedBy"] = _placed_by(g, node["id"], located)
    return out


def _not_there(onto: Ontology, kind: str) -> bool:
    """Whether an entity of type ``kind`` is never put at a place: a place itself, a claim or a concept about it."""
    return any(onto.is_a(kind, top) for top in (PLACE, ANALYTIC_CLAIM, CONCEPT))


def _elsewhere(onto: Ontology, types: list, strings: list) -> list:
    """Per node, whether it is never put at a place (:func:`_not_there`), decided once per type."""
    kinds = {kind: _not_there(onto, strings[kind]) for kind in set(types)}
    return [kinds[t] for t in types]


def _links(onto: Ontology, nodes: dict, edges: dict, strings: list, placed: set) -> list:
    """``[place, entity, statement]`` for each statement that puts an entity at a place with coordinates."""
    elsewhere = _elsewhere(onto, nodes["type"], strings)
    at = {n: i for i, n in enumerate(nodes["id"])}
    ends = list(zip(edges["from"], edges["to"]))
    out = {(v, u, k) for k, (u, v) in enumerate(ends) if v in placed and not elsewhere[u]}
    for k, where in _places_named(edges, at, placed):
        out.update((where, x, k) for x in ends[k] if x != where and not elsewhere[x])
    return [list(link) for link in sorted(out)]


def _places_named(edges: dict, at: dict, placed: set) -> list:
    """``(statement, place)`` positions for each statement naming a ``place`` with coordinates."""
    named = ((k, at.get(place)) for k, place in edges["sparse"].get("place", ()))
    return [(k, where) for k, where in named if where in placed]


def _bounds(places: list) -> list | None:
    """``[west, south, east, north]`` around the places, padded (``None`` when there are none)."""
    if not places:
        return None
    lons, lats = [p["lon"] for p in places], [p["lat"] for p in places]
    return [round(min(lons) - PAD, 3), round(min(lats) - PAD, 3), round(max(lons) + PAD, 3), round(max(lats) + PAD, 3)]


def map_data(g: nx.MultiDiGraph, onto: Ontology, nodes: dict, edges: dict, strings: list) -> dict:
    """The map's data for the page's ``nodes`` and ``edges`` columns (sorted; positions index them)."""
    attrs = g._node
    located = {n: i for i, n in enumerate(nodes["id"]) if attrs[n].get("latitude") is not None}
    places = [_place(g, i, {**attrs[n], "id": n}, located) for n, i in located.items()]
    placed = {p["node"] for p in places}
    return {"gazetteer": GAZETTEER, "places": places, "links": _links(onto, nodes, edges, strings, placed),
            "bounds": _bounds(places)}
