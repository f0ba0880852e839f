"""The graph as a property graph: Neo4j bulk-import CSV, ``LOAD CSV`` scripts for
Neo4j 5 and FalkorDB (:mod:`graph.exports.cypher`), and a schema-and-load script
for LadybugDB (the embeddable openCypher database descended from Kùzu).

The model:

* ``(:Entity)`` nodes, one per entity, with Neo4j labels ``Entity``, the
  entity's type and every class above it (``Entity;ArmedGroup;Organization;…``)
  and properties ``id``, ``name``, ``type``, ``aliases`` (a list), ``description``,
  ``date``/``start_date``/``end_date`` (ISO text as written; ``end`` is a
  Cypher keyword), ``start_year``/``end_year`` (integers), ``sources`` (a list of source ids), ``citations`` (JSON text: every
  citation with its locator, quote, claimant and stance) and ``iri``.
* ``(:Source)`` nodes for the documents, ``(:Estimate)`` nodes for the
  quantitative claims, each ``-[:ESTIMATE_OF]->`` its entity.
* One relationship per statement, typed by its predicate in upper case
  (``leader_of`` → ``LEADER_OF``), with the statement's ``id``, ``predicate``,
  ``status``, ``modality``, dates, ``place`` (an entity id), ``sources``, ``citations``, ``iri``.
  Disputed statements are there too, with ``status: 'disputed'``.

Files (under ``exports/neo4j/``), in ``neo4j-admin database import`` format —
``id:ID(Space)``, ``:LABEL``, ``:START_ID(Space)``, ``:END_ID(Space)``, ``:TYPE``,
typed columns (``start_year:int``, ``aliases:string[]``). Written as RFC 4180
fields (one quoted when it holds a comma, a quote, a line feed or a carriage
return), so quotes, commas, line breaks and backslashes stay inside their fields. An empty field is an absent property. A text cell a spreadsheet
would run as a formula (``=…``, ``+…``, ``-…``, ``@…``) gets a leading ``'``
(:mod:`graph.exports.spreadsheet`), which the scripts remove again. Floats are
written positionally (``0.00001``, never ``1e-05``).

List elements (and a node's labels) are separated by U+001F, the ASCII unit
separator, not Neo4j's default ``;``: an alias may hold a semicolon (or a pipe,
or a comma), but text never needs U+001F; the one that a YAML escape could put
in a value is written as U+FFFD. Hence ``--array-delimiter=U+001F`` in the
``neo4j-admin`` command.

>>> from graph.builder import build
>>> files = render_neo4j(build("tests/fixtures/mini"))
>>> files["nodes-entities.csv"].splitlines()[0].decode()
'id:ID(Entity),:LABEL,name,type,aliases:string[],description,date,start_date,end_date,start_year:int,end_year:int,sources:string[],citations,iri'
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from graph.builder import KnowledgeGraph
from graph.exports.cypher import FALKORDB, NEO4J as NEO4J_5, cypher_script
from graph.exports.property_columns import (ARRAY_DELIMITER, ARRAY_DELIMITER_OPTION, ENTITY_COLUMNS,  # noqa: F401
                                            ESTIMATE_COLUMNS, ESTIMATE_OF, ESTIMATE_OF_COLUMNS, FILES, FOLDER,
                                            NODE_FILES, SCRIPTS, SOURCE_COLUMNS, STATEMENT_COLUMNS, Column,
                                            cypher_literal as _q, rel_type)
from graph.exports.registry import Exporter
from graph.exports.spreadsheet import TRIGGERS, ladybug_restore, needs_quote, neutralise
from graph.vocab.ontology import load_ontology
from graph.vocab.terms import ENTITY, ESTIMATE, SOURCE

# Neo4j import types -> LadybugDB types.
LADYBUG_TYPES = {"string": "STRING", "int": "INT64", "float": "DOUBLE", "boolean": "BOOLEAN",
                 "string[]": "STRING[]"}


_JSON_TEXT = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # json.dumps(v, ...) made once


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ARRAY_DELIMITER.join(str(v).replace(ARRAY_DELIMITER, "\ufffd") for v in value)
    if isinstance(value, dict):
        return _JSON_TEXT(value)
    if isinstance(value, float):  # positional, never 1e-05: the FalkorDB script reads digits
        return format(Decimal(repr(value)), "f")
    return str(value)


TEXT = ("string", "string[]")  # the columns a spreadsheet could take for formulas
_SPECIAL = re.compile('[,"\n\r]').search  # a field holding one is quoted (csv's QUOTE_MINIMAL misses a lone CR)
_RUNS = re.compile(f"'*[{re.escape(TRIGGERS)}]").match  # what graph.exports.spreadsheet.needs_quote matches


def _field_text(cell: str) -> str:
    """One CSV field: quoted, with its quotes doubled, when it holds a comma, a quote or a line break."""
    return '"' + cell.replace('"', '""') + '"' if _SPECIAL(cell) else cell


def _column(column: Column, values) -> tuple[list[str], bool]:
    """One column's fields (neutralised if text, then quoted where needed) and whether a text cell got a ``'``."""
    cells = [v if type(v) is str else _cell(v) for v in values]
    neutralised = column.type in TEXT and any(map(_RUNS, cells))
    if neutralised:
        cells = [neutralise(x) for x in cells]
    if any(map(_SPECIAL, cells)):
        cells = [_field_text(x) for x in cells]
    return cells, neutralised


def _by_column(rows: list[list], width: int) -> list:
    """The values of ``rows`` column by column (``width`` empty columns when there are no rows)."""
    return list(zip(*rows)) if rows else [()] * width


def _header(columns: list[Column]) -> str:
    return ",".join(_field_text(c.header) for c in columns)


def _table(columns: list[Column], rows: list[list]) -> tuple[bytes, frozenset[str]]:
    """The CSV of ``rows``, and the headers of its text columns with a cell written with a leading ``'``."""
    made = [_column(c, values) for c, values in zip(columns, _by_column(rows, len(columns)))]
    lines = [_header(columns), *map(",".join, zip(*(cells for cells, _ in made)))]
    quoted = frozenset(c.header for c, (_, neutralised) in zip(columns, made) if neutralised)
    return "".join(line + "\n" for line in lines).encode(), quoted


