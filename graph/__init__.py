"""Peru Nexus: curated YAML facts in, a sourced knowledge graph out.

>>> import graph
>>> kg = graph.build("tests/fixtures/mini")
>>> kg.nx.nodes["sendero-luminoso"]["type"]
'ArmedGroup'
"""

__version__ = "0.1.0"

from graph.builder import InvalidFacts, KnowledgeGraph, build  # noqa: E402
from graph.facts.validate import check  # noqa: E402

__all__ = ["build", "check", "KnowledgeGraph", "InvalidFacts", "__version__"]
