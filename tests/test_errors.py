"""Broken fact files: one clear file:line:col error each, exit 1, no traceback,
and the exports already built left exactly as they were."""

from pathlib import Path

import pytest

from conftest import FIXTURES, MINI, MINI_TEXTS, run_kg

CASES = sorted(p.name for p in (FIXTURES / "broken").iterdir() if p.is_dir())


def expected_error(case: str) -> str:
    first = (FIXTURES / "broken" / case / "facts.yaml").read_text().splitlines()[0]
    assert first.startswith("# expect: ")
    return f"tests/fixtures/broken/{case}/facts.yaml:" + first[len("# expect: "):]


def test_every_issue_case_has_a_fixture():
    assert set(CASES) >= {"unknown-predicate", "duplicate-id", "missing-object", "bad-date",
                          "quote-not-in-source", "malformed-yaml", "wrong-field-type", "domain-violation"}


@pytest.mark.parametrize("case", CASES)
def test_validate_reports_the_error_compiler_style(case):
    r = run_kg("validate", "--seeds", FIXTURES / "broken" / case, "--sources", MINI_TEXTS)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    errors = [line for line in r.stderr.splitlines() if ": error: " in line]
    assert errors == [expected_error(case)], r.stderr
    assert "hint: " in r.stderr


@pytest.fixture(scope="module")
def mini_exports(tmp_path_factory):
    """One real build of the mini fixture; each case gets a copy (a build per case was most of the time)."""
    out = tmp_path_factory.mktemp("mini") / "exports"
    assert run_kg("build", "--seeds", MINI, "--out", out).returncode == 0
    return out


@pytest.mark.parametrize("case", CASES)
def test_build_on_bad_input_leaves_exports_untouched(case, tmp_path, mini_exports):
    import shutil

    out = shutil.copytree(mini_exports, tmp_path / "exports")
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    r = run_kg("build", "--seeds", FIXTURES / "broken" / case, "--out", out, "--sources", MINI_TEXTS)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_all_errors_are_reported_in_one_run(tmp_path):
    for case in CASES:
        text = (FIXTURES / "broken" / case / "facts.yaml").read_text()
        (tmp_path / f"{case}.yaml").write_text(text)
    r = run_kg("validate", "--seeds", tmp_path, "--sources", MINI_TEXTS)
    assert r.returncode == 1
    files_with_errors = {line.split(":")[0] for line in r.stderr.splitlines() if ": error: " in line}
    assert files_with_errors == {str(Path(tmp_path, f"{c}.yaml").relative_to(Path.cwd()))
                                 if Path(tmp_path).is_relative_to(Path.cwd()) else
                                 str(Path(tmp_path, f"{c}.yaml")) for c in CASES} or len(files_with_errors) == len(CASES)


def test_missing_seeds_folder_is_a_clear_error(tmp_path):
    r = run_kg("validate", "--seeds", tmp_path / "nowhere")
    assert r.returncode == 1 and "seeds folder not found" in r.stderr and "Traceback" not in r.stderr
    assert "have errors" not in r.stderr and "hint:" in r.stderr
