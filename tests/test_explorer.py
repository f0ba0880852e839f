"""The HTML explorer, driven in a real headless browser (Debian's chromium through Playwright).

Every page is opened from disk with the network blocked: any request that is not
for a file: URL is recorded and aborted, and the tests assert none was made.
Screenshots go to test-artifacts/ (git-ignored). `KG_SCREENSHOT=1 pytest -k screenshot`
refreshes the README's docs/explorer*.png (tests/test_explorer_features.py).
"""

from __future__ import annotations

import json
import random
import re
import time
from pathlib import Path

import networkx as nx
import pytest

from conftest import FIXTURES, MINI, ROOT, run_kg
from graph.builder.time import facts_as_of, holds_in, network_as_of
from graph.explorer.columns import as_records
from graph.explorer.page import explorer_html, neighbourhood
from graph.vocab.ontology import load_ontology

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"
INJECTION = FIXTURES / "injection"
MARKUP = "<img src=x onerror=alert(1)>"


# ------------------------------------------------------------------ browser plumbing

@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "chromium is missing: apt-get install -y chromium (see .ci/run)"
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Page:
    """A page opened from disk with the network blocked, recording what a test must not see."""

    def __init__(self, browser, path: Path, timeout: float = 30, fragment: str = ""):
        self.requests, self.errors, self.dialogs = [], [], []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900}, service_workers="block")
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type in ("error", "warning") and "GL Driver Message" not in m.text
                     and self.errors.append(f"{m.type}: {m.text}"))  # the software GL's notes are Chromium's, not the page's
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("dialog", self._dialog)
        start = time.perf_counter()
        self.page.goto(path.resolve().as_uri() + (f"#{fragment}" if fragment else ""))
        self.page.wait_for_selector("body[data-ready=true]", timeout=timeout * 1000)
        self.load_seconds = time.perf_counter() - start

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def open_folds(self) -> None:
        """Every fold of the dossier opened, as a reader would: a fold's statements are made when it opens."""
        self.js("""() => { document.querySelectorAll('#dossier details').forEach(d => { d.open = true; });
                          return new Promise(r => setTimeout(() => setTimeout(r))); }""")

    def on_screen(self) -> tuple[int, int]:
        """Nodes and edges vis-network has in its body (what it draws)."""
        return tuple(self.js("[kgExplorer.network.body.nodeIndices.length, kgExplorer.network.body.edgeIndices.length]"))

    def drawn_edges(self) -> list:
        """The statement ids of the edges vis-network has in its body."""
        return self.js("kgExplorer.drawn().edges")

    def selected_nodes(self) -> list:
        return self.js("kgExplorer.selected().nodes")

    def node_point(self, node_id: str) -> tuple[float, float]:
        """Where a node is on the page, for a real mouse click."""
        return tuple(self.js("""id => {
            const net = kgExplorer.network, v = kgExplorer.visId(id), p = net.canvasToDOM(net.getPositions([v])[v]);
            const box = document.getElementById('network').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""", node_id))

    def set_year(self, year: int | None) -> None:
        """Move the year slider the way a user does: tick the box, drag the range (input events)."""
        self.page.evaluate("""year => {
            const on = document.getElementById('year-on'), range = document.getElementById('year');
            if ((year !== null) !== on.checked) on.click();
            if (year !== null) { range.value = year; range.dispatchEvent(new Event('input', {bubbles: true})); }
        }""", year)

    def dossier_text(self) -> str:
        """The dossier's text as drawn, read after the next frame: its statements are laid out only when on
        screen (``content-visibility: auto``), which the browser decides when it renders."""
        self.page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        return self.page.inner_text("#dossier")

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name))

    def assert_clean(self) -> None:
        assert self.requests == [], f"the page tried the network: {self.requests}"
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_page(browser):
    pages = []

    def _open(path: Path, **kw) -> Page:
        page = Page(browser, path, **kw)
        pages.append(page)
        return page

    yield _open
    for page in pages:
        page.close()


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def mini_html(tmp_path_factory, mini_kg):
    return _write(tmp_path_factory.mktemp("explorer"), "mini.html", explorer_html(mini_kg.nx))


@pytest.fixture(scope="module")
def peru_html(tmp_path_factory, peru_kg):
    return _write(tmp_path_factory.mktemp("explorer"), "peru.html", explorer_html(peru_kg.nx))


# ------------------------------------------------------------------ the file itself