def _csv(columns: list[Column], rows) -> bytes:
    return _table(columns, list(rows))[0]


def quoted_columns(data: dict[str, list[list]]) -> dict[str, frozenset[str]]:
    """By file, the headers of the text columns with a cell written with a leading ``'``."""
    return {name: frozenset(c.header for i, c in enumerate(FILES[name][0])
                            if c.type in TEXT and any(needs_quote(_cell(r[i])) for r in data[name]))
            for name in FILES}


def _citations(citations) -> str:
    return _JSON_TEXT([c.as_dict() for c in citations])


def _sources(citations) -> list[str]:
    return sorted({c.source for c in citations})


def _time(x) -> list:
    return [x.date, x.start, x.end, x.first_year, x.last_year]


def _evidence(x) -> list:
    return [_sources(x.citations), _citations(x.citations)]


def _entity_row(ent, onto, ns) -> list:
    labels = [ENTITY, ent.type] + sorted(onto.ancestors(ent.type) - {ENTITY, ent.type})
    return [ent.id, labels, ent.name, ent.type, list(ent.aliases), ent.description, *_time(ent),
            *_evidence(ent), ns.entity + ent.id]


def _source_row(src, ns) -> list:
    return [src.id, [SOURCE], src.title, src.title, src.author, src.publisher, src.date, src.file, ns.source + src.id]


def _estimate_row(est, facts, ns) -> list:
    name = f"{est.measure.replace('_', ' ')} of {facts.entities[est.subject].name}"
    return [est.id, [ESTIMATE], name, est.measure, est.value, est.min, est.max, est.unit, est.effective_status,
            est.modality, *_time(est), est.place, *_evidence(est), ns.estimate + est.id]


def _statement_row(st, ns) -> list:
    return [st.subject, st.object, rel_type(st.predicate), st.id, st.predicate, st.effective_status,
            st.modality, *_time(st), st.place, *_evidence(st), ns.statement + st.id]


def rows(kg: KnowledgeGraph) -> dict[str, list[list]]:
    """Every CSV's rows (as Python values, before quoting), by file name, in a fixed order."""
    ns, facts = kg.namespaces, kg.facts
    onto = load_ontology(kg.base)
    estimates = sorted(facts.estimates.values(), key=lambda e: e.id)
    return {
        "nodes-entities.csv": [_entity_row(e, onto, ns) for e in sorted(facts.entities.values(), key=lambda e: e.id)],
        "nodes-sources.csv": [_source_row(s, ns) for s in sorted(facts.sources.values(), key=lambda s: s.id)],
        "nodes-estimates.csv": [_estimate_row(e, facts, ns) for e in estimates],
        "relationships.csv": [_statement_row(st, ns) for st in
                              sorted(facts.statements.values(), key=lambda s: (s.subject, s.object, s.id))],
        "relationships-estimates.csv": [[e.id, e.subject, ESTIMATE_OF] for e in estimates],
    }


def relationship_types(kg: KnowledgeGraph) -> list[str]:
    """The statement relationship types present, sorted."""
    return sorted({rel_type(st.predicate) for st in kg.facts.statements.values()})


def render_neo4j(kg: KnowledgeGraph) -> dict[str, bytes]:
    """Every file of ``exports/neo4j/``: the CSVs and the two scripts, by name."""
    data = rows(kg)
    tables = {name: _table(FILES[name][0], data[name]) for name in FILES}
    files = {name: csv for name, (csv, _) in tables.items()}
    types, quoted = relationship_types(kg), {name: q for name, (_, q) in tables.items()}
    files["import.cypher"] = cypher_script(data, types, quoted, NEO4J_5)
    files["falkordb.cypher"] = cypher_script(data, types, quoted, FALKORDB)
    files["ladybug-schema.cypher"] = ladybug_script(kg, data, quoted)
    return files


# -- LadybugDB schema and load script ----------------------------------------------------------------


