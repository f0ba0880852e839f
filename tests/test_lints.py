"""The support, cue and curator lints (issue 13, items 2–4), through the real ``kg validate``:
warnings that exit 0, and errors with ``--strict`` that exit 1. Each case is a folder of
tests/fixtures/checker/lints/ (see checker_cases.py); a case marks no line when nothing is wrong."""

import pytest

from checker_cases import cases, expected, matches, reported

ISSUE_CASES = {"support-names-neither", "support-by-sentence", "figure-missing", "figure-forms", "hedge-cue",
               "attribution-cue", "attribution-with-claimant", "shared-alias", "similar-names",
               "alias-not-in-text", "reused-quote", "negative-count", "dated-after-source", "only-disputed",
               "source-without-text", "participant-outside-event"}
ALWAYS_WARNINGS = ("source '",)  # said once per source, never an error: the quotes are not checked at all


def test_the_issue_cases_have_fixtures():
    assert set(cases("lints")) >= ISSUE_CASES


@pytest.mark.parametrize("case", cases("lints"))
def test_each_lint_is_a_warning_at_its_line(case):
    r, found = reported("lints", case)
    want = expected("lints", case, "warning")
    assert r.returncode == 0, r.stderr
    assert [f for f in found if f[1] == "error"] == []
    assert len(found) == len(want) and matches(found, want), (want, found)
    assert not found or "hint: " in r.stderr


@pytest.mark.parametrize("case", cases("lints"))
def test_strict_makes_each_lint_an_error(case):
    r, found = reported("lints", case, "--strict")
    want = [(line, "warning" if text.startswith(ALWAYS_WARNINGS) else "error", text)
            for line, _, text in expected("lints", case, "warning")]
    assert r.returncode == (1 if any(w[1] == "error" for w in want) else 0), r.stderr
    assert len(found) == len(want) and matches(found, want), (want, found)


def test_a_source_without_text_is_reported_once():
    _, found = reported("lints", "source-without-text")
    assert sum("has no text" in f[2] for f in found) == 1


def test_the_contract_fields_silence_what_they_answer():
    assert set(cases("lints")) >= {"mentions-support", "modality-matches-cue", "unnamed-claimant",
                                   "planned-after-source", "cited-work-without-text"}


def test_every_modality_cue_names_a_modality_of_the_schema():
    from graph.facts.cues import CUES
    from graph.vocab.schema import load_schema

    modalities = load_schema().modalities
    assert CUES.modality_cues and set(CUES.modality_cues) <= set(modalities[1:])  # never the default


