"""Lints a fact acknowledges: ``lint_ok: {LINT: reason}``, read and checked against the schema's ``lints``.

A curator who has checked a finding of ``kg validate`` against the document, and found the fact holds
as written, says so in the fact, with the reason; the finding is then not reported.

>>> from graph.problems import Report
>>> class Reader:
...     report = Report()
...     def problem(self, path, message, hint=None):
...         self.report.add("f.yaml", message, path=path, hint=hint)
>>> lint_acks_value(Reader(), ("relationships", 0, "lint_ok"), {"modality-cue": "the hedge is about another fact"}, "lint_acks")
{'modality-cue': 'the hedge is about another fact'}
>>> r = Reader(); lint_acks_value(r, ("x", "lint_ok"), {"modality-cu": "why"}, "lint_acks") is BAD
True
>>> r.report.problems[0].hint
"did you mean 'modality-cue'?"
"""

from __future__ import annotations

from graph.problems import suggest
from graph.vocab.schema import load_schema

LINTS = load_schema().lints
BAD = object()  # the reader's mark for a value it reported and dropped


def lint_acks_value(reader, path: tuple, raw, kind: str):
    """``raw`` as {lint: reason}, or BAD after reporting what is wrong with it."""
    if not isinstance(raw, dict):
        reader.problem(path, "'lint_ok' must be a mapping of lint names to reasons",
                       'write lint_ok: {attribution-cue: "why the fact holds as written"}')
        return BAD
    wrong = False
    for lint, reason in raw.items():
        if lint not in LINTS:
            reader.problem(path + (lint,), f"'{str(lint)[:60]}' is not a lint kg validate reports",
                           suggest(str(lint), LINTS) or f"lints are: {', '.join(LINTS)}")
            wrong = True
        elif not isinstance(reason, str) or not reason.strip():
            reader.problem(path + (lint,), f"acknowledging '{lint}' needs a reason",
                           "say why the fact holds as written, in the document's terms")
            wrong = True
    return BAD if wrong else dict(raw)


def acknowledges(record, lint: str) -> bool:
    """Whether ``record`` (a citation, statement, estimate or entity) acknowledges ``lint``.

    >>> from graph.model import Citation
    >>> acknowledges(Citation("s", "p. 1", "q", lint_ok={"reused-quote": "one list"}), "reused-quote")
    True
    """
    return lint in (getattr(record, "lint_ok", None) or {})


def acknowledging(facts):
    """Every entity, statement, estimate and citation with a ``lint_ok``, each once."""
    seen: set[int] = set()
    for group in (facts.entities, facts.statements, facts.estimates):
        for x in group.values():
            for record in (x, *x.citations):
                if getattr(record, "lint_ok", None) and id(record) not in seen:
                    seen.add(id(record))
                    yield record


__all__ = ["LINTS", "lint_acks_value", "acknowledges", "acknowledging"]