def _ladybug_columns(columns: list[Column]) -> list[tuple[str, str]]:
    """(property, LadybugDB type) for each property column; ``:LABEL`` becomes ``labels``."""
    out = []
    for c in columns:
        if c.type == "ID":
            out.append((c.name, "STRING"))
        elif c.type == "LABEL":
            out.append(("labels", "STRING[]"))
        elif c.name:
            out.append((c.name, LADYBUG_TYPES[c.type]))
    return out


LADYBUG_READ_TYPES = {"int": "INT64", "float": "DOUBLE"}  # how a CSV column is read (else STRING)


def _read_back(column_name: str, c: Column, quoted: frozenset[str]) -> str:
    """A column as it is returned to COPY: text restored, lists (and labels) split on the array delimiter."""
    if c.header in quoted:
        column_name = ladybug_restore(column_name, _q)
    if c.type in ("string[]", "LABEL"):
        return f"CASE WHEN {column_name} IS NULL THEN NULL ELSE string_split({column_name}, {_q(ARRAY_DELIMITER)}) END"
    return column_name


def _load_from(name: str, quoted: dict, where: str | None = None) -> str:
    """``LOAD WITH HEADERS (...) FROM 'file' ... RETURN ...``: read a CSV positionally, convert arrays."""
    columns = FILES[name][0]
    names = [f"c{i}" for i in range(len(columns))]
    heads = ", ".join(f"{n} {LADYBUG_READ_TYPES.get(c.type, 'STRING')}" for n, c in zip(names, columns))
    ret = [_read_back(n, c, quoted[name]) for n, c in zip(names, columns) if c.type != "TYPE"]
    cond = f" WHERE {where}" if where else ""
    return (f"LOAD WITH HEADERS ({heads}) FROM '{name}' (header=true, parallel=false){cond} "
            f"RETURN {', '.join(ret)}")


def _node_table(name: str) -> str:
    columns, table = FILES[name]
    props = _ladybug_columns(columns)
    decl = ", ".join(f"`{p}` {t}" + (" PRIMARY KEY" if i == 0 else "") for i, (p, t) in enumerate(props))
    return f"CREATE NODE TABLE {table}({decl});"


def ladybug_script(kg: KnowledgeGraph, data: dict | None = None, quoted: dict | None = None) -> bytes:
    """DDL and COPY statements for LadybugDB, to run in ``exports/neo4j/`` (one statement a line);
    ``quoted``: :func:`quoted_columns` of ``data``, when the caller has it."""
    quoted = quoted if quoted is not None else quoted_columns(data or rows(kg))
    st_props = ", ".join(f"`{p}` {t}" for p, t in _ladybug_columns(STATEMENT_COLUMNS[3:]))
    types = relationship_types(kg)
    lines = [
        "// Peru Nexus for LadybugDB (generated by `kg build`; do not edit): node and relationship",
        "// tables, then COPY from the Neo4j CSVs. Run with exports/neo4j as the working directory.",
        *(_node_table(name) for name in NODE_FILES),
        *(f"CREATE REL TABLE `{t}`(FROM {ENTITY} TO {ENTITY}, {st_props});" for t in types),
        f"CREATE REL TABLE {ESTIMATE_OF}(FROM {ESTIMATE} TO {ENTITY});",
        *(f"COPY {FILES[name][1]} FROM ({_load_from(name, quoted)});" for name in NODE_FILES),
        *(f"COPY `{t}` FROM ({_load_from('relationships.csv', quoted, f'c2 = {_q(t)}')});" for t in types),
        f"COPY {ESTIMATE_OF} FROM ({_load_from('relationships-estimates.csv', quoted)});",
    ]
    return ("\n".join(lines) + "\n").encode()


def ladybug_statements(script: str) -> list[str]:
    """The statements of a LadybugDB script (comments dropped)."""
    return [line.rstrip().rstrip(";") for line in script.splitlines()
            if line.strip() and not line.lstrip().startswith("//")]


def load_ladybug(folder: str | Path, database: str | Path):
    """Create a LadybugDB database at ``database`` from the files in ``folder``; return a connection.

    >>> # conn = load_ladybug("exports/neo4j", "/tmp/peru.lbug")
    >>> # conn.execute("MATCH (p:Entity)-[:LEADER_OF]->(g) RETURN p.name, g.name").get_all()
    """
    import real_ladybug as lb

    folder = Path(folder).resolve()
    conn = lb.Connection(lb.Database(str(Path(database).resolve())))
    script = (folder / "ladybug-schema.cypher").read_text(encoding="utf-8")
    for name in FILES:  # the script names the CSVs relative to its folder
        script = script.replace(f"FROM '{name}'", f"FROM {_q(str(folder / name))}")
    for statement in ladybug_statements(script):
        conn.execute(statement)
    return conn


def _neo4j_files(kg: KnowledgeGraph) -> dict[str, bytes]:
    return {f"{FOLDER}/{name}": data for name, data in render_neo4j(kg).items()}


NEO4J = Exporter("neo4j", tuple(f"{FOLDER}/{name}" for name in (*FILES, *SCRIPTS)), _neo4j_files)
