"""What makes one query text give the same answer here and on any SPARQL 1.1 store.

Two rules, applied by :func:`graph.query.sparql.execute` and by the store
comparison in the tests:

* **Lists are sets.** ``GROUP_CONCAT(DISTINCT …)`` joins its values in an order
  the standard leaves open (engines, and even two loads of one store, differ),
  so a list made that way is printed with its items sorted
  (:func:`sort_lists`): every engine's answer then reads the same.
* **The named queries declare their prefixes** for the default base IRI; a
  graph built with another ``--base`` has those declarations moved to its
  own base (:func:`rebased`), so one ``.rq`` file serves both.

>>> q = 'SELECT (GROUP_CONCAT(DISTINCT ?n; separator=" | ") AS ?names) (GROUP_CONCAT(DISTINCT ?s) AS ?ids) {}'
>>> list_columns(q)
{'names': ' | ', 'ids': ' '}
>>> sort_items("b | a | c", " | ")
'a | b | c'
>>> rebased("PREFIX nx: <https://w3id.org/peru-nexus/ontology#>", "http://example.org/kg/")
'PREFIX nx: <http://example.org/kg/ontology#>'
"""

from __future__ import annotations

import re

from graph.vocab.ontology import DEFAULT_BASE

_LIST = re.compile(r'GROUP_CONCAT\s*\(\s*DISTINCT\b(?:[^()"\']|"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|\((?:[^()]|\([^()]*\))*\))*?'
                   r'(?:;\s*SEPARATOR\s*=\s*(?P<sep>"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'))?\s*\)\s*AS\s*[?$](?P<var>\w+)',
                   re.I | re.S)
_PREFIX_DECL = re.compile(r"(?im)^(\s*PREFIX\s+[\w.-]*:\s*<)" + re.escape(DEFAULT_BASE))


def _unquote(literal: str | None) -> str:
    if literal is None:
        return " "
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n"}.get(m.group(1), m.group(1)), literal[1:-1])


def list_columns(sparql: str) -> dict[str, str]:
    """``{variable: separator}`` for every ``GROUP_CONCAT(DISTINCT …) AS ?variable`` in ``sparql``."""
    return {m.group("var"): _unquote(m.group("sep")) for m in _LIST.finditer(sparql)}


def sort_items(text: str, separator: str) -> str:
    """``text``'s items (split at ``separator``) in sorted order."""
    return separator.join(sorted(text.split(separator))) if separator else text


def sort_lists(variables: list[str], rows: list[tuple], columns: dict[str, str], make_literal) -> list[tuple]:
    """``rows`` with the items of each list column sorted; ``make_literal(old_term, text)`` makes the new term."""
    where = [(i, columns[v]) for i, v in enumerate(variables) if v in columns]
    if not where:
        return rows
    out = []
    for row in rows:
        row = list(row)
        for i, sep in where:
            if row[i] is not None:
                row[i] = make_literal(row[i], sort_items(row[i].value, sep))
        out.append(tuple(row))
    return out


def rebased(sparql: str, base: str | None) -> str:
    """``sparql`` with its ``PREFIX`` declarations under the default base moved to ``base``."""
    if not base or base == DEFAULT_BASE:
        return sparql
    return _PREFIX_DECL.sub(lambda m: m.group(1) + base, sparql)


# What ``kg query --as-of YEAR`` keeps, as SPARQL any store runs over the full export: the statements ?s that
# hold in ?year (the rule of graph.builder.time). The README shows it; tests/test_query.py checks it against
# --as-of for several years.
AS_OF_PATTERN = """\
  ?s a nx:Statement ; rdf:predicate ?p .
  FILTER EXISTS { ?s nx:start_year|nx:end_year ?when }
  OPTIONAL { ?s nx:start_year ?first }
  OPTIONAL { ?s nx:end_year ?last }
  BIND(EXISTS { ?s nx:date ?date . ?p a nx:EventRelationship } AS ?lasting)
  FILTER(COALESCE(?first, ?year) <= ?year && (?lasting || COALESCE(?last, ?year) >= ?year))
  FILTER NOT EXISTS {
    ?s rdf:subject|rdf:object ?e .
    OPTIONAL { ?e nx:start_year ?e_first }
    OPTIONAL { ?e nx:end_year ?e_last FILTER NOT EXISTS { ?e nx:date ?e_date } }
    FILTER(COALESCE(?e_first, ?year) > ?year || COALESCE(?e_last, ?year) < ?year)
  }
"""


def as_of_query(year: int, select: str = "?s") -> str:
    """A SELECT of the statements that hold in ``year``, with its PREFIXes, for any SPARQL 1.1 store.

    >>> print(as_of_query(1992).splitlines()[3])
    SELECT ?s WHERE {
    """
    return (f"PREFIX nx: <{DEFAULT_BASE}ontology#>\nPREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
            f"\nSELECT {select} WHERE {{\n  VALUES ?year {{ {int(year)} }}\n{AS_OF_PATTERN}}}\n")
