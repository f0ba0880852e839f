"""A list with set-speed membership, for pyvis's list of node ids.

pyvis keeps its node ids in a list and asks ``id in node_ids`` for every node
and both ends of every edge: quadratic, seconds on a 5,000-node graph. The list
below answers the same questions from a set. ``KG_SPEEDUPS=0`` gives pyvis a
plain list instead; ``tests/test_explorer.py`` checks both give the same page.

>>> ids = node_ids()
>>> ids.append("a")
>>> "a" in ids, "b" in ids, list(ids)
(True, False, ['a'])
"""

from __future__ import annotations

from graph.speedups import enabled


class FastIds(list):
    """A list (what pyvis expects) with set-speed membership tests; pyvis only appends to it."""

    def __init__(self):
        super().__init__()
        self._set = set()

    def append(self, item):
        self._set.add(item)
        super().append(item)

    def __contains__(self, item):
        return item in self._set


def node_ids() -> list:
    """An empty list for pyvis's ``Network.node_ids``: a ``FastIds`` unless the speed-ups are off."""
    return FastIds() if enabled() else []
