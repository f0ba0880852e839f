"""The facts, as plain data classes: what the loader produces and the builder reads.

>>> c = Citation("ellis-2015", "note 28", "there is little evidence", stance="disputes")
>>> Statement("sendero-luminoso.engaged_in.cocaine-trade", "sendero-luminoso", "engaged_in",
...           "cocaine-trade", citations=[c]).is_disputed
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.dates import PartialDate
from graph.vocab.terms import ASSERTED, DISPUTED, DISPUTES, SUPPORTS

Origin = tuple  # (file, key path): where a record was written


@dataclass
class Citation:
    source: str
    locator: str
    quote: str
    by: str | None = None
    stance: str = SUPPORTS
    note: str | None = None
    origin: Origin = ("", ())

    def as_dict(self) -> dict:
        """The citation as plain data, the way every export writes it (empty fields left out)."""
        out = {"source": self.source, "locator": self.locator, "quote": self.quote, "stance": self.stance}
        if self.by:
            out["by"] = self.by
        if self.note:
            out["note"] = self.note
        return out


@dataclass
class Source:
    id: str
    title: str
    author: str | None = None
    publisher: str | None = None
    date: PartialDate | None = None
    file: str | None = None
    rights: str | None = None
    note: str | None = None
    url: str | None = None  # where it is published (read and checked; the exports do not write it yet)
    origin: Origin = ("", ())


@dataclass(kw_only=True)
class Timed:
    """Time qualifiers shared by events, statements and estimates."""

    date: PartialDate | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None

    @property
    def first_year(self) -> int | None:
        point = self.start or self.date
        return point.year if point else None

    @property
    def last_year(self) -> int | None:
        point = self.end or self.date
        return point.year if point else None


@dataclass
class Entity(Timed):
    id: str = ""
    type: str = ""
    name: str = ""
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    citations: list[Citation] = field(default_factory=list)
    note: str | None = None
    origin: Origin = ("", ())


@dataclass(kw_only=True)
class Claim(Timed):
    """What statements and estimates share: a place, a status, citations, a note."""

    place: str | None = None
    status: str = ASSERTED
    citations: list[Citation] = field(default_factory=list)
    note: str | None = None
    origin: Origin = ("", ())

    @property
    def is_disputed(self) -> bool:
        return self.status == DISPUTED or any(c.stance == DISPUTES for c in self.citations)

    @property
    def effective_status(self) -> str:
        """``disputed`` when the status says so or a citation disputes the claim, else ``asserted``."""
        return DISPUTED if self.is_disputed else ASSERTED


@dataclass
class Statement(Claim):
    id: str = ""
    subject: str = ""
    predicate: str = ""
    object: str = ""


@dataclass
class Estimate(Claim):
    id: str = ""
    subject: str = ""
    measure: str = ""
    value: float | int | None = None
    min: float | int | None = None
    max: float | int | None = None
    unit: str = ""


@dataclass
class Facts:
    """Everything the fact files say, checked and merged."""

    sources: dict[str, Source] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    statements: dict[str, Statement] = field(default_factory=dict)
    estimates: dict[str, Estimate] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        citations = sum(len(x.citations) for group in (self.entities, self.statements, self.estimates)
                        for x in group.values())
        return {"sources": len(self.sources), "entities": len(self.entities),
                "statements": len(self.statements), "estimates": len(self.estimates),
                "citations": citations}
