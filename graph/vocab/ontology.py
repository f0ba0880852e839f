"""The ontology: which entity types and relationship types exist.

Everything the loader and validator allow is read from
``ontology/peru-nexus.ttl``; no Python list repeats it.

>>> onto = load_ontology()
>>> onto.is_a("ArmedGroup", "Organization")
True
>>> onto.predicates["led_by"].inverse_of
'leader_of'
>>> onto.modalities["hedged"]
'Hedged'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from graph.resources import data_dir
from graph.vocab.terms import EVENT_RELATIONSHIP, MODALITY, RELATED_TO, SECTION

ONTOLOGY_DIR = data_dir("ontology")
ONTOLOGY_FILE = ONTOLOGY_DIR / "peru-nexus.ttl"
DEFAULT_BASE = "https://w3id.org/peru-nexus/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SCHEMA = "https://schema.org/"
SKOS_NOTATION = "http://www.w3.org/2004/02/skos/core#notation"


@dataclass(frozen=True)
class Predicate:
    """A relationship type, or the inverse form of one (``inverse_of`` set)."""

    name: str
    label: str
    comment: str
    domain: tuple[str, ...] = ()
    range: tuple[str, ...] = ()
    symmetric: bool = False
    transitive: bool = False
    lasting: bool = False  # an event relationship: once it happened, it stays in the record
    inverse_of: str | None = None  # set on the inverse form: the primary's name
    inverse: str | None = None  # set on the primary: the inverse form's name


@dataclass
class Ontology:
    """Classes and relationship types, by local name."""

    vocab: str  # the ontology namespace, e.g. https://w3id.org/peru-nexus/ontology#
    parents: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)  # section -> top class
    predicates: dict[str, Predicate] = field(default_factory=dict)
    modalities: dict[str, str] = field(default_factory=dict)  # the value fact files write -> its individual
    triples: list = field(default_factory=list)  # the ontology itself, as pyoxigraph triples

    @property
    def classes(self) -> list[str]:
        return sorted(self.parents)

    def ancestors(self, cls: str) -> set[str]:
        """``cls`` and every class above it in the ontology."""
        seen, todo = {cls}, [cls]
        while todo:
            for parent in self.parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    def is_a(self, cls: str, other: str) -> bool:
        # asked once per fact and role: the ancestors of each class are worked out once
        # (keyed by the number of classes too, in case classes are added later)
        cache = self.__dict__.setdefault("_ancestors", {})
        key = (cls, len(self.parents))
        found = cache.get(key)
        if found is None:
            found = cache[key] = frozenset(self.ancestors(cls))
        return other in found

    def classes_under(self, top: str) -> list[str]:
        cache = self.__dict__.setdefault("_under", {})
        key = (top, len(self.parents))
        if key not in cache:
            cache[key] = sorted(c for c in self.parents if self.is_a(c, top))
        return list(cache[key])

    def primary(self, name: str) -> Predicate | None:
        """The primary form of a predicate written in either form."""
        pred = self.predicates.get(name)
        if pred is not None and pred.inverse_of:
            return self.predicates[pred.inverse_of]
        return pred

    def iri(self, name: str) -> str:
        return self.vocab + name


def _local(iri: str, vocab: str) -> str | None:
    return iri[len(vocab):] if iri.startswith(vocab) else None


class _Term:
    """What the ontology says about one of its own terms: its properties, by predicate IRI."""

    def __init__(self, name: str, props: list[tuple[str, ox.NamedNode | ox.Literal]], vocab: str):
        self.name, self.vocab = name, vocab
        self.values: dict[str, list[str]] = {}
        for p, o in props:
            self.values.setdefault(p, []).append(o.value)
        self.types = set(self.values.get(RDF + "type", ()))

    def value(self, predicate: str) -> str | None:
        found = self.values.get(predicate)
        return found[-1] if found else None  # the last one written wins, as in a dict

    def local(self, predicate: str) -> list[str]:
        """The local names of the ontology's own terms this one points to with ``predicate``."""
        return [local for iri in self.values.get(predicate, ()) if (local := _local(iri, self.vocab))]


def _terms(triples: list, vocab: str) -> list[_Term]:
    """The ontology's own terms (IRIs in ``vocab``), in the order the file first names them."""
    by_subject: dict[str, list] = {}
    for t in triples:
        if isinstance(t.subject, ox.NamedNode):
            by_subject.setdefault(t.subject.value, []).append((t.predicate.value, t.object))
    return [_Term(name, props, vocab) for iri, props in by_subject.items()
            if (name := _local(iri, vocab)) is not None]


def _add_class(onto: Ontology, term: _Term) -> None:
    onto.parents[term.name] = set(term.local(RDFS + "subClassOf"))
    for section in term.values.get(onto.vocab + SECTION, ()):
        onto.sections[section] = term.name


def _primary_spec(onto: Ontology, term: _Term) -> dict:
    """The fields of a primary relationship type's :class:`Predicate`."""
    return {
        "domain": tuple(sorted(term.local(SCHEMA + "domainIncludes"))),
        "range": tuple(sorted(term.local(SCHEMA + "rangeIncludes"))),
        "symmetric": OWL + "SymmetricProperty" in term.types,
        "transitive": OWL + "TransitiveProperty" in term.types,
        "lasting": onto.vocab + EVENT_RELATIONSHIP in term.types,
        "inverse": next(iter(term.local(OWL + "inverseOf")), None),
    }


def _add_predicates(onto: Ontology, name: str, spec: dict) -> None:
    """A relationship type, and its inverse form when it has one."""
    onto.predicates[name] = Predicate(
        name=name, label=onto.labels.get(name, name), comment=onto.comments.get(name, ""), **spec)
    inverse = spec["inverse"]
    if inverse:
        onto.predicates[inverse] = Predicate(
            name=inverse, label=onto.labels.get(inverse, inverse), comment=onto.comments.get(inverse, ""),
            domain=spec["range"], range=spec["domain"], lasting=spec["lasting"], inverse_of=name)


def _read_term(onto: Ontology, term, primaries: dict[str, dict]) -> None:
    """Take what one term says into ``onto``: its label and comment, and what it is — a class, a primary
    relationship type (its spec into ``primaries``, the predicates made once all are read) or a modality."""
    label, comment = term.value(RDFS + "label"), term.value(RDFS + "comment")
    if label is not None:
        onto.labels[term.name] = label
    if comment is not None:
        onto.comments[term.name] = comment
    if OWL + "Class" in term.types:
        _add_class(onto, term)
    if onto.vocab + RELATED_TO in term.values.get(RDFS + "subPropertyOf", ()):
        primaries[term.name] = _primary_spec(onto, term)
    if onto.vocab + MODALITY in term.types:
        onto.modalities[term.value(SKOS_NOTATION)] = term.name


@lru_cache(maxsize=8)
def load_ontology(base: str = DEFAULT_BASE, path: Path = ONTOLOGY_FILE) -> Ontology:
    """Parse the ontology, resolving its relative IRIs against ``base``."""
    triples = [q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=base)]
    onto = Ontology(vocab=base + "ontology#", triples=triples)
    primaries: dict[str, dict] = {}
    for term in _terms(triples, onto.vocab):
        _read_term(onto, term, primaries)
    for name, spec in primaries.items():
        _add_predicates(onto, name, spec)
    return onto
