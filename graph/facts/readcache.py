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
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

from graph.facts.yamlfile import _read_bytes, read_yaml_file

if TYPE_CHECKING:
    from graph.speedups.cache import Cache

# the cache's own modules (hashlib, pickle, graph.speedups.cache) are imported only once a cache is in use:
# a read without one (kg validate --no-cache) does not pay for them

_KIND = "read"
_RECORDS = "records"
_active: ContextVar = ContextVar("read_cache", default=None)


class ReadCache:
    """The cache in use while reading, and the data digest of every file read: ``{display name: sha256}``."""

    def __init__(self, cache: Cache, tool: str):
        self.cache, self.tool = cache, tool
        self.digests: dict[str, str] = {}
        self.hits = 0

    def read(self, path: Path, display: str, lazy: bool = False) -> tuple[object, list]:
        import hashlib
        import pickle

        from graph.speedups.cache import digest

        raw, problem = _read_bytes(path, display)  # never more than the size limit
        if problem is not None:
            return read_yaml_file(path, display)  # it says what is wrong
        key = digest(self.tool, raw)
        payload = self.cache.get(_KIND, key)
        if payload is None:
            data = _MISS
        else:  # lazy: unpickled only if its records are not in the cache too
            data = Stored(payload, path, display) if lazy else _unpickled(payload)
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


class Stored:
    """A file's data as the cache holds it, unpickled when asked for (:func:`loaded`)."""

    def __init__(self, payload: bytes, path: Path, display: str):
        self.payload, self.path, self.display = payload, path, display


def loaded(data):
    """``data`` itself, or the data a :class:`Stored` holds (parsed again should the entry be damaged)."""
    if type(data) is not Stored:
        return data
    found = _unpickled(data.payload)
    return found if found is not _MISS else read_yaml_file(data.path, data.display)[0]


def _unpickled(payload: bytes):
    import pickle

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


def read_records(display: str, records, report, layout: dict, read) -> None:
    """``read(records, report)``: the records of fact file ``display`` added to ``records`` and its shape
    problems to ``report`` — replayed from the cache when a cache is in use and knows the file's data.

    The cache keeps, per file name and data digest (and tool), what reading the data did: each record added, in order,
    with its section and values, the ids found unusable, the sections seen, the problems, the data's shape. Replaying the
    additions in order gives the same records, as reading across files depends only on that order.
    """
    cache = _active.get()
    sha = cache.digests.get(display) if cache is not None else None
    if sha is None:
        read(records, report)
        return
    import pickle

    from graph.speedups.cache import digest

    key = digest(cache.tool, _RECORDS, display, sha)  # records name their file
    payload = cache.cache.get(_RECORDS, key)
    found = _unpickled(payload) if payload is not None else _MISS
    if found is _MISS:
        found = _read_logged(type(records), type(report), read)
        cache.cache.put(_RECORDS, key, pickle.dumps(found, protocol=5))
    added, unusable, sections, problems, shapes = found
    for section, record, values in added:
        records.add(section, layout[section], record, values)
    records.unusable |= unusable
    records._seen_sections |= sections
    report.problems.extend(problems)
    report.shapes.update(shapes)  # where the problems are found without parsing the file (graph.problems.Places)


def _read_logged(records_type, report_type, read) -> tuple:
    """What ``read`` does to fresh records and report: ``(additions, unusable ids, sections, problems, shapes)``."""
    part, said, added = records_type(), report_type(), []
    part.add = lambda section, spec, record, values: added.append((section, record, values))
    read(part, said)
    return added, part.unusable, part._seen_sections, said.problems, said.shapes


def read_fact_file(path: Path, display: str, lazy: bool = False) -> tuple[object, list]:
    """A fact file's data and problems, from the cache when one is in use and knows the file;
    ``lazy``: the data may be a :class:`Stored`, for :func:`loaded` (its records may be in the cache too)."""
    cache = _active.get()
    if cache is None:
        return read_yaml_file(path, display)
    return cache.read(path, display, lazy)
