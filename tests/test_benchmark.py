"""The benchmark runs, at a tiny size, so that it cannot rot (no timing is asserted)."""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT, run_kg

sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402


def test_benchmark_json_has_every_figure(tmp_path):
    lines = tmp_path / "figures.jsonl"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--entities", "50", "--json",
                           "--data", str(tmp_path / "data"), "--append", str(lines)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["machine"]["cores"] >= 1 and doc["machine"]["python"]
    (r,) = doc["results"]
    (line,) = lines.read_text().splitlines()  # the same figures, one JSON line, with the machine and the load
    assert json.loads(line) == r and r["machine"]["cores"] == doc["machine"]["cores"]
    assert len(r["load_average_start"]) == len(r["load_average"]) == 3
    assert not r["generated"]["cached"] and len(list((tmp_path / "data").iterdir())) == 1
    table = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "table.py"), str(lines)],
                           capture_output=True, text=True, timeout=60)
    assert table.returncode == 0, table.stderr
    assert f"| synthetic 50 | {r['records']:,} | {r['triples']:,} |" in table.stdout
    assert "| synthetic 50: `kg build` after a fact changed in one file ≤ 40 % of cold |" in table.stdout
    assert r["generated"]["entities"] == 50 and r["generated"]["relationships"] == 200
    assert r["counts"]["entities"] == 50 and r["counts"]["statements"] >= 200
    assert r["records"] >= 250 and r["triples"] > 50 * 20
    for stage in ("validate", "build"):
        assert r[stage]["seconds"] > 0 and r[stage]["peak_rss_mb"] > 10 and r[stage]["records_per_second"] > 0
    assert "peru-nexus.ttl" in r["build"]["exports_bytes"]
    core = r["core_build"]
    assert core["seconds"] > 0 and core["peak_rss_mb"] > 10
    assert {"read files", "built triples", "built networkx", "rendered peru-nexus.ttl",
            "rendered peru-nexus.nt"} <= set(core["stages"])
    assert {"parse", "check (incl. parse)", "rdf triples", "networkx"} <= set(r["in_process"]["stages"])
    assert "peru-nexus.ttl" in r["in_process"]["renderers"]
    floor = r["floor"]  # measured in a process of its own, beside every figure
    assert floor["store_bulk_load"] > 0 and floor["peak_rss_mb"] > 10
    assert abs(floor["total"] - (floor["fast_yaml_parse"] or 0) - floor["store_bulk_load"]) < 0.002
    assert r["core_build"]["of_floor"] == pytest.approx(core["seconds"] / floor["total"], rel=0.05)
    assert r["build"]["of_floor"] == pytest.approx(r["build"]["seconds"] / floor["total"], rel=0.05)
    changed = r["build"]["after_one_file_changed"]
    assert changed["seconds"] > 0 and changed["file"].endswith(".yaml")
    assert changed["of_cold"] == pytest.approx(changed["seconds"] / r["build"]["seconds"], rel=0.05)
    for name, q in r["queries"].items():
        assert "ms" in q, (name, q)  # every named query runs on the synthetic graph


def test_generated_facts_are_valid_and_deterministic():
    a, b = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
    stats = generate(a, entities=120)
    generate(b, entities=120)
    assert stats["entities"] == 120 and stats["relationships"] == 480
    for p in sorted(a.rglob("*.*")):
        assert p.read_bytes() == (b / p.relative_to(a)).read_bytes(), p
    text = "\n".join(p.read_text() for p in a.glob("*.yaml"))
    for section in ("actors", "groups", "regions", "events", "activities", "relationships", "estimates"):
        assert f"\n{section}:" in text
    assert "stance: disputes" in text and "by: " in text and "participants:" in text
    # strict-clean: every quote is found and names what it supports, no cue word, no fact dated after its
    # sources, no alias missing from the texts, no two names alike — the lints (graph/facts/lints.py) as errors
    proc = run_kg("validate", "--strict", "--seeds", a)
    assert proc.returncode == 0, proc.stderr
    assert not [line for line in proc.stderr.splitlines() if ": warning: " in line or ": error: " in line]


def test_generated_names_are_each_its_own_and_near_ones_only_warned_of():
    """Names come from one pass (no renaming): no id, name or alias is shared, so nothing is an error at a
    size where some names of one type are nearly alike; those the similar-name lint warns of, and only them."""
    import re

    from graph.facts.cues import words_line

    seeds = Path(tempfile.mkdtemp())
    generate(seeds, entities=1500)
    text = "\n".join(p.read_text() for p in sorted(seeds.glob("facts-*.yaml")))
    ids = re.findall(r"\n  - id: (?!estimate-)(\S+)\n    type:", text)
    names = [json.loads(n) for n in re.findall(r"\n    name: (\".*\")", text)]
    aliases = [json.loads(f"[{a}]") for a in re.findall(r"\n    aliases: \[(.*)\]", text)]
    assert len(ids) == len(set(ids)) == len(names) == len(aliases) == 1500
    folded = [words_line(n) for n in names]
    others = [words_line(a) for n, group in zip(folded, aliases) for a in group if words_line(a) != n]
    assert len(set(folded)) == len(folded) and len(set(others)) == len(others) and not set(others) & set(folded)
    proc = run_kg("validate", "--seeds", seeds)
    assert proc.returncode == 0, proc.stderr
    findings = [line for line in proc.stderr.splitlines() if ": warning: " in line or ": error: " in line]
    assert findings and all(": warning: " in f and "nearly the same name" in f for f in findings), findings[:5]


