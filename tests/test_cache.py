"""The build cache (.kg-cache/ beside the seeds folder): a warm build writes exactly what a cold one
writes, and a damaged or deleted cache makes a cold build, never a wrong one. Real `kg` processes."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys

import pytest

from conftest import MINI, ROOT, run_kg

CACHE = ".kg-cache"

DEFAULT_PLACE = {"KG_CACHE_DIR": ""}  # the tests' own cache folder (conftest) set aside: the default place


@pytest.fixture()
def project(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(MINI, seeds)
    return tmp_path


def build(project, out: str, *options: str) -> subprocess.CompletedProcess:
    done = run_kg("build", "--seeds", project / "seeds", "--out", project / out, *options, env=DEFAULT_PLACE)
    assert done.returncode == 0, done.stderr
    return done


def same_tree(a, b) -> bool:
    """The same files with the same bytes."""
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file() and p.name != ".build.lock")
    other = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file() and p.name != ".build.lock")
    return files == other and all(filecmp.cmp(a / f, b / f, shallow=False) for f in files)


def warm_equals_cold(project, name: str) -> subprocess.CompletedProcess:
    warm = build(project, f"{name}-warm")
    build(project, f"{name}-cold", "--no-cache")
    assert same_tree(project / f"{name}-warm", project / f"{name}-cold")
    return warm


def edit(project, old: str, new: str) -> None:
    facts = project / "seeds" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    assert old in text
    facts.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_warm_build_after_a_change_writes_what_a_cold_build_writes(project):
    build(project, "first")
    assert (project / CACHE / "read").is_dir() and (project / CACHE / "exports").is_dir()
    edit(project, "Founder of Sendero Luminoso.", "Founder and leader of Sendero Luminoso.")
    warm = warm_equals_cold(project, "changed")
    assert "copied" not in warm.stderr  # the facts changed: the exports were made again
    assert b"Founder and leader" in (project / "changed-warm" / "peru-nexus.ttl").read_bytes()


def test_a_comment_changes_no_export_and_they_are_copied(project):
    build(project, "first")
    (project / "seeds" / "facts.yaml").open("a", encoding="utf-8").write("# a note at the end\n")
    warm = warm_equals_cold(project, "comment")
    assert "copied" in warm.stderr
    assert same_tree(project / "first", project / "comment-warm")


def test_a_corrupt_cache_makes_a_cold_build(project):
    build(project, "first")
    entries = [p for p in (project / CACHE).rglob("*") if p.is_file()]
    assert entries
    for p in entries:  # every entry altered: a byte flipped in the middle, or cut short
        data = bytearray(p.read_bytes())
        if len(data) > 200:
            data[len(data) // 2] ^= 0xFF
        else:
            data = data[: len(data) // 2]
        p.unlink()  # the exports entry holds hard links to the exports: write a new file, not into theirs
        p.write_bytes(bytes(data))
    warm = warm_equals_cold(project, "corrupt")
    assert "copied" not in warm.stderr
    assert same_tree(project / "first", project / "corrupt-warm")


def test_a_deleted_cache_or_part_of_it_makes_a_cold_build(project):
    build(project, "first")
    for p in (project / CACHE / "exports").rglob("peru-nexus.nt"):
        p.unlink()  # the manifest is left: it names a file that is gone
    warm = warm_equals_cold(project, "part")
    assert "copied" not in warm.stderr
    shutil.rmtree(project / CACHE)
    warm_equals_cold(project, "none")
    assert same_tree(project / "first", project / "none-warm")
    assert (project / CACHE / "exports").is_dir()  # made again


def test_the_cache_deleted_while_a_build_runs_leaves_a_right_build(project):
    build(project, "first")
    edit(project, "Maoist insurgent group.", "A Maoist insurgent group.")
    child = subprocess.Popen([sys.executable, "-m", "graph", "build", "-q", "--seeds", str(project / "seeds"),
                              "--out", str(project / "raced")], cwd=ROOT, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, **DEFAULT_PLACE})
    while child.poll() is None:
        shutil.rmtree(project / CACHE, ignore_errors=True)
    assert child.returncode == 0, child.stderr.read()
    build(project, "raced-cold", "--no-cache")
    assert same_tree(project / "raced", project / "raced-cold")
    warm_equals_cold(project, "after")  # and whatever the race left in the cache is never used wrongly


def test_no_cache_neither_reads_nor_makes_one(project):
    build(project, "cold", "--no-cache")
    assert not (project / CACHE).exists()


def test_git_ignores_the_cache():
    for path in (f"{CACHE}/read/ab/x", f"benchmarks/{CACHE}/exports/x"):
        assert subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT).returncode == 0, path


def validate(project, *options: str) -> subprocess.CompletedProcess:
    return run_kg("validate", "--seeds", project / "seeds", *options, env=DEFAULT_PLACE)


def test_validate_reads_through_the_cache_and_says_what_a_cold_validate_says(project):
    cold = validate(project, "--no-cache")
    assert not (project / CACHE).exists()
    first, again = validate(project), validate(project)
    assert (project / CACHE / "read").is_dir()
    edit(project, "Founder of Sendero Luminoso.", "Founder of Sendero Luminoso")
    edited, edited_cold = validate(project), validate(project, "--no-cache")
    for warm, other in ((first, cold), (again, cold), (edited, edited_cold)):
        assert (warm.returncode, warm.stdout, _untimed(warm.stderr)) == (other.returncode, other.stdout,
                                                                          _untimed(other.stderr))
    edit(project, "Founder of Sendero Luminoso", "Founder of: [Sendero")  # a YAML error: read, reported each time
    broken = [validate(project), validate(project), validate(project, "--no-cache")]
    assert broken[0].returncode == 1 and "facts.yaml:" in broken[0].stderr
    assert len({_untimed(r.stderr) for r in broken}) == 1


def _untimed(stderr: str) -> str:
    """Progress lines without their times."""
    import re

    return re.sub(r" \[\d+\.\d+s\]$", "", stderr, flags=re.M)


def _every_fixture_folder():
    """Every folder of fact files among the tests' fixtures, and the project's seeds."""
    from conftest import FIXTURES

    found = {p.parent for p in FIXTURES.rglob("*.yaml")} | {ROOT / "seeds"}
    return sorted(p for p in found if "texts" not in p.parts and not any(q.startswith(".") for q in p.parts))


def test_records_replayed_from_the_cache_are_the_records_read(tmp_path):
    """Each fact file's records (and shape problems) kept in the cache and replayed: the same facts and the
    same report as reading afresh, on every fixture (the broken ones included) and the seeds."""
    from graph.facts.readcache import ReadCache, cached_reading
    from graph.facts.validate import check
    from graph.speedups.cache import Cache

    cache = Cache(tmp_path / "cache")
    for folder in _every_fixture_folder():
        plain_facts, plain = check(folder, quotes=False)
        for _ in range(2):  # filling the cache, then reading from it
            with cached_reading(ReadCache(cache, "tool")):
                facts, report = check(folder, quotes=False)
            assert [p.format() for p in report.problems] == [p.format() for p in plain.problems], folder
            assert facts == plain_facts, folder
    assert any((tmp_path / "cache" / "records").rglob("*"))


def _without_entries(text: str, word: str) -> str:
    """``text`` without the list entries (``  - `` and the lines indented under it) that mention ``word``."""
    import re

    return re.sub(r"^  - [^\n]*\n(?:    [^\n]*\n)*", lambda m: "" if word in m[0] else m[0], text, flags=re.M)


NEW_STATEMENT = """  - subject: abimael-guzman
    predicate: member_of
    object: sendero-luminoso
    date: 1970
    evidence:
      - source: excerpt
        locator: para. 1
        quote: formed in the 1960s and 1970s in Ayacucho by Abimael Guzman
