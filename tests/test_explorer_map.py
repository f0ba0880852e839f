"""The explorer's map view, in a real headless chromium (every request that is not for a file: URL refused).

Expected values come from the Python side: the build's coordinates (NetworkX node attributes from
graph/builder/places.py), the time rule (graph/builder/time.py's ``network_as_of``) and the
ontology, never from the page itself.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import FIXTURES, ROOT, run_kg
from graph.builder import build
from graph.builder.time import network_as_of
from graph.explorer.page import explorer_html
from graph.vocab.ontology import load_ontology
from graph.vocab.terms import ANALYTIC_CLAIM, CONCEPT, PLACE
from test_explorer import Page, _write, browser, open_page  # noqa: F401  (pytest fixtures)

EVIDENCE = FIXTURES / "evidence"


@pytest.fixture(scope="module")
def evidence_kg():
    return build(EVIDENCE, sources=[EVIDENCE / "texts"])


@pytest.fixture(scope="module")
def evidence_page(tmp_path_factory, evidence_kg):
    return _write(tmp_path_factory.mktemp("map"), "evidence.html", explorer_html(evidence_kg.nx))


@pytest.fixture(scope="module")
def peru_page(tmp_path_factory, peru_kg):
    return _write(tmp_path_factory.mktemp("map"), "peru.html", explorer_html(peru_kg.nx))


def _located(g) -> list:
    return sorted(n for n, d in g.nodes(data=True) if d.get("latitude") is not None)


def _there(g, place: str, year: int) -> set:
    """Who the graph as it stood in ``year`` puts at ``place``: the subjects of its statements about the
    place that are not places, claims or concepts, and the parties of a statement that happened there."""
    onto, sub = load_ontology(), network_as_of(g, year, undated=False)

    def someone(n):
        return not any(onto.is_a(sub.nodes[n].get("type") or "", top) for top in (PLACE, ANALYTIC_CLAIM, CONCEPT))

    out = {u for u, _ in sub.in_edges(place) if someone(u)}
    for u, v, d in sub.edges(data=True):
        if d.get("place") == place:
            out |= {n for n in (u, v) if n != place and someone(n)}
    return out


def _marker(page: Page, place: str):
    return page.page.locator(f"#map g.place[data-id='{place}']")


def test_the_map_shows_exactly_the_places_with_coordinates(open_page, peru_page, peru_kg):
    page = open_page(peru_page)
    assert "map" in page.js("kgExplorer.views()")
    assert page.js("kgExplorer.show('map')") is True
    located = _located(peru_kg.nx)
    assert located, "the Peru graph has places with coordinates"
    assert page.js("kgExplorer.mapPlaces()") == located
    drawn = page.js("Array.from(document.querySelectorAll('#map g.place')).map(g => g.dataset.id).sort()")
    assert drawn == located
    assert page.page.locator("#map path.country").count() > 5, "the base map is drawn"
    assert "view=map" in page.js("kgExplorer.state()")
    page.assert_clean()


def test_the_map_camera_lives_in_the_url_and_a_link_reopens_it(open_page, peru_page):
    page = open_page(peru_page)
    page.js("kgExplorer.show('map')")
    assert "map=" not in page.js("kgExplorer.state()"), "a fitted map needs no camera"
    page.page.locator("#map svg").hover()
    page.page.keyboard.press("+")
    page.page.mouse.wheel(0, -300)
    state = page.js("kgExplorer.state()")
    camera = [float(x) for x in re.search(r"(?:^|&)map=([^&]+)", state).group(1).replace("%2C", ",").split(",")]
    assert len(camera) == 3 and camera[2] > 1.25, "zoomed in against the fitted map"
    land = page.js("document.querySelector('#map .land').getAttribute('transform')")
    again = open_page(peru_page, fragment=state)
    assert again.js("kgExplorer.state()") == state
    numbers = lambda t: [float(x) for x in re.findall(r"-?[0-9.]+", t)]  # noqa: E731
    reopened = numbers(again.js("document.querySelector('#map .land').getAttribute('transform')"))
    assert all(abs(a - b) < 0.5 for a, b in zip(reopened, numbers(land))), "the same place at the same zoom, to the pixel"
    assert again.js("kgExplorer.mapPlaces()") == page.js("kgExplorer.mapPlaces()")
    page.assert_clean()
    again.assert_clean()


def test_a_zone_is_marked_approximate_and_a_looked_up_place_cites_the_gazetteer(open_page, evidence_page, evidence_kg):
    g = evidence_kg.nx
    zones = [n for n in _located(g) if g.nodes[n].get("geo_approximate")]
    exact = [n for n in _located(g) if not g.nodes[n].get("geo_approximate")]
    assert zones and exact
    page = open_page(evidence_page)
    page.js("kgExplorer.show('map')")
    for zone in zones:
        marker = _marker(page, zone)
        assert marker.get_attribute("data-approximate") == "true"
        assert marker.locator("circle").get_attribute("stroke-dasharray") not in (None, "none")
        assert "\u2248" in marker.locator("title").text_content()
        assert page.page.locator(f"#map text.name[data-id='{zone}']").text_content().startswith("\u2248")
    for place in exact:
        marker = _marker(page, place)
        assert marker.get_attribute("data-approximate") == "false"
        tip = marker.locator("title").text_content()
        assert "GeoNames" in tip and f"geonameid {g.nodes[place]['geonames']}" in tip
    page.assert_clean()


def test_the_year_slider_changes_who_is_shown_at_a_place(open_page, peru_page, peru_kg):
    g = peru_kg.nx
    place, years = "vraem", (1992, 2011)
    expected = {y: _there(g, place, y) for y in years}
    assert expected[1992] != expected[2011], "the test needs years that differ at the place"
    page = open_page(peru_page)
    page.js("kgExplorer.show('map')")
    page.page.uncheck("#undated-on")  # only what holds in the year: undated statements hold in none
    for y in years:
        page.set_year(y)
        assert set(page.js("id => kgExplorer.mapAt(id)", place)) == expected[y], y
        assert int(_marker(page, place).get_attribute("data-count")) == len(expected[y])
    page.assert_clean()


def test_a_filter_applies_to_the_map(open_page, peru_page, peru_kg):
    page = open_page(peru_page)
    page.js("kgExplorer.show('map')")
    located = _located(peru_kg.nx)
    city = next(n for n in located if peru_kg.nx.nodes[n]["type"] == "City")
    page.page.uncheck("input[data-type=City]")
    cities = {n for n in located if peru_kg.nx.nodes[n]["type"] == "City"}
    assert page.js("kgExplorer.mapPlaces()") == sorted(set(located) - cities)
    assert _marker(page, city).count() == 0
    page.assert_clean()


def test_clicking_a_place_opens_its_dossier_with_the_coordinates_citation(open_page, peru_page, peru_kg):
    g = peru_kg.nx
    place = next(n for n in _located(g) if not g.nodes[n].get("geo_approximate"))
    page = open_page(peru_page)
    page.js("kgExplorer.show('map')")
    _marker(page, place).locator("circle").click()
    assert page.js("document.getElementById('dossier-body').dataset.node") == place
    where = page.page.locator("#dossier .where").text_content()
    assert "GeoNames" in where and f"geonameid {g.nodes[place]['geonames']}" in where
    assert page.page.locator("#map-here").is_visible()
    listed = page.js("Array.from(document.querySelectorAll('#map-here li')).map(li => li.dataset.id).sort()")
    assert listed == page.js("id => kgExplorer.mapAt(id)", place)
    page.assert_clean()


def test_the_map_in_a_kg_explore_page(open_page, tmp_path, peru_kg):
    out = tmp_path / "vraem.html"
    r = run_kg("explore", "vraem", "--out", out, "-q")
    assert r.returncode == 0, r.stderr
    page = open_page(out)
    page.js("kgExplorer.show('map')")
    shown = set(page.js("kgExplorer.visibleNodes()"))
    assert set(page.js("kgExplorer.mapPlaces()")) == {n for n in _located(peru_kg.nx) if n in shown}
    page.assert_clean()


# ------------------------------------------------------------------ the graph view as SVG

SVG = "{http://www.w3.org/2000/svg}"


def _svg_parts(markup: str) -> dict:
    root = ET.fromstring(markup.encode("utf-8"))
    assert root.tag == SVG + "svg"
    groups = {cls: [g for g in root.iter(SVG + "g") if g.get("class", "").split(" ")[0] == cls] for cls in ("node", "edge")}
    return {"nodes": sorted(g.get("data-id") for g in groups["node"]), "edges": sorted(g.get("data-id") for g in groups["edge"]),
            "labels": sorted(t.text for t in root.iter(SVG + "text") if t.get("data-id")),
            "shapes": [len(list(g)) for g in groups["node"]]}


def test_the_svg_export_holds_what_is_drawn(open_page, peru_page, peru_kg):
    page = open_page(peru_page)
    assert page.page.locator("#export-svg").is_visible()
    page.set_year(1992)
    page.js("kgExplorer.select('sendero-luminoso')")
    parts = _svg_parts(page.js("kgExplorer.svg()"))
    drawn = page.js("kgExplorer.drawn()")
    assert parts["nodes"] == drawn["nodes"] == page.js("kgExplorer.visibleNodes()")
    assert parts["edges"] == drawn["edges"]
    assert len(parts["nodes"]) < peru_kg.nx.number_of_nodes(), "the year cut the picture"
    names = {n: d["label"] for n, d in peru_kg.nx.nodes(data=True)}
    assert parts["labels"] and parts["labels"] == sorted(names[n] for n in page.js("kgExplorer.labelled()"))
    assert all(k == 2 for k in parts["shapes"]), "each node: its shape and its title"
    with page.page.expect_download() as download:
        page.page.click("#export-svg")
    saved = download.value.path().read_text(encoding="utf-8")
    assert _svg_parts(saved)["nodes"] == parts["nodes"]
    page.assert_clean()


def test_the_svg_export_escapes_names(open_page, tmp_path):
    import networkx as nx
    from test_explorer import MARKUP

    g = nx.MultiDiGraph()
    g.graph["sources"] = {}
    g.add_node("a", type="Person", label=MARKUP + ' & "quoted"')
    g.add_node("b", type="Person", label="B")
    g.add_edge("a", "b", key="a-b", predicate="member_of", label="member of")
    page = open_page(_write(tmp_path, "markup.html", explorer_html(g)))
    root = ET.fromstring(page.js("kgExplorer.svg()").encode("utf-8"))
    titles = [t.text for t in root.iter(SVG + "title")]
    assert MARKUP + ' & "quoted"' in titles
    assert not list(root.iter(SVG + "img")) and not list(root.iter("img"))
    page.assert_clean()


@pytest.mark.skipif(not os.environ.get("KG_SCREENSHOT"), reason="set KG_SCREENSHOT=1 to refresh docs/explorer-map.png")
def test_refresh_the_map_screenshot(browser):  # noqa: F811
    page = Page(browser, ROOT / "exports" / "peru-nexus.html")
    page.page.set_viewport_size({"width": 1600, "height": 1000})
    page.js("kgExplorer.setYear(2011)")
    page.js("kgExplorer.show('map')")
    page.page.locator("#map g.place[data-id='vraem'] circle").click()
    page.page.wait_for_timeout(300)
    page.page.screenshot(path=str(ROOT / "docs" / "explorer-map.png"))
    page.assert_clean()
    page.close()


# ------------------------------------------------------------------ nits seen in the screenshots

def test_how_the_source_holds_it_is_said_once_as_the_modality_groups_heading(open_page, peru_page, peru_kg):
    page = open_page(peru_page)
    words = "How the source holds it"
    assert page.page.locator("#statuses").inner_text().count(words) == 1
    assert words in page.page.locator("#modality-head").inner_text()
    modalities = sorted({d.get("modality") for *_, d in peru_kg.nx.edges(data=True) if d.get("modality")})
    boxes = page.js("Array.from(document.querySelectorAll('#statuses input[data-modality]')).map(b => b.dataset.modality).sort()")
    assert set(modalities) <= set(boxes) and len(boxes) > 2
    for m in boxes:
        assert words not in page.page.locator(f"#statuses label:has(input[data-modality='{m}'])").inner_text()
    page.assert_clean()


def test_a_small_kg_explore_page_draws_readable_nodes_at_fit_zoom(open_page, tmp_path):
    out = tmp_path / "artemio.html"
    r = run_kg("explore", "Artemio", "--out", out, "-q")
    assert r.returncode == 0, r.stderr
    page = open_page(out)
    shown = page.js("kgExplorer.visibleNodes()")
    assert 2 <= len(shown) <= 8, "a small cut"
    for _ in range(2):  # as it opens, and after Fit
        radii = page.js("""kgExplorer.network.body.nodeIndices.map(i => kgExplorer.nodes.get(i).size * kgExplorer.network.getScale())""")
        height = page.js("document.getElementById('network').clientHeight")
        assert min(radii) >= 8, f"a node drawn {min(radii):.1f} px across its radius is too small to read"
        assert max(radii) * 2 <= height / 2, "no node fills the pane"
        assert sorted(page.js("kgExplorer.labelled()")) == shown, "every entity of a small page is labelled"
        page.page.click("#fit")
    page.assert_clean()


def _extent(page: Page) -> dict:
    """Where the drawn nodes' centres lie in the graph's pane as it is now, as fractions of its size."""
    return page.js("""(() => {
        const net = kgExplorer.network, box = document.getElementById('network');
        const ids = net.body.nodeIndices, pos = net.getPositions(ids), dom = ids.map(i => net.canvasToDOM(pos[i]));
        const xs = dom.map(p => p.x / box.clientWidth), ys = dom.map(p => p.y / box.clientHeight);
        return {left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys), height: box.clientHeight};
    })()""")


def _fitted(extent: dict) -> bool:
    """Inside the pane, and filling it along one side (as a fit leaves it: a margin, never a third empty)."""
    inside = extent["left"] >= 0 and extent["top"] >= 0 and extent["right"] <= 1 and extent["bottom"] <= 1
    return inside and max(extent["right"] - extent["left"], extent["bottom"] - extent["top"]) >= 0.8


def test_opening_the_timeline_refits_the_graph_to_the_pane_it_now_has(open_page, peru_page):
    page = open_page(peru_page)
    full = _extent(page)
    assert _fitted(full), full
    page.js("kgExplorer.show('timeline')")
    now = _extent(page)
    assert now["height"] < full["height"], "the timeline takes part of the pane"
    assert _fitted(now), f"fitted to the pane the graph now has, at once: {now}"
    page.js("kgExplorer.show('graph')")
    assert _fitted(_extent(page))
    page.assert_clean()
