"""Two exporters' worth of work at once: while this process renders the HTML
explorer (the one export that costs as much as all the others together), a
forked child renders the rest into their temporary files and tells the parent
their names through a pipe. The parent renames everything into place as
before (:mod:`graph.exports.write`): all or nothing, same bytes.

It is opt-in: ``KG_JOBS=2`` in the environment, on a platform that can fork,
with two processors for this process, when the HTML explorer and something
else are to be written (``KG_SPEEDUPS=0`` turns it off too). On the project's
shared machine, with other work on both cores, it did not pay: the child's
copy-on-write pages cost more than the overlap saved (README, *Performance*).
The child's own peak memory is reported with the progress messages (a build's
memory is then the two processes').

>>> from graph.exports.registry import exporters
>>> len(split(exporters())[1]) >= 6
True
"""

from __future__ import annotations

import json
import os
import resource
import sys
from collections.abc import Callable
from pathlib import Path

from graph import speedups
from graph.exports.registry import ExporterError

HEAVY = ("html",)  # rendered by the parent (it uses numpy, which a forked child should not)


def available() -> bool:
    """Whether rendering in two processes is on and can pay here."""
    if not speedups.enabled() or os.environ.get("KG_JOBS", "1") != "2" or not hasattr(os, "fork"):
        return False
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cpus >= 2


def split(chosen: list) -> tuple[list, list]:
    """``(rendered here, rendered by the child)``: the child gets everything but the heavy ones, if both exist."""
    here = [e for e in chosen if e.name in HEAVY]
    there = [e for e in chosen if e.name not in HEAVY]
    return (here, there) if here and there else (chosen, [])


def _child(write: Callable, exporters: list, pipe: int, parent: int) -> None:
    """In the forked child: render ``exporters``, one JSON line per file written, then end."""
    made = []
    with os.fdopen(pipe, "w") as out:
        try:
            for exporter in exporters:
                for tmp, path in write(exporter):
                    made.append(tmp)
                    out.write(json.dumps({"tmp": tmp, "path": str(path)}) + "\n")
                    out.flush()
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
            out.write(json.dumps({"done": True, "peak_mb": round(peak / 2**20)}) + "\n")
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
            out.write(json.dumps({"error": f"{type(exc).__name__}: {exc}", "os": isinstance(exc, OSError),
                                  "errno": getattr(exc, "errno", None), "strerror": getattr(exc, "strerror", None),
                                  "file": getattr(exc, "filename", None)}) + "\n")
        if os.getppid() != parent:  # the build was killed: what it would have renamed is litter
            for tmp in made:
                _unlink(tmp)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def start(write: Callable, exporters: list) -> tuple[int, int]:
    """Fork a child rendering ``exporters`` with ``write(exporter) -> [(temp, path), ...]``: ``(pid, pipe)``."""
    read, send = os.pipe()
    parent = os.getpid()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        os.close(read)
        try:
            _child(write, exporters, send, parent)
        finally:
            os._exit(0)
    os.close(send)
    return pid, read


def finish(child: tuple[int, int], temps: list, progress) -> None:
    """Wait for the child; its temporary files join ``temps``; its failure raised here."""
    pid, pipe = child
    reports = []
    with os.fdopen(pipe) as lines:
        for line in lines:
            report = json.loads(line)
            if "tmp" in report:
                temps.append((report["tmp"], Path(report["path"])))
            reports.append(report)
    _, status = os.waitpid(pid, 0)
    failed = next((r for r in reports if "error" in r), None)
    if failed and failed["os"]:
        raise OSError(failed["errno"], failed["strerror"] or failed["error"], failed["file"])
    if failed:
        raise ExporterError(f"rendering the exports in a second process failed: {failed['error']}")
    done = next((r for r in reports if r.get("done")), None)
    if done is None or os.waitstatus_to_exitcode(status) != 0:
        raise ExporterError(f"the second process rendering the exports ended early (status {status})")
    if progress:
        progress(f"the second process's peak memory: {done['peak_mb']:,} MB")
