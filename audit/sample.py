"""A seeded random draw of facts from every fact file, stratified by kind, for a second reader to audit.

Four strata: statements (relationships, and the ``occurred_in`` / ``participant_in``
statements an event's ``place`` and ``participants`` make), estimates, entities
(actors, groups, regions, events, activities) and analytic claims and concepts.
Each item is printed with its ``file:line``, the fact, and its citations (source,
locator, quote, claimant, stance, modality, date): what the reader checks against
the document. The same seed and the same files give the same draw.

    python audit/sample.py --seed 20261201 --n 60

>>> items = draw(read_items(Path("tests/fixtures/mini")), seed=1, n=8)
>>> items == draw(read_items(Path("tests/fixtures/mini")), seed=1, n=8)
True
>>> sorted({item.kind for item in items}) <= list(STRATA)
True
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph.facts.load import read_seeds  # noqa: E402  (the project's own reader)
from graph.problems import Problem, Report  # noqa: E402

# the strata and their share of a draw of 60: 30 statements, 10 estimates, 12 entities, 8 claims/concepts
STRATA = {"statement": 30, "estimate": 10, "entity": 12, "claim": 8}
CLAIM_SECTIONS = ("claims", "concepts")


@dataclass
class Item:
    """One fact to audit: its kind, where it is written, what it says, its citations."""

    kind: str
    ident: str
    fact: str
    origin: tuple  # (file, key path)
    citations: list = field(default_factory=list)
    qualifiers: str = ""
    line: int = 0

    def where(self) -> str:
        return f"{self.origin[0]}:{self.line}"


def _dates(record) -> str:
    """The record's date fields as written (date, start..end, date_inferred)."""
    parts = [f"date={record.date}" if record.date else "",
             f"start={record.start}" if record.start else "",
             f"end={record.end}" if record.end else "",
             f"date_inferred={record.date_inferred!r}" if record.date_inferred else ""]
    return " ".join(p for p in parts if p)


def _qualifiers(record) -> str:
    """Modality, status, place and dates of a statement or estimate."""
    parts = [f"modality={getattr(record, 'modality', '')}", f"status={getattr(record, 'status', '')}",
             f"place={record.place}" if getattr(record, "place", None) else "", _dates(record)]
    return " ".join(p for p in parts if p and not p.endswith("="))


def _figure(estimate) -> str:
    if estimate.value is not None:
        return f"{estimate.value}"
    return f"{estimate.min if estimate.min is not None else ''}..{estimate.max if estimate.max is not None else ''}"


def _entity_items(records) -> list[Item]:
    items = []
    for section, entity in records.entities:
        kind = "claim" if section in CLAIM_SECTIONS else "entity"
        aliases = f" aliases={entity.aliases}" if entity.aliases else ""
        about = f" about={getattr(entity, 'about', '')}" if getattr(entity, "about", None) else ""
        fact = f"[{section}] {entity.id} ({entity.type}) '{entity.name}'{aliases}{about}: {entity.description}"
        quals = " ".join(p for p in (f"modality={getattr(entity, 'modality', '')}" if kind == "claim" else "",
                                     _dates(entity)) if p)
        items.append(Item(kind, entity.id, fact, entity.origin, entity.citations, quals))
        items.extend(_event_items(records, entity))
    return items


def _event_items(records, event) -> list[Item]:
    """The statements an event's place and participants make; they carry the event's citations."""
    extra = records.events_extra.get(event.id) or {}
    file, path = event.origin
    items = []
    if extra.get("place"):
        items.append(Item("statement", f"{event.id}.occurred_in.{extra['place']}",
                          f"{event.id} occurred_in {extra['place']} (from the event)",
                          (file, path + ("place",)), event.citations, _dates(event)))
    for i, who in enumerate(extra.get("participants") or []):
        items.append(Item("statement", f"{who}.participant_in.{event.id}",
                          f"{who} participant_in {event.id} (from the event)",
                          (file, path + ("participants", i)), event.citations, _dates(event)))
    return items


def read_items(seeds: Path) -> list[Item]:
    """Every auditable fact under ``seeds``, in file order, each with its line."""
    records, _ = read_seeds(seeds)
    items = _entity_items(records)
    items += [Item("statement", s.id or f"{s.subject}.{s.predicate}.{s.object}",
                   f"{s.subject} {s.predicate} {s.object}", s.origin, s.citations, _qualifiers(s))
              for s in records.relationships]
    items += [Item("estimate", e.id, f"{e.subject} {e.measure} = {_figure(e)} {e.unit}", e.origin,
                   e.citations, _qualifiers(e)) for e in records.estimates]
    _give_lines(items)
    return items


def _give_lines(items: list[Item]) -> None:
    """Each item's line in its file, found the way error reports find theirs (its key path)."""
    report = Report([Problem(item.origin[0], "", path=item.origin[1]) for item in items])
    located = list(report.problems)
    report.locate()
    for item, problem in zip(items, located):
        item.line = problem.line or 0


def draw(items: list[Item], seed: int, n: int = 60) -> list[Item]:
    """``n`` items drawn with ``seed``, split over the strata in the shares of :data:`STRATA`."""
    rng = random.Random(seed)
    total = sum(STRATA.values())
    picked = []
    for kind, share in STRATA.items():
        pool = sorted((i for i in items if i.kind == kind), key=lambda i: (i.origin[0], i.line, i.ident))
        want = min(len(pool), max(1, round(n * share / total)))
        picked += rng.sample(pool, want)
    return picked


def _citation_lines(citation) -> list[str]:
    who = [f"{k}={getattr(citation, k)}" for k in ("by", "by_unnamed", "via", "qualifier", "says")
           if getattr(citation, k)]
    if citation.stance != "supports":
        who.append(f"stance={citation.stance}")
    head = f"    - {citation.source} @ {citation.locator!r}" + (f" [{' '.join(who)}]" if who else "")
    return [head, f"      quote: {citation.quote!r}"] + ([f"      note: {citation.note}"] if citation.note else [])


def render(item: Item, number: int) -> str:
    """One item as the sheet's reader sees it."""
    lines = [f"{number:>3}. {item.kind} {item.where()}  id: {item.ident}", f"     {item.fact}"]
    if item.qualifiers:
        lines.append(f"     {item.qualifiers}")
    for citation in item.citations:
        lines += _citation_lines(citation)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, required=True, help="the random seed (write it down first)")
    parser.add_argument("--n", type=int, default=60, help="how many items (split over the strata)")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="the folder of fact files")
    args = parser.parse_args(argv)
    items = read_items(args.seeds)
    picked = draw(items, args.seed, args.n)
    counts = {k: sum(1 for i in items if i.kind == k) for k in STRATA}
    print(f"# seed {args.seed}, {len(picked)} of {len(items)} items {counts}")
    for number, item in enumerate(picked, 1):
        print(render(item, number))
    return 0


if __name__ == "__main__":
    sys.exit(main())