estimates:
"""


@pytest.mark.parametrize("change", ["a statement's date", "a statement added", "an entity deleted"])
def test_after_a_real_change_a_warm_build_writes_every_export_as_a_cold_one(project, change):
    build(project, "first")
    facts = project / "seeds" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    if change == "a statement's date":
        assert "date: 2012-02" in text
        text = text.replace("date: 2012-02", "date: 2012-03", 1)
    elif change == "a statement added":
        text = text.replace("estimates:\n", NEW_STATEMENT, 1)
    else:
        text = _without_entries(text, "artemio")
    facts.write_text(text, encoding="utf-8")
    warm = warm_equals_cold(project, "changed")
    assert "copied" not in warm.stderr and not same_tree(project / "first", project / "changed-warm")


def _said(done: subprocess.CompletedProcess) -> tuple:
    return done.returncode, done.stdout, _untimed(done.stderr)


def _checker_imported(project, *command: str) -> tuple[bool, subprocess.CompletedProcess]:
    """Whether ``kg validate`` (or ``command``) imported the checker (graph.facts.validate), and what it said."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "graph", *(command or ["validate"]), "--seeds",
                           str(project / "seeds")], cwd=ROOT, env={**os.environ, **DEFAULT_PLACE},
                          capture_output=True, text=True, timeout=120)
    imported = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    said = "".join(line + "\n" for line in done.stderr.splitlines() if not line.startswith("import time:"))
    return "graph.facts.validate" in imported, subprocess.CompletedProcess(done.args, done.returncode, done.stdout, said)


