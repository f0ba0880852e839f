"""The project folder: found from the working directory, or named; what kg writes where by default."""

from __future__ import annotations

import shutil
import subprocess

from conftest import MINI, run_kg


def _project(tmp_path):
    shutil.copytree(MINI, tmp_path / "seeds")
    (tmp_path / "deep" / "below").mkdir(parents=True)
    return tmp_path


def test_the_project_is_found_from_a_folder_below_it(tmp_path):
    project = _project(tmp_path)
    r = run_kg("build", "-q", "--no-quote-check", cwd=project / "deep" / "below")
    assert r.returncode == 0, r.stderr
    assert (project / "exports" / "peru-nexus.ttl").is_file()


def test_project_option_names_it_and_a_folder_without_seeds_is_refused(tmp_path):
    project = _project(tmp_path / "p")
    r = run_kg("validate", "-q", "--no-quote-check", "--project", project, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = run_kg("validate", "--project", project / "deep", cwd=tmp_path)
    assert r.returncode == 1 and "no seeds/ folder" in r.stderr and "hint:" in r.stderr
    assert "Traceback" not in r.stderr


def test_build_with_seeds_outside_a_project_asks_for_out(tmp_path):
    r = run_kg("build", "--seeds", MINI, cwd=tmp_path)
    assert r.returncode == 1 and "--out" in r.stderr and "Traceback" not in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_explore_writes_into_a_folder_git_ignores(tmp_path):
    project = _project(tmp_path)
    subprocess.run(["git", "init", "-q", project], check=True)
    r = run_kg("explore", "-q", "--no-quote-check", "sendero-luminoso", cwd=project)
    assert r.returncode == 0, r.stderr
    page = project / "explore" / "explore-sendero-luminoso.html"
    assert r.stdout.strip().endswith("explore-sendero-luminoso.html") and page.is_file()
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=project,
                            capture_output=True, text=True, check=True).stdout
    assert "explore" not in status and "seeds/" in status
