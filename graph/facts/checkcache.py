"""What ``kg validate`` said last time, kept in the build cache and said again while nothing it reads
has changed — without importing the checker, reading a fact or a text.

The key (:func:`check_key`) is everything a check depends on: the tool
(:func:`graph.speedups.cache.tool_digest`), the working folder (problems name
their files relative to it), the options, every file under the seeds folder
by its bytes, and every file of the text folders by name, size and
modification time. The entry holds each problem as ``kg validate`` prints it,
its severity, and the counts; only the latest entry is kept. A check that
finds nothing new to read (a file that cannot be read) keeps nothing.

>>> import tempfile
>>> from graph.speedups.cache import Cache
>>> cache = Cache(Path(tempfile.mkdtemp()))
>>> said = Said(["a.yaml:1:1: warning: odd"], ["warning"], {"entities": 1}, 1)
>>> keep(cache, "k", said)
>>> recall(cache, "k") == said, recall(cache, "other")
(True, None)
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import asdict, dataclass, field
from pathlib import Path

from graph.speedups.cache import Cache, _file_stamps, digest

KIND = "check"


@dataclass
class Said:
    """A check's output: ``problems`` (each formatted), their ``severities``, the ``counts``, the ``files`` read;
    and, for ``kg build``'s export cache, the fact files' names and data digests (:mod:`graph.facts.readcache`)."""

    problems: list[str]
    severities: list[str]
    counts: dict
    files: int
    fact_files: list[str] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, facts, report, digests: dict[str, str] | None = None) -> Said:
        """What a check that gave ``facts`` and ``report`` says (``digests``: the data digests of the files read)."""
        return cls([p.format() for p in report.problems], [p.severity for p in report.problems], facts.counts(),
                   len(facts.files), list(facts.files), dict(digests or {}))


def check_key(tool: str, seeds: Path, folders: list[Path], options: tuple) -> str | None:
    """The key of a check of ``seeds`` with texts from ``folders``, or None when a file cannot be read."""
    parts = [tool, KIND, os.getcwd(), str(seeds), repr(options)]
    try:
        for path in _files_under(seeds):
            parts += [path.relative_to(seeds).as_posix(), _content(path)]
        for folder in folders:
            parts += [str(folder), *(_file_stamps(folder) if folder.is_dir() else ["absent"])]
    except OSError:
        return None
    return digest(*parts)


def _content(path: Path) -> str:
    """A file's sha256, read a piece at a time (a special file, never opened: its kind and size)."""
    st = path.stat()
    if not stat.S_ISREG(st.st_mode):
        return f"special {stat.S_IFMT(st.st_mode)} {st.st_size} {st.st_mtime_ns}"
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _files_under(folder: Path) -> list[Path]:
    """Every file under ``folder`` (hidden folders aside), sorted; none when it is not a folder."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(root, name) for name in files]
    return sorted(found)


def keep(cache: Cache, key: str, said: Said) -> None:
    """Store ``said`` under ``key``, the only entry of its kind from now on."""
    cache.put(KIND, key, json.dumps(asdict(said)).encode())
    cache.keep_only(KIND, {key})


def recall(cache: Cache, key: str) -> Said | None:
    """What a check of the same inputs said, or None."""
    payload = cache.get(KIND, key)
    if payload is None:
        return None
    try:
        return Said(**json.loads(payload))
    except (ValueError, TypeError):
        return None
