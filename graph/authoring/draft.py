"""Writing a draft as a fact file: the schema comment, a header saying what it is, the sections in order.

>>> from graph.authoring.suggest import Draft
>>> text = draft_yaml(Draft("doc", {"relationships": [{"subject": "a", "predicate": "p", "object": "b"}]}),
...                   schema_path="../exports/peru-nexus.schema.json")
>>> text.splitlines()[0]
'# yaml-language-server: $schema=../exports/peru-nexus.schema.json'
>>> "relationships:" in text
True
"""

from __future__ import annotations

import re

import yaml

from graph.vocab.json_schema import DRAFT_MARK


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key, as the seed files are written."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _short_lists(dumper: yaml.SafeDumper, data: list):
    flow = bool(data) and all(isinstance(x, str) and len(x) < 40 for x in data) and len(data) <= 6
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _short_lists)


def header(draft, counts: dict) -> list[str]:
    return [
        f"# A draft of facts from the source '{draft.source}', written by `kg suggest`.",
        f"# Every entry is marked `{DRAFT_MARK}:` — a suggestion, never a fact: `kg validate` lists it as not",
        "# yet accepted and `kg build` leaves it out. Check each against its quote; edit it, delete it, or",
        f"# accept it by deleting its `{DRAFT_MARK}:` line. Entries with a known id propose evidence for an",
        "# entity defined elsewhere: accepted, their citations join the entity's (delete those you don't keep).",
        "# Found: " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items()) + ".",
    ]


def draft_yaml(draft, schema_path: str | None = None) -> str:
    """The draft as the text of a fact file."""
    lines = [f"# yaml-language-server: $schema={schema_path}"] if schema_path else []
    lines += header(draft, draft.counts)
    body = yaml.dump(draft.sections, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
    blocks = re.sub(r"(?<!:)\n(  - |[a-z_]+:\n)", r"\n\n\1", body)  # a blank line between entries, sections
    return "\n".join(lines) + "\n\n" + blocks
