"""The shortest connections between two entities, hop by hop, each hop with every statement
between its two ends (either direction) and the sources it rests on.

>>> import graph
>>> kg = graph.build("tests/fixtures/mini")
>>> [[(h["from"], h["to"]) for h in p] for p in paths(kg, "artemio", "sendero-luminoso")]
[[('artemio', 'huallaga-faction'), ('huallaga-faction', 'sendero-luminoso')]]
>>> count_shortest_paths(kg, "artemio", "sendero-luminoso", avoid=("huallaga-faction",))
0
"""

from __future__ import annotations

from itertools import islice

import networkx as nx

from graph.model import Facts, Statement
from graph.query.dossier import claimant_text, cite, evidence_fields, evidence_lines, qualities, when
from graph.query.terminal import inert

MOST_PATHS = 10_000  # shortest paths looked at (and counted) at most


CITED = ("source", "locator", "quote", "stance", "qualifier", "says", "claimant", "claimant_kind", "via_cited_at")


def _edge(facts: Facts, st: Statement, arrow: str) -> dict:
    cites = [{k: v for k, v in cite(facts, c).items() if k in CITED} for c in st.citations]
    return {"id": st.id, "predicate": st.predicate, "direction": arrow, "subject": st.subject, "object": st.object,
            "status": st.effective_status, "when": when(st), **evidence_fields(st),
            "sources": sorted({c.source for c in st.citations}), "citations": cites}


def _hop(kg, u: str, v: str) -> dict:
    g, facts = kg.nx, kg.facts
    edges = [_edge(facts, facts.statements[key], arrow)
             for a, b, arrow in ((u, v, "→"), (v, u, "←")) for key in sorted(g.get_edge_data(a, b) or {})]
    return {"from": u, "to": v, "from_label": facts.entities[u].name, "to_label": facts.entities[v].name,
            "edges": edges}


def _shortest(kg, a: str, b: str, avoid: tuple):
    """Every shortest path between ``a`` and ``b`` (as lists of ids), ignoring direction and ``avoid``."""
    view = kg.nx.to_undirected(as_view=True)
    blocked = set(avoid) - {a, b}
    if blocked:
        view = nx.subgraph_view(view, filter_node=lambda n: n not in blocked)
    try:
        yield from nx.all_shortest_paths(view, a, b)
    except nx.NetworkXNoPath:
        return


def _by_labels(facts: Facts):
    return lambda path: [facts.entities[n].name.casefold() for n in path]


def paths(kg, a: str, b: str, limit: int = 5, avoid: tuple = ()) -> list[list[dict]]:
    """Up to ``limit`` shortest connections between entities ``a`` and ``b``, ignoring the
    direction of statements (and never passing through the ids in ``avoid``). Each path
    is a list of hops; each hop lists every statement between its two entities, with
    its direction (→: from the hop's start to its end, ←: the other way), status and sources.
    The paths are the first by the names along them (of the first ``MOST_PATHS`` found).
    Returns [] when there is no connection."""
    if a == b:
        return []
    found = sorted(islice(_shortest(kg, a, b, avoid), MOST_PATHS), key=_by_labels(kg.facts))[:limit]
    return [[_hop(kg, u, v) for u, v in zip(p, p[1:])] for p in found]


def count_shortest_paths(kg, a: str, b: str, avoid: tuple = (), cap: int = MOST_PATHS) -> int:
    """How many shortest connections there are (up to ``cap``)."""
    return sum(1 for _ in islice(_shortest(kg, a, b, avoid), cap))


def _edge_lines(e: dict) -> list[str]:
    """A hop's statement: its relationship, time, status and modality, sources and claimants; then its
    inferred date and disputed details."""
    rel = f"—{e['predicate']}→" if e["direction"] == "→" else f"←{e['predicate']}—"
    cited = dict.fromkeys(f"{c['source']} ({c['locator']}" + (f"; {who}" if (who := claimant_text(c)) else "") + ")"
                          for c in e["citations"])
    quals = " · ".join(q for q in (e["when"], *qualities(e), ", ".join(cited)) if q)
    return [f"      {rel}   {quals}", *evidence_lines(e, "          ")]


def _path_lines(i: int, p: list[dict]) -> list[str]:
    lines = ["", f"{i}. " + " — ".join([p[0]["from_label"]] + [h["to_label"] for h in p]),
             f"   {p[0]['from_label']} [{p[0]['from']}]"]
    for h in p:
        lines += [line for e in h["edges"] for line in _edge_lines(e)] + [f"   {h['to_label']} [{h['to']}]"]
    return lines


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def render_paths(found: list[list[dict]], a_label: str, b_label: str, total: int | None = None) -> str:
    """The paths as terminal text: a summary line, then each path with its statements and sources."""
    if not found:
        return inert(f"no connection between {a_label} and {b_label}") + "\n"
    total = total if total is not None else len(found)
    more = f", showing {len(found)}" if total > len(found) else ""
    lines = [f"{_plural(total, 'shortest connection')} between {a_label} and {b_label}, "
             f"{_plural(len(found[0]), 'hop')} each{more}"]
    for i, p in enumerate(found, 1):
        lines += _path_lines(i, p)
    return "\n".join(inert(line) for line in lines) + "\n"
