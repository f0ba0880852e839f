"""``kg diff``'s three forms: text (a summary like ``git diff --stat``, then the details), JSON, Markdown.

>>> from graph.authoring.diff import Change
>>> change = Change("statement", "changed", "a.p.b", ("doc",), {"date": ("1992", "1993")}, label="a p b")
>>> print(as_text([change], "HEAD", "working tree"))
HEAD → working tree: 1 change, 1 document
 doc | 1 ~
statements: 1 changed
<BLANKLINE>
doc
  ~ statement a.p.b (a p b)
      date: 1992 → 1993
"""

from __future__ import annotations

import json

from graph.authoring.diff import ADDED, CHANGED, CLOSED, KINDS, OPENED, REMOVED, Change, by_source

MARKS = {ADDED: "+", OPENED: "+", REMOVED: "-", CLOSED: "-", CHANGED: "~"}
ORDER = (ADDED, REMOVED, CHANGED, OPENED, CLOSED)
PLURAL = {"entity": "entities"}


def _plural(word: str, n: int) -> str:
    return word if n == 1 else PLURAL.get(word, word + "s")


def _row(changes: list[Change], kind: str) -> dict[str, int]:
    row = {a: 0 for a in ORDER}
    for c in changes:
        if c.kind == kind:
            row[c.action] += 1
    return {a: n for a, n in row.items() if n}


def counts(changes: list[Change]) -> dict[str, dict[str, int]]:
    """``{kind: {action: n}}`` over the changes, kinds and actions in a fixed order, zeros left out."""
    rows = {kind: _row(changes, kind) for kind in KINDS}
    return {kind: row for kind, row in rows.items() if row}


def summary_line(changes: list[Change]) -> str:
    """``statements: 1 changed; citations: 2 added`` (or ``no changes``)."""
    parts = [f"{_plural(kind, 2)}: " + ", ".join(f"{n} {a}" for a, n in row.items())
             for kind, row in counts(changes).items()]
    return "; ".join(parts) or "no changes"


STAT_WIDTH = 40  # the longest bar, in marks, as git diff --stat scales its bars


def _stat(groups: dict[str, list[Change]]) -> list[str]:
    """One line a document, as ``git diff --stat``: the count, then a bar of ``+``, ``~`` and ``-``
    grouped, scaled so that the longest is :data:`STAT_WIDTH` marks."""
    width = max((len(s) for s in groups), default=0)
    digits = max((len(str(len(items))) for items in groups.values()), default=1)
    scale = min(1.0, STAT_WIDTH / max((len(items) for items in groups.values()), default=1))
    return [f" {src:<{width}} | {len(items):>{digits}} {_bar(items, scale)}" for src, items in groups.items()]


def _bar(items: list[Change], scale: float) -> str:
    """``+++~~--`` for ``items``: each kind of mark at least once when it occurs, scaled by ``scale``."""
    marks = [MARKS[c.action] for c in items]
    return "".join(m * max(1, round(marks.count(m) * scale)) for m in "+~-" if m in marks)


def _value(v) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(map(str, v)) + "]"
    return "(none)" if v is None else str(v)


def describe(c: Change) -> str:
    """One change on one line: its mark, kind, fact and what identifies it."""
    if c.citation:
        quote = c.citation["quote"]
        quote = quote if len(quote) <= 80 else quote[:77] + "..."
        return f"{c.kind} on {c.of} ({c.citation['locator']}): \"{quote}\""
    label = f" ({c.label})" if c.label else ""
    return f"{c.kind} {c.of or c.id}{label}"


def _detail_lines(c: Change) -> list[str]:
    return [f"      {name}: {_value(a)} → {_value(b)}" for name, (a, b) in c.fields.items()]


def as_text(changes: list[Change], before: str, after: str) -> str:
    """The summary first (the count, one line per document, the counts by kind), then every change."""
    groups = by_source(changes)
    head = f"{before} → {after}: {len(changes)} {'change' if len(changes) == 1 else 'changes'}, " \
           f"{len(groups)} {'document' if len(groups) == 1 else 'documents'}"
    lines = [head, *_stat(groups), summary_line(changes)]
    for src, items in groups.items():
        lines += ["", src]
        for c in items:
            lines.append(f"  {MARKS[c.action]} {describe(c)}")
            lines += _detail_lines(c)
    return "\n".join(lines)


def as_json(changes: list[Change], before: str, after: str) -> str:
    """The changes as one JSON document: both versions, the counts, and every change with its sources."""
    doc = {"before": before, "after": after, "counts": counts(changes),
           "by_source": {src: len(items) for src, items in by_source(changes).items()},
           "changes": [c.as_dict() for c in changes]}
    return json.dumps(doc, indent=2, ensure_ascii=False)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;")


def _md_table(groups: dict[str, list[Change]]) -> list[str]:
    lines = ["| document | added | removed | changed |", "| --- | ---: | ---: | ---: |"]
    for src, items in groups.items():
        n = {m: sum(1 for c in items if MARKS[c.action] == m) for m in "+-~"}
        lines.append(f"| `{src}` | {n['+']} | {n['-']} | {n['~']} |")
    return lines


def _md_group(src: str, items: list[Change]) -> list[str]:
    lines = ["", f"#### `{src}`", ""]
    for c in items:
        lines.append(f"- **{c.action}** {_md(describe(c))}")
        lines += [f"  - {_md(line.strip())}" for line in _detail_lines(c)]
    return lines


def as_markdown(changes: list[Change], before: str, after: str) -> str:
    """A pull-request description: a table by document, then each document's changes as a list."""
    groups = by_source(changes)
    lines = [f"### Graph changes: `{before}` → `{after}`", "", summary_line(changes), ""]
    lines += _md_table(groups) if groups else []
    for src, items in groups.items():
        lines += _md_group(src, items)
    return "\n".join(lines)


FORMATS = {"text": as_text, "json": as_json, "markdown": as_markdown}
