"""``KG_JOBS=2``: the explorer rendered beside the other exports in a second process
(graph/exports/parallel.py) writes exactly the files one process writes."""

from __future__ import annotations

from conftest import FIXTURES, run_kg


def _files(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def test_two_processes_write_the_same_exports_as_one(tmp_path):
    outs = {}
    for jobs in ("1", "2"):
        out = tmp_path / jobs
        r = run_kg("build", "--seeds", FIXTURES / "mini", "--out", out, env={"KG_JOBS": jobs})
        assert r.returncode == 0, r.stderr
        outs[jobs] = _files(out)
    assert len(outs["1"]) >= 13 and outs["1"] == outs["2"]
    assert not list(tmp_path.rglob(".*.tmp"))


def test_a_failure_in_the_second_process_is_raised_and_nothing_is_written(mini_kg, tmp_path, monkeypatch):
    import pytest

    from graph.exports.registry import ExporterError, exporters, single
    from graph.exports.write import write_exports

    def boom(kg):
        raise ValueError("no luck")

    html = next(e for e in exporters() if e.name == "html")
    monkeypatch.setenv("KG_JOBS", "2")
    out = tmp_path / "out"
    with pytest.raises(ExporterError, match="no luck"):
        write_exports(mini_kg, out, exporters=[html, single("ttl", "a.ttl", lambda kg: b"x"), single("b", "b.txt", boom)])
    assert [p.name for p in out.iterdir()] == [".build.lock"]
