"""The fact-file JSON Schema as an export: ``kg build`` writes ``exports/peru-nexus.schema.json``.

Every seed file's first line points the YAML language server at it
(:data:`graph.vocab.json_schema.MODELINE`).

>>> EXPORTER.files
('peru-nexus.schema.json',)
"""

from __future__ import annotations

from graph.exports.registry import single
from graph.vocab.json_schema import SCHEMA_FILE_NAME, schema_bytes
from graph.vocab.ontology import DEFAULT_BASE


def render(kg) -> bytes:
    """The schema for the graph's base IRI."""
    return schema_bytes(getattr(kg, "base", None) or DEFAULT_BASE)


EXPORTER = single("json-schema", SCHEMA_FILE_NAME, render)
