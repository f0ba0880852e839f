"""Writing the exports: every file rendered in memory first, then all written
to hidden temporary files (fsync), then all renamed into place, under a lock so
that two builds never interleave. A failed or killed build leaves the previous
files (its temporary files are removed by the next build).

>>> import tempfile
>>> from graph.builder import build
>>> out = Path(tempfile.mkdtemp())
>>> [p.name for p in write_exports(build("tests/fixtures/mini"), out)][:3]
['peru-nexus.ttl', 'peru-nexus.nt', 'peru-nexus.jsonld']
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from graph.builder import KnowledgeGraph
from graph.explorer.page import render_explorer
from graph.exports.network_formats import render_gexf, render_graphml
from graph.speedups.gc import gc_paused
from graph.exports.property_graph import neo4j_renderers
from graph.exports.rdf_formats import render_jsonld, render_ntriples, render_trig

STEM = "peru-nexus"


def render_turtle(kg: KnowledgeGraph) -> bytes:
    """Turtle with the prefixes declared in alphabetical order (a fixed header for clean diffs)."""
    prefixes = kg.namespaces.prefixes()
    body = ox.serialize(kg.triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    header = [f"@prefix {k}: <{v}> .".encode() for k, v in sorted(prefixes.items())]
    return b"\n".join(header + [body[_after_prefixes(body):]])


def _after_prefixes(body: bytes) -> int:
    """Where the serialiser's own ``@prefix`` lines end (found without splitting the body into lines)."""
    at = 0
    while body.startswith(b"@prefix", at):
        end = body.find(b"\n", at)
        at = len(body) if end < 0 else end + 1
    return at


# file name -> renderer; other issues add N-Triples, JSON-LD, TriG, GraphML, GEXF, Neo4j, HTML.
RENDERERS: dict[str, Callable[[KnowledgeGraph], bytes]] = {
    f"{STEM}.ttl": render_turtle,
    f"{STEM}.nt": render_ntriples,
    f"{STEM}.jsonld": render_jsonld,
    f"{STEM}.trig": render_trig,
    f"{STEM}.graphml": render_graphml,
    f"{STEM}.gexf": render_gexf,
    **neo4j_renderers(),
    f"{STEM}.html": render_explorer,
}


@contextlib.contextmanager
def build_lock(out_dir: Path):
    """Hold an exclusive lock on ``out_dir`` for the length of a write."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / ".build.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_temp(path: Path, data: bytes) -> str:
    """``data`` in a hidden temporary file beside ``path``, on disk; its name."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            umask = os.umask(0o022)
            os.umask(umask)
            os.fchmod(handle.fileno(), 0o666 & ~umask)  # as any new file, not mkstemp's 0600
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: readers see the old file or the new one."""
    tmp = _write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _remove_stale_temps(out_dir: Path, names) -> None:
    """Temporary files a killed build left behind (only ever ours: ``.<export name>.*.tmp``)."""
    for name in names:
        path = out_dir / name
        if path.parent.is_dir():
            for stale in path.parent.glob(f".{path.name}.*.tmp"):
                with contextlib.suppress(OSError):
                    stale.unlink()


@gc_paused()
def write_exports(kg: KnowledgeGraph, out_dir: Path, renderers: dict | None = None,
                  progress: Callable[[str], None] | None = None) -> list[Path]:
    """Render every export, then write them all; return the paths written."""
    renderers = RENDERERS if renderers is None else renderers
    written, temps = [], []
    with build_lock(out_dir):
        _remove_stale_temps(out_dir, renderers)
        try:  # every file on disk first, then all renamed at once: a kill leaves the old set
            for name, render in renderers.items():
                data = render(kg)  # each put on disk as soon as it is made: one in memory at a time
                if progress:
                    progress(f"rendered {name} ({len(data):,} bytes)")
                path = out_dir / name
                path.parent.mkdir(parents=True, exist_ok=True)
                temps.append((_write_temp(path, data), path))
                del data
            while temps:
                tmp, path = temps[0]
                os.replace(tmp, path)
                temps.pop(0)
                written.append(path)
        finally:
            for tmp, _ in temps:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            if len(written) < len(renderers):  # interrupted: also a temporary file made but not yet named
                _remove_stale_temps(out_dir, renderers)
        for folder in {p.parent for p in written}:
            with contextlib.suppress(OSError):
                fd = os.open(folder, os.O_RDONLY)
                try:
                    os.fsync(fd)  # the renames themselves, on disk
                finally:
                    os.close(fd)
    return written
