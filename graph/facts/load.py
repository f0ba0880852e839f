"""Reading the fact files: every ``*.yaml`` under a seeds folder into records.

This module checks the *shape* of what is written (known sections and fields,
text where text belongs, lists where lists belong, well-formed dates and ids),
generically over the fact schema (:mod:`graph.vocab.schema`): a table from
field kind to a small parser, and the schema's record checks. What the records
*mean* — references, types, predicates, quotes — is checked by
:mod:`graph.facts.validate`.

>>> from pathlib import Path
>>> records, report = read_seeds(Path("tests/fixtures/mini"))
>>> sorted(records.sections())
['activities', 'actors', 'estimates', 'events', 'groups', 'regions', 'relationships', 'sources']
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.dates import PartialDate, parse_date
from graph.model import Entity, Estimate, Source, Statement
from graph.problems import Problem, Report, shape_of, suggest
from graph.facts.files import display_path, fact_files, seed_files  # noqa: F401 - known here by other code
from graph.facts.pitfalls import ids_written
from graph.facts.readcache import loaded, read_fact_file, read_records
from graph.vocab.json_schema import DRAFT_MARK
from graph.vocab.ontology import load_ontology
from graph.vocab.schema import RecordSpec, load_schema
from graph.facts.prepared import SLUG_KIND as _SLUG, TEXT_KIND as _TEXT, maker as _maker, plain_kinds as _plain_kinds
from graph.facts.acks import BAD as _BAD, lint_acks_value

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MEASURE = re.compile(r"^[a-z][a-z0-9_]*$")
WEB_URL = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)

SCHEMA = load_schema()
STANCES, STATUSES, MAX_QUOTE = SCHEMA.stances, SCHEMA.statuses, SCHEMA.max_quote
MODALITIES, QUALIFIERS = SCHEMA.modalities, SCHEMA.qualifiers


def section_layout() -> dict[str, RecordSpec]:
    """Every section a fact file may hold, in order, with the record it holds.

    >>> section_layout()["regions"].model, section_layout()["activities"].model
    ('Region', 'Entity')
    """
    return SCHEMA.layout(load_ontology())


# the schema's tables under the names other code and tests know them by
SECTIONS = tuple(section_layout())
ENTITY_SECTIONS = tuple(SCHEMA.entity_sections(load_ontology()))
SOURCE_FIELDS, ENTITY_FIELDS, EVENT_FIELDS, RELATIONSHIP_FIELDS, ESTIMATE_FIELDS, CITATION_FIELDS = (
    SCHEMA.records[name].kinds for name in ("source", "entity", "event", "relationship", "estimate", "citation"))


@dataclass
class Records:
    """What the files say, shape-checked but not yet cross-checked."""

    sources: list[Source] = field(default_factory=list)
    entities: list[tuple[str, Entity]] = field(default_factory=list)  # (section, entity)
    events_extra: dict[str, dict] = field(default_factory=dict)  # entity id -> its derived fields (place…)
    relationships: list[Statement] = field(default_factory=list)
    estimates: list[Estimate] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    _seen_sections: set[str] = field(default_factory=set)
    unusable: set[str] = field(default_factory=set)  # ids of entries too broken to use: references not reported
    restating_derived: set[int] = field(default_factory=set)  # id() of later entries of an id giving a place…

    def sections(self) -> set[str]:
        return self._seen_sections

    def add(self, section: str, spec: RecordSpec, record, values: dict) -> None:
        """File ``record`` (read with ``spec`` from ``section``) where its kind belongs."""
        if isinstance(record, Entity):
            self.add_entity(section, spec, record, values)
        elif isinstance(record, Source):
            self.sources.append(record)
        elif isinstance(record, Statement):
            self.relationships.append(record)
        else:
            self.estimates.append(record)


    def add_entity(self, section: str, spec: RecordSpec, record: Entity, values: dict) -> None:
        """File an entity, with its derived fields (a place…) when its record has some."""
        self.entities.append((section, record))
        if spec.derived:
            derived = {f.name: values.get(f.name, [] if f.kind.endswith("s") else None) for f in spec.derived}
            if record.id in self.events_extra and any(derived.values()):
                self.restating_derived.add(id(record))  # a second entry of the id with a place…: a second definition
            self.events_extra.setdefault(record.id, derived)


def read_seeds(seeds: Path, report: Report | None = None) -> tuple[Records, Report]:
    """Read every fact file under ``seeds`` into :class:`Records`."""
    report = report or Report()
    records = Records()
    if not seeds.is_dir():
        report.add(display_path(seeds), "seeds folder not found",
                   hint="pass --seeds DIR, a folder of YAML fact files")
        return records, report
    files = fact_files(seeds, report)
    if not files:
        report.add(display_path(seeds), "no fact files (*.yaml) in the seeds folder")
    layout = section_layout()
    for path in files:
        _read_file(path, records, report, layout)
    return records, report


def _read_file(path: Path, records: Records, report: Report, layout: dict[str, RecordSpec]) -> None:
    """Read one fact file into ``records``, its problems into ``report``."""
    name = display_path(path)
    records.files.append(name)
    data, problems = read_fact_file(path, name, lazy=True)
    report.problems.extend(problems)
    if not problems:  # from the cache when the file's data was read before
        read_records(name, records, report, layout,
                     lambda into, said: _FileReader(name, into, said, layout).read(loaded(data)))
    else:  # what the file defines is lost with it: references to it are consequences, not errors
        records.unusable |= ids_written(path)


class _FileReader:
    """Shape checks for one file's data."""

    def __init__(self, file: str, records: Records, report: Report, layout: dict[str, RecordSpec]):
        self.file, self.records, self.report, self.layout = file, records, report, layout

    def problem(self, path, message, hint=None, on_key=False):
        self.report.problems.append(Problem(self.file, message, path=tuple(path), hint=hint, on_key=on_key))

    def read(self, data) -> None:
        self.report.shapes[self.file] = shape_of(data)  # where its entries are, found without parsing it again
        if not isinstance(data, dict):
            self.report.problems.append(self.not_a_file_of_sections(data))
            return
        for section, items in data.items():
            if self.section_usable(section, items):
                for i, item in enumerate(items):
                    self.read_entry(section, (section, i), item)

    def not_a_file_of_sections(self, data) -> Problem:
        if data is None:
            return Problem(self.file, "empty file: no facts", line=1, col=1,
                           hint=f"a truncated file loses facts silently: write sections such as "
                                f"{', '.join(SECTIONS[:3])} in it, or delete it")
        return Problem(self.file, f"a fact file must be a mapping of sections, not {_kind(data)}", line=1, col=1,
                       hint="start with a section name, e.g. 'actors:', and list the entries under it")

    def section_usable(self, section, items) -> bool:
        """Whether ``section`` is known and holds a list; report it when not."""
        if section not in self.layout:
            self.problem([section], f"unknown section '{section}'",
                         suggest(section, self.layout) or f"sections are: {', '.join(self.layout)}", on_key=True)
            return False
        self.records._seen_sections.add(section)
        if items is not None and not isinstance(items, list):
            self.problem([section], f"section '{section}' must be a list of entries, not {_kind(items)}",
                         "start each entry with '- '")
            return False
        return items is not None

    def read_entry(self, section: str, path: tuple, item) -> None:
        if not isinstance(item, dict):
            self.problem(path, f"an entry of '{section}' must be a mapping, not {_kind(item)}",
                         "write 'key: value' lines under the '- '")
            return
        if DRAFT_MARK in item:  # a suggestion (kg suggest) awaiting review: reported, left out of the graph
            self.report_draft(path, item)
            return
        spec = self.layout[section]
        values = self.fields(path, item, spec)
        if values is None:
            self.mark_unusable(spec, item)
            return
        record = self.record(spec, path, item, values)
        if record is not None:
            self.records.add(section, spec, record, values)

    def report_draft(self, path: tuple, item: dict) -> None:
        """Report a draft entry (``kg suggest``), a warning: it stays out of the graph."""
        self.report.problems.append(Problem(
            self.file, f"draft, not yet accepted: {item[DRAFT_MARK]}", path=path + (DRAFT_MARK,), on_key=True,
            severity="warning", hint=f"check it against its quote, then delete its '{DRAFT_MARK}:' line"))

    def mark_unusable(self, spec: RecordSpec, item: dict) -> None:
        """Note the id of an entry too broken to use, so that references to it go unreported."""
        if spec.identifies and isinstance(item.get("id"), str):
            self.records.unusable.add(item["id"].strip())

    def record(self, spec: RecordSpec, path: tuple, item: dict, values: dict):
        """The model object of an entry whose fields are usable, or None when a record check fails."""
        checks, make, names = _maker(spec)
        for check in checks:
            if check(self, path, item, values) is False:
                return None
        return make(**{names[key]: value for key, value in values.items() if key in names}, origin=(self.file, path))

    def fields(self, path: tuple, item: dict, spec: RecordSpec) -> dict | None:
        """Check an entry's fields against ``spec``; None when it cannot be used at all."""
        values, usable, plain = {}, True, _plain_kinds(spec)
        for key, raw in item.items():
            kind = plain.get(key)  # non-empty text, or a well-formed id: the most common fields, quickly
            if kind is not None and type(raw) is str:
                if kind is _TEXT and raw.strip():
                    values[key] = raw
                    continue
                if kind is _SLUG and SLUG.match(raw):
                    values[key] = raw.strip()
                    continue
            usable = self.field(path, spec, key, raw, values) and usable
        missing = self.report_missing(path, item, spec)
        return values if usable and not missing else None

    def report_missing(self, path: tuple, item: dict, spec: RecordSpec) -> list[str]:
        """The required fields ``item`` leaves out, each reported."""
        missing = [key for key in spec.required if key not in item]
        for key in missing:
            self.problem(path, f"missing required field '{key}'", SCHEMA.hints.get(key))
        return missing

    def field(self, path: tuple, spec: RecordSpec, key, raw, values: dict) -> bool:
        """Read one field into ``values``; False when the entry cannot be used without it."""
        kind = spec.kinds.get(key)
        if kind is None:
            self.problem(path + (key,), f"unknown field '{key}'",
                         suggest(key, spec.kinds) or f"fields here are: {', '.join(spec.kinds)}", on_key=True)
            return True
        if raw is None:
            return self.empty_field(path, spec, key)
        value = self.value(path + (key,), kind, raw)
        if value is _BAD:
            return key not in spec.required
        values[key] = value
        return True

    def empty_field(self, path: tuple, spec: RecordSpec, key) -> bool:
        """An empty field: reported when required; whether the entry is usable without it."""
        if key in spec.required:
            self.problem(path + (key,), f"'{key}' is empty", SCHEMA.hints.get(key, "it is required"))
        return key not in spec.required

    def value(self, path: tuple, kind: str, raw):
        """The value of a field of ``kind`` written as ``raw``, or _BAD (and a problem reported)."""
        return PARSERS[kind](self, path, raw, kind)


