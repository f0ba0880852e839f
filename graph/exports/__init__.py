"""Writing the built graph in every format.

* :mod:`graph.exports.registry`: what `kg build` writes, the :class:`~graph.exports.registry.Exporter`
  (a name, its files, ``render(kg) -> {file: bytes}``) and the plugin entry points;
* :mod:`graph.exports.write`: the atomic, locked writing of every registered file;
* one module per format family: :mod:`~graph.exports.rdf_formats` (Turtle, N-Triples,
  JSON-LD, TriG), :mod:`~graph.exports.network_formats` (GraphML, GEXF),
  :mod:`~graph.exports.property_graph` (Neo4j CSV and Cypher, LadybugDB).

Adding a built-in format is one module defining an ``Exporter`` and its
``module:attribute`` line in ``registry.DECLARED`` (its name, its files, whether it reads the triples,
its weight); a third-party package adds
one through the ``peru_nexus.exporters`` entry-point group instead.
"""
