"""Guessing a statement's relationship type from a sentence naming two entities.

The cue words of each relationship type are the content words of its label and
definition in the ontology (``leader of``: "leads, heads, commands or presides
over…"); a type fits when the two entities' types fit its domain and range; among
those that fit, a cue word in the sentence (between the two names counts most)
decides, and the graph's own habits (how often that type links entities of those
two types in the known facts) break ties or stand in when no cue is found.

>>> stem("taxing"), stem("taxes"), stem("operates")
('tax', 'tax', 'operat')
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from graph.facts.cues import CUES
from graph.authoring.mentions import WORD, fold
from graph.model import Facts
from graph.vocab.ontology import Ontology, Predicate

SUFFIXES = ("ing", "ed", "es", "er", "s")
BETWEEN, ANYWHERE, LABEL = 3.0, 1.0, 2.0  # weights: where the cue is, and a label word over a definition word


def stem(word: str) -> str:
    """A crude stem: a common English ending cut off, leaving at least three letters."""
    word = fold(word)
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _stems(text: str, stop: frozenset[str]) -> set[str]:
    return {stem(w) for w in WORD.findall(fold(text)) if len(w) >= 3 and w not in stop}


@dataclass(frozen=True)
class End:
    """One of the two entities: its id, its type, and where the sentence names it."""

    id: str
    type: str
    start: int
    end: int


@dataclass(frozen=True)
class Guess:
    subject: str
    predicate: str
    object: str
    cue: str | None  # the word that decided it, or None: guessed from the types alone


class PredicateGuesser:
    """Cue words from the ontology, habits from the known facts."""

    def __init__(self, onto: Ontology, facts: Facts):
        self.onto = onto
        stop = CUES.stopwords | {"inverse", "one", "more", "another", "other"}
        self.label_cues = {n: _stems(p.label, stop) for n, p in onto.predicates.items()}
        comment_only = {n: re.sub(r"^Inverse of .*", "", p.comment) for n, p in onto.predicates.items()}
        self.comment_cues = {n: _stems(comment_only[n], stop) - self.label_cues[n] for n in onto.predicates}
        self._fitting: dict[tuple[str, str], list] = {}
        self.habits: Counter = Counter()
        for st in facts.statements.values():
            s, o = facts.entities.get(st.subject), facts.entities.get(st.object)
            if s and o:
                self.habits[(s.type, o.type, st.predicate)] += 1

    def fits(self, pred: Predicate, subject_type: str, object_type: str) -> bool:
        ok = lambda cls, allowed: not allowed or any(self.onto.is_a(cls, a) for a in allowed)  # noqa: E731
        return ok(subject_type, pred.domain) and ok(object_type, pred.range)

    def fitting(self, subject_type: str, object_type: str) -> list[tuple[str, Predicate]]:
        """The relationship types that fit between the two types (worked out once per pair of types)."""
        key = (subject_type, object_type)
        if key not in self._fitting:
            self._fitting[key] = [(n, p) for n, p in self.onto.predicates.items()
                                  if self.fits(p, subject_type, object_type)]
        return self._fitting[key]

    def habit(self, pred: Predicate, s: End, o: End) -> int:
        if pred.inverse_of:
            return self.habits[(o.type, s.type, pred.inverse_of)]
        return self.habits[(s.type, o.type, pred.name)]

    def _cue(self, name: str, between: set[str], anywhere: set[str]) -> tuple[float, str | None]:
        best = (0.0, None)
        for cues, weight in ((self.label_cues[name], LABEL), (self.comment_cues[name], 1.0)):
            for word in cues:
                score = weight * (BETWEEN if word in between else ANYWHERE if word in anywhere else 0.0)
                if score > best[0]:
                    best = (score, word)
        return best

    def guess(self, text: str, a: End, b: End) -> Guess | None:
        """The likeliest statement between ``a`` and ``b`` in ``text``, either way round, or None if no type fits."""
        first, second = sorted((a, b), key=lambda e: e.start)
        between = {stem(w) for w in WORD.findall(text[first.end:second.start])}
        anywhere = {stem(w) for w in WORD.findall(text)}
        best, best_score = None, -1.0
        for s, o in ((a, b), (b, a)):
            for name, pred in self.fitting(s.type, o.type):
                cue_score, cue = self._cue(name, between, anywhere)
                score = cue_score * 100 + self.habit(pred, s, o) + (0.5 if s is first else 0.0)
                if score > best_score:
                    best, best_score = Guess(s.id, name, o.id, cue), score
        return best
