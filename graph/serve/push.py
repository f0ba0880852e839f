"""``kg load``: push the graph into a SPARQL 1.1 Graph Store Protocol endpoint.

One HTTP request carries the whole graph as N-Triples, so a store gets all of
it or none: ``PUT`` replaces the target graph (the default), ``POST`` adds to
it. The target is ``URL?graph=IRI`` for a named graph or ``URL?default`` for
the default graph (the protocol's "indirect identification"). Endpoints:

* Oxigraph: ``http://HOST:7878/store``
* Apache Jena Fuseki: ``http://HOST:3030/DATASET/data``
* GraphDB: ``http://HOST:7200/repositories/REPO/rdf-graphs/service``
* Virtuoso: ``http://HOST:8890/sparql-graph-crud`` (with SPARQL_UPDATE granted)

With ``dataset=True`` the request carries the whole dataset as N-Quads — the
graph in the default graph plus each source's named graph, as ``kg serve``
has it — to the store's dataset URL (Oxigraph ``/store``, Fuseki ``/DATASET``),
where ``PUT`` replaces everything the store holds.

>>> graph_store_url("http://127.0.0.1:7878/store")
'http://127.0.0.1:7878/store?default'
>>> graph_store_url("http://h/ds/data", "https://w3id.org/peru-nexus/graph")
'http://h/ds/data?graph=https%3A%2F%2Fw3id.org%2Fperu-nexus%2Fgraph'
"""

from __future__ import annotations

import base64
import socket
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


def _request(endpoint: str, triples, graph: str | None, replace: bool, dataset: bool,
             user: str | None, password: str | None) -> urllib.request.Request:
    """The one HTTP request that carries the whole graph (N-Triples), or the whole dataset (N-Quads)."""
    if dataset:
        url, fmt, content_type = endpoint, ox.RdfFormat.N_QUADS, DATASET_CONTENT_TYPE
    else:
        url, fmt, content_type = graph_store_url(endpoint, graph), ox.RdfFormat.N_TRIPLES, CONTENT_TYPE
    request = urllib.request.Request(url, data=ox.serialize(triples, format=fmt), method="PUT" if replace else "POST",
                                     headers={"Content-Type": content_type})
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    return request


def _why_unreachable(reason, host: str | None, timeout: float) -> str:
    if isinstance(reason, socket.gaierror):
        return f"unknown host {host!r}"
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return f"no answer within {timeout:g}s"
    return getattr(reason, "strerror", None) or str(reason)


def _send(request: urllib.request.Request, endpoint: str, timeout: float) -> int:
    """Send ``request``; its HTTP status, or :class:`LoadError` saying who refused it or why it got nowhere."""
    host = urllib.parse.urlsplit(endpoint).hostname
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        detail = _first_line(exc.read() or b"")
        raise LoadError(f"{request.full_url} refused the graph: HTTP {exc.code} {exc.reason}"
                        + (f": {detail}" if detail else ""))
    except urllib.error.URLError as exc:
        raise LoadError(f"cannot reach {endpoint}: {_why_unreachable(exc.reason, host, timeout)}")
    except (socket.timeout, TimeoutError) as exc:
        raise LoadError(f"cannot reach {endpoint}: {_why_unreachable(exc, host, timeout)}")
    except ConnectionError as exc:
        raise LoadError(f"cannot reach {endpoint}: {exc.strerror or exc}")


def push(triples, endpoint: str, graph: str | None = None, *, replace: bool = True, timeout: float = 120,
         user: str | None = None, password: str | None = None, dataset: bool = False) -> LoadResult:
    """Send ``triples`` to the Graph Store Protocol ``endpoint`` in one request; raise :class:`LoadError`.

    With ``dataset``, ``triples`` are quads sent as N-Quads to ``endpoint`` itself: the whole
    dataset, which ``PUT`` replaces (Oxigraph's ``/store``, Fuseki's ``/DATASET``).
    """
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise LoadError(f"not an http(s) URL: {endpoint!r}")
    request = _request(endpoint, triples, graph, replace, dataset, user, password)
    status = _send(request, endpoint, timeout)
    return LoadResult(request.full_url, status, len(triples), len(request.data))
