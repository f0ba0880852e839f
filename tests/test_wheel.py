"""The install a user makes: the wheel, in a fresh virtualenv, used from a folder outside the checkout.

The wheel is built from a copy of the package's files (no stale ``build/`` can slip in)
and installed with ``--no-deps --no-index``; its dependencies are the test run's own,
reached through a ``.pth`` line (their ``.pth`` files, the editable install's among
them, are not run), so nothing is downloaded and the checkout is never on the path.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_kg

SHARED_SOURCES = ROOT.parent / "shared" / "sources"
PACKAGE_FILES = ["pyproject.toml", "README.md", "graph", "ontology", "queries"]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The ``bin/`` folder of a fresh venv with the wheel installed."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in PACKAGE_FILES:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, src / name, **({"ignore": shutil.ignore_patterns("__pycache__")}
                                         if (ROOT / name).is_dir() else {}))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", tmp / "dist", src],
                   check=True, capture_output=True, timeout=300)
    wheel, = (tmp / "dist").glob("peru_nexus-*.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True, capture_output=True, timeout=300)
    subprocess.run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel],
                   check=True, capture_output=True, timeout=300)
    purelib = subprocess.run([venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             check=True, capture_output=True, text=True).stdout.strip()
    (Path(purelib) / "test-dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return venv / "bin"


def kg(bin_dir: Path, *args, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(["kg", *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_the_wheel_carries_its_data_and_not_the_checkout(installed, tmp_path):
    where = subprocess.run([installed / "python", "-c", "import graph; print(graph.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert Path(where).resolve().is_relative_to(installed.parent.resolve()), where
    r = kg(installed, "--version", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.startswith("kg "), r
    r = kg(installed, "types", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "leader_of:" in r.stdout and "ArmedGroup" in r.stdout


@pytest.mark.skipif(not SHARED_SOURCES.is_dir(), reason="needs ../shared/sources beside the checkout")
def test_validate_build_and_query_from_an_empty_folder(installed, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    seeds = ROOT / "seeds"
    r = kg(installed, "validate", "--seeds", seeds, "--sources", seeds / "texts", "--sources", SHARED_SOURCES,
           cwd=empty)
    assert r.returncode == 0, r.stderr
    assert ": error:" not in r.stderr and "no errors" in r.stderr

    r = kg(installed, "build", "-q", "--seeds", seeds, "--out", tmp_path / "out", cwd=empty)
    assert r.returncode == 0, r.stderr
    built, committed = tmp_path / "out", ROOT / "exports"
    assert (built / "peru-nexus.ttl").read_bytes() == (committed / "peru-nexus.ttl").read_bytes()
    names = sorted(p.relative_to(committed) for p in committed.rglob("*") if p.is_file() and p.name[0] != ".")
    assert names == sorted(p.relative_to(built) for p in built.rglob("*") if p.is_file() and p.name[0] != ".")
    assert [n for n in names if (built / n).read_bytes() != (committed / n).read_bytes()] == []

    for query in ("leaders", "SELECT (COUNT(*) AS ?n) WHERE { ?s a nx:ArmedGroup }"):
        r = kg(installed, "query", query, "--seeds", seeds, "--format", "csv", cwd=empty)
        assert r.returncode == 0, r.stderr
        assert r.stdout.count("\n") > 1 and r.stdout == run_kg("query", query, "--format", "csv").stdout
    assert list(empty.iterdir()) == []


def test_outside_a_project_the_error_names_what_is_missing(installed, tmp_path):
    r = kg(installed, "validate", cwd=tmp_path)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert str(tmp_path.resolve()) in r.stderr and "seeds/" in r.stderr and "hint:" in r.stderr
    assert "have errors" not in r.stderr