def _by_id(items: list) -> dict:
    return {item["id"]: item for item in items}


def _data_json(html: bytes) -> str:
    m = re.search(rb'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert m
    return m.group(1).decode("utf-8")


def test_the_file_is_self_contained_deterministic_and_escapes_its_data(mini_kg):
    html = explorer_html(mini_kg.nx)
    assert html == explorer_html(mini_kg.nx)
    text = html.decode("utf-8")
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)=', text), "no external resource"
    # the data, the base map, vis-network, topojson-client, ours (the map, the SVG, the explorer)
    assert len(re.findall(r"^<script", text, re.M)) == 7
    data = _data_json(html)
    assert not set("<>&") & set(data)
    assert _by_id(as_records(json.loads(data))["nodes"])["artemio"]["aliases"] == ["Comrade Artemio", "Artemio"]
    assert "default-src 'none'" in text and "connect-src 'none'" in text


@pytest.mark.parametrize("year", [1975, 1980, 1992, 2005, 2014])
def test_the_explorers_time_slice_is_graph_timelines(peru_kg, year):
    """Slicing the NetworkX graph and slicing the facts keep the same entities and statements."""
    facts, sliced = facts_as_of(peru_kg.facts, year), network_as_of(peru_kg.nx, year)
    assert set(facts.entities) == set(sliced.nodes)
    # undated statements are kept apart by both: in facts.undated_statements, and as edges marked undated
    assert set(facts.statements) | set(facts.undated_statements) == {k for *_, k in sliced.edges(keys=True)}
    assert set(facts.undated_statements) == set(sliced.graph["undated_edges"])


def _shown(span: list, year: int) -> bool:
    """What explorer.js's holds() does with a node's or edge's span: a comparison, no rule."""
    first, last = span
    return (first is None or first <= year) and (last is None or year <= last)


def test_the_pages_years_agree_with_holds_in_for_every_entity_and_statement(peru_kg, peru_html):
    """The year slider shows a fact exactly in the years graph/builder/time.py says it holds."""
    data = as_records(json.loads(_data_json(peru_html.read_bytes())))
    facts, onto = peru_kg.facts, load_ontology(peru_kg.base)
    data["nodes"], data["edges"] = _by_id(data["nodes"]), _by_id(data["edges"])
    assert set(data["nodes"]) == set(facts.entities) and set(data["edges"]) == set(facts.statements)
    first, last = data["years"]
    dated = 0
    for year in range(first - 2, last + 3):
        for id_, entity in facts.entities.items():
            assert _shown(data["nodes"][id_]["span"], year) == holds_in(entity, year, lasting=True), (id_, year)
        for id_, st in facts.statements.items():
            lasting = onto.predicates[st.predicate].lasting
            assert _shown(data["edges"][id_]["span"], year) == holds_in(st, year, lasting=lasting), (id_, year)
            dated += not holds_in(st, year, lasting=lasting)
    assert dated > 1000, "the Peru graph has dated statements, hidden in some years"


def test_the_page_is_the_same_with_the_speedups_off(mini_kg, monkeypatch):
    """graph/speedups/fast_ids.py changes how fast pyvis checks ids, not what the page holds."""
    fast = explorer_html(mini_kg.nx)
    monkeypatch.setenv("KG_SPEEDUPS", "0")
    assert explorer_html(mini_kg.nx) == fast
    big = synthetic_graph(300, 500)
    plain = explorer_html(big)
    monkeypatch.setenv("KG_SPEEDUPS", "1")
    assert explorer_html(big) == plain


def test_kg_build_writes_the_explorer(tmp_path):
    r = run_kg("build", "-q", "--seeds", MINI, "--out", tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "peru-nexus.html").read_bytes().startswith(b"<!DOCTYPE html>")


# ------------------------------------------------------------------ the real graph

def test_the_full_graph_opens_offline_and_shows_every_node_and_edge(open_page, peru_html, peru_kg):
    page = open_page(peru_html)
    g = peru_kg.nx
    assert page.on_screen() == (g.number_of_nodes(), g.number_of_edges())
    assert page.js("document.getElementById('counts').textContent") == (
        f"{g.number_of_nodes()} entities · {g.number_of_edges()} relationships")
    assert page.load_seconds < 10
    # the legend names every type present and says what a dashed line means
    legend = page.js("document.getElementById('controls').innerText")
    assert "disputed" in legend and "dashed" in legend and "Armed group" in legend
    page.screenshot("explorer-full.png")
    page.assert_clean()


