"""The offline HTML explorer: its data, layout and styles (Python) and its page (templates/).

>>> from graph.builder import build
>>> render_explorer(build("tests/fixtures/mini")).startswith(b"<!DOCTYPE html>")
True
"""

from graph.explorer.page import explore, explorer_html, render_explorer, write

__all__ = ["render_explorer", "explore", "explorer_html", "write", "exporter"]

FILE = "peru-nexus.html"


def exporter():
    """The explorer as one of the exports, for graph/exports/registry.py's registry.

    TODO(lead, at merge): graph/exports/registry.py does not exist on this branch. Once it does,
    replace this function with the module-level
    ``EXPORTER = Exporter("html", (FILE,), lambda kg: {FILE: render_explorer(kg)})``.
    """
    from graph.exports.registry import Exporter

    return Exporter("html", (FILE,), lambda kg: {FILE: render_explorer(kg)})
