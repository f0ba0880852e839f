"""What reading an entry of each kind of record needs, worked out once from the fact schema.

>>> from graph.vocab.schema import load_schema
>>> spec = load_schema().records["citation"]
>>> plain_kinds(spec)["quote"], maker(spec)[1].__name__
('text', 'Citation')
"""

from __future__ import annotations

import graph.model
from graph.facts.record_checks import RECORD_CHECKS
from graph.vocab.schema import RecordSpec

TEXT_KIND, SLUG_KIND = "text", "slug"  # the field kinds read without a parser: non-empty text, a well-formed id


def plain_kinds(spec: RecordSpec) -> dict[str, str]:
    """The fields of ``spec`` that are plain text or ids: field name -> :data:`TEXT_KIND` or :data:`SLUG_KIND`
    (those very objects: compare with ``is``)."""
    found = spec.__dict__.get("_plain_kinds")
    if found is None:
        found = spec.__dict__["_plain_kinds"] = {
            name: TEXT_KIND if kind == TEXT_KIND else SLUG_KIND for name, kind in spec.kinds.items()
            if kind in (TEXT_KIND, SLUG_KIND)}
    return found


def maker(spec: RecordSpec) -> tuple:
    """(record checks, data class, field name -> attribute) of ``spec``: what makes a record of its entries."""
    found = spec.__dict__.get("_maker")
    if found is None:
        found = spec.__dict__["_maker"] = (tuple(RECORD_CHECKS[c] for c in spec.checks),
                                           getattr(graph.model, spec.model), spec.attributes)
    return found
