"""The RDF exports: Turtle (the primary), N-Triples, JSON-LD, and TriG with one
named graph per source document.

All four serialise the already-sorted ``kg.triples`` with pyoxigraph, so the
same facts give the same bytes whatever the hash seed. Turtle and TriG start
with the same header: the prefixes in alphabetical order (:func:`prefix_header`).

The TriG rule (:func:`source_graphs`): the named graph of a source, named by
the source's IRI (``src:ellis-2015``), holds what that source supports:

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
from itertools import groupby
from operator import attrgetter

import pyoxigraph as ox

from graph import speedups
from graph.builder import KnowledgeGraph
from graph.builder.rdf import PROV, RDF_TYPE
from graph.exports.registry import STEM, single

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


class _Placement:
    """Which sources each subject IRI, and each of its exact links, is drawn from, worked out one subject
    at a time as its triples are placed (:meth:`sources`, :meth:`split`).

    A record (entity, statement, estimate) is drawn from its citations' sources; its citation and quote
    nodes (``…/citation/<owner>-<n>``, ``…/quote/<owner>-<n>``) and its links to a citation node and to a
    source (``nx:citation``, ``prov:wasDerivedFrom``) from that citation's source alone; an undisputed
    statement's direct link from the statement's sources. Only the records and the direct links are
    kept, not an entry for every citation (those took 160 MB at 10,000 entities).
    """

    def __init__(self, kg: KnowledgeGraph):
        ns = kg.namespaces
        # the namespaces as plain strings, once (each is a property that concatenates)
        self.source, self.citation, self.quote = ns.source, ns.citation, ns.quote
        self.cites, self.derived = ns.vocab + "citation", PROV + "wasDerivedFrom"
        self.records: dict[str, tuple] = {}  # subject IRI: (owner id, citations)
        self.owners: dict[str, list] = defaultdict(list)  # owner id: the citations of each record of that id
        self.direct: dict[str, dict[tuple, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.iris: dict[str, str] = {}  # source id: its IRI

    def record(self, subject: str, owner: str, citations) -> None:
        """A record: its subject IRI, its id (which its citation and quote nodes are named after), its citations."""
        cited = tuple(self._iri(c.source) for c in citations)  # each citation's source IRI, in order
        self.records[subject] = (owner, cited)
        self.owners[owner].append(cited)

    def link(self, subject: str, predicate: str, obj: str) -> set[str]:
        """The sources of the direct link ``subject predicate obj`` (IRIs), to be filled in."""
        return self.direct[subject][(predicate, f"<{obj}>")]

    def _iri(self, source: str) -> str:
        found = self.iris.get(source)
        if found is None:
            found = self.iris[source] = self.source + source
        return found

    def _node_sources(self, subject: str) -> tuple:
        """The sources of a citation or quote node (``<namespace><owner>-<n>``): its citation's; else none."""
        for ns in (self.citation, self.quote):
            if subject.startswith(ns):
                owner, _, n = subject[len(ns):].rpartition("-")
                at = int(n) if n.isdigit() else 0
                cited = self.owners.get(owner, ())
                if len(cited) == 1:  # an id of one record (the common case)
                    return (cited[0][at - 1],) if 0 < at <= len(cited[0]) else ()
                return tuple(sorted({c[at - 1] for c in cited if 0 < at <= len(c)}))
        return ()

    def _links(self, subject: str, owner: str, cited: tuple) -> dict[tuple, set[str]]:
        """``{(predicate, str(object)): sources}``: the subject's exact links."""
        links: dict[tuple, set[str]] = defaultdict(set, {k: set(v) for k, v in self.direct.get(subject, {}).items()})
        for n, src in enumerate(cited, 1):
            links[(self.cites, f"<{self.citation}{owner}-{n}>")].add(src)
            links[(self.derived, f"<{src}>")].add(src)
        return links

    def sources(self, subject: str | None) -> tuple[tuple, dict | None]:
        """``(graphs, links)``: the subject's source graphs (IRIs, in order), and its exact links if any of them
        goes elsewhere (``None``: every triple of the subject goes to ``graphs``, the default graph if none)."""
        record = None if subject is None else self.records.get(subject)
        if record is None:
            return ((), None) if subject is None else (self._node_sources(subject), None)
        own = set(record[1])
        links = self._links(subject, *record)
        graphs = tuple(sorted(own))
        return graphs, None if all(found == own for found in links.values()) else links

    @staticmethod
    def split(run: list, graphs: tuple, links: dict, default: list, by_graph: dict) -> None:
        """Put one subject's triples ``run`` in their graphs: a triple goes to its exact link's sources if it
        is one, else to its subject's ``graphs``."""
        linking = {p for p, _ in links}  # a triple of another predicate goes where its subject does
        for t in run:
            p = t.predicate.value
            found = links.get((p, str(t.object))) if p in linking else None
            targets = graphs if found is None else sorted(found)
            for g in targets:
                by_graph[g].append(t)
            if not targets:
                default.append(t)


def _placement(kg: KnowledgeGraph) -> _Placement:
    ns, facts = kg.namespaces, kg.facts
    placement = _Placement(kg)
    record, entity, source, vocab = placement.record, ns.entity, ns.source, ns.vocab
    for ent in facts.entities.values():
        record(entity + ent.id, ent.id, ent.citations)
    statement = ns.statement
    for st in facts.statements.values():
        record(statement + st.id, st.id, st.citations)
        if not st.is_disputed:
            direct = placement.link(entity + st.subject, vocab + st.predicate, entity + st.object)
            direct.update(source + c.source for c in st.citations)
    estimate = ns.estimate
    for est in facts.estimates.values():
        record(estimate + est.id, est.id, est.citations)
    return placement


def graph_members(kg: KnowledgeGraph) -> tuple[list, dict[str, list]]:
    """The default graph's triples, and each source graph's (by source IRI), each in ``kg.triples`` order.

    The rule is in the module docstring. Consecutive subjects bound for the same graphs are put there as one slice.
    """
    placement, triples = _placement(kg), kg.triples
    default: list = []
    by_graph: dict[str, list] = defaultdict(list)
    block, first, last = (), 0, 0  # triples[first:last]: whole subjects, all bound for the graphs ``block``
    for subject, start, stop in _subject_runs(triples):
        graphs, links = placement.sources(subject)
        if links is None and graphs == block and start == last:
            last = stop
            continue
        _put(triples[first:last], block, default, by_graph)
        if links is None:
            block, first, last = graphs, start, stop
        else:
            placement.split(triples[start:stop], graphs, links, default, by_graph)
            block, first, last = (), stop, stop
    _put(triples[first:last], block, default, by_graph)
    return default, dict(by_graph)


def _put(run: list, graphs: tuple, default: list, by_graph: dict) -> None:
    for g in graphs:
        by_graph[g].extend(run)
    if not graphs:
        default.extend(run)


def _subject_runs(triples):
    """``(subject IRI or None for a blank node, start, stop)`` of each subject's slice of the sorted ``triples``:
    the slices the fast writer recorded (graph/speedups/fastrdf.py) when it did."""
    runs = getattr(triples, "runs", None)
    if runs and runs[-1][2] == len(triples):
        return [(None if subject.startswith("_:") else subject, start, stop) for subject, start, stop in runs]
    found, start = [], 0
    for subject, run in groupby(triples, key=attrgetter("subject")):
        stop = start + sum(1 for _ in run)
        found.append((subject.value if type(subject) is ox.NamedNode else None, start, stop))
        start = stop
    return found


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
