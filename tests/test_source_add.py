"""`kg source add`: a document registered with options (a PDF read to text with pypdf), its text where the
quote check finds it, the register's comments kept, a bad entry refused with nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_kg

FIXTURES = ROOT / "tests" / "fixtures" / "authoring"
PDF = FIXTURES / "source" / "field-note.pdf"


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(FIXTURES / "suggest" / "seeds", tmp_path / "project" / "seeds")
    return tmp_path / "project"


def add(project: Path, *args: str):
    return run_kg("source", "add", *args, "--seeds", str(project / "seeds"), "--shared", str(project.parent / "shared"))


def register_of(project: Path) -> dict:
    data = yaml.safe_load((project / "seeds" / "sources.yaml").read_text(encoding="utf-8"))
    return {s["id"]: s for s in data["sources"]}


def test_a_pdf_is_registered_and_its_text_kept_in_the_project(project):
    pytest.importorskip("pypdf")
    before = (project / "seeds" / "sources.yaml").read_text(encoding="utf-8")
    result = add(project, str(PDF), "--title", "A field note: the Huallaga", "--author", "A. Analyst",
                 "--date", "2016-03", "--url", "https://example.org/note", "--licence", "CC BY 4.0", "--copy")
    assert result.returncode == 0, result.stderr
    after = (project / "seeds" / "sources.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # appended: what was there, comments and all, is kept
    entry = register_of(project)["field-note"]
    assert entry["title"] == "A field note: the Huallaga" and entry["url"] == "https://example.org/note"
    assert "CC BY 4.0" in entry["rights"] and "may be copied" in entry["rights"]
    text = (project / "seeds" / "texts" / entry["file"]).read_text(encoding="utf-8")
    assert "Comrade Artemio led the Huallaga faction until 2012." in text
    assert run_kg("validate", "--seeds", str(project / "seeds")).returncode == 0
    drafted = run_kg("suggest", "field-note", "--seeds", str(project / "seeds"), "--out", "-")
    assert drafted.returncode == 0, drafted.stderr
    assert "Comrade Artemio led the Huallaga faction until 2012." in drafted.stdout


def test_a_text_that_may_not_be_copied_goes_beside_the_project(project, tmp_path):
    doc = tmp_path / "Weekly Note.txt"
    doc.write_text("Sendero Luminoso taxes the cocaine trade.\n", encoding="utf-8")
    result = add(project, str(doc), "--title", "A weekly note", "--date", "2011", "--no-copy")
    assert result.returncode == 0, result.stderr
    entry = register_of(project)["weekly-note"]
    assert not (project / "seeds" / "texts" / entry["file"]).exists()
    assert (project.parent / "shared" / entry["file"]).read_text(encoding="utf-8") == doc.read_text(encoding="utf-8")
    checked = run_kg("validate", "--seeds", str(project / "seeds"), "--sources", str(project.parent / "shared"),
                     "--sources", str(project / "seeds" / "texts"))
    assert checked.returncode == 0, checked.stderr


def test_a_bad_entry_is_refused_and_nothing_written(project):
    before = (project / "seeds" / "sources.yaml").read_bytes()
    result = add(project, str(PDF), "--title", "x", "--date", "2016-13", "--url", "ftp://x", "--copy")
    assert result.returncode == 1
    assert "2016-13" in result.stderr and "ftp://x" in result.stderr and "Traceback" not in result.stderr
    assert (project / "seeds" / "sources.yaml").read_bytes() == before
    assert not (project / "seeds" / "texts" / "field-note.txt").exists()


def test_an_id_already_registered_is_refused(project, tmp_path):
    doc = tmp_path / "field-report.txt"
    doc.write_text("Anything.\n", encoding="utf-8")
    result = add(project, str(doc), "--title", "Again")
    assert result.returncode == 1 and "'field-report' is already in the source register" in result.stderr


def test_help():
    result = run_kg("source", "add", "--help")
    assert result.returncode == 0 and "pypdf" in result.stdout
