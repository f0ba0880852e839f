"""The explorer's analyst features, one test each, in a real headless chromium (network blocked).

The browser plumbing (``Page``, the ``browser`` and ``open_page`` fixtures) is tests/test_explorer.py's.
Expected values come from the Python side (NetworkX, graph/builder/time.py, graph/query/paths.py),
never from the page itself.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import re

import networkx as nx
import pytest

from conftest import MINI, ROOT, run_kg
from graph.builder.time import network_as_of
from graph.explorer.metrics import metrics
from graph.explorer.page import explorer_html
from graph.query.paths import paths
from test_explorer import _write, browser, open_page  # noqa: F401  (pytest fixtures)

SL = "sendero-luminoso"


@pytest.fixture(scope="module")
def peru_page_file(tmp_path_factory, peru_kg):
    return _write(tmp_path_factory.mktemp("features"), "peru.html", explorer_html(peru_kg.nx))


@pytest.fixture(scope="module")
def mini_page_file(tmp_path_factory, mini_kg):
    return _write(tmp_path_factory.mktemp("features"), "mini.html", explorer_html(mini_kg.nx))


# ------------------------------------------------------------------ 1. safe with any id

def _built_in_names_graph() -> nx.MultiDiGraph:
    """Ids that are the names of JavaScript built-ins: as keys of a plain object they collide."""
    g = nx.MultiDiGraph()
    g.graph["sources"] = {"constructor": {"title": "A source called constructor"}}
    cite = [{"source": "constructor", "locator": "p. 1", "quote": "q", "stance": "supports"}]
    for n in ("constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "plain"):
        g.add_node(n, type="Person", label=f"Name {n}", citations=cite)
    for key, (u, v) in {"constructor": ("constructor", "plain"), "__proto__": ("__proto__", "toString"),
                        "hasOwnProperty": ("plain", "valueOf"), "toString": ("hasOwnProperty", "plain")}.items():
        g.add_edge(u, v, key=key, predicate="member_of", label="member of", citations=cite)
    return g


def test_ids_that_name_javascript_built_ins_are_just_data(open_page, tmp_path):
    g = _built_in_names_graph()
    page = open_page(_write(tmp_path, "ids.html", explorer_html(g)))
    assert page.js("kgExplorer.visibleNodes()") == sorted(g.nodes)
    assert page.js("kgExplorer.visibleEdges()") == sorted(k for *_, k in g.edges(keys=True))
    assert page.js("kgExplorer.drawn().edges") == sorted(k for *_, k in g.edges(keys=True))
    page.js("kgExplorer.select('constructor')")
    assert page.page.inner_text(".dossier-title") == "Name constructor"
    assert "A source called constructor" in page.dossier_text()
    assert page.js("kgExplorer.find('Name __proto__')") == ["__proto__"]
    page.js("kgExplorer.selectEdge('__proto__')")
    assert page.js("kgExplorer.selected().edges") == ["__proto__"]
    page.assert_clean()


def test_a_relationship_called_constructor_in_the_fact_files(open_page, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for f in MINI.iterdir():
        if f.is_file():
            (seeds / f.name).write_bytes(f.read_bytes())
    text = (seeds / "facts.yaml").read_text(encoding="utf-8")
    first = re.search(r"^relationships:\n  - ", text, re.M)
    assert first, "the mini fixture has relationships"
    (seeds / "facts.yaml").write_text(text[:first.end()] + "id: constructor\n    " + text[first.end():], encoding="utf-8")
    out = tmp_path / "exports"
    r = run_kg("build", "-q", "--seeds", seeds, "--sources", MINI / "texts", "--out", out)
    assert r.returncode == 0, r.stderr
    page = open_page(out / "peru-nexus.html")
    assert "constructor" in page.js("kgExplorer.visibleEdges()")
    page.js("kgExplorer.selectEdge('constructor')")
    assert page.js("document.getElementById('dossier-body').dataset.edge") == "constructor"
    page.assert_clean()


# ------------------------------------------------------------------ 2. an overview you can read

def test_the_most_central_entities_are_labelled_and_a_hint_shows_on_first_load(open_page, peru_page_file, peru_kg):
    page = open_page(peru_page_file)
    assert page.page.locator("#hint").is_visible()
    labelled = page.js("kgExplorer.labelled()")
    degree = dict(peru_kg.nx.degree())
    top = max(degree, key=lambda n: (degree[n], n))
    assert 10 <= len(labelled) < peru_kg.nx.number_of_nodes() and top in labelled
    boxes = page.js("kgExplorer.labelBoxes()")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), "labels overlap"
    page.page.click("#fit")
    page.page.mouse.click(*page.js("""(() => { const b = document.getElementById('network').getBoundingClientRect();
                                       return [b.left + 3, b.top + 3]; })()"""))
    assert not page.page.locator("#hint").is_visible()
    page.assert_clean()


def test_communities_from_networkx_colour_the_picture(open_page, mini_page_file, mini_kg):
    expected = metrics(mini_kg.nx)["community"]
    assert expected == metrics(mini_kg.nx)["community"], "seeded: the same communities every time"
    page = open_page(mini_page_file)
    page.page.select_option("#colour-by", "community")
    colours = page.js("Object.fromEntries(kgExplorer.nodes.get().map(n => [kgExplorer.drawnId(n.id), n.color.background]))")
    for a in expected:
        for b in expected:
            assert (colours[a] == colours[b]) == (expected[a] == expected[b]), (a, b)
    assert page.page.locator("#communities").is_visible()
    assert "colour=community" in page.js("kgExplorer.state()")
    page.assert_clean()


def test_node_size_follows_the_chosen_centrality(open_page, mini_page_file, mini_kg):
    page = open_page(mini_page_file)
    sizes = lambda: page.js("Object.fromEntries(kgExplorer.nodes.get().map(n => [kgExplorer.drawnId(n.id), n.size]))")  # noqa: E731
    central = metrics(mini_kg.nx)["centrality"]
    for name in ("degree", "pagerank", "betweenness"):
        page.page.select_option("#size-by", name)
        got, values = sizes(), central[name]
        biggest = max(values.values())
        assert {n for n in values if values[n] == biggest} <= {n for n in got if got[n] == max(got.values())}, name
        assert page.js("kgExplorer.labelled()")[:1]
    page.assert_clean()


# ------------------------------------------------------------------ 3. filters that tidy up

def test_hide_unconnected_keeps_only_entities_with_a_shown_relationship_and_fits(open_page, peru_page_file, peru_kg):
    g = peru_kg.nx
    page = open_page(peru_page_file)
    page.page.click("button[data-bulk=preds-none]")
    keep = sorted({d["predicate"] for *_, d in g.edges(data=True) if "fund" in d["predicate"]})
    assert keep
    for p in keep:
        page.page.check(f"input[data-predicate={p}]")
    page.page.check("#hide-isolated")
    ends = {n for u, v, d in g.edges(data=True) if d["predicate"] in keep for n in (u, v)}
    assert set(page.js("kgExplorer.visibleNodes()")) == ends
    assert page.on_screen() == (len(ends), sum(1 for *_, d in g.edges(data=True) if d["predicate"] in keep))
    # fitted to what remains: every shown node is inside the canvas
    assert page.js("""(() => { const net = kgExplorer.network, box = document.getElementById('network');
        return Object.values(net.getPositions()).every(p => { const d = net.canvasToDOM(p);
            return d.x >= 0 && d.y >= 0 && d.x <= box.clientWidth && d.y <= box.clientHeight; }); })()""")
    page.assert_clean()


def test_filter_by_source_document_and_by_status(open_page, peru_page_file, peru_kg):
    g = peru_kg.nx
    page = open_page(peru_page_file)
    page.page.click("button[data-bulk=sources-none]")
    page.page.check("input[data-source=weekly-report-2011]")
    cites = {k for *_, k, d in g.edges(keys=True, data=True)
             if any(c["source"] == "weekly-report-2011" for c in d.get("citations") or ())}
    assert cites and set(page.js("kgExplorer.visibleEdges()")) == cites
    page.page.click("button[data-bulk=sources-all]")
    page.page.uncheck("input[data-status=disputed]")
    disputed = {k for *_, k, d in g.edges(keys=True, data=True) if d.get("status") == "disputed"}
    assert disputed and not disputed & set(page.js("kgExplorer.visibleEdges()"))
    assert len(page.js("kgExplorer.visibleEdges()")) == g.number_of_edges() - len(disputed)
    page.assert_clean()


def test_re_layout_moves_what_is_shown_and_keeps_it_in_view(open_page, mini_page_file):
    page = open_page(mini_page_file)
    before = page.js("kgExplorer.network.getPositions()")
    page.page.click("#relayout")
    page.page.wait_for_selector("body[data-layout=done]", timeout=30000)
    after = page.js("kgExplorer.network.getPositions()")
    assert set(before) == set(after) and before != after
    page.assert_clean()


# ------------------------------------------------------------------ 4. time everywhere

def test_the_dossier_and_counts_follow_the_year(open_page, peru_page_file, peru_kg):
    g = peru_kg.nx
    page = open_page(peru_page_file)
    shown = {}
    for year in (1992, 2014):
        page.set_year(year)
        page.js("id => kgExplorer.select(id)", SL)
        page.open_folds()
        sliced = network_as_of(g, year)
        dated = {k for u, v, k, d in sliced.edges(keys=True, data=True) if SL in (u, v)
                 and any(d.get(f) is not None for f in ("date", "start", "end"))}
        listed = set(page.js("""() => Array.from(document.querySelectorAll(
            '#dossier details[data-section=relationships] > details.kind:not([data-kind=undated]) .statement'))
            .map(b => b.dataset.statement)"""))
        assert listed == dated, year
        summary = page.page.inner_text("#dossier details[data-section=relationships] > summary")
        assert f"in {year}" in summary and f"({len(dated)})" in summary
        undated = page.js("""() => Array.from(document.querySelectorAll('#dossier details[data-kind=undated] .statement'))
                                   .map(b => b.dataset.statement)""")
        assert not set(undated) & listed
        shown[year] = listed
        assert f"as of {year}" in page.js("document.getElementById('counts').textContent")
    assert shown[1992] != shown[2014]
    page.assert_clean()


# ------------------------------------------------------------------ 5. a dossier in sections

def test_the_dossier_has_collapsible_sections_and_claimants_by_name(open_page, tmp_path, peru_kg):
    out = tmp_path / "artemio.html"
    r = run_kg("explore", "Artemio", "--as-of", "1992", "--depth", "2", "--out", out, "-q")
    assert r.returncode == 0, r.stderr
    page = open_page(out)
    page.js("id => kgExplorer.select(id)", SL)
    sections = page.js("Array.from(document.querySelectorAll('#dossier details.section')).map(d => d.dataset.section)")
    assert sections[:2] == ["who", "relationships"] and "sources" in sections
    text = page.js("document.getElementById('dossier').textContent")
    claimants = {c["by"] for *_, d in peru_kg.nx.edges(data=True) for c in d.get("citations") or () if c.get("by")}
    claimants |= {c["by"] for _, d in peru_kg.nx.nodes(data=True) for e in d.get("estimates") or ()
                  for c in e.get("citations") or () if c.get("by")}
    for claimant in claimants:
        assert f"Claim made by: {claimant}" not in text
    assert "Claim made by: " in text
    # collapsing a section hides its content
    page.page.click("#dossier details[data-section=who] > summary")
    assert not page.js("document.querySelector('#dossier details[data-section=who]').open")
    page.assert_clean()


# ------------------------------------------------------------------ 6. the path tool

def test_the_path_tool_follows_kg_path_and_the_year(open_page, peru_page_file, peru_kg):
    page = open_page(peru_page_file)
    a, b = "forindo-eleuterio-flores-hala", "abimael-guzman"
    assert a in peru_kg.nx and b in peru_kg.nx
    expected = [[hop["from"] for hop in p] + [p[-1]["to"]] for p in paths(peru_kg, a, b)]
    assert expected
    got = page.js("([a, b]) => kgExplorer.path(a, b)", [a, b])
    assert sorted(map(tuple, got)) == sorted(map(tuple, expected))
    assert page.js("kgExplorer.state()").count("path=") == 1
    assert page.page.locator("#dossier .path").count() == len(expected)
    # the year applies: in 1985 Artemio's later ties are not there
    page.set_year(1985)
    got = page.js("([a, b]) => kgExplorer.path(a, b)", [a, b])
    sliced = type("KG", (), {"nx": network_as_of(peru_kg.nx, 1985), "facts": peru_kg.facts})()
    want = [[hop["from"] for hop in p] + [p[-1]["to"]] for p in paths(sliced, a, b)] if a in sliced.nx else []
    assert sorted(map(tuple, got)) == sorted(map(tuple, want))
    page.assert_clean()


# ------------------------------------------------------------------ 7. views worth sharing, keyboard

def test_the_view_lives_in_the_url_and_a_link_reopens_it(open_page, peru_page_file, browser):  # noqa: F811
    page = open_page(peru_page_file)
    page.set_year(2005)
    page.page.uncheck("input[data-type=Person]")
    page.page.select_option("#colour-by", "community")
    page.js("id => kgExplorer.select(id)", SL)
    state = page.js("kgExplorer.state()")
    assert re.search(r"year=2005", state) and "select=sendero-luminoso" in state and "camera=" in state
    assert page.js("location.hash") == "#" + state
    visible, scale = page.js("kgExplorer.visibleNodes()"), page.js("kgExplorer.network.getScale()")
    again = open_page(peru_page_file.with_name(peru_page_file.name), fragment=state)
    assert again.js("kgExplorer.visibleNodes()") == visible
    assert again.js("kgExplorer.selected().nodes") == [SL]
    assert again.js("document.getElementById('year-on').checked") and again.js("+document.getElementById('year').value") == 2005
    assert abs(again.js("kgExplorer.network.getScale()") - scale) < 0.01
    assert again.js("kgExplorer.state()") == state
    page.assert_clean()
    again.assert_clean()


def test_export_the_picture_as_png_and_the_shown_subgraph_as_csv_and_json(open_page, mini_page_file, mini_kg):
    page = open_page(mini_page_file)
    page.page.uncheck("input[data-predicate=part_of]")
    with page.page.expect_download() as png:
        page.page.click("#export-png")
    assert png.value.path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.page.expect_download() as got:
        page.page.click("#export-csv")
    rows = list(csv.DictReader(io.StringIO(got.value.path().read_text(encoding="utf-8"))))
    expected = {k for *_, k, d in mini_kg.nx.edges(keys=True, data=True) if d["predicate"] != "part_of"}
    assert {r["statement"] for r in rows} == expected
    assert all(r["subject_name"] == mini_kg.nx.nodes[r["subject"]]["label"] for r in rows)
    with page.page.expect_download() as got:
        page.page.click("#export-json")
    data = json.loads(got.value.path().read_text(encoding="utf-8"))
    assert {e["id"] for e in data["edges"]} == expected and len(data["nodes"]) == mini_kg.nx.number_of_nodes()
    assert base64.b64decode(page.js("kgExplorer.png()").split(",", 1)[1])[:4] == b"\x89PNG"
    page.assert_clean()


def test_keyboard_zoom_fit_escape_and_arrows_in_search(open_page, peru_page_file):
    page = open_page(peru_page_file)
    scale = lambda: page.js("kgExplorer.network.getScale()")  # noqa: E731
    page.page.click("#title")
    fitted = scale()
    page.page.keyboard.press("+")
    assert scale() > fitted
    page.page.keyboard.press("-")
    page.page.keyboard.press("-")
    assert scale() < fitted
    page.page.keyboard.press("f")
    assert abs(scale() - fitted) < 1e-6
    page.page.keyboard.press("/")
    page.page.keyboard.type("sendero")
    first = page.page.locator("#results li").nth(0).get_attribute("data-id")
    second = page.page.locator("#results li").nth(1).get_attribute("data-id")
    page.page.keyboard.press("ArrowDown")
    page.page.keyboard.press("Enter")
    assert page.js("kgExplorer.selected().nodes") == [second] != [first]
    page.page.keyboard.press("Escape")
    assert not page.page.locator("#dossier").is_visible()
    page.assert_clean()


def test_kg_explore_pages_open_fitted_and_readable(open_page, tmp_path):
    out = tmp_path / "artemio.html"
    r = run_kg("explore", "Artemio", "--out", out, "-q")
    assert r.returncode == 0, r.stderr
    page = open_page(out)
    inside = page.js("""(() => { const net = kgExplorer.network, box = document.getElementById('network');
        return Object.values(net.getPositions()).map(p => { const d = net.canvasToDOM(p);
            return d.x >= 0 && d.y >= 0 && d.x <= box.clientWidth && d.y <= box.clientHeight; }); })()""")
    assert all(inside) and len(inside) > 3
    assert set(page.js("kgExplorer.labelled()")) == set(page.js("kgExplorer.visibleNodes()"))
    page.assert_clean()


# ------------------------------------------------------------------ 8. the timeline

def test_the_timeline_shows_dated_facts_and_brushing_a_period_filters_the_graph(open_page, peru_page_file, peru_kg):
    g = peru_kg.nx
    page = open_page(peru_page_file)
    assert page.js("kgExplorer.views()")[:2] == ["graph", "timeline"]
    assert page.js("kgExplorer.show('timeline')")
    assert page.page.locator("#timeline .tl-item").count() > 0
    page.js("kgExplorer.setPeriod(1990, 1995)")
    # what held in some year of the period, by graph/builder/time.py, year by year
    held = set()
    for year in range(1990, 1996):
        held |= {k for *_, k in network_as_of(g, year).edges(keys=True)}
    assert set(page.js("kgExplorer.visibleEdges()")) == held
    assert "period=1990-1995" in page.js("kgExplorer.state()") and "view=timeline" in page.js("kgExplorer.state()")
    assert "1990–1995" in page.js("document.getElementById('counts').textContent")
    # clicking an item opens its dossier
    item = page.page.locator("#timeline .tl-item.tl-point").first
    item.click()
    assert page.page.locator("#dossier").is_visible()
    assert page.js("document.getElementById('dossier-body').dataset.node") is not None
    page.screenshot("explorer-timeline.png")
    page.assert_clean()


def test_dragging_the_timeline_moves_the_period_and_the_graph_follows(open_page, peru_page_file, peru_kg):
    g = peru_kg.nx
    page = open_page(peru_page_file)
    page.js("kgExplorer.setPeriod(1990, 1995)")
    box = page.page.locator("#timeline .tl-scroll").bounding_box()
    x, y = box["x"] + box["width"] * 0.6, box["y"] + 8
    page.page.mouse.move(x, y)
    page.page.mouse.down()
    page.page.mouse.move(x - box["width"] * 0.3, y, steps=5)  # the window moves later in time
    page.page.mouse.up()
    page.page.wait_for_function("() => !/period=1990-1995/.test(kgExplorer.state())")
    a, b = (int(v) for v in re.search(r"period=(\d+)-(\d+)", page.js("kgExplorer.state()")).groups())
    assert a > 1990 and b - a in (5, 6)  # a window moved by a fraction of a year touches one year more
    held = set()
    for year in range(a, b + 1):
        held |= {k for *_, k in network_as_of(g, year).edges(keys=True)}
    assert set(page.js("kgExplorer.visibleEdges()")) == held
    page.assert_clean()


# ------------------------------------------------------------------ the evidence model: modality, claimants, disputed details, undated

def _evidence_graph() -> nx.MultiDiGraph:
    """The NetworkX attributes the builder gives the evidence model (graph/builder/network.py)."""
    g = nx.MultiDiGraph()
    g.graph["sources"] = {"r": {"title": "A report", "date": "2015"}, "c": {"title": "A cable", "date": "2005"}}
    def cite(source, **kw):
        return {"source": source, "locator": "p. 1", "quote": "q", "stance": "supports", **kw}
    g.add_node("sl", type="ArmedGroup", label="Sendero", citations=[cite("r")])
    g.add_node("clan", type="TraffickingClan", label="The clan", citations=[cite("r")])
    g.add_node("vraem", type="Zone", label="VRAEM", citations=[cite("r")])
    g.add_node("ana", type="Person", label="Ana Analyst", citations=[cite("r")])
    g.add_edge("sl", "clan", key="hedged-one", predicate="cooperates_with", label="cooperates with", status="asserted",
               modality="hedged", undated=True, citations=[cite("r", by_unnamed="experts", claimant="experts",
                                                               claimant_kind="unnamed")])
    g.add_edge("sl", "vraem", key="dated-one", predicate="operates_in", label="operates in", status="asserted",
               modality="asserted", undated=False, start="2000", start_year=2000, date_inferred="the report speaks of 2000 on",
               disputed_qualifiers=[{"qualifier": "start", "held": "2000", "says": "1998", "source": "c", "locator": "para 4"}],
               citations=[cite("r", by="ana", claimant="Ana Analyst", claimant_kind="Person"),
                          cite("c", qualifier="start", says="1998", stance="disputes")])
    return g


def test_modality_disputed_details_claimants_and_undated_facts(open_page, tmp_path):
    page = open_page(_write(tmp_path, "evidence.html", explorer_html(_evidence_graph())))
    # a disputed detail does not make the fact disputed: not dashed
    assert page.js("kgExplorer.edges.get(kgExplorer.visId('dated-one')).dashes") is False
    page.js("kgExplorer.selectEdge('dated-one')")
    text = page.dossier_text()
    assert "Disputed start: this fact has 2000; A cable — 2005 (para 4) says 1998" in text
    assert "Date inferred by the curator: the report speaks of 2000 on" in text
    assert "Claim made by: Ana Analyst" in text and "Disputes the start only: says 1998" in text
    page.js("kgExplorer.selectEdge('hedged-one')")
    text = page.dossier_text()
    assert "How the source holds it: hedged" in text and "Claim made by: experts (unnamed)" in text
    # the modality filter
    page.page.uncheck("input[data-modality=hedged]")
    assert page.js("kgExplorer.visibleEdges()") == ["dated-one"]
    assert "hide-modality=hedged" in page.js("kgExplorer.state()")
    page.page.check("input[data-modality=hedged]")
    # undated facts are kept apart in a year: listed under "Undated", drawn pale, hidden on request
    page.set_year(2005)
    page.js("kgExplorer.select('sl')")
    page.open_folds()
    assert page.js("Array.from(document.querySelectorAll('#dossier details[data-kind=undated] .statement')).map(b => b.dataset.statement)") == ["hedged-one"]
    assert page.js("kgExplorer.edges.get(kgExplorer.visId('hedged-one')).color.color") != page.js("kgExplorer.edges.get(kgExplorer.visId('dated-one')).color.color")
    page.page.uncheck("#undated-on")
    assert page.js("kgExplorer.visibleEdges()") == ["dated-one"]
    page.assert_clean()


# ------------------------------------------------------------------ the README's screenshots

VIEWS = {  # docs/NAME.png: what to do on exports/peru-nexus.html before the picture
    "explorer": [],
    "explorer-communities": ["document.querySelector('#colour-by').value = 'community'",
                             "document.querySelector('#colour-by').dispatchEvent(new Event('change'))"],
    "explorer-dossier": ["kgExplorer.setYear(1992)", "kgExplorer.select('sendero-luminoso')"],
    "explorer-filter": ["document.querySelector('[data-bulk=sources-none]').click()",
                        "document.querySelector('input[data-source=weekly-report-2011]').click()",
                        "document.querySelector('#hide-isolated').click()"],
    "explorer-path": ["kgExplorer.setYear(2014)", "kgExplorer.path('forindo-eleuterio-flores-hala', 'abimael-guzman')"],
    "explorer-timeline": ["kgExplorer.show('timeline')", "kgExplorer.setPeriod(1990, 1995)"],
}


@pytest.mark.skipif(not os.environ.get("KG_SCREENSHOT"), reason="set KG_SCREENSHOT=1 to refresh docs/explorer*.png")
@pytest.mark.parametrize("name", sorted(VIEWS))
def test_refresh_the_readme_screenshots(browser, name):  # noqa: F811
    from test_explorer import Page

    page = Page(browser, ROOT / "exports" / "peru-nexus.html")
    page.page.set_viewport_size({"width": 1600, "height": 1000})
    page.js("kgExplorer.network.fit({animation: false})")
    for step in VIEWS[name]:
        page.js(step)
    page.page.wait_for_timeout(400)
    page.page.screenshot(path=str(ROOT / "docs" / f"{name}.png"))
    page.assert_clean()
    page.close()


def test_kg_explore_expands_an_entitys_neighbours_on_demand(open_page, tmp_path, peru_kg):
    from graph.explorer.data import neighbourhood

    out = tmp_path / "artemio.html"
    r = run_kg("explore", "Artemio", "--out", out, "-q")
    assert r.returncode == 0, r.stderr
    page = open_page(out)
    g, artemio = peru_kg.nx, "forindo-eleuterio-flores-hala"
    near = set(neighbourhood(g, artemio, 1).nodes)
    assert set(page.js("kgExplorer.visibleNodes()")) == near
    page.js("id => kgExplorer.select(id)", SL)
    page.page.click(f"#dossier button[data-expand={SL}]")
    grown = near | set(g.to_undirected(as_view=True).neighbors(SL))
    assert set(page.js("kgExplorer.visibleNodes()")) == grown and len(grown) > len(near)
    assert f"expand={SL}" in page.js("kgExplorer.state()")
    page.assert_clean()
