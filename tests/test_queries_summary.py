"""The build's summary triples (graph/builder/summary.py): the counts the whole-graph queries read.

Each count is checked against the same count made by SPARQL over the facts' own triples (the way
``relationship-types`` and ``sources`` counted before they read the summaries), on the Peru graph and
on a graph as of a year (fewer facts: the summaries must follow them); and no named query lists a
summary node as an entity, fact or source.
"""

import re

import pytest

from conftest import ROOT, run_kg
from graph.builder.time import slice_graph
from graph.query.sparql import run

COUNTED_TYPES = """
SELECT ?p ?statements ?disputed ?sources WHERE {
  { SELECT ?p (COUNT(?s) AS ?statements) WHERE { ?s rdf:predicate ?p } GROUP BY ?p }
  { SELECT ?p (COUNT(DISTINCT ?src) AS ?sources) WHERE { ?s rdf:predicate ?p ; prov:wasDerivedFrom ?src } GROUP BY ?p }
  OPTIONAL { SELECT ?p (COUNT(?s) AS ?n) WHERE { ?s nx:status nx:disputed ; rdf:predicate ?p } GROUP BY ?p }
  BIND(COALESCE(?n, 0) AS ?disputed)
} ORDER BY ?p"""
SUMMARISED_TYPES = """
SELECT ?p ?statements ?disputed ?sources WHERE {
  ?x a nx:RelationshipSummary ; nx:summarises ?p ; nx:statement_count ?statements ;
     nx:disputed_count ?disputed ; nx:source_count ?sources } ORDER BY ?p"""
COUNTED_SOURCES = """
SELECT ?src ?facts ?citations WHERE {
  { SELECT ?src (COUNT(DISTINCT ?f) AS ?facts) WHERE { ?src a nx:Source . OPTIONAL { ?f prov:wasDerivedFrom ?src } }
    GROUP BY ?src }
  { SELECT ?src (COUNT(DISTINCT ?c) AS ?citations) WHERE { ?src a nx:Source . OPTIONAL { ?c oa:hasSource ?src } }
    GROUP BY ?src }
} ORDER BY ?src"""
SUMMARISED_SOURCES = """
SELECT ?src ?facts ?citations WHERE { ?src a nx:Source ; nx:fact_count ?facts ; nx:citation_count ?citations }
ORDER BY ?src"""


def rows(kg, text):
    """Each answer row as the text of its terms (counts compare as typed literals)."""
    result = kg.query_store.query(text, prefixes=kg.namespaces.prefixes())
    return [tuple(str(row[v]) for v in result.variables) for row in result]


@pytest.fixture(scope="module")
def peru_1992(peru_kg):
    return slice_graph(peru_kg, as_of=1992)


@pytest.mark.parametrize("counted, summarised", [(COUNTED_TYPES, SUMMARISED_TYPES),
                                                 (COUNTED_SOURCES, SUMMARISED_SOURCES)],
                         ids=["relationship-types", "sources"])
@pytest.mark.parametrize("graph", ["peru_kg", "peru_1992"])
def test_summaries_hold_the_counts_sparql_makes_over_the_facts(request, graph, counted, summarised):
    kg = request.getfixturevalue(graph)
    expected = rows(kg, counted)
    assert expected and rows(kg, summarised) == expected


def test_as_of_a_year_the_summaries_count_only_that_years_facts(peru_kg, peru_1992):
    total = {p: int(n.split('"')[1]) for p, n, _, _ in rows(peru_kg, SUMMARISED_TYPES)}
    then = {p: int(n.split('"')[1]) for p, n, _, _ in rows(peru_1992, SUMMARISED_TYPES)}
    assert set(then) <= set(total) and sum(then.values()) < sum(total.values())


def test_no_named_query_answers_with_a_summary_node(peru_kg):
    summary = peru_kg.base + "summary/"
    for path in sorted((ROOT / "queries").glob("*.rq")):
        for row in run(peru_kg, path.read_text(encoding="utf-8")):
            assert not any(summary in str(value) for value in row.values()), path.stem


def test_kg_query_relationship_types_reads_the_summaries_through_the_cli(peru_kg):
    proc = run_kg("query", "relationship-types", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    types = {st.predicate for st in peru_kg.facts.statements.values()}
    assert lines[0].split(",") == ["relationship", "statements", "disputed", "sources"]
    assert {re.split(",", line)[0] for line in lines[1:]} == types
