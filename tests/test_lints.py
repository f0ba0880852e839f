"""The support, cue and curator lints (issue 13, items 2–4), through the real ``kg validate``:
warnings that exit 0, and errors with ``--strict`` that exit 1. Each case is a folder of
tests/fixtures/checker/lints/ (see checker_cases.py); a case marks no line when nothing is wrong."""

import pytest

from checker_cases import cases, expected, matches, reported

ISSUE_CASES = {"support-names-neither", "support-by-sentence", "figure-missing", "figure-forms", "hedge-cue",
               "attribution-cue", "attribution-with-claimant", "shared-alias", "similar-names",
               "alias-not-in-text", "reused-quote", "negative-count", "dated-after-source", "only-disputed",
               "source-without-text"}
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
