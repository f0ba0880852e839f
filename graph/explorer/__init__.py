"""The offline HTML explorer: its data, layout and styles (Python) and its page (templates/).

>>> from graph.builder import build
>>> render_explorer(build("tests/fixtures/mini")).startswith(b"<!DOCTYPE html>")
True
"""

from graph.explorer.page import explore, explorer_html, render_explorer, write
from graph.exports.registry import Exporter

__all__ = ["render_explorer", "explore", "explorer_html", "write", "EXPORTER"]

FILE = "peru-nexus.html"  # what `kg build` writes the explorer as (graph/exports/registry.py)


EXPORTER = Exporter("html", (FILE,), lambda kg: {FILE: render_explorer(kg)})
