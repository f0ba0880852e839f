"""Hostile and broken input (issue #8): nothing crashes, nothing is lost, nothing runs.

Every bad input gets a clear ``file:line:col: error:`` with exit status 1, no
traceback, and leaves the exports already built exactly as they were. Hostile
*text* (markup, script, quotes, escapes, control and separator characters)
builds cleanly, stays literal, and every export stays well-formed.

Cases:

- ``tests/fixtures/broken/<case>/facts.yaml``: text cases, first line
  ``# expect: LINE:COL: error: MESSAGE`` (run by tests/test_errors.py; the
  tests here add what those do not check: no hang, no memory blow-up, non-execution);
- ``tests/fixtures/hostile/<case>/``: byte-level cases (encodings, BOMs, line
  endings, NUL bytes), ``expect`` holding the error line relative to the case
  folder; and ``hostile-text/``, which must build cleanly;
- generated here into ``tmp_path``: a 50 MB file, very long lines, a million
  levels of nesting, a large alias bomb.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, MINI, MINI_TEXTS, ROOT, run_kg

from graph.exports.property_graph import ARRAY_DELIMITER

HOSTILE = FIXTURES / "hostile"
BYTE_CASES = sorted(p.name for p in HOSTILE.iterdir() if (p / "expect").is_file())
HOSTILE_TEXT = HOSTILE / "hostile-text"


def snapshot(out: Path) -> dict:
    """Every file under ``out`` (dot files too) with its bytes and modification time."""
    return {p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    """A real build of the mini fixture, made once; tests copy it."""
    out = tmp_path_factory.mktemp("mini-exports")
    r = run_kg("build", "--seeds", MINI, "--out", out, "-q")
    assert r.returncode == 0, r.stderr
    return out


@pytest.fixture
def exports(built_once, tmp_path):
    """A folder of previously built exports that a bad build must leave alone."""
    import shutil

    out = tmp_path / "exports"
    shutil.copytree(built_once, out)
    return out


def assert_clean_failure(r: subprocess.CompletedProcess, expected: list[str] | None = None) -> list[str]:
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr and "Error:" not in r.stderr.replace("error:", ""), r.stderr
    errors = [line for line in r.stderr.splitlines() if ": error: " in line]
    assert errors, r.stderr
    for line in errors:
        assert re.match(r"^[^:]+:\d+:\d+: error: ", line), line  # file:line:col, always
    if expected is not None:
        assert errors == expected, r.stderr
    return errors


# --- byte-level cases ----------------------------------------------------------

def test_there_are_at_least_fifty_cases():
    broken = [p for p in (FIXTURES / "broken").iterdir() if p.is_dir()]
    assert len(broken) + len(BYTE_CASES) + 1 >= 50


@pytest.mark.parametrize("case", BYTE_CASES)
def test_byte_level_case_is_reported_at_its_place(case, exports):
    folder = HOSTILE / case
    expected = (folder / "expect").read_text(encoding="utf-8").splitlines()
    before = snapshot(exports)
    r = run_kg("build", "--seeds", ".", "--out", exports, "--sources", MINI_TEXTS, cwd=folder)
    assert_clean_failure(r, expected)
    assert "hint: " in r.stderr
    assert snapshot(exports) == before


def test_crlf_and_bom_change_nothing(tmp_path):
    """The mini fixture saved with a byte-order mark and Windows line endings builds byte-identical exports."""
    seeds = tmp_path / "seeds"
    (seeds / "texts").mkdir(parents=True)
    for f in MINI.glob("*.yaml"):
        (seeds / f.name).write_bytes(b"\xef\xbb\xbf" + f.read_bytes().replace(b"\n", b"\r\n"))
    plain, windows = tmp_path / "plain", tmp_path / "windows"
    assert run_kg("build", "-q", "--seeds", MINI, "--out", plain).returncode == 0
    r = run_kg("build", "-q", "--seeds", seeds, "--out", windows, "--sources", MINI_TEXTS)
    assert r.returncode == 0, r.stderr
    a, b = snapshot(plain), snapshot(windows)
    assert {k: v[0] for k, v in a.items()} == {k: v[0] for k, v in b.items()}


def test_year_as_number_or_string_gives_the_same_graph(tmp_path):
    """``date: 1993`` and ``date: "1993"`` (and the same for months and days) are one and the same."""
    text = (MINI / "facts.yaml").read_text(encoding="utf-8")
    assert "start: 1993" in text and "date: 1980-05-17" in text and "date: 2012-02" in text
    quoted = (text.replace("start: 1993", 'start: "1993"').replace("date: 1980-05-17", "date: '1980-05-17'")
              .replace("date: 2012-02", 'date: "2012-02"'))
    outs = []
    for name, facts in (("plain", text), ("quoted", quoted)):
        seeds = tmp_path / name
        seeds.mkdir()
        (seeds / "facts.yaml").write_text(facts, encoding="utf-8")
        (seeds / "sources.yaml").write_bytes((MINI / "sources.yaml").read_bytes())
        out = tmp_path / f"out-{name}"
        r = run_kg("build", "-q", "--seeds", seeds, "--out", out, "--sources", MINI_TEXTS)
        assert r.returncode == 0, r.stderr
        outs.append({k: v[0] for k, v in snapshot(out).items()})
    assert outs[0] == outs[1]


# --- big, deep and explosive inputs ------------------------------------------

def run_measured(*args, cwd: Path = ROOT, timeout: float = 60) -> tuple[subprocess.CompletedProcess, int]:
    """Run the real CLI in a fresh process; also return its peak memory (KiB).

    A hang fails the test by the timeout, whatever the machine's load: no wall-time assertion."""
    code = ("import resource, sys\nfrom graph.cli import main\nrc = main(sys.argv[1:])\n"
            "print(f'maxrss={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}', file=sys.stderr)\n"
            "sys.exit(rc)")
    r = subprocess.run([sys.executable, "-c", code, *map(str, args)], cwd=cwd, capture_output=True, text=True,
                       timeout=timeout)
    m = re.search(r"maxrss=(\d+)", r.stderr)
    return r, int(m[1]) if m else -1


