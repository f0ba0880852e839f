"""SPARQL over the graph, in-process (pyoxigraph), with the graph's prefixes predeclared.

The Python API is one function, :func:`run`; :func:`execute` is the same with
the raw RDF terms kept (what the command line formats).

>>> import graph
>>> kg = graph.build("tests/fixtures/mini")
>>> run(kg, "SELECT ?name WHERE { ?p nx:leader_of ent:huallaga-faction ; rdfs:label ?name }")
[{'name': 'Forindo Eleuterio Flores Hala'}]

``as_of`` keeps only the statements that hold in that year (the rule of
:mod:`graph.builder.time`): Artemio was captured in February 2012.

>>> q = "SELECT ?who WHERE { ?gov nx:captured ?p . ?p rdfs:label ?who }"
>>> run(kg, q, as_of=1992), run(kg, q, as_of=2014)
([], [{'who': 'Forindo Eleuterio Flores Hala'}])

User values go in as bindings, never pasted into the query text; an entity id
becomes its IRI with :func:`entity`. A bound variable must be one the query
selects (SEP-0007), so a query written for every entity answers for one:

>>> rows = run(kg, "SELECT ?e ?type WHERE { ?e a ?type }", bindings={"e": entity(kg, "artemio")})
>>> rows[0]["type"], rows.variables
('https://w3id.org/peru-nexus/ontology#Person', ['e', 'type'])

Syntax errors carry the line and column of the query text as given (the
prefixes are handed to the engine, not pasted in front of the query, so no
line numbers shift):

>>> run(kg, "SELECT ?x WHERE {\\n  ?x nx:leader_of }")
Traceback (most recent call last):
...
graph.query.errors.QueryError: 2:19: expected one of ...
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from graph.builder.rdf import XSD, Namespaces
from graph.query.errors import QueryError, parse_error
from graph.query.guard import check
from graph.query.named import library, query_dirs, resolve_query
from graph.query.portable import list_columns, rebased, sort_lists
from graph.query.results import FORMATS, Result, Rows, compact, show_term, to_csv, to_json, to_python, to_table
from graph.query.terminal import inert

__all__ = ["FORMATS", "QueryError", "Result", "Rows", "as_of_graph", "compact", "entity", "execute", "inert",
           "library", "parse_error", "prefixes", "query_dirs", "resolve_query", "run", "show_term", "store_for",
           "to_csv", "to_json", "to_python", "to_table"]


def prefixes(base: str | None = None) -> dict[str, str]:
    """The prefixes every query gets for free (``nx:``, ``ent:``, ``rdfs:``, ``skos:``, ``oa:``, ``prov:``…)."""
    return Namespaces(base).prefixes() if base else Namespaces().prefixes()


def entity(kg, entity_id: str) -> ox.NamedNode:
    """The IRI of an entity id, for use as a binding."""
    return ox.NamedNode(kg.namespaces.entity + entity_id)


def store_for(source, as_of: int | None = None):
    """(pyoxigraph.Store, base IRI) for a KnowledgeGraph, a Store, or a seeds folder."""
    from graph.builder import KnowledgeGraph, build

    if isinstance(source, (str, Path)):
        source = build(source, quotes=False)
    if isinstance(source, ox.Store):
        if as_of is not None:
            raise ValueError("as_of needs a KnowledgeGraph (the facts), not a bare Store")
        return source, None
    if not isinstance(source, KnowledgeGraph):
        raise TypeError(f"expected a KnowledgeGraph, a pyoxigraph.Store or a seeds folder, not {type(source).__name__}")
    if as_of is not None:
        return as_of_graph(source, as_of).store(), source.base
    return source.query_store, source.base


def as_of_graph(kg, year: int):
    """The graph restricted to what holds in ``year`` (the rule of :mod:`graph.builder.time`)."""
    from graph.builder import KnowledgeGraph
    from graph.builder.rdf import facts_to_triples
    from graph.builder.time import facts_as_of

    facts = facts_as_of(kg.facts, int(year), kg.base)
    return KnowledgeGraph(facts, facts_to_triples(facts, kg.base), kg.base, kg.report)


def _term(value) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, str):
        return ox.Literal(value)
    raise TypeError(f"cannot bind a {type(value).__name__}: give a pyoxigraph term, a str, an int or a bool")


def _runtime_error(exc: RuntimeError) -> QueryError:
    m = re.search(r"variable \?(\S+) in its SELECT projection", str(exc))
    if m:
        return QueryError(f"cannot bind ?{m.group(1)}: the query does not select it "
                          f"(a bound variable must be in the SELECT clause)")
    return QueryError(str(exc))


def _ask(store, sparql: str, pfx: dict, substitutions: dict):
    """The store's answer; any way the query fails, a :class:`QueryError`."""
    try:
        return store.query(sparql, prefixes=pfx, substitutions=substitutions or None)
    except SyntaxError as exc:
        raise parse_error(exc, sparql, prefixes()) from None
    except RuntimeError as exc:
        raise _runtime_error(exc) from None
    except (OSError, ValueError, TypeError) as exc:
        raise QueryError(str(exc)) from None


