"""An entity written again: an entry repeating an entity's id, type, name and description (and nothing
else of its own) adds its evidence to the entity, as the same statement written twice is one statement.

It is how a draft of ``kg suggest`` proposes evidence for an entity defined elsewhere: once the curator
removes its ``review:`` mark, the entry's citations join the entity's. An entry that gives another value
for any field is a second definition, which the checker reports.

>>> from graph.model import Citation, Entity
>>> first = Entity(id="sl", type="ArmedGroup", name="Sendero", description="A group.",
...                citations=[Citation("a", "p. 1", "Sendero Luminoso")])
>>> again = Entity(id="sl", type="ArmedGroup", name="Sendero", description="A group.",
...                citations=[Citation("b", "p. 9", "Sendero Luminoso attacked")])
>>> restates(first, again), restates(first, Entity(id="sl", type="Party", name="Sendero", description="A group."))
(True, False)
>>> add_evidence(first, again); [c.source for c in first.citations]
['a', 'b']
"""

from __future__ import annotations

from dataclasses import fields

from graph.model import Entity, Statement
from graph.vocab.terms import DISPUTED

_OWN = {"citations", "origin", "lint_ok", "note"}  # what a restating entry may bring of its own


def restates(first: Entity, again: Entity) -> bool:
    """Whether ``again`` gives no value for a field of ``first`` other than ``first``'s own."""
    if type(first) is not type(again):
        return False
    return all(not getattr(again, f.name) or getattr(again, f.name) == getattr(first, f.name)
               for f in fields(again) if f.name not in _OWN)


def add_evidence(first: Entity, again: Entity) -> None:
    """``again``'s citations (those ``first`` lacks) and acknowledgements added to ``first``."""
    have = {(c.source, c.quote) for c in first.citations}
    first.citations += [c for c in again.citations if (c.source, c.quote) not in have]
    first.lint_ok = {**again.lint_ok, **first.lint_ok}


def merge_statement(seen: Statement, st: Statement) -> None:
    """The same fact written twice: one statement, all citations, disputed if either says so."""
    have = {(c.source, c.quote) for c in seen.citations}
    seen.citations += [c for c in st.citations if (c.source, c.quote) not in have]
    if st.status == DISPUTED:
        seen.status = DISPUTED
    seen.lint_ok = {**st.lint_ok, **seen.lint_ok}


__all__ = ["restates", "add_evidence", "merge_statement"]
