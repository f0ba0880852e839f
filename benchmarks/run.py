"""The benchmark: ``kg validate`` and ``kg build`` at several sizes, and the named queries.

For each size it writes a synthetic seeds folder (:mod:`generate`), then runs

* ``kg validate`` and ``kg build`` as a user would: a fresh ``python -m graph``
  process each, wall time and peak memory (max RSS) of that child, taken with
  ``os.wait4``; per-stage times come from the build's own progress lines;
* in-process, one stage at a time: parse, check, RDF triples, NetworkX, and
  every exporter of ``graph.exports.registry.exporters()`` (which shows the one
  that dominates), named by its file (by its name when it writes several);
* the floor every figure is set beside, in a fresh process of its own
  (``benchmarks/floor.py``): a fast YAML parse of the same files (yaml-rs, when
  installed) plus pyoxigraph's native ``Store.bulk_load`` of the N-Triples file
  the build wrote, its time and its peak memory;
* ``kg build`` again after one fact file changed (a comment appended to the
  middle file), beside the cold build (up to the size the stages are run at);
* every named query (``queries/*.rq``) on an in-memory pyoxigraph store,
  in-process, median of a few runs.

It prints a table and the targets of issue 17 met or missed (``table.py``), or
with ``--json`` one JSON document; ``--append FILE`` adds each graph's figures
to FILE as one JSON line as soon as they exist, which ``table.py`` turns into
the README's table. The synthetic data is written once per size and seed and
kept (``datacache.py``: ``.kg-cache/bench-data/``); every run measures on a
fresh copy of it.

    python benchmarks/run.py                      # 1k, 10k and 50k entities
    python benchmarks/run.py --entities 10000 --json
    python benchmarks/run.py --seeds seeds        # the Peru graph itself
    python benchmarks/run.py --huge               # and the core build at 100k entities
    python benchmarks/run.py --seeds seeds --entities 1000 --append benchmarks/figures/session6.jsonl

Times are seconds of wall-clock time on whatever machine runs it; the README's
"Performance" section gives figures with the machine they were taken on.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from datacache import DEFAULT_FOLDER, cached_seeds, working_copy  # noqa: E402
from edits import change_one_fact, change_one_file  # noqa: E402
from generate import generate  # noqa: E402
from named_queries import named_queries  # noqa: E402

DEFAULT_SIZES = (1000, 10000, 50000)
HUGE = 100000  # --huge: the core build only
# above FULL_MAX entities only the core build is timed by default (--all forces `kg build`);
# above STAGES_MAX the in-process stages and queries are skipped (they hold a second graph)
FULL_MAX = 50000
STAGES_MAX = 20000
_PROGRESS = re.compile(r"^kg: (.*) \[([0-9.]+)s\]$")


def machine() -> dict:
    """What the figures were taken on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    versions = {}
    for mod in ("yaml", "yaml_rs", "pyoxigraph", "rdflib", "networkx", "rapidfuzz"):
        try:
            versions[mod] = __import__(mod).__version__
        except Exception:  # noqa: BLE001 - absent or without a version
            versions[mod] = None
    load = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": mem, "python": platform.python_version(), "load_average": load,
            "platform": platform.platform(), "libraries": versions}


