"""Some exporters rendered in a child process while the parent renders the others, on a second core —
when there is one to spare (the load average leaves a core idle). Linux and the speed-ups only
(``KG_SPEEDUPS=0``: one process). The files are the same either way.

The first child is forked before the triples are made: it takes the explorer and the other exporters
that do not read the triples (each built-in's ``reads_triples`` and ``weight`` in
:data:`graph.exports.registry.DECLARED`), as many as leave it no more work than the parent, which
makes the triples (:data:`MAKING_TRIPLES`) and renders the rest. Whenever a child is done and enough
work is left, the next is forked with a share of it (:func:`exporters_apart`, asked again).

A child writes its files to hidden temporary files, exactly as the parent would, and sends their
names (and sha256, for the build cache) back through a pipe; the parent renames them into place with
its own, so a build is still all or nothing. Whatever goes wrong in the child comes back as the same
kind of error (an exporter's, the disk's); if the parent fails or is interrupted first, it ends the
child and removes what it wrote.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import select
import signal
from pathlib import Path

from graph import speedups
from graph.exports.registry import Exporter, ExporterError

# What a build knows of each built-in exporter (its weight, whether it reads the triples or the NetworkX
# graph, the group it renders with) is its line in graph.exports.registry.DECLARED; a plugin's is
# unknown: it stays in the parent.
MAKING_TRIPLES = 0.58  # the weight of making the triples, as the exporters' (CPU seconds on the Peru graph)
LEAST_SHARE = 0.1  # a child is forked for no less work than this (forking copies the page tables)


def exporters_apart(kg, chosen: list[Exporter]) -> list[Exporter]:
    """The exporters of ``chosen`` (what is left to render) to render in a child process now (none: here)."""
    if kg is None or not speedups.enabled() or not hasattr(os, "fork") or len(chosen) < 2:
        return []
    return share(chosen, kg.triples_made) if _a_core_to_spare() else []


def share(chosen: list[Exporter], triples_made: bool) -> list[Exporter]:
    """A child's share of ``chosen``, by the declared weights: before the triples are made, only exporters
    that do not read them, and the parent's share counts making them.

    >>> from graph.exports.registry import exporters
    >>> [e.name for e in share(exporters(plugins=False), triples_made=False)]
    ['graphml', 'gexf', 'neo4j', 'html']
    """
    if triples_made:
        return balanced(chosen)
    readers = sum(e.declared.weight for e in chosen if e.builtin and not _movable(e, True))
    return balanced([e for e in chosen if _movable(e, True)], beside=MAKING_TRIPLES + readers)


def _movable(exporter: Exporter, before_triples: bool = False) -> bool:
    """Whether ``exporter`` may render in a child (a built-in; before the triples, one not reading them)."""
    return exporter.builtin and not (before_triples and exporter.declared.reads_triples)


def reads_network(exporters: list[Exporter]) -> bool:
    """Whether any of ``exporters`` reads ``kg.nx`` (a plugin may: it is unknown)."""
    return any(not e.builtin or e.declared.reads_network for e in exporters)


def _group(exporter: Exporter) -> str:
    """The group ``exporter`` is weighed and rendered in: its declared ``group``, else its own name."""
    return exporter.declared.group if exporter.builtin and exporter.declared.group else exporter.name


def _groups(chosen: list[Exporter]) -> dict[str, float]:
    """``chosen``'s groups, in order, each with its weight (its members' declared weights summed)."""
    groups: dict[str, float] = {}
    for e in chosen:
        groups[_group(e)] = groups.get(_group(e), 0) + (e.declared.weight if e.builtin else 0)
    return groups


def balanced(chosen: list[Exporter], beside: float = 0.0) -> list[Exporter]:
    """The built-ins of ``chosen`` to render in a child: those declared ``apart``, and then, heaviest first,
    each other group that leaves the child no more work than the parent (which also has ``beside`` to do),
    by their declared weights; none if that is less than :data:`LEAST_SHARE`."""
    weights = _groups(chosen)
    child = {_group(e) for e in chosen if e.builtin and e.declared.apart}
    movable = {_group(e) for e in chosen if _movable(e)}
    rest = sorted((g for g in weights if g not in child and g in movable), key=lambda g: -weights[g])
    child |= _evened(weights, child, rest, sum(weights[g] for g in weights if g not in movable) + beside)
    if sum(weights[g] for g in child) < LEAST_SHARE:
        return []
    return [e for e in chosen if _group(e) in child]


def _evened(weights: dict[str, float], child: set[str], rest: list[str], beside: float) -> set[str]:
    """The groups of ``rest`` (heaviest first) to move beside ``child`` so that it has no more work than the
    parent (``rest`` and ``beside``)."""
    mine, theirs, moved = sum(weights[g] for g in child), sum(weights[g] for g in rest) + beside, set()
    for g in rest:
        if weights[g] and mine + weights[g] <= theirs - weights[g]:
            moved.add(g)
            mine, theirs = mine + weights[g], theirs - weights[g]
    return moved


def _a_core_to_spare() -> bool:
    """Whether a second core is there and idle now: no more other processes running than leave one
    free (``/proc/loadavg``'s count of runnable tasks, this process's own threads aside: its disk
    syncs), else a one-minute load average that does. On a busy machine a second process only adds
    its copy-on-write pages (measured: 1.2 x the CPU and the wall time of one process at a load of 10)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if cores < 2:
        return False
    running = _running_now()
    if running is not None:
        return running - _own_running() <= cores - 2
    try:
        load = os.getloadavg()[0]
    except OSError:
        return False
    return load <= cores - 1.5


