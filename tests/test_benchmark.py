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


def test_benchmark_json_has_every_figure():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--entities", "50", "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["machine"]["cores"] >= 1 and doc["machine"]["python"]
    (r,) = doc["results"]
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
