"""The references of the evidence model, checked: cited works, claimants' mentions, GeoNames ids.

Called by :mod:`graph.facts.validate`'s checker (``checker.problem``, ``checker.facts``,
``checker.known``, ``checker.unusable``), one function per record it looks at.

>>> from pathlib import Path
>>> from graph.facts.validate import check
>>> _, report = check(Path("tests/fixtures/evidence"))
>>> report.errors
[]
"""

from __future__ import annotations

from graph.model import Citation, Region
from graph.problems import suggest
from graph.vocab.gazetteer import GAZETTEER_PACKAGE, lookup


def _source(checker, origin, ident: str, field: str, what: str) -> None:
    """Report ``ident`` (written in ``field``) unless it is a registered source."""
    if ident not in checker.facts.sources and ident not in checker.unusable:
        checker.problem(origin, f"unknown source '{ident}' in '{field}'",
                        suggest(ident, checker.facts.sources) or f"'{field}' names {what}: register it in 'sources'",
                        field=field)


def cited_works(checker) -> None:
    """A cited work's ``cited_in`` names a registered source, not itself."""
    for src in checker.facts.sources.values():
        if src.cited_in == src.id:
            checker.problem(src.origin, f"source '{src.id}' is cited in itself",
                            "'cited_in' names the document whose endnote cites this work", field="cited_in")
        elif src.cited_in is not None:
            _source(checker, src.origin, src.cited_in, "cited_in", "the document citing this work")


def citation(checker, c: Citation) -> None:
    """A citation's cited work (``via``) and the entities it ``mentions`` exist; one claimant at most."""
    if c.via is not None:
        _source(checker, c.origin, c.via, "via", "the cited work the claim comes from")
    if c.by and c.by_unnamed:
        checker.problem(c.origin, "a citation names one claimant: 'by' or 'by_unnamed', not both",
                        "keep 'by' when the claimant is an entity of the fact files", field="by_unnamed")
    file, path = c.origin
    for i, ident in enumerate(c.mentions):
        checker.known(ident, "entity mentioned", (file, path + ("mentions", i)))


def places(checker) -> None:
    """Every GeoNames id is one the gazetteer knows."""
    for ent in checker.facts.entities.values():
        if isinstance(ent, Region) and ent.geonames is not None and lookup(ent.geonames) is None:
            checker.problem(ent.origin, f"GeoNames id {ent.geonames} is not in the gazetteer ({GAZETTEER_PACKAGE})",
                            "check the id on geonames.org; the gazetteer holds countries, continents and cities of "
                            "over 15,000 people: leave 'geonames' out to place it by what it spans or contains",
                            field="geonames")
