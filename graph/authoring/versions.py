"""The versions ``kg diff`` compares: a seeds folder, or the seeds folder of a git revision.

A revision's seeds are read with ``git archive`` into a temporary folder; the
working tree is the seeds folder itself. Nothing in the checkout is touched.

>>> Version.folder(Path("tests/fixtures/mini")).label
'tests/fixtures/mini'
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from graph.errors import KgError

WORKING_TREE = "working tree"


@dataclass(frozen=True)
class Version:
    """One side of a diff: a readable label and the seeds folder it is read from."""

    label: str
    seeds: Path

    @classmethod
    def folder(cls, path: Path) -> Version:
        return cls(str(path), path)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise KgError("git is not installed", hint="pass two seeds folders instead of revisions") from None


def _top_level(seeds: Path) -> Path:
    found = _git(seeds if seeds.is_dir() else seeds.parent, "rev-parse", "--show-toplevel")
    if found.returncode:
        raise KgError(f"{seeds}: not in a git repository",
                      hint="pass two seeds folders, or run kg diff inside the project's checkout")
    return Path(found.stdout.decode().strip())


def _extract(root: Path, revision: str, inside: str, into: Path) -> None:
    archive = _git(root, "archive", "--format=tar", revision, "--", inside)
    if archive.returncode:
        raise KgError(f"{revision}: no '{inside}' folder in that revision",
                      hint="name a revision that has the fact files")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")


def at_revision(seeds: Path, revision: str, scratch: Path) -> Version:
    """The seeds folder as it was in git ``revision``, extracted under ``scratch``."""
    root = _top_level(seeds)
    if _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode:
        raise KgError(f"'{revision}' is neither a seeds folder nor a git revision",
                      hint="name a commit, branch or tag (HEAD, main, HEAD~1) or a folder of fact files")
    inside = seeds.resolve().relative_to(root.resolve()).as_posix()
    into = scratch / f"rev-{len(list(scratch.iterdir()))}"
    into.mkdir()
    _extract(root, revision, inside, into)
    return Version(revision, into / inside)


def resolve(spec: str | None, seeds: Path, scratch: Path) -> Version:
    """What ``spec`` names: nothing (the working tree), a seeds folder, or a git revision."""
    if spec is None:
        return Version(WORKING_TREE, seeds)
    path = Path(spec)
    if path.is_dir():
        return Version.folder(path)
    return at_revision(seeds, spec, scratch)
