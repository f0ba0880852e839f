"""Interrupted and concurrent builds (issue #8): nothing already built is lost.

A real ``kg build`` of a generated seeds folder is killed (SIGKILL: no clean-up
code runs) at several moments — while it checks and renders, and after it has
begun writing — and the previous exports must be exactly as they were, bytes
and file set, with no temporary file left looking like an export. Two or three
builds started at once into one folder must leave every file from one complete
build, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT))
from benchmarks.generate import generate  # noqa: E402

ENTITIES = 150


def kg_process(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "graph", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def exports_of(out: Path) -> dict[str, bytes]:
    """The files a user sees as exports: everything but hidden files (the lock, temporary files)."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts)}


def hidden_temps(out: Path) -> list[str]:
    return sorted(p.name for p in out.rglob(".*.tmp"))


@pytest.fixture(scope="module")
def two_graphs(tmp_path_factory):
    """Two different generated seeds folders and the complete exports of each."""
    base = tmp_path_factory.mktemp("interrupted")
    found = {}
    for name, seed in (("a", 1), ("b", 2)):
        seeds = base / f"seeds-{name}"
        generate(seeds, entities=ENTITIES, seed=seed)
        out = base / f"complete-{name}"
        r = subprocess.run([sys.executable, "-m", "graph", "build", "-q", "--no-quote-check", "--seeds", seeds,
                            "--out", out], cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        found[name] = (seeds, exports_of(out))
    assert found["a"][1].keys() == found["b"][1].keys()
    assert all(found["a"][1][k] != found["b"][1][k] for k in ("peru-nexus.ttl", "peru-nexus.nt"))
    return found


def _copy(files: dict[str, bytes], out: Path) -> None:
    for rel, data in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)


def _inodes(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*")
            if p.is_file() and not p.name.startswith(".")}


def _kill_when(proc: subprocess.Popen, out: Path, moment) -> str:
    """SIGKILL ``proc`` at ``moment``: a number of seconds, ('temps', n) once n temporary files
    exist, or ('replaced', n) once n exports have been replaced by new files."""
    t0 = time.perf_counter()
    before = _inodes(out)
    while proc.poll() is None:
        if isinstance(moment, (int, float)):
            if time.perf_counter() - t0 >= moment:
                break
        elif moment[0] == "temps" and len(hidden_temps(out)) >= moment[1]:
            break
        elif moment[0] == "replaced":
            with contextlib.suppress(OSError):
                now = _inodes(out)
                if sum(now.get(k) != v for k, v in before.items()) >= moment[1]:
                    break
        time.sleep(0.0002)
    if proc.poll() is not None:
        return "finished"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    return "killed"


@pytest.mark.parametrize("moment", [0.5, 1.5, ("temps", 1), ("temps", 10)],
                         ids=["at-0.5s", "at-1.5s", "first-temp-file", "ten-temp-files"])