def test_validate_of_unchanged_inputs_says_again_what_the_last_said_without_checking(project):
    edit(project, "quote: whose faction operated", "quote: whose faction never operated")  # an error and its hint
    cold = validate(project, "--no-cache")
    checked, first = _checker_imported(project)
    remembered, again = _checker_imported(project)
    assert checked and not remembered
    assert _said(first) == _said(again) == _said(cold) and cold.returncode == 1 and "error:" in cold.stderr
    quiet, quiet_cold = validate(project, "-q"), validate(project, "-q", "--no-cache")
    assert _said(quiet) == _said(quiet_cold)


def test_validate_checks_again_after_a_text_or_an_option_changes(project):
    edit(project, "quote: whose faction operated", "quote: whose faction never operated")
    before = validate(project)
    assert before.returncode == 1
    text = project / "seeds" / "texts" / "ellis-excerpt.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\nHis, whose faction never operated there.\n", encoding="utf-8")
    fixed, fixed_cold = validate(project), validate(project, "--no-cache")
    assert _said(fixed) == _said(fixed_cold) != _said(before)  # the quote is in the text now
    for options in (("--no-quote-check",), ("--strict",), ("--sources", str(project / "seeds" / "texts"))):
        assert _said(validate(project, *options)) == _said(validate(project, *options, "--no-cache")), options


def _problem_lines(done: subprocess.CompletedProcess) -> list[str]:
    return [line for line in done.stderr.splitlines() if not line.startswith("kg: ")]


def test_a_build_of_unchanged_inputs_copies_the_exports_without_checking_and_says_what_it_said(project):
    first = build(project, "first")
    checked, again = _checker_imported(project, "build", "--out", str(project / "again"))
    assert again.returncode == 0 and not checked and "copied" in again.stderr
    assert same_tree(project / "first", project / "again")
    assert _problem_lines(again) == _problem_lines(first) and "warning:" in again.stderr
    remembered, said = _checker_imported(project)  # kg validate remembers what the build's check said
    assert not remembered and _said(said) == _said(validate(project, "--no-cache"))


def test_a_remembered_check_with_errors_fails_the_build_again_and_writes_nothing(project):
    edit(project, "quote: whose faction operated", "quote: whose faction never operated")
    validate(project)
    checked, failed = _checker_imported(project, "build", "--out", str(project / "out"))
    cold = run_kg("build", "--seeds", project / "seeds", "--out", project / "out", "--no-cache", env=DEFAULT_PLACE)
    assert not checked and failed.returncode == cold.returncode == 1
    assert _problem_lines(failed) == _problem_lines(cold) and "error:" in failed.stderr
    assert not (project / "out").exists()


def test_exports_gone_from_the_cache_are_made_again_after_a_remembered_check(project):
    build(project, "first")
    shutil.rmtree(project / CACHE / "exports")
    again = warm_equals_cold(project, "again")
    assert "copied" not in again.stderr and same_tree(project / "first", project / "again-warm")
    assert _problem_lines(again) == _problem_lines(build(project, "third"))


def _structure_entries(project) -> dict:
    """Each structure entry's name and inode: an entry written again (computed again) gets a new inode."""
    return {p.name: p.stat().st_ino for p in (project / CACHE / "structure").rglob("*") if p.is_file()}


def test_the_explorers_metrics_and_layout_are_kept_by_the_graphs_structure(project):
    build(project, "first")
    kept = _structure_entries(project)
    assert len(kept) == 1
    edit(project, "Founder of Sendero Luminoso.", "Founder and leader of Sendero Luminoso.")
    warm_equals_cold(project, "described")
    assert _structure_entries(project) == kept  # the same structure: the same entry, read back, not written
    edit(project, "estimates:\n", NEW_STATEMENT)
    warm_equals_cold(project, "joined")
    joined = _structure_entries(project)
    assert len(joined) == 1 and joined.keys() != kept.keys()  # a new structure: its entry alone is kept


def test_a_damaged_structure_entry_is_computed_again(tmp_path):
    import networkx as nx

    from graph.explorer.remembered import KIND, remembering, structure, structure_key
    from graph.speedups.cache import Cache

    g, cache, calls = nx.MultiDiGraph([("a", "b")]), Cache(tmp_path), []
    with remembering(cache):
        structure(g, list(g.edges()), lambda: calls.append(1) or "first")
        entry = cache._path(KIND, structure_key(g, list(g.edges())))
        entry.write_bytes(entry.read_bytes()[:-3])
        assert structure(g, list(g.edges()), lambda: calls.append(2) or "again") == "again"
        assert structure(g, list(g.edges()), lambda: calls.append(3) or "third") == "again"
    assert calls == [1, 2]