def test_links_and_unreadable_places_among_the_fact_files_are_reported(tmp_path):
    import shutil

    from conftest import MINI, MINI_TEXTS, run_kg

    project = tmp_path / "project"
    seeds = project / "seeds"
    shutil.copytree(MINI, seeds / "real", ignore=shutil.ignore_patterns("texts"))
    (project / "more").mkdir()
    (seeds / "real" / "sources.yaml").rename(project / "more" / "sources.yaml")
    (seeds / "inside").symlink_to(project / "more", target_is_directory=True)  # inside the project: followed
    (seeds / "twice").symlink_to(seeds / "real", target_is_directory=True)    # read already: not again
    (seeds / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")              # dangling
    (tmp_path / "outside.yaml").write_text("sources: []\n")
    (seeds / "outside.yaml").symlink_to(tmp_path / "outside.yaml")          # outside the project
    r = run_kg("validate", "--seeds", seeds, "--sources", MINI_TEXTS)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    warnings = [line for line in r.stderr.splitlines() if ": warning: symbolic link" in line]
    assert len(warnings) == 4, r.stderr
    said = {line.split(":")[0].rsplit("/", 1)[-1]: line for line in warnings}
    assert "followed" in said["inside"] and "not read" in said["twice"]
    assert "not read" in said["gone.yaml"] and "outside the project" in said["outside.yaml"]
    assert "is defined twice" not in r.stderr  # the folder linked twice was read once


def test_build_strict_refuses_what_validate_only_warns_about(tmp_path):
    from conftest import MINI_TEXTS, run_kg

    from checker_cases import CHECKER

    seeds = CHECKER / "lints" / "hedge-cue"
    out = tmp_path / "exports"
    r = run_kg("build", "--strict", "--seeds", seeds, "--out", out, "--sources", MINI_TEXTS)
    assert r.returncode == 1 and "Traceback" not in r.stderr and ": error: quote says" in r.stderr
    assert not out.exists() or not any(out.iterdir())
    r = run_kg("build", "--seeds", seeds, "--out", out, "--sources", MINI_TEXTS)
    assert r.returncode == 0 and ": warning: quote says" in r.stderr, r.stderr


def test_an_acknowledged_lint_is_not_reported_even_by_strict():
    r, found = reported("lints", "acknowledged", "--strict")
    assert r.returncode == 0 and found == [], r.stderr


def test_acknowledging_a_lint_that_does_not_exist_is_an_error_with_a_suggestion():
    from conftest import FIXTURES, MINI_TEXTS, run_kg

    folder = FIXTURES / "acks" / "unknown-lint"
    r = run_kg("validate", "--seeds", folder, "--sources", MINI_TEXTS)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "facts.yaml:39:33: error: 'modality-cu' is not a lint kg validate reports" in r.stderr
    assert "did you mean 'modality-cue'?" in r.stderr
    # the finding the misspelt name meant to acknowledge is still reported
    assert "facts.yaml:38:52: warning: quote says \"apparent\"" in r.stderr


def _dense_near_pairs(folded):
    """The similar-name pairs as one dense matrix of exact scores gives them: what the blocks must equal."""
    import numpy as np
    from rapidfuzz import fuzz, process

    from graph.facts.similar import SIMILAR_NAMES

    scores = process.cdist(folded, folded, scorer=fuzz.ratio, dtype=np.float32)
    return [(i, j) for i, j in zip(*np.nonzero(scores >= SIMILAR_NAMES))
            if i < j and folded[i] != folded[j]]


@pytest.mark.parametrize("block", [7, 1000])
def test_similar_names_in_blocks_are_the_dense_matrix_pairs(monkeypatch, block):
    import random

    import graph.facts.similar as similar

    rng = random.Random(17)
    names = []
    for _ in range(60):
        word = "".join(rng.choice("abcdefgh ") for _ in range(rng.randint(3, 30))).strip() or "x"
        names.append(word)
        for _ in range(rng.randint(0, 2)):  # a near copy: one letter changed, added or dropped
            at = rng.randrange(len(word))
            names.append(rng.choice([word[:at] + "z" + word[at + 1:], word[:at] + "z" + word[at:],
                                     word[:at] + word[at + 1:], word]))
    monkeypatch.setattr(similar, "NEAR_BLOCK", block)
    found = list(similar.near_pairs(names))
    assert found == [(int(i), int(j)) for i, j in _dense_near_pairs(names)]
    assert found  # the case holds pairs to find


def test_a_slight_quote_is_judged_on_its_words_line_as_on_its_words():
    """too_slight counts an ASCII quote's words from its words line: the count word_count gives."""
    import random

    from graph.facts.cues import CUES, words_line
    from graph.facts.quotes import word_count
    from graph.facts.support import too_slight

    rng = random.Random(3)
    alphabet = [chr(c) for c in range(32, 127)] + list(" \n\t") + sorted(CUES.stopwords)[:20]
    for _ in range(20000):
        quote = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        words = words_line(quote).split()
        old = ("under three words" if word_count(quote, at_most=3) < 3 else
               "only stop words" if all(w in CUES.stopwords for w in words) else None)
        assert too_slight(quote, set()) == old, quote


def test_an_ascii_words_line_is_the_letters_pattern_s():
    """words_line's ASCII path (bytes translated in C) gives the words its pattern finds."""
    import random

    from graph.facts import cues

    rng = random.Random(5)
    alphabet = [chr(c) for c in range(128)]
    texts = ["".join(alphabet), "Sendero_Luminoso, (the) GROUP's 1980s"] + [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30))) for _ in range(5000)]
    for text in texts:
        expected = " " + " ".join(cues._LETTERS.findall(text.lower())) + " "
        assert cues.words_line(text) == expected, text


def test_unaccented_drops_every_combining_mark_as_the_plain_definition_does():
    import random
    import unicodedata

    from graph.facts.cues import unaccented

    rng = random.Random(1)
    alphabet = [chr(c) for c in range(128)] + list("áÉñüçØßﬁ²Ⅻ\u0301\u0345\u05b0\u093c\u200bİ\u1dc0\u20d0ก\u0e34")
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
        assert unaccented(text) == plain, text
