"""Finding the fact files under a seeds folder, saying so whenever one is not read.

A symbolic link (to a file or a sub-folder) whose target lies inside the project
folder (the seeds folder's parent) is followed, with a warning saying so, unless
what it points to is read anyway (then it is not read twice, and that is said);
one pointing outside the project, or to nothing, is not read, with a warning; a
folder that cannot be listed is reported. Nothing is skipped silently.

>>> from pathlib import Path
>>> from graph.problems import Report
>>> [p.name for p in fact_files(Path("tests/fixtures/mini"), Report())]
['facts.yaml', 'sources.yaml']
"""

from __future__ import annotations

import os
from pathlib import Path

from graph.problems import Problem, Report

SUFFIXES = (".yaml", ".yml")


def display_path(path: Path) -> str:
    """A path as errors show it: relative to the working directory when it is below it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def seed_files(seeds: Path) -> list[Path]:
    """Every fact file under ``seeds``, in a stable order."""
    return sorted(p for p in seeds.rglob("*") if p.suffix in SUFFIXES and p.is_file())


def fact_files(seeds: Path, report: Report) -> list[Path]:
    """Every fact file under ``seeds``, in a stable order; what is not read is reported in ``report``."""
    walk = _Walk(seeds, report)
    walk.folder(seeds)
    real = {p.resolve() for p in walk.found if not p.is_symlink()}
    for link in [p for p in walk.found if p.is_symlink()]:
        if link.resolve() in real:
            walk.note(link, "symbolic link to a fact file read already: not read again", "remove the link")
            walk.found.remove(link)
        else:
            walk.note(link, f"symbolic link, followed: {_display(link.resolve())}",
                      "fact files are read from wherever the link points inside the project")
    return sorted(walk.found)


class _Walk:
    def __init__(self, seeds: Path, report: Report):
        self.report, self.found = report, []
        self.seeds = seeds.resolve()
        self.project = self.seeds.parent
        self.seen: set[Path] = set()  # folders outside the seeds folder read through links

    def note(self, path: Path, message: str, hint: str) -> None:
        self.report.problems.append(Problem(_display(path), message, line=None, hint=hint, severity="warning"))

    def folder(self, folder: Path) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            self.note(folder, f"folder cannot be read ({exc.strerror}): its fact files are not checked",
                      "check the folder's permissions")
            return
        for entry in entries:
            self.entry(Path(entry.path), entry)

    def entry(self, path: Path, entry: os.DirEntry) -> None:
        if entry.is_symlink():
            self.link(path)
        elif entry.is_dir(follow_symlinks=False):
            self.folder(path)
        elif path.suffix in SUFFIXES and entry.is_file(follow_symlinks=False):
            self.found.append(path)

    def link(self, path: Path) -> None:
        if path.suffix not in SUFFIXES and not path.is_dir():
            return  # a link to something that is not a fact file: nothing to read
        target = path.resolve()
        if not target.exists():
            self.note(path, "symbolic link to nothing: not read", "remove the link, or restore its target")
        elif not target.is_relative_to(self.project):
            self.note(path, f"symbolic link to outside the project ({target}): not read",
                      "copy the file into the seeds folder if its facts belong here")
        elif target.is_dir():
            if target.is_relative_to(self.seeds) or any(target.is_relative_to(f) for f in self.seen):
                self.note(path, "symbolic link to a folder read already: not read again", "remove the link")
                return
            self.seen.add(target)
            self.note(path, f"symbolic link to a folder, followed: {_display(target)}",
                      "fact files are read from wherever the link points inside the project")
            self.folder(path)
        else:
            self.found.append(path)  # said once the walk is over: followed, or read already


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
