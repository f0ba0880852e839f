"""Running work that may not end: in a child process, stopped at a deadline.

pyoxigraph's ``Store.query`` has no timeout of its own and holds the
interpreter while it runs, so ``kg query`` runs it in a forked child (the
graph already built is shared copy-on-write: forking costs about 12 ms on
the Peru graph) and kills the child when the deadline passes. The child may
also be given an address-space limit (``RLIMIT_AS``, ``max_memory`` bytes on
top of what the process already maps), so a cross product cannot take the
host's memory: the engine's allocation fails and the child ends. Whatever the
child does — loops, grows, crashes — the parent reports it in one line; a
:class:`KgError` raised in the child is reported as the child would have.

>>> bounded(lambda: "answer", timeout=10)
'answer'
>>> bounded(lambda: sum(range(10 ** 12)), timeout=0.2)
Traceback (most recent call last):
...
graph.query.bounded.QueryTimeout: the query ran longer than 0.2 s and was stopped
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time

from graph.errors import KgError, Reported

DEFAULT_TIMEOUT = 30.0
DEFAULT_MEMORY_MB = 2048  # what a query may add to the address space of kg query (its --max-memory-mb)


class QueryTimeout(KgError):
    """The work did not end before its deadline."""

    hint = "add a LIMIT or narrow the patterns, or allow more time with --timeout SECONDS (0: no limit)"


class QueryCrashed(KgError):
    """The child process ended without an answer (killed by a signal, or out of memory)."""

    hint = "this is a bug in the query engine or a query too big for this machine; please report the query"


class QueryOutOfMemory(KgError):
    """The work needed more memory than it was allowed."""

    hint = "add a LIMIT or narrow the patterns, or allow more with --max-memory-mb MB (0: no limit)"


def mapped_bytes() -> int:
    """The address space this process maps now (``VmSize``), in bytes; 0 where /proc is not there."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def limit_memory(extra: int | None) -> None:
    """Cap this process's address space at what it maps now plus ``extra`` bytes (None or 0: no cap).

    The engine's own words when an allocation fails (a Rust panic message) go nowhere: the parent
    reports it in one line."""
    if extra:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = mapped_bytes() + extra
        resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))


def _child(fn, write_fd: int, max_memory: int | None = None) -> None:
    """Run ``fn`` and send ``("ok", value)`` or ``("error", report, exit status)`` back; never return."""
    status = 0
    try:
        limit_memory(max_memory)
        payload = ("ok", fn())
    except KgError as exc:
        payload = ("error", exc.report(), exc.exit_status)
    except MemoryError:
        payload, status = ("error", _out_of_memory(max_memory).report(), 1), 1
    except BaseException as exc:  # noqa: BLE001 - anything else is reported by the parent, not as a traceback
        crash = QueryCrashed(f"the query failed: {type(exc).__name__}: {exc}")
        payload, status = ("error", crash.report(), 1), 1
    try:
        data = pickle.dumps(payload)
        with os.fdopen(write_fd, "wb") as out:
            out.write(data)
    finally:
        os._exit(status)


def _read_until(fd: int, deadline: float | None) -> bytes | None:
    """Everything written to ``fd`` until it closes; None if ``deadline`` passes first."""
    chunks = []
    while True:
        wait = None if deadline is None else deadline - time.monotonic()
        if wait is not None and wait <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            return None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _out_of_memory(max_memory: int | None) -> QueryOutOfMemory:
    return QueryOutOfMemory(f"the query needed more than the {(max_memory or 0) // 2 ** 20:,} MB of memory it "
                            f"may use and was stopped")


def _ended(pid: int, max_memory: int | None) -> KgError:
    """What to report for a child that ended with no answer (an engine that cannot allocate aborts)."""
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        if max_memory and os.WTERMSIG(status) in (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS):
            return _out_of_memory(max_memory)
        return QueryCrashed(f"the query engine crashed ({name})")
    return QueryCrashed(f"the query engine ended without an answer (exit status {os.WEXITSTATUS(status)})")


def bounded(fn, timeout: float | None = DEFAULT_TIMEOUT, max_memory: int | None = None):
    """``fn()``, run in a forked child; raises :class:`QueryTimeout` past ``timeout`` seconds (None or 0:
    no limit), :class:`QueryOutOfMemory` when it needs more than ``max_memory`` more bytes (None or 0: no
    limit), :class:`QueryCrashed` if the child dies, and re-raises the child's :class:`KgError`."""
    if not hasattr(os, "fork"):
        return fn()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(fn, write_fd, max_memory)
    os.close(write_fd)
    try:
        data = _read_until(read_fd, time.monotonic() + timeout if timeout else None)
    finally:
        os.close(read_fd)
    if data is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")
    if not data:
        raise _ended(pid, max_memory)
    os.waitpid(pid, 0)
    answer = pickle.loads(data)
    if answer[0] == "error":
        raise Reported(answer[1], exit_status=answer[2])
    return answer[1]
