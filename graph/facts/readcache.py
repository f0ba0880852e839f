"""Each fact file's parsed data kept in the build cache, keyed by the file's bytes.

``kg build`` turns it on (:func:`cached_reading`); then :func:`read_fact_file`
answers a file whose bytes (and tool, :func:`graph.speedups.cache.tool_digest`)
were seen before from the cache instead of parsing it, and notes each file's
data digest, which the export cache keys on. A file with problems is never
stored: it is read, and reported, every time. Without the cache it is just
:func:`graph.facts.yamlfile.read_yaml_file`.

>>> read_fact_file(Path("tests/fixtures/mini/facts.yaml"), "facts.yaml")[1]
[]
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from contextvars import ContextVar
from pathlib import Path

from graph.facts.yamlfile import read_yaml_file
from graph.speedups.cache import Cache, digest

_KIND = "read"
_active: ContextVar = ContextVar("read_cache", default=None)


class ReadCache:
    """The cache in use while reading, and the data digest of every file read: ``{display name: sha256}``."""

    def __init__(self, cache: Cache, tool: str):
        self.cache, self.tool = cache, tool
        self.digests: dict[str, str] = {}
        self.hits = 0

    def read(self, path: Path, display: str) -> tuple[object, list]:
        try:
            raw = path.read_bytes()
        except OSError:
            return read_yaml_file(path, display)  # it says what is wrong
        key = digest(self.tool, raw)
        payload = self.cache.get(_KIND, key)
        data = _unpickled(payload) if payload is not None else _MISS
        if data is not _MISS:
            self.hits += 1
        else:
            data, problems = read_yaml_file(path, display)
            if problems:
                return data, problems
            payload = pickle.dumps(data, protocol=5)
            self.cache.put(_KIND, key, payload)
        self.digests[display] = hashlib.sha256(payload).hexdigest()
        return data, []


_MISS = object()


def _unpickled(payload: bytes):
    try:
        return pickle.loads(payload)
    except Exception:  # noqa: BLE001 - a damaged entry is a miss: the file is parsed again
        return _MISS


@contextlib.contextmanager
def cached_reading(cache: ReadCache):
    """Read fact files through ``cache`` inside the ``with``."""
    token = _active.set(cache)
    try:
        yield cache
    finally:
        _active.reset(token)


def read_fact_file(path: Path, display: str) -> tuple[object, list]:
    """A fact file's data and problems, from the cache when one is in use and knows the file."""
    cache = _active.get()
    if cache is None:
        return read_yaml_file(path, display)
    return cache.read(path, display)
