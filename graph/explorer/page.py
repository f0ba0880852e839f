"""The interactive explorer: the graph as one self-contained, offline HTML file.

Drawn by vis-network (shipped in pyvis's wheel and inlined into the file; pyvis
itself is never imported) with a template of our own (``graph/explorer/templates/``): no request to any CDN or other
host, a legend, search over names and aliases, filters by entity type,
relationship type and year, a dossier with every statement and its quotes, and
neighbourhood highlighting. The data is made by :mod:`graph.explorer.data`, the
layout by :mod:`graph.explorer.layout`, the colours by :mod:`graph.explorer.styles`.

Safety: every piece of data travels as JSON inside
``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped, and
the page builds its DOM with ``textContent`` only; a Content-Security-Policy
allows only the page's own two scripts (by hash) and no network at all.

Determinism: the layout is computed in Python (started from hashes of the node
ids, reproducible to the bit on any machine, rounded to whole pixels, physics
off) and every list is sorted, so the same facts give the same bytes.

>>> from graph.builder import build
>>> kg = build("tests/fixtures/mini")
>>> html = explorer_html(kg.nx)
>>> html.startswith(b"<!DOCTYPE html>"), b"<link" in html, b"<script src" in html
(True, False, False)
>>> html == explorer_html(kg.nx)
True
"""

from __future__ import annotations

import base64
import gc
import hashlib
import html
import importlib.util
import json
import os
import re
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import networkx as nx
import orjson

from graph.explorer.data import entity_names, explorer_data, neighbourhood
from graph.explorer.styles import type_styles
from graph.exports.write import write_atomic
from graph.resources import data_dir
from graph.vocab.ontology import DEFAULT_BASE

__all__ = ["explorer_html", "render_explorer", "explore", "write", "render_page",
           "explorer_data", "neighbourhood", "type_styles"]

VIS_VERSION = "9.1.2"
# the map's base map: Natural Earth (public domain) from npm's world-atlas, cut to the Americas, and
# topojson-client to decode it (templates/natural-earth-NOTICE.md)
ATLAS_VERSION, TOPOJSON_VERSION = "2.0.2", "3.1.0"
BASEMAP, TOPOJSON_JS = "natural-earth-countries-50m-americas.json", "topojson-client.min.js"


# the renderer of big pages: one 2D canvas drawn by our own script (templates/canvas.js says why not WebGL)
BIG_RENDERER_FILES = ("canvas.js",)
COLUMNS_JS = "columns.js"  # turns the page's columns (graph/explorer/columns.py) into the records the page reads


