"""``kg suggest``: a draft of facts from one document, for a curator to accept or edit.

Every sentence (:mod:`graph.authoring.sentences`) is searched for the known
entities' names and aliases (:mod:`graph.authoring.mentions`) and for names not
known yet (:mod:`graph.authoring.names`); each mention is proposed as evidence for
its entity, each new name as a new entity, each pair of entities in one sentence as
a statement with a guessed relationship type (:mod:`graph.authoring.predicates`),
each figure with a unit as an estimate (:mod:`graph.authoring.figures`). Modality
and attribution cues (``ontology/cues.yaml``) are marked. Every item carries the
sentence as its quote, verbatim (checked with the quote check itself), its locator,
and the draft mark, so that nothing is a fact until a curator removes the mark.

>>> from graph.model import Citation, Entity, Facts
>>> facts = Facts(entities={"peru": Entity(id="peru", type="Country", name="Peru",
...                                        citations=[Citation("x", "p. 1", "Peru")])})
>>> draft = suggest("doc", "The Shining Path (SL) operates in Peru.", facts)
>>> [(s, [e.get("id") or e["predicate"] for e in items]) for s, items in draft.sections.items()]
[('groups', ['shining-path']), ('regions', ['peru']), ('relationships', ['operates_in'])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.facts.cues import CUES
from graph.authoring.claimants import Claimant, ClaimantFinder, collective_nouns
from graph.authoring.figures import figures
from graph.authoring.mentions import NameFinder, fold
from graph.authoring.names import guess_type, new_names, proper_words
from graph.authoring.predicates import End, PredicateGuesser
from graph.authoring.sentences import Sentence, split_text
from graph.facts.quotes import SourceTexts
from graph.model import Entity, Facts
from graph.vocab.json_schema import DRAFT_MARK
from graph.vocab.ontology import Ontology, load_ontology
from graph.vocab.schema import load_schema

MAX_PAIRS_ALL = 3  # up to this many entities in a sentence, every pair; beyond it, neighbours only
MAX_STATEMENT_QUOTES = 3
NOTE_LOCATOR = "note "  # how graph.authoring.sentences locates an endnote


def slug(text: str) -> str:
    """A lowercase slug for an id.

    >>> slug("Víctor Quispe Palomino"), slug("PCC")
    ('victor-quispe-palomino', 'pcc')
    """
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "entity"


@dataclass
class NewEntity:
    id: str
    type: str
    name: str
    aliases: list[str]
    sentence: Sentence


@dataclass
class Draft:
    """The draft: fact-file sections of entries, each marked, and what was found."""

    source: str
    sections: dict[str, list[dict]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    new_entities: dict[str, NewEntity] = field(default_factory=dict)


class _Suggester:
    def __init__(self, source: str, text: str, facts: Facts, onto: Ontology):
        self.source, self.facts, self.onto = source, facts, onto
        self.schema, self.cues = load_schema(), CUES
        self.finder = NameFinder({e.id: [e.name, *e.aliases] for e in facts.entities.values()})
        self.guesser = PredicateGuesser(onto, facts)
        self.texts = SourceTexts.from_strings({source: text})
        self.tops = list(onto.sections.values())
        self.evidence: dict[str, list[dict]] = {}
        self.new: dict[str, NewEntity] = {}
        self.new_by_name: dict[str, str] = {}
        self.statements: dict[tuple, dict] = {}
        self.estimates: dict[str, dict] = {}
        self.counts = {"sentences": 0, "quotes_not_found": 0}
        self.proper: set[str] = set()
        self.claimants = self.claimant_finder()
        self.claims: dict[int, Claimant | None] = {}  # sentence start -> who makes its claim

    def claimant_finder(self) -> ClaimantFinder:
        """Known agents (the entities a citation's ``by:`` may name) and collective nouns, from the known facts."""
        agent = self.schema.field("citation", "by").refers
        agents = [e.id for e in self.facts.entities.values() if e.type in self.onto.parents
                  and self.onto.is_a(e.type, agent)]
        unnamed = [c.by_unnamed for group in (self.facts.entities, self.facts.statements, self.facts.estimates)
                   for record in group.values() for c in record.citations if c.by_unnamed]
        return ClaimantFinder(agents, collective_nouns(unnamed))

    def citation(self, s: Sentence) -> dict:
        return {"source": self.source, "locator": s.locator, "quote": s.text}

    def claim_citation(self, s: Sentence) -> dict:
        """The sentence as the citation of a claim: with its claimant (by: or by_unnamed:) when the cue names one."""
        out = self.citation(s)
        who = self.claims.get(s.start)
        if who is not None:
            out["by" if who.by else "by_unnamed"] = who.who
        return out

    def quotable(self, s: Sentence) -> Sentence | None:
        """The sentence, cut to the longest quote allowed, if the quote check finds it; else None."""
        text = s.text
        if len(text) > self.schema.max_quote:
            text = text[: self.schema.max_quote].rsplit(" ", 1)[0]
        if not self.texts.find(self.source, text):
            self.counts["quotes_not_found"] += 1
            return None
        return Sentence(text, s.start, s.end, s.locator)

    def type_of(self, ident: str) -> str:
        ent = self.facts.entities.get(ident)
        return ent.type if ent else self.new[ident].type

    def new_entity(self, name: str, aliases: list[str], s: Sentence) -> str:
        """The id of the new entity called ``name`` (or one of ``aliases``), made on first sight."""
        for key in (name, *aliases):
            if fold(key) in self.new_by_name:
                return self.new_by_name[fold(key)]
        ident, n = slug(name), 1
        while ident in self.facts.entities or ident in self.new:
            n += 1
            ident = f"{slug(name)}-{n}"
        self.new[ident] = NewEntity(ident, guess_type(self.onto, name, self.tops), name, aliases, s)
        for key in (name, *aliases):
            self.new_by_name[fold(key)] = ident
        return ident

    def ends(self, s: Sentence) -> list[End]:
        """The entities the sentence names, known and new, in order; known mentions become evidence."""
        mentions = self.finder.find(s.text)
        out = []
        for m in mentions:
            cites = self.evidence.setdefault(m.entity, [])
            if not cites or cites[-1]["quote"] != s.text:
                cites.append(self.citation(s))
            out.append(End(m.entity, self.facts.entities[m.entity].type, m.start, m.end))
        self.claims[s.start] = self.claimants.find(s.text, self.cues.attribution(s.text),
                                                   [(m.entity, m.start, m.end) for m in mentions])
        names = [] if s.locator.startswith(NOTE_LOCATOR) else new_names(s.text, [(m.start, m.end) for m in mentions],
                                                                          self.proper)
        for name in names:  # an endnote's names are its cited work's authors and publisher: not proposed
            ident = self.new_entity(name.name, name.aliases, s)
            out.append(End(ident, self.type_of(ident), name.start, name.end))
        return sorted(out, key=lambda e: e.start)

    def pairs(self, ends: list[End]) -> list[tuple[End, End]]:
        distinct = list({e.id: e for e in reversed(ends)}.values())[::-1]
        distinct.sort(key=lambda e: e.start)
        if len(distinct) <= MAX_PAIRS_ALL:
            return [(a, b) for i, a in enumerate(distinct) for b in distinct[i + 1:]]
        return list(zip(distinct, distinct[1:]))

    def statement(self, s: Sentence, a: End, b: End) -> None:
        guess = self.guesser.guess(s.text, a, b)
        if guess is None:
            return
        key = (guess.subject, guess.predicate, guess.object)
        if key not in self.statements and self.would_cycle(*key):
            return
        entry = self.statements.get(key)
        if entry is None:
            entry = self.statements[key] = {"subject": guess.subject, "predicate": guess.predicate,
                                            "object": guess.object, "evidence": []}
            reason = f"the cue word '{guess.cue}'" if guess.cue else "the two types and the graph's habits"
            entry[DRAFT_MARK] = f"two entities in one sentence; relationship type from {reason}"
            self.mark_cues(entry, s)
        if len(entry["evidence"]) < MAX_STATEMENT_QUOTES:
            entry["evidence"].append(self.claim_citation(s))

    def edges(self, predicate: str) -> dict[str, set[str]]:
        """Subject -> objects of the primary ``predicate``, known and drafted."""
        out: dict[str, set[str]] = {}
        drafted = [self.primary(*key) for key in self.statements]
        for s, p, o in drafted + [(st.subject, st.predicate, st.object) for st in self.facts.statements.values()]:
            if p == predicate:
                out.setdefault(s, set()).add(o)
        return out

    def primary(self, s: str, p: str, o: str) -> tuple[str, str, str]:
        pred = self.onto.predicates[p]
        return (o, pred.inverse_of, s) if pred.inverse_of else (s, p, o)

    def would_cycle(self, s: str, p: str, o: str) -> bool:
        """True when a transitive type (part of…) would lead back to where it starts, which kg validate refuses."""
        s, p, o = self.primary(s, p, o)
        if not self.onto.predicates[p].transitive:
            return False
        edges, seen, todo = self.edges(p), {o}, [o]
        while todo:
            for nxt in edges.get(todo.pop(), ()):
                if nxt == s:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return False

    def mark_cues(self, entry: dict, s: Sentence) -> None:
        """Note a modality cue (and write the modality, where the fact schema has the field) and an attribution."""
        notes, text = [], s.text
        found = self.cues.modality(text)
        if found:
            modality, cue = found
            notes.append(f"'{cue}': modality {modality}?")
            if "modality" in self.schema.records["relationship"].fields:
                entry["modality"] = modality
        said, who = self.cues.attribution(text), self.claims.get(s.start)
        if who is not None:
            notes.append(f"'{who.cue}': the claim of {who.who}? (by{'' if who.by else '_unnamed'}:)")
        elif said:
            notes.append(f"'{said}': whose claim? (by:)")
        if notes:
            entry[DRAFT_MARK] += "; " + "; ".join(notes)

    def estimates_in(self, s: Sentence, ends: list[End]) -> None:
        for fig in figures(s.text):
            before = [e for e in ends if e.end <= fig.start] or ends
            if not before:
                continue
            subject = before[-1].id
            ident = f"{subject}-{fig.measure.replace('_', '-')}-{len(self.estimates) + 1}"
            self.estimates[ident] = {
                "id": ident, "subject": subject, "measure": fig.measure, "value": fig.value, "unit": fig.unit,
                "evidence": [self.claim_citation(s)],
                DRAFT_MARK: "a figure with a unit; check the subject, the measure and the date it holds for"}

    def read(self, text: str) -> None:
        sentences = split_text(text)
        self.proper = proper_words([s.text for s in sentences])
        for raw in sentences:
            self.counts["sentences"] += 1
            s = self.quotable(raw)
            if s is None:
                continue
            ends = self.ends(s)
            for a, b in self.pairs(ends):
                self.statement(s, a, b)
            self.estimates_in(s, ends)


def _section_of(onto: Ontology, cls: str) -> str:
    return next(section for section, top in onto.sections.items() if onto.is_a(cls, top))


def _known_entry(ent: Entity, evidence: list[dict]) -> dict:
    where = ent.origin[0] or "the seeds"
    return {"id": ent.id, "type": ent.type, "name": ent.name, "description": ent.description or ent.name,
            "evidence": evidence,
            DRAFT_MARK: f"mentions of a known entity (defined in {where}): accepted, the citations you keep "
                        f"join its evidence; change nothing else here"}


def _new_entry(source: str, new: NewEntity) -> dict:
    entry = {"id": new.id, "type": new.type, "name": new.name}
    if new.aliases:
        entry["aliases"] = list(new.aliases)
    entry["description"] = f"Named in {source} ({new.sentence.locator}); say who or what it is."
    entry["evidence"] = [{"source": source, "locator": new.sentence.locator, "quote": new.sentence.text}]
    entry[DRAFT_MARK] = "a name the graph does not know yet; check the type and write the description"
    return entry


def _section_holding(layout: dict, field_name: str) -> str:
    """The first section whose records have ``field_name`` (``predicate``: statements; ``measure``: estimates)."""
    return next(s for s in layout if field_name in layout[s].fields)


def _sections(run: _Suggester) -> dict[str, list[dict]]:
    layout = run.schema.layout(run.onto)
    out: dict[str, list[dict]] = {section: [] for section in layout}
    for new in run.new.values():
        out[_section_of(run.onto, new.type)].append(_new_entry(run.source, new))
    for ident, evidence in sorted(run.evidence.items()):
        ent = run.facts.entities[ident]
        out[_section_of(run.onto, ent.type)].append(_known_entry(ent, evidence))
    out[_section_holding(layout, "predicate")] = list(run.statements.values())
    out[_section_holding(layout, "measure")] = list(run.estimates.values())
    return {section: items for section, items in out.items() if items}


def suggest(source: str, text: str, facts: Facts, onto: Ontology | None = None) -> Draft:
    """The draft of facts ``text`` (the document ``source``) suggests, given the ``facts`` known."""
    run = _Suggester(source, text, facts, onto or load_ontology())
    run.read(text)
    draft = Draft(source, _sections(run), dict(run.counts), run.new)
    draft.counts.update(new_entities=len(run.new), known_entities=len(run.evidence),
                        statements=len(run.statements), estimates=len(run.estimates))
    return draft
