"""`kg query` and graph.query: SPARQL over the built graph, in-process, through the real CLI."""

import csv
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import MINI, ROOT, run_kg
from graph.query.sparql import QueryError, execute, library, run

SEEDS = ROOT / "seeds"
LEADERS = "SELECT ?p ?name WHERE { ?p nx:leader_of ?org ; rdfs:label ?name } ORDER BY ?name"
CAPTURED = "SELECT ?captor ?who WHERE { ?captor nx:captured ?who }"
FACTIONS = "SELECT ?f WHERE { ?f nx:faction_of ent:sendero-luminoso }"


def kg_query(*args, seeds=MINI):
    return run_kg("query", *args, "--seeds", seeds)


def no_traceback(proc):
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout


# ------------------------------------------------------------------ formats

def test_inline_query_prints_an_aligned_table(mini_kg):
    proc = kg_query(LEADERS)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.rstrip("\n").split("\n")
    header, rule, rows, footer = lines[0], lines[1], lines[2:-1], lines[-1]
    expected = run(mini_kg, LEADERS)
    assert len(rows) == len(expected) > 0
    assert footer == f"({len(expected)} row{'s' if len(expected) != 1 else ''})"
    col = header.index("name")
    assert header.startswith("p ") and set(rule) <= {"-", " "}
    for row, want in zip(rows, expected):
        assert row[col:] == want["name"]          # every row's second column starts under its header
        assert row.startswith("ent:")             # IRIs compacted with the graph's prefixes


