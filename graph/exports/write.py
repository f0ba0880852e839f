"""Writing the exports: all or nothing. The folder and every target are checked
first (:mod:`graph.exports.targets`: the filesystem root, a non-empty folder
with no earlier exports, a folder in the way of a file…), and every problem is
reported before any file is replaced. Then every file is rendered in memory,
written to a hidden temporary file (fsync), and all are renamed into place,
under a lock so that two builds never interleave. A failed or killed build
leaves the previous files (its temporary files are removed by the next build).

What is written is what :mod:`graph.exports.registry` registers.

>>> import tempfile
>>> from graph.builder import build
>>> out = Path(tempfile.mkdtemp())
>>> [p.name for p in write_exports(build("tests/fixtures/mini"), out)][:3]
['peru-nexus.ttl', 'peru-nexus.nt', 'peru-nexus.jsonld']
"""

from __future__ import annotations

import contextlib
import hashlib
import fcntl
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from graph.exports import registry
from graph.exports.registry import STEM, Exporter
from graph.exports.targets import ExportTargetError, check_out_dir, check_targets
from graph.speedups.gc import gc_paused

if TYPE_CHECKING:
    from graph.builder import KnowledgeGraph

__all__ = ["STEM", "write_atomic", "write_exports", "build_lock", "ExportTargetError"]


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


class Syncs:
    """Files put on disk (``fsync``) by a thread of their own while the next file is rendered: the
    disk's time hidden behind the rendering's. :meth:`wait` before any file is renamed into place."""

    def __init__(self):
        from concurrent.futures import ThreadPoolExecutor

        self.pool, self.pending = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fsync"), []

    def add(self, fd: int) -> None:
        """Sync and close ``fd`` (this object's from now on)."""
        self.pending.append(self.pool.submit(_sync_and_close, fd))

    def wait(self) -> None:
        """Every file on disk, or the first :class:`OSError` met."""
        try:
            for future in self.pending:
                future.result()
        finally:
            self.pending = []
            self.pool.shutdown(wait=True)


def _sync_and_close(fd: int) -> None:
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_temp(path: Path, data, temps: list | None = None, hasher=None, syncs: Syncs | None = None) -> str:
    """``data`` (bytes, or an iterable of bytes) in a hidden temporary file beside ``path``, on
    disk; its name (also put in ``temps`` as soon as the file exists, with ``path``); each piece
    also fed to ``hasher`` if given. With ``syncs`` the file is put on disk there, not before returning."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    if temps is not None:
        temps.append((tmp, path))
    try:
        with os.fdopen(fd, "wb") as handle:
            umask = os.umask(0o022)
            os.umask(umask)
            os.fchmod(handle.fileno(), 0o666 & ~umask)  # as any new file, not mkstemp's 0600
            for piece in ((data,) if isinstance(data, bytes) else data):
                handle.write(piece)
                if hasher is not None:
                    hasher.update(piece)
            handle.flush()
            if syncs is None:
                os.fsync(handle.fileno())
            else:
                syncs.add(os.dup(handle.fileno()))
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: readers see the old file or the new one."""
    tmp = _write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise


def _remove_stale_temps(out_dir: Path, names) -> None:
    """Temporary files a killed build left behind (only ever ours: ``.<export name>.*.tmp``)."""
    for name in names:
        path = out_dir / name
        if path.parent.is_dir():
            for stale in path.parent.glob(f".{path.name}.*.tmp"):
                _unlink(stale)


def _fsync_folders(paths: Iterable[Path]) -> None:
    """Put the renames themselves on disk."""
    for folder in sorted({p.parent for p in paths}):
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def _render_files(kg, out_dir: Path, exporter: Exporter, temps: list, progress, cache=None, syncs=None) -> list:
    """One exporter's files rendered into temporary files (streamed when it can); ``[(temp, path)]``.

    With ``cache`` (a :class:`graph.exports.cache.ExportCache`) each file is also kept there; with
    ``syncs`` (:class:`Syncs`) each is put on disk there.
    """
    made: list = []
    files = exporter.pieces(kg)
    for name in list(files):
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        hasher = hashlib.sha256() if cache is not None else None
        tmp = _write_temp(path, files.pop(name), made, hasher, syncs)
        if cache is not None:
            cache.store(name, tmp, hasher.hexdigest())
        if progress:
            progress(f"rendered {name} ({os.path.getsize(tmp):,} bytes)")
    temps.extend(made)
    return made


def _render_to_temps(kg, out_dir: Path, chosen: list[Exporter], temps: list, progress, cache=None,
                     release: bool = False) -> None:
    """Each exporter's files rendered into temporary files, streamed a piece at a time when the
    exporter can (:attr:`Exporter.chunks`), else one exporter's files in memory at a time; the
    explorer and others in a process of their own when there is a second core (:mod:`graph.exports.apart`)."""
    syncs = Syncs()
    try:
        _render_with(kg, out_dir, chosen, temps, progress, cache, syncs, release)
    finally:
        syncs.wait()


def _reads_triples(exporter: Exporter) -> bool:
    """Whether ``exporter`` is a built-in that renders from ``kg.triples`` (its :data:`registry.DECLARED` line says)."""
    return exporter.builtin and exporter.declared.reads_triples


RELEASE_AT = 250_000  # fewer triples are kept: freeing them costs CPU (0.09 s for Peru's 65,000; 1 s for 1.1
# million) and `kg build` ends without freeing anything, while their memory matters only to a big graph's explorer


def _in_order(chosen: list[Exporter]) -> list[Exporter]:
    """``chosen`` in the order to render them: those reading the triples first (so that they can be let go)."""
    return [e for e in chosen if _reads_triples(e)] + [e for e in chosen if not _reads_triples(e)]


