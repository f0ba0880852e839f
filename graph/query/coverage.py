"""How much of the graph each source document supports.

>>> import graph
>>> rows = coverage(graph.build("tests/fixtures/mini").facts)
>>> rows["excerpt"]["entities"], rows["excerpt"]["statements"] > 10
(11, True)
"""

from __future__ import annotations

from graph.model import Facts

KINDS = ("entities", "statements", "estimates", "citations")


def coverage(facts: Facts) -> dict[str, dict[str, int]]:
    """Per source document: the entities, statements and estimates citing it, and its citations.

    A cited work (an endnote's article, ``cited_in`` its citing document) has no row: its
    quotes are the citing document's, and are counted there.
    """
    rows = {sid: dict.fromkeys(KINDS, 0) for sid in sorted(facts.sources) if not facts.sources[sid].cited_in}
    for kind, group in (("entities", facts.entities), ("statements", facts.statements),
                        ("estimates", facts.estimates)):
        for record in group.values():
            _count(rows, kind, record)
    return rows


def _count(rows: dict[str, dict[str, int]], kind: str, record) -> None:
    """Count ``record`` once under each source it cites, as a ``kind``, and each of its citations."""
    for sid in {c.source for c in record.citations}:
        rows[sid][kind] += 1
    for c in record.citations:
        rows[c.source]["citations"] += 1


def coverage_table(facts: Facts) -> str:
    """The coverage as a Markdown table, as the README shows it."""
    rows = coverage(facts)
    lines = ["| source | entities | statements | estimates | citations |", "| --- | ---: | ---: | ---: | ---: |"]
    for sid, row in rows.items():
        lines.append(f"| `{sid}` | " + " | ".join(str(row[k]) for k in KINDS) + " |")
    c = facts.counts()
    lines.append(f"| **all** | {c['entities']} | {c['statements']} | {c['estimates']} | {c['citations']} |")
    return "\n".join(lines)