@pytest.fixture(scope="module")
def baseline_rss(tmp_path_factory):
    """Peak memory of a build refused for a small bad file: what a big file is compared with."""
    r, rss = run_measured("build", "-q", "--seeds", FIXTURES / "broken" / "unknown-predicate",
                      "--out", tmp_path_factory.mktemp("baseline"))
    assert r.returncode == 1, r.stderr
    return rss


def test_fifty_megabyte_file_is_refused_without_reading_it(tmp_path, exports, baseline_rss):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    line = b"  - {id: x, type: Person, name: A name, description: A line of a huge file.}\n"
    with open(seeds / "huge.yaml", "wb") as f:
        f.write(b"actors:\n")
        for _ in range(50 * 2**20 // len(line) + 1):
            f.write(line)
    assert (seeds / "huge.yaml").stat().st_size >= 50 * 2**20
    before = snapshot(exports)
    r, rss = run_measured("build", "--seeds", seeds, "--out", exports)
    assert_clean_failure(r)
    assert "MB limit" in r.stderr and "huge.yaml:1:1: error: file is 50 MB" in r.stderr
    assert rss < baseline_rss + 20 * 1024, (rss, baseline_rss)  # the file was never loaded
    assert snapshot(exports) == before


def test_very_long_lines(tmp_path):
    """A 2 MB name builds; an error after a 1 MB run of text on the same line is placed exactly;
    a quote of 200,000 characters is refused at once (it would make the fuzzy search crawl)."""
    base = (FIXTURES / "broken" / "unknown-predicate" / "facts.yaml").read_text(encoding="utf-8")
    base = base.split("\n", 1)[1].replace("predicate: leads", "predicate: founder_of")
    long_name = "Sendero " * 250_000
    seeds = tmp_path / "ok"
    seeds.mkdir()
    (seeds / "facts.yaml").write_text(base.replace("name: Sendero Luminoso", f"name: {long_name}"), encoding="utf-8")
    r = run_kg("validate", "-q", "--seeds", seeds, "--sources", MINI_TEXTS, timeout=60)
    assert r.returncode == 0, r.stderr[-2000:]

    bad = tmp_path / "bad"
    bad.mkdir()
    pad = "x" * 1_000_000
    (bad / "facts.yaml").write_text(base.replace("name: Sendero Luminoso", f"name: {pad}: oops"),
                                    encoding="utf-8")
    r = run_kg("validate", "-q", "--seeds", bad, "--sources", MINI_TEXTS, timeout=60)
    assert_clean_failure(r, [f"{_shown(bad / 'facts.yaml')}:8:{len('    name: ') + len(pad) + 1}: error: "
                             "mapping values are not allowed in this context"])

    quote = tmp_path / "quote"
    quote.mkdir()
    long_quote = "Sendero Luminoso was formed in the 1960s " * 5000
    (quote / "facts.yaml").write_text(
        base.replace('quote: "Sendero Luminoso was formed in the 1960s"', f'quote: "{long_quote}"'), encoding="utf-8")
    r = run_kg("validate", "-q", "--seeds", quote, "--sources", MINI_TEXTS, timeout=60)
    assert_clean_failure(r, [f"{_shown(quote / 'facts.yaml')}:11:52: error: quote is 205,000 characters long, "
                             "over the 1,000 allowed"])


def _shown(path: Path) -> str:
    """A path as the CLI shows it when run from the project root."""
    return os.path.relpath(path, ROOT)


@pytest.mark.parametrize("text, where", [
    ("actors: " + "[" * 1_000_000, "1:73"),
    ("actors: " + "{a: " * 300_000, "1:265"),
    ("actors:\n  " + "- " * 1_000_000 + "x\n", "2:131"),
], ids=["flow-sequences", "flow-mappings", "block-sequences"])
def test_a_million_levels_of_nesting_is_an_error_not_a_crash(tmp_path, text, where):
    (tmp_path / "deep.yaml").write_text(text, encoding="utf-8")
    r, _ = run_measured("validate", "-q", "--seeds", tmp_path)
    assert r.returncode == 1, (r.returncode, r.stderr[-500:])  # -11 would be a segmentation fault
    assert_clean_failure(r, [f"{_shown(tmp_path / 'deep.yaml')}:{where}: error: nesting deeper than 64 levels"])


def test_alias_bomb_is_refused_at_once(tmp_path):
    """Twelve levels of ten aliases each would expand to a trillion nodes."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 13)]
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    r, _ = run_measured("validate", "-q", "--seeds", tmp_path)
    assert_clean_failure(r, [f"{_shown(tmp_path / 'bomb.yaml')}:1:5: error: anchors and aliases (&name / *name) "
                             "are not allowed in fact files"])


# --- nothing runs ------------------------------------------------------------

def test_python_tags_are_never_executed(tmp_path, exports):
    """Tags that would create a file if PyYAML's unsafe loader ran them: rejected, and no file."""
    marker = tmp_path / "PWNED"
    attempts = [
        f'actors: !!python/object/apply:os.system ["touch {marker}"]\n',
        f'actors: !!python/object/apply:subprocess.check_call [["touch", "{marker}"]]\n',
        f'actors:\n  - !!python/object/new:subprocess.Popen [["touch", "{marker}"]]\n',
        f'actors: !!python/object/apply:builtins.exec ["open({str(marker)!r}, \'w\').close()"]\n',
        'actors: !!python/name:os.system\n',
        'actors: !!python/module:os\n',
        f'? !!python/object/apply:os.system ["touch {marker}"]\n: x\n',
    ]
    before = snapshot(exports)
    for i, text in enumerate(attempts):
        seeds = tmp_path / f"s{i}"
        seeds.mkdir()
        (seeds / "facts.yaml").write_text(text, encoding="utf-8")
        r = run_kg("build", "--seeds", seeds, "--out", exports)
        errors = assert_clean_failure(r)
        assert "could not determine a constructor for the tag" in errors[0], errors
        assert not marker.exists()
    for case in ("python-object-apply", "python-object-new"):  # the committed fixtures point into the tree
        r = run_kg("validate", "--seeds", FIXTURES / "broken" / case)
        assert r.returncode == 1 and not (FIXTURES / "broken" / case / "PWNED").exists()
    assert snapshot(exports) == before


def test_python_tags_are_never_executed_in_process(tmp_path):
    from graph.facts.yamlfile import read_yaml_text

    marker = tmp_path / "PWNED"
    data, problems = read_yaml_text("x.yaml", f'a: !!python/object/apply:os.system ["touch {marker}"]\n')
    assert data is None and problems and problems[0].line == 1
    assert not marker.exists()


# --- hostile text ------------------------------------------------------------

def hostile_strings() -> set[str]:
    """Every text value written in the hostile-text fixture, as YAML reads it."""
    found: set[str] = set()

    def walk(node, key=None):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key not in ("id", "type", "source", "subject", "object", "predicate",
                                                   "measure", "file", "stance", "status", "by"):
            found.add(node)

    for f in HOSTILE_TEXT.glob("*.yaml"):
        walk(yaml.safe_load(f.read_text(encoding="utf-8")))
    return found


def test_hostile_fixture_really_is_hostile():
    strings = hostile_strings()
    joined = "\n".join(strings)
    for needle in ('<script>', '</script>', '"""', "'''", "\\", ",", "\n", "\r\n", ">", "<", "&amp;",
                   "\x1b[", "\u2028", "\u2029", "\x85", "]]>", "\u202e", "\t", "'); DROP", "{{7*7}}", "${jndi:"):
        assert needle in joined, needle
    fields = {k for f in HOSTILE_TEXT.glob("*.yaml") for k in re.findall(r"^\s*-?\s*(\w+):", f.read_text(), re.M)}
    assert {"name", "aliases", "description", "quote", "title", "note", "locator", "unit", "author",
            "publisher", "rights"} <= fields


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile-exports")
    r = run_kg("build", "--seeds", HOSTILE_TEXT, "--out", out, "--sources", HOSTILE_TEXT / "texts")
    return r, out


def test_hostile_text_builds_cleanly(hostile_build):
    r, out = hostile_build
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr and ": error: " not in r.stderr
    # the lints may warn (aliases found in no text): each warning is one inert line, quoting the text escaped
    assert all(line.isprintable() for line in r.stderr.splitlines()), r.stderr
    assert (out / "peru-nexus.ttl").is_file()
    assert not (ROOT / "PWNED").exists() and not (HOSTILE_TEXT / "PWNED").exists()


# Each export is read back with a real parser; its text values are collected.

def _rdf_values(path: Path, fmt_rdflib: str, fmt_ox) -> set[str]:
    import pyoxigraph as ox
    import rdflib

    data = path.read_bytes()
    g = rdflib.Dataset() if fmt_rdflib in ("trig", "nquads") else rdflib.Graph()
    g.parse(data=data, format=fmt_rdflib)
    values = {str(o) for o in g.objects() if isinstance(o, rdflib.Literal)} if not isinstance(g, rdflib.Dataset) \
        else {str(q[2]) for q in g.quads() if isinstance(q[2], rdflib.Literal)}
    if fmt_ox is not None:  # a second, independent parser must agree
        ox_values = {q.object.value for q in ox.parse(data, format=fmt_ox) if isinstance(q.object, ox.Literal)}
        assert ox_values == values
    return values


def _json_strings(node, out: set[str]) -> set[str]:
    """Every string in a JSON document, also inside strings that hold JSON themselves."""
    if isinstance(node, dict):
        for k, v in node.items():
            _json_strings(k, out)
            _json_strings(v, out)
    elif isinstance(node, list):
        for v in node:
            _json_strings(v, out)
    elif isinstance(node, str):
        out.add(node)
        if node[:1] in "[{":
            try:
                _json_strings(json.loads(node), out)
            except ValueError:
                pass
    return out


def _xml_graph_values(path: Path, reader) -> set[str]:
    import xml.etree.ElementTree as ET

    ET.parse(path)  # well-formed XML
    g = reader(path)
    out: set[str] = set()
    for _, attrs in g.nodes(data=True):
        for v in attrs.values():
            _json_strings(v, out) if isinstance(v, str) else None
    for *_, attrs in g.edges(data=True):
        for v in attrs.values():
            _json_strings(v, out) if isinstance(v, str) else None
    for v in g.graph.values():
        _json_strings(v, out) if isinstance(v, str) else None
    return out


def _csv_values(path: Path) -> set[str]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    assert all(len(row) == len(header) for row in body), path  # no field broke out of its column
    out: set[str] = set()
    for row in body:
        for name, cell in zip(header, row):
            _json_strings(cell, out)
            if name.endswith("[]"):
                out.update(cell.split(ARRAY_DELIMITER))
    return out


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple] = []
        self.scripts: dict[str, str] = {}
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted(attrs))))
        self._in = dict(attrs).get("id") if tag == "script" else None

    def handle_data(self, data):
        if self._in:
            self.scripts[self._in] = self.scripts.get(self._in, "") + data


