"""A dataset engineers can publish: its VoID and DCAT description (``void.ttl``) and its SHACL shapes (``shapes.ttl``).

``void.ttl`` describes the graph as one ``void:Dataset`` and ``dcat:Dataset``
(``BASE/dataset``): title, description, version, the sources it is built
from (with what each allows), its counts (triples, entities, classes and
properties, with a partition per class and per property), example resources
(the most connected entities), the URI space of its entities, the
vocabularies it uses, one ``dcat:Distribution`` per export file, and the
licences: the code's (MIT, as ``pyproject.toml`` says) and what is known of
the data's. The project has not chosen a licence for its curated facts, so
none is claimed: ``dcterms:rights`` says so, and each source keeps its own
rights statement. ``kg serve`` serves the same description at ``/void``
with its ``void:sparqlEndpoint`` (:func:`describe` with ``endpoint``).

``shapes.ttl`` is ``ontology/shapes.ttl`` with its IRIs resolved against the
graph's base, so a store or a SHACL engine can check the data as the tests do.

>>> import graph
>>> kg = graph.build("tests/fixtures/mini")
>>> triples = describe(kg)
>>> counts = [t.object.value for t in triples if t.predicate.value == VOID + "triples"
...           and t.subject.value == kg.base + "dataset"]
>>> counts == [str(len(kg.triples))]
True
"""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox

import graph
from graph.builder import KnowledgeGraph
from graph.builder.rdf import DCTERMS, RDF_TYPE, RDFS_LABEL, XSD
from graph.exports.registry import STEM, Exporter, single
from graph.resources import data_dir

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
SCHEMA_ORG = "https://schema.org/"
OWL = "http://www.w3.org/2002/07/owl#"
TITLE = "Peru Nexus knowledge graph"
DESCRIPTION = ("A sourced knowledge graph of Peru's insurgency-narcotrafficking-crime nexus, 1980-2015: actors, "
               "groups, places, events and the relationships between them, each with its evidence (document, "
               "locator, quote, claimant).")
CODE_LICENCE = "https://spdx.org/licenses/MIT.html"
DATA_RIGHTS = ("No licence has been chosen for the curated facts of this graph yet; the code that builds it is "
               "MIT-licensed. The quotes come from the sources, each with its own rights statement (dcterms:rights "
               "on each source).")
DISTRIBUTIONS = {f"{STEM}.ttl": "text/turtle", f"{STEM}.nt": "application/n-triples",
                 f"{STEM}.jsonld": "application/ld+json", f"{STEM}.trig": "application/trig",
                 f"{STEM}.graphml": "application/graphml+xml", f"{STEM}.gexf": "application/gexf+xml",
                 f"{STEM}.html": "text/html", "shapes.ttl": "text/turtle"}
VOCABULARIES = ("http://www.w3.org/ns/prov#", "http://www.w3.org/ns/oa#", "http://www.w3.org/2004/02/skos/core#",
                SCHEMA_ORG, DCTERMS)
EXAMPLES = 3


def _n(x) -> ox.NamedNode:
    return ox.NamedNode(x)


def _int(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_n(XSD + "integer"))


def _text(s: str) -> ox.Literal:
    return ox.Literal(s, language="en")


def _partitions(dataset: ox.NamedNode, kind: str, counts: Counter, measure: str) -> list[ox.Triple]:
    """One ``void:classPartition`` or ``void:propertyPartition`` per class or property, sorted by IRI."""
    out = []
    for n, (iri, count) in enumerate(sorted(counts.items())):
        part = ox.BlankNode(f"{kind}{n}")
        out += [ox.Triple(dataset, _n(VOID + kind + "Partition"), part), ox.Triple(part, _n(VOID + kind), _n(iri)),
                ox.Triple(part, _n(VOID + measure), _int(count))]
    return out


def _walked_counts(kg: KnowledgeGraph) -> tuple[Counter, Counter, int, int]:
    """Classes and properties (with their counts), distinct subjects and distinct objects, by walking every triple."""
    classes = Counter(t.object.value for t in kg.triples if t.predicate.value == RDF_TYPE)
    properties = Counter(t.predicate.value for t in kg.triples)
    objects = {t.object for t in kg.triples if not isinstance(t.object, ox.Literal)}
    return classes, properties, len({t.subject for t in kg.triples}), len(objects)


def _subjects(kg: KnowledgeGraph) -> tuple[list, bool]:
    """Each distinct subject's text (an IRI, or ``_:id``) and whether the list is the fast writer's
    (its runs and counts: :class:`graph.speedups.fastrdf.SubjectRuns`, still matching the triples)."""
    runs, stats = getattr(kg.triples, "runs", None), getattr(kg.triples, "stats", None)
    if runs and stats is not None and stats.complete and runs[-1][2] == len(kg.triples):
        return [subject for subject, _, _ in runs], True
    return sorted({t.subject.value if type(t.subject) is ox.NamedNode else "_:" + t.subject.value
                   for t in kg.triples}), False


