"""The last build's exports kept in the build cache, keyed by everything they are made of.

The key (:func:`export_key`) is the tool (:func:`graph.speedups.cache.tool_digest`),
the base IRI, the export files' names, each fact file's *data* digest (what
:mod:`graph.facts.readcache` parsed: a comment or a re-wrapped line changes
nothing) and every problem the check printed (they carry the source texts'
verdicts and the lines). When ``kg build`` finds an entry for its key it
copies the files from it instead of making the triples and rendering; every
file is checked against its sha256 while it is copied, and any difference
ends the copy (nothing is replaced) and makes a cold build.

An entry is ``.kg-cache/exports/KEY/``: the files (hard links to the exports
written, or copies) and ``manifest.json`` (each file's sha256, the triple
count), written last. Only the newest entry is kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from graph.exports.registry import Exporter
from graph.speedups.cache import Cache, digest

_KIND = "exports"
_MANIFEST = "manifest.json"
_CHUNK = 1 << 20


class StaleCache(Exception):
    """A cached export file is not what its manifest says: build cold."""


def export_key(tool: str, base: str, names: list[str], files: list[str], digests: dict[str, str],
               problems: list[str]) -> str | None:
    """The key of a build's exports, or None when a fact file has no data digest (it was not read whole)."""
    if any(name not in digests for name in files):
        return None
    return digest(tool, base, *names, "files", *(f"{f}={digests[f]}" for f in files), "problems", *problems)


class ExportCache:
    """The entry of one build key: read it (:meth:`exporters`), or fill it while writing (:meth:`store`)."""

    def __init__(self, cache: Cache, key: str):
        self.root = cache.folder / _KIND
        self.folder = self.root / key
        self.hashes: dict[str, str] = {}

    def manifest(self) -> dict | None:
        try:
            found = json.loads((self.folder / _MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return found if isinstance(found, dict) and isinstance(found.get("files"), dict) else None

    def exporters(self, chosen: list[Exporter]) -> list[Exporter] | None:
        """``chosen`` made to copy their files from the entry; None when the entry lacks any of them."""
        manifest = self.manifest()
        if manifest is None:
            return None
        files = manifest["files"]
        if sorted(files) != sorted(name for e in chosen for name in e.files):
            return None
        self.triples = manifest.get("triples", 0)
        return [Exporter(e.name, e.files, render=_no_render,
                         chunks=lambda kg, e=e: {f: self._checked(f, files[f]) for f in e.files}) for e in chosen]

    def _checked(self, name: str, sha: str):
        """The cached file's bytes, a piece at a time; :class:`StaleCache` at the end if they are not ``sha``."""
        h = hashlib.sha256()
        try:
            with open(self.folder / name, "rb") as f:
                while piece := f.read(_CHUNK):
                    h.update(piece)
                    yield piece
        except OSError as exc:
            raise StaleCache(name) from exc
        if h.hexdigest() != sha:
            raise StaleCache(name)

    def store(self, name: str, tmp: str, sha: str) -> None:
        """Keep the rendered temporary file ``tmp`` (export ``name``, of hash ``sha``) in the entry."""
        path = self.folder / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.unlink(missing_ok=True)
            try:
                os.link(tmp, path)
            except OSError:
                shutil.copyfile(tmp, path)
            self.hashes[name] = sha
        except OSError:
            pass

    def finish(self, names: list[str], triples: int) -> None:
        """Write the manifest if every file was kept, and delete the older entries."""
        if sorted(self.hashes) != sorted(names):
            return
        try:
            tmp = self.folder / f".{_MANIFEST}.tmp"
            tmp.write_text(json.dumps({"files": self.hashes, "triples": triples}, sort_keys=True), encoding="utf-8")
            os.replace(tmp, self.folder / _MANIFEST)
            for old in self.root.iterdir():
                if old != self.folder:
                    shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass

    def drop(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _no_render(kg):  # pragma: no cover - the copying exporters only stream
    raise StaleCache("render")