def test_a_killed_build_leaves_the_previous_exports(two_graphs, tmp_path, moment):
    (_, old), (seeds_b, new) = two_graphs["a"], two_graphs["b"]
    out = tmp_path / "exports"
    _copy(old, out)
    proc = kg_process("build", "-q", "--no-quote-check", "--seeds", seeds_b, "--out", out)
    what = _kill_when(proc, out, moment)
    now = exports_of(out)
    if what == "killed":  # killed before the renames: the old set, exactly
        assert now == old, sorted(k for k in now if now[k] != old.get(k))
    else:  # the build was quicker than the moment: then it is the new set, complete
        assert proc.returncode == 0, proc.stderr.read()
        assert now == new
    # the next build removes the temporary files the killed one left, and completes
    r = subprocess.run([sys.executable, "-m", "graph", "build", "-q", "--no-quote-check", "--seeds", seeds_b,
                        "--out", out], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert exports_of(out) == new
    assert hidden_temps(out) == []


def test_a_kill_during_the_renames_leaves_whole_files_and_the_rest_on_disk(two_graphs, tmp_path):
    """Killed the moment the first export is replaced: every file is whole, old or new, and each one
    still old has its new version complete beside it. (Writing and renaming file by file fails this:
    the files after the first are not written yet.) The next build finishes the job."""
    (_, old), (seeds_b, new) = two_graphs["a"], two_graphs["b"]
    out = tmp_path / "exports"
    _copy(old, out)
    proc = kg_process("build", "-q", "--no-quote-check", "--seeds", seeds_b, "--out", out)
    what = _kill_when(proc, out, ("replaced", 1))
    now = exports_of(out)
    assert now.keys() == old.keys()
    if what == "killed":
        for rel, data in now.items():
            if data == new[rel]:
                continue
            assert data == old[rel], f"{rel} is torn"
            path = out / rel
            temps = [t.read_bytes() for t in path.parent.glob(f".{path.name}.*.tmp")]
            assert new[rel] in temps, f"{rel}: its new version was not on disk before the first rename"
    else:
        assert now == new
    r = subprocess.run([sys.executable, "-m", "graph", "build", "-q", "--no-quote-check", "--seeds", seeds_b,
                        "--out", out], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert exports_of(out) == new and hidden_temps(out) == []


def test_a_killed_build_mid_write_is_caught_by_the_test(two_graphs, tmp_path):
    """The kill really lands in the write phase: temporary files are there when it strikes."""
    (_, old), (seeds_b, _) = two_graphs["a"], two_graphs["b"]
    out = tmp_path / "exports"
    _copy(old, out)
    proc = kg_process("build", "-q", "--no-quote-check", "--seeds", seeds_b, "--out", out)
    assert _kill_when(proc, out, ("temps", 2)) == "killed"
    assert len(hidden_temps(out)) >= 2  # left behind, hidden ...
    assert exports_of(out) == old  # ... and not taken for exports


@pytest.mark.parametrize("n", [2, 3])
def test_concurrent_builds_do_not_interleave(two_graphs, tmp_path, n):
    (seeds_a, a), (seeds_b, b) = two_graphs["a"], two_graphs["b"]
    out = tmp_path / "exports"
    seeds = [seeds_a, seeds_b, seeds_a][:n]
    procs = [kg_process("build", "-q", "--no-quote-check", "--seeds", s, "--out", out) for s in seeds]
    for p in procs:
        assert p.wait(timeout=300) == 0, p.stderr.read()
    now = exports_of(out)
    assert now == a or now == b, sorted(k for k in now if now[k] != a.get(k))
    assert hidden_temps(out) == []


def test_exports_are_readable_by_others(two_graphs, tmp_path):
    """Temporary files are created private (0600); the exports must not stay that way."""
    seeds_a, _ = two_graphs["a"]
    out = tmp_path / "exports"
    old = os.umask(0o022)
    try:
        r = subprocess.run([sys.executable, "-m", "graph", "build", "-q", "--no-quote-check", "--seeds", seeds_a,
                            "--out", out], cwd=ROOT, capture_output=True, text=True, timeout=300)
    finally:
        os.umask(old)
    assert r.returncode == 0, r.stderr
    for rel in exports_of(out):
        assert (out / rel).stat().st_mode & 0o777 == 0o644, rel


def test_ctrl_c_mid_write_cleans_up_and_leaves_the_previous_exports(two_graphs, tmp_path):
    (_, old), (seeds_b, new) = two_graphs["a"], two_graphs["b"]
    out = tmp_path / "exports"
    _copy(old, out)
    proc = kg_process("build", "-q", "--no-quote-check", "--seeds", seeds_b, "--out", out)
    while proc.poll() is None and not hidden_temps(out):
        time.sleep(0.0002)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=60)
    stderr = proc.stderr.read()
    assert "Traceback" not in stderr, stderr
    if proc.returncode == 0:  # it had finished writing
        assert exports_of(out) == new
    else:
        assert proc.returncode == 130 and "kg: interrupted" in stderr, (proc.returncode, stderr)
        assert exports_of(out) == old
    assert hidden_temps(out) == []  # its own clean-up ran


def _limit_file_size():
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))


def test_a_write_that_fails_leaves_the_previous_exports(two_graphs, tmp_path):
    """The disk refuses a file half-way (as when it is full): an error, the old exports, no temporary files."""
    (_, old), (seeds_b, _) = two_graphs["a"], two_graphs["b"]
    out = tmp_path / "exports"
    _copy(old, out)
    r = subprocess.run([sys.executable, "-m", "graph", "build", "-q", "--no-quote-check", "--seeds", seeds_b,
                        "--out", out], cwd=ROOT, capture_output=True, text=True, timeout=300,
                       preexec_fn=_limit_file_size)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr and r.stderr.startswith("kg: error:"), r.stderr
    assert "File too large" in r.stderr and "nothing written" in r.stderr and "hint:" in r.stderr, r.stderr
    assert exports_of(out) == old
    assert hidden_temps(out) == []
