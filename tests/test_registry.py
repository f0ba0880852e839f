"""The exporter registry: `kg build` writes what is registered, a third-party
package adds a format through an entry point, and a broken one gives a clear
error (exit 1, no traceback, nothing in the exports folder touched).

A plugin here is a real installed distribution as Python sees one: a module and
a ``*.dist-info`` folder (METADATA, entry_points.txt) in a folder put on
``PYTHONPATH`` for a real ``python -m graph build``.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from conftest import MINI, run_kg

from graph.exports.registry import (ENTRY_POINT_GROUP, Exporter, ExporterError, check_unique, exporters,
                                    load_plugin, single)

PLUGIN = """
from graph.exports.registry import Exporter

def render(kg):
    lines = sorted(f"{u} {k} {v}" for u, v, k in kg.nx.edges(keys=True))
    return {"extra/edges.txt": ("\\n".join(lines) + "\\n").encode()}

EXPORTER = Exporter("edge-list", ("extra/edges.txt",), render)
"""


def install_plugin(folder: Path, source: str, target: str = "kg_extra:EXPORTER", name: str = "edge-list") -> dict:
    """A distribution ``kg-extra`` with module ``kg_extra`` in ``folder``; the environment that finds it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kg_extra.py").write_text(textwrap.dedent(source))
    info = folder / "kg_extra-0.1.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: kg-extra\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\n{name} = {target}\n")
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")]))}


def files_of(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".build.lock"}


def test_the_built_ins_keep_their_order_and_files():
    found = exporters(plugins=False)
    assert [e.name for e in found] == ["turtle", "ntriples", "jsonld", "trig", "graphml", "gexf", "neo4j", "html",
                                       "void", "shapes", "json-schema"]
    files = [f for e in found for f in e.files]
    assert files[:6] == ["peru-nexus.ttl", "peru-nexus.nt", "peru-nexus.jsonld", "peru-nexus.trig",
                         "peru-nexus.graphml", "peru-nexus.gexf"]
    assert files[-4:] == ["peru-nexus.html", "void.ttl", "shapes.ttl", "peru-nexus.schema.json"]
    assert all(f.startswith("neo4j/") for f in files[6:-4])


def test_each_exporter_renders_exactly_its_files(mini_kg):
    for exporter in exporters(plugins=False):
        rendered = exporter.render_checked(mini_kg)
        assert list(rendered) == list(exporter.files)
        assert all(isinstance(data, bytes) and data for data in rendered.values())


def test_a_renderer_giving_other_files_is_an_error(mini_kg):
    wrong = Exporter("wrong", ("a.txt",), lambda kg: {"b.txt": b""})
    with pytest.raises(ExporterError, match=r"exporter 'wrong': rendered \['b.txt'\], not its files \['a.txt'\]"):
        wrong.render_checked(mini_kg)


def test_two_exporters_may_not_share_a_name_or_a_file():
    with pytest.raises(ExporterError, match="two exporters are named 'turtle'"):
        check_unique([*exporters(plugins=False), single("turtle", "other.ttl", bytes)])
    with pytest.raises(ExporterError, match="writes peru-nexus.nt, which exporter 'ntriples' writes too"):
        check_unique([*exporters(plugins=False), single("nt2", "peru-nexus.nt", bytes)])


def test_a_plugin_registered_through_an_entry_point_is_written_by_kg_build(tmp_path, mini_kg):
    env = install_plugin(tmp_path / "plugin", PLUGIN)
    out = tmp_path / "out"
    r = run_kg("build", "--seeds", MINI, "--out", out, env=env)
    assert r.returncode == 0, r.stderr
    assert "rendered extra/edges.txt" in r.stderr
    written = files_of(out)
    edges = sorted(f"{u} {k} {v}" for u, v, k in mini_kg.nx.edges(keys=True))
    assert written["extra/edges.txt"].decode().splitlines() == edges
    built_in = {f for e in exporters(plugins=False) for f in e.files}
    assert set(written) == built_in | {"extra/edges.txt"}


@pytest.mark.parametrize("source,target,message", [
    ("raise ImportError('needs a library that is not installed')", "kg_extra:EXPORTER",
     "exporter plugin entry point 'edge-list' = 'kg_extra:EXPORTER' does not load: "
     "ImportError: needs a library that is not installed"),
    (PLUGIN, "kg_extra:MISSING", "does not load: AttributeError"),
    ("EXPORTER = 'not an exporter'", "kg_extra:EXPORTER",
     "'kg_extra:EXPORTER' is a str, not a graph.exports.registry.Exporter"),
    (PLUGIN.replace('"extra/edges.txt"', '"../outside.txt"'), "kg_extra:EXPORTER",
     "file names must be relative paths inside the exports folder"),
    (PLUGIN.replace('"extra/edges.txt"', '"peru-nexus.ttl"'), "kg_extra:EXPORTER",
     "exporter 'edge-list' writes peru-nexus.ttl, which exporter 'turtle' writes too"),
    (PLUGIN.replace("lines = sorted", "1 / 0; lines = sorted"), "kg_extra:EXPORTER",
     "exporter 'edge-list' (entry point 'edge-list' = 'kg_extra:EXPORTER') failed: ZeroDivisionError"),
], ids=["raises-on-load", "missing-attribute", "not-an-exporter", "escapes-the-folder", "clashes", "render-fails"])
def test_a_broken_plugin_is_a_clear_error_and_nothing_is_touched(tmp_path, source, target, message):
    out = tmp_path / "out"
    assert run_kg("build", "-q", "--seeds", MINI, "--out", out).returncode == 0
    before = files_of(out)
    env = install_plugin(tmp_path / "plugin", source, target)
    r = run_kg("build", "-q", "--seeds", MINI, "--out", out, env=env)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert message in r.stderr
    assert r.stderr.startswith("kg: error: ") and f"kg: nothing written: {out} is unchanged" in r.stderr
    assert files_of(out) == before
    assert not list(out.rglob("*.tmp"))


def test_load_plugin_wraps_a_failing_render(tmp_path, mini_kg):
    class EntryPoint:
        name, value = "boom", "somewhere:EXPORTER"

        def load(self):
            return single("boom", "boom.txt", lambda kg: 1 / 0)

    exporter = load_plugin(EntryPoint())
    with pytest.raises(ExporterError, match=r"exporter 'boom' \(entry point 'boom' = 'somewhere:EXPORTER'\) failed"):
        exporter.render_checked(mini_kg)