def spawn(args: list[str], cwd: Path = ROOT, script: Path | None = None, env: dict | None = None) -> dict:
    """Run ``python -m graph ARGS`` (or ``script``) in a fresh process: wall time, the child's own
    peak RSS (from ``os.wait4``), exit status, output. ``env``: variables added to the environment."""
    env = {**os.environ, **(env or {})}
    if not hasattr(os, "wait4"):  # pragma: no cover - not on Linux/macOS
        t0 = time.perf_counter()
        proc = subprocess.run(_argv(args, script), cwd=cwd, capture_output=True, text=True, env=env)
        return {"seconds": time.perf_counter() - t0, "cpu_seconds": None, "status": proc.returncode,
                "stdout": proc.stdout, "stderr": proc.stderr, "peak_rss_mb": None}
    # started from a small process (launch.py): a child's peak RSS would count this process's pages
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err, \
            tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "launch.json"
        launcher = [sys.executable, str(Path(__file__).resolve().parent / "launch.py"), str(report)]
        subprocess.run(launcher + _argv(args, script), cwd=cwd, stdout=out, stderr=err, env=env, check=True)
        usage = json.loads(report.read_text(encoding="utf-8"))
        out.seek(0)
        err.seek(0)
        # ru_maxrss is in KiB on Linux, bytes on macOS
        scale = 1 if sys.platform == "darwin" else 1024
        return {"seconds": usage["seconds"], "cpu_seconds": usage["cpu_seconds"], "status": usage["status"],
                "stdout": out.read(), "stderr": err.read(),
                "peak_rss_mb": round(usage["peak_rss_kb"] * scale / 2**20, 1)}


def _argv(args: list[str], script: Path | None) -> list[str]:
    return [sys.executable, str(script), *args] if script else [sys.executable, "-m", "graph", *args]


def progress_stages(stderr: str) -> dict:
    """Stage times from the build's progress lines (``kg: message [1.23s]``), as increments."""
    stages, last = {}, 0.0
    for line in stderr.splitlines():
        m = _PROGRESS.match(line.strip())
        if not m:
            continue
        message, t = m.group(1), float(m.group(2))
        name = message.split(" (")[0].split(":")[0]
        name = re.sub(r"[0-9,]+ ", "", name).strip()
        stages[name] = round(stages.get(name, 0.0) + t - last, 3)
        last = t
    return stages


_CPU: dict = {}


def timed(fn, *args, **kwargs):
    """(value, wall seconds); the CPU seconds of the last call are in ``_CPU["last"]``."""
    t0, c0 = time.perf_counter(), time.process_time()
    value = fn(*args, **kwargs)
    _CPU["last"] = time.process_time() - c0
    return value, time.perf_counter() - t0


def in_process_stages(seeds: Path) -> tuple[dict, object]:
    """Each stage of a build timed on its own, in this process; and the built graph."""
    from graph.builder import KnowledgeGraph
    from graph.exports.registry import exporters
    from graph.facts.load import read_seeds
    from graph.builder.rdf import facts_to_triples
    from graph.facts.validate import check

    stages, cpu = {}, {}
    gc.collect()
    gc.disable()  # as `kg build` runs (graph/speedups/gc.py)
    try:
        _, stages["parse"] = timed(read_seeds, seeds)
        cpu["parse"] = _CPU["last"]
        (facts, report), stages["check (incl. parse)"] = timed(check, seeds)
        cpu["check (incl. parse)"] = _CPU["last"]
        if report.errors:
            raise SystemExit(f"benchmark data has {len(report.errors)} errors, e.g. {report.errors[0].format()}")
        triples, stages["rdf triples"] = timed(facts_to_triples, facts)
        cpu["rdf triples"] = _CPU["last"]
        kg = KnowledgeGraph(facts, triples)
        _, stages["networkx"] = timed(lambda: kg.nx)
        cpu["networkx"] = _CPU["last"]
        renderers, renderers_cpu = {}, {}
        for exporter in exporters():
            name = exporter.files[0] if len(exporter.files) == 1 else exporter.name
            _, renderers[name] = timed(exporter.render, kg)
            renderers_cpu[name] = _CPU["last"]
    finally:
        gc.enable()

    def r3(d):
        return {k: round(v, 3) for k, v in d.items()}

    return {"stages": r3(stages), "stages_cpu": r3(cpu), "renderers": r3(renderers),
            "renderers_cpu": r3(renderers_cpu)}, kg


