"""Cycles among statements of one transitive relationship type (a place within itself).

>>> from graph.model import Statement
>>> links = [Statement(f"{a}.part_of.{b}", a, "part_of", b) for a, b in (("a", "b"), ("b", "c"), ("c", "a"))]
>>> [(closing.id, [s.subject for s in cycle]) for closing, cycle in find_cycles(links)]
[('c.part_of.a', ['a', 'b', 'c'])]
"""

from __future__ import annotations

from graph.model import Statement

_ON_PATH, _DONE = 1, 2


def find_cycles(statements: list[Statement]) -> list[tuple[Statement, list[Statement]]]:
    """Each cycle once, as (the statement that closes it, the statements around it), in a stable order."""
    edges: dict[str, list[Statement]] = {}
    for st in statements:
        edges.setdefault(st.subject, []).append(st)
    walk = _Walk({node: sorted(out, key=lambda s: s.id) for node, out in edges.items()})
    for node in sorted(edges):
        if node not in walk.state:
            walk.visit(node, [])
    return walk.found


class _Walk:
    """A depth-first walk that notes every edge leading back onto the current path."""

    def __init__(self, edges: dict[str, list[Statement]]):
        self.edges = edges
        self.state: dict[str, int] = {}
        self.found: list[tuple[Statement, list[Statement]]] = []
        self.seen: set[frozenset] = set()

    def visit(self, node: str, trail: list[Statement]) -> None:
        self.state[node] = _ON_PATH
        for st in self.edges.get(node, ()):
            state = self.state.get(st.object)
            if state == _ON_PATH:
                self.close(st, trail + [st])
            elif state is None:
                self.visit(st.object, trail + [st])
        self.state[node] = _DONE

    def close(self, st: Statement, loop: list[Statement]) -> None:
        cycle = loop[next(i for i, s in enumerate(loop) if s.subject == st.object):]
        ids = frozenset(s.id for s in cycle)
        if ids not in self.seen:
            self.seen.add(ids)
            self.found.append((st, cycle))
