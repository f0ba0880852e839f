"""Which graph of the TriG export each triple goes to: the default graph, or the named graphs of the
sources it is drawn from (the rule is in :mod:`graph.exports.rdf_formats`), worked out a subject at a
time from the sorted triples.

>>> from graph.builder import build
>>> default, by_graph = graph_members(build("tests/fixtures/mini"))
>>> sorted(by_graph)[:1]
['https://w3id.org/peru-nexus/source/excerpt']
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from operator import attrgetter

import pyoxigraph as ox

from graph.builder import KnowledgeGraph
from graph.builder.rdf import PROV


class _Placement:
    """Which sources each subject IRI, and each of its exact links, is drawn from, worked out one subject
    at a time as its triples are placed (:meth:`sources`, :meth:`split`).

    A record (entity, statement, estimate) is drawn from its citations' sources; its citation and quote
    nodes (``…/citation/<owner>-<n>``, ``…/quote/<owner>-<n>``) and its links to a citation node and to a
    source (``nx:citation``, ``prov:wasDerivedFrom``) from that citation's source alone; an undisputed
    statement's direct link from the statement's sources. Only the records and the direct links are
    kept, not an entry for every citation (those took 160 MB at 10,000 entities).
    """

    def __init__(self, kg: KnowledgeGraph):
        ns = kg.namespaces
        # the namespaces as plain strings, once (each is a property that concatenates)
        self.source, self.citation, self.quote = ns.source, ns.citation, ns.quote
        self.cites, self.derived = ns.vocab + "citation", PROV + "wasDerivedFrom"
        self.records: dict[str, tuple] = {}  # subject IRI: (owner id, citations)
        self.owners: dict[str, list] = defaultdict(list)  # owner id: the citations of each record of that id
        self.direct: dict[str, dict[tuple, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.iris: dict[str, str] = {}  # source id: its IRI

    def record(self, subject: str, owner: str, citations) -> None:
        """A record: its subject IRI, its id (which its citation and quote nodes are named after), its citations."""
        cited = tuple(self._iri(c.source) for c in citations)  # each citation's source IRI, in order
        self.records[subject] = (owner, cited)
        self.owners[owner].append(cited)

    def link(self, subject: str, predicate: str, obj: str) -> set[str]:
        """The sources of the direct link ``subject predicate obj`` (IRIs), to be filled in."""
        return self.direct[subject][(predicate, f"<{obj}>")]

    def _iri(self, source: str) -> str:
        found = self.iris.get(source)
        if found is None:
            found = self.iris[source] = self.source + source
        return found

    def _node_sources(self, subject: str) -> tuple:
        """The sources of a citation or quote node (``<namespace><owner>-<n>``): its citation's; else none."""
        for ns in (self.citation, self.quote):
            if subject.startswith(ns):
                owner, _, n = subject[len(ns):].rpartition("-")
                at = int(n) if n.isdigit() else 0
                cited = self.owners.get(owner, ())
                if len(cited) == 1:  # an id of one record (the common case)
                    return (cited[0][at - 1],) if 0 < at <= len(cited[0]) else ()
                return tuple(sorted({c[at - 1] for c in cited if 0 < at <= len(c)}))
        return ()

    def _links(self, subject: str, owner: str, cited: tuple) -> dict[tuple, set[str]]:
        """``{(predicate, str(object)): sources}``: the subject's exact links."""
        links: dict[tuple, set[str]] = defaultdict(set, {k: set(v) for k, v in self.direct.get(subject, {}).items()})
        for n, src in enumerate(cited, 1):
            links[(self.cites, f"<{self.citation}{owner}-{n}>")].add(src)
            links[(self.derived, f"<{src}>")].add(src)
        return links

    def sources(self, subject: str | None) -> tuple[tuple, dict | None]:
        """``(graphs, links)``: the subject's source graphs (IRIs, in order), and its exact links if any of them
        goes elsewhere (``None``: every triple of the subject goes to ``graphs``, the default graph if none)."""
        record = None if subject is None else self.records.get(subject)
        if record is None:
            return ((), None) if subject is None else (self._node_sources(subject), None)
        own = set(record[1])
        links = self._links(subject, *record)
        graphs = tuple(sorted(own))
        return graphs, None if all(found == own for found in links.values()) else links

    @staticmethod
    def split(run: list, graphs: tuple, links: dict, default: list, by_graph: dict) -> None:
        """Put one subject's triples ``run`` in their graphs: a triple goes to its exact link's sources if it
        is one, else to its subject's ``graphs``."""
        linking = {p for p, _ in links}  # a triple of another predicate goes where its subject does
        for t in run:
            p = t.predicate.value
            found = links.get((p, str(t.object))) if p in linking else None
            targets = graphs if found is None else sorted(found)
            for g in targets:
                by_graph[g].append(t)
            if not targets:
                default.append(t)


def _placement(kg: KnowledgeGraph) -> _Placement:
    ns, facts = kg.namespaces, kg.facts
    placement = _Placement(kg)
    record, entity, source, vocab = placement.record, ns.entity, ns.source, ns.vocab
    for ent in facts.entities.values():
        record(entity + ent.id, ent.id, ent.citations)
    statement = ns.statement
    for st in facts.statements.values():
        record(statement + st.id, st.id, st.citations)
        if not st.is_disputed:
            direct = placement.link(entity + st.subject, vocab + st.predicate, entity + st.object)
            direct.update(source + c.source for c in st.citations)
    estimate = ns.estimate
    for est in facts.estimates.values():
        record(estimate + est.id, est.id, est.citations)
    return placement


def graph_members(kg: KnowledgeGraph) -> tuple[list, dict[str, list]]:
    """The default graph's triples, and each source graph's (by source IRI), each in ``kg.triples`` order.

    The rule is in the module docstring. Consecutive subjects bound for the same graphs are put there as one slice.
    """
    placement, triples = _placement(kg), kg.triples
    default: list = []
    by_graph: dict[str, list] = defaultdict(list)
    block, first, last = (), 0, 0  # triples[first:last]: whole subjects, all bound for the graphs ``block``
    for subject, start, stop in _subject_runs(triples):
        graphs, links = placement.sources(subject)
        if links is None and graphs == block and start == last:
            last = stop
            continue
        _put(triples[first:last], block, default, by_graph)
        if links is None:
            block, first, last = graphs, start, stop
        else:
            placement.split(triples[start:stop], graphs, links, default, by_graph)
            block, first, last = (), stop, stop
    _put(triples[first:last], block, default, by_graph)
    return default, dict(by_graph)


def _put(run: list, graphs: tuple, default: list, by_graph: dict) -> None:
    for g in graphs:
        by_graph[g].extend(run)
    if not graphs:
        default.extend(run)


def _subject_runs(triples):
    """``(subject IRI or None for a blank node, start, stop)`` of each subject's slice of the sorted ``triples``:
    the slices the fast writer recorded (graph/speedups/fastrdf.py) when it did."""
    runs = getattr(triples, "runs", None)
    if runs and runs[-1][2] == len(triples):
        return [(None if subject.startswith("_:") else subject, start, stop) for subject, start, stop in runs]
    found, start = [], 0
    for subject, run in groupby(triples, key=attrgetter("subject")):
        stop = start + sum(1 for _ in run)
        found.append((subject.value if type(subject) is ox.NamedNode else None, start, stop))
        start = stop
    return found
