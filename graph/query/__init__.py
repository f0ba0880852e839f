"""Asking the built graph: SPARQL, names, analysis, coverage.

``graph.query.run`` and ``graph.query.execute`` are :func:`graph.query.sparql.run` and
:func:`graph.query.sparql.execute`, imported on first use.

>>> import graph.query
>>> graph.query.run.__module__
'graph.query.sparql'
"""


def __getattr__(name: str):
    if name in ("run", "execute"):
        from graph.query import sparql

        return getattr(sparql, name)
    raise AttributeError(f"module 'graph.query' has no attribute {name!r}")