def floor(seeds: Path, ntriples: Path) -> dict:
    """The work that cannot be avoided, in a fresh process: a fast YAML parse of ``seeds`` and a
    native store load of the build's N-Triples file; its seconds, and the process's peak memory."""
    run = spawn([str(seeds), str(ntriples)], script=Path(__file__).resolve().parent / "floor.py")
    if run["status"] != 0:
        raise SystemExit(f"the floor failed on {seeds}:\n{run['stderr'][-2000:]}")
    out = json.loads(run["stdout"])
    out.update(process_seconds=round(run["seconds"], 3), cpu_seconds=run["cpu_seconds"],
               peak_rss_mb=run["peak_rss_mb"])
    return out


def ratio(value, of) -> float | None:
    return round(value / of, 2) if value and of else None


def _figure(run: dict, records: int | None = None) -> dict:
    out = {"seconds": round(run["seconds"], 3), "cpu_seconds": run["cpu_seconds"], "peak_rss_mb": run["peak_rss_mb"]}
    if records:
        out["records_per_second"] = round(records / run["seconds"])
    return out


def _counts(stderr: str) -> tuple[dict, int | None]:
    counts = {}
    m = re.search(r"(\d+) entities, (\d+) statements, (\d+) estimates, (\d+) citations", stderr)
    if m:
        counts = dict(zip(("entities", "statements", "estimates", "citations"), map(int, m.groups())))
    m = re.search(r"built ([0-9,]+) triples", stderr)
    return counts, int(m.group(1).replace(",", "")) if m else None


def _checked(run: dict, what: str, seeds: Path) -> dict:
    if run["status"] != 0:
        raise SystemExit(f"{what} failed on {seeds}:\n{run['stderr'][-2000:]}")
    return run


def _builds(seeds: Path, work: Path, records: int, triples: int | None, incremental: bool = True) -> dict:
    """``kg build`` cold (an empty cache), again after a comment was appended to one fact file (the
    exports are copied from the cache), and again after one fact changed (only the parse is saved)."""
    out_dir, cache = work / "exports", work / "cache"
    env = {"KG_CACHE_DIR": str(cache)}
    cold = _checked(spawn(["build", "--seeds", str(seeds), "--out", str(out_dir)], env=env), "kg build", seeds)
    result = _figure(cold, records)
    result.update(triples_per_second=round(triples / cold["seconds"]) if triples else None,
                  stages=progress_stages(cold["stderr"]),
                  exports_bytes={p.name: p.stat().st_size for p in sorted(out_dir.iterdir())
                                 if p.is_file() and not p.name.startswith(".")})
    if not incremental:
        return result
    changed = change_one_file(seeds)
    warm = _checked(spawn(["build", "--seeds", str(seeds), "--out", str(out_dir)], env=env), "kg build", seeds)
    result["after_one_file_changed"] = _figure(warm) | {"file": changed.name,
                                                        "of_cold": ratio(warm["seconds"], cold["seconds"])}
    edited = change_one_fact(seeds)
    if edited is not None:  # the facts change too: only the parse of the other files is saved
        again = _checked(spawn(["build", "--seeds", str(seeds), "--out", str(out_dir)], env=env), "kg build", seeds)
        result["after_one_fact_changed"] = _figure(again) | {"file": edited.name,
                                                             "of_cold": ratio(again["seconds"], cold["seconds"])}
    return result


