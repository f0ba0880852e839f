"""``kg load``: push the graph into a SPARQL 1.1 Graph Store Protocol endpoint.

The graph goes as N-Triples: ``PUT`` replaces the target graph (the
default), ``POST`` adds to it. The target is ``URL?graph=IRI`` for a named
graph or ``URL?default`` for the default graph (the protocol's "indirect
identification"). Endpoints:

* Oxigraph: ``http://HOST:7878/store``
* Apache Jena Fuseki: ``http://HOST:3030/DATASET/data``
* GraphDB: ``http://HOST:7200/repositories/REPO/rdf-graphs/service``
* Virtuoso: ``http://HOST:8890/sparql-graph-crud-auth`` (Digest auth), or
  ``/sparql-graph-crud`` with ``SPARQL_UPDATE`` granted to the ``SPARQL`` user

A big graph goes in chunks of ``chunk`` triples (the first ``PUT``, the rest
``POST``), each retried ``retries`` times after a dropped connection or a
``5xx``, with ``progress`` told of each: a store may then hold part of the
graph if a chunk fails for good (the message says how much was sent). The
user's password answers a Basic or a Digest challenge fetched before each
request (:class:`Credentials`), or goes at once as Basic with ``preemptive``.

With ``dataset=True`` the dataset goes graph by graph: the graph into the
default graph (or ``graph``, for a store such as Virtuoso with no default
graph of its own), then each source's named graph, as ``kg serve`` has it —
through the same Graph Store Protocol URL, so it works with any store.

>>> graph_store_url("http://127.0.0.1:7878/store")
'http://127.0.0.1:7878/store?default'
>>> graph_store_url("http://h/ds/data", "https://w3id.org/peru-nexus/graph")
'http://h/ds/data?graph=https%3A%2F%2Fw3id.org%2Fperu-nexus%2Fgraph'
>>> [len(c) for c in chunks(list(range(5)), 2)]
[2, 2, 1]
"""

from __future__ import annotations

import base64
import http.client as http_client
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pyoxigraph as ox

from graph.errors import KgError

CONTENT_TYPE = "application/n-triples"
DATASET_CONTENT_TYPE = "application/n-quads"


class LoadError(KgError):
    """The endpoint refused the graph or could not be reached; the message says which and why."""

    def __init__(self, message: str, hint: str | None = None, retry: bool = False):
        super().__init__(message, hint=hint)
        self.retry = retry


RETRY_PAUSE = 0.5  # seconds before the first retry; doubled each time


@dataclass
class LoadResult:
    url: str
    status: int
    triples: int
    bytes: int


def graph_store_url(endpoint: str, graph: str | None = None) -> str:
    """The Graph Store Protocol URL of ``graph`` (None: the default graph) at ``endpoint``."""
    query = "default" if graph is None else "graph=" + urllib.parse.quote(graph, safe="")
    return endpoint + ("&" if urllib.parse.urlsplit(endpoint).query else "?") + query


def _first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    return text.splitlines()[0].strip()[:300] if text else ""


def chunks(items: list, size: int | None) -> list[list]:
    """``items`` in consecutive pieces of at most ``size`` (None or 0: one piece; never none)."""
    if not size or len(items) <= size:
        return [items]
    return [items[i:i + size] for i in range(0, len(items), size)]


class Credentials:
    """A user's password, answering the server's challenge before the body is sent.

    A server that wants Digest (Virtuoso's ``/sparql-graph-crud-auth``) answers a
    big body sent without it with a 401 and a closed connection, before the body
    is read ("Broken pipe"). So each request is preceded by an empty ``POST`` (it
    adds nothing) that fetches the challenge; the request then carries its
    Digest (or Basic) ``Authorization`` from the start.
    """

    def __init__(self, url: str, user: str, password: str | None, preemptive: bool = False):
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, url, user, password or "")
        self.digest = urllib.request.HTTPDigestAuthHandler(manager)
        self.basic = "Basic " + base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        self.preemptive = preemptive

    def _challenge(self, http, url: str, content_type: str, timeout: float) -> str | None:
        probe = urllib.request.Request(url, data=b"", method="POST", headers={"Content-Type": content_type})
        try:
            with http.open(probe, timeout=timeout) as response:
                response.read()
                return None
        except urllib.error.HTTPError as exc:
            exc.read()
            return exc.headers.get("WWW-Authenticate") if exc.code == 401 else None

    def sign(self, http, request: urllib.request.Request, timeout: float) -> None:
        """Add the ``Authorization`` header ``request`` needs (none if the server asks for none)."""
        if self.preemptive:
            request.add_unredirected_header("Authorization", self.basic)
            return
        challenge = self._challenge(http, request.full_url, request.get_header("Content-type"), timeout) or ""
        scheme, _, params = challenge.partition(" ")
        if scheme.lower() == "digest":
            fields = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(params)))
            answer = self.digest.get_authorization(request, fields)
            if answer:
                request.add_unredirected_header("Authorization", "Digest " + answer)
        elif scheme.lower() == "basic":
            request.add_unredirected_header("Authorization", self.basic)


def _request(url: str, data: bytes, content_type: str, replace: bool) -> urllib.request.Request:
    return urllib.request.Request(url, data=data, method="PUT" if replace else "POST",
                                  headers={"Content-Type": content_type})