# --- the parsers, by field kind -------------------------------------------------------------

def _text_value(reader: _FileReader, path: tuple, raw, kind: str):
    trouble = _text_trouble(path[-1], raw, kind)
    if trouble is not None:
        reader.problem(path, *trouble)
        return _BAD
    return raw.strip() if kind != "text" else raw


def _text_trouble(name, raw, kind: str) -> tuple[str, str] | None:
    """What is wrong with field ``name``'s ``raw`` as text of ``kind`` (message, hint), or None."""
    if not isinstance(raw, str):
        return (f"'{name}' must be text, not {_kind(raw)}",
                "put the value in quotes" if not isinstance(raw, (list, dict)) else
                "write one value; text holding ': ' or starting with '[' or '{' needs quotes")
    if not raw.strip():
        return f"'{name}' is empty", "write the value, or leave the field out"
    return _TEXT_RULES[kind](raw)


def _choice(raw: str, what: str, choices: tuple[str, ...], hint: str | None = None):
    if raw in choices:
        return None
    return (f"{what} must be one of {', '.join(choices)}, not '{raw}'",
            suggest(raw, choices) or hint or f"leave it out for '{choices[0]}', the default")


_TEXT_RULES = {
    "text": lambda raw: None,
    "slug": lambda raw: None if SLUG.match(raw) else (
        f"'{raw}' is not a valid id",
        f"ids are lowercase letters, digits and single hyphens, e.g. '{_slugify(raw)}'"),
    "measure": lambda raw: None if MEASURE.match(raw) else (
        f"measure '{raw}' is not a snake_case name", f"e.g. '{_slugify(raw).replace('-', '_')}'"),
    "url": lambda raw: None if WEB_URL.match(raw.strip()) else (
        f"'{raw.strip()[:60]}' is not a web address",
        "write an http:// or https:// address; javascript:, data: and file: ones are refused"),
    "stance": lambda raw: _choice(raw, "stance", STANCES),
    "status": lambda raw: _choice(raw, "status", STATUSES),
    "modality": lambda raw: _choice(raw, "modality", MODALITIES),
    "qualifier": lambda raw: _choice(raw, "qualifier", QUALIFIERS,
                                     "name the detail the citation speaks about; leave it out for the whole fact"),
}


