"""One fact schema (ontology/fact-schema.yaml): the model, the SHACL shapes and the docs agree with it."""

from __future__ import annotations

import dataclasses
import re

import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import SH

import graph.model as model
from conftest import ROOT
from graph.vocab.ontology import DEFAULT_BASE, load_ontology
from graph.facts.load import PARSERS
from graph.vocab.schema import field_table, load_schema

SCHEMA = load_schema()
SHAPES = ROOT / "ontology" / "shapes.ttl"
README = ROOT / "seeds" / "README.md"


def test_every_record_becomes_a_model_class_with_exactly_its_fields():
    by_model: dict[str, set[str]] = {}
    for spec in SCHEMA.records.values():
        by_model.setdefault(spec.model, set()).update(f.attribute for f in spec.fields.values() if not f.becomes)
    for name, attributes in by_model.items():
        cls = getattr(model, name)
        fields = {f.name for f in dataclasses.fields(cls)} - {"origin"}
        timed = {f.name for f in dataclasses.fields(model.Timed)}
        assert attributes <= fields, (name, attributes - fields)
        assert fields - attributes <= timed, (name, fields - attributes)  # events' time lives on every entity


def test_every_field_has_a_known_kind_and_documentation():
    for spec in SCHEMA.records.values():
        for f in spec.fields.values():
            assert f.kind in PARSERS, (spec.name, f.name, f.kind)
            assert f.doc, (spec.name, f.name)


def test_references_and_derived_statements_name_ontology_terms():
    onto = load_ontology()
    for spec in SCHEMA.records.values():
        for f in spec.fields.values():
            assert f.refers is None or f.refers in onto.parents, (spec.name, f.name)
            if f.becomes:
                predicate, end = f.becomes
                assert predicate in onto.predicates and end in ("subject", "object"), (spec.name, f.name)
    assert SCHEMA.stances and SCHEMA.statuses


def test_the_modalities_are_the_ontologys_individuals_in_the_same_order_of_default():
    onto = load_ontology()
    assert set(SCHEMA.modalities) == set(onto.modalities)
    assert all(onto.labels[name] for name in onto.modalities.values())
    assert model.Statement().modality == model.Estimate().modality == SCHEMA.modalities[0]


def test_the_qualifiers_are_fields_of_every_fact_that_has_them():
    for name in ("relationship", "estimate"):
        fields = SCHEMA.records[name].fields
        assert {q for q in SCHEMA.qualifiers if q in fields} >= {"date", "start", "end", "place"}
    assert set(SCHEMA.qualifiers) <= set(SCHEMA.records["relationship"].fields) | set(SCHEMA.records["estimate"].fields)


def test_every_section_of_the_ontology_is_read_with_a_record():
    onto = load_ontology()
    layout = SCHEMA.layout(onto)
    assert set(onto.sections) <= set(layout)
    assert layout["events"].name == "event" and layout["actors"].name == "entity"


# --- the SHACL shapes ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def shapes():
    return rdflib.Graph().parse(SHAPES, format="turtle", publicID=DEFAULT_BASE)


def _path(shapes, path) -> str:
    """A property path as the schema writes it: ``prefix:name``, a sequence joined by ``/``."""
    if isinstance(path, rdflib.BNode):
        return "/".join(_path(shapes, p) for p in Collection(shapes, path))
    return shapes.namespace_manager.normalizeUri(path)


def _properties(shapes, shape) -> dict[str, int]:
    """Path -> minCount (0 when none) of a node shape's properties, those inside sh:or included."""
    out = {}
    nodes = list(shapes.objects(shape, SH.property))
    for alternatives in shapes.objects(shape, SH["or"]):
        nodes += list(Collection(shapes, alternatives))
    for node in nodes:
        out[_path(shapes, shapes.value(node, SH.path))] = int(shapes.value(node, SH.minCount) or 0)
    return out


def _shape(shapes, model_name: str):
    return rdflib.URIRef(DEFAULT_BASE + "shapes#" + model_name)


@pytest.mark.parametrize("record", [r for r in SCHEMA.records.values() if any(f.rdf for f in r.fields.values())],
                         ids=lambda r: r.name)
def test_the_shapes_require_what_the_schema_requires(shapes, record):
    found, spec = {}, record
    while spec is not None:  # the record's shape, and the shapes of the records it extends
        found = {**_properties(shapes, _shape(shapes, spec.model)), **found}
        spec = SCHEMA.records.get(spec.extends or "")
    alternatives = {f.name for f in record.fields.values() if f.kind == "number"}  # value, or min and/or max
    for f in record.fields.values():
        if f.rdf is None:
            continue
        assert f.rdf in found, (record.name, f.name, f.rdf, sorted(found))
        always = f.required or f.kind in ("stance", "status", "modality")  # those have a default
        if f.name not in alternatives:
            assert (found[f.rdf] >= 1) == always, (record.name, f.name)


def test_the_shapes_allow_the_schemas_stances_and_statuses(shapes):
    nx = rdflib.Namespace(DEFAULT_BASE + "ontology#")
    allowed = {}
    for prop in shapes.subjects(SH.path, None):
        values = shapes.value(prop, SH["in"])
        if values is not None:
            allowed[shapes.value(prop, SH.path)] = [str(v)[len(str(nx)):] for v in Collection(shapes, values)]
    assert allowed[nx.stance] == list(SCHEMA.stances)
    assert allowed[nx.status] == list(SCHEMA.statuses)


def test_the_entity_shape_targets_every_sectioned_top_class(shapes):
    onto = load_ontology()
    targets = {str(t)[len(onto.vocab):] for t in shapes.objects(_shape(shapes, "Entity"), SH.targetClass)}
    assert targets == set(onto.sections.values())


# --- seeds/README.md ------------------------------------------------------------------------------

TABLE = re.compile(r"<!-- fields: (\w+) [^\n]*-->\n(.*?)\n<!-- /fields -->", re.S)


def test_the_field_tables_of_the_seeds_readme_are_the_schemas():
    tables = dict(TABLE.findall(README.read_text(encoding="utf-8")))
    assert set(tables) == set(SCHEMA.records)
    for name, table in tables.items():
        assert table == field_table(SCHEMA.records[name]), (
            f"seeds/README.md's table of {name} fields is out of date; it should read:\n"
            + field_table(SCHEMA.records[name]))
