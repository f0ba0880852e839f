"""The fact-file JSON Schema: generated from the ontology and the fact schema, written by `kg build`,
named by every seed file's first line, and every seed file valid against it (with the `jsonschema`
package, the standard validator), while the mistakes the loader rejects are flagged by it too."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import ROOT, run_kg

from graph.facts.load import seed_files
from graph.vocab.json_schema import MODELINE, SCHEMA_FILE_NAME, fact_file_schema, schema_bytes
from graph.vocab.ontology import load_ontology
from graph.vocab.schema import load_schema

jsonschema = pytest.importorskip("jsonschema")
FIXTURES = ROOT / "tests" / "fixtures" / "authoring" / "schema"


class EditorLoader(yaml.SafeLoader):
    """YAML as the language server reads it (YAML 1.2): ``1992-02-28`` is text, not a date."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def validator():
    schema = fact_file_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors_in(text: str) -> list:
    return list(validator().iter_errors(yaml.load(text, Loader=EditorLoader)))


@pytest.mark.parametrize("path", seed_files(ROOT / "seeds"), ids=lambda p: p.name)
def test_every_seed_file_is_valid(path):
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(data)]
    assert problems == []


@pytest.mark.parametrize("path", seed_files(ROOT / "seeds"), ids=lambda p: p.name)
def test_every_seed_file_names_the_schema_on_its_first_line(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == MODELINE
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == (ROOT / "exports" / SCHEMA_FILE_NAME).resolve()


def test_build_writes_the_schema(tmp_path):
    result = run_kg("build", "-q", "--out", str(tmp_path / "out"), "--no-quote-check")
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "out" / SCHEMA_FILE_NAME).read_bytes()
    assert written == schema_bytes()
    assert json.loads(written) == fact_file_schema()


def test_enumerations_come_from_the_ontology_and_the_fact_schema():
    schema, onto, facts = fact_file_schema(), load_ontology(), load_schema()
    defs = schema["$defs"]
    assert set(schema["properties"]) == set(facts.layout(onto))
    assert set(defs["relationship"]["properties"]["predicate"]["enum"]) == set(onto.predicates)
    assert tuple(defs["citation"]["properties"]["stance"]["enum"]) == facts.stances
    assert tuple(defs["relationship"]["properties"]["status"]["enum"]) == facts.statuses
    for record in ("relationship", "estimate"):
        if "modality" in facts.records[record].fields:
            assert tuple(defs[record]["properties"]["modality"]["enum"]) == facts.modalities
    for section, top in onto.sections.items():
        record = schema["properties"][section]["items"]["$ref"].rsplit("/", 1)[1]
        assert defs[record]["properties"]["type"]["enum"] == onto.classes_under(top)
    for name, record in facts.records.items():
        for field, spec in record.fields.items():
            if spec.required and record.section:
                assert field in defs[name]["required"]


@pytest.mark.parametrize("case", sorted(p.name for p in FIXTURES.glob("*.yaml")))
def test_what_the_loader_rejects_the_schema_flags(case, tmp_path):
    text = (FIXTURES / case).read_text(encoding="utf-8")
    assert errors_in(text), f"{case}: the schema accepts it"
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / case).write_text(text, encoding="utf-8")
    result = run_kg("validate", "--seeds", str(seeds), "--no-quote-check")
    assert result.returncode == 1
    assert f"{case}:" in result.stderr


def test_a_year_and_a_partial_date_are_both_dates():
    ok = "sources:\n  - {id: a, title: A, date: 1992}\n  - {id: b, title: B, date: 1992-02}\n"
    assert errors_in(ok) == []
    assert errors_in("sources:\n  - {id: a, title: A, date: 1992-13}\n")
