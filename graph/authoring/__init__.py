"""Authoring: from a new document to checked facts.

``kg source add`` registers a document (:mod:`graph.authoring.sources`), ``kg suggest``
drafts facts from it (:mod:`graph.authoring.sentences`, :mod:`graph.authoring.mentions`,
:mod:`graph.authoring.suggest`), ``kg diff`` shows what a change did to the graph, fact
by fact (:mod:`graph.authoring.diff`), and ``kg build`` writes the fact files' JSON Schema
(:mod:`graph.authoring.schema_file`) for editors.
"""
