"""The RDF exports: Turtle (the primary), N-Triples, JSON-LD, and TriG with one
named graph per source document.

All four serialise the already-sorted ``kg.triples`` with pyoxigraph, so the
same facts give the same bytes whatever the hash seed. Turtle and TriG start
with the same header: the prefixes in alphabetical order (:func:`prefix_header`).

The TriG rule (:func:`source_graphs`; :mod:`graph.exports.trig_graphs` applies it): the named graph
of a source, named by the source's IRI (``src:ellis-2015``), holds what that source supports:

* every entity, relationship statement and estimate it is cited for, with its
  descriptive triples (type, label, aliases, description, time, place, status);
* only the citations drawn from that source (citation and quote-selector
  nodes, and the ``nx:citation`` link to them) and the ``prov:wasDerivedFrom``
  link to that source alone;
* the direct "truthy" triple (``ent:x nx:leader_of ent:y``) of every
  undisputed statement it supports.

A record cited by two sources appears in both graphs. The default graph holds
the ontology and the source register (the documents' own descriptions). The
union of every graph is exactly the Turtle export.

>>> from graph.builder import build
>>> kg = build("tests/fixtures/mini")
>>> render_ntriples(kg).count(b"\\n") == len(kg.triples)
True
>>> quads = dataset_quads(kg)
>>> sorted({str(q.graph_name) for q in quads})[:2]
['<https://w3id.org/peru-nexus/source/excerpt>', 'DEFAULT']
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pyoxigraph as ox

from graph import speedups
from graph.builder import KnowledgeGraph
from graph.exports.registry import STEM, single
from graph.exports.trig_graphs import graph_members

JSONLD_INDENT = 1


# -- Turtle and N-Triples -------------------------------------------------------------------------


def _after_prefixes(body: bytes) -> int:
    """Where the serialiser's own ``@prefix`` lines end (found without splitting the body into lines)."""
    at = 0
    while body.startswith(b"@prefix", at):
        end = body.find(b"\n", at)
        at = len(body) if end < 0 else end + 1
    return at


def prefix_header(prefixes: dict[str, str], body: bytes) -> bytes:
    r"""``body`` with the serialiser's prefix lines replaced by all ``prefixes`` in alphabetical order.

    >>> prefix_header({"b": "http://b/", "a": "http://a/"}, b"@prefix b: <http://b/> .\nb:x b:y b:z .\n")
    b'@prefix a: <http://a/> .\n@prefix b: <http://b/> .\nb:x b:y b:z .\n'
    """
    header = [f"@prefix {k}: <{v}> .".encode() for k, v in sorted(prefixes.items())]
    return b"\n".join(header + [body[_after_prefixes(body):]])


SLICE = 200_000  # triples serialised at a time when a file is streamed


def _subject_slices(triples) -> list[tuple[int, int]]:
    """``(start, stop)`` of slices of about :data:`SLICE` triples, cut between subjects (the whole
    list as one slice when the fast writer recorded no subject slices)."""
    runs = getattr(triples, "runs", None)
    if not runs or runs[-1][2] != len(triples):
        return [(0, len(triples))]
    cuts, start = [], 0
    for _, _, stop in runs:
        if stop - start >= SLICE:
            cuts.append((start, stop))
            start = stop
    return cuts + [(start, len(triples))] if start < len(triples) or not cuts else cuts


def turtle_chunks(kg: KnowledgeGraph):
    """The Turtle file, a few subjects' worth at a time (see :func:`render_turtle`)."""
    prefixes = kg.namespaces.prefixes()
    for n, (start, stop) in enumerate(_subject_slices(kg.triples)):
        body = ox.serialize(kg.triples[start:stop], format=ox.RdfFormat.TURTLE, prefixes=prefixes)
        yield prefix_header(prefixes, body) if n == 0 else body[_after_prefixes(body):]


def render_turtle(kg: KnowledgeGraph) -> bytes:
    """Turtle with the prefixes declared in alphabetical order (a fixed header for clean diffs)."""
    return b"".join(turtle_chunks(kg))


def ntriples_chunks(kg: KnowledgeGraph):
    """The N-Triples file, :data:`SLICE` lines at a time."""
    triples = kg.triples
    for start in range(0, max(len(triples), 1), SLICE):
        yield ox.serialize(triples[start:start + SLICE], format=ox.RdfFormat.N_TRIPLES)


def render_ntriples(kg: KnowledgeGraph) -> bytes:
    """N-Triples, one triple a line, in the Turtle's order."""
    return b"".join(ntriples_chunks(kg))


# -- TriG ---------------------------------------------------------------------------------------


def source_graphs(kg: KnowledgeGraph) -> dict[ox.Triple, tuple[str, ...]]:
    """Which source graphs each triple belongs to (triples absent here go to the default graph).

    Returns ``{triple: (source IRI, ...)}``, the IRIs in order.
    """
    out: dict = defaultdict(tuple)
    for g, triples in sorted(graph_members(kg)[1].items()):
        for t in triples:
            out[t] += (g,)
    return dict(out)


def dataset_quads(kg: KnowledgeGraph) -> list[ox.Quad]:
    """The graph as quads: the default graph first, then each source's graph in IRI order."""
    default_triples, by_graph = graph_members(kg)
    default = ox.DefaultGraph()
    quads = [ox.Quad(t.subject, t.predicate, t.object, default) for t in default_triples]
    for g in sorted(by_graph):
        name = ox.NamedNode(g)
        quads.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in by_graph[g])
    return quads


def _turtle_body(triples: list, prefixes: dict[str, str]) -> bytes:
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    return body[_after_prefixes(body):]