def test_generated_quotes_exercise_both_searches():
    """Most quotes are in their text verbatim; some only by the fuzzy search (OCR noise), some re-wrapped."""
    import re

    from graph.facts.quotes import normalise

    seeds = Path(tempfile.mkdtemp())
    generate(seeds, entities=400)
    texts = {p.stem: normalise(p.read_text()) for p in (seeds / "texts").glob("*.txt")}
    quotes = [(m[1], json.loads(m[2])) for p in seeds.glob("facts-*.yaml")
              for m in re.finditer(r"source: (\S+)\n.*\n +quote: (\".*\")", p.read_text())]
    fuzzy = [q for source, q in quotes if normalise(q) not in texts[source]]
    assert len(quotes) > 1000 and 0 < len(fuzzy) < len(quotes) / 10
    assert any("  " in q for _, q in quotes)


def _graph(seeds: Path):
    from graph.builder import KnowledgeGraph
    from graph.builder.rdf import facts_to_triples
    from graph.facts.validate import check

    facts, report = check(seeds)
    assert not report.errors
    return KnowledgeGraph(facts, facts_to_triples(facts))


def test_every_named_query_finds_rows_on_synthetic_data_where_it_does_on_the_peru_graph():
    """Each query's parameter is bound to what it means (a modality to a modality, ``?org`` of leaders.rq to
    an organisation someone leads); a query naming one of the Peru graph's own entities is left out."""
    from named_queries import named_queries

    peru = named_queries(_graph(ROOT / "seeds"), repeat=1)
    seeds = Path(tempfile.mkdtemp())
    generate(seeds, entities=1000)
    synthetic = named_queries(_graph(seeds), repeat=1)
    own_entities = {p.stem for p in (ROOT / "queries").glob("*.rq") if "PREFIX ent:" in p.read_text()}
    assert synthetic.keys() == peru.keys() and own_entities < peru.keys()
    wanted = [name for name, q in peru.items() if q.get("rows") and name not in own_entities]
    assert len(wanted) > 20
    assert not [name for name in wanted if not synthetic[name].get("rows")], synthetic
    assert "/ontology#" in synthetic["modalities"]["bound"]  # a modality, not an entity


def test_kept_data_is_reused_and_renewed_when_the_generator_changes(tmp_path, monkeypatch):
    import datacache

    seeds, first = datacache.cached_seeds(tmp_path, 40)
    files = {p.relative_to(seeds): p.read_bytes() for p in seeds.rglob("*") if p.is_file()}
    again, second = datacache.cached_seeds(tmp_path, 40)
    assert again == seeds and not first["cached"] and second["cached"] and second["entities"] == 40
    other, _ = datacache.cached_seeds(tmp_path, 40, seed=8)  # another seed: another folder, the first kept
    assert other != seeds and seeds.is_dir()
    copy = datacache.working_copy(seeds, tmp_path / "work" / "seeds")
    (copy / "sources.yaml").write_text("changed")  # measuring on the copy leaves the kept data alone
    assert {p.relative_to(seeds): p.read_bytes() for p in seeds.rglob("*") if p.is_file()} == files
    changed = tmp_path / "generate-changed.py"
    changed.write_text(datacache.INPUTS[0].read_text() + "\n# changed\n")
    monkeypatch.setattr(datacache, "INPUTS", (changed, *datacache.INPUTS[1:]))
    renewed, third = datacache.cached_seeds(tmp_path, 40)  # the generator changed: written afresh
    assert renewed != seeds and not third["cached"] and not seeds.exists() and other.is_dir()


def test_table_judges_each_target_and_refreshes_the_readme(tmp_path):
    import table

    peru = {"label": "seeds", "validate": {"seconds": 0.5, "cpu_seconds": 0.25},
            "build": {"seconds": 0.7, "cpu_seconds": 0.6}}
    verdicts = {row["target"]: row["verdict"] for row in table.targets([peru])}
    assert verdicts["Peru: `kg build`, every export ≤ 0.8 s"] == "met"
    assert verdicts["Peru: `kg validate` ≤ 0.3 s"].startswith("met on CPU time only")
    assert verdicts["100k: the core build completes and is reported"] == "not measured"
    peru["validate"]["cpu_seconds"] = 0.4
    verdicts = {row["target"]: row["verdict"] for row in table.targets([peru])}
    assert verdicts["Peru: `kg validate` ≤ 0.3 s"].startswith("missed")
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n{table.BEGIN}\nold figures\n{table.END}\nafter\n")
    assert table.main([str(ROOT / "benchmarks" / "figures" / "session5.jsonl"), "--readme", str(readme)]) == 0
    text = readme.read_text()
    assert "old figures" not in text and text.endswith(f"{table.END}\nafter\n") and "| synthetic 10,000 |" in text


def test_benchmark_modules_examples_run():
    import doctest

    import datacache
    import edits
    import launch
    import named_queries
    import table

    for module in (datacache, edits, launch, named_queries, table):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_a_childs_peak_memory_is_its_own_whatever_the_benchmark_holds(tmp_path):
    """The benchmark process may hold a whole graph when it starts a command: the command's peak RSS must
    not count it (a child forked from it straight would: session 7's 1,000-entity run read 1,701 MB)."""
    import run

    held = bytearray(400 * 2**20)  # 400 MiB touched, as an in-process graph would be
    for i in range(0, len(held), 4096):
        held[i] = 1
    small = tmp_path / "small.py"
    small.write_text("print('ok')\n")
    child = run.spawn([], script=small)
    assert child["status"] == 0 and child["stdout"] == "ok\n" and child["seconds"] > 0
    assert 1 < child["peak_rss_mb"] < 200, child["peak_rss_mb"]
    del held
