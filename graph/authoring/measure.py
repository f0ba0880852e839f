"""How good ``kg suggest`` is: hold one document's fact file out, suggest from the document with the
other files' entities known, and compare the draft with the curated file.

- *entities*: the entities the curated file uses (defines, or names in its statements and estimates);
  the draft found one when it proposed a known entity's mention, or a new name equal (folded) to its
  name or an alias. A new name matching no entity anywhere in the graph is a *wrong* proposal.
- *statements*: the curated file's statements, as pairs of entities; the draft found one when it
  proposed a statement between the same two, and also its *type* when the relationship type is the
  same (either form). A draft statement between two entities the file never links is *wrong*.
- *claimants*: the curated file's citations of statements and estimates that name a claimant (``by:``,
  ``by_unnamed:``); the draft found one when one of its citations quoting the same words (its sentence
  holds the curated quote) names the same claimant (an unnamed one: the same words, folded). A proposed
  claimant is *right* when a curated citation of those words names it, else *unconfirmed*.

>>> m = Measurement("doc", entities=10, entities_found=4, statements=5, statements_found=1)
>>> m.entity_share, m.statement_share
(0.4, 0.2)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from graph.authoring.mentions import fold
from graph.facts.quotes import normalise
from graph.authoring.suggest import Draft, suggest
from graph.model import Facts
from graph.vocab.ontology import Ontology, load_ontology


@dataclass
class Measurement:
    source: str
    entities: int = 0
    entities_found: int = 0
    new_proposed: int = 0
    new_wrong: int = 0
    statements: int = 0
    statements_found: int = 0
    types_right: int = 0
    proposed: int = 0
    proposed_wrong: int = 0
    claimants: int = 0
    claimants_found: int = 0
    claimants_proposed: int = 0
    claimants_right: int = 0

    @property
    def entity_share(self) -> float:
        return round(self.entities_found / self.entities, 3) if self.entities else 0.0

    @property
    def statement_share(self) -> float:
        return round(self.statements_found / self.statements, 3) if self.statements else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "entity_share": self.entity_share, "statement_share": self.statement_share}


def known_without(facts: Facts, held_out: str) -> Facts:
    """The facts written outside the file ``held_out``: what is known when that file is not."""
    keep = lambda record: Path(record.origin[0]).name != held_out  # noqa: E731
    return Facts(sources=facts.sources, entities={k: e for k, e in facts.entities.items() if keep(e)},
                 statements={k: s for k, s in facts.statements.items() if keep(s)},
                 estimates={k: e for k, e in facts.estimates.items() if keep(e)})


def _names(facts: Facts) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in facts.entities.values():
        for name in (e.name, *e.aliases):
            out.setdefault(fold(name), set()).add(e.id)
    return out


def _real_ids(draft: Draft, names: dict[str, set[str]]) -> dict[str, set[str]]:
    """Each draft id -> the ids of the graph it stands for (a new name by its folded name or aliases)."""
    out = {}
    for ident, new in draft.new_entities.items():
        out[ident] = set().union(*(names.get(fold(n), set()) for n in (new.name, *new.aliases)))
    return out


def _pairs(facts: Facts, file: str) -> tuple[set[frozenset], set[tuple]]:
    statements = [s for s in facts.statements.values() if Path(s.origin[0]).name == file]
    return {frozenset((s.subject, s.object)) for s in statements}, {(s.subject, s.predicate, s.object)
                                                                    for s in statements}


def _used(facts: Facts, file: str) -> set[str]:
    mine = lambda r: Path(r.origin[0]).name == file  # noqa: E731
    used = {e.id for e in facts.entities.values() if mine(e)}
    used |= {x for s in facts.statements.values() if mine(s) for x in (s.subject, s.object)}
    return used | {e.subject for e in facts.estimates.values() if mine(e)}


def _primary(onto: Ontology, s: str, p: str, o: str) -> tuple[str, str, str]:
    pred = onto.predicates.get(p)
    return (o, pred.inverse_of, s) if pred and pred.inverse_of else (s, p, o)


def _draft_statements(draft: Draft) -> list[dict]:
    return [e for items in draft.sections.values() for e in items if "predicate" in e]


def _known_ids(draft: Draft, facts: Facts) -> set[str]:
    return {e["id"] for items in draft.sections.values() for e in items if e.get("id") in facts.entities}


class _Statements:
    """The curated file's statements, and how a draft statement stands against them."""

    def __init__(self, facts: Facts, file: str, onto: Ontology, real_ids: dict[str, set[str]]):
        self.pairs, self.triples = _pairs(facts, file)
        self.onto, self.real_ids = onto, real_ids
        self.symmetric = {n for n, p in onto.predicates.items() if p.symmetric}

    def ids(self, ident: str) -> set[str]:
        return self.real_ids.get(ident) or {ident}

    def pairs_hit(self, st: dict) -> set[frozenset]:
        options = (frozenset((a, b)) for a in self.ids(st["subject"]) for b in self.ids(st["object"]))
        return {pair for pair in options if pair in self.pairs}

    def type_right(self, st: dict) -> bool:
        s, p, o = _primary(self.onto, st["subject"], st["predicate"], st["object"])
        return any((a, p, b) in self.triples or (p in self.symmetric and (b, p, a) in self.triples)
                   for a in self.ids(s) for b in self.ids(o))


