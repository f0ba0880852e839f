"""The vocabulary: the ontology and the fact schema (ontology/), read into Python."""
