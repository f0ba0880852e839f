"""The explorer at scale: a generated 5,000-node page is drawn by the big-graph renderer (templates/canvas.js), and the
page's interface (``window.kgExplorer``) works with it as with vis-network: the same ids for the same
data. Timings are the benchmark's (benchmarks/browser.py), never asserted here.

The browser plumbing (``Page``, the ``browser`` and ``open_page`` fixtures) is tests/test_explorer.py's.
"""

from __future__ import annotations

import base64
import json
import re
import struct
import sys

import pytest

from conftest import ROOT
from graph.explorer import data as explorer_data_module
from graph.explorer.columns import as_records
from graph.explorer.page import explorer_html
from test_explorer import _write, browser, open_page  # noqa: F401  (pytest fixtures)

sys.path.insert(0, str(ROOT / "benchmarks"))
from browser import synthetic  # noqa: E402  (the benchmark's own generator)

NODES, EDGES = 5000, 22000
YEAR = 1990


def _page_data(html: bytes) -> dict:
    text = html.decode("utf-8")
    raw = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S).group(1)
    return as_records(json.loads(raw))


def _held(span, year: int) -> bool:
    first, last = span
    return (first is None or first <= year) and (last is None or year <= last)


@pytest.fixture(scope="module")
def big_graph():
    return synthetic(NODES, EDGES)


@pytest.fixture(scope="module")
def canvas_page(tmp_path_factory, big_graph):
    html = explorer_html(big_graph, title="synthetic")
    return _write(tmp_path_factory.mktemp("canvas"), "big.html", html), _page_data(html)


@pytest.fixture(scope="module")
def vis_page(tmp_path_factory, big_graph):
    """The same graph forced onto vis-network (the threshold raised for this one render)."""
    was = explorer_data_module.CANVAS_FROM
    explorer_data_module.CANVAS_FROM = NODES + 1
    try:
        html = explorer_html(big_graph, title="synthetic")
    finally:
        explorer_data_module.CANVAS_FROM = was
    return _write(tmp_path_factory.mktemp("vis"), "big-vis.html", html)


def _assert_clean(page) -> None:
    assert page.requests == [], f"the page tried the network: {page.requests}"
    assert page.errors == []


def _answers(page, year: int, query: str, probe: str) -> dict:
    out = {"all": [len(page.js("kgExplorer.visibleNodes()")), len(page.js("kgExplorer.visibleEdges()"))]}
    page.js("y => kgExplorer.setYear(y)", year)
    out["year"] = [page.js("kgExplorer.visibleNodes()"), page.js("kgExplorer.visibleEdges()")]
    out["find"] = page.js("q => kgExplorer.find(q)", query)
    page.js("id => kgExplorer.select(id)", probe)
    out["state"] = re.sub(r"&camera=[^&]*", "", page.js("kgExplorer.state()"))  # the camera is the renderer's own
    out["dossier"] = page.js("document.querySelector('.dossier-title') && document.querySelector('.dossier-title').textContent")
    return out


def test_a_big_page_is_drawn_by_the_canvas_renderer_with_the_same_interface(open_page, canvas_page, big_graph):
    path, data = canvas_page
    assert data["renderer"] == "canvas" and NODES >= data["canvasFrom"]
    page = open_page(path, timeout=240)
    assert page.js("kgExplorer.renderer()") == "canvas"
    assert page.js("document.querySelectorAll('#network canvas').length") == 1, "one canvas"
    got = _answers(page, YEAR, "Entity 12", "n12")
    assert got["all"] == [NODES, EDGES]
    # the year: what the data's spans (graph/builder/time.py's rule, from Python) say holds in YEAR
    held_nodes = {n["id"] for n in data["nodes"] if _held(n["span"], YEAR)}
    held_edges = {e["id"] for e in data["edges"] if (e.get("undated") or _held(e["span"], YEAR))
                  and e["from"] in held_nodes and e["to"] in held_nodes}  # undated ones are shown, pale
    assert set(got["year"][1]) <= held_edges and len(got["year"][1]) < EDGES
    assert got["find"][0] == "n12" and "n12" in got["find"]
    assert "select=n12" in got["state"] and got["dossier"] == big_graph.nodes["n12"]["label"]
    labelled = page.js("kgExplorer.labelled()")
    assert labelled and set(labelled) <= set(got["year"][0]), "it labels only what is shown"
    _assert_png_is_the_picture(page)
    _assert_clean(page)