def test_csv_and_json_match_the_python_api(mini_kg):
    expected = run(mini_kg, LEADERS)
    proc = kg_query(LEADERS, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    table = list(csv.reader(io.StringIO(proc.stdout)))
    assert table[0] == ["p", "name"]
    assert [dict(zip(table[0], r)) for r in table[1:]] == expected

    proc = kg_query(LEADERS, "--format", "json")
    doc = json.loads(proc.stdout)
    assert doc["head"]["vars"] == ["p", "name"]
    got = [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]
    assert got == expected
    assert all(b["p"]["type"] == "uri" and b["name"]["type"] == "literal" for b in doc["results"]["bindings"])


def test_json_is_sparql_results_json_that_pyoxigraph_reads_back():
    proc = kg_query("SELECT ?e ?year WHERE { ?e nx:start_year ?year }", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    parsed = ox.parse_query_results(proc.stdout.encode(), format=ox.QueryResultsFormat.JSON)
    rows = list(parsed)
    assert rows and all(r["year"].datatype.value.endswith("#integer") for r in rows)


def test_tsv_and_ask():
    proc = kg_query(LEADERS, "--format", "tsv")
    assert proc.stdout.split("\n")[0] == "?p\t?name"
    assert "<https://w3id.org/peru-nexus/entity/" in proc.stdout
    yes = kg_query("ASK { ent:artemio nx:leader_of ent:huallaga-faction }")
    no = kg_query("ASK { ent:artemio nx:leader_of ent:peru }", "--format", "json")
    assert yes.stdout.strip() == "yes" and json.loads(no.stdout)["boolean"] is False


def test_graph_prefixes_are_predeclared_and_a_query_may_override_them():
    own = kg_query("PREFIX nx: <http://example.org/other#> SELECT ?x WHERE { ?x nx:leader_of ?y }",
                   "--format", "csv")
    assert own.returncode == 0 and own.stdout.strip() == "x"   # header only: no such predicate there


# ------------------------------------------------------------------ --as-of

def test_as_of_keeps_what_holds_in_that_year(mini_kg):
    def count(query, year):
        proc = kg_query(query, "--as-of", year, "--format", "json")
        assert proc.returncode == 0, proc.stderr
        return len(json.loads(proc.stdout)["results"]["bindings"])

    # captured in 2012-02: history by 2014, not yet in 1992
    assert (count(CAPTURED, 1992), count(CAPTURED, 2014)) == (0, 1)
    # the Huallaga faction split off in 1993
    assert (count(FACTIONS, 1992), count(FACTIONS, 2014)) == (0, 1)
    assert len(run(mini_kg, CAPTURED)) == 1


def test_as_of_in_python_on_the_real_seeds(peru_kg):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s a nx:Statement }"
    n1992, n2014, everything = (run(peru_kg, q, as_of=y)[0]["n"] for y in (1992, 2014, None))
    assert n1992 != n2014
    assert max(n1992, n2014) < everything


def test_as_of_needs_the_facts_not_a_bare_store(mini_kg):
    with pytest.raises(ValueError):
        run(mini_kg.store(), CAPTURED, as_of=1992)
    assert len(run(mini_kg.store(), CAPTURED)) == 1


# ------------------------------------------------------------------ errors

def test_syntax_error_reports_line_and_column_and_exits_1():
    text = "SELECT ?x WHERE {\n  ?x nx:leader_of }"
    col = text.split("\n")[1].index("}") + 1
    proc = kg_query(text)
    assert proc.returncode == 1
    no_traceback(proc)
    assert proc.stderr.startswith(f"query:2:{col}: error: ")
    assert "^" in proc.stderr                          # a caret under the column


def test_syntax_error_in_a_file_names_the_file(tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text("# a broken query\nSELECT ?x\nWHERE {\n  ?x nx:leader_of ?y ; nx:taxes }\n")
    proc = kg_query(path)
    assert proc.returncode == 1
    no_traceback(proc)
    col = "  ?x nx:leader_of ?y ; nx:taxes }".index("}") + 1
    assert proc.stderr.startswith(f"{path}:4:{col}: error: ")


def test_unknown_prefix_is_named():
    proc = kg_query("SELECT * WHERE {\n ?x foo:bar ?y }")
    assert proc.returncode == 1
    assert proc.stderr.startswith("query:2:") and "unknown prefix 'foo:'" in proc.stderr


def test_python_api_raises_query_error_with_position(mini_kg):
    with pytest.raises(QueryError) as err:
        run(mini_kg, "SELECT ?x WHERE {\n\n   ?x ?y }")
    assert err.value.line == 3 and err.value.col > 1


def test_unknown_query_name_suggests_a_close_one():
    proc = kg_query("leaderz")
    assert proc.returncode == 1
    no_traceback(proc)
    assert "no query named 'leaderz'" in proc.stderr and "'leaders'" in proc.stderr


def test_missing_query_file_is_an_error(tmp_path):
    proc = kg_query(tmp_path / "nope.rq")
    assert proc.returncode == 1 and "no such query file" in proc.stderr


# ------------------------------------------------------------------ bindings

def test_bind_an_entity_by_alias_narrows_a_library_query(peru_kg):
    everyone = run(peru_kg, (ROOT / "queries" / "leaders.rq").read_text())
    proc = run_kg("query", "leaders", "--bind", "leader=comrade artemio", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)["results"]["bindings"]
    leaders = {r["leader"]["value"] for r in rows}
    assert len(leaders) == 1 and len(rows) < len(everyone)
    (leader,) = leaders
    assert "Artemio" in peru_kg.nx.nodes[leader.rsplit("/", 1)[1]]["aliases"]


def test_bind_an_unknown_name_gives_suggestions_and_exit_1():
    proc = run_kg("query", "leaders", "--bind", "leader=Artmio")
    assert proc.returncode == 1
    no_traceback(proc)
    assert "no entity named 'Artmio'" in proc.stderr and "did you mean" in proc.stderr


def test_bound_values_are_terms_never_query_text():
    hostile = '"x" } UNION { ?p ?q ?name }'
    proc = kg_query("SELECT ?p ?name WHERE { ?p rdfs:label ?name }", "--bind", f"name='{hostile}'",
                    "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "p,name"               # no label is that text: no rows, no injection


def test_binding_a_variable_the_query_does_not_select_is_explained():
    proc = kg_query("SELECT ?name WHERE { ?p rdfs:label ?name }", "--bind", "p=Artemio")
    assert proc.returncode == 1
    assert "cannot bind ?p" in proc.stderr


def test_bind_literals_and_prefixed_names(mini_kg):
    rows = run(mini_kg, "SELECT ?e ?y WHERE { ?e nx:start_year ?y }", bindings={"y": 1993})
    assert rows and all(r["y"] == 1993 for r in rows)
    proc = kg_query("SELECT ?e ?class WHERE { ?e a ?class }", "--bind", "class=nx:Person", "--format", "csv")
    ids = {row[0].rsplit("/", 1)[1] for row in csv.reader(io.StringIO(proc.stdout)) if row[0] != "e"}
    assert ids == {n for n, d in mini_kg.nx.nodes(data=True) if d["type"] == "Person"}


# ------------------------------------------------------------------ the library

LIBRARY = sorted(library())


def test_list_shows_every_query_with_its_description():
    proc = run_kg("query", "--list")
    assert proc.returncode == 0
    files = sorted((ROOT / "queries").glob("*.rq"))
    assert len(files) >= 12
    for path in files:
        first = path.read_text().split("\n", 1)[0]
        assert first.startswith("# "), f"{path.name}: the first line is not '# description'"
        assert re.search(rf"^{re.escape(path.stem)}\s+{re.escape(first[2:].strip())}$", proc.stdout, re.M)
    if any(p.name.startswith("cq") for p in files):
        assert re.search(r"^cq\d", proc.stdout, re.M)


@pytest.mark.parametrize("name", LIBRARY)
def test_every_library_query_runs_on_the_real_seeds_and_returns_rows(name, peru_kg):
    path, _ = library()[name]
    try:
        result = execute(peru_kg, path.read_text())
    except QueryError as exc:
        pytest.fail(exc.format(str(path), path.read_text()))
    assert result.rows or result.boolean, f"{name} returns no rows"


@pytest.mark.parametrize("name", ["leaders", "disputes", "estimates"])
def test_library_queries_run_by_name_through_the_cli(name):
    proc = run_kg("query", name, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert len(list(csv.reader(io.StringIO(proc.stdout)))) > 1


def test_a_query_file_by_path(tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("# my query\nSELECT ?n WHERE { ent:sendero-luminoso skos:altLabel ?n } ORDER BY ?n\n")
    proc = kg_query(path, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1:] == ["SL", "Shining Path"]


def test_disputes_query_keeps_both_sides_with_claimants(peru_kg):
    rows = run(peru_kg, (ROOT / "queries" / "disputes.rq").read_text())
    by_fact = {}
    for r in rows:
        by_fact.setdefault(r["fact"], set()).add(r["stance"])
    disputed = [k for k, d in peru_kg.facts.statements.items() if d.is_disputed]
    assert len([f for f in by_fact if "/statement/" in f]) == len(disputed)
    assert any(stances == {"supports", "disputes"} for stances in by_fact.values())


# ------------------------------------------------------------------ terminal safety

def test_table_output_is_inert(tmp_path):
    proc = kg_query('SELECT ?x WHERE { BIND("red\\u001b[31m\\u0007 alert" AS ?x) }')
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout
    assert "\\x1b[31m" in proc.stdout
    raw = kg_query('SELECT ?x WHERE { BIND("a\\u001bb" AS ?x) }', "--format", "json")
    assert json.loads(raw.stdout)["results"]["bindings"][0]["x"]["value"] == "a\x1bb"   # machines get the data


def test_run_accepts_a_seeds_folder_and_documents_its_rows():
    rows = run(Path(MINI), LEADERS)
    assert rows.variables == ["p", "name"] and isinstance(rows, list)


def test_sparql_update_is_refused_clearly():
    proc = kg_query("PREFIX x: <http://example.org/>\nINSERT DATA { ent:a nx:b ent:c }")
    assert proc.returncode == 1
    no_traceback(proc)
    assert proc.stderr.startswith("query:2:") and "INSERT is SPARQL Update" in proc.stderr


def test_query_from_standard_input(mini_kg):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "graph", "query", "-", "--seeds", str(MINI), "--format", "csv"],
                          input=LEADERS, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 1 + len(run(mini_kg, LEADERS))


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text()
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


def test_readme_cli_examples_run(tmp_path):
    """Every `kg query` line of "Query from the CLI" runs, in a folder that has the seeds and queries."""
    import subprocess
    import sys

    block = re.search(r"```sh\n(.*?)```", readme_section("Query from the CLI"), re.S).group(1)
    assert block.count("kg query") >= 5
    for name in ("seeds", "queries"):
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / "my-question.rq").write_text("# mine\nSELECT ?s WHERE { ?s a nx:Source }\n")
    script = f'set -e\nkg() {{ "{sys.executable}" -m graph "$@"; }}\n' + block
    proc = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "disputes.csv").read_text().startswith("fact,")


def test_readme_python_examples_run(monkeypatch):
    blocks = re.findall(r"```python\n(.*?)```", readme_section("Query from Python"), re.S)
    assert len(blocks) >= 2
    monkeypatch.chdir(ROOT)
    namespace = {}
    for code in blocks:
        exec(compile(code, "README.md", "exec"), namespace)
    assert namespace["rows"].variables == ["name"] and len(namespace["rows"]) >= 1


@pytest.mark.parametrize("year", [1970, 1992, 2005, 2012, 2014])
def test_the_as_of_sparql_pattern_keeps_what_as_of_keeps(peru_kg, year):
    """The README's SPARQL for --as-of, run on the full graph, keeps exactly the statements --as-of keeps."""
    from graph.query.portable import as_of_query
    from graph.query.sparql import run

    pattern = {r["s"] for r in run(peru_kg, as_of_query(year))}
    cut = {r["s"] for r in run(peru_kg, "SELECT ?s WHERE { ?s a nx:Statement }", as_of=year)}
    assert pattern == cut and cut


def test_the_readme_shows_the_as_of_pattern():
    from graph.query.portable import AS_OF_PATTERN

    assert AS_OF_PATTERN in (ROOT / "README.md").read_text(encoding="utf-8")
