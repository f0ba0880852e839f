"""Every RDF and network export, re-read by real parsers, says what the graph says.

RDF: N-Triples, JSON-LD and TriG are parsed by rdflib and by pyoxigraph and give
exactly the Turtle's triples (TriG: the union of its graphs). GraphML and GEXF
are read back by networkx and give the same nodes, edges and attributes. Every
file is byte-identical whatever the hash seed.
"""

from __future__ import annotations

import io
import json

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from conftest import ROOT, run_kg

from graph.exports.registry import exporters
from graph.exports.write import write_exports
from graph.exports.network_formats import GEXF_RENAME, flat_graph
from graph.exports.rdf_formats import dataset_quads, source_graphs

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@pytest.fixture(scope="module")
def built(peru_kg, tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    write_exports(peru_kg, out)
    return out


def ox_term(t):
    """An rdflib term as the pyoxigraph term, so both parsers' answers compare exactly."""
    if isinstance(t, rdflib.URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, rdflib.BNode):
        return ox.BlankNode(str(t))
    if t.language:
        return ox.Literal(str(t), language=t.language)
    return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype) if t.datatype else XSD_STRING))


def ox_triples(path, fmt) -> set:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=fmt)}


def rdflib_triples(graph) -> set:
    return {ox.Triple(ox_term(s), ox_term(p), ox_term(o)) for s, p, o in graph}


@pytest.fixture(scope="module")
def turtle_triples(built, peru_kg):
    triples = ox_triples(built / "peru-nexus.ttl", ox.RdfFormat.TURTLE)
    assert triples == set(peru_kg.triples)
    assert rdflib_triples(rdflib.Graph().parse(built / "peru-nexus.ttl", format="turtle")) == triples
    return triples


def test_every_export_is_rendered_by_kg_build(built):
    names = {str(p.relative_to(built)) for p in built.rglob("*") if p.is_file() and p.name != ".build.lock"}
    assert names == {f for e in exporters() for f in e.files}
    for name in ("peru-nexus.nt", "peru-nexus.jsonld", "peru-nexus.trig", "peru-nexus.graphml",
                 "peru-nexus.gexf", "neo4j/nodes-entities.csv", "neo4j/relationships.csv",
                 "neo4j/import.cypher", "neo4j/ladybug-schema.cypher"):
        assert name in names


@pytest.mark.parametrize("name,fmt,rdflib_fmt", [
    ("peru-nexus.nt", ox.RdfFormat.N_TRIPLES, "nt"),
    ("peru-nexus.jsonld", ox.RdfFormat.JSON_LD, "json-ld"),
])
def test_rdf_export_reads_back_as_the_turtle_triples(built, turtle_triples, name, fmt, rdflib_fmt):
    path = built / name
    assert ox_triples(path, fmt) == turtle_triples
    assert rdflib_triples(rdflib.Graph().parse(path, format=rdflib_fmt)) == turtle_triples


