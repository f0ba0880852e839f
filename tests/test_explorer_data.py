"""The explorer's Python step: the same page for the same graph, and the fast code giving the values the
plain algorithms give (close pairs, betweenness, communities, degrees), with no library it does not need.

The browser side of the page is tested in tests/test_explorer*.py; here only what Python computes.
"""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest

from conftest import FIXTURES, MINI, run_kg
from graph.explorer import layout, metrics
from graph.explorer.columns import as_records
from graph.explorer.data import explorer_data
from graph.explorer.page import explorer_html


def _random_graph(n: int, m: int, seed: int) -> nx.MultiDiGraph:
    """A multigraph with parallel statements and self-loops, nodes named so that sorting matters."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    g.add_nodes_from(f"n{rng.randrange(10**6):06d}-{i}" for i in range(n))
    nodes = list(g.nodes)
    for j in range(m):
        u = rng.choice(nodes)
        v = u if j % 41 == 0 else rng.choice(nodes)
        g.add_edge(u, v, key=f"s{j}", predicate="fights")
    return g


# ------------------------------------------------------------------ the same bytes for the same input

def test_the_page_is_the_same_bytes_for_the_same_graph(peru_kg):
    first = explorer_html(peru_kg.nx, base=peru_kg.base)
    assert explorer_html(peru_kg.nx, base=peru_kg.base) == first


def test_the_page_does_not_depend_on_the_order_facts_were_added(mini_kg):
    g = mini_kg.nx
    shuffled = nx.MultiDiGraph()
    shuffled.graph.update(g.graph)
    nodes, edges = list(g.nodes(data=True)), list(g.edges(keys=True, data=True))
    random.Random(3).shuffle(nodes)
    random.Random(4).shuffle(edges)
    shuffled.add_nodes_from(nodes)
    shuffled.add_edges_from(edges)
    assert explorer_html(shuffled, base=mini_kg.base) == explorer_html(g, base=mini_kg.base)


def test_two_real_builds_write_the_same_explorer(tmp_path):
    for out in ("a", "b"):
        r = run_kg("build", "-q", "--no-cache", "--seeds", FIXTURES / "evidence", "--out", tmp_path / out)
        assert r.returncode == 0, r.stderr
    assert (tmp_path / "a" / "peru-nexus.html").read_bytes() == (tmp_path / "b" / "peru-nexus.html").read_bytes()


def test_a_big_graph_is_laid_out_the_same_way_twice():
    g = _random_graph(900, 2400, seed=11)  # above SMALL_GRAPH: the seeded, grid-searched force layout
    first = layout.layout(g, metrics.communities(g))
    assert layout.layout(g, metrics.communities(g)) == first
    assert len(set(first.values())) > 0.95 * len(first)  # nodes apart, not piled up


# ------------------------------------------------------------------ the fast code, the plain answer

@pytest.mark.parametrize("n, side, seed", [(5, 3.0, 1), (300, 20.0, 2), (2000, 30.0, 3), (400, 4.0, 4)])
def test_the_grid_finds_exactly_the_pairs_closer_than_two(n, side, seed):
    pos = np.random.default_rng(seed).random((n, 2)) * side - side / 3
    i, j = np.triu_indices(n, k=1)
    d = pos[i] - pos[j]
    near = d[:, 0] * d[:, 0] + d[:, 1] * d[:, 1] <= 4.0
    expected = np.stack([i[near], j[near]], axis=1)
    assert layout._close_pairs(pos).tolist() == expected.tolist()


def test_betweenness_is_networkx_s_to_the_page_s_rounding():
    g = _random_graph(250, 700, seed=5)
    nodes, pairs = metrics._indexed(g)
    ours = metrics.betweenness(len(nodes), pairs)
    theirs = nx.betweenness_centrality(metrics.simple_graph(g))
    assert [round(float(x), 6) for x in ours] == [round(theirs[n], 6) for n in nodes]
    assert max(ours) > 0


def test_degrees_are_networkx_s_self_loops_included():
    g = _random_graph(120, 500, seed=6)
    assert metrics.metrics(g)["centrality"]["degree"] == {n: d for n, d in sorted(g.degree())}


def _plain_label_propagation(n: int, pairs, rounds: int = 12) -> list:
    """The rule :func:`metrics.label_propagation` states, one node at a time."""
    neighbours = [[i] for i in range(n)]
    for u, v in pairs.tolist():
        neighbours[u].append(v)
        neighbours[v].append(u)
    labels = list(range(n))
    for _ in range(rounds):
        new = []
        for i in range(n):
            counts: dict = {}
            for j in neighbours[i]:
                counts[labels[j]] = counts.get(labels[j], 0) + 1
            new.append(min(counts, key=lambda label: (-counts[label], label)))
        if new == labels:
            break
        labels = new
    return labels


def test_label_propagation_follows_its_rule():
    g = _random_graph(600, 1500, seed=8)
    nodes, pairs = metrics._indexed(g)
    assert metrics.label_propagation(len(nodes), pairs).tolist() == _plain_label_propagation(len(nodes), pairs)


def test_the_edge_records_keep_every_field_the_dossier_shows(mini_kg):
    data = as_records(explorer_data(mini_kg.nx, base=mini_kg.base))
    by_id = {e["id"]: e for e in data["edges"]}
    for u, v, k, d in mini_kg.nx.edges(keys=True, data=True):
        row = by_id[k]
        assert (row["from"], row["to"], row["predicate"]) == (u, v, d["predicate"])
        assert len(row.get("citations", [])) == len(d.get("citations") or [])
        assert row.get("place") == d.get("place")


# ------------------------------------------------------------------ what the build imports

def test_a_build_imports_no_scipy(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "graph", "build", "-q", "--no-cache",
                        "--seeds", MINI, "--out", tmp_path], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    imported = {line.rsplit("|", 1)[1].strip() for line in r.stderr.splitlines() if line.startswith("import time:")}
    assert "numpy" in imported  # the explorer was rendered (in this process or its child)
    assert not {m for m in imported if m == "scipy" or m.startswith("scipy.")}
