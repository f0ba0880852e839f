"""Asking the built graph: SPARQL, names, analysis, coverage."""