def _vis_file(name: str) -> str:
    """A file of the vis-network library shipped in pyvis's wheel (dual Apache-2.0/MIT licence).

    Found without importing pyvis (which would import IPython and Jinja: a third of a second).
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise LookupError("pyvis is not installed: it ships the vis-network library the explorer inlines")
    root = Path(next(iter(spec.submodule_search_locations))) / "templates" / "lib" / f"vis-{VIS_VERSION}"
    return (root / name).read_text(encoding="utf-8")


def _template(name: str) -> str:
    return (data_dir("templates") / name).read_text(encoding="utf-8")


def _json_text(data) -> str:
    """Compact JSON, keys sorted, non-ASCII kept, by orjson: several times faster than ``json.dumps`` on a big
    page, and as deterministic (a float is written in its shortest form without an exponent's zero padding).

    >>> _json_text({"b": [1, 0.5, None, True], "a": "é"})
    '{"a":"é","b":[1,0.5,null,true]}'
    """
    return orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode("utf-8")


# what JSON may not hold inside <script type="application/json">, as UTF-8, and its JSON escape
SCRIPT_UNSAFE = ((b"&", b"\\u0026"), (b"<", b"\\u003c"), (b">", b"\\u003e"),
                 ("\u2028".encode(), b"\\u2028"), ("\u2029".encode(), b"\\u2029"))


def _json_for_script(data) -> str:
    """JSON that is safe inside <script type="application/json">: no '<', '>' or '&' left.

    >>> print(_json_for_script({"a": "<b>&"}))
    {"a":"\\u003cb\\u003e\\u0026"}
    """
    return json_bytes_for_script(data).decode("utf-8")


def json_bytes_for_script(data) -> bytes:
    """:func:`_json_for_script` as UTF-8 bytes, never decoded (a big page's data is tens of megabytes)."""
    out = orjson.dumps(data, option=orjson.OPT_SORT_KEYS)
    for unsafe, escape in SCRIPT_UNSAFE:
        if unsafe in out:
            out = out.replace(unsafe, escape)
    return out


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _big_renderer_js(data: dict) -> str:
    """The big-graph renderer's script (put before the page's own, in the same element) for a page drawn
    by it, else nothing."""
    if data.get("renderer") != "canvas":
        return ""
    return "".join(_template(name) + "\n" for name in BIG_RENDERER_FILES)


@lru_cache(maxsize=1)
def _basemap() -> str:
    """The vendored base map, as JSON safe inside <script type="application/json">."""
    return _json_for_script(json.loads(_template(BASEMAP)))


def render_page(data: dict) -> bytes:
    """The HTML file for ``explorer_data``'s output: libraries, styles, script and data inlined."""
    vis_css = _vis_file("vis-network.css")
    vis_js = _vis_file("vis-network.min.js") if data.get("renderer") != "canvas" else "/* vis-network: not used on a page drawn by canvas.js */"
    app_js = _big_renderer_js(data) + _template(COLUMNS_JS) + "\n" + _template("explorer.js")
    app_css = _template("explorer.css")
    topojson_js, map_js, svg_js = _template(TOPOJSON_JS), _template("map.js"), _template("svg.js")
    scripts = (("vis-network.min.js", vis_js), (TOPOJSON_JS, topojson_js),
               ("map.js", map_js), ("svg.js", svg_js), ("explorer.js", app_js))
    for name, text in scripts:
        if "</script" in text.lower() or "<!--" in text:
            raise ValueError(f"{name} cannot be inlined: it contains '</script' or '<!--'")
    csp = ("default-src 'none'; " f"script-src {' '.join(_sha256(text) for _, text in scripts)}; "
           "style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
           "form-action 'none'; base-uri 'none'")
    page = _template("explorer.html")
    parts = {
        "{{CSP}}": html.escape(csp, quote=False).replace('"', "&quot;"),
        "{{TITLE}}": html.escape(data["title"] + (f" — {data['subtitle']}" if data.get("subtitle") else "")),
        "{{VIS_VERSION}}": VIS_VERSION,
        "{{VIS_CSS}}": vis_css.replace("</", "<\\/"),
        "{{APP_CSS}}": app_css,
        "{{MAP_CSS}}": _template("map.css"),
        "{{ATLAS_VERSION}}": ATLAS_VERSION, "{{TOPOJSON_VERSION}}": TOPOJSON_VERSION,
        "{{BASEMAP}}": _basemap(),
        "{{TOPOJSON_JS}}": topojson_js, "{{MAP_JS}}": map_js, "{{SVG_JS}}": svg_js,
        "{{VIS_JS}}": vis_js,
        "{{APP_JS}}": app_js,
    }
    parts["{{DATA}}"] = json_bytes_for_script(data)
    pieces = re.split(r"(\{\{[A-Z_]+\}\})", page)  # literal text, then a placeholder, then text...
    return b"".join(_encoded(parts[p]) if i % 2 else p.encode("utf-8") for i, p in enumerate(pieces))


def _encoded(part) -> bytes:
    """A part of the page as UTF-8 (the data comes as bytes already)."""
    return part if isinstance(part, bytes) else part.encode("utf-8")


def explorer_html(g: nx.MultiDiGraph, *, title: str = "Peru Nexus", base: str = DEFAULT_BASE,
                  center: str | None = None, year: int | None = None, subtitle: str = "",
                  depth: int | None = None) -> bytes:
    """The explorer for graph ``g`` as one self-contained HTML file (bytes); with ``depth``, the entities
    further than that from ``center`` start hidden, for the page to expand on demand."""
    with collector_paused():
        return render_page(explorer_data(g, title=title, base=base, center=center, year=year, subtitle=subtitle,
                                         depth=depth))


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector paused (and restored): building the page makes hundreds of
    thousands of small dicts, none of them cyclic, and each full collection would walk the whole graph.

    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def render_explorer(kg) -> bytes:
    """The export renderer: the whole graph (``exports/peru-nexus.html``)."""
    return explorer_html(kg.nx, base=kg.base, subtitle="explorer")


def explore(kg, node: str, depth: int = 1, year: int | None = None) -> bytes:
    """The explorer for the neighbourhood of entity ``node`` (an id): ``depth`` hops, optionally as of ``year``.

    Raises ``LookupError`` when the entity does not exist (yet) in ``year``.

    >>> from graph.builder import build
    >>> page = explore(build("tests/fixtures/mini"), "artemio", year=1992)
    >>> b"Forindo Eleuterio Flores Hala, 1 hop, as of 1992</title>" in page
    True
    """
    if node not in kg.nx:
        raise LookupError(f"no entity '{node}'")
    sub = neighbourhood(kg.nx, node, depth + 1, year)  # one hop more, hidden until expanded
    if node not in sub:
        raise LookupError(f"'{node}' is not part of the graph as of {year}")
    sub.graph["entity_names"] = entity_names(kg.nx)
    subtitle = _subtitle(kg.nx.nodes[node].get("label") or node, depth, year)
    return explorer_html(sub, base=kg.base, center=node, year=year, subtitle=subtitle, depth=depth)


def _subtitle(label: str, depth: int, year: int | None) -> str:
    """``Artemio, 2 hops, as of 1992``."""
    hops = f"{depth} hop" if depth == 1 else f"{depth} hops"
    return f"{label}, {hops}" if year is None else f"{label}, {hops}, as of {year}"


def write(path: Path, data: bytes) -> Path:
    """Write a page atomically, readable by all (as the umask allows), making its folder; returns ``path``.

    >>> import tempfile
    >>> write(Path(tempfile.mkdtemp()) / "sub" / "page.html", b"<!DOCTYPE html>").read_bytes()
    b'<!DOCTYPE html>'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)  # a file to open and share, not the temporary file's 0600
    return path
