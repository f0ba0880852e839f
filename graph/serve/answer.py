"""What ``kg serve`` answers itself: SPARQL queries (the protocol's ``/query``) and entity pages.

Each function here returns the *work* for :func:`graph.serve.worker.relay`: a
function the forked child runs, yielding ``b"STATUS content/type"`` and then
the body. The store is an in-memory pyoxigraph store holding the graph in the
default graph and a named graph per source (as the TriG export).

Content negotiation follows ``Accept``: SPARQL results as JSON (the default),
XML, CSV or TSV; graphs as Turtle (the default), N-Triples or RDF/XML. An
entity IRI (``BASE/entity/ID``) is served at ``/entity/ID``: Turtle, or an
HTML page for a browser (``Accept: text/html``), every value escaped.

>>> pick("text/csv;q=0.5, application/sparql-results+json", RESULT_TYPES)
'application/sparql-results+json'
>>> pick("*/*", GRAPH_TYPES), pick("image/png", GRAPH_TYPES)
('text/turtle', None)
"""

from __future__ import annotations

import html
from urllib.parse import parse_qs, quote, urlsplit

import pyoxigraph as ox

from graph.query.portable import list_columns, sort_lists
from graph.query.results import Result, to_csv, to_json
from graph.query.sparql import prefixes

RESULT_TYPES = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
                "application/json": ox.QueryResultsFormat.JSON,
                "application/sparql-results+xml": ox.QueryResultsFormat.XML,
                "text/csv": ox.QueryResultsFormat.CSV, "text/tab-separated-values": ox.QueryResultsFormat.TSV}
GRAPH_TYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
               "application/rdf+xml": ox.RdfFormat.RDF_XML}
TEXT = "text/plain; charset=utf-8"


WILDCARDS = {"*/*": "", "application/*": "application/", "text/*": "text/"}  # media range → prefix it takes


def _quality(params: list[str]) -> float:
    """The ``q=`` among a media range's parameters (1.0 when absent or not a number).

    >>> _quality(["q=0.5"]), _quality(["level=1"]), _quality(["q=x"])
    (0.5, 1.0, 1.0)
    """
    return next((float(p[2:]) for p in params if p.startswith("q=") and p[2:].replace(".", "", 1).isdigit()), 1.0)


