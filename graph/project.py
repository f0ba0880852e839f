"""The project folder: the one holding ``seeds/`` (the fact files) and ``exports/``.

It is named with ``--project DIR``, or found from the working directory upwards,
as git finds its repository; ``--seeds DIR`` and ``--out DIR`` name each folder
on its own.

>>> find_project(Path("tests/fixtures")) == Path.cwd()
True
>>> folders = locate(seeds=Path("tests/fixtures/mini"))
>>> folders.seeds, folders.project
(PosixPath('tests/fixtures/mini'), None)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.errors import KgError


class ProjectNotFound(KgError):
    """No folder holding ``seeds/`` was named or found."""


@dataclass(frozen=True)
class Folders:
    """Where a command reads and writes: the project folder (if any), its fact files, its exports."""

    project: Path | None
    seeds: Path
    out: Path | None = None


def find_project(start: Path | None = None) -> Path:
    """The nearest folder, ``start`` (default: the working directory) or one of its parents, holding ``seeds/``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "seeds").is_dir():
            return folder
    raise ProjectNotFound(f"no project folder: neither {here} nor a folder above it holds seeds/",
                          hint="run kg in the folder that holds seeds/, or name it with --project DIR "
                               "(or the fact files with --seeds DIR)")


def _project_of(project: Path | None, seeds: Path | None) -> Path | None:
    """The project folder named, or found when neither it nor ``seeds`` is named."""
    if project is not None:
        if seeds is None and not (project / "seeds").is_dir():
            raise ProjectNotFound(f"{project}: no seeds/ folder there",
                                  hint="a project folder holds seeds/ (the fact files); or name them with --seeds DIR")
        return project
    return find_project() if seeds is None else None


def locate(project: Path | None = None, seeds: Path | None = None, out: Path | None = None,
           *, writes: bool = False) -> Folders:
    """Fill in the project folder, the fact files and (when the command ``writes`` exports) ``out``.

    >>> locate(seeds=Path("nowhere"))
    Traceback (most recent call last):
    ...
    graph.project.ProjectNotFound: nowhere: seeds folder not found
    """
    project = _project_of(project, seeds)
    seeds = seeds if seeds is not None else project / "seeds"
    if not seeds.is_dir():
        raise ProjectNotFound(f"{seeds}: seeds folder not found", hint="--seeds names a folder of YAML fact files")
    if writes and out is None:
        if project is None:
            raise ProjectNotFound("no folder to write to: --seeds names no project folder",
                                  hint="name one with --out DIR")
        out = project / "exports"
    return Folders(project, seeds, out)


def explore_folder(project: Path | None) -> Path:
    """Where ``kg explore`` writes by default: ``PROJECT/explore``, a folder that ignores itself in git."""
    folder = (project or Path.cwd()) / "explore"
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# pages written by `kg explore`\n*\n", encoding="utf-8")
    return folder


def shared_sources(seeds: Path) -> Path:
    """``../shared/sources`` beside the project whose fact files are ``seeds``: texts not copied into it."""
    return seeds.resolve().parent.parent / "shared" / "sources"


def default_text_folders(seeds: Path) -> list[Path]:
    """Where source texts are looked for: the seeds' own copies, then ``../shared/sources`` beside the project."""
    return [seeds / "texts", shared_sources(seeds)]