def test_ntriples_is_one_sorted_triple_a_line(built, peru_kg):
    lines = (built / "peru-nexus.nt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(peru_kg.triples)
    assert lines == [f"{t} ." for t in peru_kg.triples]


def test_jsonld_uses_the_prefixes_as_context(built, peru_kg):
    doc = json.loads((built / "peru-nexus.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == dict(sorted(peru_kg.namespaces.prefixes().items()))
    ids = {node["@id"] for node in doc["@graph"]}
    assert "ent:sendero-luminoso" in ids
    node = next(n for n in doc["@graph"] if n["@id"] == "ent:sendero-luminoso")
    assert {"rdfs:label", "skos:altLabel", "schema:description"} <= set(node)


def test_trig_union_of_graphs_is_the_turtle(built, turtle_triples):
    path = built / "peru-nexus.trig"
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
    assert {ox.Triple(q.subject, q.predicate, q.object) for q in quads} == turtle_triples
    ds = rdflib.Dataset()
    ds.parse(path, format="trig")
    union = {ox.Triple(ox_term(s), ox_term(p), ox_term(o)) for s, p, o, _ in ds.quads((None, None, None, None))}
    assert union == turtle_triples


def test_trig_has_one_named_graph_per_source_holding_what_it_supports(built, peru_kg):
    ns = peru_kg.namespaces
    quads = list(ox.parse(path=str(built / "peru-nexus.trig"), format=ox.RdfFormat.TRIG))
    by_graph: dict[str, set] = {}
    for q in quads:
        name = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        by_graph.setdefault(name, set()).add(ox.Triple(q.subject, q.predicate, q.object))
    assert set(by_graph) == {""} | {ns.source + s for s in peru_kg.facts.sources if any(
        c.source == s for rec in (*peru_kg.facts.entities.values(), *peru_kg.facts.statements.values(),
                                  *peru_kg.facts.estimates.values()) for c in rec.citations)}
    default = by_graph[""]
    # the ontology and the source register live in the default graph
    assert any(t.subject.value == ns.source + "ellis-2015" for t in default)
    assert any(t.subject.value.startswith(ns.vocab) for t in default)
    assert not any(t.subject.value.startswith(ns.entity) for t in default)

    def iri(x):
        return ox.NamedNode(x)

    # each citation lies in its source's graph only; a record lies in the graph of each source citing it
    for st in peru_kg.facts.statements.values():
        sources = {c.source for c in st.citations}
        for s in sources:
            g = by_graph[ns.source + s]
            assert ox.Triple(iri(ns.statement + st.id), iri(ns.vocab + "status"),
                             iri(ns.vocab + ("disputed" if st.is_disputed else "asserted"))) in g
            if st.is_plain_fact:   # asserted by the source and undisputed (the contract)
                direct = ox.Triple(iri(ns.entity + st.subject), iri(ns.vocab + st.predicate),
                                   iri(ns.entity + st.object))
                assert direct in g
        for n, c in enumerate(st.citations, 1):
            cit = iri(f"{ns.citation}{st.id}-{n}")
            holding = {name for name, ts in by_graph.items() if any(t.subject == cit for t in ts)}
            assert holding == {ns.source + c.source}
    # every triple placed by the rule is in the graphs the rule names
    placed = source_graphs(peru_kg)
    for t, graphs in placed.items():
        assert all(t in by_graph[g] for g in graphs)
        assert t not in default


def test_trig_quads_are_grouped_default_graph_first(peru_kg):
    quads = dataset_quads(peru_kg)
    names = [str(q.graph_name) for q in quads]
    assert names[0] == "DEFAULT"
    groups = [n for i, n in enumerate(names) if i == 0 or names[i - 1] != n]
    assert len(groups) == len(set(groups))


def _node_view(g):
    return {n: dict(d) for n, d in g.nodes(data=True)}


def _edge_view(g, drop=()):
    return {(u, v, k): {a: x for a, x in d.items() if a not in drop} for u, v, k, d in g.edges(keys=True, data=True)}


def test_graphml_reads_back_with_the_same_nodes_edges_and_attributes(built, peru_kg):
    g = nx.read_graphml(built / "peru-nexus.graphml", force_multigraph=True)
    flat = flat_graph(peru_kg.nx)
    assert isinstance(g, nx.MultiDiGraph)
    assert _node_view(g) == _node_view(flat)
    assert all(d["statement"] == k for _, _, k, d in g.edges(keys=True, data=True))  # the edge id, again
    assert _edge_view(g, drop=("statement",)) == _edge_view(flat)
    sl = g.nodes["sendero-luminoso"]
    assert sl["type"] == "ArmedGroup" and sl["label"] == "Sendero Luminoso"
    assert json.loads(sl["aliases"]) == peru_kg.nx.nodes["sendero-luminoso"]["aliases"]
    assert json.loads(sl["citations"]) == peru_kg.nx.nodes["sendero-luminoso"]["citations"]
    assert json.loads(g.graph["sources"]).keys() == peru_kg.nx.graph["sources"].keys()


def test_gexf_reads_back_with_the_same_nodes_edges_and_attributes(built, peru_kg):
    g = nx.read_gexf(built / "peru-nexus.gexf")
    flat = flat_graph(peru_kg.nx, GEXF_RENAME)
    assert isinstance(g, nx.MultiDiGraph)
    colours = {n: d.pop("viz")["color"] for n, d in g.nodes(data=True)}
    assert _node_view(g) == _node_view(flat)
    by_type = {}
    for n, d in flat.nodes(data=True):  # one colour per type
        by_type.setdefault(d["type"], set()).add(tuple(sorted(colours[n].items())))
    assert all(len(c) == 1 for c in by_type.values()) and len(by_type) > 1
    # GEXF keeps the statement id as the edge id (and networkx adds it as an "id" attribute)
    got = _edge_view(g)
    assert {k: {a: x for a, x in d.items() if a != "id"} for k, d in got.items()} == _edge_view(flat)
    assert all(d["id"] == k[2] for k, d in got.items())
    text = (built / "peru-nexus.gexf").read_text(encoding="utf-8")
    assert "lastmodifieddate" not in text and "NetworkX" not in text
    assert 'mode="static"' in text  # no accidental timeline spells


def test_exports_are_byte_identical_whatever_the_hash_seed(tmp_path):
    outs = []
    for seed in ("1", "4242"):
        out = tmp_path / seed
        r = run_kg("build", "-q", "--no-quote-check", "--out", out, env={"PYTHONHASHSEED": seed})
        assert r.returncode == 0, r.stderr
        outs.append(out)
    files = sorted(str(p.relative_to(outs[0])) for p in outs[0].rglob("*") if p.is_file())
    assert len(files) >= 13
    different = [f for f in files if (outs[0] / f).read_bytes() != (outs[1] / f).read_bytes()]
    assert not different


def test_flattened_attributes_are_scalars(peru_kg):
    flat = flat_graph(peru_kg.nx)
    for _, d in flat.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())
    for _, _, d in flat.edges(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())


def test_hostile_text_survives_every_rdf_format(mini_kg):
    """Quotes, backslashes, new lines, markup and non-ASCII text come back unchanged."""
    import copy

    from graph.builder import KnowledgeGraph
    from graph.builder.rdf import facts_to_triples
    from graph.exports.rdf_formats import render_jsonld, render_ntriples, render_trig

    facts = copy.deepcopy(mini_kg.facts)
    nasty = 'He said "no", \\n then\nleft; <b>bold</b> & \'quoted\' — Perú \\"x\\" \t end'
    ent = next(iter(facts.entities.values()))
    ent.description = nasty
    ent.aliases = [nasty, "a,b;c"]
    kg = KnowledgeGraph(facts, facts_to_triples(facts, mini_kg.base), mini_kg.base)
    expected = set(kg.triples)
    for render, fmt in ((render_ntriples, ox.RdfFormat.N_TRIPLES), (render_jsonld, ox.RdfFormat.JSON_LD),
                        (render_trig, ox.RdfFormat.TRIG)):
        data = render(kg)
        got = {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=fmt)}
        assert got == expected, render.__name__
    g = rdflib.Graph().parse(data=render_jsonld(kg), format="json-ld")
    assert rdflib_triples(g) == expected
    assert any(isinstance(t.object, ox.Literal) and t.object.value == nasty for t in expected)


def test_graphml_and_gexf_keep_hostile_text(mini_kg):
    import copy

    from graph.builder import KnowledgeGraph
    from graph.exports.network_formats import render_gexf, render_graphml
    from graph.builder.rdf import facts_to_triples

    facts = copy.deepcopy(mini_kg.facts)
    nasty = 'a "b" <c> & \\d\ne\r\nf\tg ]]> &amp;'
    ent = next(iter(facts.entities.values()))
    ent.name = nasty
    kg = KnowledgeGraph(facts, facts_to_triples(facts, mini_kg.base), mini_kg.base)
    g1 = nx.read_graphml(io.BytesIO(render_graphml(kg)), force_multigraph=True)
    g2 = nx.read_gexf(io.BytesIO(render_gexf(kg)))
    assert g1.nodes[ent.id]["label"] == nasty
    assert g2.nodes[ent.id]["label"] == nasty
    assert json.loads(g1.nodes[ent.id]["aliases"]) == ent.aliases
    ent.description = nasty
    kg = KnowledgeGraph(facts, facts_to_triples(facts, mini_kg.base), mini_kg.base)
    g1 = nx.read_graphml(io.BytesIO(render_graphml(kg)), force_multigraph=True)
    g2 = nx.read_gexf(io.BytesIO(render_gexf(kg)))
    assert g1.nodes[ent.id]["description"] == nasty == g2.nodes[ent.id]["description"]


# -- the indented JSON writer (graph/speedups/jsondump.py) against the json module ------------------

JSON_DOCS = [
    {}, [], "", 0, -1.5, 1e300, float("inf"), None, True, False, "é\u2028\x00\"\\</script>",
    {"a": [1, 2.5, None, True, {"b": []}], "c": {"d": {}}, "é": "ü"},
    [[[]], [{}], [{"x": [1, [2, [3]]]}]],
    {"@context": {"ent": "https://w3id.org/peru-nexus/entity/"}, "@graph": [{"@id": "ent:x", "@type": ["nx:Group"]}]},
    {1: "a non-string key", "b": 2},  # left to the json module
    (1, (2, 3)),
]


@pytest.mark.parametrize("doc", JSON_DOCS, ids=range(len(JSON_DOCS)))
@pytest.mark.parametrize("indent", ["", " ", "\t"])
def test_the_fast_json_writer_gives_the_json_modules_text(doc, indent):
    from graph.speedups.jsondump import dumps_indented

    assert dumps_indented(doc, indent) == json.dumps(doc, ensure_ascii=False, indent=indent)


def test_the_fast_json_writer_gives_the_json_modules_text_for_the_peru_jsonld(peru_kg, monkeypatch):
    from graph.exports.rdf_formats import render_jsonld

    fast = render_jsonld(peru_kg)
    monkeypatch.setenv("KG_SPEEDUPS", "0")
    assert render_jsonld(peru_kg) == fast


def test_the_compact_iris_are_those_of_the_longest_prefix_that_leaves_a_local_name():
    from graph.exports.rdf_formats import _compactor

    prefixes = {"x": "http://x/", "xy": "http://x/y/", "h": "http://x/y#", "e": "http://e.org/"}
    ordered = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))

    def by_hand(iri: str) -> str:  # the rule, one prefix at a time
        for name, ns in ordered:
            if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
                return f"{name}:{iri[len(ns):]}"
        return iri

    compact = _compactor(prefixes)
    iris = ["http://x/", "http://x/y/", "http://x/y//z", "http://x/y///z", "http://x///", "http://x/y#a",
            "http://x/y#", "http://x/y/\nz", "http://x/y/é", "http://e.org/a b", "http://e.orgx/a", "urn:x", ""]
    assert [compact(iri) for iri in iris] == [by_hand(iri) for iri in iris]
    assert _compactor({})("http://x/a") == "http://x/a"