def _running_now() -> int | None:
    """The tasks runnable at this moment, this one included (Linux's ``/proc/loadavg``), or None."""
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            return int(f.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return None


def _own_running() -> int:
    """This process's threads running at this moment (Linux's ``/proc/self/task``): at least this one."""
    found = 0
    with contextlib.suppress(OSError):
        for task in os.listdir("/proc/self/task"):
            with contextlib.suppress(OSError), open(f"/proc/self/task/{task}/stat", encoding="ascii") as f:
                found += f.read().rpartition(")")[2].split()[0] == "R"
    return max(found, 1)


class Child:
    """A child process rendering exporters' files into temporary files (``exporters``: one or a list)."""

    def __init__(self, kg, out_dir: Path, exporters, write_temp, progress, hashing: bool):
        self.exporters = [exporters] if isinstance(exporters, Exporter) else list(exporters)
        self.exporter, self.out_dir = self.exporters[0], out_dir
        reading, writing = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: render, report, end (never return into the parent's code)
            os.close(reading)
            _child(kg, out_dir, self.exporters, write_temp, progress, hashing, writing)
        os.close(writing)
        self.reading = reading

    def ready(self) -> bool:
        """Whether the child is done (its message is in the pipe): :meth:`result` will not wait."""
        return bool(select.select([self.reading], [], [], 0)[0])

    def result(self) -> list[tuple[str, Path, str | None]]:
        """``[(temporary file, export path, sha256 or None)]`` once the child is done; its error if it failed."""
        reading, self.reading = self.reading, None  # closed below, whatever happens: never closed twice
        with os.fdopen(reading, "rb") as pipe:
            data = pipe.read()
        os.waitpid(self.pid, 0)
        self.pid = 0
        message = json.loads(data.decode() or '{"error": "other", "text": "the child process ended early"}')
        if "made" in message:
            return [(tmp, self.out_dir / name, sha) for tmp, name, sha in message["made"]]
        if message["error"] == "os":
            raise OSError(message["errno"], message["strerror"], message["filename"])
        if message["error"] == "exporter":
            raise ExporterError(message["text"])
        names = ", ".join(repr(e.name) for e in self.exporters)
        raise RuntimeError(f"exporter {names} failed in its process: {message['text']}")

    def end(self, remove_stale) -> None:
        """End the child if it still runs (the parent failed), and remove its temporary files."""
        if self.pid:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            if self.reading is not None:
                with contextlib.suppress(OSError):
                    os.close(self.reading)
                self.reading = None
            self.pid = 0
            remove_stale(self.out_dir, [f for e in self.exporters for f in e.files])


def _render(kg, out_dir: Path, exporter: Exporter, write_temp, progress, hashing: bool, made: list, done: list):
    files = exporter.pieces(kg)
    for name in list(files):
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        hasher = hashlib.sha256() if hashing else None
        tmp = write_temp(path, files.pop(name), made, hasher)
        done.append((tmp, name, hasher.hexdigest() if hasher else None))
        if progress:
            progress(f"rendered {name} ({os.path.getsize(tmp):,} bytes, in a process of its own)")


def _child(kg, out_dir: Path, exporters: list[Exporter], write_temp, progress, hashing: bool, writing: int) -> None:
    made: list = []
    try:
        done: list = []
        for exporter in exporters:
            _render(kg, out_dir, exporter, write_temp, progress, hashing, made, done)
        message = {"made": done}
    except ExporterError as exc:
        message = {"error": "exporter", "text": str(exc)}
    except OSError as exc:
        message = {"error": "os", "errno": exc.errno, "strerror": exc.strerror, "filename": exc.filename}
    except BaseException as exc:  # noqa: BLE001 - the parent reports it
        message = {"error": "other", "text": f"{type(exc).__name__}: {exc}"}
    if "error" in message:
        for tmp, _ in made:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    try:
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(json.dumps(message).encode())
    finally:
        os._exit(0)
