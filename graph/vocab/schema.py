"""The fact schema: which records a fact file holds and what their fields accept.

Read from ``ontology/fact-schema.yaml`` (the sections of entities from the
ontology's ``nx:section``); the reader and the checker of :mod:`graph.facts`
are generic over it.

>>> schema = load_schema()
>>> schema.records["citation"].required
('source', 'locator', 'quote')
>>> layout = schema.layout(load_ontology())
>>> layout["actors"].name, layout["events"].name, list(layout)[0]
('entity', 'event', 'sources')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from graph.vocab.ontology import ONTOLOGY_DIR, Ontology, load_ontology

SCHEMA_FILE = ONTOLOGY_DIR / "fact-schema.yaml"
FROM_ONTOLOGY = "ontology"  # `sections: ontology`: the sections are the ontology's nx:section values


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record: its kind and what it means.

    >>> load_schema().records["event"].fields["participants"].becomes
    ('participant_in', 'object')
    """

    name: str
    kind: str
    required: bool = False
    attribute: str = ""  # the model's attribute; the field's name when empty
    refers: str | None = None  # the class the entity it names must belong to
    becomes: tuple[str, str] | None = None  # (predicate, the record's end: subject or object)
    role: str = ""  # what errors call its value
    rdf: str | None = None  # the property (path) the built graph writes it with
    doc: str = ""


@dataclass(frozen=True)
class RecordSpec:
    """One kind of record: where it is written, its fields, the data class it becomes."""

    name: str
    model: str
    fields: dict[str, FieldSpec]
    section: str | None = None
    from_ontology: bool = False
    classes: tuple[str, ...] = ()
    identifies: bool = False
    checks: tuple[str, ...] = ()
    extends: str | None = None  # the record whose fields come first

    @cached_property
    def kinds(self) -> dict[str, str]:
        """Field name -> kind, in the schema's order."""
        return {name: f.kind for name, f in self.fields.items()}

    @cached_property
    def required(self) -> tuple[str, ...]:
        return tuple(name for name, f in self.fields.items() if f.required)

    @cached_property
    def attributes(self) -> dict[str, str]:
        """Field name -> the model's attribute, for the fields the model keeps."""
        return {name: f.attribute for name, f in self.fields.items() if not f.becomes}

    @cached_property
    def derived(self) -> list[FieldSpec]:
        """The fields that stand for statements of their own (an event's place, participants)."""
        return [f for f in self.fields.values() if f.becomes]


@dataclass(frozen=True)
class FactSchema:
    records: dict[str, RecordSpec]
    stances: tuple[str, ...]
    statuses: tuple[str, ...]
    max_quote: int
    hints: dict[str, str] = field(default_factory=dict)
    modalities: tuple[str, ...] = ()  # how a source holds a fact; the first is the default
    qualifiers: tuple[str, ...] = ()  # the details of a fact a citation may speak about alone
    lints: tuple[str, ...] = ()  # the lints a fact may acknowledge in ``lint_ok``

    def layout(self, onto: Ontology) -> dict[str, RecordSpec]:
        """Every section of a fact file, in order, with the record it holds."""
        out: dict[str, RecordSpec] = {}
        for spec in self.records.values():
            if spec.section:
                out[spec.section] = spec
            elif spec.from_ontology and not any(s in out for s in onto.sections):
                out.update((section, self.record_for(onto, top)) for section, top in onto.sections.items())
        return out

    def entity_sections(self, onto: Ontology) -> list[str]:
        """The sections that hold entities (the ontology's nx:section values).

        >>> load_schema().entity_sections(load_ontology())[:2]
        ['actors', 'groups']
        """
        return list(onto.sections)

    def record_for(self, onto: Ontology, top: str) -> RecordSpec:
        """The record a section of top class ``top`` is read with: the most specific that fits."""
        fits = [(len(onto.ancestors(cls)), spec) for spec in self.records.values() if spec.from_ontology
                for cls in spec.classes if onto.is_a(top, cls)]
        return max(fits, key=lambda pair: pair[0])[1]

    def field(self, record: str, name: str) -> FieldSpec:
        return self.records[record].fields[name]


def _field(name: str, raw: dict) -> FieldSpec:
    becomes = raw.get("becomes")
    return FieldSpec(name=name, kind=raw["kind"], required=bool(raw.get("required")),
                     attribute=raw.get("attribute", name), refers=raw.get("refers"),
                     becomes=(becomes["predicate"], becomes["record_is"]) if becomes else None,
                     role=raw.get("role", name), rdf=raw.get("rdf"), doc=raw.get("doc", ""))


def _records(raw: dict) -> dict[str, RecordSpec]:
    records: dict[str, RecordSpec] = {}
    for name, spec in raw.items():
        fields = dict(records[spec["extends"]].fields) if "extends" in spec else {}
        fields.update((key, _field(key, value)) for key, value in spec["fields"].items())
        parent = records.get(spec.get("extends", ""))
        records[name] = RecordSpec(
            name=name, model=spec.get("model") or parent.model, fields=fields,
            section=spec.get("section"), from_ontology=spec.get("sections") == FROM_ONTOLOGY,
            classes=tuple(spec.get("classes", ())),
            identifies=spec.get("identifies", bool(parent and parent.identifies)),
            checks=tuple(spec.get("checks", parent.checks if parent else ())), extends=spec.get("extends"))
    return records


@lru_cache(maxsize=4)
def load_schema(path: Path = SCHEMA_FILE) -> FactSchema:
    """Read the fact schema (once per path)."""
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return FactSchema(records=_records(raw["records"]), stances=tuple(raw["stances"]),
                      statuses=tuple(raw["statuses"]), max_quote=int(raw["max_quote"]),
                      hints=dict(raw.get("hints", {})), modalities=tuple(raw.get("modalities", ())),
                      qualifiers=tuple(raw.get("qualifiers", ())), lints=tuple(raw.get("lints", ())))


def field_table(spec: RecordSpec, schema: FactSchema | None = None) -> str:
    """The Markdown table of a record's own fields (not those it extends), as ``seeds/README.md`` shows it.

    >>> print(field_table(load_schema().records["citation"]).splitlines()[2])
    | `source` | yes | a source id from a `sources` section |
    """
    inherited = (schema or load_schema()).records[spec.extends].fields if spec.extends else {}
    rows = ["| field | required | what |", "| --- | --- | --- |"]
    rows += [f"| `{f.name}` | {'yes' if f.required else 'no'} | {f.doc} |"
             for f in spec.fields.values() if f.name not in inherited]
    return "\n".join(rows)


__all__ = ["FactSchema", "FieldSpec", "RecordSpec", "load_schema", "field_table", "SCHEMA_FILE"]
