"""Shared fixtures: paths, a way to run the real `kg` command, built graphs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MINI = FIXTURES / "mini"
MINI_TEXTS = MINI / "texts"


def run_kg(*args, cwd: Path = ROOT, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the real command line, as a user would, in a fresh process."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "graph", *map(str, args)], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session", autouse=True)
def build_cache_outside_the_fixtures(tmp_path_factory):
    """``kg build`` keeps its cache beside the seeds folder; in the tests, in one temporary folder instead,
    so that no test writes into tests/fixtures/ (tests/test_cache.py asks for the default place itself)."""
    os.environ.setdefault("KG_CACHE_DIR", str(tmp_path_factory.mktemp("kg-cache")))


@pytest.fixture(scope="session")
def mini_kg():
    import graph

    return graph.build(MINI)


@pytest.fixture(scope="session")
def peru_kg():
    import graph

    return graph.build(ROOT / "seeds")


def same_data(a, b) -> bool:
    """Equal, with the same types and the same key order all the way down (NaN equals NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b))
    return a == b or (a != a and b != b)


def read_strictly(text: str):
    """What the strict PyYAML reader makes of ``text``, with the fast path stood aside."""
    import graph.facts.yamlfile as yamlfile
    from graph.speedups.fastyaml import UNSURE

    original = yamlfile.fast_load
    yamlfile.fast_load = lambda *a, **k: UNSURE
    try:
        return yamlfile.read_yaml_text("x.yaml", text)
    finally:
        yamlfile.fast_load = original


SLOW_MODULES = {"test_wheel", "test_benchmark", "test_interrupted", "test_serve_load", "test_properties"}


def pytest_collection_modifyitems(items):
    """Mark the browser tests and the slow modules, so ``pytest -m "not slow and not browser"`` runs the rest."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        if item.path.stem in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