def test_turtle_and_trig_share_one_prefix_header(mini_kg):
    from graph.exports.rdf_formats import render_trig, render_turtle

    def header(data: bytes) -> list[bytes]:
        return [line for line in data.splitlines() if line.startswith(b"@prefix")]

    turtle, trig = header(render_turtle(mini_kg)), header(render_trig(mini_kg))
    assert turtle == trig == sorted(turtle) and len(turtle) == len(mini_kg.namespaces.prefixes())


def test_graphml_reads_in_igraph_with_statement_ids_and_integer_years():
    igraph = pytest.importorskip("igraph")
    from graph.builder import build

    kg = build(ROOT / "seeds")
    g = igraph.Graph.Read_GraphML(str(ROOT / "exports" / "peru-nexus.graphml"))
    assert g.is_directed() and g.vcount() == kg.nx.number_of_nodes() and g.ecount() == kg.nx.number_of_edges()
    assert set(g.vs["id"]) == set(kg.nx.nodes)
    expected = {k: (u, v, d) for u, v, k, d in kg.nx.edges(keys=True, data=True)}
    assert sorted(g.es["statement"]) == sorted(expected)
    years = 0
    for e in g.es:
        u, v, st = expected[e["statement"]]
        assert (g.vs[e.source]["id"], g.vs[e.target]["id"]) == (u, v)
        for name in ("start_year", "end_year"):
            if st.get(name) is None:
                assert e[name] != e[name]  # igraph's missing number: NaN
            else:
                assert e[name] == st[name] and float(e[name]).is_integer()
                years += 1
    assert years > 100


