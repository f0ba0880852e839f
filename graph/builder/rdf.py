"""Facts to RDF, following the design's conventions.

* Each entity: ``rdf:type`` its class, ``rdfs:label``, one ``skos:altLabel``
  per alias, ``schema:description``, its citations.
* Each relationship: a statement node (``rdf:subject``/``rdf:predicate``/
  ``rdf:object``, time qualifiers, ``nx:status``, ``nx:modality``, citations),
  and, when the source asserts it (modality ``asserted``) and it is undisputed,
  the plain direct triple too.
* Each citation: an ``oa:SpecificResource`` with ``oa:hasSource``, a
  ``nx:locator``, an ``oa:TextQuoteSelector`` holding the quote, the claimant
  (``prov:wasAttributedTo``, ``nx:claimed_by_unnamed``, or the cited work it
  ``prov:wasDerivedFrom``), ``nx:stance``, any ``nx:qualifier``/``nx:says``
  and ``nx:mentions``.
* A citation disputing one detail gives its fact an ``nx:disputed_qualifier``
  node with both sides (see the ontology's comments).
* Places with coordinates get ``schema:geo``, cited to the gazetteer.
* Sources and estimates are resources of their own. The ontology is included.

Triples are pyoxigraph terms (fast to make and to serialise) in a fixed order,
so the same facts always give the same bytes.

>>> from pathlib import Path
>>> from graph.facts.validate import check
>>> facts, _ = check(Path("tests/fixtures/mini"))
>>> ts = facts_to_triples(facts)
>>> ns = Namespaces()
>>> ox.Triple(ox.NamedNode(ns.entity + "artemio"), ox.NamedNode(ns.vocab + "leader_of"),
...           ox.NamedNode(ns.entity + "huallaga-faction")) in ts
True
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache

import pyoxigraph as ox

from graph import speedups
from graph.dates import PartialDate
from graph.builder.places import Spot, locate_places
from graph.builder.summary import write_summaries
from graph.model import AnalyticClaim, Citation, Entity, Estimate, Facts, Region, Source, Statement
from graph.speedups.gc import gc_paused
from graph.vocab.gazetteer import GAZETTEER, GAZETTEER_PACKAGE
from graph.vocab.ontology import DEFAULT_BASE, load_ontology
from graph.vocab.terms import (ASSERTED, ASSERTED_MODALITY, CITATION, ESTIMATE, QUALIFIER_DISPUTE, SOURCE,
                              STATEMENT, SUPPORTS)

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
DCTERMS = "http://purl.org/dc/terms/"


@dataclass(frozen=True)
class Namespaces:
    """Every IRI the graph mints, under one base."""

    base: str = DEFAULT_BASE

    @cached_property  # each IRI space made once: the builder asks for them per record
    def vocab(self) -> str:
        return self.base + "ontology#"

    @cached_property
    def entity(self) -> str:
        return self.base + "entity/"

    @cached_property
    def statement(self) -> str:
        return self.base + "statement/"

    @cached_property
    def source(self) -> str:
        return self.base + "source/"

    @cached_property
    def estimate(self) -> str:
        return self.base + "estimate/"

    @cached_property
    def citation(self) -> str:
        return self.base + "citation/"

    @cached_property
    def quote(self) -> str:
        return self.base + "quote/"

    @cached_property
    def location(self) -> str:
        """A place's coordinates (``schema:geo``)."""
        return self.base + "location/"

    @cached_property
    def dispute(self) -> str:
        """A disputed detail of a fact (``nx:disputed_qualifier``)."""
        return self.base + "dispute/"

    def prefixes(self) -> dict[str, str]:
        """Prefixes for serialisation and for queries."""
        return {
            "nx": self.vocab, "ent": self.entity, "stmt": self.statement, "src": self.source,
            "est": self.estimate, "cit": self.citation, "sel": self.quote,
            "loc": self.location, "dis": self.dispute,
            "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": "http://www.w3.org/2002/07/owl#",
            "skos": SKOS, "schema": SCHEMA, "prov": PROV, "oa": OA, "dcterms": DCTERMS,
            "foaf": "http://xmlns.com/foaf/0.1/", "org": "http://www.w3.org/ns/org#",
        }