def _date_value(reader: _FileReader, path: tuple, raw, kind: str):
    try:
        return parse_date(raw)
    except ValueError as exc:
        reader.problem(path, f"bad date: {exc}", "write 1992, 1992-04 or 1992-04-05")
        return _BAD


def _number_value(reader: _FileReader, path: tuple, raw, kind: str):
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        reader.problem(path, f"'{path[-1]}' must be a number, not {_kind(raw)}",
                       "write digits only, e.g. 15000000 (put the unit in 'unit')")
        return _BAD
    if isinstance(raw, float) and not math.isfinite(raw):
        reader.problem(path, f"'{path[-1]}' must be a finite number, not {raw}",
                       "give the figure the source gives; leave out 'max' for an open range")
        return _BAD
    return raw


def _integer_value(reader: _FileReader, path: tuple, raw, kind: str):
    if isinstance(raw, bool) or not isinstance(raw, int) or raw <= 0:
        reader.problem(path, f"'{path[-1]}' must be a positive whole number, not {_kind(raw)}",
                       "write the id's digits only, e.g. 3936456")
        return _BAD
    return raw


def _list_value(reader: _FileReader, path: tuple, raw, kind: str):
    if not isinstance(raw, list):
        reader.problem(path, f"'{path[-1]}' must be a list, not {_kind(raw)}",
                       f"write [{raw}] or one '- item' per line" if isinstance(raw, str) else None)
        return _BAD
    values = (reader.value(path + (i,), kind[:-1], item) for i, item in enumerate(raw))
    return [v for v in values if v is not _BAD]