def bench(seeds: Path, work: Path, label: str, generated: dict | None = None, stages: bool = True,
          full_build: bool = True, validate: bool = True, partial=None) -> dict:
    """Every measurement for one seeds folder, each beside the floor. ``partial`` (if given) is called
    with the figures so far once the core build is timed, before the floor (so a cut-off run keeps them)."""
    result: dict = {"label": label}
    if generated:
        result["generated"] = generated
    result["yaml_mb"] = round(sum(p.stat().st_size for p in seeds.rglob("*.yaml")) / 2**20, 2)
    # an empty cache of its own: the figure is a first `kg validate`'s, whatever ran on the folder before
    checked = _checked(spawn(["validate", "--seeds", str(seeds)], env={"KG_CACHE_DIR": str(work / "validate-cache")}),
                       "kg validate", seeds) if validate else None
    core_out = work / "core-exports"
    core = _checked(spawn([str(seeds), str(core_out)], script=Path(__file__).resolve().parent / "core_build.py"),
                    "core build", seeds)
    counts, triples = _counts(core["stderr"])
    records = sum(counts.get(k, 0) for k in ("entities", "statements", "estimates"))
    result.update(records=records, counts=counts, triples=triples, validate=None, build=None, core_build=_figure(core) | {
        "stages": progress_stages(core["stderr"]),
        "what": "validate + RDF + NetworkX + Turtle + N-Triples (benchmarks/core_build.py)"})
    if partial:
        partial(result | {"partial": "the floor and what follows it not measured"})
    base = result["floor"] = floor(seeds, core_out / "peru-nexus.nt")
    result["core_build"]["of_floor"] = ratio(core["seconds"], base["total"])
    if checked:
        result["validate"] = _figure(checked, records) | {"of_fast_parse": ratio(checked["seconds"], base["fast_yaml_parse"])}
    if full_build:
        result["build"] = _builds(seeds, work, records, triples, incremental=stages)
        result["build"]["of_floor"] = ratio(result["build"]["seconds"], base["total"])
    if stages:
        detail, kg = in_process_stages(seeds)
        result["in_process"] = detail
        result["queries"] = named_queries(kg)
    return result


def _peru_copy(seeds: Path, work: Path) -> Path:
    """A copy of a real seeds folder to measure on (the benchmark changes a file), its shared texts linked."""
    copy = work / "project" / "seeds"
    shutil.copytree(seeds, copy)
    shared = seeds.resolve().parent.parent / "shared" / "sources"
    if shared.is_dir():
        (work / "shared").mkdir()
        (work / "shared" / "sources").symlink_to(shared)
    return copy


