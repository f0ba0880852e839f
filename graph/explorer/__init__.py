"""The offline HTML explorer: its data, layout and styles (Python) and its page (templates/).

The package itself imports nothing heavy: ``kg build``'s parent names its exporter and its structure
cache (:mod:`graph.explorer.remembered`) before forking the process that renders it, which alone loads
NetworkX and numpy (:mod:`graph.explorer.page`).

>>> from graph.builder import build
>>> EXPORTER.render(build("tests/fixtures/mini"))[FILE].startswith(b"<!DOCTYPE html>")
True
"""

from graph.exports.registry import Exporter

__all__ = ["EXPORTER", "FILE"]

FILE = "peru-nexus.html"  # what `kg build` writes the explorer as (graph/exports/registry.py)


def _render(kg) -> dict[str, bytes]:
    from graph.explorer.page import render_explorer

    return {FILE: render_explorer(kg)}


EXPORTER = Exporter("html", (FILE,), _render)
