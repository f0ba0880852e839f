"""``kg serve``: the graph as a SPARQL 1.1 endpoint, with the Oxigraph server.

The graph's triples (exactly the Turtle export, in the default graph), and
the named graph of each source (as in the TriG export), are written to a
temporary folder, bulk-loaded into a temporary Oxigraph store there
(``oxigraph load``), and served with ``oxigraph
serve-read-only`` — or ``oxigraph serve`` with ``allow_updates`` — on a private
loopback port, behind the guard of :mod:`graph.serve.proxy` (no ``SERVICE``
unless allowed, no deep nesting, a cap on the answer's size) bound to
127.0.0.1, with the server's own query timeout. Queries go to ``http://127.0.0.1:PORT/query`` (SPARQL 1.1 protocol,
GET or POST); with updates allowed, ``/update`` and ``/store`` take writes,
which vanish with the temporary store when the server stops.

The ``oxigraph`` command comes from the ``oxigraph`` package on PyPI
(``pip install oxigraph``), a dependency of this project.

>>> wait_for_port("127.0.0.1", free_port(), timeout=0.2)
False
"""

from __future__ import annotations

import ipaddress
import math
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from graph.errors import KgError

LOOPBACK = "127.0.0.1"


class ServeError(KgError):
    """The server could not be started; the message says why and what to do."""


def oxigraph_command() -> str:
    """The path of the ``oxigraph`` server command, from PATH or next to this Python."""
    found = shutil.which("oxigraph")
    if found:
        return found
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    raise ServeError("the Oxigraph server is not installed: pip install oxigraph")


def free_port(host: str = LOOPBACK) -> int:
    """A TCP port that is free on ``host`` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_for_port(host: str, port: int, timeout: float = 30.0, process: subprocess.Popen | None = None) -> bool:
    """Wait until something accepts connections on ``host:port``; False on timeout or if ``process`` exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def prepare_store(triples, location: Path, named_quads=()) -> None:
    """Bulk-load ``triples`` (into the default graph) and ``named_quads`` into a new Oxigraph store at
    ``location``, with the ``oxigraph`` command."""
    files = [location.parent / "graph.nt"]
    ox.serialize(triples, str(files[0]), format=ox.RdfFormat.N_TRIPLES)
    if named_quads:
        files.append(location.parent / "named-graphs.nq")
        ox.serialize(named_quads, str(files[1]), format=ox.RdfFormat.N_QUADS)
    command = [oxigraph_command(), "load", "--location", str(location)]
    for f in files:
        command += ["--file", str(f)]
    r = subprocess.run(command, capture_output=True, text=True)
    for f in files:
        f.unlink()
    if r.returncode != 0:
        raise ServeError(f"oxigraph load failed: {' '.join((r.stderr or r.stdout).strip().splitlines()[-1:])}")


def endpoint_url(host: str, port: int) -> str:
    """The query URL clients are told for ``host:port`` (an IPv6 address in brackets; ``localhost`` bare).

    >>> endpoint_url("::1", 7878), endpoint_url("127.0.0.1", 80), endpoint_url("localhost", 80)
    ('http://[::1]:7878/query', 'http://127.0.0.1:80/query', 'http://localhost/query')
    """
    if host == "localhost":
        return "http://localhost/query"
    return f"http://[{host}]:{port}/query" if ":" in host else f"http://{host}:{port}/query"


def serve(triples, port: int = 7878, host: str = LOOPBACK, allow_updates: bool = False,
          ready=None, named_quads=(), limits: dict | None = None, base: str | None = None,
          pages: dict | None = None) -> int:
    """Serve ``triples`` in the default graph, and ``named_quads`` in their named graphs, until
    interrupted (Ctrl-C or SIGTERM); return the server's exit status.

    The Oxigraph server listens on a private loopback port, behind the guard of
    :mod:`graph.serve.proxy` on ``host:port``. ``limits``: ``timeout`` (seconds
    a query may run, the server's ``--timeout-s``; 0: none), ``allow_service``,
    ``max_bytes`` (the longest answer relayed; 0: no limit), ``max_memory``
    (bytes a query may add). Queries and the entity pages of ``base``
    (default: the default base) are answered by forked workers
    (:mod:`graph.serve.answer`), from an in-memory store when read-only and
    from a read-only view of the Oxigraph server's store with updates allowed
    (only updates and Graph Store requests go to the Oxigraph server); ``pages`` maps paths to fixed answers
    ``(content type, bytes)`` (the VoID description at ``/void``). ``ready(url)``
    is called once the endpoint accepts connections.
    """
    from graph.serve.answer import OnDisk, load_store
    from graph.serve.proxy import start_proxy
    from graph.vocab.ontology import DEFAULT_BASE

    limits, base = dict(limits or {}), base or DEFAULT_BASE
    timeout = limits.pop("timeout", 30)
    if not allow_updates:
        limits["local"] = (load_store(triples, named_quads), base)
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as tmp:
        location = Path(tmp) / "store"
        prepare_store(triples, location, named_quads)
        if allow_updates:  # reads from a worker on the server's store: an abandoned one is killed
            limits["local"] = (OnDisk(location), base)
        private = free_port()
        proc = _start_oxigraph(location, private, allow_updates, timeout)

        def stop(signum, frame):
            raise KeyboardInterrupt

        previous, proxy = signal.signal(signal.SIGTERM, stop), None
        try:
            if not wait_for_port(LOOPBACK, private, timeout=30, process=proc):
                raise ServeError(f"the Oxigraph server did not start (exit status {proc.poll()})")
            proxy = start_proxy((host, port), (LOOPBACK, private), timeout=timeout, pages=pages, **limits)
            if ready:
                ready(endpoint_url(host, port))
            return proc.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)
            if proxy is not None:
                proxy.shutdown()
                proxy.server_close()
            stop_process(proc)


def _start_oxigraph(location: Path, port: int, allow_updates: bool, timeout: float) -> subprocess.Popen:
    """The Oxigraph server on ``location``, on loopback ``port``, with its query timeout (0: none)."""
    mode = "serve" if allow_updates else "serve-read-only"
    command = [oxigraph_command(), mode, "--location", str(location), "--bind", f"{LOOPBACK}:{port}"]
    if timeout:
        command += ["--timeout-s", str(max(1, math.ceil(timeout)))]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop_process(proc: subprocess.Popen, timeout: float = 10) -> None:
    """Ask ``proc`` to stop (SIGTERM); kill it if it has not within ``timeout`` seconds."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def port_in_use(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError:
            return True
    return False

