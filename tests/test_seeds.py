"""The real Peru graph: its fact files validate, and exports/ is what they build."""

from conftest import ROOT, run_kg


def test_seeds_validate_with_quote_checks(peru_kg):
    assert not peru_kg.report.errors
    assert len(peru_kg.facts.entities) >= 20 and len(peru_kg.facts.statements) >= 20
    assert any(s.is_disputed for s in peru_kg.facts.statements.values())
    assert any(e.min is not None and e.max is not None and e.min < e.max for e in peru_kg.facts.estimates.values())


def test_every_source_text_was_found_so_every_quote_was_checked(peru_kg):
    assert not [p for p in peru_kg.report.warnings if "not found" in p.message]


def test_committed_exports_match_a_fresh_build(tmp_path):
    r = run_kg("build", "-q", "--out", tmp_path)
    assert r.returncode == 0, r.stderr
    built = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file() and p.name != ".build.lock")
    assert built
    stale = [str(f) for f in built if (ROOT / "exports" / f).read_bytes() != (tmp_path / f).read_bytes()]
    assert not stale, f"exports/ is stale, run `kg build`: {stale}"