def test_search_finds_artemio_by_alias_in_the_real_graph(open_page, peru_html):
    page = open_page(peru_html)
    page.page.fill("#search", "Artemio")
    first = page.page.locator("#results li").first
    assert first.get_attribute("data-id") == "forindo-eleuterio-flores-hala"
    assert "alias: Artemio" in first.inner_text()
    page.page.press("#search", "Enter")
    assert page.selected_nodes() == ["forindo-eleuterio-flores-hala"]
    assert page.page.inner_text(".dossier-title") == "Forindo Eleuterio Flores Hala"
    page.page.wait_for_timeout(400)  # the focus animation
    page.screenshot("explorer-search.png")
    zoomed = page.js("kgExplorer.network.getScale()")
    page.page.click("#fit")
    assert page.js("kgExplorer.network.getScale()") < zoomed / 2
    page.assert_clean()


def test_the_year_slider_follows_the_timeline_rule_on_the_real_graph(open_page, peru_html, peru_kg):
    g = peru_kg.nx
    capture = [k for u, v, k, d in g.edges(keys=True, data=True)
               if d["predicate"] == "captured" and v == "forindo-eleuterio-flores-hala"]
    assert capture, "the seeds record Artemio's capture"
    page = open_page(peru_html)
    for year, present in ((1992, False), (2014, True)):
        page.set_year(year)
        expected = network_as_of(g, year)
        assert page.on_screen() == (expected.number_of_nodes(), expected.number_of_edges())
        shown = set(page.drawn_edges())
        assert (capture[0] in shown) is present
    page.set_year(None)
    assert page.on_screen() == (g.number_of_nodes(), g.number_of_edges())
    page.assert_clean()


# ------------------------------------------------------------------ the mini graph: filters, dossier

def test_type_and_relationship_filters_change_what_is_drawn(open_page, mini_html, mini_kg):
    g = mini_kg.nx
    page = open_page(mini_html)
    people = [n for n, d in g.nodes(data=True) if d["type"] == "Person"]
    page.page.uncheck("input[data-type=Person]")
    kept = g.subgraph([n for n in g if n not in people])
    assert page.on_screen() == (kept.number_of_nodes(), kept.number_of_edges())
    page.page.check("input[data-type=Person]")
    page.page.uncheck("input[data-predicate=part_of]")
    part_of = sum(1 for *_, d in g.edges(data=True) if d["predicate"] == "part_of")
    assert page.on_screen() == (g.number_of_nodes(), g.number_of_edges() - part_of)
    page.page.click("button[data-bulk=preds-all]")
    page.page.uncheck("input[data-section=Place]")
    places = {n for n, d in g.nodes(data=True) if d["type"] in ("Country", "AdministrativeRegion", "City", "Zone")}
    kept = g.subgraph([n for n in g if n not in places])
    assert page.on_screen() == (kept.number_of_nodes(), kept.number_of_edges())
    page.assert_clean()


def test_the_year_slider_hides_the_capture_in_1992_and_shows_it_from_2012(open_page, mini_html, mini_kg):
    page = open_page(mini_html)
    assert page.js("[+document.getElementById('year').min, +document.getElementById('year').max]") == [1980, 2012]
    capture = "peruvian-government.captured.artemio.2012-02.in-upper-huallaga-valley"
    for year, present in ((1992, False), (2011, False), (2012, True)):
        page.set_year(year)
        assert (capture in page.drawn_edges()) is present
        expected = network_as_of(mini_kg.nx, year)
        assert page.on_screen() == (expected.number_of_nodes(), expected.number_of_edges())
        assert f"as of {year}" in page.js("document.getElementById('counts').textContent")
    page.assert_clean()


