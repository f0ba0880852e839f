"""The project folder: the one holding ``seeds/`` (the fact files) and ``exports/``.

It is named with ``--project DIR``, or found from the working directory upwards,
as git finds its repository.

>>> find_project(Path("tests/fixtures")) == Path.cwd()
True
"""

from __future__ import annotations

from pathlib import Path


class ProjectNotFound(Exception):
    """No folder holding ``seeds/`` was named or found."""


def find_project(start: Path | None = None) -> Path:
    """The nearest folder, ``start`` (default: the working directory) or one of its parents, holding ``seeds/``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "seeds").is_dir():
            return folder
    raise ProjectNotFound(f"no project folder: neither {here} nor a folder above it holds seeds/")


def shared_sources(seeds: Path) -> Path:
    """``../shared/sources`` beside the project whose fact files are ``seeds``: texts not copied into it."""
    return seeds.resolve().parent.parent / "shared" / "sources"
