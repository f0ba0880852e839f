r"""The columns of the property-graph export (Neo4j's bulk-import CSV header syntax),
shared by the CSV writer (:mod:`graph.exports.property_graph`) and the Cypher
scripts (:mod:`graph.exports.cypher`).

>>> [c.header for c in ESTIMATE_OF_COLUMNS]
[':START_ID(Estimate)', ':END_ID(Entity)', ':TYPE']
>>> Column("start_year:int").name, Column("start_year:int").type, Column("id:ID(Entity)").type
('start_year', 'int', 'ID')
>>> print(cypher_literal("it's\x1f"))
'it\'s\u001f'
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.vocab.terms import ENTITY, ESTIMATE, SOURCE

ARRAY_DELIMITER = "\x1f"  # U+001F, the unit separator: --array-delimiter=U+001F
ARRAY_DELIMITER_OPTION = "--array-delimiter=U+001F"
FOLDER = "neo4j"
ESTIMATE_OF = "ESTIMATE_OF"  # the relationship from an estimate to its entity (nx:estimate_of)

@dataclass(frozen=True)
class Column:
    """One CSV column: its header (``name:type``, ``:LABEL``, ``id:ID(Space)``…) and property."""

    header: str

    @property
    def name(self) -> str:
        """The property name ('' for ``:LABEL``, ``:TYPE``, ``:START_ID``, ``:END_ID``)."""
        return self.header.split(":", 1)[0]

    @property
    def type(self) -> str:
        """The Neo4j type after the colon (``string`` when none; ``ID``, ``LABEL``… for the special ones)."""
        if ":" not in self.header:
            return "string"
        t = self.header.split(":", 1)[1]
        return t.split("(", 1)[0]


def _columns(*headers: str) -> list[Column]:
    return [Column(h) for h in headers]


TIME = ("date", "start_date", "end_date", "start_year:int", "end_year:int")
ENTITY_COLUMNS = _columns("id:ID(Entity)", ":LABEL", "name", "type", "aliases:string[]", "description", *TIME,
                          "sources:string[]", "citations", "iri")
SOURCE_COLUMNS = _columns("id:ID(Source)", ":LABEL", "name", "title", "author", "publisher", "date", "file", "iri")
ESTIMATE_COLUMNS = _columns("id:ID(Estimate)", ":LABEL", "name", "measure", "value:float", "min:float",
                            "max:float", "unit", "status", "modality", *TIME, "place", "sources:string[]", "citations", "iri")
STATEMENT_COLUMNS = _columns(":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "id", "predicate", "status",
                             "modality", *TIME, "place", "sources:string[]", "citations", "iri")
ESTIMATE_OF_COLUMNS = _columns(":START_ID(Estimate)", ":END_ID(Entity)", ":TYPE")

# file name -> (columns, node table or (from, to) for relationships)
FILES = {
    "nodes-entities.csv": (ENTITY_COLUMNS, ENTITY),
    "nodes-sources.csv": (SOURCE_COLUMNS, SOURCE),
    "nodes-estimates.csv": (ESTIMATE_COLUMNS, ESTIMATE),
    "relationships.csv": (STATEMENT_COLUMNS, (ENTITY, ENTITY)),
    "relationships-estimates.csv": (ESTIMATE_OF_COLUMNS, (ESTIMATE, ENTITY)),
}
NODE_FILES = ("nodes-entities.csv", "nodes-sources.csv", "nodes-estimates.csv")
SCRIPTS = ("import.cypher", "falkordb.cypher", "ladybug-schema.cypher")


def rel_type(predicate: str) -> str:
    """The relationship type of a predicate: ``leader_of`` → ``LEADER_OF``."""
    return predicate.upper()


def cypher_literal(s: str, escape_controls: bool = True) -> str:
    """A Cypher string literal: control characters as ``\\uXXXX`` (Neo4j, LadybugDB), or kept as
    they are when ``escape_controls`` is false (FalkorDB reads ``\\u001f`` as six characters)."""
    s = s.replace("\\", "\\\\").replace("'", "\\'")
    if not escape_controls:
        return "'" + s + "'"
    return "'" + "".join(f"\\u{ord(ch):04x}" if ord(ch) < 0x20 else ch for ch in s) + "'"


def field(c: Column) -> str:
    """The Cypher expression for a column of a ``LOAD CSV ... AS row``: ``row.`name` ``."""
    return f"row.`{c.header}`"
