"""What changed between two versions of the facts, fact by fact.

Entities and estimates are matched by id, sources by id, citations by their
document and quote (compared as the quote check compares them), and statements
by a stable identity: an ``id:`` the curator wrote, else subject, predicate and
object, so an edited date, place or modality is a *change* of one statement,
not a removal and an addition. When several statements share their ends, the
ones with the same qualifiers pair first, then those citing the same words.

>>> from graph.model import Citation, Entity, Facts
>>> a, b = Facts(), Facts()
>>> a.entities["x"] = Entity(id="x", type="Person", name="X", citations=[Citation("doc", "p. 1", "X")])
>>> b.entities["x"] = Entity(id="x", type="Person", name="Mr X", citations=[Citation("doc", "p. 1", "X")])
>>> [(c.action, c.kind, c.id, c.fields) for c in diff_facts(a, b)]
[('changed', 'entity', 'x', {'name': ('X', 'Mr X')})]
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from graph.model import Citation, Facts, Statement

ADDED, REMOVED, CHANGED, OPENED, CLOSED = "added", "removed", "changed", "opened", "closed"
SOURCE_KIND, ENTITY_KIND, STATEMENT_KIND, ESTIMATE_KIND = "source", "entity", "statement", "estimate"
CITATION_KIND, DISPUTE_KIND = "citation", "dispute"
KINDS = (SOURCE_KIND, ENTITY_KIND, STATEMENT_KIND, ESTIMATE_KIND, CITATION_KIND, DISPUTE_KIND)
# the parts of a record that are not its own details: identity, evidence (compared one by one), bookkeeping
_NOT_DETAILS = {"id", "subject", "predicate", "object", "citations", "origin"}
_CITATION_IDENTITY = {"source", "quote", "origin"}


@dataclass
class Change:
    """One change: what it is (``kind``, ``action``), which fact (``id``), and its evidence's documents."""

    kind: str
    action: str
    id: str
    sources: tuple[str, ...] = ()
    fields: dict[str, tuple] = field(default_factory=dict)  # detail -> (before, after)
    of: str | None = None  # a citation's fact: "statement a.p.b"
    citation: dict | None = None  # a citation's source, locator and quote
    label: str = ""  # a statement's readable form: subject predicate object

    def as_dict(self) -> dict:
        out = {"kind": self.kind, "action": self.action, "id": self.id, "sources": list(self.sources)}
        for name in ("label", "of", "citation"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        if self.fields:
            out["fields"] = {k: {"before": a, "after": b} for k, (a, b) in self.fields.items()}
        return out


def plain(value):
    """A detail as JSON-ready data: dates as text, lists as lists.

    >>> from graph.dates import parse_date
    >>> plain(parse_date("1992-02")), plain(("a", "b")), plain(None)
    ('1992-02', ['a', 'b'], None)
    """
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return str(value)


def details(record, skip=_NOT_DETAILS) -> dict:
    """A record's own details (every data-class field but its identity and evidence), as plain data."""
    return {f.name: plain(getattr(record, f.name)) for f in fields(record) if f.name not in skip}


def changed_details(before, after, skip=_NOT_DETAILS) -> dict[str, tuple]:
    old, new = details(before, skip), details(after, skip)
    return {k: (old.get(k), new.get(k)) for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k)}


def citation_key(c: Citation) -> tuple[str, str]:
    from graph.facts.quotes import normalise  # here, not above: kg diff of alike files never loads the checker

    return c.source, normalise(c.quote)


def citation_dict(c: Citation) -> dict:
    return {"source": c.source, "locator": c.locator, "quote": c.quote}


def sources_of(record) -> tuple[str, ...]:
    return tuple(sorted({c.source for c in getattr(record, "citations", ())}))


def _citation_changes(kind: str, ident: str, before, after) -> list[Change]:
    """The citations added to, removed from or edited in one fact present in both versions."""
    old = {citation_key(c): c for c in before.citations}
    new = {citation_key(c): c for c in after.citations}
    of, out = f"{kind} {ident}", []
    for key, c in new.items():
        if key not in old:
            out.append(Change(CITATION_KIND, ADDED, ident, (c.source,), of=of, citation=citation_dict(c)))
        elif edits := changed_details(old[key], c, _CITATION_IDENTITY):
            out.append(Change(CITATION_KIND, CHANGED, ident, (c.source,), edits, of=of, citation=citation_dict(c)))
    out += [Change(CITATION_KIND, REMOVED, ident, (c.source,), of=of, citation=citation_dict(c))
            for key, c in old.items() if key not in new]
    return out


