"""The benchmark's synthetic data, generated once per (size, seed) and kept.

Writing the data is slow (50,000 entities take minutes), and the same
arguments always give byte-identical files (``generate.py``), so the benchmark
keeps each folder it writes under a key made of the size, the relationships
per entity, the seed and a digest of what the generator's output depends on
(its own source, the lints and cue words it avoids, the ontology it reads).
A change to any of them makes a new key; an older folder of the same size and
seed is then removed. The folder is ``.kg-cache/bench-data/`` at the project's
root (git ignores ``.kg-cache/``), and it is safe to delete.

The benchmark never measures in the kept folder (it changes a file for the
incremental build, and ``kg validate`` keeps a cache beside the seeds): it
copies it first (:func:`working_copy`).

>>> import tempfile
>>> cache = Path(tempfile.mkdtemp())
>>> seeds, first = cached_seeds(cache, 30)
>>> again, second = cached_seeds(cache, 30)
>>> again == seeds, first["cached"], second["cached"], second["entities"]
(True, False, True, 30)
>>> copy = working_copy(seeds, cache / "work" / "seeds")
>>> sorted(p.name for p in copy.glob("*.yaml")) == sorted(p.name for p in seeds.glob("*.yaml"))
True
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_FOLDER = ROOT / ".kg-cache" / "bench-data"
# what the generator's output depends on besides its arguments
INPUTS = (HERE / "generate.py", ROOT / "graph" / "facts" / "cues.py", ROOT / "graph" / "facts" / "lints.py",
          ROOT / "graph" / "facts" / "support.py", ROOT / "ontology" / "peru-nexus.ttl")
STATS = "generated.json"


def generator_digest() -> str:
    """A digest of every file the generated data depends on.

    >>> len(generator_digest())
    12
    """
    h = hashlib.sha256()
    for path in INPUTS:
        h.update(path.name.encode() + b"\0")
        h.update(path.read_bytes() if path.is_file() else b"")
    return h.hexdigest()[:12]


def entry_name(entities: int, relationships_per_entity: float = 4.0, seed: int = 7) -> str:
    """The folder name of one (size, seed), without its digest.

    >>> entry_name(50000)
    'n50000-r4.0-s7'
    """
    return f"n{entities}-r{float(relationships_per_entity)}-s{seed}"


def cached_seeds(folder: Path, entities: int, relationships_per_entity: float = 4.0,
                 seed: int = 7) -> tuple[Path, dict]:
    """The kept seeds folder of this size and seed (written now if absent), and the generator's counts
    with ``seconds`` (of writing it, when it was written) and ``cached`` (whether it was kept)."""
    from generate import generate

    name = entry_name(entities, relationships_per_entity, seed)
    entry = folder / f"{name}-{generator_digest()}"
    if (entry / STATS).is_file():
        return entry / "seeds", json.loads((entry / STATS).read_text(encoding="utf-8")) | {"cached": True}
    partial = folder / f".{entry.name}.{os.getpid()}.tmp"
    shutil.rmtree(partial, ignore_errors=True)
    t0 = time.perf_counter()
    stats = generate(partial / "seeds", entities=entities, relationships_per_entity=relationships_per_entity, seed=seed)
    stats.update(seconds=round(time.perf_counter() - t0, 2), seed=seed)
    (partial / STATS).write_text(json.dumps(stats), encoding="utf-8")
    for stale in folder.glob(f"{name}-*"):  # the same size and seed from an older generator
        shutil.rmtree(stale, ignore_errors=True)
    try:
        partial.rename(entry)
    except OSError:  # another benchmark kept the same entry first: theirs is the same bytes
        shutil.rmtree(partial, ignore_errors=True)
    return entry / "seeds", stats | {"cached": False}


def working_copy(seeds: Path, dest: Path) -> Path:
    """A copy of ``seeds`` at ``dest`` (replacing what was there) to measure on; ``dest``."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(seeds, dest)
    return dest