INKED = """src => new Promise(done => {
  const img = new Image();
  img.onload = () => {
    const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data; let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) n++;
    done(n);
  };
  img.src = src;
})"""


def _assert_png_is_the_picture(page) -> None:
    """The PNG export of a canvas page: a PNG of the canvas's size, with the picture on it (not a blank)."""
    png = page.js("kgExplorer.png()")
    assert png.startswith("data:image/png;base64,")
    raw = base64.b64decode(png.split(",", 1)[1])
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    size = list(struct.unpack(">II", raw[16:24]))
    assert size == page.js("(c => [c.width, c.height])(document.querySelector('#network canvas'))")
    assert page.js(INKED, png) > size[0] * size[1] // 50, "nodes and edges are drawn on it"


def test_the_canvas_renderer_and_vis_network_give_the_same_ids_for_the_same_data(open_page, canvas_page, vis_page):
    big = open_page(canvas_page[0], timeout=240)
    first = _answers(big, YEAR, "Alias 77", "n77")
    vis = open_page(vis_page, timeout=240)
    assert vis.js("kgExplorer.renderer()") == "vis"
    second = _answers(vis, YEAR, "Alias 77", "n77")
    assert first == second
    _assert_clean(vis)


def test_a_big_page_opens_its_timeline_as_one_box_per_lane_and_year(open_page, canvas_page):
    """Thousands of labelled items are no picture: a big page's timeline counts by lane and year instead."""
    path, data = canvas_page
    page = open_page(path, timeout=240)
    page.js("kgExplorer.show('timeline')")
    dated = page.js("kgExplorer.timelineItems()")
    lanes_years = {(t["group"], int(t["start"][:4])) for t in data["timeline"]["items"]}
    assert dated == len(data["timeline"]["items"]) > 600
    assert page.js("kgExplorer.timelineShown()") == len(lanes_years) < dated
    page.page.locator("#timeline .tl-item.tl-box").first.click()
    period = re.search(r"period=(\d+)-(\d+)", page.js("kgExplorer.state()"))
    assert period and period[1] == period[2], "a box shows its year"
    _assert_clean(page)


PIXELS = """() => { const c = document.querySelector('#network canvas'), copy = document.createElement('canvas');
  copy.width = c.width; copy.height = c.height; copy.getContext('2d').drawImage(c, 0, 0);  // read once, from a copy
  const d = copy.getContext('2d').getImageData(0, 0, c.width, c.height).data; let h = 2166136261;
  for (let i = 0; i < d.length; i++) h = Math.imul(h ^ d[i], 16777619) >>> 0;
  return h; }"""
FRESH = "() => { const n = kgExplorer.network; n.version++; n.redraw(); }"  # every kept picture put out of date


def test_the_kept_pictures_follow_the_looks_the_year_and_a_selection_in_place(open_page, canvas_page):
    """canvas.js keeps the lines and plain nodes it drew for a camera; what it then draws is the picture a fresh
    draw gives, after a change of colours, of year, or of the selection at the same camera."""
    page = open_page(canvas_page[0], timeout=240)
    frame = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"

    def picture() -> tuple[int, int]:
        page.js(frame)
        kept = page.js(PIXELS)
        page.js(FRESH)
        return kept, page.js(PIXELS)

    page.js("kgExplorer.select('n12')")
    by_type, fresh = picture()
    assert by_type == fresh
    page.page.select_option("#colour-by", "community")
    by_community, fresh = picture()
    assert by_community == fresh and by_community != by_type, "new colours: drawn again, not the kept picture"
    page.page.select_option("#colour-by", "type")
    assert picture() == (by_type, by_type)
    page.js("kgExplorer.setYear(1990)")
    in_1990, fresh = picture()
    assert in_1990 == fresh and in_1990 != by_type, "another year: drawn again"
    page.js("kgExplorer.setYear(null)")
    camera = page.js("kgExplorer.network.getViewPosition()")
    page.js("kgExplorer.network.fire('click', {nodes: [kgExplorer.visId('n13')], edges: []})")  # a click: the camera stays
    assert page.js("kgExplorer.network.getViewPosition()") == camera and "select=n13" in page.js("kgExplorer.state()")
    other, fresh = picture()
    assert other == fresh and other != by_type, "another selection at the same camera: its own picture"
    _assert_clean(page)
