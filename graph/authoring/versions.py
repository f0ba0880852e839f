"""The versions ``kg diff`` compares: a seeds folder, or the seeds folder of a git revision.

A version is its list of fact files, each named by its path inside the seeds
folder and by git's id of its bytes (the blob id), so that files alike in both
versions are seen to be alike without reading them twice. A revision's files
are listed and read by one ``git cat-file --batch`` process for both
revisions, nothing written to the checkout; a folder's are found as
``kg validate`` finds them (:func:`graph.facts.files.fact_files`).

>>> version = folder_version("tests/fixtures/mini", Path("tests/fixtures/mini"))
>>> [f.name for f in version.files]
['facts.yaml', 'sources.yaml']
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from graph.errors import KgError
from graph.facts.files import SUFFIXES, fact_files
from graph.problems import Problem, Report

WORKING_TREE = "working tree"
_TREE, _LINK, _SUBMODULE = b"40000", b"120000", b"160000"


@dataclass(frozen=True)
class FactFile:
    """One fact file of a version: its path inside the seeds folder, its blob id, and where its bytes are."""

    name: str  # "ellis-2015.yaml", "sub/x.yaml"
    blob: str  # git's id of its bytes: the same id, the same bytes
    path: Path | None = None  # on disk; None: in git only (``Version.blobs``)


@dataclass
class Version:
    """One side of a diff: a readable label, the seeds folder it stands for, and its fact files."""

    label: str
    seeds: Path
    files: list[FactFile]
    blobs: dict[str, bytes] = field(default_factory=dict)  # the bytes of the files only in git, by blob id
    problems: list[Problem] = field(default_factory=list)  # files found but not read (links…), as warnings

    def content(self, f: FactFile) -> bytes:
        return f.path.read_bytes() if f.path is not None else self.blobs[f.blob]

    def same_files(self, other: Version) -> bool:
        """Whether both versions hold the same fact files, byte for byte: then nothing changed."""
        return [(f.name, f.blob) for f in self.files] == [(f.name, f.blob) for f in other.files]

    def write(self, folder: Path) -> Path:
        """The version as a seeds folder on disk (a revision's files written into ``folder``)."""
        if all(f.path is not None for f in self.files) and not self.blobs:
            return self.seeds
        for f in self.files:
            target = folder / f.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(self.content(f))
        return folder


def blob_id(raw: bytes) -> str:
    """The id git gives a file of these bytes.

    >>> blob_id(b"")
    'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'
    """
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest()


def folder_version(label: str, seeds: Path) -> Version:
    """The fact files of a folder on disk, found as ``kg validate`` finds them."""
    report = Report()
    files = [FactFile(path.relative_to(seeds).as_posix(), blob_id(path.read_bytes()), path)
             for path in fact_files(seeds, report)]
    return Version(label, seeds, files, problems=report.problems)


class Git:
    """One ``git cat-file --batch`` process, run in the seeds folder: trees and blobs by name or id."""

    def __init__(self, seeds: Path):
        self.seeds, self.ended = seeds, False
        try:
            self.process = subprocess.Popen(["git", "cat-file", "--batch"], cwd=seeds, stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except FileNotFoundError:
            raise KgError("git is not installed", hint="pass two seeds folders instead of revisions") from None

    def __enter__(self) -> Git:
        return self

    def __exit__(self, *exc) -> None:
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            try:
                stream.close()
            except BrokenPipeError:  # git ended first (outside a repository)
                pass
        self.process.wait()

    def object(self, name: str) -> tuple[str, bytes] | None:
        """The type and bytes of the object ``name`` (``HEAD:./``, a blob id), or None when there is none."""
        if "\n" in name or self.ended:
            return None
        try:
            self.process.stdin.write(name.encode("utf-8", "surrogateescape") + b"\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            self.ended = True
            return None
        line = self.process.stdout.readline()
        self.ended = not line
        header = line.split()
        if len(header) != 3:  # "NAME missing", "NAME ambiguous", or nothing: git gave up
            return None
        content = self.process.stdout.read(int(header[2]) + 1)[:-1]
        return header[1].decode(), content

    def revision(self, revision: str, cache: dict[str, bytes]) -> Version:
        """The fact files of the seeds folder as it was in ``revision``; their bytes go into ``cache``."""
        root = self.object(f"{revision}:./")
        if root is None or root[0] != "tree":
            raise self._missing(revision)
        version = Version(revision, self.seeds, [], cache)
        self._walk(version, PurePosixPath(), root[1])
        version.files.sort(key=lambda f: Path(f.name))
        return version

    def _walk(self, version: Version, folder: PurePosixPath, tree: bytes) -> None:
        for mode, name, oid in tree_entries(tree):
            path = folder / name
            if mode == _TREE:
                self._walk(version, path, self.object(oid)[1])
            elif path.suffix in SUFFIXES and mode not in (_LINK, _SUBMODULE):
                if oid not in version.blobs:
                    version.blobs[oid] = self.object(oid)[1]
                version.files.append(FactFile(path.as_posix(), oid))
            elif path.suffix in SUFFIXES:
                version.problems.append(Problem(
                    f"{version.label}:{path}", "symbolic link in a revision: not read", severity="warning",
                    hint="kg diff reads a revision's fact files themselves; compare the working tree instead"))

    def _missing(self, revision: str) -> KgError:
        """Why ``revision`` has no seeds folder: git gave up (no repository), no such revision, or no folder."""
        commit = self.object(f"{revision}^{{commit}}")
        if self.ended:
            said = self.process.stderr.read().decode(errors="replace").strip().splitlines()
            return KgError(f"{self.seeds}: not in a git repository" + (f" ({said[0]})" if said else ""),
                           hint="pass two seeds folders, or run kg diff inside the project's checkout")
        if commit is None or commit[0] != "commit":
            return KgError(f"'{revision}' is neither a seeds folder nor a git revision",
                           hint="name a commit, branch or tag (HEAD, main, HEAD~1) or a folder of fact files")
        return KgError(f"{revision}: no '{self.seeds}' folder in that revision",
                       hint="name a revision that has the fact files")


def tree_entries(tree: bytes) -> list[tuple[bytes, str, str]]:
    """The (mode, name, object id) entries of a git tree object's bytes.

    >>> tree_entries(b"100644 a.yaml\\0" + bytes(range(20)))
    [(b'100644', 'a.yaml', '000102030405060708090a0b0c0d0e0f10111213')]
    """
    out, at = [], 0
    while at < len(tree):
        space = tree.index(b" ", at)
        nul = tree.index(b"\0", space)
        out.append((tree[at:space], tree[space + 1:nul].decode("utf-8", "surrogateescape"),
                    tree[nul + 1:nul + 21].hex()))
        at = nul + 21
    return out


def resolve(before: str, after: str | None, seeds: Path) -> tuple[Version, Version]:
    """The two versions named: ``None`` is the working tree, a folder is itself, anything else a git revision."""
    specs = [(spec, spec is not None and not Path(spec).is_dir()) for spec in (before, after)]
    if not any(is_revision for _, is_revision in specs):
        return tuple(_on_disk(spec, seeds) for spec, _ in specs)
    if not seeds.is_dir():
        raise KgError(f"{seeds}: seeds folder not found", hint="pass --seeds DIR, a folder of YAML fact files")
    cache: dict[str, bytes] = {}
    with Git(seeds) as git:
        return tuple(git.revision(spec, cache) if is_revision else _on_disk(spec, seeds) for spec, is_revision in specs)


def _on_disk(spec: str | None, seeds: Path) -> Version:
    return folder_version(WORKING_TREE, seeds) if spec is None else folder_version(spec, Path(spec))