def _graph_name(iri: str, prefixes: dict[str, str]) -> bytes:
    """How the TriG serialiser writes a graph's name (``src:ellis-2015``)."""
    quad = ox.Quad(ox.NamedNode(iri), ox.NamedNode(iri), ox.NamedNode(iri), ox.NamedNode(iri))
    body = ox.serialize([quad], format=ox.RdfFormat.TRIG, prefixes=prefixes)
    body = body[_after_prefixes(body):]
    return body[:body.index(b" {\n")]


def trig_chunks(kg: KnowledgeGraph):
    """The TriG file a few subjects at a time: each named graph is its triples' Turtle, indented by a tab,
    written :data:`SLICE` triples at a time (a source cited for most of the graph holds most of its triples).

    Byte for byte what pyoxigraph's TriG serialiser writes for :func:`dataset_quads`.
    """
    prefixes = kg.namespaces.prefixes()
    default, by_graph = graph_members(kg)
    yield prefix_header(prefixes, _turtle_body(default, prefixes) if default else b"")
    for g in sorted(by_graph):
        members = by_graph.pop(g)
        yield _graph_name(g, prefixes) + b" {\n\t"
        for start, stop in _cut_between_subjects(members):
            body = _turtle_body(members[start:stop], prefixes)
            yield (body.rstrip(b"\n") if stop == len(members) else body).replace(b"\n", b"\n\t")
        yield b"\n}\n"


def _cut_between_subjects(triples: list, size: int | None = None):
    """``(start, stop)`` of slices of ``triples`` (sorted by subject) of about ``size`` each, cut between subjects.

    >>> a, b = ox.NamedNode("http://x/a"), ox.NamedNode("http://x/b")
    >>> list(_cut_between_subjects([ox.Triple(s, a, a) for s in (a, a, a, b)], size=2))
    [(0, 3), (3, 4)]
    """
    start, size = 0, size or SLICE
    while start < len(triples):
        stop = min(start + size, len(triples))
        while stop < len(triples) and triples[stop].subject == triples[stop - 1].subject:
            stop += 1
        yield start, stop
        start = stop


def render_trig(kg: KnowledgeGraph) -> bytes:
    """TriG: the ontology and sources in the default graph, a named graph per source document."""
    return b"".join(trig_chunks(kg))


# -- JSON-LD ------------------------------------------------------------------------------------


def _compactor(prefixes: dict[str, str]):
    """``compact(iri)``: ``prefix:local`` against the longest matching prefix, else the IRI itself (a prefix
    that is the whole IRI, or followed by ``//``, does not match). One regular expression tries them all.

    >>> compact = _compactor({"x": "http://x/", "xy": "http://x/y/"})
    >>> compact("http://x/y/z"), compact("http://x/y///z"), compact("http://x/"), compact("http://z/")
    ('xy:z', 'x:y///z', 'http://x/', 'http://z/')
    """
    ordered = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
    names = [name for name, _ in ordered]
    alternatives = "|".join(f"({re.escape(ns)})" for _, ns in ordered)
    match = re.compile(f"(?:{alternatives})(?!//)(?=[\\s\\S])").match if ordered else lambda iri: None

    def compact(iri: str) -> str:
        found = match(iri)
        return iri if found is None else f"{names[found.lastindex - 1]}:{iri[found.end():]}"

    return compact


def _compact_node(node: dict, compact) -> dict:
    """One expanded JSON-LD node with its IRIs (ids, types, property names) compacted."""
    out = {}
    for k, vs in node.items():
        if k == "@id":
            out[k] = compact(vs)
        elif k == "@type":
            out[k] = [compact(x) for x in vs]
        else:
            out[compact(k)] = [{j: compact(x) if j in ("@id", "@type") else x for j, x in v.items()} for v in vs]
    return out


def _dumps(doc) -> str:
    indent = " " * JSONLD_INDENT
    if speedups.enabled():
        from graph.speedups.jsondump import dumps_indented

        return dumps_indented(doc, indent)
    return json.dumps(doc, ensure_ascii=False, indent=indent)


def jsonld_chunks(kg: KnowledgeGraph):
    """The JSON-LD file, a piece at a time (see :func:`render_jsonld`)."""
    prefixes = kg.namespaces.prefixes()
    if not speedups.enabled() or not prefixes:
        return iter([_jsonld_plain(kg)])
    from graph.speedups.fastjsonld import jsonld_chunks as fast

    return fast(kg.triples, dict(sorted(prefixes.items())), _compactor(prefixes))


def render_jsonld(kg: KnowledgeGraph) -> bytes:
    """JSON-LD: pyoxigraph's expanded form, with IRIs compacted against the prefixes as ``@context``.

    Every prefix IRI ends in ``/`` or ``#``, so JSON-LD 1.1 processors use them as
    prefixes; the document expands back to exactly the Turtle's triples.
    """
    return b"".join(jsonld_chunks(kg))


def _jsonld_plain(kg: KnowledgeGraph) -> bytes:
    prefixes = kg.namespaces.prefixes()
    compact = _compactor(prefixes)
    nodes = json.loads(ox.serialize(kg.triples, format=ox.RdfFormat.JSON_LD))
    doc = {"@context": dict(sorted(prefixes.items())), "@graph": [_compact_node(n, compact) for n in nodes]}
    return (_dumps(doc) + "\n").encode()


TURTLE = single("turtle", f"{STEM}.ttl", render_turtle, turtle_chunks)
NTRIPLES = single("ntriples", f"{STEM}.nt", render_ntriples, ntriples_chunks)
JSONLD = single("jsonld", f"{STEM}.jsonld", render_jsonld, jsonld_chunks)
TRIG = single("trig", f"{STEM}.trig", render_trig, trig_chunks)
