"""The explorer's timings in a real browser (Debian's chromium through Playwright, network blocked).

For each size: the seconds Python takes to render the page (wall clock and CPU), the seconds
until the page is interactive (``body[data-ready]``), and the milliseconds a year-slider move, a
search and a selection take, each to the next painted frame (median of a few), and the first opening
of the timeline view, with the renderer
the page chose (vis-network, or from ``graph.explorer.data.CANVAS_FROM`` nodes our own 2D canvas).
Beside each browser figure, in brackets, the CPU time the page's renderer processes used (Linux): on a
machine other jobs share, the wall clock is several times the page's own work. Prints a Markdown table
(or JSON with ``--json``) and the load average before and after. Not a test: timings depend on the machine.

    python benchmarks/browser.py                      # Peru, 5,000/22,000, 10,000/44,000 and 20,000/88,000
    python benchmarks/browser.py --sizes 5000x22000   # one synthetic size
    python benchmarks/browser.py --sizes 5000x22000:vis   # ... forced onto vis-network, to compare

>>> g = synthetic(50, 120)
>>> g.number_of_nodes(), g.number_of_edges()
(50, 120)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
TYPES = ["Person", "ArmedGroup", "Faction", "CriminalOrganization", "GovernmentAgency", "City", "Zone", "Country",
         "Attack", "DrugTrade"]
PREDICATES = ["member_of", "leader_of", "operates_in", "cooperates_with", "fights", "funds", "targets"]


def synthetic(n_nodes: int, n_edges: int, seed: int = 5) -> nx.MultiDiGraph:
    """A graph shaped like the real one (types, aliases, dates, citations), clustered a little."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph(name="synthetic")
    g.graph["sources"] = {"s": {"title": "Synthetic source", "author": "Bench", "date": "2015"}}
    for i in range(n_nodes):
        cite = {"source": "s", "locator": f"p. {i % 300}", "quote": f"entity number {i} appears here", "stance": "supports"}
        g.add_node(f"n{i}", type=TYPES[i % len(TYPES)], label=f"Entity {i}", aliases=[f"Alias {i}", f"Nick{i}"],
                   description=f"Synthetic entity {i}.", citations=[cite], estimates=[])
    for j in range(n_edges):
        u = rng.randrange(n_nodes)
        v = (u + rng.randrange(1, 60)) % n_nodes if rng.random() < 0.7 else rng.randrange(n_nodes)
        if u == v:
            v = (v + 1) % n_nodes
        year = 1980 + rng.randrange(36)
        attrs = {"predicate": rng.choice(PREDICATES), "status": "asserted",
                 "citations": [{"source": "s", "locator": "p. 1", "quote": f"statement {j}", "stance": "supports"}]}
        if j % 2 == 0:
            attrs.update(start=str(year), end=str(year + 5), start_year=year, end_year=year + 5)
        attrs["label"] = attrs["predicate"].replace("_", " ")
        g.add_edge(f"n{u}", f"n{v}", key=f"e{j}", **attrs)
    return g


CPU_OF = {"interactive_s": "interactive_cpu_s", "slider_ms": "slider_cpu_ms", "search_ms": "search_cpu_ms",
          "select_ms": "select_cpu_ms", "timeline_ms": "timeline_cpu_ms"}
FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def renderer_cpu() -> float:
    """CPU seconds (user + system) of the chromium renderer processes started by this one (Linux's /proc;
    0 elsewhere): on a loaded machine the fairer measure of the page's own work than the wall clock.

    >>> renderer_cpu() >= 0
    True
    """
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    todo, ticks = [os.getpid()], 0
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            if b"--type=renderer" in Path(f"/proc/{pid}/cmdline").read_bytes():
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 0.0


def _ms(page, script: str, arg=None, cpu: list | None = None) -> float:
    used = renderer_cpu()  # read outside the wall clock: a walk of /proc takes milliseconds (tens under load)
    start = time.perf_counter()
    page.evaluate(script, arg)
    page.evaluate(FRAME)
    wall = (time.perf_counter() - start) * 1000
    if cpu is not None:
        cpu.append((renderer_cpu() - used) * 1000)
    return wall