def _counts(kg: KnowledgeGraph, dataset: ox.NamedNode) -> list[ox.Triple]:
    subjects, known = _subjects(kg)
    if known:  # counted while the triples were sorted
        stats = kg.triples.stats
        classes, properties, n_subjects, n_objects = stats.classes, stats.properties, len(subjects), stats.objects
    else:
        classes, properties, n_subjects, n_objects = _walked_counts(kg)
    entity_space = kg.namespaces.entity
    entities = sum(1 for s in subjects if s.startswith(entity_space))
    out = [ox.Triple(dataset, _n(VOID + p), _int(v)) for p, v in (
        ("triples", len(kg.triples)), ("entities", entities), ("classes", len(classes)),
        ("properties", len(properties)), ("distinctSubjects", n_subjects), ("distinctObjects", n_objects))]
    return out + _partitions(dataset, "class", classes, "entities") + \
        _partitions(dataset, "property", properties, "triples")


def _examples(kg: KnowledgeGraph) -> list[str]:
    """The most connected entities (ties by id): by their statements, each end counted (kg.nx's degree)."""
    degree = Counter(end for st in kg.facts.statements.values() for end in (st.subject, st.object))
    return sorted(kg.facts.entities, key=lambda n: (-degree[n], n))[:EXAMPLES]


def _sources(kg: KnowledgeGraph, dataset: ox.NamedNode) -> list[ox.Triple]:
    out = []
    for sid, source in sorted(kg.facts.sources.items()):
        node = _n(kg.namespaces.source + sid)
        out.append(ox.Triple(dataset, _n(DCTERMS + "source"), node))
        if source.rights:
            out.append(ox.Triple(node, _n(DCTERMS + "rights"), _text(source.rights)))
    return out


def _distributions(dataset: ox.NamedNode, base: str) -> list[ox.Triple]:
    out = []
    for file, media in DISTRIBUTIONS.items():
        dist = _n(f"{base}dataset/{file}")
        out += [ox.Triple(dataset, _n(DCAT + "distribution"), dist),
                ox.Triple(dist, _n(RDF_TYPE), _n(DCAT + "Distribution")),
                ox.Triple(dist, _n(DCTERMS + "title"), ox.Literal(file)),
                ox.Triple(dist, _n(DCAT + "mediaType"), ox.Literal(media))]
        if file.endswith((".nt", ".ttl")) and file != "shapes.ttl":
            out.append(ox.Triple(dataset, _n(VOID + "dataDump"), dist))
    return out


def _about(kg: KnowledgeGraph, dataset: ox.NamedNode) -> list[ox.Triple]:
    code = _n(kg.base + "software")
    facts = [(RDF_TYPE, _n(VOID + "Dataset")), (RDF_TYPE, _n(DCAT + "Dataset")),
             (DCTERMS + "title", _text(TITLE)), (RDFS_LABEL, _text(TITLE)), (DCTERMS + "description", _text(DESCRIPTION)),
             (OWL + "versionInfo", ox.Literal(graph.__version__)), (DCAT + "version", ox.Literal(graph.__version__)),
             (DCTERMS + "rights", _text(DATA_RIGHTS)), (VOID + "uriSpace", ox.Literal(kg.namespaces.entity)),
             (VOID + "vocabulary", _n(kg.namespaces.vocab)), (DCTERMS + "temporal", ox.Literal("1980/2015")),
             (SCHEMA_ORG + "isBasedOn", code)]
    facts += [(VOID + "vocabulary", _n(v)) for v in VOCABULARIES]
    facts += [(VOID + "exampleResource", _n(kg.namespaces.entity + e)) for e in _examples(kg)]
    out = [ox.Triple(dataset, _n(p), o) for p, o in facts]
    return out + [ox.Triple(code, _n(RDF_TYPE), _n(SCHEMA_ORG + "SoftwareSourceCode")),
                  ox.Triple(code, _n(SCHEMA_ORG + "name"), ox.Literal("peru-nexus")),
                  ox.Triple(code, _n(SCHEMA_ORG + "license"), _n(CODE_LICENCE)),
                  ox.Triple(code, _n(DCTERMS + "license"), _n(CODE_LICENCE))]


def describe(kg: KnowledgeGraph, endpoint: str | None = None) -> list[ox.Triple]:
    """The VoID/DCAT triples of ``kg``; with ``endpoint``, its ``void:sparqlEndpoint`` too."""
    dataset = _n(kg.base + "dataset")
    out = _about(kg, dataset) + _sources(kg, dataset) + _counts(kg, dataset) + _distributions(dataset, kg.base)
    if endpoint:
        out.append(ox.Triple(dataset, _n(VOID + "sparqlEndpoint"), _n(endpoint)))
    order = {t.subject: n for n, t in reversed(list(enumerate(out)))}  # each subject where it first appears
    return sorted(out, key=lambda t: order[t.subject])


def render_void(kg: KnowledgeGraph, endpoint: str | None = None) -> bytes:
    from graph.exports.rdf_formats import prefix_header

    prefixes = {**kg.namespaces.prefixes(), "void": VOID, "dcat": DCAT}
    body = ox.serialize(describe(kg, endpoint), format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    return prefix_header(prefixes, body)


def render_shapes(kg: KnowledgeGraph) -> bytes:
    """The SHACL shapes as written, with an ``@base`` line: their relative IRIs resolve under the graph's base."""
    text = (data_dir("ontology") / "shapes.ttl").read_bytes()
    return f"@base <{kg.base}> .\n".encode() + text


VOID_EXPORTER = Exporter("void", ("void.ttl",), lambda kg: {"void.ttl": render_void(kg)})
SHAPES = single("shapes", "shapes.ttl", render_shapes)
