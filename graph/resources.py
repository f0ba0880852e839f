"""The package's own data: the ontology, the fact schema, the named queries, the explorer's assets.

In a checkout they are the repository's ``ontology/`` and ``queries/`` folders; in a
wheel they travel inside the package (``pyproject.toml`` maps them). Nothing else is
looked up next to the installed package.

>>> (data_dir("ontology") / "peru-nexus.ttl").is_file()
True
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_PACKAGES = {"ontology": "graph._ontology", "queries": "graph._queries", "templates": "graph.explorer.templates"}


def data_dir(name: str) -> Path:
    """The folder of the package's data called ``name``: ontology, queries or templates."""
    return Path(str(files(_PACKAGES[name]).joinpath("")))
