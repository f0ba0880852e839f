"""Where places are on the map: a GeoNames id's coordinates, or, for a zone without one, the
middle of the places it spans parts of (``spans_part_of``) or contains (``part_of`` it), marked
approximate.

>>> from pathlib import Path
>>> from graph.facts.validate import check
>>> facts, _ = check(Path("tests/fixtures/evidence"))
>>> spots = locate_places(facts)
>>> spots["lima"].latitude, spots["lima"].approximate, spots["lima"].entry.name
(-12.04318, False, 'Lima')
>>> round(spots["vraem"].latitude, 3), spots["vraem"].approximate, spots["vraem"].entry
(-13.348, True, None)
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import Facts, Region
from graph.vocab.gazetteer import GazetteerEntry, lookup
from graph.vocab.terms import PART_OF, SPANS_PART_OF

MAX_ROUNDS = 8  # zones within zones within zones… placed at most this deep


@dataclass(frozen=True)
class Spot:
    latitude: float
    longitude: float
    approximate: bool = False  # worked out from other places, not looked up
    entry: GazetteerEntry | None = None  # the gazetteer's record, when looked up


def _region_entry(ent) -> GazetteerEntry | None:
    """The gazetteer's record for a region with a GeoNames id, else None."""
    if not isinstance(ent, Region) or ent.geonames is None:
        return None
    return lookup(ent.geonames)


def _looked_up(facts: Facts) -> dict[str, Spot]:
    """Place id -> its spot, for every region the gazetteer places."""
    out = {}
    for ent in facts.entities.values():
        entry = _region_entry(ent)
        if entry is not None and entry.latitude is not None:
            out[ent.id] = Spot(entry.latitude, entry.longitude, entry=entry)
    return out


def _neighbours(facts: Facts) -> dict[str, list[str]]:
    """Place id -> the places that place it: those it spans parts of, then those within it."""
    spans: dict[str, list[str]] = {}
    within: dict[str, list[str]] = {}
    for st in facts.statements.values():
        if st.predicate == SPANS_PART_OF:
            spans.setdefault(st.subject, []).append(st.object)
        elif st.predicate == PART_OF:
            within.setdefault(st.object, []).append(st.subject)
    return {k: sorted(spans.get(k) or within.get(k, ())) for k in spans.keys() | within.keys()}


def _middle(known: list[Spot]) -> Spot:
    """The approximate spot in the middle of ``known``."""
    return Spot(round(sum(s.latitude for s in known) / len(known), 5),
                round(sum(s.longitude for s in known) / len(known), 5), approximate=True)


def _one_round(facts: Facts, spots: dict[str, Spot], neighbours: dict[str, list[str]]) -> dict[str, Spot]:
    """The places not yet placed that some placed neighbour now places."""
    found = {}
    for place, others in sorted(neighbours.items()):
        known = [spots[o] for o in others if o in spots]
        if place not in spots and known and place in facts.entities:
            found[place] = _middle(known)
    return found


def locate_places(facts: Facts) -> dict[str, Spot]:
    """Place id -> its spot, for every place the gazetteer or its neighbours place."""
    spots = _looked_up(facts)
    neighbours = _neighbours(facts)
    for _ in range(MAX_ROUNDS):
        found = _one_round(facts, spots, neighbours)
        if not found:
            break
        spots.update(found)
    return spots
