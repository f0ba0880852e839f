"""An entry repeating an entity (id, type, name, description, nothing else of its own) adds its evidence;
one that gives another value is a second definition, reported at its place (tests/fixtures/restated)."""

from __future__ import annotations

import shutil

from conftest import FIXTURES, MINI_TEXTS, run_kg

RESTATED = FIXTURES / "restated"


def test_an_entry_repeating_an_entity_adds_its_evidence(tmp_path):
    out = tmp_path / "out"
    r = run_kg("build", "-q", "--seeds", RESTATED, "--sources", MINI_TEXTS, "--out", out, "--no-cache")
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    from graph.facts.validate import check

    facts, report = check(RESTATED, text_folders=[MINI_TEXTS])
    assert report.errors == []
    quotes = [c.quote for c in facts.entities["sendero-luminoso"].citations]
    assert quotes == ["Sendero Luminoso was formed in the 1960s and 1970s in Ayacucho",
                      "formed in the 1960s and 1970s in Ayacucho by Abimael Guzman"]
    assert quotes[1] in (out / "peru-nexus.nt").read_text(encoding="utf-8")


def test_an_entry_giving_another_value_is_a_second_definition(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(RESTATED, seeds)
    (seeds / "c-conflict.yaml.txt").rename(seeds / "c.yaml")
    r = run_kg("validate", "--seeds", seeds, "--sources", MINI_TEXTS)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "c.yaml:2:9: error: id 'sendero-luminoso' is defined twice" in r.stderr, r.stderr
