"""`kg diff`: two fixture folders that differ by a date, a modality, a status, a citation and an entity report exactly
those changes; git revisions are read with git itself; statement identity survives an edited date."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT, run_kg

from graph.facts.validate import check

DIFF = ROOT / "tests" / "fixtures" / "authoring" / "diff"
BEFORE, AFTER = DIFF / "before", DIFF / "after"
HERE = {"PYTHONPATH": str(ROOT)}  # this checkout's package, run from another folder


def diff_json(*args: str, cwd=ROOT) -> dict:
    result = run_kg("diff", *args, "--format", "json", cwd=cwd, env=HERE)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def after_id(subject: str, predicate: str, obj: str) -> str:
    """The id the newer version gives a statement (it is the one a change is shown under)."""
    facts, _ = check(AFTER, quotes=False)
    return next(s.id for s in facts.statements.values() if (s.subject, s.predicate, s.object) == (subject, predicate, obj))


def summary(doc: dict) -> set[tuple]:
    return {(c["kind"], c["action"], c["id"], json.dumps(c.get("fields", {}), sort_keys=True))
            for c in doc["changes"]}


def test_exactly_the_changes_between_the_fixture_folders():
    doc = diff_json(str(BEFORE), str(AFTER))
    assert summary(doc) == {
        ("entity", "changed", "artemio", json.dumps({"aliases": {
            "before": ["Comrade Artemio", "Artemio"],
            "after": ["Comrade Artemio", "Artemio", "Camarada Artemio"]}}, sort_keys=True)),
        ("statement", "changed", after_id("peruvian-government", "captured", "artemio"),
         json.dumps({"date": {"before": "2012-02", "after": "2012-03"}}, sort_keys=True)),
        ("statement", "changed", "abimael-guzman.founder_of.sendero-luminoso",
         json.dumps({"status": {"before": "asserted", "after": "disputed"}}, sort_keys=True)),
        ("dispute", "opened", "abimael-guzman.founder_of.sendero-luminoso", "{}"),
        ("statement", "changed", after_id("huallaga-faction", "taxes", "cocaine-trade"),
         json.dumps({"modality": {"before": "asserted", "after": "hedged"}}, sort_keys=True)),
        ("citation", "added", "huallaga-faction.operates_in.upper-huallaga-valley", "{}"),
    }
    added = next(c for c in doc["changes"] if c["kind"] == "citation")
    assert added["citation"]["locator"] == "para. 5" and added["sources"] == ["excerpt"]
    assert doc["by_source"] == {"excerpt": 6}


def test_backwards_every_change_turns_round():
    doc = diff_json(str(AFTER), str(BEFORE))
    actions = {(c["kind"], c["action"]) for c in doc["changes"]}
    assert ("dispute", "closed") in actions and ("citation", "removed") in actions
    assert not any(c["action"] == "added" for c in doc["changes"])


def test_text_puts_the_summary_first_then_the_details_by_document():
    result = run_kg("diff", str(BEFORE), str(AFTER))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "6 changes" in lines[0]
    assert lines[1].split("|")[0].strip() == "excerpt"
    assert "excerpt" in lines[lines.index("") + 1]
    assert "      date: 2012-02 → 2012-03" in lines


def test_markdown_for_a_pull_request():
    result = run_kg("diff", str(BEFORE), str(AFTER), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert "| `excerpt` | 2 | 0 | 4 |" in result.stdout
    assert "- **opened** dispute" in result.stdout


def test_a_folder_against_itself_has_no_changes_and_exit_code_says_so():
    assert diff_json(str(ROOT / "seeds"), str(ROOT / "seeds"))["changes"] == []
    assert run_kg("diff", str(BEFORE), str(BEFORE), "--exit-code").returncode == 0
    assert run_kg("diff", str(BEFORE), str(AFTER), "--exit-code").returncode == 1


def _git(repo, *args):
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.copytree(BEFORE, tmp_path / "seeds")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "before")
    for path in AFTER.iterdir():
        shutil.copy(path, tmp_path / "seeds" / path.name)
    return tmp_path


def test_head_against_the_working_tree_by_default(repo):
    doc = diff_json(cwd=repo)
    assert (doc["before"], doc["after"]) == ("HEAD", "working tree")
    assert summary(doc) == summary(diff_json(str(BEFORE), str(AFTER)))
    _git(repo, "commit", "-qam", "after")
    assert summary(diff_json("HEAD~1", "HEAD", cwd=repo)) == summary(doc)


def test_an_unknown_revision_is_an_error_with_a_hint(repo):
    result = run_kg("diff", "no-such-branch", cwd=repo, env=HERE)
    assert result.returncode == 1
    assert "'no-such-branch' is neither a seeds folder nor a git revision" in result.stderr
    assert "hint:" in result.stderr and "Traceback" not in result.stderr


def test_the_working_tree_files_have_the_ids_git_gives_them(repo):
    """Files alike in two versions are known alike by git's blob ids: the working tree's must be git's own."""
    from graph.authoring.versions import folder_version

    _git(repo, "commit", "-qam", "after")
    listed = subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", "HEAD", "seeds/"], check=True,
                            capture_output=True, text=True).stdout.split("\n")
    in_git = {line.split("\t")[1].removeprefix("seeds/"): line.split()[2] for line in listed if line}
    assert {f.name: f.blob for f in folder_version("seeds", repo / "seeds").files} == in_git
    assert diff_json(cwd=repo)["changes"] == []