def _options(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark kg validate, kg build and the named queries.")
    parser.add_argument("--entities", type=int, action="append", metavar="N",
                        help="size(s) to run, in entities (4 N relationships); may be repeated "
                             f"(default: {', '.join(map(str, DEFAULT_SIZES))})")
    parser.add_argument("--seeds", type=Path, help="benchmark this seeds folder instead of synthetic data")
    parser.add_argument("--relationships-per-entity", type=float, default=4.0)
    parser.add_argument("--seed", type=int, default=7, help="the generator's random seed (default: 7)")
    parser.add_argument("--no-stages", dest="stages", action="store_false",
                        help="only the whole-process runs (no in-process stages, floor or queries)")
    parser.add_argument("--no-full-build", dest="full_build", action="store_false",
                        help="time only the core build, not `kg build` with every export (for big sizes)")
    parser.add_argument("--all", action="store_true",
                        help=f"time `kg build` above {FULL_MAX:,} entities and the stages above {STAGES_MAX:,} too")
    parser.add_argument("--core-only", action="store_true",
                        help="time only the core build and the floor (no kg validate, kg build or stages)")
    parser.add_argument("--huge", action="store_true",
                        help=f"also time the core build (only) at {HUGE:,} entities (10 GB of memory at its peak, measured)")
    parser.add_argument("--data", type=Path, default=DEFAULT_FOLDER, metavar="DIR",
                        help="keep the generated data here, one folder per size and seed, and reuse it "
                             f"(default: {DEFAULT_FOLDER.relative_to(ROOT)}/, which git ignores)")
    parser.add_argument("--no-data-cache", dest="data", action="store_const", const=None,
                        help="write the data afresh and keep none")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the data measured on, and the exports, in DIR")
    parser.add_argument("--append", type=Path, metavar="FILE",
                        help="append each graph's figures to FILE as one JSON line, as soon as they exist "
                             "(benchmarks/table.py reads it)")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of a table")
    return parser.parse_args(argv)


def _synthetic(n: int, args: argparse.Namespace, work_root: Path) -> tuple[Path, Path, dict]:
    """A fresh copy of the synthetic data of ``n`` entities to measure on, its work folder, and the
    generator's counts (``cached``: whether the data was kept from an earlier run)."""
    base = (args.keep or work_root) / f"n{n}"
    shutil.rmtree(base, ignore_errors=True)  # nothing of an earlier run: every build starts cold
    if args.data is None:
        t0 = time.perf_counter()
        generated = generate(base / "seeds", entities=n, relationships_per_entity=args.relationships_per_entity,
                             seed=args.seed)
        return base / "seeds", base, generated | {"seconds": round(time.perf_counter() - t0, 2), "cached": False}
    kept, generated = cached_seeds(args.data, n, args.relationships_per_entity, args.seed)
    return working_copy(kept, base / "seeds"), base, generated


def _commit() -> str | None:
    """The commit measured (``+changes`` when graph/ differs from it), or None outside git."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", "graph", "ontology"],
                               cwd=ROOT, capture_output=True, text=True)
    except OSError:
        return None
    return head.stdout.strip() + ("+changes" if dirty.stdout.strip() else "") if head.returncode == 0 else None


def _finish(result: dict, load_start: list, args: argparse.Namespace, commit: str | None) -> dict:
    """Add what the figures were taken on (``commit``: as the run began) and how loaded the machine was;
    print the result's JSON line (to standard error) and append it to ``--append``'s file."""
    result.update(load_average_start=load_start, load_average=[round(x, 2) for x in os.getloadavg()],
                  commit=commit, machine=machine())
    _emit(result, args)
    return result


def _emit(result: dict, args: argparse.Namespace) -> None:
    line = json.dumps(result)
    print(line, file=sys.stderr, flush=True)  # each graph's figures as soon as they exist
    if args.append:
        with args.append.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")


def _what(args: argparse.Namespace, n: int | None, load: list, commit: str | None) -> dict:
    """What to measure of a graph of ``n`` entities (None: a real seeds folder), as ``bench``'s options."""
    big = n is not None and not args.all
    return {"stages": args.stages and not args.core_only and not (big and n > STAGES_MAX),
            "full_build": args.full_build and not args.core_only and not (big and n > FULL_MAX),
            "validate": not args.core_only,
            # the big sizes' core figures kept as soon as they exist, in case the run is cut off
            "partial": (lambda r: _emit(r | {"load_average_start": load, "commit": commit}, args))
            if n is not None and n > STAGES_MAX else None}


def _load() -> list:
    return [round(x, 2) for x in os.getloadavg()]


def main(argv: list[str] | None = None) -> int:
    args = _options(argv)
    results = []
    work_root = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    commit = _commit()  # the tree measured: taken now, in case a commit lands while the run goes on
    try:
        if args.seeds:
            load = _load()
            seeds = _peru_copy(args.seeds.resolve(), work_root / "real")
            results.append(_finish(bench(seeds, work_root / "real", str(args.seeds),
                                         **_what(args, None, load, commit)), load, args, commit))
        sizes = args.entities or ([] if args.seeds else list(DEFAULT_SIZES))
        for n in sizes + ([HUGE] if args.huge and HUGE not in sizes else []):
            load = _load()
            seeds, base, generated = _synthetic(n, args, work_root)
            if not args.json:
                print(f"{n:,} entities: data {'kept from an earlier run' if generated['cached'] else 'written'} "
                      f"({generated['seconds']} s to write)", file=sys.stderr)
            results.append(_finish(bench(seeds, base, f"synthetic {n:,}", generated,
                                         **_what(args, n, load, commit)), load, args, commit))
    finally:
        shutil.rmtree(work_root, ignore_errors=True)
    if args.json:
        print(json.dumps({"machine": machine(), "results": results}, indent=2))
    else:
        from table import render

        sys.stdout.write(render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
