"""The guard in front of the Oxigraph server: every query is checked before the server sees it.

The Oxigraph server is a separate program: it cannot be told to refuse
``SERVICE`` (which makes it send requests to any address a query names) nor
a query nested deep enough to overflow its stack, and any web page can make
a browser POST such a query to it. So ``kg serve`` runs it on a private
loopback port and puts this small reverse proxy on the public one. The proxy
reads each request (a query or update at most :data:`MAX_BODY` bytes), checks every query and
update in it with :func:`graph.query.guard.check` (the URL's ``query`` and
``update`` parameters, a form-encoded body, a ``application/sparql-query`` or
``-update`` body) and answers ``400`` with the compiler-style message for a
refused one; it forwards the rest, and cuts an answer longer than
``max_bytes`` (a chunked answer with no final chunk, which clients report as
incomplete). The proxy answers ``/query`` and ``/entity/ID`` itself, each in
a forked child that is killed when its client goes or its time is up
(:mod:`graph.serve.worker`), so an abandoned query stops using the CPU: from
an in-memory store when read-only, and with updates allowed from a read-only
view of the Oxigraph server's store, opened by each child (so it sees every
update made before it). Only updates and Graph Store requests go to the
Oxigraph server, with its own timeout (``--timeout-s``).

>>> print(refusal("/query?query=" + quote("SELECT * { SERVICE <http://127.0.0.1:1/> {} }"), {}, b"", False))
query:1:12: error: SERVICE is not allowed: it would send a request from this host to another server
    SELECT * { SERVICE <http://127.0.0.1:1/> {} }
               ^
    hint: allow it with --allow-service if you trust the query and every server it names
>>> refusal("/query?query=" + quote("SELECT * { ?s ?p ?o }"), {}, b"", False) is None
True
"""

from __future__ import annotations

import http.client
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, unquote, urlsplit

from graph.query.guard import check
from graph.query.sparql import QueryError

__all__ = ["GuardedProxy", "MAX_BODY", "quote", "refusal", "start_proxy"]

MAX_BODY = 1024 * 1024
MAX_BYTES = 100 * 1024 * 1024
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade",
              "content-length"}
SPARQL_BODIES = ("application/sparql-query", "application/sparql-update")
FORM = "application/x-www-form-urlencoded"


def _texts(path: str, content_type: str, body: bytes) -> list[str]:
    """Every query or update text a request carries."""
    params = parse_qs(urlsplit(path).query)
    kind = content_type.split(";")[0].strip().lower()
    if kind == FORM:
        for key, values in parse_qs(body.decode("utf-8", "replace")).items():
            params.setdefault(key, []).extend(values)
    texts = [t for key in ("query", "update") for t in params.get(key, ())]
    if kind in SPARQL_BODIES:
        texts.append(body.decode("utf-8", "replace"))
    return texts


def refusal(path: str, headers, body: bytes, allow_service: bool) -> str | None:
    """The error report for a request whose query the guard refuses; None when it may go to the server."""
    for text in _texts(path, headers.get("Content-Type", ""), body):
        try:
            check(text, allow_service=allow_service)
        except QueryError as exc:
            return exc.format("query", text)
    return None


