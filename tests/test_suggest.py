"""`kg suggest`: a draft from a document that validates as a draft, is left out of the build, builds once
accepted, quotes only what the document says, with locators; and the hold-one-out measurement."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_kg

from graph.authoring.mentions import NameFinder
from graph.authoring.sentences import split_text
from graph.facts.quotes import SourceTexts
from graph.vocab.json_schema import DRAFT_MARK
from graph.vocab.schema import load_schema

FIXTURE = ROOT / "tests" / "fixtures" / "authoring" / "suggest" / "seeds"
REPORT = FIXTURE / "texts" / "field-report.txt"
SHARED = ROOT.parent / "shared" / "sources"


@pytest.fixture
def seeds(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "seeds")
    return tmp_path / "seeds"


def suggest(seeds: Path, source: str, *extra: str) -> tuple[Path, dict]:
    out = seeds / f"{source}.draft.yaml"
    result = run_kg("suggest", source, "--seeds", str(seeds), "--out", str(out), "-q", *extra)
    assert result.returncode == 0, result.stderr
    return out, yaml.safe_load(out.read_text(encoding="utf-8"))


def entries(draft: dict):
    return [e for items in draft.values() for e in items]


def accept(path: Path, draft: dict) -> None:
    """What a curator does: delete each mark; evidence proposed for an entity defined elsewhere is moved there
    (here: left out, as the entity is already defined)."""
    kept = {}
    for section, items in draft.items():
        mine = [dict((k, v) for k, v in e.items() if k != DRAFT_MARK) for e in items
                if "known entity" not in e[DRAFT_MARK]]
        if mine:
            kept[section] = mine
    path.write_text(yaml.safe_dump(kept, sort_keys=False, allow_unicode=True), encoding="utf-8")


def accept_everything(path: Path, draft: dict) -> int:
    """What a curator does who accepts every suggestion as it is: delete every mark; the count of marks."""
    marks = sum(entry.pop(DRAFT_MARK, None) is not None for items in draft.values() for entry in items)
    path.write_text(yaml.safe_dump(draft, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return marks


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared source texts are not beside the project")
def test_a_held_out_document_drafted_then_accepted_whole_validates_and_builds(tmp_path):
    """The weekly report held out (no other file needs its entities), drafted with the others' entities known;
    every mark removed and nothing else edited: every quote is found in the document, nothing is in error,
    the graph builds, and the evidence proposed for known entities is theirs."""
    source, seeds = "weekly-report-2011", tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    (seeds / f"{source}.yaml").unlink()
    path, draft = suggest(seeds, source, "--sources", str(SHARED))
    items = entries(draft)
    assert any("known entity" in e[DRAFT_MARK] for e in items) and any("by" in c or "by_unnamed" in c
                                                                      for e in items for c in e["evidence"])
    new_ids = [e["id"] for e in items if "does not know" in e[DRAFT_MARK]]
    known = [e for e in items if "known entity" in e[DRAFT_MARK]]
    assert accept_everything(path, draft) == len(items)
    assert DRAFT_MARK + ":" not in path.read_text(encoding="utf-8")
    result = run_kg("validate", "--seeds", str(seeds), "--sources", str(SHARED))  # the quote check on
    assert result.returncode == 0 and ": error:" not in result.stderr, result.stderr
    assert "draft, not yet accepted" not in result.stderr
    built = run_kg("build", "-q", "--seeds", str(seeds), "--sources", str(SHARED), "--out", str(tmp_path / "out"))
    assert built.returncode == 0, built.stderr
    turtle = (tmp_path / "out" / "peru-nexus.ttl").read_text(encoding="utf-8")
    assert new_ids and all(f"\nent:{ident} a " in turtle for ident in new_ids)  # every new entity built
    # the evidence proposed for entities defined elsewhere joined theirs
    from graph.facts.validate import check

    facts, _ = check(seeds, quotes=False)
    for entry in known:
        quotes = {(c.source, c.quote) for c in facts.entities[entry["id"]].citations}
        assert all((c["source"], c["quote"]) in quotes for c in entry["evidence"]), entry["id"]


def test_the_draft_is_a_draft_and_every_item_is_marked_and_quoted(seeds):
    path, draft = suggest(seeds, "field-report")
    items = entries(draft)
    assert items and all(e.get(DRAFT_MARK) for e in items)
    texts = SourceTexts.from_strings({"field-report": REPORT.read_text(encoding="utf-8")})
    for e in items:
        for c in e["evidence"]:
            assert c["source"] == "field-report" and c["locator"]
            assert texts.find("field-report", c["quote"]), c["quote"]
    result = run_kg("validate", "--seeds", str(seeds))
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("warning: draft, not yet accepted") == len(items)
    assert f"{path.name}:" in result.stderr


def test_what_the_draft_proposes(seeds):
    _, draft = suggest(seeds, "field-report")
    statements = {(e["subject"], e["predicate"], e["object"]): e for e in draft["relationships"]}
    assert ("huallaga-faction", "taxes", "cocaine-trade") in statements
    assert ("huallaga-faction", "led_by", "artemio") in statements  # "Comrade Artemio led the Huallaga faction"
    hedged = statements[("sendero-luminoso", "operates_in", "upper-huallaga-valley")]
    assert "reportedly" in hedged[DRAFT_MARK]
    if "modality" in load_schema().records["relationship"].fields:
        assert hedged["modality"] == "hedged"
    assert "according to" in statements[("huallaga-faction", "taxes", "cocaine-trade")][DRAFT_MARK]
    new = {e["name"]: e for e in entries(draft) if "does not know" in e[DRAFT_MARK]}
    assert new["Frente Huallaga Norte"]["aliases"] == ["FHN"]
    known = {e["id"] for e in entries(draft) if "known entity" in e[DRAFT_MARK]}
    assert {"peru", "abimael-guzman", "artemio"} <= known  # "Perú", a note, an alias
    (estimate,) = draft["estimates"]
    assert (estimate["value"], estimate["unit"]) == (20_000_000, "USD")


def test_locators_follow_the_text(seeds):
    _, draft = suggest(seeds, "field-report")
    by_quote = {c["quote"]: c["locator"] for e in entries(draft) for c in e["evidence"]}
    assert by_quote["Comrade Artemio led the Huallaga faction until 2012."] == "Money"
    assert by_quote["Abimael Guzman founded Sendero Luminoso in Ayacucho, in Perú."] == "note 1"
    assert any(loc == "Money > The New Groups" for loc in by_quote.values())


def test_left_out_of_the_build_until_accepted_then_built(seeds, tmp_path):
    plain = run_kg("build", "-q", "--seeds", str(seeds), "--out", str(tmp_path / "plain"))
    assert plain.returncode == 0, plain.stderr
    path, draft = suggest(seeds, "field-report")
    with_draft = run_kg("build", "-q", "--seeds", str(seeds), "--out", str(tmp_path / "draft"))
    assert with_draft.returncode == 0, with_draft.stderr
    ttl = "peru-nexus.ttl"
    assert (tmp_path / "plain" / ttl).read_bytes() == (tmp_path / "draft" / ttl).read_bytes()
    accept(path, draft)
    accepted = run_kg("build", "-q", "--seeds", str(seeds), "--out", str(tmp_path / "accepted"))
    assert accepted.returncode == 0, accepted.stderr
    built = (tmp_path / "accepted" / ttl).read_text(encoding="utf-8")
    assert "frente-huallaga-norte" in built and "Frente Huallaga Norte" in built


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared source texts are not beside the project")
@pytest.mark.parametrize("source", ["embassy-lima-2005", "weekly-report-2011"])
def test_a_real_document_validates_as_a_draft_and_once_accepted(source, tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    path, draft = suggest(seeds, source, "--sources", str(SHARED))
    assert entries(draft)
    accept(path, draft)
    result = run_kg("validate", "--seeds", str(seeds), "--sources", str(SHARED))  # the quote check included
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared source texts are not beside the project")
def test_the_hold_one_out_measurement():
    source = "embassy-lima-2005"
    result = run_kg("suggest", source, "--hold-out", "--format", "json", "--sources", str(SHARED))
    assert result.returncode == 0, result.stderr
    m = json.loads(result.stdout)
    curated = yaml.safe_load((ROOT / "seeds" / f"{source}.yaml").read_text(encoding="utf-8"))
    defined = {e["id"] for section, items in curated.items() if section not in ("relationships", "estimates")
               for e in items}
    assert m["entities"] >= len(defined)
    assert 0 < m["entities_found"] <= m["entities"]
    assert 0 <= m["statements_found"] <= m["statements"] and m["types_right"] <= m["proposed"]
    assert m["proposed_wrong"] <= m["proposed"] and m["new_wrong"] <= m["new_proposed"]
    assert m["entity_share"] == round(m["entities_found"] / m["entities"], 3)
    assert m["claimants_found"] <= m["claimants"] and m["claimants_right"] <= m["claimants_proposed"]


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared source texts are not beside the project")
def test_claimants_proposed_on_a_held_out_document_are_mostly_the_curated_ones():
    result = run_kg("suggest", "weekly-report-2011", "--hold-out", "--format", "json", "--sources", str(SHARED))
    assert result.returncode == 0, result.stderr
    m = json.loads(result.stdout)
    assert m["claimants_proposed"] and 0 < m["claimants_found"] <= m["claimants"]
    assert 2 * m["claimants_right"] > m["claimants_proposed"]


def test_sentences_and_their_locators():
    text = ("JENSEN — 5\n\nThe U.S. Army said so. Col. Smith agreed.\n\n12\n\nA new page starts here.\n\n"
            "1. (SBU) Summary: the first paragraph.\n")
    found = [(s.text, s.locator) for s in split_text(text)]
    assert found[:3] == [("The U.S. Army said so.", "p. 5"), ("Col. Smith agreed.", "p. 5"),
                         ("A new page starts here.", "p. 13")]
    assert found[3][1] == "p. 13"
    assert [s.locator for s in split_text("1. (SBU) One.\n\n2. (SBU) Two.\n")] == ["para. 1", "para. 2"]


def test_mentions_are_tolerant_but_on_word_boundaries():
    finder = NameFinder({"peru": ["Peru"], "sl": ["Sendero Luminoso", "SL"], "vraem": ["VRAEM"]})
    found = lambda text: [m.entity for m in finder.find(text)]  # noqa: E731
    assert found("PERÚ and perú") == ["peru", "peru"]
    assert found("Peruvians in Lima") == []
    assert found("Sendero Luninoso, the SL") == ["sl", "sl"]
    assert found("it was sl. in the vraem") == []


def test_an_unknown_source_is_an_error_with_a_hint(seeds):
    result = run_kg("suggest", "field-reprt", "--seeds", str(seeds))
    assert result.returncode == 1
    assert "'field-reprt' is not in the source register" in result.stderr and "field-report" in result.stderr


def test_help():
    result = run_kg("suggest", "--help")
    assert result.returncode == 0 and "review:" in result.stdout


def test_claimants_from_the_cues():
    """'according to X', 'X said': a known agent is by:, an unnamed collective by_unnamed:; modality cues stay."""
    from graph.authoring.suggest import suggest as draft_of
    from graph.facts.validate import check

    facts, _ = check(FIXTURE, quotes=False)
    text = ("According to Abimael Guzman, Sendero Luminoso operates in Ayacucho.\n\n"
            "U.S. officials said the Huallaga faction taxes the cocaine trade.\n\n"
            "Experts estimated that the Huallaga faction earned US$ 5 million.\n\n"
            "The Huallaga faction is said to operate in Chuschi.\n\n"
            "Comrade Artemio plans to attack Ayacucho.\n")
    draft = draft_of("field-report", text, facts)
    cites = {c["quote"]: c for e in entries(draft.sections) for c in e["evidence"]
             if "subject" in e or "measure" in e}
    assert cites["According to Abimael Guzman, Sendero Luminoso operates in Ayacucho."]["by"] == "abimael-guzman"
    assert cites["U.S. officials said the Huallaga faction taxes the cocaine trade."]["by_unnamed"] == "U.S. officials"
    assert cites["Experts estimated that the Huallaga faction earned US$ 5 million."]["by_unnamed"] == "Experts"
    said = cites["The Huallaga faction is said to operate in Chuschi."]
    assert "by" not in said and "by_unnamed" not in said  # "is said to" is hedging, not a claimant
    statements = {(e["subject"], e["object"]): e for e in draft.sections["relationships"]}
    assert statements[("huallaga-faction", "chuschi")].get("modality", "hedged") == "hedged"
    assert "abimael-guzman" in statements[("sendero-luminoso", "ayacucho")][DRAFT_MARK]
