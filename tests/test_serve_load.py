"""`kg load` and `kg serve` against a real Oxigraph server (from PyPI) on loopback.

Each server runs on a free port of 127.0.0.1 with its store in a temporary
folder and is stopped at the end. Answers over HTTP (SPARQL protocol, GET and
POST, JSON results) must equal the in-process answers.
"""

from __future__ import annotations

import http.server as http_server
import json
import socket
import threading
from collections import Counter
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from conftest import ROOT, run_kg

from graph.exports.rdf_formats import dataset_quads
from graph.serve.server import free_port, oxigraph_command, stop_process, wait_for_port

PREFIXES = """
PREFIX nx: <https://w3id.org/peru-nexus/ontology#>
PREFIX ent: <https://w3id.org/peru-nexus/entity/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""

QUERIES = {
    "faction leaders": """SELECT ?leader ?name ?faction WHERE {
        ?leader nx:leader_of ?faction . ?faction nx:faction_of ent:sendero-luminoso . ?leader rdfs:label ?name }
        ORDER BY ?leader ?faction""",
    "entities by type": """SELECT ?type (COUNT(?e) AS ?n) WHERE { ?e a ?type } GROUP BY ?type ORDER BY ?type""",
    "disputed statements and their sources": """SELECT ?st ?src WHERE {
        ?st a nx:Statement ; nx:status nx:disputed ; prov:wasDerivedFrom ?src } ORDER BY ?st ?src""",
    "estimates": """SELECT ?est ?min ?max ?value ?unit WHERE { ?est a nx:Estimate ; schema:unitText ?unit .
        OPTIONAL { ?est schema:minValue ?min } OPTIONAL { ?est schema:maxValue ?max }
        OPTIONAL { ?est schema:value ?value } } ORDER BY ?est""",
    "quotes (text with quotes, accents, new lines)": """SELECT ?sel ?quote WHERE { ?sel oa:exact ?quote }
        ORDER BY ?sel""",
    "aliases with dates": """SELECT ?e ?alias ?year WHERE { ?e skos:altLabel ?alias .
        OPTIONAL { ?e nx:start_year ?year } } ORDER BY ?e ?alias""",
    "triple count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    """A snapshot of seeds/, so the graph served and the graph compared are the same one."""
    import shutil

    return shutil.copytree(ROOT / "seeds", tmp_path_factory.mktemp("snapshot") / "seeds")


@pytest.fixture(scope="module")
def kg(seeds):
    import graph

    return graph.build(seeds, quotes=False)


def term_text(binding: dict) -> str:
    """A SPARQL JSON results term as N-Triples text, like str() of a pyoxigraph term."""
    if binding["type"] == "uri":
        return str(ox.NamedNode(binding["value"]))
    if binding["type"] == "bnode":
        return "_:" + binding["value"]
    if "xml:lang" in binding:
        return str(ox.Literal(binding["value"], language=binding["xml:lang"]))
    datatype = binding.get("datatype", "http://www.w3.org/2001/XMLSchema#string")
    return str(ox.Literal(binding["value"], datatype=ox.NamedNode(datatype)))


def local_answers(kg, query: str) -> list[dict]:
    solutions = kg.store().query(PREFIXES + query)
    names = [v.value for v in solutions.variables]
    return [{n: str(s[n]) for n in names if s[n] is not None} for s in solutions]


def http_answers(base: str, query: str, method: str = "GET", prefixes: str = PREFIXES) -> list[dict]:
    text = prefixes + query
    headers = {"Accept": "application/sparql-results+json"}
    if method == "GET":
        request = urllib.request.Request(f"{base}/query?" + urllib.parse.urlencode({"query": text}), headers=headers)
    elif method == "POST-form":
        request = urllib.request.Request(f"{base}/query", data=urllib.parse.urlencode({"query": text}).encode(),
                                         headers={**headers, "Content-Type": "application/x-www-form-urlencoded"})
    else:
        request = urllib.request.Request(f"{base}/query", data=text.encode(),
                                         headers={**headers, "Content-Type": "application/sparql-query"})
    with urllib.request.urlopen(request, timeout=30) as response:
        data = json.load(response)
    return [{k: term_text(v) for k, v in row.items()} for row in data["results"]["bindings"]]


def http(url: str, data: bytes | None = None, method: str = "GET", content_type: str | None = None) -> tuple:
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": content_type} if content_type else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()



def stop(proc: subprocess.Popen) -> None:
    stop_process(proc, timeout=15)


@pytest.fixture()
def oxigraph_server(tmp_path):
    """A real read-write Oxigraph server on a free loopback port, its store in a temporary folder."""
    port = free_port()
    proc = subprocess.Popen([oxigraph_command(), "serve", "--location", str(tmp_path / "store"),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for_port("127.0.0.1", port, timeout=30, process=proc), "oxigraph did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)


def count(base: str, graph: str | None = None) -> int:
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}" if graph else \
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    return int(http_answers(base, q)[0]["n"].split('"')[1])


def test_kg_load_then_the_endpoint_answers_like_the_graph(oxigraph_server, kg, seeds):
    r = run_kg("load", "--endpoint", f"{oxigraph_server}/store", "--seeds", seeds)
    assert r.returncode == 0, r.stderr
    assert f"loaded {len(kg.triples):,} triples" in r.stderr
    for name, query in QUERIES.items():
        expected = local_answers(kg, query)
        assert expected, name
        for method in ("GET", "POST-form", "POST"):
            assert http_answers(oxigraph_server, query, method) == expected, (name, method)
    # PUT replaces: loading again leaves the same graph, not two copies
    assert run_kg("load", "-q", "--endpoint", f"{oxigraph_server}/store", "--seeds", seeds).returncode == 0
    assert count(oxigraph_server) == len(kg.triples)


def test_the_query_library_answers_the_same_over_http(oxigraph_server, kg, seeds):
    """Every named query of `kg query` (queries/*.rq), in-process and at the endpoint."""
    from graph.query.sparql import execute, library, prefixes

    assert run_kg("load", "-q", "--endpoint", f"{oxigraph_server}/store", "--seeds", seeds).returncode == 0
    header = "".join(f"PREFIX {k}: <{v}>\n" for k, v in prefixes(kg.base).items())
    queries = library()
    assert queries
    for name, (path, _) in sorted(queries.items()):
        text = path.read_text(encoding="utf-8")
        result = execute(kg, text)
        if result.kind != "select":
            continue
        expected = [{v: str(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
        got = http_answers(oxigraph_server, header + text, "POST", prefixes="")
        assert canonical(got) == canonical(expected), name


def canonical(rows: list[dict]) -> list:
    """Rows in a fixed order, with GROUP_CONCAT lists (whose order SPARQL leaves open) sorted."""

    def value(term: str) -> str:
        if not term.startswith('"'):
            return term
        end = term.rindex('"')
        text = term[1:end]
        for sep in (" | ", ", ", "; "):
            if sep in text:
                text = sep.join(sorted(text.split(sep)))
                break
        return f'"{text}{term[end:]}'

    return sorted(sorted((k, value(v)) for k, v in row.items()) for row in rows)


def test_kg_load_into_a_named_graph_and_append(oxigraph_server, kg, seeds):
    iri = "https://w3id.org/peru-nexus/graph"
    r = run_kg("load", "-q", "--endpoint", f"{oxigraph_server}/store", "--graph", iri, "--seeds", seeds)
    assert r.returncode == 0, r.stderr
    assert count(oxigraph_server, iri) == len(kg.triples)
    assert count(oxigraph_server) == 0  # the default graph is untouched
    status, body = http(f"{oxigraph_server}/store?graph=" + urllib.parse.quote(iri, safe=""))
    assert status == 200 and len(list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))) == len(kg.triples)
    # --append POSTs: the same triples added again are still one set
    r = run_kg("load", "-q", "--append", "--endpoint", f"{oxigraph_server}/store", "--graph", iri, "--seeds", seeds)
    assert r.returncode == 0, r.stderr
    assert count(oxigraph_server, iri) == len(kg.triples)


def named_graph_counts(base: str) -> dict:
    got = http_answers(base, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {r["g"][1:-1]: int(r["n"].split('"')[1]) for r in got}


def test_kg_load_dataset_sends_the_source_graphs_too(oxigraph_server, kg, seeds):
    expected = Counter(q.graph_name.value for q in dataset_quads(kg) if isinstance(q.graph_name, ox.NamedNode))
    for _ in range(2):  # PUT replaces the whole dataset: twice is the same as once
        r = run_kg("load", "--dataset", "--endpoint", f"{oxigraph_server}/store", "--seeds", seeds)
        assert r.returncode == 0, r.stderr
        assert "a named graph per source" in r.stderr
        assert count(oxigraph_server) == len(kg.triples)
        assert named_graph_counts(oxigraph_server) == dict(expected)
    # --graph with --dataset: the graph goes to that named graph (a store with no default graph: Virtuoso)
    r = run_kg("load", "-q", "--dataset", "--graph", "urn:x", "--endpoint", f"{oxigraph_server}/store",
               "--seeds", seeds)
    assert r.returncode == 0, r.stderr
    assert named_graph_counts(oxigraph_server) == {**expected, "urn:x": len(kg.triples)}


def test_kg_load_sends_a_big_graph_in_chunks_with_progress(oxigraph_server, kg, seeds):
    r = run_kg("load", "--chunk", "100", "--endpoint", f"{oxigraph_server}/store", "--seeds", seeds)
    assert r.returncode == 0, r.stderr
    requests = -(-len(kg.triples) // 100)
    assert f"sent {len(kg.triples):,} of {len(kg.triples):,} ({requests} of {requests} requests)" in r.stderr
    assert count(oxigraph_server) == len(kg.triples)
    # loading again replaces (the first chunk PUTs), it does not add a second copy of anything
    assert run_kg("load", "-q", "--chunk", "100", "--endpoint", f"{oxigraph_server}/store",
                  "--seeds", seeds).returncode == 0
    assert count(oxigraph_server) == len(kg.triples)


class GraphStore(http_server.BaseHTTPRequestHandler):
    """A tiny Graph Store that asks for Digest auth (RFC 7616, MD5, qop=auth), fails the first ``failures``
    writes with a 503, and keeps what it is sent."""

    user, password, realm, nonce = "loader", "s3cret", "kg-test", "0123456789abcdef"
    failures = 0
    received: list = []
    methods: list = []

    def log_message(self, *args):
        pass

    def _authorised(self) -> bool:
        import hashlib
        import re as regex

        header = self.headers.get("Authorization", "")
        if not header.startswith("Digest "):
            return False
        f = dict(regex.findall(r'(\w+)="?([^",]*)"?', header[7:]))
        md5 = lambda text: hashlib.md5(text.encode()).hexdigest()  # noqa: E731
        ha1 = md5(f"{self.user}:{self.realm}:{self.password}")
        ha2 = md5(f"{self.command}:{f.get('uri', '')}")
        expected = md5(f"{ha1}:{f.get('nonce')}:{f.get('nc')}:{f.get('cnonce')}:{f.get('qop')}:{ha2}")
        return f.get("username") == self.user and f.get("response") == expected

    def _write(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if not self._authorised():
            self.send_response(401)
            self.send_header("WWW-Authenticate", f'Digest realm="{self.realm}", nonce="{self.nonce}", '
                                                 f'qop="auth", algorithm=MD5')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if GraphStore.failures > 0:
            GraphStore.failures -= 1
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        GraphStore.methods.append(self.command)
        GraphStore.received.extend(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        self.send_response(204)
        self.end_headers()

    do_PUT = do_POST = _write


@pytest.fixture
def digest_store():
    GraphStore.received, GraphStore.methods, GraphStore.failures = [], [], 0
    server = http_server.ThreadingHTTPServer(("127.0.0.1", 0), GraphStore)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/store"
    server.shutdown()
    server.server_close()


def test_kg_load_answers_a_digest_challenge_and_retries_a_failure(digest_store, kg, seeds):
    GraphStore.failures = 1
    r = run_kg("load", "--user", GraphStore.user, "--chunk", "500", "--endpoint", digest_store, "--seeds", seeds,
               env={"KG_ENDPOINT_PASSWORD": GraphStore.password})
    assert r.returncode == 0, r.stderr
    assert "HTTP 503" in r.stderr and "trying again (1 of 2)" in r.stderr
    assert sorted(map(str, (q.triple for q in GraphStore.received))) == sorted(map(str, kg.triples))
    assert GraphStore.methods[0] == "PUT" and set(GraphStore.methods[1:]) == {"POST"}


def test_kg_load_with_a_wrong_password_is_a_clean_error(digest_store, seeds):
    r = run_kg("load", "-q", "--user", GraphStore.user, "--endpoint", digest_store, "--seeds", seeds,
               env={"KG_ENDPOINT_PASSWORD": "wrong"})
    assert_clean_error(r, "HTTP 401")
    assert GraphStore.received == []


def test_kg_load_gives_up_after_its_retries(digest_store, seeds):
    GraphStore.failures = 10
    r = run_kg("load", "--retries", "1", "--user", GraphStore.user, "--endpoint", digest_store, "--seeds", seeds,
               env={"KG_ENDPOINT_PASSWORD": GraphStore.password})
    assert_clean_error(r, "HTTP 503")
    assert r.stderr.count("trying again") == 1


def assert_clean_error(r, *fragments):
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    for f in fragments:
        assert f in r.stderr, r.stderr


def test_kg_load_reports_an_unreachable_endpoint(seeds):
    r = run_kg("load", "-q", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--seeds", seeds)
    assert_clean_error(r, "kg: error: cannot reach", "onnection refused")


def test_kg_load_reports_a_server_that_never_answers(seeds):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)  # accepts the connection, never answers
        r = run_kg("load", "-q", "--timeout", "1", "--endpoint", f"http://127.0.0.1:{s.getsockname()[1]}/store",
                   "--seeds", seeds)
    assert_clean_error(r, "no answer within 1s")


def test_kg_load_reports_a_refusal_with_the_status_and_the_servers_words(oxigraph_server, seeds):
    # Oxigraph refuses a graph IRI that is not an IRI: HTTP 400 and its first line of explanation
    r = run_kg("load", "-q", "--endpoint", f"{oxigraph_server}/store", "--graph", "not an iri", "--seeds", seeds)
    assert_clean_error(r, "refused the graph: HTTP 400")
    assert r.stderr.count("\n") <= 2
    r = run_kg("load", "-q", "--endpoint", "ftp://127.0.0.1/store")
    assert_clean_error(r, "not an http(s) URL")


class Served:
    def __init__(self, *args):
        self.port = free_port()
        self.proc = subprocess.Popen([sys.executable, "-m", "graph", "serve", "--port", str(self.port), *args],
                                     cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        if not wait_for_port("127.0.0.1", self.port, timeout=60, process=self.proc):
            stop(self.proc)
            raise AssertionError(f"kg serve did not start: {self.proc.stderr.read()}")
        return self

    def __exit__(self, *exc):
        stop(self.proc)
        self.stderr = self.proc.stderr.read()


def test_kg_serve_answers_like_the_graph_and_is_read_only(kg, seeds):
    with Served("--seeds", str(seeds)) as served:
        for name, query in QUERIES.items():
            assert http_answers(served.base, query) == local_answers(kg, query), name
        assert http_answers(served.base, QUERIES["faction leaders"], "POST") == \
            local_answers(kg, QUERIES["faction leaders"])
        # updates are refused, by the SPARQL update endpoint and by the graph store
        status, body = http(f"{served.base}/update", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "POST",
                            "application/sparql-update")
        assert status == 403, body
        status, _ = http(f"{served.base}/store?default", b"<urn:a> <urn:b> <urn:c> .", "PUT",
                         "application/n-triples")
        assert status == 403
        r = run_kg("load", "-q", "--endpoint", f"{served.base}/store", "--seeds", seeds)
        assert_clean_error(r, "HTTP 403", "read-only")
        assert count(served.base) == len(kg.triples)
        # the named graph of each source, as in the TriG export
        expected = Counter(q.graph_name.value for q in dataset_quads(kg) if isinstance(q.graph_name, ox.NamedNode))
        assert named_graph_counts(served.base) == dict(expected)
        leader_of = "https://w3id.org/peru-nexus/ontology#leader_of"
        expected = sorted((str(q.graph_name), str(q.subject), str(q.object)) for q in dataset_quads(kg)
                          if isinstance(q.graph_name, ox.NamedNode) and q.predicate.value == leader_of)
        according_to = "SELECT ?src ?p ?g WHERE { GRAPH ?src { ?p nx:leader_of ?g } } ORDER BY ?src ?p ?g"
        got = [(r["src"], r["p"], r["g"]) for r in http_answers(served.base, according_to)]
        assert got == expected and got
        port = served.port
    assert served.proc.returncode == 0, served.stderr
    assert "SPARQL endpoint at http://127.0.0.1:" in served.stderr and "read-only" in served.stderr
    # the Oxigraph server it started has stopped with it
    assert not wait_for_port("127.0.0.1", port, timeout=1)


def test_kg_serve_allow_updates(kg, seeds):
    with Served("-q", "--allow-updates", "--seeds", str(seeds)) as served:
        status, body = http(f"{served.base}/update", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "POST",
                            "application/sparql-update")
        assert status in (200, 204), body
        assert count(served.base) == len(kg.triples) + 1


def test_kg_serve_refuses_a_port_in_use(seeds):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        r = run_kg("serve", "-q", "--port", s.getsockname()[1], "--seeds", seeds)
    assert_clean_error(r, "in use")


def test_kg_serve_and_load_refuse_bad_input_cleanly(seeds):
    from conftest import FIXTURES

    broken = FIXTURES / "broken" / "unknown-subject"
    for args in (("serve", "--port", str(free_port())), ("load", "--endpoint", "http://127.0.0.1:9/store")):
        r = run_kg(*args, "-q", "--seeds", broken)
        assert_clean_error(r, "have errors")
    r = run_kg("serve", "--port", "70000", "--seeds", seeds)
    assert r.returncode == 2 and "must be 1-65535" in r.stderr and "Traceback" not in r.stderr


def children(pid: int) -> set[int]:
    """The processes ``pid`` has forked and not yet reaped (Linux /proc)."""
    import glob

    out = set()
    for path in glob.glob(f"/proc/{pid}/task/*/children"):
        with open(path) as f:
            out |= {int(c) for c in f.read().split()}
    return out


def wait_until(condition, limit: float = 60) -> bool:
    """Poll ``condition`` until it holds, for at most ``limit`` seconds (a bound, not a measurement)."""
    import time

    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def heavy_clients(port: int, n: int) -> list[socket.socket]:
    """``n`` connections that each ask for the HEAVY query and then wait, unread."""
    clients = []
    for _ in range(n):
        c = socket.create_connection(("127.0.0.1", port))
        c.sendall(f"GET /query?query={urllib.parse.quote(HEAVY)} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        clients.append(c)
    return clients


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_kg_serve_stops_the_work_of_a_client_that_goes(seeds):
    """Four heavy queries abandoned by their clients: their workers are killed, nothing keeps computing."""
    with Served("-q", "--timeout", "0", "--seeds", str(seeds)) as served:
        oxigraph = set(children(served.proc.pid))
        clients = heavy_clients(served.port, 4)
        assert wait_until(lambda: len(children(served.proc.pid) - oxigraph) == 4)
        for c in clients:
            c.close()
        assert wait_until(lambda: not (children(served.proc.pid) - oxigraph))
        assert len(http_answers(served.base, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")) == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_kg_serve_stops_a_query_at_its_timeout(seeds):
    with Served("-q", "--timeout", "1", "--seeds", str(seeds)) as served:
        oxigraph = set(children(served.proc.pid))
        status, body = http(f"{served.base}/query?query={urllib.parse.quote(HEAVY)}")
        assert status == 503 and b"longer than 1 s" in body
        assert wait_until(lambda: not (children(served.proc.pid) - oxigraph))


def test_kg_serve_lists_read_as_kg_query_prints_them(kg, seeds):
    from graph.query.named import library
    from graph.query.sparql import execute

    text = library()["entities"][0].read_text(encoding="utf-8")
    with Served("-q", "--seeds", str(seeds)) as served:
        status, body = http(f"{served.base}/query?query={urllib.parse.quote(text)}")
    assert status == 200
    served_rows = [{k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]]
    result = execute(kg, text)
    mine = [{v: t.value for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
    assert served_rows == mine and any(" | " in r.get("aliases", "") for r in mine)


def test_kg_serve_dereferences_entity_iris(kg, seeds):
    from html.parser import HTMLParser

    eid = next(iter(sorted(kg.facts.entities)))
    iri = kg.namespaces.entity + eid
    with Served("-q", "--seeds", str(seeds)) as served:
        url = f"{served.base}/entity/{eid}"
        req = urllib.request.Request(url, headers={"Accept": "text/turtle"})
        with urllib.request.urlopen(req, timeout=60) as r:
            assert r.headers["Content-Type"].startswith("text/turtle")
            triples = list(ox.parse(r.read(), format=ox.RdfFormat.TURTLE))
        req = urllib.request.Request(url, headers={"Accept": "text/html,application/xhtml+xml;q=0.9"})
        with urllib.request.urlopen(req, timeout=60) as r:
            assert r.headers["Content-Type"].startswith("text/html")
            page = r.read().decode("utf-8")
        status, _ = http(f"{served.base}/entity/no-such-entity")
    own = {(t.predicate.value, str(t.object)) for t in triples if t.subject.value == iri}
    expected = {(t.predicate.value, str(t.object)) for t in kg.triples if t.subject.value == iri}
    assert own == expected and own
    label = kg.facts.entities[eid].name
    texts = []

    class Text(HTMLParser):
        def handle_data(self, data):
            texts.append(data)

    Text().feed(page)
    assert label in texts
    assert status == 404


def test_kg_serve_describes_itself_with_void(kg, seeds):
    with Served("-q", "--seeds", str(seeds)) as served:
        req = urllib.request.Request(f"{served.base}/void", headers={"Accept": "text/turtle"})
        with urllib.request.urlopen(req, timeout=60) as r:
            triples = list(ox.parse(r.read(), format=ox.RdfFormat.TURTLE))
    void = "http://rdfs.org/ns/void#"
    endpoints = [t.object.value for t in triples if t.predicate.value == void + "sparqlEndpoint"]
    assert endpoints == [f"{served.base}/query"]
    counts = [int(t.object.value) for t in triples if t.predicate.value == void + "triples"
              and t.subject.value.endswith("/dataset")]
    assert counts == [len(kg.triples)]


def command_name(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except FileNotFoundError:
        return ""


def cpu_seconds(pid: int) -> float:
    """The CPU time ``pid`` itself has used so far, user and system (Linux /proc; reaped children not counted)."""
    import os

    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_kg_serve_with_updates_stops_the_work_of_a_client_that_goes(kg, seeds):
    """With --allow-updates too, an abandoned cross product stops: kg serve and its Oxigraph server then
    use next to no CPU over the next seconds (with the query left running they would use a core each)."""
    import time

    with Served("-q", "--allow-updates", "--timeout", "0", "--seeds", str(seeds)) as served:
        status, body = http(f"{served.base}/update", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "POST",
                            "application/sparql-update")
        assert status in (200, 204), body
        assert http_answers(served.base, "SELECT ?c WHERE { <urn:a> <urn:b> ?c }") == [{"c": "<urn:c>"}]
        [server] = [p for p in children(served.proc.pid) if command_name(p) == "oxigraph"]
        assert wait_until(lambda: children(served.proc.pid) == {server})  # the last answer's worker has gone
        oxigraph = {server}
        clients = heavy_clients(served.port, 2)
        assert wait_until(lambda: len(children(served.proc.pid) - oxigraph) == 2)
        busy = [served.proc.pid, *oxigraph]
        for c in clients:
            c.close()
        assert wait_until(lambda: not (children(served.proc.pid) - oxigraph))
        before, start = sum(map(cpu_seconds, busy)), time.monotonic()
        time.sleep(3)
        used, elapsed = sum(map(cpu_seconds, busy)) - before, time.monotonic() - start
        assert used < 0.25 * elapsed, f"{used:.2f} CPU seconds in {elapsed:.1f} s after the clients went"
        assert count(served.base) == len(kg.triples) + 1
