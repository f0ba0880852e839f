"""The ontology: which entity types and relationship types exist.

Everything the loader and validator allow is read from
``ontology/peru-nexus.ttl``; no Python list repeats it.

>>> onto = load_ontology()
>>> onto.is_a("ArmedGroup", "Organization")
True
>>> onto.predicates["led_by"].inverse_of
'leader_of'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from graph.resources import data_dir

ONTOLOGY_DIR = data_dir("ontology")
ONTOLOGY_FILE = ONTOLOGY_DIR / "peru-nexus.ttl"
DEFAULT_BASE = "https://w3id.org/peru-nexus/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SCHEMA = "https://schema.org/"


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


@lru_cache(maxsize=8)
def load_ontology(base: str = DEFAULT_BASE, path: Path = ONTOLOGY_FILE) -> Ontology:
    """Parse the ontology, resolving its relative IRIs against ``base``."""
    triples = [q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=base)]
    vocab = base + "ontology#"
    onto = Ontology(vocab=vocab, triples=triples)
    by_subject: dict[str, list[tuple[str, ox.NamedNode | ox.Literal]]] = {}
    for t in triples:
        if isinstance(t.subject, ox.NamedNode):
            by_subject.setdefault(t.subject.value, []).append((t.predicate.value, t.object))

    related_to = vocab + "related_to"
    primaries: dict[str, dict] = {}
    for iri, props in by_subject.items():
        name = _local(iri, vocab)
        if name is None:
            continue
        types = {o.value for p, o in props if p == RDF + "type"}
        for p, o in props:
            if p == RDFS + "label":
                onto.labels[name] = o.value
            elif p == RDFS + "comment":
                onto.comments[name] = o.value
        if OWL + "Class" in types:
            onto.parents[name] = {
                local for p, o in props
                if p == RDFS + "subClassOf" and (local := _local(o.value, vocab))
            }
            for p, o in props:
                if p == vocab + "section":
                    onto.sections[o.value] = name
        supers = {o.value for p, o in props if p == RDFS + "subPropertyOf"}
        if related_to in supers:
            primaries[name] = {
                "domain": tuple(sorted(_local(o.value, vocab) for p, o in props
                                       if p == SCHEMA + "domainIncludes")),
                "range": tuple(sorted(_local(o.value, vocab) for p, o in props
                                      if p == SCHEMA + "rangeIncludes")),
                "symmetric": OWL + "SymmetricProperty" in types,
                "transitive": OWL + "TransitiveProperty" in types,
                "lasting": vocab + "EventRelationship" in types,
                "inverse": next((_local(o.value, vocab) for p, o in props
                                 if p == OWL + "inverseOf"), None),
            }
    for name, spec in primaries.items():
        onto.predicates[name] = Predicate(
            name=name, label=onto.labels.get(name, name), comment=onto.comments.get(name, ""), **spec)
        if spec["inverse"]:
            inv = spec["inverse"]
            onto.predicates[inv] = Predicate(
                name=inv, label=onto.labels.get(inv, inv), comment=onto.comments.get(inv, ""),
                domain=spec["range"], range=spec["domain"], lasting=spec["lasting"], inverse_of=name)
    return onto
