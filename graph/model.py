"""The facts, as plain data classes: what the loader produces and the builder reads.

>>> c = Citation("ellis-2015", "note 28", "there is little evidence", stance="disputes")
>>> Statement("sendero-luminoso.engaged_in.cocaine-trade", "sendero-luminoso", "engaged_in",
...           "cocaine-trade", citations=[c]).is_disputed
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.dates import PartialDate
from graph.vocab.terms import ASSERTED, ASSERTED_MODALITY, DISPUTED, DISPUTES, SUPPORTS

Origin = tuple  # (file, key path): where a record was written

# a claimant's kind (derived from a citation, never written): a named entity (then its type is shown),
# an unnamed collective, a cited work, or the document itself
ENTITY_CLAIMANT, UNNAMED_CLAIMANT, CITED_WORK_CLAIMANT, DOCUMENT_CLAIMANT = "entity", "unnamed", "cited-work", "document"


@dataclass
class Citation:
    source: str
    locator: str
    quote: str
    by: str | None = None
    stance: str = SUPPORTS
    note: str | None = None
    origin: Origin = ("", ())
    by_unnamed: str | None = None  # an unnamed collective claimant: "U.S. officials"
    via: str | None = None  # the source id of the cited work the claim comes from
    qualifier: str | None = None  # the detail (a field name: date, place, value…) it speaks about alone
    says: str | None = None  # the value it gives for that detail
    mentions: list[str] = field(default_factory=list)  # entity ids the quote refers to without naming them
    lint_ok: dict[str, str] = field(default_factory=dict)  # lints acknowledged, each with its reason

    def as_dict(self) -> dict:
        """The citation as plain data, the way every export writes it (empty fields left out).

        >>> Citation("r", "p. 1", "q", by_unnamed="experts").as_dict()["by_unnamed"]
        'experts'
        """
        out = {"source": self.source, "locator": self.locator, "quote": self.quote, "stance": self.stance}
        for name in ("by", "by_unnamed", "via", "qualifier", "says", "mentions", "note"):
            value = getattr(self, name)
            if value:
                out[name] = value
        return out

    @property
    def disputes_detail(self) -> bool:
        """Whether it disputes one detail of the fact (its ``qualifier``), not the fact itself.

        >>> Citation("r", "p. 1", "q", stance="disputes", qualifier="date", says="2012").disputes_detail
        True
        """
        return self.stance == DISPUTES and self.qualifier is not None

    @property
    def disputes_fact(self) -> bool:
        return self.stance == DISPUTES and self.qualifier is None

    @property
    def claimant_kind(self) -> str:
        """Who makes the claim, by kind: ``entity`` (``by``), ``unnamed``, ``cited-work`` (``via``) or ``document``.

        >>> Citation("r", "p. 1", "q", via="el-comercio-2014").claimant_kind
        'cited-work'
        """
        if self.by:
            return ENTITY_CLAIMANT
        if self.by_unnamed:
            return UNNAMED_CLAIMANT
        return CITED_WORK_CLAIMANT if self.via else DOCUMENT_CLAIMANT


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
    cited_in: str | None = None  # for a cited work: the source id of the document citing it
    cited_at: str | None = None  # for a cited work: where that document cites it ("note 28")


@dataclass(kw_only=True)
class Timed:
    """Time qualifiers shared by events, statements and estimates."""

    date: PartialDate | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    date_inferred: str | None = None  # why the date is the curator's inference, when the quote does not state it

    @property
    def undated(self) -> bool:
        return self.date is None and self.start is None and self.end is None

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
    lint_ok: dict[str, str] = field(default_factory=dict)  # lints acknowledged, each with its reason


@dataclass
class Region(Entity):
    """A place: an entity of the ``regions`` section, perhaps with its GeoNames id."""

    geonames: int | None = None


class Evidenced:
    """What has a status, a modality and citations: whether the evidence disputes it, whether it holds plainly.

    A citation that disputes one detail (``qualifier``) does not dispute the fact.
    """

    status: str = ASSERTED  # analytic claims have no status of their own: only their citations may dispute them
    modality: str = ASSERTED_MODALITY
    citations: list[Citation]

    @property
    def is_disputed(self) -> bool:
        return self.status == DISPUTED or any(c.disputes_fact for c in self.citations)

    @property
    def effective_status(self) -> str:
        """``disputed`` when the status says so or a citation disputes the claim, else ``asserted``."""
        return DISPUTED if self.is_disputed else ASSERTED

    @property
    def is_plain_fact(self) -> bool:
        """Asserted by the source and undisputed: what gets the plain direct triple."""
        return self.modality == ASSERTED_MODALITY and not self.is_disputed

    @property
    def disputed_details(self) -> list[Citation]:
        """The citations that dispute one detail of it, in order."""
        return [c for c in self.citations if c.disputes_detail]


@dataclass
class AnalyticClaim(Entity, Evidenced):
    """An entity of the ``claims`` section: a judgement a document makes, with its modality.

    >>> AnalyticClaim(id="c", modality="predicted").is_plain_fact
    False
    """

    modality: str = ASSERTED_MODALITY


@dataclass(kw_only=True)
class Claim(Timed, Evidenced):
    """What statements and estimates share: a place, a status, a modality, citations, a note."""

    place: str | None = None
    status: str = ASSERTED
    modality: str = ASSERTED_MODALITY
    citations: list[Citation] = field(default_factory=list)
    note: str | None = None
    origin: Origin = ("", ())
    lint_ok: dict[str, str] = field(default_factory=dict)  # lints acknowledged, each with its reason


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
    # what a time slice (--as-of) kept apart: undated statements and estimates, neither held nor dropped
    undated_statements: dict[str, Statement] = field(default_factory=dict)
    undated_estimates: dict[str, Estimate] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        citations = sum(len(x.citations) for group in (self.entities, self.statements, self.estimates)
                        for x in group.values())
        return {"sources": len(self.sources), "entities": len(self.entities),
                "statements": len(self.statements), "estimates": len(self.estimates),
                "citations": citations}