def _why_unreachable(reason, host: str | None, timeout: float) -> str:
    if isinstance(reason, socket.gaierror):
        return f"unknown host {host!r}"
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return f"no answer within {timeout:g}s"
    return getattr(reason, "strerror", None) or str(reason)


def _send(http, request: urllib.request.Request, endpoint: str, timeout: float) -> int:
    """Send ``request``; its HTTP status, or :class:`LoadError` saying who refused it or why it got nowhere
    (``retry`` set when trying again may help: a dropped connection, a timeout, a 5xx)."""
    host = urllib.parse.urlsplit(endpoint).hostname
    try:
        with http.open(request, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        detail = _first_line(exc.read() or b"")
        raise LoadError(f"{request.full_url} refused the graph: HTTP {exc.code} {exc.reason}"
                        + (f": {detail}" if detail else ""), retry=exc.code >= 500) from None
    except urllib.error.URLError as exc:
        raise LoadError(f"cannot reach {endpoint}: {_why_unreachable(exc.reason, host, timeout)}",
                        retry=not isinstance(exc.reason, socket.gaierror)) from None
    except (socket.timeout, TimeoutError) as exc:
        raise LoadError(f"cannot reach {endpoint}: {_why_unreachable(exc, host, timeout)}", retry=True) from None
    except (ConnectionError, http_client.HTTPException) as exc:
        raise LoadError(f"cannot reach {endpoint}: {getattr(exc, 'strerror', None) or exc}", retry=True) from None


def _send_with_retries(http, request, endpoint: str, timeout: float, retries: int, progress,
                       credentials: Credentials | None = None) -> int:
    for attempt in range(retries + 1):
        try:
            if credentials is not None:
                credentials.sign(http, request, timeout)
            return _send(http, request, endpoint, timeout)
        except LoadError as exc:
            if not exc.retry or attempt == retries:
                raise
            progress(f"{exc}; trying again ({attempt + 1} of {retries})")
            time.sleep(min(2 ** attempt, 10) * RETRY_PAUSE)
    raise AssertionError("unreachable")


@dataclass
class Target:
    """One graph to write: its URL, what goes there, and how (N-Triples or N-Quads)."""

    url: str
    items: list
    format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES
    content_type: str = CONTENT_TYPE


def targets(data, endpoint: str, graph: str | None, dataset: bool) -> list[Target]:
    """Where each part of ``data`` goes: one graph, or (``dataset``) the main graph then each named graph."""
    if not dataset:
        return [Target(graph_store_url(endpoint, graph), list(data))]
    graphs: dict = {}
    for q in data:
        graphs.setdefault(q.graph_name, []).append(ox.Triple(q.subject, q.predicate, q.object))
    main = graphs.pop(ox.DefaultGraph(), [])
    out = [Target(graph_store_url(endpoint, graph), main)]
    return out + [Target(graph_store_url(endpoint, name.value), triples) for name, triples in graphs.items()]


def _require_http(endpoint: str) -> None:
    """Raise :class:`LoadError` unless ``endpoint`` is an http(s) URL with a host."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise LoadError(f"not an http(s) URL: {endpoint!r}")


def requests_of(graphs: list[Target], chunk: int | None) -> list[tuple[Target, list, bool]]:
    """The requests that send ``graphs``: (target, its piece, whether the target's first piece), in order.

    >>> [(t.url, piece, first) for t, piece, first in requests_of([Target("a", [1, 2, 3]), Target("b", [])], 2)]
    [('a', [1, 2], True), ('a', [3], False), ('b', [], True)]
    """
    return [(t, piece, n == 0) for t in graphs for n, piece in enumerate(chunks(t.items, chunk))]


def push(data, endpoint: str, graph: str | None = None, *, replace: bool = True, timeout: float = 120,
         user: str | None = None, password: str | None = None, dataset: bool = False, chunk: int | None = None,
         retries: int = 2, progress=None, preemptive: bool = False) -> LoadResult:
    """Send ``data`` (triples; quads with ``dataset``) to the Graph Store Protocol ``endpoint``, ``chunk``
    triples a request; raise :class:`LoadError` (saying how much had gone) when a request fails for good."""
    _require_http(endpoint)
    progress = progress or (lambda message: None)
    http = urllib.request.build_opener()
    credentials = Credentials(endpoint, user, password, preemptive) if user is not None else None
    plan = requests_of(targets(data, endpoint, graph, dataset), chunk)
    sent = size = status = 0
    for n, (target, piece, first_of_target) in enumerate(plan, 1):
        body = ox.serialize(piece, format=target.format)
        request = _request(target.url, body, target.content_type, replace and first_of_target)
        try:
            status = _send_with_retries(http, request, endpoint, timeout, retries, progress, credentials)
        except LoadError as exc:
            if not sent:
                raise
            raise LoadError(f"{exc} (after {sent:,} of {len(data):,} sent: the store may hold part of the graph)",
                            hint="load again: the first request replaces the graph") from None
        sent, size = sent + len(piece), size + len(body)
        if len(plan) > 1:
            progress(f"sent {sent:,} of {len(data):,} ({n} of {len(plan)} requests)")
    return LoadResult(plan[0][0].url if len(plan) == 1 else endpoint, status, sent, size)