GAZETTEER_SOURCE = "geonames"  # the source id the coordinates are cited to
XSD_BOOLEAN = XSD + "boolean"

RDF_TYPE = RDF + "type"
RDFS_LABEL = RDFS + "label"
RDF_STATEMENT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement"  # rdf:Statement, the reification class
SKOS_NOTE = SKOS + "note"


_datatype = lru_cache(maxsize=None)(ox.NamedNode)  # _datatype(iri): one node per datatype


def literal(value) -> ox.Literal:
    """A fact's value as an RDF literal: text plain, a date as xsd:gYear/gYearMonth/date,
    an integral number as xsd:integer, any other number as xsd:decimal.

    >>> literal(1992.0), literal(0.25)  # doctest: +NORMALIZE_WHITESPACE
    (<Literal value=1992 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>,
     <Literal value=0.25 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#decimal>>)
    """
    if type(value) is str:  # the common case first
        return ox.Literal(value)
    if isinstance(value, PartialDate):
        return ox.Literal(str(value), datatype=_datatype(value.xsd_type))
    if isinstance(value, bool):
        raise TypeError("booleans are not used")
    if isinstance(value, int) or isinstance(value, float) and value.is_integer():
        return ox.Literal(str(int(value)), datatype=_datatype(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(format(Decimal(repr(value)), "f"), datatype=_datatype(XSD + "decimal"))
    return ox.Literal(str(value))


class TripleSet:
    """The plain writer: every triple in a set, sorted at the end.

    ``graph.speedups.fastrdf.GroupedTriples`` is the same, faster (each IRI made
    once, triples grouped by subject as they come so that sorting them is cheap).

    >>> w = TripleSet()
    >>> w.describe("http://x/a", [(RDFS_LABEL, literal("A")), (RDF_TYPE, w.iri("http://x/T"))])
    >>> [t.predicate.value for t in w.sorted()]
    ['http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'http://www.w3.org/2000/01/rdf-schema#label']
    """

    def __init__(self):
        self.triples: set[ox.Triple] = set()

    def iri(self, value: str) -> ox.NamedNode:
        return ox.NamedNode(value)

    def add(self, s: str, p: str, o) -> None:
        """One triple: subject and predicate IRIs as text, the object a pyoxigraph term."""
        self.triples.add(ox.Triple(ox.NamedNode(s), ox.NamedNode(p), o))

    def describe(self, s: str, pairs) -> None:
        """Every (predicate, object) the subject ``s`` has."""
        for p, o in pairs:
            self.add(s, p, o)

    def extend(self, triples) -> None:
        """Add pyoxigraph triples (the ontology's)."""
        self.triples.update(triples)

    def sorted(self) -> list[ox.Triple]:
        return sort_triples(self.triples)


def _writer():
    if speedups.enabled():
        from graph.speedups.fastrdf import GroupedTriples

        return GroupedTriples()
    return TripleSet()


def _values(pairs) -> list:
    """(predicate, literal) for each (predicate, value) whose value is not None."""
    return [(p, literal(v)) for p, v in pairs if v is not None]


def _time(nx: str, x) -> list:
    """Time qualifiers: ``nx:date``, ``nx:start``, ``nx:end`` and the years they begin and end in."""
    return _values(((nx + "date", x.date), (nx + "start", x.start), (nx + "end", x.end),
                    (nx + "start_year", x.first_year), (nx + "end_year", x.last_year)))


PROV_DERIVED, PROV_ATTRIBUTED, OA_SOURCE, OA_SELECTOR, OA_EXACT, OA_QUOTE_SELECTOR = (PROV + "wasDerivedFrom", PROV + (
    "wasAttributedTo"), OA + "hasSource", OA + "hasSelector", OA + "exact", OA + "TextQuoteSelector")
_EVIDENCE_TERMS = ("citation", CITATION, "locator", "stance", "mentions", "claimed_by_unnamed", "qualifier", "says")


def _evidence(w, ns: Namespaces, s: str, owner: str, citations: list[Citation]) -> list:
    """The pairs that tie ``s`` to its evidence; each citation and its quote selector written as a subject."""
    nx, iri, source, entity = ns.vocab, w.iri, ns.source, ns.entity
    cites, kind, locator, stance, mentions, unnamed, qualifier, says = (nx + name for name in _EVIDENCE_TERMS)
    pairs = [(PROV_DERIVED, iri(source + name)) for name in sorted({c.source for c in citations})]
    citation_base, quote_base = ns.citation + owner + "-", ns.quote + owner + "-"
    for n, c in enumerate(citations, 1):
        cit, sel = f"{citation_base}{n}", f"{quote_base}{n}"
        pairs.append((cites, iri(cit)))
        about = [(RDF_TYPE, iri(kind)), (OA_SOURCE, iri(source + c.source)), (locator, _text(c.locator)),
                 (OA_SELECTOR, iri(sel)), (stance, iri(nx + c.stance))]
        if c.by:
            about.append((PROV_ATTRIBUTED, iri(entity + c.by)))
        if c.via:
            about.append((PROV_DERIVED, iri(source + c.via)))
        if c.mentions:
            about += [(mentions, iri(entity + m)) for m in c.mentions]
        about += _values(((unnamed, c.by_unnamed), (qualifier, c.qualifier), (says, c.says), (SKOS_NOTE, c.note)))
        w.describe(cit, about)
        w.describe(sel, [(RDF_TYPE, iri(OA_QUOTE_SELECTOR)), (OA_EXACT, _text(c.quote))])
    return pairs


def _text(value) -> ox.Literal:  # literal() of a value that is text most of the time, without the call
    return ox.Literal(value) if type(value) is str else literal(value)


def _source(w, ns: Namespaces, src: Source) -> None:
    pairs = [(RDF_TYPE, w.iri(ns.vocab + SOURCE)), (RDFS_LABEL, literal(src.title)),
             (DCTERMS + "title", literal(src.title))]
    pairs += _values(((DCTERMS + "creator", src.author), (DCTERMS + "publisher", src.publisher),
                      (DCTERMS + "date", src.date), (ns.vocab + "file", src.file),
                      (ns.vocab + "rights", src.rights), (SKOS_NOTE, src.note), (ns.vocab + "cited_at", src.cited_at)))
    if src.cited_in:
        pairs.append((ns.vocab + "cited_in", w.iri(ns.source + src.cited_in)))
    w.describe(ns.source + src.id, pairs)


def _disputed_details(w, ns: Namespaces, owner: str, fact) -> list:
    """One ``nx:disputed_qualifier`` node per citation disputing a detail: the detail, the fact's value, the citation's."""
    nx, pairs = ns.vocab, []
    for n, c in enumerate(fact.citations, 1):
        if not c.disputes_detail:
            continue
        node = f"{ns.dispute}{owner}-{n}"
        pairs.append((nx + "disputed_qualifier", w.iri(node)))
        held = getattr(fact, c.qualifier, None)
        about = [(RDF_TYPE, w.iri(nx + QUALIFIER_DISPUTE)), (nx + "qualifier", literal(c.qualifier)),
                 (nx + "says", literal(c.says or "")), (nx + "citation", w.iri(f"{ns.citation}{owner}-{n}"))]
        if held is not None:
            about.append((nx + "held_value", w.iri(ns.entity + held) if isinstance(held, str) else literal(held)))
        w.describe(node, about)
    return pairs


def _modality(w, ns: Namespaces, fact) -> list:
    """``nx:modality`` and its individual, and ``nx:date_inferred`` when the date is the curator's."""
    pairs = [(ns.vocab + "modality", w.iri(ns.vocab + load_ontology(ns.base).modalities[fact.modality]))]
    return pairs + _values(((ns.vocab + "date_inferred", getattr(fact, "date_inferred", None)),))


def _gazetteer_source(w, ns: Namespaces) -> None:
    w.describe(ns.source + GAZETTEER_SOURCE, [
        (RDF_TYPE, w.iri(ns.vocab + SOURCE)), (RDFS_LABEL, literal(GAZETTEER)), (DCTERMS + "title", literal(GAZETTEER)),
        (DCTERMS + "publisher", literal(f"GeoNames, as the {GAZETTEER_PACKAGE} package ships it"))])


def _geo(w, ns: Namespaces, ent: Region, spot: Spot) -> list:
    """``schema:geo`` (and the GeoNames id): looked up and cited to the gazetteer, or approximate."""
    nx, geo = ns.vocab, ns.location + ent.id
    about = [(RDF_TYPE, w.iri(SCHEMA + "GeoCoordinates")), (SCHEMA + "latitude", literal(spot.latitude)),
             (SCHEMA + "longitude", literal(spot.longitude))]
    if spot.approximate:
        about.append((nx + "approximate", ox.Literal("true", datatype=_datatype(XSD_BOOLEAN))))
    if spot.entry is not None:
        owner = f"{ent.id}-geo"
        about.append((nx + "citation", w.iri(f"{ns.citation}{owner}")))
        w.describe(f"{ns.citation}{owner}", [
            (RDF_TYPE, w.iri(nx + CITATION)), (OA + "hasSource", w.iri(ns.source + GAZETTEER_SOURCE)),
            (nx + "locator", literal(f"geonameid {spot.entry.geonames}")), (OA + "hasSelector", w.iri(f"{ns.quote}{owner}")),
            (nx + "stance", w.iri(nx + SUPPORTS))])
        w.describe(f"{ns.quote}{owner}", [(RDF_TYPE, w.iri(OA + "TextQuoteSelector")),
                                          (OA + "exact", literal(spot.entry.record))])
    w.describe(geo, about)
    return [(SCHEMA + "geo", w.iri(geo))]


def _entity(w, ns: Namespaces, ent: Entity, spot: Spot | None = None, direct: list = ()) -> None:
    """The entity's triples, with ``direct``: its plain direct triples' (predicate, object) pairs."""
    s = ns.entity + ent.id
    pairs = [(RDF_TYPE, w.iri(ns.vocab + ent.type)), (RDFS_LABEL, literal(ent.name))]
    pairs += [(SKOS + "altLabel", literal(alias)) for alias in ent.aliases]
    pairs += _values(((SCHEMA + "description", ent.description), (SKOS_NOTE, ent.note or None),
                      (ns.vocab + "date_inferred", ent.date_inferred)))
    if isinstance(ent, AnalyticClaim):
        pairs += _modality(w, ns, ent)
    if isinstance(ent, Region):
        pairs += _values(((ns.vocab + "gazetteer_id", ent.geonames),))
        pairs += _geo(w, ns, ent, spot) if spot is not None else []
    pairs += _time(ns.vocab, ent)
    pairs += _evidence(w, ns, s, ent.id, ent.citations)
    pairs += _disputed_details(w, ns, ent.id, ent)
    w.describe(s, pairs + direct)


def _statement(w, ns: Namespaces, st: Statement, direct: dict) -> None:
    """The statement node; the direct triple, when the source asserts it and nothing disputes it, kept in
    ``direct`` (by subject id) to be described with its subject."""
    s, nx, status = ns.statement + st.id, ns.vocab, st.effective_status  # the citations walked once
    subject, predicate, obj = ns.entity + st.subject, nx + st.predicate, ns.entity + st.object
    pairs = [(RDF_TYPE, w.iri(nx + STATEMENT)), (RDF_TYPE, w.iri(RDF_STATEMENT)),
             (RDF + "subject", w.iri(subject)), (RDF + "predicate", w.iri(predicate)),
             (RDF + "object", w.iri(obj)), (nx + "status", w.iri(nx + status))]
    if st.place:
        pairs.append((nx + "place", w.iri(ns.entity + st.place)))
    pairs += _values(((SKOS_NOTE, st.note or None),))
    pairs += _modality(w, ns, st) + _time(nx, st)
    pairs += _evidence(w, ns, s, st.id, st.citations) + _disputed_details(w, ns, st.id, st)
    w.describe(s, pairs)
    if status == ASSERTED and st.modality == ASSERTED_MODALITY:  # st.is_plain_fact
        direct.setdefault(st.subject, []).append((predicate, w.iri(obj)))


def _estimate(w, ns: Namespaces, est: Estimate, subject: Entity) -> None:
    s, nx = ns.estimate + est.id, ns.vocab
    pairs = [(RDF_TYPE, w.iri(nx + ESTIMATE)),
             (RDFS_LABEL, literal(f"{est.measure.replace('_', ' ')} of {subject.name}")),
             (nx + "estimate_of", w.iri(ns.entity + est.subject)), (nx + "measure", literal(est.measure))]
    pairs += _values(((SCHEMA + "value", est.value), (SCHEMA + "minValue", est.min),
                      (SCHEMA + "maxValue", est.max), (SCHEMA + "unitText", est.unit)))
    if est.place:
        pairs.append((nx + "place", w.iri(ns.entity + est.place)))
    pairs.append((nx + "status", w.iri(nx + est.effective_status)))
    pairs += _values(((SKOS_NOTE, est.note or None),))
    pairs += _modality(w, ns, est) + _time(nx, est)
    pairs += _evidence(w, ns, s, est.id, est.citations) + _disputed_details(w, ns, est.id, est)
    w.describe(s, pairs)


def _forget_the_check() -> None:
    """The check's memos (normalised quotes, cue words' lines) let go of: ~330 MB at 50,000 entities."""
    from graph.facts import cues, quotes

    quotes._normalise_short.cache_clear()
    cues.words_line.cache_clear()


@gc_paused()
def facts_to_triples(facts: Facts, base: str = DEFAULT_BASE, *, ontology: bool = True) -> list[ox.Triple]:
    """Every triple of the graph, sorted (subject, then rdf:type first, then predicate, object)."""
    _forget_the_check()
    ns, w = Namespaces(base), _writer()
    for src in facts.sources.values():
        _source(w, ns, src)
    spots = locate_places(facts)
    if any(spot.entry is not None for spot in spots.values()):
        _gazetteer_source(w, ns)
    direct = {}  # the direct triples of each subject, described with it: its triples are sorted once
    for st in facts.statements.values():
        _statement(w, ns, st, direct)
    for ent in facts.entities.values():
        _entity(w, ns, ent, spots.get(ent.id), direct.pop(ent.id, []))
    for sid, pairs in direct.items():  # a subject that is no entity of these facts
        w.describe(ns.entity + sid, pairs)
    for est in facts.estimates.values():
        _estimate(w, ns, est, facts.entities[est.subject])
    write_summaries(w, ns, facts, spots, GAZETTEER_SOURCE)
    if ontology:
        w.extend(load_ontology(base).triples)
    return w.sorted()


def sort_triples(triples) -> list[ox.Triple]:
    """A fixed order that reads well in Turtle: by subject, ``rdf:type`` first."""
    unique = set(triples)
    return sorted(unique, key=lambda t: (str(t.subject), t.predicate.value != RDF_TYPE,
                                         t.predicate.value, str(t.object)))
