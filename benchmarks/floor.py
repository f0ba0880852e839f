"""The floor the build is measured against, in a fresh process: a fast YAML parse
of the fact files (yaml-rs, when installed) and pyoxigraph's native load
(``Store.bulk_load``) of the N-Triples file the build wrote.

    python benchmarks/floor.py SEEDS FILE.nt      # prints one JSON object

It prints the seconds of each part; the benchmark takes the process's own
wall time and peak memory from outside (``os.wait4``).
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
from pathlib import Path


def fast_parse(seeds: Path) -> float | None:
    """Seconds to parse every fact file with yaml-rs, or ``None`` without it."""
    try:
        import yaml_rs
    except ImportError:
        return None
    files = sorted(p for p in seeds.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    t0 = time.perf_counter()
    for p in files:
        yaml_rs.loads(p.read_text(encoding="utf-8"))
    return time.perf_counter() - t0


def bulk_load(ntriples: Path) -> float:
    """Seconds for an in-memory pyoxigraph store to load the N-Triples file natively."""
    import pyoxigraph as ox

    t0 = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(ntriples), format=ox.RdfFormat.N_TRIPLES)
    seconds = time.perf_counter() - t0
    assert len(store) > 0
    return seconds


def main(argv: list[str]) -> int:
    gc.disable()
    seeds, ntriples = Path(argv[0]), Path(argv[1])
    parse = fast_parse(seeds)
    load = bulk_load(ntriples)
    print(json.dumps({"fast_yaml_parse": None if parse is None else round(parse, 3),
                      "store_bulk_load": round(load, 3), "total": round((parse or 0) + load, 3)}))
    return 0


if __name__ == "__main__":
    rc = main(sys.argv[1:])
    sys.stdout.flush()
    os._exit(rc)