def _html_values(path: Path) -> set[str]:
    page = _Tags()
    page.feed(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for ident, text in page.scripts.items():
        _json_strings(json.loads(text), out)
    return out


def _html_tags(path: Path) -> list[tuple]:
    page = _Tags()
    page.feed(path.read_text(encoding="utf-8"))
    return page.tags


def export_values(path: Path) -> set[str] | None:
    """The text values of one export, read back by a real parser; None for a format with no text."""
    import networkx as nx
    import pyoxigraph as ox

    name = path.name
    if name.endswith(".ttl"):
        return _rdf_values(path, "turtle", ox.RdfFormat.TURTLE)
    if name.endswith(".nt"):
        return _rdf_values(path, "nt", ox.RdfFormat.N_TRIPLES)
    if name.endswith(".trig"):
        return _rdf_values(path, "trig", ox.RdfFormat.TRIG)
    if name.endswith(".nq"):
        return _rdf_values(path, "nquads", ox.RdfFormat.N_QUADS)
    if name.endswith((".jsonld", ".json")):
        _json_strings(json.loads(path.read_text(encoding="utf-8")), values := set())
        if name.endswith(".jsonld"):
            values |= _rdf_values(path, "json-ld", getattr(ox.RdfFormat, "JSON_LD", None))
        return values
    if name.endswith(".graphml"):
        return _xml_graph_values(path, nx.read_graphml)
    if name.endswith(".gexf"):
        return _xml_graph_values(path, nx.read_gexf)
    if name.endswith(".csv"):
        return _csv_values(path)
    if name.endswith(".html"):
        return _html_values(path)
    path.read_text(encoding="utf-8")  # at least it is text
    return None


# What a format cannot carry, by design of the format (not of our exporter):
# XML 1.0 has no way to write most C0 control characters (ESC among them),
# even as character references, and XML parsers turn a CR LF into LF.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _as_format_can_hold(s: str, name: str) -> str:
    if name.endswith((".graphml", ".gexf")):
        return XML_ILLEGAL.sub("", s).replace("\r\n", "\n").replace("\r", "\n")
    return s


def _hostile_exports(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))