# -- the accelerated writers (graph/speedups/fastjsonld.py, fastxml.py) against the plain path -----------


def _hostile_kg(mini_kg):
    import copy

    from graph.builder import KnowledgeGraph
    from graph.builder.rdf import facts_to_triples

    facts = copy.deepcopy(mini_kg.facts)
    nasty = 'a "b" <c> & \\d\ne\r\nf\tg ]]> &amp; — Perú \u2028'
    ent = next(iter(facts.entities.values()))
    ent.name = ent.description = nasty
    ent.aliases = [nasty, ""]
    return KnowledgeGraph(facts, facts_to_triples(facts, mini_kg.base), mini_kg.base)


@pytest.mark.parametrize("which", ["peru", "hostile"])
@pytest.mark.parametrize("render", ["render_jsonld", "render_graphml", "render_gexf"])
def test_the_accelerated_writers_give_the_plain_paths_bytes(which, render, peru_kg, mini_kg, monkeypatch):
    from graph.exports import network_formats, rdf_formats

    kg = peru_kg if which == "peru" else _hostile_kg(mini_kg)
    fn = getattr(rdf_formats if render == "render_jsonld" else network_formats, render)
    fast = fn(kg)
    monkeypatch.setenv("KG_SPEEDUPS", "0")
    assert fn(kg) == fast