def _field(citation, name: str):
    """A field of a citation, a dict's or a Citation's.

    >>> _field({"by": "x"}, "by"), _field({}, "by")
    ('x', None)
    """
    return citation.get(name) if isinstance(citation, dict) else getattr(citation, name)


def _who(citation) -> tuple[str, str] | None:
    """A citation's claimant (a dict's or a Citation's) as compared: ("by", id) or ("unnamed", folded words)."""
    if _field(citation, "by"):
        return "by", _field(citation, "by")
    return ("unnamed", fold(_field(citation, "by_unnamed"))) if _field(citation, "by_unnamed") else None


def _claims(citations) -> list[tuple[str, tuple[str, str]]]:
    """(normalised quote, claimant) of each citation that names a claimant, in order."""
    return [(normalise(_field(c, "quote")), who) for c in citations if (who := _who(c))]


def _curated_citations(facts: Facts, file: str):
    """The citations of the statements and estimates curated in ``file``."""
    records = (r for group in (facts.statements, facts.estimates) for r in group.values())
    return (c for r in records if Path(r.origin[0]).name == file for c in r.citations)


def _draft_citations(draft: Draft):
    """The evidence of the draft's statements and estimates."""
    entries = (e for items in draft.sections.values() for e in items)
    return (c for e in entries if "predicate" in e or "measure" in e for c in e["evidence"])


def _backs(curated: tuple, proposed: tuple) -> bool:
    """Whether a proposed (sentence, claimant) holds a curated (quote, claimant): same claimant, quote inside.

    >>> _backs(("he said", ("by", "x")), ("then he said so", ("by", "x")))
    True
    """
    (quote, who), (sentence, mine) = curated, proposed
    return quote in sentence and who == mine


def claimant_counts(draft: Draft, facts: Facts, file: str) -> tuple[int, int, int, int]:
    """(curated claimants, of them found, claimants proposed, of them right) — see the module's text."""
    curated, proposed = _claims(_curated_citations(facts, file)), _claims(_draft_citations(draft))
    found = sum(any(_backs(c, p) for p in proposed) for c in curated)
    right = sum(any(_backs(c, p) for c in curated) for p in proposed)
    return len(curated), found, len(proposed), right


def compare(draft: Draft, facts: Facts, file: str, onto: Ontology) -> Measurement:
    """The draft against the curated file ``file`` of ``facts`` (all the facts, that file included)."""
    m = Measurement(draft.source)
    real_ids = _real_ids(draft, _names(facts))
    used, found = _used(facts, file), _known_ids(draft, facts).union(*real_ids.values())
    m.entities, m.entities_found = len(used), len(used & found)
    m.new_proposed, m.new_wrong = len(real_ids), sum(1 for ids in real_ids.values() if not ids)
    curated, hit_pairs = _Statements(facts, file, onto, real_ids), set()
    for st in _draft_statements(draft):
        hits = curated.pairs_hit(st)
        m.proposed += 1
        m.proposed_wrong += not hits
        m.types_right += curated.type_right(st)
        hit_pairs |= hits
    m.statements, m.statements_found = len(curated.pairs), len(hit_pairs)
    m.claimants, m.claimants_found, m.claimants_proposed, m.claimants_right = claimant_counts(draft, facts, file)
    return m


def hold_out(facts: Facts, source: str, file: str, text: str, onto: Ontology | None = None) -> Measurement:
    """Suggest from ``text`` with ``file``'s facts unknown, and measure the draft against that file."""
    onto = onto or load_ontology()
    draft = suggest(source, text, known_without(facts, file), onto)
    return compare(draft, facts, file, onto)