def _evidence_value(reader: _FileReader, path: tuple, raw, kind: str):
    if not isinstance(raw, list):
        reader.problem(path, f"'evidence' must be a list of citations, not {_kind(raw)}",
                       "start each citation with '- source: …'")
        return _BAD
    if not raw:
        reader.problem(path, "'evidence' is empty: every fact needs at least one citation",
                       SCHEMA.hints["evidence"])
        return _BAD
    citations = [c for i, item in enumerate(raw) if (c := _citation(reader, path + (i,), item)) is not None]
    return citations if len(citations) == len(raw) else _BAD


def _citation(reader: _FileReader, path: tuple, item):
    if not isinstance(item, dict):
        reader.problem(path, f"a citation must be a mapping, not {_kind(item)}",
                       "write source:, locator: and quote: under the '- '")
        return None
    spec = SCHEMA.records["citation"]
    values = reader.fields(path, item, spec)
    return None if values is None else reader.record(spec, path, item, values)


PARSERS = {"text": _text_value, "slug": _text_value, "measure": _text_value, "url": _text_value,
           "stance": _text_value, "status": _text_value, "modality": _text_value, "qualifier": _text_value,
           "date": _date_value, "number": _number_value, "integer": _integer_value,
           "texts": _list_value, "slugs": _list_value, "evidence": _evidence_value, "lint_acks": lint_acks_value}


def _kind(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    for kind, words in ((str, "text"), (list, "a list"), (dict, "a mapping")):
        if isinstance(value, kind):
            return words
    return type(value).__name__


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-") or "an-id"


__all__ = ["Records", "read_seeds", "seed_files", "display_path", "section_layout", "PartialDate"]