def _capped(rows, max_rows: int | None) -> list:
    """``rows`` as a list; a :class:`QueryError` as soon as there are more than ``max_rows``."""
    out = []
    try:
        for row in rows:
            out.append(row)
            if max_rows is not None and len(out) > max_rows:
                raise QueryError(f"the answer has more than {max_rows:,} rows",
                                 hint="add a LIMIT, or allow more rows with --max-rows N (0: no limit)")
    except RuntimeError as exc:  # met while the solutions are read (an unbound SERVICE target…)
        raise _runtime_error(exc) from None
    except (OSError, ValueError, TypeError) as exc:  # a timeout or a limit, met while the solutions are read
        raise QueryError(str(exc)) from None
    return out


def _result(answer, pfx: dict, max_rows: int | None = None) -> Result:
    if isinstance(answer, ox.QueryBoolean):
        return Result("ask", boolean=bool(answer), prefixes=pfx)
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = _capped((tuple(sol[v] for v in variables) for sol in answer), max_rows)
        return Result("select", variables, rows, prefixes=pfx)
    rows = _capped(((t.subject, t.predicate, t.object) for t in answer), max_rows)
    return Result("graph", ["subject", "predicate", "object"], rows, prefixes=pfx)


def execute(source, sparql: str, *, as_of: int | None = None, bindings: dict | None = None,
            allow_service: bool = False, max_rows: int | None = None) -> Result:
    """Run ``sparql`` and keep the RDF terms; see :func:`run` for the arguments."""
    check(sparql, allow_service=allow_service)
    store, base = store_for(source, as_of)
    pfx = prefixes(base)
    substitutions = {ox.Variable(k.lstrip("?$")): _term(v) for k, v in (bindings or {}).items()}
    result = _result(_ask(store, rebased(sparql, base), pfx, substitutions), pfx, max_rows or None)
    if result.kind == "select":
        result.rows = sort_lists(result.variables, result.rows, list_columns(sparql), _same_kind)
    return result


def _same_kind(term, text: str):
    """A literal like ``term`` (its datatype or language) with the text ``text``."""
    if not isinstance(term, ox.Literal):
        return term
    return ox.Literal(text, language=term.language) if term.language else ox.Literal(text, datatype=term.datatype)


def run(source, sparql: str, *, as_of: int | None = None, bindings: dict | None = None,
        allow_service: bool = False, max_rows: int | None = None):
    """Run a SPARQL query over the graph and return its answer as plain Python data.

    * ``source``: a :class:`graph.KnowledgeGraph` (its store is made once and
      reused), a ``pyoxigraph.Store``, or the path of a seeds folder.
    * ``sparql``: the query; the graph's prefixes (:func:`prefixes`) are
      predeclared, and a ``PREFIX`` in the query overrides them (one under the
      default base is moved to the graph's base). The items of a
      ``GROUP_CONCAT(DISTINCT …)`` come back sorted (:mod:`graph.query.portable`).
    * ``as_of``: a year; only what holds in that year is queried (needs a
      KnowledgeGraph or a folder, not a bare Store).
    * ``bindings``: ``{variable: value}`` substituted into the query before it
      runs (SEP-0007): a pyoxigraph term, or a str (a plain literal), int or bool.
    * ``allow_service``: let ``SERVICE`` send requests to other servers (refused
      by default); a query nested more than 100 deep is always refused
      (:mod:`graph.query.guard`).
    * ``max_rows``: refuse an answer of more rows than this (None: no limit).

    Returns, for SELECT, a :class:`Rows` list of ``{variable: value}`` dicts
    (values as in :func:`to_python`; unbound variables are left out) with a
    ``variables`` attribute; for ASK, a bool; for CONSTRUCT and DESCRIBE, a
    list of ``pyoxigraph.Triple``. Raises :class:`QueryError` (with ``line``
    and ``col``) for a query that does not parse or is refused.
    """
    result = execute(source, sparql, as_of=as_of, bindings=bindings, allow_service=allow_service,
                     max_rows=max_rows)
    if result.kind == "ask":
        return result.boolean
    if result.kind == "graph":
        return [ox.Triple(*row) for row in result.rows]
    rows = Rows(result.records())
    rows.variables = result.variables
    return rows
