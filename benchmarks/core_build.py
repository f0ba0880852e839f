"""The build the performance targets speak of, as ``kg build`` runs it: validate,
RDF triples, the NetworkX graph, Turtle and N-Triples written atomically.

``kg build`` writes every export (JSON-LD, TriG, GraphML, GEXF, Neo4j, the
HTML explorer too); this is the same code path with only the two RDF
line formats, so the benchmark can time the core on its own.

    python benchmarks/core_build.py SEEDS OUT
"""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str]) -> int:
    seeds, out = Path(argv[0]), Path(argv[1])
    gc.disable()  # as kg build runs (graph/speedups/gc.py)
    t0 = time.perf_counter()

    def progress(message: str) -> None:
        print(f"kg: {message} [{time.perf_counter() - t0:.2f}s]", file=sys.stderr, flush=True)

    from graph.builder import KnowledgeGraph
    from graph.exports.write import write_exports
    from graph.builder.rdf import facts_to_triples
    from graph.exports.rdf_formats import NTRIPLES, TURTLE
    from graph.facts.validate import check

    facts, report = check(seeds)
    if report.errors:
        print(f"{len(report.errors)} errors", file=sys.stderr)
        return 1
    counts = facts.counts()
    progress(f"read {len(facts.files)} files: {counts['entities']} entities, {counts['statements']} statements, "
             f"{counts['estimates']} estimates, {counts['citations']} citations")
    kg = KnowledgeGraph(facts, facts_to_triples(facts))
    progress(f"built {len(kg.triples):,} triples")
    graph = kg.nx
    progress(f"built networkx ({graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges)")
    write_exports(kg, out, progress, exporters=[TURTLE, NTRIPLES])
    progress("wrote files")
    return 0


if __name__ == "__main__":
    rc = main(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(rc)  # as kg build ends: without freeing every object one by one
