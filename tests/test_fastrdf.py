"""The accelerated RDF writer (graph/speedups/fastrdf.py) against the plain one (graph/builder/rdf.py)."""

import pytest

from conftest import FIXTURES, MINI, ROOT
from graph.builder import rdf
from graph.facts.validate import check
from graph.speedups.fastrdf import GroupedTriples


def both_writers(facts, monkeypatch) -> tuple[list, list]:
    monkeypatch.setenv("KG_SPEEDUPS", "1")
    fast = rdf.facts_to_triples(facts)
    monkeypatch.setenv("KG_SPEEDUPS", "0")
    plain = rdf.facts_to_triples(facts)
    return fast, plain


@pytest.mark.parametrize("seeds", [ROOT / "seeds", MINI, FIXTURES / "hostile" / "hostile-text", FIXTURES / "injection"],
                         ids=lambda p: p.name)
def test_both_writers_give_identical_triples_in_the_same_order(seeds, monkeypatch):
    facts, report = check(seeds, quotes=False)
    assert facts.statements, report.errors
    fast, plain = both_writers(facts, monkeypatch)
    assert fast == plain
    assert plain == rdf.sort_triples(plain)


def test_the_switch_picks_the_writer(monkeypatch):
    monkeypatch.setenv("KG_SPEEDUPS", "0")
    assert isinstance(rdf._writer(), rdf.TripleSet)
    monkeypatch.delenv("KG_SPEEDUPS")
    assert isinstance(rdf._writer(), GroupedTriples)


def walked_counts(triples) -> tuple:
    """VoID's classes, properties and distinct objects, by walking every triple."""
    from collections import Counter

    import pyoxigraph as ox

    return (Counter(t.object.value for t in triples if t.predicate.value == rdf.RDF_TYPE),
            Counter(t.predicate.value for t in triples),
            len({t.object for t in triples if not isinstance(t.object, ox.Literal)}))


def test_a_subject_described_twice_keeps_every_triple_once_and_counts_it_once():
    import pyoxigraph as ox

    writers = GroupedTriples(), rdf.TripleSet()
    for w in writers:
        w.describe("http://x/a", [("http://x/p", ox.Literal("1")), ("http://x/p", ox.Literal("1")),
                                  (rdf.RDF_TYPE, w.iri("http://x/C"))])
        w.describe("http://x/a", [("http://x/q", w.iri("http://x/b")), ("http://x/p", ox.Literal("1"))])
        w.add("http://x/b", rdf.RDF_TYPE, w.iri("http://x/C"))
        w.extend([ox.Triple(ox.BlankNode("b0"), ox.NamedNode("http://x/p"), ox.Literal("2")),
                  ox.Triple(ox.NamedNode("http://x/b"), ox.NamedNode("http://x/q"), ox.BlankNode("b0")),
                  ox.Triple(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("1"))])
    fast, plain = (w.sorted() for w in writers)
    assert fast == plain and len(fast) == 6
    stats = fast.stats
    assert (stats.classes, stats.properties, stats.objects) == walked_counts(plain)


def test_the_fast_writer_records_each_subjects_slice(monkeypatch):
    import pyoxigraph as ox

    facts, _ = check(ROOT / "seeds", quotes=False)
    monkeypatch.setenv("KG_SPEEDUPS", "1")
    triples = rdf.facts_to_triples(facts)
    stops = 0
    for subject, start, stop in triples.runs:
        assert start == stops < stop  # contiguous, none empty, in order
        stops = stop
        assert {str(t.subject) for t in triples[start:stop]} == \
            {subject if subject.startswith("_:") else str(ox.NamedNode(subject))}
    assert stops == len(triples) and len({r[0] for r in triples.runs}) == len(triples.runs)


@pytest.mark.parametrize("seeds", [ROOT / "seeds", MINI, FIXTURES / "hostile" / "hostile-text", FIXTURES / "injection"],
                         ids=lambda p: p.name)
def test_the_fast_writers_void_counts_are_the_triples_own(seeds, monkeypatch):
    facts, _ = check(seeds, quotes=False)
    monkeypatch.setenv("KG_SPEEDUPS", "1")
    triples = rdf.facts_to_triples(facts)
    stats = triples.stats
    assert stats.complete
    assert (stats.classes, stats.properties, stats.objects) == walked_counts(triples)
    assert stats.objects > 0
