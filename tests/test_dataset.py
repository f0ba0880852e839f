"""A dataset engineers can publish: void.ttl (VoID and DCAT), shapes.ttl and LICENSE, read back with real parsers."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from conftest import ROOT

EXPORTS = ROOT / "exports"
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.namespace.DCTERMS
SDO = rdflib.Namespace("https://schema.org/")


@pytest.fixture(scope="module")
def void():
    return rdflib.Graph().parse(EXPORTS / "void.ttl", format="turtle")


@pytest.fixture(scope="module")
def dataset(void):
    [node] = list(void.subjects(rdflib.RDF.type, VOID.Dataset))
    assert (node, rdflib.RDF.type, DCAT.Dataset) in void
    return node


def one(g, s, p):
    values = list(g.objects(s, p))
    assert len(values) == 1, (p, values)
    return values[0]


def test_void_counts_are_the_exports_counts(void, dataset, peru_kg):
    nt = list(ox.parse(path=str(EXPORTS / "peru-nexus.nt"), format=ox.RdfFormat.N_TRIPLES))
    assert int(one(void, dataset, VOID.triples)) == len(nt) == len(peru_kg.triples)
    assert int(one(void, dataset, VOID.entities)) == len(peru_kg.facts.entities)
    types = {t.object for t in nt if t.predicate.value == str(rdflib.RDF.type)}
    assert int(one(void, dataset, VOID.classes)) == len(types)
    partitions = {str(one(void, p, VOID["class"])): int(one(void, p, VOID.entities))
                  for p in void.objects(dataset, VOID.classPartition)}
    assert sum(partitions.values()) == sum(1 for t in nt if t.predicate.value == str(rdflib.RDF.type))
    properties = {str(one(void, p, VOID.property)): int(one(void, p, VOID.triples))
                  for p in void.objects(dataset, VOID.propertyPartition)}
    assert sum(properties.values()) == len(nt)


def test_void_names_title_version_sources_examples_and_files(void, dataset, peru_kg):
    import graph

    assert str(one(void, dataset, DCT.title)) and str(one(void, dataset, DCAT.version)) == graph.__version__
    sources = {str(s) for s in void.objects(dataset, DCT.source)}
    assert sources == {peru_kg.namespaces.source + s for s in peru_kg.facts.sources}
    for sid, source in peru_kg.facts.sources.items():
        rights = [str(r) for r in void.objects(rdflib.URIRef(peru_kg.namespaces.source + sid), DCT.rights)]
        assert rights == ([source.rights] if source.rights else [])
    examples = [str(e) for e in void.objects(dataset, VOID.exampleResource)]
    assert examples and all(e[len(peru_kg.namespaces.entity):] in peru_kg.facts.entities for e in examples)
    files = {str(one(void, d, DCT.title)) for d in void.objects(dataset, DCAT.distribution)}
    assert files and all((EXPORTS / f).is_file() for f in files)
    assert not list(void.objects(dataset, VOID.sparqlEndpoint))  # only when served


def test_licences_are_stated_and_none_is_claimed_for_the_data(void, dataset):
    code = one(void, dataset, SDO.isBasedOn)
    assert str(one(void, code, SDO.license)) == "https://spdx.org/licenses/MIT.html"
    assert not list(void.objects(dataset, DCT.license))
    assert "No licence has been chosen" in str(one(void, dataset, DCT.rights))
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "seeds/" in licence
    assert 'license = { text = "MIT" }' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_the_exported_shapes_validate_the_exported_graph():
    from pyshacl import validate

    shapes = rdflib.Graph().parse(EXPORTS / "shapes.ttl", format="turtle")
    data = rdflib.Graph().parse(EXPORTS / "peru-nexus.ttl", format="turtle")
    assert len(shapes) > 50
    conforms, _, text = validate(data, shacl_graph=shapes, inference="none")
    assert conforms, text
    # and they catch a broken graph: an entity without its label
    [entity] = list(data.subjects(rdflib.RDFS.label, rdflib.Literal("Sendero Luminoso")))[:1]
    data.remove((entity, rdflib.RDFS.label, None))
    assert not validate(data, shacl_graph=shapes, inference="none")[0]


def test_void_counts_kept_while_sorting_are_the_counts_of_a_walk_over_the_triples(peru_kg):
    from graph.builder import KnowledgeGraph
    from graph.exports.dataset import render_void

    assert getattr(peru_kg.triples, "stats", None) is not None  # the fast writer's counts
    walked = KnowledgeGraph(peru_kg.facts, list(peru_kg.triples), peru_kg.base, peru_kg.report)
    assert render_void(walked) == render_void(peru_kg)
