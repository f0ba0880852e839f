"""The strict quote check (issue 13, item 1), through the real ``kg validate``: tolerance for what
copying from OCR and PDFs changes, none for numbers, negations and names, and no quote too slight
to be evidence. Each case is a folder of tests/fixtures/checker/quotes/ (see checker_cases.py)."""

import pytest

from checker_cases import cases, expected, matches, reported
from graph.facts.lints import SEEDS_BEING_REREAD
from graph.facts.quotes import SourceTexts

SLIGHT = "warning" if SEEDS_BEING_REREAD else "error"


def test_the_issue_cases_have_fixtures():
    assert set(cases("quotes")) >= {"number-changed", "negation-dropped", "negation-added", "name-changed",
                                    "ocr-noise-forgiven", "too-slight", "name-alone-is-evidence"}


@pytest.mark.parametrize("case", cases("quotes"))
def test_each_case_reports_exactly_its_marked_errors(case):
    r, found = reported("quotes", case)
    want = expected("quotes", case, "error", SLIGHT)
    assert matches(found, want), (want, found)
    errors = [f for f in found if f[1] == "error"]
    assert len(errors) == sum(w[1] == "error" for w in want), found  # the warnings are the lints'
    assert r.returncode == (1 if errors else 0), r.stderr
    assert not errors or "hint: " in r.stderr


def test_a_changed_number_shows_the_nearest_passage():
    r, _ = reported("quotes", "number-changed")
    assert "the text reads: \"" in r.stderr and "10,000 members" in r.stderr


@pytest.mark.parametrize("changed", [
    "the organization is estimated to have had some 10,001 members",   # a digit
    "While the members' precise whereabouts were known",              # a negation dropped
    "the group was never substantially reduced in power by the Peruvian security forces",  # one added
    "culminating with the imprisonment in 1992 of its leader Abimael Guzman Reinoso",      # a name added
])
def test_what_changes_the_meaning_is_never_forgiven(changed):
    texts = SourceTexts.from_strings({"doc": _text()})
    assert not texts.find("doc", changed)


def test_no_is_a_negation_like_the_others():
    """``no`` and ``on`` are words of ``ontology/cues.yaml``, not YAML 1.1's booleans."""
    text = "In the valley the army's patrols found no weapons in the insurgents' camp that year, the report says."
    texts = SourceTexts.from_strings({"doc": text})
    assert texts.find("doc", "the army's patrols found no weapons in the insurgents' camp that year")
    assert not texts.find("doc", "the army's patrols found weapons in the insurgents' camp that year")


@pytest.mark.parametrize("copied", [
    "the  organization is estimated to have\nhad some 10,000 members",                     # white space, breaks
    "the organiza-\ntion is estimated to have had some 10,000 members",                   # hyphenation
    "the organizatlon is estimated to have had some 10,000 rnembers",                     # OCR letters
    "Victor Hugo Castro Ramirez (\u201cComrade William\u201d)",                           # accents, curly quotes
])
def test_what_copying_changes_is_forgiven(copied):
    texts = SourceTexts.from_strings({"doc": _text()})
    assert texts.find("doc", copied)


def _text() -> str:
    from conftest import MINI_TEXTS

    return (MINI_TEXTS / "ellis-excerpt.txt").read_text()