def test_clicking_a_node_opens_its_dossier_with_citations_and_neighbours_highlighted(open_page, mini_html):
    page = open_page(mini_html)
    page.page.mouse.click(*page.node_point("artemio"))
    assert page.selected_nodes() == ["artemio"]
    dossier = page.page.locator("#dossier")
    assert dossier.is_visible()
    text = dossier.inner_text()
    assert "Forindo Eleuterio Flores Hala" in text and "Comrade Artemio" in text
    assert "Excerpt of: The Evolving Transnational Crime-Terrorism Nexus in Peru" in text
    assert "para. 3" in text
    assert '“those led by Forindo Eleuterio Flores Hala ("Comrade Artemio")”' in text
    assert "In February 2012, the government captured Artemio" in text  # a statement in, with its quote
    # neighbours keep their colour, the rest is dimmed
    # the colours vis-network draws now (its body's items: a dimmed look is put there, the DataSet keeps each one's own)
    colours = page.js("""Object.fromEntries(Object.values(kgExplorer.network.body.nodes)
                         .map(n => [kgExplorer.drawnId(n.id), n.options.color.background]))""")
    assert colours["huallaga-faction"] != "#e9ecef" and colours["peruvian-government"] != "#e9ecef"
    assert colours["peru"] == "#e9ecef"
    page.screenshot("explorer-dossier.png")
    # clicking an empty spot closes the dossier and restores the colours
    page.page.mouse.click(*page.js("""(() => { const b = document.getElementById('network').getBoundingClientRect();
                                       return [b.left + 3, b.bottom - 3]; })()"""))
    assert not dossier.is_visible()
    assert page.js("kgExplorer.nodes.get(kgExplorer.visId('peru')).color.background") != "#e9ecef"
    page.assert_clean()


