"""The JSON-LD export written straight from the sorted triples, a piece at a time:
the text :func:`graph.exports.rdf_formats.render_jsonld` makes by parsing
pyoxigraph's expanded JSON-LD, compacting its IRIs and writing it indented,
without the parsed document, its compacted copy or the whole text in memory.

As pyoxigraph writes it, a node starts where the subject changes and a
property where the predicate changes (``kg.triples`` are sorted by subject,
then predicate). ``tests/test_exports.py`` checks it gives exactly the plain
path's bytes.

>>> import pyoxigraph as ox
>>> t = ox.Triple(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("A"))
>>> text = b"".join(jsonld_chunks([t], {"x": "http://x/"}, lambda iri: iri.replace("http://x/", "x:")))
>>> import json; json.loads(text)["@graph"]
[{'@id': 'x:a', 'x:p': [{'@value': 'A'}]}]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import groupby
from operator import attrgetter
from json.encoder import encode_basestring as quoted

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
CHUNK = 20000  # parts per yielded piece
# IRIs whose JSON text is remembered: the recent ones (most IRIs are one citation's or one quote's, met once
# or twice; remembering every one took 47 MB more at 10,000 entities)
REMEMBERED = 1 << 16


def _literal(o, name: Callable[[str], str]) -> str:
    """A literal object of a property: its ``@value`` with its language or datatype, and the closing brace."""
    if o.language:
        return f'"@language": {quoted(o.language)},\n     "@value": {quoted(o.value)}\n    }}'
    datatype = o.datatype.value
    if datatype == XSD_STRING:
        return '"@value": ' + quoted(o.value) + "\n    }"
    return f'"@type": {name(datatype)},\n     "@value": {quoted(o.value)}\n    }}'


def _subject(s) -> str:
    return "_:" + s.value if type(s) is ox.BlankNode else s.value


def _subject_runs(triples) -> Iterable[tuple[str, int, int]]:
    """``(subject text, start, stop)`` of each subject's run of the sorted ``triples``: the fast
    writer's own (graph/speedups/fastrdf.py) when it recorded them, else found here."""
    runs = getattr(triples, "runs", None)
    if runs and runs[-1][2] == len(triples):
        return runs
    found, start = [], 0
    for subject, run in groupby(triples, key=attrgetter("subject")):
        stop = start + sum(1 for _ in run)
        found.append((_subject(subject), start, stop))
        start = stop
    return found


def _object(o, name: Callable[[str], str], named=ox.NamedNode, blank=ox.BlankNode) -> str:
    """One object of a property: ``"@id"`` of an IRI or a blank node, else the literal's ``@value``."""
    kind = type(o)
    if kind is named:
        return '"@id": ' + name(o.value) + "\n    }"
    if kind is blank:
        return '"@id": ' + name("_:" + o.value) + "\n    }"
    return _literal(o, name)


def jsonld_chunks(triples, context: dict[str, str], compact: Callable[[str], str]) -> Iterator[bytes]:
    """The JSON-LD document of sorted ``triples`` (a list): ``@context`` then ``@graph``, indented by one space."""
    @lru_cache(maxsize=REMEMBERED)
    def name(iri: str) -> str:
        return quoted(compact(iri))

    parts = ['{\n "@context": {' + ",".join(f"\n  {quoted(k)}: {quoted(v)}" for k, v in context.items())
             + '\n },\n "@graph": [']
    add, opening = parts.append, "\n  {"
    texts = _Texts(name)
    for subject, start, stop in _subject_runs(triples):
        add(opening)
        opening = "\n   ]\n  },\n  {"
        add(f"\n   \"@id\": {name(subject)}")
        _properties(triples[start:stop], texts, add)
        if len(parts) >= CHUNK:
            yield "".join(parts).encode()
            parts.clear()
    parts.append("]\n}\n" if opening == "\n  {" else "\n   ]\n  }\n ]\n}\n")
    yield "".join(parts).encode()


class _Texts:
    """Each predicate's and each recent IRI object's JSON text, made once: ``heads[p]`` opens property ``p``
    (after the subject's ``@id``, then after another property), ``iri(iri)`` is an object ``{"@id": …}``."""

    def __init__(self, name: Callable[[str], str]):
        self.name, self.heads = name, {}
        self.iri = lru_cache(maxsize=REMEMBERED)(self._iri)

    def head(self, p: str) -> tuple[str, str]:
        found = self.heads[p] = (f",\n   {self.name(p)}: [\n    {{\n     ",
                                 f"\n   ],\n   {self.name(p)}: [\n    {{\n     ")
        return found

    def _iri(self, iri: str) -> str:
        return '"@id": ' + self.name(iri) + "\n    }"


def _properties(run, texts: _Texts, add, named=ox.NamedNode) -> None:
    """One subject's properties, each with its objects (the triples of ``run`` share a subject, sorted by
    predicate): an IRI object written here (the common case), any other by :func:`_object`."""
    heads, iri_text, name = texts.heads.get, texts.iri, texts.name
    last_p = None
    for t in run:
        p, o = t.predicate.value, t.object
        if p != last_p:
            add((heads(p) or texts.head(p))[last_p is not None])
            last_p = p
        else:
            add(",\n    {\n     ")
        if type(o) is named:
            add(iri_text(o.value))
        else:
            add(_object(o, name))