def test_a_revision_with_errors_is_refused_with_its_problems_located(repo):
    facts = repo / "seeds" / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("predicate: taxes", "predicate: taxs"), encoding="utf-8")
    _git(repo, "commit", "-qam", "broken")
    facts.write_text(text, encoding="utf-8")
    result = run_kg("diff", "HEAD", cwd=repo, env=HERE)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = 1 + text[:text.index("predicate: taxes")].count("\n")
    assert f"HEAD:seeds/facts.yaml:{line}:" in result.stderr and "unknown relationship type 'taxs'" in result.stderr
    assert "HEAD: the facts have errors" in result.stderr


def test_outside_a_repository_a_revision_is_an_error_with_a_hint(tmp_path):
    shutil.copytree(BEFORE, tmp_path / "seeds")
    result = run_kg("diff", cwd=tmp_path, env={**HERE, "GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "not in a git repository" in result.stderr and "hint:" in result.stderr


def test_a_version_with_errors_is_refused_with_its_problems(tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(BEFORE, broken)
    facts = broken / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("predicate: taxes", "predicate: taxs"), encoding="utf-8")
    result = run_kg("diff", str(BEFORE), str(broken))
    assert result.returncode == 1
    assert "facts.yaml:" in result.stderr and "the facts have errors" in result.stderr


def test_statements_sharing_their_ends_keep_their_identity(tmp_path):
    """Two dated statements of the same ends; editing one's date changes that one, nothing else."""
    two = tmp_path / "two"
    shutil.copytree(BEFORE, two)
    text = (two / "facts.yaml").read_text(encoding="utf-8")
    capture = text[text.index("  - subject: peruvian-government\n    predicate: captured"):]
    capture = capture[:capture.index("  - subject:", 3)]
    (two / "facts.yaml").write_text(text.replace(capture, capture + capture.replace("2012-02", "2013")),
                                    encoding="utf-8")
    edited = tmp_path / "edited"
    shutil.copytree(two, edited)
    (edited / "facts.yaml").write_text(
        (two / "facts.yaml").read_text(encoding="utf-8").replace("date: 2013", "date: 2014"), encoding="utf-8")
    doc = diff_json(str(two), str(edited))
    assert [(c["kind"], c["action"], c["fields"]["date"]) for c in doc["changes"]] == [
        ("statement", "changed", {"before": "2013", "after": "2014"})]


def test_help():
    result = run_kg("diff", "--help")
    assert result.returncode == 0 and "git revision" in result.stdout


def test_the_build_cache_gives_the_same_diff_cold_warm_and_damaged(tmp_path):
    """kg diff reads fact files through kg build's cache: the answer is the same without it, with it
    empty, with it filled, and with every entry damaged."""
    cache = tmp_path / "cache"
    plain = run_kg("diff", str(BEFORE), str(AFTER), "--format", "json", env={**HERE, "KG_SPEEDUPS": "0"})
    runs = [run_kg("diff", str(BEFORE), str(AFTER), "--format", "json", env={**HERE, "KG_CACHE_DIR": str(cache)})
            for _ in range(2)]
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert entries  # the first run filled it
    for p in entries:
        p.write_bytes(p.read_bytes()[:-7] + b"damaged")
    runs.append(run_kg("diff", str(BEFORE), str(AFTER), "--format", "json", env={**HERE, "KG_CACHE_DIR": str(cache)}))
    assert plain.returncode == 0 and plain.stdout
    assert [(r.returncode, r.stdout) for r in runs] == [(0, plain.stdout)] * 3