def _release(kg, chosen: list[Exporter], left: list[Exporter]) -> None:
    """Let the triples go, their memory back for the explorer's (or GraphML's, GEXF's: what reads the
    NetworkX graph), when one of them is ``left`` to render here, there are :data:`RELEASE_AT` triples or
    more and every exporter is a built-in (a plugin may read them)."""
    from graph.exports.apart import reads_network

    if kg.triples_made and len(kg.triples) >= RELEASE_AT and all(e.builtin for e in chosen) and reads_network(left):
        kg.release_triples()


def _render_with(kg, out_dir: Path, chosen: list[Exporter], temps: list, progress, cache, syncs,
                 release: bool = False) -> None:
    """Render ``chosen`` here, handing a share to a child process whenever none is running and a core is
    free (:func:`graph.exports.apart.exporters_apart`): the first before anything is rendered (and the
    triples made), the next each time one is done."""
    from graph.exports.apart import exporters_apart

    queue, child, made = _in_order(chosen), None, {}
    try:
        while queue:
            if child is None or child.ready():
                if child is not None:
                    _from_child(child, cache, made)
                child, queue = _fork(kg, out_dir, queue, exporters_apart(kg, queue), progress, cache)
                if not queue:
                    break
            exporter = queue.pop(0)
            if release and not _reads_triples(exporter):
                _release(kg, chosen, [exporter, *queue])
            made[exporter.name] = _render_files(kg, out_dir, exporter, temps, progress, cache, syncs)
        if child is not None:
            _from_child(child, cache, made)
    finally:
        if child is not None:
            child.end(_remove_stale_temps)
    temps[:] = [t for exporter in chosen for t in made[exporter.name]]  # in the exporters' order


def _fork(kg, out_dir: Path, queue: list[Exporter], share: list[Exporter], progress, cache):
    """A child rendering ``share`` (None if it is empty) and what is left of ``queue`` for the parent."""
    from graph.exports.apart import Child, reads_network

    if not share:
        return None, queue
    rest = [e for e in queue if e not in share]
    if reads_network(share) and reads_network(rest):
        kg.nx  # made once, before the fork, for both processes
    return Child(kg, out_dir, share, _write_temp, progress, cache is not None), rest


def _from_child(child, cache, made: dict) -> None:
    """The files ``child`` rendered, in ``made`` by exporter (and kept in ``cache``)."""
    owner = {child.out_dir / name: e.name for e in child.exporters for name in e.files}
    for tmp, path, sha in child.result():
        made.setdefault(owner[path], []).append((tmp, path))
        if cache is not None:
            cache.store(path.relative_to(child.out_dir).as_posix(), tmp, sha)


def _rename_all(temps: list) -> list[Path]:
    written = []
    while temps:
        tmp, path = temps[0]
        os.replace(tmp, path)
        temps.pop(0)
        written.append(path)
    return written


def _disk_error(exc: OSError, then: str) -> ExportTargetError:
    """What the checks could not foresee (a full disk, a race), said without a traceback."""
    return ExportTargetError(f"cannot write the exports: {exc.filename or 'a file'}: {exc.strerror or exc}; {then}",
                             hint="free the space or fix the permissions, then build again")


def _step(fn, then: str, *args):
    try:
        return fn(*args)
    except OSError as exc:
        raise _disk_error(exc, then) from exc


def _write_all(kg, out_dir: Path, chosen: list[Exporter], names: list[str], progress, cache=None,
               release: bool = False) -> list[Path]:
    temps, written = [], []
    with build_lock(out_dir):
        check_targets(out_dir, names)  # under the lock: what is there now, before anything is replaced
        _remove_stale_temps(out_dir, names)
        try:  # every file on disk first, then all renamed at once: a kill leaves the old set
            _step(_render_to_temps, f"nothing written: {out_dir} is unchanged", kg, out_dir, chosen, temps, progress,
                  cache, release)
            written = _step(_rename_all, "some files are new, the rest old: build again", temps)
        finally:
            for tmp, _ in temps:
                _unlink(tmp)
            if len(written) < len(names):  # interrupted: also a temporary file made but not yet named
                _remove_stale_temps(out_dir, names)
        _fsync_folders(written)
    return written


@gc_paused()
def write_exports(kg: KnowledgeGraph, out_dir: Path, progress: Callable[[str], None] | None = None, *,
                  exporters: Iterable[Exporter] | None = None, force: bool = False, cache=None,
                  release: bool = False) -> list[Path]:
    """Render every registered export, then write them all; return the paths written.

    ``exporters`` (a list of :class:`~graph.exports.registry.Exporter`) writes a chosen few instead;
    ``cache`` (a :class:`graph.exports.cache.ExportCache`) keeps every file rendered; ``release`` lets
    ``kg.triples`` go (emptied, if there are :data:`RELEASE_AT` or more) once the exporters reading them are
    done (``kg build``, which needs them no more).
    An :class:`ExportTargetError` (nothing written) if ``out_dir`` is the
    filesystem root, a non-empty folder holding none of these exports (unless
    ``force``), or if anything is in the way of any file.
    """
    chosen = registry.exporters() if exporters is None else list(exporters)
    names = [name for exporter in chosen for name in exporter.files]
    check_out_dir(out_dir, names, force)
    try:
        return _write_all(kg, out_dir, chosen, names, progress, cache, release)
    except OSError as exc:  # the lock, the checks' probes
        raise _disk_error(exc, f"nothing written: {out_dir} is unchanged") from exc