def measure(page_file: Path, probe_ids: list[str], probe_query: str, years: list[int]) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page = context.new_page()
        page.goto("about:blank")
        used = renderer_cpu()
        start = time.perf_counter()
        page.goto(page_file.resolve().as_uri(), timeout=300_000)
        page.wait_for_selector("body[data-ready=true]", timeout=300_000)
        ready, ready_cpu = time.perf_counter() - start, renderer_cpu() - used
        cpu: dict[str, list] = {"slider": [], "search": [], "select": [], "timeline": []}
        slider = [_ms(page, "y => kgExplorer.setYear(y)", y, cpu["slider"]) for y in years]
        page.evaluate("kgExplorer.setYear(null)")
        search = [_ms(page, "([q, id]) => { kgExplorer.find(q); kgExplorer.select(id); }", [probe_query, i], cpu["search"])
                  for i in probe_ids]
        select = [_ms(page, "id => kgExplorer.select(id)", i, cpu["select"]) for i in reversed(probe_ids)]
        timeline = _ms(page, "() => kgExplorer.show('timeline')", None, cpu["timeline"])  # the first opening builds it
        browser.close()
    out = {"interactive_s": round(ready, 2), "interactive_cpu_s": round(ready_cpu, 2)}
    for name, wall in (("slider", slider), ("search", search), ("select", select), ("timeline", [timeline])):
        out[f"{name}_ms"] = round(statistics.median(wall))
        out[f"{name}_cpu_ms"] = round(statistics.median(cpu[name]))
    return out


def bench(label: str, g: nx.MultiDiGraph, work: Path, probe_query: str, force_vis: bool = False) -> dict:
    import graph.explorer.data as page_data
    from graph.explorer.page import explorer_html

    was = page_data.CANVAS_FROM
    page_data.CANVAS_FROM = 10**9 if force_vis else was
    try:
        start, cpu = time.perf_counter(), time.process_time()
        html = explorer_html(g, title=label)
        render, render_cpu = time.perf_counter() - start, time.process_time() - cpu
    finally:
        page_data.CANVAS_FROM = was
    renderer = "vis" if force_vis or g.number_of_nodes() < was else "canvas"
    out = work / f"{label.replace(' ', '-')}.html"
    out.write_bytes(html)
    degree = dict(g.degree())
    probes = sorted(g.nodes, key=lambda n: (-degree[n], n))[:3]
    return {"graph": label, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "renderer": renderer,
            "render_s": round(render, 2), "render_cpu_s": round(render_cpu, 2), "bytes": len(html),
            **measure(out, probes, probe_query, [1985, 1992, 2001, 2010, 2014])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="peru,5000x22000,10000x44000,20000x88000",
                        help="peru and/or NxM (NxM:vis forces vis-network), comma-separated")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    rows, load_before = [], os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="kg-browser-") as tmp:
        for size in args.sizes.split(","):
            if size == "peru":
                import graph

                rows.append(bench("Peru Nexus", graph.build(ROOT / "seeds").nx, Path(tmp), "sendero"))
            else:
                dims, _, forced = size.lower().partition(":")
                n, m = (int(x) for x in dims.split("x"))
                rows.append(bench(f"synthetic {n}", synthetic(n, m), Path(tmp), "Entity 12", forced == "vis"))
            print(json.dumps(rows[-1]), file=sys.stderr)
    load = f"load average {' / '.join(f'{x:.1f}' for x in load_before)} before, " + \
        f"{' / '.join(f'{x:.1f}' for x in os.getloadavg())} after, on {os.cpu_count()} CPUs"
    if args.json:
        print(json.dumps({"rows": rows, "load": load}, indent=1))
    else:
        keys = ["graph", "nodes", "edges", "renderer", "render_s", "render_cpu_s", "interactive_s", "slider_ms",
                "search_ms", "select_ms", "timeline_ms"]
        print("| " + " | ".join(keys) + " |\n|" + "---|" * len(keys))
        for r in rows:  # a browser figure: wall clock (the renderer's CPU time in brackets)
            cells = [f"{r[k]} ({r[CPU_OF[k]]})" if k in CPU_OF else str(r[k]) for k in keys]
            print("| " + " | ".join(cells) + " |")
        print(f"\n{load}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
