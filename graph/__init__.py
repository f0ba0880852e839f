"""Peru Nexus: curated YAML facts in, a sourced knowledge graph out.

>>> import graph
>>> kg = graph.build("tests/fixtures/mini")
>>> kg.nx.nodes["sendero-luminoso"]["type"]
'ArmedGroup'
"""

__version__ = "0.1.0"

__all__ = ["build", "check", "KnowledgeGraph", "InvalidFacts", "__version__"]

_LAZY = {"build": "graph.builder", "KnowledgeGraph": "graph.builder", "InvalidFacts": "graph.builder",
         "check": "graph.facts.validate"}


def __getattr__(name: str):
    """The package's API, imported on first use: ``kg validate`` never loads the RDF store."""
    if name not in _LAZY:
        raise AttributeError(f"module 'graph' has no attribute '{name}'")
    from importlib import import_module

    return getattr(import_module(_LAZY[name]), name)
