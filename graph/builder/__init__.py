"""Building the graph: fact files in, one checked knowledge graph out.

>>> kg = build("tests/fixtures/mini")
>>> kg.nx.number_of_nodes(), len(kg.rdf) == len(kg.triples)
(11, True)
>>> build("tests/fixtures/broken/unknown-predicate")
Traceback (most recent call last):
...
graph.builder.InvalidFacts: 1 error in the fact files
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from graph.errors import KgError
from graph.model import Facts
from graph.vocab.ontology import DEFAULT_BASE
from graph.problems import Report
from graph.builder.rdf import Namespaces, facts_to_triples
from graph.facts.validate import check


class InvalidFacts(KgError):
    """The fact files have errors; ``report`` lists them all."""

    def __init__(self, report: Report):
        self.report = report
        n = len(report.errors)
        super().__init__(f"{n} error{'s' if n != 1 else ''} in the fact files")


class KnowledgeGraph:
    """The built graph in every form: facts, RDF triples, rdflib, NetworkX, an Oxigraph store.

    ``triples`` (pyoxigraph.Triple, sorted) may be given as a function that makes them: they are then made
    on first use, so that ``kg build`` can start rendering what does not read them (the explorer, in a
    process of its own) while the parent makes them.

    >>> kg = KnowledgeGraph(Facts(), lambda: ["t"])
    >>> kg.triples_made, kg.triples, kg.triples_made
    (False, ['t'], True)
    >>> kg.release_triples(); kg.triples, kg.triple_count
    ([], 1)
    """

    def __init__(self, facts: Facts, triples, base: str = DEFAULT_BASE, report: Report | None = None):
        self.facts, self.base, self.report = facts, base, report
        self._triples = triples
        self._released: int | None = None
        self._cache: dict = {}

    @property
    def triples(self) -> list:
        if callable(self._triples):
            self._triples = self._triples()
        return self._triples

    @property
    def triples_made(self) -> bool:
        """Whether the triples exist yet (given, or made by a first use)."""
        return not callable(self._triples)

    @property
    def triple_count(self) -> int:
        """How many triples the graph has, also once they are let go of (:meth:`release_triples`)."""
        return len(self.triples) if self._released is None else self._released

    def release_triples(self) -> None:
        """Let the triples go (``triples`` is then empty), their memory back for what renders next."""
        self._released = self.triple_count
        self._triples = type(self._triples)()  # an empty list of the same kind

    @property
    def namespaces(self) -> Namespaces:
        return Namespaces(self.base)

    @cached_property
    def nx(self):
        """The NetworkX ``MultiDiGraph``."""
        from graph.builder.network import facts_to_networkx

        return facts_to_networkx(self.facts, self.base)

    @cached_property
    def rdf(self):
        """The ``rdflib.Graph``."""
        from graph.builder.rdflib_graph import to_rdflib

        return to_rdflib(self.triples)

    @cached_property
    def query_store(self):
        """The store queries run on: made on first use, then reused (:meth:`store` makes a fresh one)."""
        return self.store()

    def cached(self, name: str, make):
        """``make()``, worked out once for this graph and kept with it (a later stage's index of it).

        >>> kg = build("tests/fixtures/mini")
        >>> kg.cached("n", lambda: len(kg.facts.entities)), kg.cached("n", lambda: 0)
        (11, 11)
        """
        if name not in self._cache:
            self._cache[name] = make()
        return self._cache[name]

    def store(self):
        """A fresh in-memory ``pyoxigraph.Store`` holding the graph, for fast SPARQL."""
        import pyoxigraph as ox

        store = ox.Store()
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in self.triples)
        return store


def build(seeds: str | Path = "seeds", *, sources: list[Path] | None = None, base: str = DEFAULT_BASE,
          quotes: bool = True) -> KnowledgeGraph:
    """Check the fact files under ``seeds`` and build the graph; raise :class:`InvalidFacts` on errors."""
    facts, report = check(Path(seeds), sources, quotes=quotes, base=base)
    if report.errors:
        raise InvalidFacts(report)
    return KnowledgeGraph(facts, facts_to_triples(facts, base), base, report)
