"""One request's work in a forked child that is stopped when its client goes or its time is up.

The Oxigraph server goes on computing a query whose client has gone, until
it ends; so ``kg serve`` answers ``/query`` itself: each request is forked
from the serving process (the store is shared copy-on-write, and only
children ever query it, so no lock of it is held at the fork), the child
writes the answer to a pipe, and the parent relays it to the client as it
comes. The child is killed (SIGKILL: the CPU is free at once) when

* the client closes its connection (the socket turns readable with no data),
* the deadline passes (``timeout`` seconds; the client gets a ``503`` if
  nothing was sent yet), or
* the answer grows past ``max_bytes`` (the chunked answer ends without its
  final chunk, which clients report as incomplete).

The child's first line is ``STATUS CONTENT-TYPE``; the rest is the body.

>>> import io
>>> out = io.BytesIO()
>>> relay(lambda: [b"200 text/plain", b"hello"], Sink(out), timeout=10)
'done'
>>> out.getvalue().split(b"\\r\\n\\r\\n", 1)[1]
b'5\\r\\nhello\\r\\n0\\r\\n\\r\\n'
"""

from __future__ import annotations

import os
import select
import signal
import socket
import time
import warnings

from graph.query.bounded import limit_memory

CHUNK = 1 << 16


class Sink:
    """Where an answer goes: the client's socket (watched for hang-ups) and its buffered writer."""

    def __init__(self, wfile, sock: socket.socket | None = None):
        self.wfile, self.sock = wfile, sock

    def gone(self) -> bool:
        """Whether the client has closed its end (a readable socket with nothing to read)."""
        if self.sock is None:
            return False
        try:
            ready, _, _ = select.select([self.sock], [], [], 0)
            return bool(ready) and self.sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
        except (BlockingIOError, InterruptedError):
            return False
        except OSError:
            return True

    def head(self, status: int, content_type: str) -> None:
        reason = {200: "OK", 400: "Bad Request", 404: "Not Found", 406: "Not Acceptable",
                  500: "Internal Server Error", 503: "Service Unavailable"}.get(status, "")
        self.wfile.write(f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n"
                         f"Transfer-Encoding: chunked\r\nConnection: close\r\n"
                         f"Access-Control-Allow-Origin: *\r\n\r\n".encode("latin-1"))

    def chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def end(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


def _child(work, write_fd: int, max_memory: int | None) -> None:
    """Write what ``work()`` yields (a status line, then body pieces) to ``write_fd``; never return."""
    status = 0
    try:
        limit_memory(max_memory)
        with os.fdopen(write_fd, "wb", buffering=CHUNK) as out:
            pieces = iter(work())
            out.write(next(pieces) + b"\n")
            for piece in pieces:
                out.write(piece)
    except BaseException:  # noqa: BLE001 - the parent reports a child that ends early
        status = 1
    finally:
        os._exit(status)


def _fork(work, max_memory: int | None) -> tuple[int, int]:
    read_fd, write_fd = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads: only the child queries the store
        pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child(work, write_fd, max_memory)
    os.close(write_fd)
    return pid, read_fd


def _stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


class _Reader:
    """The child's output: the status line first, then the body, read as it comes."""

    def __init__(self, fd: int):
        self.fd, self.buffer, self.header = fd, b"", None

    def feed(self) -> bytes | None:
        """Body bytes newly available (b"" when only the header came); None at the end of the output."""
        data = os.read(self.fd, CHUNK)
        if not data:
            return None
        if self.header is None:
            self.buffer += data
            if b"\n" not in self.buffer:
                return b""
            self.header, data = self.buffer.split(b"\n", 1)
        return data


def _timed_out(sink: Sink, started: bool, timeout: float) -> str:
    if not started:
        sink.head(503, "text/plain; charset=utf-8")
        sink.chunk(f"the query ran longer than {timeout:g} s and was stopped\n"
                   f"    hint: add a LIMIT or narrow the patterns\n".encode())
        sink.end()
    return "timeout"


def _finished(sink: Sink, started: bool) -> str:
    if not started:
        sink.head(500, "text/plain; charset=utf-8")
        sink.chunk(b"the query engine ended without an answer (too big for the memory it may use?)\n")
    sink.end()
    return "done" if started else "failed"


def _remaining(deadline: float | None) -> float:
    """How long to wait for the child's next output: half a second at most, and never past ``deadline``.

    >>> _remaining(None)
    0.5
    """
    return 0.5 if deadline is None else min(0.5, deadline - time.monotonic())


def _opened(sink: Sink, header: bytes | None) -> bool:
    """Send the child's first line, "STATUS content-type", as the answer's head; False while it hasn't come."""
    if header is None:
        return False
    status, _, content_type = header.decode("latin-1").partition(" ")
    sink.head(int(status), content_type)
    return True


def relay(work, sink: Sink, timeout: float | None = 30, max_bytes: int | None = None,
          max_memory: int | None = None) -> str:
    """Run ``work`` in a child and stream its answer to ``sink``; return how it ended:
    "done", "gone" (the client left), "timeout", "cut" (past ``max_bytes``) or "failed"."""
    pid, fd = _fork(work, max_memory)
    reader, sent, started = _Reader(fd), 0, False
    deadline = time.monotonic() + timeout if timeout else None
    try:
        while (wait := _remaining(deadline)) > 0:
            ready, _, _ = select.select([fd], [], [], wait)
            if sink.gone():
                return "gone"
            if not ready:
                continue
            data = reader.feed()
            if data is None:
                return _finished(sink, started)
            if not started:
                started = _opened(sink, reader.header)
            sent += len(data)
            if max_bytes and sent > max_bytes:
                return "cut"
            if data:
                sink.chunk(data)
        return _timed_out(sink, started, timeout)
    except OSError:
        return "gone"
    finally:
        os.close(fd)
        _stop(pid)