class GuardedProxy(ThreadingHTTPServer):
    """A threaded HTTP server relaying checked requests to ``upstream`` (host, port)."""

    daemon_threads = True

    def __init__(self, address, upstream, allow_service=False, max_bytes=MAX_BYTES, timeout=None, local=None,
                 max_memory=None, pages=None):
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.upstream, self.allow_service = upstream, allow_service
        self.max_bytes, self.upstream_timeout = max_bytes or None, timeout + 2 if timeout else None
        self.timeout_s, self.max_memory = timeout, max_memory
        self.local = local  # (in-memory store, base IRI): /query and /entity/ answered here (graph.serve.answer)
        self.pages = dict(pages or {})  # path -> (content type, bytes): fixed answers such as /void
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 60  # a client that sends nothing for this long is dropped
    server: GuardedProxy

    def log_message(self, format, *args):  # noqa: A002 - the quiet server: no line per request
        pass

    def _say(self, status: int, text: str) -> None:
        data = (text + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True

    def _body(self):
        """The request body: bytes when it may hold a query (at most MAX_BODY), else a stream of it for the
        server (RDF for the graph store); None once the request has been answered."""
        length = self.headers.get("Content-Length", "0")
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower() or not length.isdigit():
            self._say(411, "send the request with a Content-Length")
            return None
        kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind not in (FORM, *SPARQL_BODIES) and int(length):
            return _Stream(self.rfile, int(length))
        if int(length) > MAX_BODY:
            self._say(413, f"a query or update of more than {MAX_BODY:,} bytes")
            return None
        return self.rfile.read(int(length))

    def _relay(self) -> None:
        body = self._body()
        if body is None:
            return
        refused = refusal(self.path, self.headers, body if isinstance(body, bytes) else b"", self.server.allow_service)
        if refused:
            return self._say(400, refused)
        work = self._local_work(body)
        if work is not None:
            return self._answer_here(work)
        self._pass_upstream(body)

    def _pass_upstream(self, body) -> None:
        """Send the request on to the SPARQL server and relay its answer (503 past the time, 502 when it fails)."""
        upstream = http.client.HTTPConnection(*self.server.upstream, timeout=self.server.upstream_timeout)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP - {"content-length"}}
            upstream.request(self.command, self.path, body=body if body or self.command in ("POST", "PUT") else None,
                             headers=headers)
            response = upstream.getresponse()
        except TimeoutError:
            return self._say(503, f"the query ran longer than {self.server.upstream_timeout - 2:g} s and was "
                                  f"stopped\n    hint: add a LIMIT or narrow the patterns")
        except (OSError, http.client.HTTPException):
            upstream.close()
            return self._say(502, "the SPARQL server did not answer")
        try:
            self._answer(response)
        except (OSError, http.client.HTTPException):
            self.close_connection = True
        finally:
            upstream.close()

    def _local_work(self, body):
        """The work for a request this server answers itself (see :mod:`graph.serve.answer`), else None."""
        from graph.serve.answer import entity_work, query_request, query_work

        path = urlsplit(self.path).path
        if path in self.server.pages and self.command == "GET":
            content_type, data = self.server.pages[path]
            return lambda: iter((f"200 {content_type}".encode(), data))
        if self.server.local is None or self.command not in ("GET", "POST"):
            return None
        store, base = self.server.local
        accept = self.headers.get("Accept", "")
        if path == "/query" and isinstance(body, bytes):
            return query_work(store, query_request(self.path, self.headers.get("Content-Type", ""), body), accept)
        if path.startswith("/entity/") and self.command == "GET":
            return entity_work(store, base, unquote(path[len("/entity/"):]), accept)
        return None

    def _answer_here(self, work) -> None:
        """Answer in a forked child, stopped when the client goes or the time is up (:mod:`graph.serve.worker`)."""
        from graph.serve.worker import Sink, relay

        self.close_connection = True
        relay(work, Sink(self.wfile, self.connection), timeout=self.server.timeout_s,
              max_bytes=self.server.max_bytes, max_memory=self.server.max_memory)

    def _answer(self, response: http.client.HTTPResponse) -> None:
        self.send_response(response.status, response.reason)
        for key, value in response.getheaders():
            if key.lower() not in HOP_BY_HOP:
                self.send_header(key, value)
        has_body = self.command != "HEAD" and response.status not in (204, 304) and response.status >= 200
        self.send_header("Connection", "close")
        if has_body:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.close_connection = True
        if has_body:
            self._stream(response)

    def _stream(self, response) -> None:
        """Relay the answer in chunks; stop (with no final chunk) past ``max_bytes``."""
        sent, limit = 0, self.server.max_bytes
        while chunk := response.read1(1 << 16):
            sent += len(chunk)
            if limit and sent > limit:
                return
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = _relay


class _Stream:
    """The next ``length`` bytes of ``raw``, read in blocks (what http.client sends a file-like body from)."""

    def __init__(self, raw, length: int):
        self.raw, self.left = raw, length

    def read(self, size: int = -1) -> bytes:
        size = self.left if size < 0 else min(size, self.left)
        data = self.raw.read(size) if size else b""
        self.left -= len(data)
        return data


def start_proxy(address, upstream, **options) -> GuardedProxy:
    """A :class:`GuardedProxy` on ``address``, serving in a background thread (stop it with ``shutdown()``)."""
    proxy = GuardedProxy(address, upstream, **options)
    threading.Thread(target=proxy.serve_forever, name="kg-serve-proxy", daemon=True).start()
    return proxy
