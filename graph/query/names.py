"""Finding an entity by id, name or alias: case- and accent-insensitive, with
suggestions for a name that matches nothing and the candidates for one that
matches several.

>>> import graph
>>> names = Names(graph.build("tests/fixtures/mini"))
>>> names.resolve("comrade ARTEMIO"), names.resolve("Guzmán"), names.resolve("ent:peru")
('artemio', 'abimael-guzman', 'peru')
>>> names.resolve("Artmio")
Traceback (most recent call last):
...
graph.query.names.UnknownName: no entity named 'Artmio'
>>> [s.id for s in names.suggest("Artmio")][:1]
['artemio']
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from graph.errors import KgError
from graph.query.terminal import inert


def normalize(text: str) -> str:
    """Lower case, accents and punctuation dropped, white space collapsed: 'Perú – SL' -> 'peru sl'."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


@dataclass(frozen=True)
class Candidate:
    """An entity a name may refer to, and the name that matched."""

    id: str
    label: str
    type: str
    matched: str

    def describe(self) -> str:
        via = "" if normalize(self.matched) in (normalize(self.label), normalize(self.id)) else f", as '{self.matched}'"
        return f"{self.id}  ({self.type}: {self.label}{via})"


class NameLookupError(KgError, LookupError):
    """Base of the two ways a name can fail to pick one entity."""

    def __init__(self, name: str, message: str, candidates: list[Candidate]):
        self.name, self.candidates = name, candidates
        super().__init__(message)

    def format(self) -> str:
        lines = [f"kg: error: {inert(str(self))}"]
        if self.candidates:
            lines.append(f"    {self.heading}")
            lines += [f"      {inert(c.describe())}" for c in self.candidates]
        return "\n".join(lines)


class UnknownName(NameLookupError):
    heading = "did you mean:"

    def __init__(self, name: str, suggestions: list[Candidate]):
        super().__init__(name, f"no entity named '{name}'", suggestions)


class AmbiguousName(NameLookupError):
    heading = "it names (give the id to choose):"

    def __init__(self, name: str, candidates: list[Candidate]):
        super().__init__(name, f"'{name}' is ambiguous: it names {len(candidates)} entities", candidates)


class Names:
    """An index of every entity's id, name and aliases.

    ``source`` is a KnowledgeGraph, a Facts, or a mapping of entity id to
    :class:`graph.model.Entity`.
    """

    def __init__(self, source):
        entities = getattr(source, "facts", source)
        entities = getattr(entities, "entities", entities)
        self.entities = entities
        self.index: dict[str, dict[str, str]] = defaultdict(dict)  # normalised name -> {id: name as written}
        for e in entities.values():
            for n in (e.id, e.name, *e.aliases):
                key = normalize(n)
                if key:
                    self.index[key].setdefault(e.id, n)

    def _candidate(self, eid: str, matched: str) -> Candidate:
        e = self.entities[eid]
        return Candidate(eid, e.name, e.type, matched)

    def lookup(self, text: str) -> list[Candidate]:
        """Every entity ``text`` names exactly (an id, name or alias, ignoring case and accents)."""
        text = str(text).strip()
        if text in self.entities:
            return [self._candidate(text, text)]
        for prefix in ("ent:", "https://w3id.org/peru-nexus/entity/"):
            if text.startswith(prefix) and text[len(prefix):] in self.entities:
                return [self._candidate(text[len(prefix):], text)]
        m = re.fullmatch(r"<?\S+/entity/([a-z0-9-]+)>?", text)
        if m and m.group(1) in self.entities:
            return [self._candidate(m.group(1), text)]
        hits = self.index.get(normalize(text), {})
        return [self._candidate(eid, written) for eid, written in sorted(hits.items())]

    def resolve(self, text: str) -> str:
        """The id of the one entity ``text`` names; :class:`UnknownName` or :class:`AmbiguousName` otherwise."""
        hits = self.lookup(text)
        if len(hits) == 1:
            return hits[0].id
        if hits:
            raise AmbiguousName(text, hits)
        raise UnknownName(text, self.suggest(text))

    def _candidates(self, names, limit: int, found: dict[str, Candidate]) -> None:
        """Add the entities of each normalised name in ``names`` to ``found``, until it holds ``limit``."""
        for name in names:
            for eid, written in sorted(self.index[name].items()):
                found.setdefault(eid, self._candidate(eid, written))
            if len(found) >= limit:
                return

    def _containing(self, key: str):
        """Names with ``key`` at the start of a word, shortest first."""
        pattern = re.compile(r"(^| )" + re.escape(key))
        return (name for name in sorted(self.index, key=lambda n: (len(n), n)) if pattern.search(name))

    def _closest(self, key: str, at_least: float = 80):
        """Names spelt like ``key`` (closeness ``at_least``), closest first."""
        scored = sorted((-_closeness(key, name), len(name), name) for name in self.index)
        return (name for score, _, name in scored if -score >= at_least)

    def suggest(self, text: str, limit: int = 5) -> list[Candidate]:
        """Entities whose names contain ``text`` as words, then the closest by spelling."""
        key = normalize(text)
        if not key:
            return []
        found: dict[str, Candidate] = {}
        self._candidates(self._containing(key), limit, found)
        if len(found) < limit:
            self._candidates(self._closest(key), limit, found)
        return list(found.values())[:limit]


def _closeness(key: str, name: str) -> float:
    """How alike two normalised names are (0-100): the whole, or the best run of as many words."""
    from rapidfuzz import fuzz

    best = fuzz.ratio(key, name)
    k, words = len(key.split()), name.split()
    for i in range(max(len(words) - k + 1, 0)):
        best = max(best, fuzz.ratio(key, " ".join(words[i:i + k])))
    return best


def resolve(kg, text: str) -> str:
    """The entity id for an id, name or alias in ``kg`` (see :meth:`Names.resolve`).

    ``kg`` is a KnowledgeGraph (its index is made once and kept with it), a Facts or a mapping of entities.
    """
    entities = getattr(getattr(kg, "facts", kg), "entities", None)
    if entities is not None and text in entities:  # an exact id needs no index
        return text
    if hasattr(kg, "cached"):
        return kg.cached("names", lambda: Names(kg)).resolve(text)
    return Names(kg).resolve(text)