def test_every_export_is_well_formed_and_keeps_hostile_text_literal(hostile_build):
    from graph.exports.registry import exporters

    r, out = hostile_build
    assert r.returncode == 0, r.stderr
    files = _hostile_exports(out)
    assert {f for e in exporters() for f in e.files} <= set(files)
    strings = hostile_strings()
    problems = []
    for rel in files:
        values = export_values(out / rel)
        if values is None:
            continue
        if rel.endswith(".csv") and "entities" not in rel and "sources" not in rel:
            continue  # statement and estimate tables: checked through the RDF and JSON exports
        if rel in ("void.ttl", "shapes.ttl"):
            continue  # the dataset's description and shapes, not its data (tests/test_dataset.py)
        carried = {s for s in strings if s in values or _as_format_can_hold(s, rel) in values}
        expected = {s for s in strings if _owner_in(rel, s)}
        missing = sorted(expected - carried)
        if missing:
            problems.append(f"{rel}: {len(missing)} strings not read back exactly, e.g. {missing[:3]!r}")
    assert not problems, "\n".join(problems)


# Which hostile strings an export is expected to carry: RDF and the explorer carry everything;
# the property-graph files carry what belongs to their kind of node.
_ENTITY_TEXT = None


def _owner_in(rel: str, s: str) -> bool:
    global _ENTITY_TEXT
    if rel.endswith((".ttl", ".nt", ".trig", ".nq", ".jsonld")):
        return True
    if _ENTITY_TEXT is None:
        facts = yaml.safe_load((HOSTILE_TEXT / "facts.yaml").read_text(encoding="utf-8"))
        _ENTITY_TEXT = {
            "entity": {v for sec in ("groups", "actors") for e in facts[sec]
                       for v in [e["name"], e["description"], *e.get("aliases", [])]},
            "source": {v for k, v in yaml.safe_load((HOSTILE_TEXT / "sources.yaml").read_text(encoding="utf-8"))
                       ["sources"][0].items() if k in ("title",)},
        }
    if rel.endswith((".graphml", ".gexf", ".html")) or "entities" in rel:
        return s in _ENTITY_TEXT["entity"]
    if "sources" in rel:
        return s in _ENTITY_TEXT["source"]
    return False


