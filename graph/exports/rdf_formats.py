"""The RDF exports besides Turtle: N-Triples, JSON-LD, and TriG with one named
graph per source document.

All three serialise the already-sorted ``kg.triples`` with pyoxigraph, so the
same facts give the same bytes whatever the hash seed.

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
from collections import defaultdict

import pyoxigraph as ox

from graph.builder import KnowledgeGraph
from graph.builder.rdf import PROV

JSONLD_INDENT = 1


def render_ntriples(kg: KnowledgeGraph) -> bytes:
    """N-Triples, one triple a line, in the Turtle's order."""
    return ox.serialize(kg.triples, format=ox.RdfFormat.N_TRIPLES)


def _prefix_header(kg: KnowledgeGraph, body: bytes) -> bytes:
    """Replace the serialiser's prefix lines with the prefixes in alphabetical order."""
    from graph.exports.write import _after_prefixes

    prefixes = kg.namespaces.prefixes()
    header = [f"@prefix {k}: <{v}> .".encode() for k, v in sorted(prefixes.items())]
    return b"\n".join(header + [body[_after_prefixes(body):]])


def source_graphs(kg: KnowledgeGraph) -> dict[ox.Triple, tuple[str, ...]]:
    """Which source graphs each triple belongs to (triples absent here go to the default graph).

    The rule is in the module docstring. Returns ``{triple: (source IRI, ...)}``.
    """
    ns, vocab = kg.namespaces, kg.namespaces.vocab
    facts = kg.facts
    by_subject: dict[str, set[str]] = {}  # subject IRI -> source IRIs
    exact: dict[tuple[str, str, str], set[str]] = defaultdict(set)  # (s, p, o) IRIs -> source IRIs

    def record(subject: str, owner: str, citations) -> None:
        sources = by_subject.setdefault(subject, set())
        for n, c in enumerate(citations, 1):
            src = ns.source + c.source
            sources.add(src)
            cit, sel = f"{ns.citation}{owner}-{n}", f"{ns.quote}{owner}-{n}"
            by_subject.setdefault(cit, set()).add(src)
            by_subject.setdefault(sel, set()).add(src)
            exact[(subject, vocab + "citation", cit)].add(src)
            exact[(subject, PROV + "wasDerivedFrom", src)].add(src)

    for ent in facts.entities.values():
        record(ns.entity + ent.id, ent.id, ent.citations)
    for st in facts.statements.values():
        record(ns.statement + st.id, st.id, st.citations)
        if not st.is_disputed:
            direct = (ns.entity + st.subject, vocab + st.predicate, ns.entity + st.object)
            exact[direct].update(ns.source + c.source for c in st.citations)
    for est in facts.estimates.values():
        record(ns.estimate + est.id, est.id, est.citations)

    out = {}
    for t in kg.triples:
        if not isinstance(t.subject, ox.NamedNode):
            continue
        key = (t.subject.value, t.predicate.value, t.object.value if isinstance(t.object, ox.NamedNode) else None)
        graphs = exact.get(key) if key[2] is not None else None
        if graphs is None:
            graphs = by_subject.get(t.subject.value)
        if graphs:
            out[t] = tuple(sorted(graphs))
    return out


def dataset_quads(kg: KnowledgeGraph) -> list[ox.Quad]:
    """The graph as quads: the default graph first, then each source's graph in IRI order."""
    placed = source_graphs(kg)
    default = ox.DefaultGraph()
    by_graph: dict[str, list] = defaultdict(list)
    quads = []
    for t in kg.triples:
        graphs = placed.get(t)
        if not graphs:
            quads.append(ox.Quad(t.subject, t.predicate, t.object, default))
            continue
        for g in graphs:
            by_graph[g].append(t)
    for g in sorted(by_graph):
        name = ox.NamedNode(g)
        quads.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in by_graph[g])
    return quads


def render_trig(kg: KnowledgeGraph) -> bytes:
    """TriG: the ontology and sources in the default graph, a named graph per source document."""
    body = ox.serialize(dataset_quads(kg), format=ox.RdfFormat.TRIG, prefixes=kg.namespaces.prefixes())
    return _prefix_header(kg, body)


def _compactor(prefixes: dict[str, str]):
    ordered = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
    done: dict[str, str] = {}  # the same IRIs come back again and again

    def compact(iri: str) -> str:
        short = done.get(iri)
        if short is not None:
            return short
        short = iri
        for name, ns in ordered:
            if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
                short = f"{name}:{iri[len(ns):]}"
                break
        done[iri] = short
        return short

    return compact


def _dumps_indented(doc, indent: str) -> str:
    """``json.dumps(doc, ensure_ascii=False, indent=indent)``, byte for byte, several times faster.

    With ``indent`` the json module falls back to its pure-Python encoder, a
    generator per value; this writes the same text with one list of parts.
    """
    from json.encoder import encode_basestring

    parts: list[str] = []
    add = parts.append

    def enc(o, level: int) -> None:
        if isinstance(o, str):
            add(encode_basestring(o))
        elif isinstance(o, dict):
            if not o:
                add("{}")
                return
            inner = "\n" + indent * (level + 1)
            add("{")
            sep = inner
            for k, v in o.items():
                if not isinstance(k, str):  # keys the json module converts: let it write the whole
                    raise TypeError
                add(sep)
                add(encode_basestring(k))
                add(": ")
                enc(v, level + 1)
                sep = "," + inner
            add("\n" + indent * level + "}")
        elif isinstance(o, (list, tuple)):
            if not o:
                add("[]")
                return
            inner = "\n" + indent * (level + 1)
            add("[")
            sep = inner
            for v in o:
                add(sep)
                enc(v, level + 1)
                sep = "," + inner
            add("\n" + indent * level + "]")
        elif o is None or isinstance(o, (bool, int, float)):
            add(json.dumps(o))
        else:
            raise TypeError

    try:
        enc(doc, 0)
    except TypeError:
        return json.dumps(doc, ensure_ascii=False, indent=indent)
    return "".join(parts)


def render_jsonld(kg: KnowledgeGraph) -> bytes:
    """JSON-LD: pyoxigraph's expanded form, with IRIs compacted against the prefixes as ``@context``.

    Every prefix IRI ends in ``/`` or ``#``, so JSON-LD 1.1 processors use them as
    prefixes; the document expands back to exactly the Turtle's triples.
    """
    prefixes = kg.namespaces.prefixes()
    compact = _compactor(prefixes)
    nodes = json.loads(ox.serialize(kg.triples, format=ox.RdfFormat.JSON_LD))

    def value(v: dict) -> dict:
        out = {}
        for k, x in v.items():
            out[k] = compact(x) if k in ("@id", "@type") else x
        return out

    graph = []
    for node in nodes:
        out = {}
        for k, vs in node.items():
            if k == "@id":
                out[k] = compact(vs)
            elif k == "@type":
                out[k] = [compact(x) for x in vs]
            else:
                out[compact(k)] = [value(v) for v in vs]
        graph.append(out)
    doc = {"@context": dict(sorted(prefixes.items())), "@graph": graph}
    return (_dumps_indented(doc, " " * JSONLD_INDENT) + "\n").encode()