def test_clicking_an_edge_shows_its_statement_and_citations(open_page, mini_html):
    page = open_page(mini_html)
    a, b = page.node_point("chuschi"), page.node_point("ayacucho")
    page.page.mouse.click((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    assert page.js("kgExplorer.selected().edges") == ["chuschi.part_of.ayacucho"]
    text = page.dossier_text()
    assert "Chuschi" in text and "part of" in text and "Ayacucho" in text
    assert "“the town of Chuschi, Ayacucho”" in text and "para. 2" in text
    page.page.keyboard.press("Escape")
    assert not page.page.locator("#dossier").is_visible()
    page.page.keyboard.press("/")
    assert page.js("document.activeElement.id") == "search"
    page.assert_clean()


def test_a_disputed_statement_is_dashed_and_says_so(open_page, mini_html):
    page = open_page(mini_html)
    edge = page.js("kgExplorer.edges.get(kgExplorer.visId('sendero-luminoso.engaged_in.cocaine-trade'))")
    assert edge["dashes"]
    page.js("kgExplorer.select('cocaine-trade')")
    text = page.dossier_text()
    assert "Disputed: the sources disagree" in text and "This citation disputes the statement" in text
    page.assert_clean()


def test_kg_explore_cuts_the_graph_to_n_hops(open_page, tmp_path, mini_kg):
    out = tmp_path / "artemio.html"
    r = run_kg("explore", "Comrade Artemio", "--depth", "1", "--seeds", MINI, "--out", out, "-q")
    assert r.returncode == 0, r.stderr
    page = open_page(out)
    near = neighbourhood(mini_kg.nx, "artemio", 1)
    assert page.on_screen() == (near.number_of_nodes(), near.number_of_edges()) == (3, 2)
    assert page.selected_nodes() == ["artemio"]
    assert page.page.inner_text(".dossier-title") == "Forindo Eleuterio Flores Hala"
    page.assert_clean()

    r = run_kg("explore", "artemio", "--depth", "2", "--as-of", "1992", "--seeds", MINI, "--out", out, "-q")
    assert r.returncode == 0, r.stderr
    page = open_page(out)
    assert "peruvian-government" not in page.js("kgExplorer.visibleNodes()")
    assert page.js("document.getElementById('year-on').checked")
    page.assert_clean()

    r = run_kg("explore", "Artmio", "--seeds", MINI, "--out", out)
    assert r.returncode == 1 and "artemio" in r.stderr and "Traceback" not in r.stderr


# ------------------------------------------------------------------ hostile input

def test_markup_in_the_facts_shows_as_text_and_runs_nothing(open_page, tmp_path):
    out = tmp_path / "hostile.html"
    r = run_kg("explore", "mallory", "--depth", "2", "--seeds", INJECTION, "--sources", INJECTION / "texts",
               "--out", out, "-q")
    assert r.returncode == 0, r.stderr
    page = open_page(out)
    assert page.on_screen() == (3, 3)
    assert page.page.title().endswith("<script>window.__pwned=2</script>, 2 hops")

    def no_markup_ran():
        assert page.js("window.__pwned") is None
        assert page.js("document.querySelectorAll('img, iframe, [onerror], [onload]').length") == 0
        assert page.js("document.scripts.length") == 7  # the page's own (see the test above)

    # the dossier of the centre (opened on load): name, aliases, description, quote and source as text
    text = page.dossier_text()
    assert page.page.inner_text(".dossier-title") == "<script>window.__pwned=2</script>"
    assert MARKUP in text and "</script><svg onload=window.__pwned=3>" in text
    assert 'Leader of <b>bold</b> & co; <img src=x onerror="window.__pwned=8">' in text
    assert "Hostile <script>window.__pwned=5</script> document <img src=x onerror=window.__pwned=6>" in text
    assert "<b>Mallory</b> & co" in text and "<i>p. 1</i>" in text
    assert '“Another source doubts that he led it: ]]> --> <!--”' in text
    assert 'Note: <iframe src="javascript:window.__pwned=4"></iframe>' in text
    no_markup_ran()

    # search results
    page.page.fill("#search", "<img")
    results = page.page.inner_text("#results")
    assert MARKUP in results
    page.page.press("#search", "Enter")
    assert page.page.inner_text(".dossier-title") == MARKUP
    no_markup_ran()

    # the legend and a tooltip (vis-network renders titles: ours are DOM elements built from text)
    page.page.wait_for_timeout(500)  # the focus animation
    x, y = page.node_point("town")
    page.page.mouse.move(x - 30, y - 30)
    page.page.mouse.move(x, y, steps=5)
    tooltip = page.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert "</script><svg onload=window.__pwned=3>" in tooltip.inner_text()
    page.screenshot("explorer-injection.png")
    no_markup_ran()
    page.assert_clean()


# ------------------------------------------------------------------ a big graph

def synthetic_graph(n_nodes: int = 5000, n_edges: int = 7500, seed: int = 5) -> nx.MultiDiGraph:
    """A graph shaped like the real one (types, aliases, dates, citations), for size tests."""
    rng = random.Random(seed)
    types = ["Person", "ArmedGroup", "Faction", "CriminalOrganization", "GovernmentAgency", "City", "Zone",
             "Country", "Attack", "DrugTrade"]
    predicates = ["member_of", "leader_of", "operates_in", "cooperates_with", "fights", "funds", "targets"]
    g = nx.MultiDiGraph(name="synthetic")
    g.graph["sources"] = {"s": {"title": "Synthetic source", "author": "Test", "date": "2015"}}
    for i in range(n_nodes):
        cite = {"source": "s", "locator": f"p. {i % 300}", "quote": f"entity number {i} appears here", "stance": "supports"}
        g.add_node(f"n{i}", type=types[i % len(types)], label=f"Entity {i}", aliases=[f"Alias {i}", f"Nick{i}"],
                   description=f"Synthetic entity {i}.", citations=[cite], estimates=[])
    for j in range(n_edges):
        u, v = rng.randrange(n_nodes), rng.randrange(n_nodes)
        if u == v:
            v = (v + 1) % n_nodes
        year = 1980 + rng.randrange(36)
        attrs = {"predicate": rng.choice(predicates), "status": "disputed" if j % 17 == 0 else "asserted",
                 "citations": [{"source": "s", "locator": "p. 1", "quote": f"statement {j}", "stance": "supports"}]}
        if j % 3 == 0:
            attrs.update(start=str(year), end=str(year + 5), start_year=year, end_year=year + 5)
        attrs["label"] = attrs["predicate"].replace("_", " ")
        g.add_edge(f"n{u}", f"n{v}", key=f"e{j}", **attrs)
    return g


def test_a_5000_node_graph_opens_and_answers_a_search(open_page, tmp_path):
    g = synthetic_graph()
    start = time.perf_counter()
    html = explorer_html(g, title="Synthetic")
    render_seconds = time.perf_counter() - start
    page = open_page(_write(tmp_path, "big.html", html), timeout=60)
    assert page.on_screen() == (5000, 7500)
    start = time.perf_counter()
    page.page.fill("#search", "Nick4321")
    page.page.wait_for_selector("#results li[data-id=n4321]")
    page.page.press("#search", "Enter")
    page.page.wait_for_selector(".dossier-title")
    search_seconds = time.perf_counter() - start
    assert page.page.inner_text(".dossier-title") == "Entity 4321"
    assert page.selected_nodes() == ["n4321"]
    page.page.wait_for_timeout(400)
    page.screenshot("explorer-5000.png")
    print(f"5,000 nodes: rendered in {render_seconds:.1f}s, opened in {page.load_seconds:.1f}s, "
          f"search answered in {search_seconds:.2f}s")
    assert page.load_seconds < 20 and search_seconds < 5
    page.assert_clean()