def _dispute_change(kind: str, ident: str, before, after) -> list[Change]:
    was, now = before.is_disputed, after.is_disputed
    if was == now:
        return []
    return [Change(DISPUTE_KIND, OPENED if now else CLOSED, ident, sources_of(after), of=f"{kind} {ident}")]


def _record_changes(kind: str, ident: str, old, rec, label) -> list[Change]:
    """What changed in a record on both sides: its details, its citations, whether it is disputed."""
    out = []
    if edits := changed_details(old, rec):
        out.append(Change(kind, CHANGED, ident, sources_of(rec) or sources_of(old), edits, label=label(rec)))
    if hasattr(rec, "citations"):
        out += _citation_changes(kind, ident, old, rec)
    if hasattr(rec, "is_disputed"):
        out += _dispute_change(kind, ident, old, rec)
    return out


def compare(kind: str, before: dict, after: dict, label=lambda record: "") -> list[Change]:
    """Changes between two ``{identity: record}`` tables of one kind."""
    out = []
    for ident, rec in after.items():
        if ident not in before:
            out.append(Change(kind, ADDED, ident, sources_of(rec), label=label(rec)))
        elif before[ident] != rec:  # equal: read from the same words in the same place, the common case
            out += _record_changes(kind, ident, before[ident], rec, label)
    out += [Change(kind, REMOVED, ident, sources_of(rec), label=label(rec))
            for ident, rec in before.items() if ident not in after]
    return out


def _explicit_id(st: Statement) -> str | None:
    """The id a curator wrote, when it is not the one made from the parts."""
    from graph.facts.validate import statement_id

    return st.id if st.id and st.id != statement_id(st) else None


def _ends(st: Statement) -> str:
    return f"{st.subject}.{st.predicate}.{st.object}"


def _take(pairs: list, old: list, new: list, a: Statement, b: Statement) -> None:
    pairs.append((a, b))
    old.remove(a)
    new.remove(b)


def _overlap(a: Statement, b: Statement) -> int:
    return len({citation_key(c) for c in a.citations} & {citation_key(c) for c in b.citations})


def _pair_same_ids(pairs: list, old: list, new: list) -> None:
    for st in list(new):
        twin = next((o for o in old if o.id == st.id), None)
        if twin is not None:
            _take(pairs, old, new, twin, st)


def _pair_same_words(pairs: list, old: list, new: list) -> None:
    for st in list(new):
        best = max(old, key=lambda o: _overlap(o, st), default=None)
        if best is not None and (_overlap(best, st) or len(old) == len(new) == 1):
            _take(pairs, old, new, best, st)


def _pair_group(old: list[Statement], new: list[Statement]) -> list[tuple[Statement | None, Statement | None]]:
    """Statements sharing their ends: same id first, then most words in common, the rest added or removed."""
    pairs, old, new = [], list(old), list(new)
    _pair_same_ids(pairs, old, new)
    _pair_same_words(pairs, old, new)
    return pairs + [(o, None) for o in old] + [(None, n) for n in new]


def statement_identities(before: dict, after: dict) -> tuple[dict, dict]:
    """Both versions' statements keyed by one identity across versions (the newer id when they pair)."""
    groups: dict[str, tuple[list, list]] = {}
    for side, table in ((0, before), (1, after)):
        for st in table.values():
            groups.setdefault(_explicit_id(st) or _ends(st), ([], []))[side].append(st)
    old_keyed, new_keyed = {}, {}
    for group in groups.values():
        for old, new in _pair_group(*group):
            ident = (new or old).id
            if old is not None:
                old_keyed[ident] = old
            if new is not None:
                new_keyed[ident] = new
    return old_keyed, new_keyed


def statement_label(st: Statement) -> str:
    return f"{st.subject} {st.predicate} {st.object}"


def diff_facts(before: Facts, after: Facts) -> list[Change]:
    """Every change from ``before`` to ``after``, sources first, then entities, statements, estimates."""
    changes = compare(SOURCE_KIND, before.sources, after.sources)
    changes += compare(ENTITY_KIND, before.entities, after.entities)
    changes += compare(STATEMENT_KIND, *statement_identities(before.statements, after.statements), statement_label)
    changes += compare(ESTIMATE_KIND, before.estimates, after.estimates)
    for c in changes:
        if c.kind == SOURCE_KIND:
            c.sources = (c.id,)
    return changes


def by_source(changes: list[Change]) -> dict[str, list[Change]]:
    """The changes grouped by source document (a change citing two documents is under both), sorted."""
    groups: dict[str, list[Change]] = {}
    for c in changes:
        for src in c.sources or ("(no source)",):
            groups.setdefault(src, []).append(c)
    return dict(sorted(groups.items()))
