"""Checking where the exports go, before anything is replaced.

A build writes every file or none: :func:`check_out_dir` refuses a folder
that is no place for exports (the filesystem root; a file; a folder that
holds other things and no earlier exports, unless forced), and
:func:`check_targets` finds everything in the way of any file (a folder or a
non-file where a file goes, a file where a folder goes, a folder that cannot
be written) and reports them all at once, as one :class:`ExportTargetError`.

>>> import tempfile
>>> out = Path(tempfile.mkdtemp())
>>> (out / "peru-nexus.ttl").mkdir()
>>> check_targets(out, ["peru-nexus.ttl"])
Traceback (most recent call last):
...
graph.exports.targets.ExportTargetError: cannot write the exports: 1 problem in the way, nothing written
  ...peru-nexus.ttl: a folder is in the way of this export file
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from graph.errors import KgError

LOCK = ".build.lock"


class ExportTargetError(KgError):
    """The exports folder, or something in it, is no place to write the exports; nothing was written."""

    hint = "move or remove what is in the way, or name another folder with --out DIR"


def _entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != LOCK and not _our_temp(p.name))


def _our_temp(name: str) -> bool:
    return name.startswith(".") and name.endswith(".tmp")


def _tops(names: Iterable[str]) -> set[str]:
    """The first path component of each export: ``peru-nexus.ttl``, ``neo4j``."""
    return {Path(name).parts[0] for name in names}


def check_out_dir(out_dir: Path, names: Iterable[str], force: bool = False) -> None:
    """Refuse ``out_dir`` if it is the filesystem root, not a folder, or (unless ``force``) a
    non-empty folder holding none of the exports ``names``.

    >>> check_out_dir(Path("/"), ["peru-nexus.ttl"])
    Traceback (most recent call last):
    ...
    graph.exports.targets.ExportTargetError: --out /: the filesystem root is no place for the exports; nothing written
    """
    resolved = out_dir.resolve()
    if resolved == Path(resolved.anchor):
        raise ExportTargetError(f"--out {out_dir}: the filesystem root is no place for the exports; nothing written",
                                hint="name a folder of their own, e.g. --out exports")
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportTargetError(f"--out {out_dir}: a file, not a folder; nothing written",
                                hint="name a folder (a new one is made) with --out DIR")
    if force or not out_dir.is_dir():
        return
    entries = _entries(out_dir)
    if entries and not _tops(names) & set(entries):
        shown = ", ".join(entries[:5]) + (f" and {len(entries) - 5} more" if len(entries) > 5 else "")
        raise ExportTargetError(
            f"--out {out_dir}: a folder that holds other things ({shown}) and no earlier exports; nothing written",
            hint="name a new or empty folder, or one that holds earlier exports, with --out DIR; "
                 "or write there anyway with --force")


def _kind(mode: int) -> str | None:
    """What is in the way of a file, or ``None`` for a file (or a link, which a rename replaces)."""
    if stat.S_ISREG(mode) or stat.S_ISLNK(mode):
        return None
    return "a folder" if stat.S_ISDIR(mode) else "something that is not a file"


def _lstat(path: Path):
    try:
        return path.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return exc


def _file_problems(out_dir: Path, name: str, problems: dict[Path, str]) -> Path | None:
    """Record what is in the way of export ``name``; return the nearest existing folder that will hold it."""
    path = out_dir / name
    folder = out_dir
    for part in Path(name).parts[:-1]:
        folder = folder / part
        found = _lstat(folder)
        if found is None:
            return folder.parent
        if isinstance(found, OSError) or not stat.S_ISDIR(os.stat(folder).st_mode):
            problems.setdefault(folder, "a file is in the way of a folder of exports")
            return None
    found = _lstat(path)
    if isinstance(found, OSError):
        problems[path] = f"cannot be read: {found.strerror}"
    elif found is not None and _kind(found.st_mode):
        problems[path] = f"{_kind(found.st_mode)} is in the way of this export file"
    return path.parent


def _unwritable(folder: Path) -> str | None:
    """Why no file can be made in ``folder`` (a read-only folder or file system), or ``None``."""
    use = os.W_OK | os.X_OK
    return None if os.access(folder, use, effective_ids=os.access in os.supports_effective_ids) else \
        "permission denied or a read-only file system"


def check_targets(out_dir: Path, names: Iterable[str]) -> None:
    """Every problem in the way of writing ``names`` under ``out_dir``, raised together, or nothing."""
    problems: dict[Path, str] = {}
    folders = {_file_problems(out_dir, name, problems) for name in names} - {None}
    for folder in sorted(folders):
        reason = _unwritable(folder) if folder.is_dir() else None
        if reason:
            problems[folder] = f"folder cannot be written: {reason}"
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        lines = "".join(f"\n  {path}: {what}" for path, what in sorted(problems.items()))
        raise ExportTargetError(f"cannot write the exports: {count} in the way, nothing written{lines}")