def test_jsonld_is_the_same_from_a_plain_list_of_triples(peru_kg):
    from graph.builder import KnowledgeGraph
    from graph.exports.rdf_formats import render_jsonld

    plain = KnowledgeGraph(peru_kg.facts, list(peru_kg.triples), peru_kg.base)  # no subject slices recorded
    assert render_jsonld(plain) == render_jsonld(peru_kg)


@pytest.mark.parametrize("which", ["peru", "hostile", "plain-list"])
def test_trig_is_what_pyoxigraph_writes_for_the_quads(which, peru_kg, mini_kg):
    from graph.builder import KnowledgeGraph
    from graph.exports.rdf_formats import prefix_header, render_trig

    kg = peru_kg if which == "peru" else _hostile_kg(mini_kg)
    if which == "plain-list":  # no subject slices recorded (as the plain triple writer gives)
        kg = KnowledgeGraph(peru_kg.facts, list(peru_kg.triples), peru_kg.base)
        assert not hasattr(kg.triples, "runs")
    prefixes = kg.namespaces.prefixes()
    whole = ox.serialize(dataset_quads(kg), format=ox.RdfFormat.TRIG, prefixes=prefixes)
    assert render_trig(kg) == prefix_header(prefixes, whole)


def test_streamed_files_are_the_rendered_files(peru_kg):
    streamed = [e for e in exporters() if e.chunks is not None]
    assert {e.name for e in streamed} >= {"jsonld", "trig", "graphml", "gexf"}
    for exporter in streamed:
        pieces = {name: list(p) for name, p in exporter.pieces(peru_kg).items()}
        assert {name: b"".join(p) for name, p in pieces.items()} == exporter.render_checked(peru_kg)
        assert all(isinstance(p, bytes) for ps in pieces.values() for p in ps)


@pytest.mark.parametrize("slice_size", [1, 7, 1000, 10**9])
def test_turtle_ntriples_and_trig_streamed_in_slices_are_the_whole_serialisation(peru_kg, monkeypatch, slice_size):
    from graph.exports import rdf_formats

    prefixes = peru_kg.namespaces.prefixes()
    whole_ttl = rdf_formats.prefix_header(prefixes, ox.serialize(peru_kg.triples, format=ox.RdfFormat.TURTLE,
                                                                 prefixes=prefixes))
    whole_nt = ox.serialize(peru_kg.triples, format=ox.RdfFormat.N_TRIPLES)
    whole_trig = rdf_formats.prefix_header(prefixes, ox.serialize(dataset_quads(peru_kg), format=ox.RdfFormat.TRIG,
                                                                  prefixes=prefixes))
    monkeypatch.setattr(rdf_formats, "SLICE", slice_size)
    assert rdf_formats.render_turtle(peru_kg) == whole_ttl
    assert rdf_formats.render_ntriples(peru_kg) == whole_nt
    assert rdf_formats.render_trig(peru_kg) == whole_trig
