"""The built triples as an ``rdflib.Graph``: rdflib is the graph API users get.

>>> import pyoxigraph as ox
>>> g = to_rdflib([ox.Triple(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("A", language="es"))])
>>> [(str(s), str(p), o.language) for s, p, o in g]
[('http://x/a', 'http://x/p', 'es')]
"""

from __future__ import annotations

import pyoxigraph as ox

from graph.builder.rdf import XSD, Namespaces


def to_rdflib(triples):
    """The same triples as an ``rdflib.Graph`` (rdflib is the graph API users get)."""
    import rdflib

    g = rdflib.Graph()
    for prefix, iri in Namespaces().prefixes().items():
        g.bind(prefix, iri, override=True)
    cache: dict = {}

    def term(t):
        if isinstance(t, ox.NamedNode):
            node = cache.get(t.value)
            if node is None:
                node = cache[t.value] = rdflib.URIRef(t.value)
            return node
        if isinstance(t, ox.Literal):
            if t.language:
                return rdflib.Literal(t.value, lang=t.language)
            dt = t.datatype.value
            return rdflib.Literal(t.value, datatype=None if dt == XSD + "string" else rdflib.URIRef(dt))
        return rdflib.BNode(t.value)

    add = g.add
    for t in triples:
        add((term(t.subject), term(t.predicate), term(t.object)))
    return g
