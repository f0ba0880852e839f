"""Per-document coverage: every source supports facts, and the README says how many."""

from conftest import ROOT
from graph.query.coverage import KINDS, coverage, coverage_table


def test_every_source_document_supports_entities_statements_and_citations(peru_kg, capsys):
    rows = coverage(peru_kg.facts)
    with capsys.disabled():
        print("\n" + coverage_table(peru_kg.facts))
    assert set(rows) == {"jensen-1992", "schulz-marcella-1992", "embassy-lima-2005", "weekly-report-2011", "ellis-2015"}
    empty = {sid: [k for k in KINDS if row[k] == 0 and k != "estimates"] for sid, row in rows.items()}
    assert not any(empty.values()), empty


def test_readme_shows_the_current_coverage(peru_kg):
    readme = (ROOT / "README.md").read_text()
    assert coverage_table(peru_kg.facts) in readme, (
        "README's dataset table is stale; paste `python -c 'import graph; from graph.query.coverage import "
        "coverage_table; print(coverage_table(graph.build().facts))'`")
