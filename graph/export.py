"""Writing the exports: every file rendered in memory first, then each put in
place atomically (temporary file, fsync, rename), under a lock so that two
builds never interleave. A failed or killed build leaves the previous files.

>>> import tempfile
>>> from graph.build import build
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

from .build import KnowledgeGraph
from .explorer import render_explorer
from .network_formats import render_gexf, render_graphml
from .property_graph import neo4j_renderers
from .rdf_formats import render_jsonld, render_ntriples, render_trig

STEM = "peru-nexus"


def render_turtle(kg: KnowledgeGraph) -> bytes:
    """Turtle with the prefixes declared in alphabetical order (a fixed header for clean diffs)."""
    prefixes = kg.namespaces.prefixes()
    body = ox.serialize(kg.triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    lines = body.split(b"\n")
    start = next(i for i, line in enumerate(lines) if not line.startswith(b"@prefix"))
    header = [f"@prefix {k}: <{v}> .".encode() for k, v in sorted(prefixes.items())]
    return b"\n".join(header + lines[start:])


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


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: readers see the old file or the new one."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_exports(kg: KnowledgeGraph, out_dir: Path, renderers: dict | None = None,
                  progress: Callable[[str], None] | None = None) -> list[Path]:
    """Render every export, then write them all; return the paths written."""
    renderers = RENDERERS if renderers is None else renderers
    rendered = {}
    for name, render in renderers.items():
        rendered[name] = render(kg)
        if progress:
            progress(f"rendered {name} ({len(rendered[name]):,} bytes)")
    written = []
    with build_lock(out_dir):
        for name, data in rendered.items():
            path = out_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)
            written.append(path)
    return written
