"""The fact-file format as a JSON Schema, generated from the fact schema and the ontology.

Editors with the YAML language server (VS Code, Neovim, Emacs, Helix…) read it
through the comment every seed file starts with, and complete sections, fields,
entity types, relationship types, stances, statuses and modalities, and flag an
unknown field as it is typed. Nothing here lists the vocabulary: every
enumeration is read from ``ontology/fact-schema.yaml`` and ``ontology/peru-nexus.ttl``.

Dates are written as YAML 1.2 reads them (the language server's view): a bare
year is a number, ``1992-02`` and ``1992-02-28`` are text.

>>> schema = fact_file_schema()
>>> schema["properties"]["relationships"]["items"]["$ref"]
'#/$defs/relationship'
>>> "led_by" in schema["$defs"]["relationship"]["properties"]["predicate"]["enum"]
True
>>> schema["$defs"]["citation"]["additionalProperties"]
False
"""

from __future__ import annotations

import copy
import json

from graph.vocab.ontology import DEFAULT_BASE, Ontology, load_ontology
from graph.vocab.schema import FactSchema, FieldSpec, RecordSpec, load_schema

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILE_NAME = "peru-nexus.schema.json"
SLUG_PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
MEASURE_PATTERN = "^[a-z][a-z0-9_]*$"
DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
# the field that marks an entry as a suggestion awaiting review (kg suggest writes it, a curator deletes it);
# kg validate reports such entries as drafts and kg build leaves them out
DRAFT_MARK = "review"
# a seed file's first line: the YAML language server finds the schema through it
MODELINE = f"# yaml-language-server: $schema=../exports/{SCHEMA_FILE_NAME}"

_PLAIN = {
    "text": {"type": "string"},
    "slug": {"type": "string", "pattern": SLUG_PATTERN},
    "measure": {"type": "string", "pattern": MEASURE_PATTERN},
    "url": {"type": "string", "pattern": "^[hH][tT][tT][pP][sS]?://[^\\s<>\"]+$"},
    "date": {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 9999},
                       {"type": "string", "pattern": DATE_PATTERN}]},
    "number": {"type": "number"},
}


def choices(schema: FactSchema, kind: str) -> tuple[str, ...] | None:
    """The values a field of ``kind`` may take, when the fact schema lists them (``stance`` → ``stances``).

    >>> choices(load_schema(), "stance")
    ('supports', 'disputes')
    >>> choices(load_schema(), "text") is None
    True
    """
    for plural in (kind + "s", kind[:-1] + "ies", kind + "es"):
        found = getattr(schema, plural, None)
        if isinstance(found, (tuple, list)) and found:
            return tuple(found)
    return None


# each kind of field a fixed schema is written for: the plain ones, a list of each, and two of their own
_KINDS = {**{kind + "s": {"type": "array", "items": value} for kind, value in _PLAIN.items()}, **_PLAIN,
          "lint_acks": {"$ref": "#/$defs/lint_ok"},
          "evidence": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/citation"}}}


def _value_schema(schema: FactSchema, spec: FieldSpec, enums: dict[str, list[str]]) -> dict:
    """The JSON Schema of a field's value, before its description: its enum, its kind's, or its choices'.

    >>> _value_schema(load_schema(), load_schema().field("entity", "aliases"), {})
    {'type': 'array', 'items': {'type': 'string'}}
    """
    if spec.name in enums:
        return {"type": "string", "enum": enums[spec.name]}
    if spec.kind in _KINDS:
        return copy.deepcopy(_KINDS[spec.kind])
    listed = choices(schema, spec.kind)
    return {} if listed is None else {"type": "string", "enum": list(listed)}  # {}: a kind not known yet


def field_schema(schema: FactSchema, spec: FieldSpec, enums: dict[str, list[str]]) -> dict:
    """The JSON Schema of one field's value.

    >>> field_schema(load_schema(), load_schema().field("entity", "aliases"), {})["type"]
    'array'
    """
    out = _value_schema(schema, spec, enums)
    if spec.doc:
        out["description"] = spec.doc
    return out


def record_schema(schema: FactSchema, record: RecordSpec, enums: dict[str, list[str]]) -> dict:
    """One record (a source, an entity of a section, a statement…) as a closed JSON object."""
    out = {
        "type": "object",
        "properties": {name: field_schema(schema, f, enums) for name, f in record.fields.items()},
        "additionalProperties": False,
    }
    if record.required:
        out["required"] = list(record.required)
    if record.section or record.from_ontology:
        out["properties"][DRAFT_MARK] = {"type": "string", "description": "a draft awaiting review: why it was "
                                         "suggested; delete this line to accept the entry"}
    return out


def _entity_enums(onto: Ontology, top: str) -> dict[str, list[str]]:
    return {"type": onto.classes_under(top)}


def _predicate_enums(onto: Ontology) -> dict[str, list[str]]:
    return {"predicate": sorted(onto.predicates)}


def _section_enums(onto: Ontology, top: str | None, record: RecordSpec) -> dict[str, list[str]]:
    """The closed lists of a section's records: the classes under its class ``top``, or the relationship
    types for a section of statements; none for the others."""
    if top:
        return _entity_enums(onto, top)
    return _predicate_enums(onto) if "predicate" in record.fields else {}


def _definitions(schema: FactSchema, onto: Ontology) -> tuple[dict, dict]:
    """``(sections, $defs)``: each section's array of records, and the records themselves."""
    sections, defs = {}, {}
    for section, record in schema.layout(onto).items():
        top = onto.sections.get(section)
        name = f"{record.name}-{section}" if top else record.name
        defs[name] = record_schema(schema, record, _section_enums(onto, top, record))
        if top:
            defs[name]["description"] = onto.comments.get(top, onto.labels.get(top, top))
        sections[section] = {"type": "array", "items": {"$ref": f"#/$defs/{name}"}}
    for name, record in schema.records.items():
        if not record.section and not record.from_ontology:  # records inside others: the citation
            defs[name] = record_schema(schema, record, {})
    defs["lint_ok"] = {"type": "object", "propertyNames": {"enum": list(schema.lints)},
                       "additionalProperties": {"type": "string", "minLength": 1},
                       "description": "lints of kg validate acknowledged, each with the reason the fact holds as written"}
    return sections, defs


def fact_file_schema(base: str = DEFAULT_BASE) -> dict:
    """The JSON Schema of one fact file: a mapping of sections, each a list of closed records."""
    schema, onto = load_schema(), load_ontology(base)
    sections, defs = _definitions(schema, onto)
    return {
        "$schema": DRAFT,
        "$id": f"{base}{SCHEMA_FILE_NAME}",
        "title": "Peru Nexus fact file",
        "description": "A YAML fact file of seeds/: sources, entities by section, relationships, estimates.",
        "type": "object",
        "properties": sections,
        "additionalProperties": False,
        "$defs": defs,
    }


def schema_bytes(base: str = DEFAULT_BASE) -> bytes:
    """The schema as the file ``kg build`` writes, its keys in the fact schema's order.

    >>> schema_bytes().startswith(b"{")
    True
    """
    return (json.dumps(fact_file_schema(base), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
