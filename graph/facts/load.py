"""Reading the fact files: every ``*.yaml`` under a seeds folder into records.

This module checks the *shape* of what is written (known sections and fields,
text where text belongs, lists where lists belong, well-formed dates and ids).
What the records *mean* — references, types, predicates, quotes — is checked by
:mod:`graph.validate`.

>>> from pathlib import Path
>>> records, report = read_seeds(Path("tests/fixtures/mini"))
>>> sorted(records.sections())
['activities', 'actors', 'estimates', 'events', 'groups', 'regions', 'relationships', 'sources']
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from graph.dates import PartialDate, parse_date
from graph.model import Citation, Entity, Estimate, Source, Statement
from graph.problems import Problem, Report, suggest
from graph.facts.yamlfile import read_yaml_file

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MEASURE = re.compile(r"^[a-z][a-z0-9_]*$")
WEB_URL = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)

ENTITY_SECTIONS = ("actors", "groups", "regions", "events", "activities")
SECTIONS = ("sources", *ENTITY_SECTIONS, "relationships", "estimates")

# Field kinds: text, slug, date, number, texts (list of text), slugs (list of slugs),
# evidence (list of citations), stance, status.
SOURCE_FIELDS = {"id": "slug", "title": "text", "author": "text", "publisher": "text",
                 "date": "date", "file": "text", "rights": "text", "note": "text", "url": "url"}
ENTITY_FIELDS = {"id": "slug", "type": "text", "name": "text", "aliases": "texts",
                 "description": "text", "evidence": "evidence", "note": "text"}
EVENT_FIELDS = {**ENTITY_FIELDS, "date": "date", "start": "date", "end": "date",
                "place": "slug", "participants": "slugs"}
RELATIONSHIP_FIELDS = {"id": "slug", "subject": "slug", "predicate": "text", "object": "slug",
                       "date": "date", "start": "date", "end": "date", "place": "slug",
                       "status": "status", "evidence": "evidence", "note": "text"}
ESTIMATE_FIELDS = {"id": "slug", "subject": "slug", "measure": "measure", "value": "number",
                   "min": "number", "max": "number", "unit": "text", "date": "date",
                   "start": "date", "end": "date", "place": "slug", "status": "status",
                   "evidence": "evidence", "note": "text"}
CITATION_FIELDS = {"source": "slug", "locator": "text", "quote": "text", "by": "slug",
                   "stance": "stance", "note": "text"}

REQUIRED = {
    "sources": ("id", "title"),
    "entity": ("id", "type", "name", "description", "evidence"),
    "relationships": ("subject", "predicate", "object", "evidence"),
    "estimates": ("id", "subject", "measure", "unit", "evidence"),
    "citation": ("source", "locator", "quote"),
}
STANCES = ("supports", "disputes")
STATUSES = ("asserted", "disputed")
MAX_QUOTE = 1000  # characters: the words a fact rests on; longer ones also make the fuzzy search slow


@dataclass
class Records:
    """What the files say, shape-checked but not yet cross-checked."""

    sources: list[Source] = field(default_factory=list)
    entities: list[tuple[str, Entity]] = field(default_factory=list)  # (section, entity)
    events_extra: dict[str, dict] = field(default_factory=dict)  # event id -> place/participants
    relationships: list[Statement] = field(default_factory=list)
    estimates: list[Estimate] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    _seen_sections: set[str] = field(default_factory=set)
    # ids of entries too broken to use: their errors are reported, references to them are not
    unusable: set[str] = field(default_factory=set)

    def sections(self) -> set[str]:
        return self._seen_sections


def display_path(path: Path) -> str:
    """A path as errors show it: relative to the working directory when it is below it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def seed_files(seeds: Path) -> list[Path]:
    """Every fact file under ``seeds``, in a stable order."""
    return sorted(p for p in seeds.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def read_seeds(seeds: Path, report: Report | None = None) -> tuple[Records, Report]:
    """Read every fact file under ``seeds`` into :class:`Records`."""
    report = report or Report()
    records = Records()
    if not seeds.is_dir():
        report.add(display_path(seeds), "seeds folder not found",
                   hint="pass --seeds DIR, a folder of YAML fact files")
        return records, report
    files = seed_files(seeds)
    if not files:
        report.add(display_path(seeds), "no fact files (*.yaml) in the seeds folder")
    for path in files:
        name = display_path(path)
        records.files.append(name)
        data, problems = read_yaml_file(path, name)
        report.problems.extend(problems)
        if problems:
            continue
        _FileReader(name, records, report).read(data)
    return records, report


class _FileReader:
    """Shape checks for one file's data."""

    def __init__(self, file: str, records: Records, report: Report):
        self.file, self.records, self.report = file, records, report

    def problem(self, path, message, hint=None, on_key=False):
        self.report.problems.append(Problem(self.file, message, path=tuple(path), hint=hint, on_key=on_key))

    def read(self, data) -> None:
        if data is None:
            self.report.problems.append(Problem(
                self.file, "empty file: no facts", line=1, col=1,
                hint=f"a truncated file loses facts silently: write sections such as "
                     f"{', '.join(SECTIONS[:3])} in it, or delete it"))
            return
        if not isinstance(data, dict):
            self.report.problems.append(Problem(
                self.file, f"a fact file must be a mapping of sections, not {_kind(data)}", line=1, col=1,
                hint="start with a section name, e.g. 'actors:', and list the entries under it"))
            return
        for section, items in data.items():
            if section not in SECTIONS:
                self.problem([section], f"unknown section '{section}'",
                             suggest(section, SECTIONS) or f"sections are: {', '.join(SECTIONS)}",
                             on_key=True)
                continue
            self.records._seen_sections.add(section)
            if items is None:
                continue
            if not isinstance(items, list):
                self.problem([section], f"section '{section}' must be a list of entries, not {_kind(items)}",
                             "start each entry with '- '")
                continue
            for i, item in enumerate(items):
                path = (section, i)
                if not isinstance(item, dict):
                    self.problem(path, f"an entry of '{section}' must be a mapping, not {_kind(item)}",
                                 "write 'key: value' lines under the '- '")
                    continue
                self.read_item(section, path, item)

    def read_item(self, section: str, path: tuple, item: dict) -> None:
        origin = (self.file, path)
        if section == "sources":
            v = self.fields(path, item, SOURCE_FIELDS, REQUIRED["sources"])
            if v is not None:
                self.records.sources.append(Source(
                    id=v["id"], title=v["title"], author=v.get("author"), publisher=v.get("publisher"),
                    date=v.get("date"), file=v.get("file"), rights=v.get("rights"), note=v.get("note"),
                    origin=origin))
            elif isinstance(item.get("id"), str):
                self.records.unusable.add(item["id"].strip())
        elif section in ENTITY_SECTIONS:
            spec = EVENT_FIELDS if section == "events" else ENTITY_FIELDS
            v = self.fields(path, item, spec, REQUIRED["entity"])
            if v is None:
                if isinstance(item.get("id"), str):
                    self.records.unusable.add(item["id"].strip())
                return
            entity = Entity(id=v["id"], type=v["type"], name=v["name"], aliases=v.get("aliases", []),
                            description=v["description"], citations=v["evidence"], note=v.get("note"),
                            date=v.get("date"), start=v.get("start"), end=v.get("end"), origin=origin)
            self.check_time(path, v)
            self.records.entities.append((section, entity))
            if section == "events":
                self.records.events_extra[entity.id] = {
                    "place": v.get("place"), "participants": v.get("participants", [])}
        elif section == "relationships":
            v = self.fields(path, item, RELATIONSHIP_FIELDS, REQUIRED["relationships"])
            if v is None:
                return
            self.check_time(path, v)
            self.records.relationships.append(Statement(
                v.get("id", ""), v["subject"], v["predicate"], v["object"], date=v.get("date"),
                start=v.get("start"), end=v.get("end"), place=v.get("place"),
                status=v.get("status", "asserted"), citations=v["evidence"], note=v.get("note"),
                origin=origin))
        elif section == "estimates":
            v = self.fields(path, item, ESTIMATE_FIELDS, REQUIRED["estimates"])
            if v is None:
                return
            self.check_time(path, v)
            if "value" not in v and "min" not in v and "max" not in v:
                if not any(k in item for k in ("value", "min", "max")):  # else already reported
                    self.problem(path, "an estimate needs 'value', or 'min' and/or 'max'")
                return
            if "value" in v and ("min" in v or "max" in v):
                self.problem(path + ("value",), "give either 'value' or a 'min'/'max' range, not both")
            if "min" in v and "max" in v and v["min"] > v["max"]:
                self.problem(path + ("max",), f"max {v['max']} is below min {v['min']}", "are they swapped?")
            self.records.estimates.append(Estimate(
                id=v["id"], subject=v["subject"], measure=v["measure"], value=v.get("value"),
                min=v.get("min"), max=v.get("max"), unit=v["unit"], date=v.get("date"),
                start=v.get("start"), end=v.get("end"), place=v.get("place"),
                status=v.get("status", "asserted"), citations=v["evidence"], note=v.get("note"),
                origin=origin))

    def check_time(self, path: tuple, v: dict) -> None:
        if "date" in v and ("start" in v or "end" in v):
            self.problem(path + ("date",), "give either 'date' or 'start'/'end', not both",
                         "'date' is a point in time; 'start' and 'end' bound a period")
        if v.get("start") and v.get("end") and v["end"].last_day() < v["start"].first_day():
            self.problem(path + ("end",), f"end {v['end']} is before start {v['start']}",
                         "check both dates against the source; are they swapped?")

    def fields(self, path: tuple, item: dict, spec: dict, required: tuple) -> dict | None:
        """Check an entry's fields against ``spec``; None when it cannot be used at all."""
        values, usable = {}, True
        for key, raw in item.items():
            kind = spec.get(key)
            if kind is None:
                self.problem(path + (key,), f"unknown field '{key}'",
                             suggest(key, spec) or f"fields here are: {', '.join(spec)}", on_key=True)
                continue
            if raw is None:
                if key in required:
                    self.problem(path + (key,), f"'{key}' is empty", _REQUIRED_HINTS.get(key, "it is required"))
                    usable = False
                continue
            if type(raw) is str:  # the common cases, as value() would take them, without its bookkeeping
                if kind == "text" and raw.strip():
                    values[key] = raw
                    continue
                if kind == "slug" and SLUG.match(raw):
                    values[key] = raw.strip()
                    continue
            value = self.value(path + (key,), kind, raw)
            if value is _BAD:
                usable = usable and key not in required
            else:
                values[key] = value
        for key in required:
            if key not in item:
                self.problem(path, f"missing required field '{key}'", _REQUIRED_HINTS.get(key))
                usable = False
        return values if usable else None

    def value(self, path: tuple, kind: str, raw):
        if kind in ("text", "slug", "measure", "stance", "status", "url"):
            if not isinstance(raw, str):
                self.problem(path, f"'{path[-1]}' must be text, not {_kind(raw)}",
                             "put the value in quotes" if not isinstance(raw, (list, dict)) else
                             "write one value; text holding ': ' or starting with '[' or '{' needs quotes")
                return _BAD
            if not raw.strip():
                self.problem(path, f"'{path[-1]}' is empty", "write the value, or leave the field out")
                return _BAD
            if kind == "slug" and not SLUG.match(raw):
                self.problem(path, f"'{raw}' is not a valid id",
                             f"ids are lowercase letters, digits and single hyphens, e.g. '{_slugify(raw)}'")
                return _BAD
            if kind == "measure" and not MEASURE.match(raw):
                self.problem(path, f"measure '{raw}' is not a snake_case name",
                             f"e.g. '{_slugify(raw).replace('-', '_')}'")
                return _BAD
            if kind == "stance" and raw not in STANCES:
                self.problem(path, f"stance must be one of {', '.join(STANCES)}, not '{raw}'",
                             suggest(raw, STANCES) or "leave it out for 'supports', the default")
                return _BAD
            if kind == "url" and not WEB_URL.match(raw.strip()):
                self.problem(path, f"'{raw.strip()[:60]}' is not a web address",
                             "write an http:// or https:// address; javascript:, data: and file: ones are refused")
                return _BAD
            if kind == "status" and raw not in STATUSES:
                self.problem(path, f"status must be one of {', '.join(STATUSES)}, not '{raw}'",
                             suggest(raw, STATUSES) or "leave it out for 'asserted', the default")
                return _BAD
            return raw.strip() if kind != "text" else raw
        if kind == "date":
            try:
                return parse_date(raw)
            except ValueError as exc:
                self.problem(path, f"bad date: {exc}", "write 1992, 1992-04 or 1992-04-05")
                return _BAD
        if kind == "number":
            if isinstance(raw, bool) or not isinstance(raw, (int, float)):
                self.problem(path, f"'{path[-1]}' must be a number, not {_kind(raw)}",
                             "write digits only, e.g. 15000000 (put the unit in 'unit')")
                return _BAD
            if isinstance(raw, float) and not math.isfinite(raw):
                self.problem(path, f"'{path[-1]}' must be a finite number, not {raw}",
                             "give the figure the source gives; leave out 'max' for an open range")
                return _BAD
            return raw
        if kind in ("texts", "slugs"):
            if not isinstance(raw, list):
                self.problem(path, f"'{path[-1]}' must be a list, not {_kind(raw)}",
                             f"write [{raw}] or one '- item' per line" if isinstance(raw, str) else None)
                return _BAD
            out = []
            for i, item in enumerate(raw):
                v = self.value(path + (i,), "text" if kind == "texts" else "slug", item)
                if v is not _BAD:
                    out.append(v)
            return out
        if kind == "evidence":
            if not isinstance(raw, list):
                self.problem(path, f"'evidence' must be a list of citations, not {_kind(raw)}",
                             "start each citation with '- source: …'")
                return _BAD
            if not raw:
                self.problem(path, "'evidence' is empty: every fact needs at least one citation",
                             _REQUIRED_HINTS["evidence"])
                return _BAD
            citations = []
            for i, item in enumerate(raw):
                cpath = path + (i,)
                if not isinstance(item, dict):
                    self.problem(cpath, f"a citation must be a mapping, not {_kind(item)}",
                                 "write source:, locator: and quote: under the '- '")
                    continue
                v = self.fields(cpath, item, CITATION_FIELDS, REQUIRED["citation"])
                if v is not None and len(v["quote"]) > MAX_QUOTE:
                    self.problem(cpath + ("quote",), f"quote is {len(v['quote']):,} characters long, "
                                 f"over the {MAX_QUOTE:,} allowed", "quote the words the fact rests on, "
                                 "a sentence or two; cite more places for more")
                    v = None
                if v is not None:
                    citations.append(Citation(v["source"], v["locator"], v["quote"], by=v.get("by"),
                                              stance=v.get("stance", "supports"), note=v.get("note"),
                                              origin=(self.file, cpath)))
            return citations if len(citations) == len(raw) else _BAD
        raise AssertionError(kind)  # pragma: no cover


_BAD = object()

_REQUIRED_HINTS = {
    "evidence": "every fact needs evidence: a list of citations with source, locator and quote",
    "description": "a short sentence saying who or what this is",
    "quote": "copy the words the fact rests on from the document",
    "locator": "say where in the document: a page, paragraph or section",
    "id": "a lowercase slug, unique across all files, e.g. 'abimael-guzman'",
    "type": "an ontology class: `kg types` lists them",
    "name": "the name the documents use most",
    "subject": "the id of the entity the statement is about",
    "predicate": "a relationship type: `kg types` lists them",
    "object": "the id of the entity at the other end",
    "source": "a source id from a 'sources' section",
    "title": "the document's title",
    "measure": "a snake_case name of what is measured, e.g. annual_drug_income",
    "unit": "what the figure counts, e.g. 'USD per year' or 'people'",
}


def _kind(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-") or "an-id"


__all__ = ["Records", "read_seeds", "seed_files", "display_path", "PartialDate"]