def test_the_explorer_gains_no_element_from_hostile_text(hostile_build, built_once):
    """Markup in the facts must not become markup in the page: the same elements as for harmless facts."""
    _, out = hostile_build
    if not (out / "peru-nexus.html").exists():
        pytest.skip("no HTML explorer among the exports yet")
    hostile_tags = _html_tags(out / "peru-nexus.html")
    mini_tags = _html_tags(built_once / "peru-nexus.html")
    assert [t for t in hostile_tags if t[0] not in ("option",)] == [t for t in mini_tags if t[0] not in ("option",)]
    page = (out / "peru-nexus.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in page and "<img src=x" not in page and "</script><script>" not in page


def test_hostile_text_reads_back_exactly_from_rdf(hostile_build):
    """Spot checks by meaning, not only by presence: the label, an alias, a quote."""
    import rdflib

    _, out = hostile_build
    g = rdflib.Graph().parse(out / "peru-nexus.ttl", format="turtle")
    ent = rdflib.URIRef("https://w3id.org/peru-nexus/entity/evil-group")
    assert str(g.value(ent, rdflib.RDFS.label)) == '</script><script>alert("xss-name")</script>'
    aliases = {str(o) for o in g.objects(ent, rdflib.SKOS.altLabel)}
    assert "line one\nline two\r\nline three" in aliases
    assert "\x1b[1;31mANSI red\x1b[0m" in aliases
    assert 'C:\\path\\to\\file \\n not a newline \\u0041 \\" \\' in aliases
    assert "sep\u2028line\u2029para\x85nel" in aliases
    assert "  padded with spaces  " in aliases


def test_neo4j_list_elements_may_hold_semicolons(hostile_build):
    """List elements are separated by U+001F (--array-delimiter=U+001F), so ';' stays inside an alias."""
    _, out = hostile_build
    path = out / "neo4j" / "nodes-entities.csv"
    if not path.exists():
        pytest.skip("no Neo4j export yet")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    aliases = next(r["aliases:string[]"] for r in rows if r["id:ID(Entity)"] == "evil-group").split(ARRAY_DELIMITER)
    assert "alias, with; commas|pipes\tand a tab" in aliases


# --- serving: loopback only, read-only, nothing partial -------------------------

def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket listening on ``port``, read from the kernel's tables."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            local, state = row.split()[1], row.split()[3]
            addr, p = local.split(":")
            if state == "0A" and int(p, 16) == port:  # 0A: LISTEN
                raw = bytes.fromhex(addr)
                if width == 8:
                    found.add(".".join(str(b) for b in raw[::-1]))
                else:  # four little-endian 32-bit words
                    words = [raw[i:i + 4][::-1] for i in range(0, 16, 4)]
                    found.add(__import__("ipaddress").IPv6Address(b"".join(words)).compressed)
    return found


def _serve_available() -> bool:
    r = run_kg("--help")
    return " serve " in r.stdout and " load " in r.stdout


needs_serve = pytest.mark.skipif(not _serve_available(), reason="kg serve / kg load not there yet")


@needs_serve
def test_kg_serve_binds_to_loopback_only_and_refuses_updates(tmp_path):
    from graph.serve.server import free_port, wait_for_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "graph", "serve", "-q", "--port", str(port), "--seeds", MINI],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for_port("127.0.0.1", port, timeout=60, process=proc), proc.stderr.read() if proc.poll() else ""
        listening = _listening_addresses(port)
        assert listening and listening <= {"127.0.0.1", "::1"}, listening  # never 0.0.0.0 or a public address
        import urllib.error
        import urllib.request

        for url, body, ctype, method in ((f"http://127.0.0.1:{port}/update", b"DROP ALL", "application/sparql-update",
                                          "POST"),
                                         (f"http://127.0.0.1:{port}/store?default", b"", "application/n-triples",
                                          "PUT")):
            request = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": ctype})
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=30)
            assert refused.value.code == 403
        query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/query?{query}", timeout=30) as answer:
            assert answer.status == 200  # still all there
    finally:
        proc.terminate()
        proc.wait(timeout=30)


