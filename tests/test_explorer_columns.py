"""The explorer's page data as columns (graph/explorer/columns.py, templates/columns.js): the records the page
works from are exactly those graph/explorer/records.py describes, in Python and in a real Chromium, for any id.

The reference records are made here the plain way, one dict per node and per edge, by records.py's
``node_facts`` and ``edge_facts`` and timeline.py's ``timeline_items``; the page's columns must give the same.
"""

from __future__ import annotations

import json
import random
import re

import networkx as nx
import orjson
import pytest

from conftest import FIXTURES, MINI
from graph.builder import build
from graph.explorer.columns import as_records
from graph.explorer.data import _hops, _inner, curves, explorer_data, sorted_edges
from graph.explorer.layout import layout, layout_with_ring
from graph.explorer.metrics import metrics
from graph.explorer.page import explore, explorer_html
from graph.explorer.records import edge_facts, node_facts
from graph.explorer.timeline import timeline_items
from graph.vocab.ontology import DEFAULT_BASE
from test_explorer import _write, browser, open_page  # noqa: F401  (pytest fixtures)

BUILT_INS = ("constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "length", "prototype")


def _reference(g: nx.MultiDiGraph, base: str, center: str | None = None, depth: int | None = None) -> dict:
    """The page's nodes, edges and timeline items made record by record, as before the columns."""
    ordered = sorted_edges(g)
    measured = metrics(g, ordered)
    degree, community = measured["centrality"]["degree"], measured["community"]
    hops = _hops(g, center, depth)
    inner = _inner(hops, depth)
    pos = layout(g, community) if inner is None else layout_with_ring(g, inner, community)
    nodes = []
    for n in sorted(g.nodes):
        row = {"id": n, **node_facts(g.nodes[n], n, degree.get(n, 0)), "x": pos[n][0], "y": pos[n][1],
               "community": community.get(n, 0)}
        if hops is not None:
            row["hop"] = hops.get(n, depth + 1)
        nodes.append(row)
    edges = []
    for (u, v, k, d), curve in zip(ordered, curves(ordered)):
        row = {**edge_facts(u, v, d, base), "id": str(k)}
        if curve is not None:
            row["curve"] = curve
        edges.append(row)
    return {"nodes": nodes, "edges": edges, "timeline": timeline_items(nodes, edges)}


def _plain(x):
    """``x`` as JSON gives it back (tuples as lists), to compare with what a page holds."""
    return json.loads(orjson.dumps(x))


def _odd_graph() -> nx.MultiDiGraph:
    """Ids and values that name JavaScript built-ins, parallel and undated statements, several citations,
    places, estimates, a citation field holding a number: every path through the columns."""
    g = nx.MultiDiGraph()
    g.graph["sources"] = {"constructor": {"title": "A source called constructor"}}
    for i, n in enumerate(BUILT_INS):
        cites = [{"source": "constructor", "locator": i, "quote": f"q {n}", "by": "__proto__", "note": ""}] * (i % 3)
        g.add_node(n, type="Person" if i % 2 else "ArmedGroup", label=f"Name {n}", citations=cites,
                   aliases=[n] if i % 2 else [], description="" if i == 3 else f"About {n}",
                   **({"date": "1992-09"} if i == 4 else {}),
                   **({"estimates": [{"measure": "income", "value": 5, "unit": "USD", "date": "1990",
                                      "citations": [{"source": "constructor", "by": "valueOf"}]}]} if i == 1 else {}))
    rng = random.Random(7)
    for j in range(30):
        u, v = rng.choice(BUILT_INS), rng.choice(BUILT_INS)
        dates = [{}, {"start": "1985"}, {"date": "1990"}, {"start": "1980", "end": "1999-02"}, {"end": "2001"}][j % 5]
        g.add_edge(u, v, key=BUILT_INS[j] if j < len(BUILT_INS) else f"s{j}", predicate="member_of" if j % 3 else "captured",
                   status="disputed" if j % 7 == 0 else "asserted", place="toString" if j % 4 == 0 else None,
                   citations=[{"source": "constructor", "locator": "p. 1", "quote": f"s {j}", "stance": "supports"}],
                   **dates)
    return g


GRAPHS = {"mini": lambda: build(MINI).nx, "evidence": lambda: build(FIXTURES / "evidence").nx, "odd ids": _odd_graph}


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_the_columns_give_back_every_record_the_page_had(name):
    g = GRAPHS[name]()
    expected = _reference(g, DEFAULT_BASE)
    got = as_records(_plain(explorer_data(g)))
    assert got["nodes"] == _plain(expected["nodes"])
    assert got["edges"] == _plain(expected["edges"])
    assert got["timeline"]["items"] == _plain(expected["timeline"])


def test_the_real_graph_and_a_kg_explore_page_give_back_every_record(peru_kg):
    expected = _reference(peru_kg.nx, peru_kg.base)
    got = as_records(_plain(explorer_data(peru_kg.nx, base=peru_kg.base)))
    assert (got["nodes"], got["edges"]) == (_plain(expected["nodes"]), _plain(expected["edges"]))
    page = explore(peru_kg, "sendero-luminoso", depth=1, year=1992)
    shipped = as_records(json.loads(_page_json(page)))
    assert all("hop" in n for n in shipped["nodes"]) and {n["hop"] for n in shipped["nodes"]} <= {0, 1, 2}
    assert {n["id"] for n in shipped["nodes"] if n["hop"] == 0} == {"sendero-luminoso"}


def _page_json(html: bytes) -> str:
    return re.search(rb'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S).group(1).decode()


def test_no_record_field_is_repeated_as_a_key_per_record(peru_kg):
    """What the columns are for: the page's data is far smaller than the records it stands for."""
    data = explorer_data(peru_kg.nx, base=peru_kg.base)
    as_columns, as_rows = len(orjson.dumps(data)), len(orjson.dumps(as_records(data)))
    assert as_columns < 0.7 * as_rows, (as_columns, as_rows)
    assert len(data["strings"]) == len(set(data["strings"])), "each repeated string once"
    assert data["nodes"]["id"] == sorted(peru_kg.nx.nodes), "ids are values in a list, in order"


def test_the_page_turns_the_columns_into_the_same_records_in_a_real_browser(open_page, tmp_path):
    """templates/columns.js in Chromium gives what columns.records gives in Python, ids naming built-ins
    included (they are never object keys)."""
    g = _odd_graph()
    html = explorer_html(g)
    page = open_page(_write(tmp_path, "odd.html", html))
    got = page.js("""() => {
        const D = kgRecords(JSON.parse(document.getElementById('kg-data').textContent));
        return {nodes: D.nodes, edges: D.edges, items: D.timeline.items};
    }""")
    expected = as_records(json.loads(_page_json(html)))
    at = {n["id"]: i for i, n in enumerate(expected["nodes"])}
    assert [(e.pop("u"), e.pop("v")) for e in got["edges"]] == [(at[e["from"]], at[e["to"]]) for e in expected["edges"]]
    assert got["nodes"] == expected["nodes"]
    assert got["edges"] == expected["edges"]
    assert got["items"] == expected["timeline"]["items"]
    assert page.js("kgExplorer.visibleNodes()") == sorted(g.nodes)
    page.js("kgExplorer.select('__proto__')")
    assert page.page.inner_text(".dossier-title") == "Name __proto__"
    page.assert_clean()
