"""Summary triples: counts over the whole graph, written by the build from the facts it holds.

They are derived, not facts from a source (the ontology says so of each term), and no query that
lists or counts entities or facts matches them. Two named queries read them instead of counting
every statement, citation and source link each time they run:

* per relationship type in use, one ``nx:RelationshipSummary`` node
  (``<base>summary/relationship/<type>``) that ``nx:summarises`` the type, with
  ``nx:statement_count`` (its statements), ``nx:disputed_count`` (those whose status is
  disputed) and ``nx:source_count`` (the distinct sources those statements are
  ``prov:wasDerivedFrom``): ``queries/relationship-types.rq``;
* on each ``nx:Source``, ``nx:fact_count`` (the distinct nodes ``prov:wasDerivedFrom`` it:
  entities, statements and estimates citing it, citations of works cited in it) and
  ``nx:citation_count`` (the citations whose ``oa:hasSource`` it is): ``queries/sources.rq``.

>>> from pathlib import Path
>>> from graph.builder import build
>>> kg = build("tests/fixtures/mini")
>>> counts = [t for t in kg.triples if t.predicate.value.endswith("#statement_count")]
>>> len(counts) == len({st.predicate for st in kg.facts.statements.values()})
True
"""

from __future__ import annotations

from collections import Counter
from itertools import chain

import pyoxigraph as ox

from graph.model import Facts, Region
from graph.speedups.fastrdf import RDF_TYPE
from graph.vocab.terms import DISPUTED, RELATIONSHIP_SUMMARY

def relationship_counts(facts: Facts) -> dict[str, tuple[int, int, int]]:
    """(statements, disputed, distinct sources) per relationship type in use, by type name.

    >>> from graph.facts.validate import check
    >>> from pathlib import Path
    >>> facts, _ = check(Path("tests/fixtures/mini"))
    >>> relationship_counts(facts)["leader_of"]
    (1, 0, 1)
    """
    statements = list(facts.statements.values())
    counts = Counter(st.predicate for st in statements)
    disputed = Counter(st.predicate for st in statements if st.effective_status == DISPUTED)
    sources = Counter(p for p, _ in {(st.predicate, c.source) for st in statements for c in st.citations})
    return {p: (n, disputed[p], sources[p]) for p, n in counts.items()}


def source_counts(facts: Facts, spots: dict, gazetteer: str) -> dict[str, tuple[int, int]]:
    """(facts, citations) per source id: the nodes derived from it, the citations naming it.

    A fact citing a source twice counts once (its node is ``prov:wasDerivedFrom`` it once); a
    citation of a work cited in a source (``via``) is a node derived from that work. The
    coordinates looked up in the gazetteer (``spots`` with an entry) are citations of ``gazetteer``.

    >>> from graph.facts.validate import check
    >>> from pathlib import Path
    >>> facts, _ = check(Path("tests/fixtures/mini"))
    >>> sorted(source_counts(facts, {}, "geonames").values())[-1][0] > 0
    True
    """
    citations = [r.citations for r in (*facts.entities.values(), *facts.statements.values(),
                                       *facts.estimates.values())]
    derived = Counter(chain.from_iterable({c.source for c in cs} for cs in citations))
    derived.update(c.via for cs in citations for c in cs if c.via is not None)
    cited = Counter(c.source for cs in citations for c in cs)
    looked_up = _looked_up(facts, spots)
    ids = set(facts.sources) | ({gazetteer} if looked_up else set())
    cited[gazetteer] += looked_up
    return {sid: (derived[sid], cited[sid]) for sid in ids}


def _looked_up(facts: Facts, spots: dict) -> int:
    """How many places have coordinates from the gazetteer (each is a citation of it)."""
    return sum(1 for eid, spot in spots.items() if spot.entry is not None and isinstance(facts.entities.get(eid), Region))


def write_summaries(w, ns, facts: Facts, spots: dict, gazetteer: str) -> None:
    """Write the summary triples of ``facts`` with the triple writer ``w`` (``graph.builder.rdf``'s),
    under the namespaces ``ns``; ``spots`` and ``gazetteer`` as :func:`source_counts` takes them."""
    nx = ns.vocab  # each count an xsd:integer, as COUNT gives it
    for name, (statements, disputed, sources) in relationship_counts(facts).items():
        w.describe(f"{ns.base}summary/relationship/{name}", [
            (RDF_TYPE, w.iri(nx + RELATIONSHIP_SUMMARY)), (nx + "summarises", w.iri(nx + name)),
            (nx + "statement_count", ox.Literal(statements)),
            (nx + "disputed_count", ox.Literal(disputed)), (nx + "source_count", ox.Literal(sources))])
    for sid, (derived, cited) in source_counts(facts, spots, gazetteer).items():
        w.describe(ns.source + sid, [(nx + "fact_count", ox.Literal(derived)), (nx + "citation_count", ox.Literal(cited))])