class _Recorder:
    """A loopback HTTP endpoint that records what it receives and answers with ``status``."""

    def __init__(self, status: int = 204, close_early: bool = False):
        import http.server
        import threading

        self.requests: list[tuple[str, dict, bytes]] = []
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _any(self):
                length = int(self.headers.get("Content-Length") or 0)
                if close_early:  # read a little, then hang up: a refusal mid-request
                    self.rfile.read(min(length, 100))
                    recorder.requests.append((self.command, dict(self.headers), b"<cut>"))
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                body = self.rfile.read(length)
                recorder.requests.append((self.command, dict(self.headers), body))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_PUT = do_POST = do_GET = _any

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/store"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@needs_serve
def test_kg_load_sends_the_whole_graph_in_one_request_or_nothing(tmp_path, mini_kg):
    import pyoxigraph as ox

    with _Recorder() as endpoint:
        r = run_kg("load", "-q", "--endpoint", endpoint.url, "--seeds", MINI)
        assert r.returncode == 0, r.stderr
    assert len(endpoint.requests) == 1
    method, headers, body = endpoint.requests[0]
    assert method == "PUT" and int(headers["Content-Length"]) == len(body)
    assert set(q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)) == set(mini_kg.triples)

    # facts with errors: nothing is sent at all
    with _Recorder() as endpoint:
        r = run_kg("load", "-q", "--endpoint", endpoint.url, "--seeds", FIXTURES / "broken" / "unknown-subject")
        assert_clean_failure(r)
    assert endpoint.requests == []


