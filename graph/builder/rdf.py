"""Facts to RDF, following the design's conventions.

* Each entity: ``rdf:type`` its class, ``rdfs:label``, one ``skos:altLabel``
  per alias, ``schema:description``, its citations.
* Each relationship: a statement node (``rdf:subject``/``rdf:predicate``/
  ``rdf:object``, time qualifiers, ``nx:status``, citations), and, when it is
  asserted and undisputed, the plain direct triple too.
* Each citation: an ``oa:SpecificResource`` with ``oa:hasSource``, a
  ``nx:locator``, an ``oa:TextQuoteSelector`` holding the quote, the claimant
  (``prov:wasAttributedTo``) and ``nx:stance``.
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

import pyoxigraph as ox

from graph.dates import PartialDate
from graph.model import Citation, Facts
from graph.vocab.ontology import DEFAULT_BASE, load_ontology
from graph.speedups.gc import gc_paused

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

    @property
    def vocab(self) -> str:
        return self.base + "ontology#"

    @property
    def entity(self) -> str:
        return self.base + "entity/"

    @property
    def statement(self) -> str:
        return self.base + "statement/"

    @property
    def source(self) -> str:
        return self.base + "source/"

    @property
    def estimate(self) -> str:
        return self.base + "estimate/"

    @property
    def citation(self) -> str:
        return self.base + "citation/"

    @property
    def quote(self) -> str:
        return self.base + "quote/"

    def prefixes(self) -> dict[str, str]:
        """Prefixes for serialisation and for queries."""
        return {
            "nx": self.vocab, "ent": self.entity, "stmt": self.statement, "src": self.source,
            "est": self.estimate, "cit": self.citation, "sel": self.quote,
            "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": "http://www.w3.org/2002/07/owl#",
            "skos": SKOS, "schema": SCHEMA, "prov": PROV, "oa": OA, "dcterms": DCTERMS,
            "foaf": "http://xmlns.com/foaf/0.1/", "org": "http://www.w3.org/ns/org#",
        }


_DATATYPES: dict[str, ox.NamedNode] = {}  # made once each


def _datatype(iri: str) -> ox.NamedNode:
    node = _DATATYPES.get(iri)
    if node is None:
        node = _DATATYPES[iri] = ox.NamedNode(iri)
    return node


def _literal(value) -> ox.Literal:
    if type(value) is str:  # the common case first
        return ox.Literal(value)
    if isinstance(value, PartialDate):
        return ox.Literal(str(value), datatype=_datatype(value.xsd_type))
    if isinstance(value, bool):
        raise TypeError("booleans are not used")
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_datatype(XSD + "integer"))
    if isinstance(value, float):
        if value.is_integer():
            return ox.Literal(str(int(value)), datatype=_datatype(XSD + "integer"))
        return ox.Literal(format(Decimal(repr(value)), "f"), datatype=_datatype(XSD + "decimal"))
    return ox.Literal(str(value))


_RDF_TYPE = RDF + "type"


class _Writer:
    """Triples grouped by subject as they are made, so that sorting them is cheap.

    ``groups`` maps a subject IRI to ``{sort key: triple}``; the sort key is
    ``(0 for rdf:type else 1, predicate IRI, str(object))``, so duplicates fall
    away and each subject's few triples sort as plain tuples of text.
    """

    def __init__(self, ns: Namespaces):
        self.ns = ns
        self.groups: dict[str, dict] = {}
        self.blank_groups: dict[str, dict] = {}  # blank-node subjects (the ontology may have some)
        self._iri: dict[str, ox.NamedNode] = {}

    def iri(self, value: str) -> ox.NamedNode:
        node = self._iri.get(value)
        if node is None:
            node = self._iri[value] = ox.NamedNode(value)
        return node

    def add(self, s: str, p: str, o) -> None:
        obj = o if isinstance(o, (ox.NamedNode, ox.Literal)) else _literal(o)
        group = self.groups.get(s)
        if group is None:
            group = self.groups[s] = {}
        key = (p != _RDF_TYPE, p, str(obj))
        if key not in group:
            group[key] = ox.Triple(self.iri(s), self.iri(p), obj)

    def link(self, s: str, p: str, o: str) -> None:
        group = self.groups.get(s)
        if group is None:
            group = self.groups[s] = {}
        key = (p != _RDF_TYPE, p, f"<{o}>")
        if key not in group:
            iri = self._iri
            sn, pn, on = iri.get(s), iri.get(p), iri.get(o)
            if sn is None:
                sn = iri[s] = ox.NamedNode(s)
            if pn is None:
                pn = iri[p] = ox.NamedNode(p)
            if on is None:
                on = iri[o] = ox.NamedNode(o)
            group[key] = ox.Triple(sn, pn, on)

    def extend(self, triples) -> None:
        """Add pyoxigraph triples (the ontology's)."""
        for t in triples:
            subject = t.subject
            if type(subject) is ox.NamedNode:
                group = self.groups.setdefault(subject.value, {})
            else:
                group = self.blank_groups.setdefault(str(subject), {})
            p = t.predicate.value
            group.setdefault((p != _RDF_TYPE, p, str(t.object)), t)

    def sorted(self) -> list[ox.Triple]:
        """Every triple in :func:`sort_triples` order, sorting each subject's few triples alone."""
        out: list[ox.Triple] = []
        extend = out.extend
        # str() of an IRI subject is "<iri>": ordering by iri + ">" is the same; blank nodes
        # ("_:b") come after every "<"
        for groups, order in ((self.groups, sorted(self.groups, key=lambda iri: iri + ">")),
                              (self.blank_groups, sorted(self.blank_groups))):
            for subject in order:
                group = groups[subject]
                if len(group) == 1:
                    extend(group.values())
                else:
                    extend(map(group.__getitem__, sorted(group)))
        return out

    def timed(self, s: str, x) -> None:
        nx = self.ns.vocab
        for name in ("date", "start", "end"):
            value = getattr(x, name)
            if value is not None:
                self.add(s, nx + name, value)
        if x.first_year is not None:
            self.add(s, nx + "start_year", x.first_year)
        if x.last_year is not None:
            self.add(s, nx + "end_year", x.last_year)

    def cited(self, s: str, owner: str, citations: list[Citation]) -> None:
        ns, nx = self.ns, self.ns.vocab
        for source in sorted({c.source for c in citations}):
            self.link(s, PROV + "wasDerivedFrom", ns.source + source)
        k = self._citation_consts()
        groups, iri, Triple, Literal = self.groups, self.iri, ox.Triple, ox.Literal
        citation_ns, quote_ns, source_ns = ns.citation, ns.quote, ns.source
        for n, c in enumerate(citations, 1):
            cit, sel = f"{citation_ns}{owner}-{n}", f"{quote_ns}{owner}-{n}"
            self.link(s, k["citation"], cit)
            if cit in groups or sel in groups or c.by or c.note:  # the general way (same triples)
                self.link(cit, RDF + "type", nx + "Citation")
                self.link(cit, OA + "hasSource", source_ns + c.source)
                self.add(cit, nx + "locator", c.locator)
                self.link(cit, OA + "hasSelector", sel)
                self.link(cit, nx + "stance", nx + c.stance)
                if c.by:
                    self.link(cit, PROV + "wasAttributedTo", ns.entity + c.by)
                if c.note:
                    self.add(cit, SKOS + "note", c.note)
                self.link(sel, RDF + "type", OA + "TextQuoteSelector")
                self.add(sel, OA + "exact", c.quote)
                continue
            # the common case, two new subjects: their groups made in one go
            cn, sn = iri(cit), iri(sel)
            src = source_ns + c.source
            stance = nx + c.stance
            locator, exact = Literal(c.locator), Literal(c.quote)
            groups[cit] = {
                (False, k["type"], k["<Citation>"]): Triple(cn, k["type_node"], k["Citation_node"]),
                (True, k["hasSource"], f"<{src}>"): Triple(cn, k["hasSource_node"], iri(src)),
                (True, k["locator"], str(locator)): Triple(cn, k["locator_node"], locator),
                (True, k["hasSelector"], f"<{sel}>"): Triple(cn, k["hasSelector_node"], sn),
                (True, k["stance"], f"<{stance}>"): Triple(cn, k["stance_node"], iri(stance)),
            }
            groups[sel] = {
                (False, k["type"], k["<TextQuoteSelector>"]): Triple(sn, k["type_node"], k["TextQuoteSelector_node"]),
                (True, k["exact"], str(exact)): Triple(sn, k["exact_node"], exact),
            }

    def _citation_consts(self) -> dict:
        k = self.__dict__.get("_k")
        if k is None:
            nx = self.ns.vocab
            k = self._k = {"citation": nx + "citation", "type": RDF + "type", "hasSource": OA + "hasSource",
                           "locator": nx + "locator", "hasSelector": OA + "hasSelector", "stance": nx + "stance",
                           "exact": OA + "exact"}
            for name in list(k):
                k[name + "_node"] = self.iri(k[name])
            for cls in (nx + "Citation", OA + "TextQuoteSelector"):
                local = cls.rsplit("#", 1)[-1]
                k[f"<{local}>"], k[f"{local}_node"] = f"<{cls}>", self.iri(cls)
            for name, iri in (("subject", RDF + "subject"), ("predicate", RDF + "predicate"),
                              ("object", RDF + "object"), ("status", nx + "status")):
                k[name], k[name + "_node"] = iri, self.iri(iri)
            for name, cls in (("nxStatement", nx + "Statement"), ("rdfStatement", RDF + "Statement")):
                k[f"<{name}>"], k[f"{name}_node"] = f"<{cls}>", self.iri(cls)
        return k

    def statement(self, s: str, subject: str, predicate: str, obj: str, status: str) -> None:
        """A statement node's two types, subject, predicate, object and status; in one go when it is new."""
        k, groups = self._citation_consts(), self.groups
        if s in groups:  # the general way (same triples)
            for p, o in ((k["type"], k["<nxStatement>"][1:-1]), (k["type"], k["<rdfStatement>"][1:-1]),
                         (k["subject"], subject), (k["predicate"], predicate), (k["object"], obj),
                         (k["status"], status)):
                self.link(s, p, o)
            return
        iri, Triple, t = self.iri, ox.Triple, k["type"]
        sn, tn = iri(s), k["type_node"]
        groups[s] = {
            (False, t, k["<nxStatement>"]): Triple(sn, tn, k["nxStatement_node"]),
            (False, t, k["<rdfStatement>"]): Triple(sn, tn, k["rdfStatement_node"]),
            (True, k["subject"], f"<{subject}>"): Triple(sn, k["subject_node"], iri(subject)),
            (True, k["predicate"], f"<{predicate}>"): Triple(sn, k["predicate_node"], iri(predicate)),
            (True, k["object"], f"<{obj}>"): Triple(sn, k["object_node"], iri(obj)),
            (True, k["status"], f"<{status}>"): Triple(sn, k["status_node"], iri(status)),
        }


@gc_paused()
def facts_to_triples(facts: Facts, base: str = DEFAULT_BASE, *, ontology: bool = True) -> list[ox.Triple]:
    """Every triple of the graph, sorted (subject, then rdf:type first, then predicate, object)."""
    ns = Namespaces(base)
    nx = ns.vocab
    w = _Writer(ns)
    for src in facts.sources.values():
        s = ns.source + src.id
        w.link(s, RDF + "type", nx + "Source")
        w.add(s, RDFS + "label", src.title)
        w.add(s, DCTERMS + "title", src.title)
        for prop, value in ((DCTERMS + "creator", src.author), (DCTERMS + "publisher", src.publisher),
                            (DCTERMS + "date", src.date), (nx + "file", src.file),
                            (nx + "rights", src.rights), (SKOS + "note", src.note)):
            if value is not None:
                w.add(s, prop, value)
    for ent in facts.entities.values():
        s = ns.entity + ent.id
        w.link(s, RDF + "type", nx + ent.type)
        w.add(s, RDFS + "label", ent.name)
        for alias in ent.aliases:
            w.add(s, SKOS + "altLabel", alias)
        w.add(s, SCHEMA + "description", ent.description)
        if ent.note:
            w.add(s, SKOS + "note", ent.note)
        w.timed(s, ent)
        w.cited(s, ent.id, ent.citations)
    for st in facts.statements.values():
        s = ns.statement + st.id
        subject, predicate, obj = ns.entity + st.subject, nx + st.predicate, ns.entity + st.object
        disputed = st.is_disputed
        w.statement(s, subject, predicate, obj, nx + ("disputed" if disputed else "asserted"))
        if st.place:
            w.link(s, nx + "place", ns.entity + st.place)
        if st.note:
            w.add(s, SKOS + "note", st.note)
        w.timed(s, st)
        w.cited(s, st.id, st.citations)
        if not disputed:
            w.link(subject, predicate, obj)
    for est in facts.estimates.values():
        s = ns.estimate + est.id
        w.link(s, RDF + "type", nx + "Estimate")
        subject = facts.entities[est.subject]
        w.add(s, RDFS + "label", f"{est.measure.replace('_', ' ')} of {subject.name}")
        w.link(s, nx + "estimate_of", ns.entity + est.subject)
        w.add(s, nx + "measure", est.measure)
        for prop, value in ((SCHEMA + "value", est.value), (SCHEMA + "minValue", est.min),
                            (SCHEMA + "maxValue", est.max)):
            if value is not None:
                w.add(s, prop, value)
        w.add(s, SCHEMA + "unitText", est.unit)
        if est.place:
            w.link(s, nx + "place", ns.entity + est.place)
        w.link(s, nx + "status", nx + ("disputed" if est.is_disputed else "asserted"))
        if est.note:
            w.add(s, SKOS + "note", est.note)
        w.timed(s, est)
        w.cited(s, est.id, est.citations)
    if ontology:
        w.extend(load_ontology(base).triples)
    return w.sorted()


def sort_triples(triples) -> list[ox.Triple]:
    """A fixed order that reads well in Turtle: by subject, ``rdf:type`` first."""
    rdf_type = RDF + "type"
    unique = set(triples)
    return sorted(unique, key=lambda t: (str(t.subject), t.predicate.value != rdf_type,
                                         t.predicate.value, str(t.object)))


def to_rdflib(triples):
    """The same triples as an ``rdflib.Graph`` (rdflib is the graph API users get)."""
    import rdflib

    g = rdflib.Graph()
    for prefix, iri in Namespaces().prefixes().items():
        g.bind(prefix, iri, override=True)
    cache: dict = {}

    def term(t):
        if isinstance(t, ox.NamedNode):
            node = cache.get(t.value)
            if node is None:
                node = cache[t.value] = rdflib.URIRef(t.value)
            return node
        if isinstance(t, ox.Literal):
            if t.language:
                return rdflib.Literal(t.value, lang=t.language)
            dt = t.datatype.value
            return rdflib.Literal(t.value, datatype=None if dt == XSD + "string" else rdflib.URIRef(dt))
        return rdflib.BNode(t.value)

    add = g.add
    for t in triples:
        add((term(t.subject), term(t.predicate), term(t.object)))
    return g