def _ranked(accept: str) -> list[str]:
    """The media ranges of an ``Accept`` header, best first (higher q, then the earlier); ``*/*`` for none.

    >>> _ranked("text/csv;q=0.5, Application/JSON")
    ['application/json', 'text/csv']
    """
    ranked = []
    for n, part in enumerate((accept or "*/*").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        ranked.append((-_quality(params), n, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def pick(accept: str, offered: dict) -> str | None:
    """The first media type of ``offered`` the ``Accept`` header takes (by its q order); the first offered for
    ``*/*`` or no header; None when it takes none of them.

    >>> pick("text/*;q=0.9, application/json", {"text/csv": 1, "application/json": 2})
    'application/json'
    """
    for media in _ranked(accept):
        if media in offered:
            return media
        if media in WILDCARDS:
            return next((m for m in offered if m.startswith(WILDCARDS[media])), None)
    return None


class OnDisk:
    """The store of the running Oxigraph server at ``location``, opened read-only at the first query.

    With updates allowed the Oxigraph server holds the data; reads still go to a
    forked worker (:mod:`graph.serve.worker`), which opens this read-only (a
    snapshot with every update made so far) and is killed when its client goes.
    The parent never queries it, so it never opens it.

    >>> OnDisk("/nonexistent").store is None
    True
    """

    def __init__(self, location):
        self.location, self.store = str(location), None

    def query(self, *args, **kwargs):
        """``Store.query`` on the snapshot (opened now, in the worker, if it is not yet)."""
        if self.store is None:
            self.store = ox.Store.read_only(self.location)
        return self.store.query(*args, **kwargs)


def load_store(triples, named_quads=()) -> ox.Store:
    """An in-memory store with ``triples`` in the default graph and ``named_quads`` in their graphs."""
    store = ox.Store()
    default = ox.DefaultGraph()
    store.extend(ox.Quad(t.subject, t.predicate, t.object, default) for t in triples)
    store.extend(named_quads)
    return store


def query_request(path: str, content_type: str, body: bytes) -> dict:
    """The SPARQL protocol parameters of a request: ``query``, ``default-graph-uri``, ``named-graph-uri``."""
    params = parse_qs(urlsplit(path).query)
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        for key, values in parse_qs(body.decode("utf-8", "replace")).items():
            params.setdefault(key, []).extend(values)
    elif kind == "application/sparql-query":
        params.setdefault("query", []).append(body.decode("utf-8", "replace"))
    return params


def _dataset(params: dict) -> dict:
    """The query's dataset, from the protocol's graph parameters (by default: the store's default graph)."""
    options = {}
    if params.get("default-graph-uri"):
        options["default_graph"] = [ox.NamedNode(iri) for iri in params["default-graph-uri"]]
    if params.get("named-graph-uri"):
        options["named_graphs"] = [ox.NamedNode(iri) for iri in params["named-graph-uri"]]
    return options


def _engine_writes(media: str, lists) -> bool:
    """Whether the engine's own serialisation is the answer: not CSV, and no lists to sort in a JSON answer.

    >>> [_engine_writes(media, lists) for media, lists in [("application/json", []), ("application/json", ["x"]),
    ...                                                    ("text/csv", [])]]
    [True, False, False]
    """
    return media != "text/csv" and (not lists or media not in ("application/sparql-results+json", "application/json"))


def _literal_like(term: ox.Literal, text: str) -> ox.Literal:
    """A literal of ``text`` with the language, or else the datatype, of ``term``.

    >>> _literal_like(ox.Literal("a", language="es"), "b").language
    'es'
    """
    if term.language:
        return ox.Literal(text, language=term.language)
    return ox.Literal(text, datatype=term.datatype)


def _selected(answer, text: str, media: str) -> bytes:
    """A SELECT answer serialised, its ``GROUP_CONCAT(DISTINCT …)`` lists sorted as ``kg query`` prints them;
    CSV always as ``kg query --format csv`` writes it (a cell a spreadsheet would run gets a leading ``'``)."""
    lists = list_columns(text)
    if _engine_writes(media, lists):
        return answer.serialize(format=RESULT_TYPES[media])
    variables = [v.value for v in answer.variables]
    rows = [tuple(solution[v] for v in variables) for solution in answer]
    rows = sort_lists(variables, rows, lists, _literal_like)
    result = Result("select", variables, rows)
    return (to_csv(result) if media == "text/csv" else to_json(result)).encode("utf-8")


def query_work(store: ox.Store, params: dict, accept: str):
    """The work of answering one SPARQL query (already through the guard)."""
    def work():
        texts = params.get("query") or []
        if len(texts) != 1:
            yield f"400 {TEXT}".encode()
            yield b"give exactly one query parameter (SPARQL 1.1 protocol)\n"
            return
        try:
            answer = store.query(texts[0], **_dataset(params))
        except (SyntaxError, ValueError, OSError, RuntimeError) as exc:
            yield f"400 {TEXT}".encode()
            yield f"query: error: {exc}\n".encode()
            return
        offered = GRAPH_TYPES if isinstance(answer, ox.QueryTriples) else RESULT_TYPES
        media = pick(accept, offered)
        if media is None:
            yield f"406 {TEXT}".encode()
            yield f"the answer is offered as {', '.join(offered)}\n".encode()
            return
        body = (_selected(answer, texts[0], media) if isinstance(answer, ox.QuerySolutions)
                else answer.serialize(format=offered[media]))
        yield f"200 {media}; charset=utf-8".encode()
        yield body
    return work


# ---------------------------------------------------------------- entity pages

DESCRIBE = """CONSTRUCT { ?e ?p ?o . ?s ?sp ?so } WHERE {
  { ?e ?p ?o } UNION { ?s rdf:subject|rdf:object ?e ; ?sp ?so }
}"""


def _triples(store: ox.Store, iri: str) -> list[ox.Triple]:
    answer = store.query(DESCRIBE, prefixes=prefixes(), substitutions={ox.Variable("e"): ox.NamedNode(iri)})
    return sorted(answer, key=lambda t: (t.subject.value != iri, str(t.subject), str(t.predicate), str(t.object)))


def _cell(term, base: str) -> str:
    if isinstance(term, ox.NamedNode):
        local = term.value[len(base) + len("entity/"):] if term.value.startswith(base + "entity/") else None
        href = f"/entity/{quote(local)}" if local is not None else term.value
        return f'<a href="{html.escape(href)}">{html.escape(term.value)}</a>'
    return html.escape(term.value if isinstance(term, ox.Literal) else str(term))


def entity_html(iri: str, triples: list[ox.Triple], base: str) -> bytes:
    """An HTML page of an entity's triples (its own first, then the statements about it), every value escaped."""
    labels = [t.object.value for t in triples if t.subject.value == iri and t.predicate.value.endswith("#label")]
    title = html.escape(labels[0] if labels else iri)
    rows = "\n".join(f"<tr><td>{_cell(t.subject, base)}</td><td>{_cell(t.predicate, base)}</td>"
                     f"<td>{_cell(t.object, base)}</td></tr>" for t in triples)
    page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>\n'
            f"<body><h1>{title}</h1>\n<p>{html.escape(iri)}</p>\n<table>\n"
            f"<tr><th>subject</th><th>predicate</th><th>object</th></tr>\n{rows}\n</table></body></html>\n")
    return page.encode("utf-8")


def entity_work(store: ox.Store, base: str, entity_id: str, accept: str):
    """The work of answering ``GET /entity/ID``: Turtle, or HTML when the client prefers it."""
    def work():
        iri = base + "entity/" + entity_id
        try:
            triples = _triples(store, iri)
        except ValueError:
            triples = []
        if not triples:
            yield f"404 {TEXT}".encode()
            yield f"no entity {entity_id!r} in this graph\n".encode()
            return
        media = pick(accept, {**GRAPH_TYPES, "text/html": None}) or "text/turtle"
        if media == "text/html":
            yield b"200 text/html; charset=utf-8"
            yield entity_html(iri, triples, base)
            return
        yield f"200 {media}; charset=utf-8".encode()
        yield ox.serialize(triples, format=GRAPH_TYPES[media], prefixes=prefixes(base))
    return work