@needs_serve
@pytest.mark.parametrize("status, close_early", [(500, False), (401, False), (413, False), (204, True)],
                         ids=["server-error", "unauthorised", "too-large", "hangs-up-mid-request"])
def test_kg_load_reports_a_refusing_endpoint_clearly(status, close_early):
    with _Recorder(status, close_early) as endpoint:
        r = run_kg("load", "-q", "--timeout", "10", "--endpoint", endpoint.url, "--seeds", MINI)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr and r.stderr.startswith("kg: error: "), r.stderr
    assert r.stderr.count("\n") <= 3, r.stderr
    if not close_early:
        assert f"HTTP {status}" in r.stderr


@pytest.mark.parametrize("case, hint", [
    ("unknown-field-typo", "did you mean 'aliases'?"),
    ("unknown-section-typo", "did you mean 'actors'?"),
    ("unknown-type", "did you mean 'ArmedGroup'?"),
    ("unknown-subject", "did you mean 'abimael-guzman'?"),
    ("unknown-predicate", "did you mean 'leader_of'?"),
    ("duplicate-key", "merge the two entries"),
    ("id-defined-twice-across-files", "first defined at tests/fixtures/broken/id-defined-twice-across-files/core.yaml:3:5"),
    ("yaml-tab-indentation", "indent with spaces, not tabs"),
    ("yaml-several-documents", "one document per file"),
    ("yaml-unclosed-double-quote", "close the quote"),
    ("python-object-apply", "remove the '!' tag"),
    ("alias-bomb", "write the value out in full"),
    ("latin1", "save the file as UTF-8"),
])
def test_the_hint_says_what_to_do(case, hint):
    folder = FIXTURES / "broken" / case if (FIXTURES / "broken" / case).is_dir() else HOSTILE / f"{case}-bytes"
    r = run_kg("validate", "--seeds", folder, "--sources", MINI_TEXTS)
    assert r.returncode == 1
    assert any(line.startswith("    hint: ") and hint in line for line in r.stderr.splitlines()), r.stderr
