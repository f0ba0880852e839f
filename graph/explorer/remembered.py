"""The explorer's metrics and layout remembered in the build cache, keyed by exactly what they read.

Centralities, communities and the layout of the whole graph depend only on its structure: the sorted
nodes and each statement's ``(subject, object)``. A fact's description changed, they are the same, so
``kg build`` keeps them (kind ``structure`` in ``.kg-cache/``, keyed by those and
:func:`graph.speedups.cache.tool_digest`) and reads them back instead of computing them again. Outside
:func:`remembering` (``--no-cache``, ``kg explore``) nothing is kept; a damaged entry is a miss. Only the
newest entry is kept, as for the exports.

>>> import networkx as nx, tempfile
>>> from pathlib import Path
>>> from graph.speedups.cache import Cache
>>> g = nx.MultiDiGraph([("a", "b")])
>>> with remembering(Cache(Path(tempfile.mkdtemp()))):
...     first = structure(g, list(g.edges()), lambda: ({"n": 1}, {"a": (0, 0)}))
...     again = structure(g, list(g.edges()), lambda: None)
>>> first == again == ({"n": 1}, {"a": (0, 0)})
True
"""

from __future__ import annotations

import contextlib
import pickle

KIND = "structure"
_cache = None  # the build cache while a build renders (a forked child inherits it)


@contextlib.contextmanager
def remembering(cache):
    """Metrics and layout kept in ``cache`` (a :class:`graph.speedups.cache.Cache`) while inside."""
    global _cache
    before, _cache = _cache, cache
    try:
        yield
    finally:
        _cache = before


def structure_key(g, edges: list) -> str:
    """The digest of what metrics and layout read: the tool, the sorted nodes, each edge's ends in order."""
    from graph.resources import data_dir
    from graph.speedups.cache import digest, tool_digest

    nodes = "\0".join(sorted(g.nodes))
    ends = "\0".join(f"{e[0]}\0{e[1]}" for e in edges)
    return digest(tool_digest(data_dir("ontology")), nodes, ends)


def structure(g, edges: list, compute):
    """``compute()`` (the metrics and the layout of ``g``, whose statements are ``edges``), or what it gave
    for the same structure before."""
    if _cache is None:
        return compute()
    key = structure_key(g, edges)
    payload = _cache.get(KIND, key)
    if payload is not None:
        try:
            return pickle.loads(payload)
        except Exception:  # an entry of another kind or version: computed again
            pass
    found = compute()
    _cache.put(KIND, key, pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
    _cache.keep_only(KIND, {key})
    return found
