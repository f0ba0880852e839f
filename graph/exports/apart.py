"""One exporter rendered in a child process while the parent renders the others: the explorer, a
quarter of a build, on a second core — when there is one to spare (the load average leaves a core
idle). Linux and the speed-ups only (``KG_SPEEDUPS=0``: one process). The files are the same either way.

The child writes its files to hidden temporary files, exactly as the parent would, and sends their
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
import signal
from pathlib import Path

from graph import speedups
from graph.exports.registry import Exporter, ExporterError

APART = ("html",)  # the exporters worth a process of their own


def exporter_apart(kg, chosen: list[Exporter]) -> Exporter | None:
    """The exporter of ``chosen`` to render in a child process, or None (one process)."""
    if kg is None or not speedups.enabled() or not hasattr(os, "fork") or len(chosen) < 2:
        return None
    if not _a_core_to_spare():
        return None
    return next((e for e in chosen if e.name in APART), None)


def _a_core_to_spare() -> bool:
    """Whether a second core is there and idle: on a busy machine a second process only adds its
    copy-on-write pages (measured: 1.2 x the CPU and the wall time of one process at a load of 10)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except OSError:
        return False
    return cores >= 2 and load <= cores - 1.5


class Child:
    """A child process rendering one exporter's files into temporary files."""

    def __init__(self, kg, out_dir: Path, exporter: Exporter, write_temp, progress, hashing: bool):
        self.exporter, self.out_dir = exporter, out_dir
        reading, writing = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: render, report, end (never return into the parent's code)
            os.close(reading)
            _child(kg, out_dir, exporter, write_temp, progress, hashing, writing)
        os.close(writing)
        self.reading = reading

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
        raise RuntimeError(f"exporter {self.exporter.name!r} failed in its process: {message['text']}")

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
            remove_stale(self.out_dir, self.exporter.files)


def _child(kg, out_dir: Path, exporter: Exporter, write_temp, progress, hashing: bool, writing: int) -> None:
    made: list = []
    try:
        done = []
        files = exporter.pieces(kg)
        for name in list(files):
            path = out_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            hasher = hashlib.sha256() if hashing else None
            tmp = write_temp(path, files.pop(name), made, hasher)
            done.append((tmp, name, hasher.hexdigest() if hasher else None))
            if progress:
                progress(f"rendered {name} ({os.path.getsize(tmp):,} bytes, in a process of its own)")
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
