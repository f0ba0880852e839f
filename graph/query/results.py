"""A query's answer, and the ways to print it: an aligned table, SPARQL 1.1 CSV, TSV and JSON results.

>>> r = Result("select", ["name"], [(ox.Literal("Sendero"),), (None,)])
>>> print(r.serialize("table"), end="")
name
-------
Sendero
<BLANKLINE>
(2 rows)
>>> r.records(), r.serialize("csv")
([{'name': 'Sendero'}, {}], 'name\\r\\nSendero\\r\\n""\\r\\n')
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

import pyoxigraph as ox

from graph.builder.rdf import XSD
from graph.exports.spreadsheet import neutralise
from graph.query.terminal import cut, inert, width

FORMATS = ("table", "csv", "tsv", "json")


@dataclass
class Result:
    """The outcome of one query: ``kind`` is "select", "ask" or "graph" (CONSTRUCT/DESCRIBE).

    ``rows`` are tuples of pyoxigraph terms (``None`` when unbound), one per
    solution, in ``variables`` order; a graph result has the variables
    subject, predicate, object; an ask result has ``boolean``.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    prefixes: dict[str, str] = field(default_factory=dict)

    def records(self) -> list[dict]:
        """The rows as dicts of plain Python values (unbound variables left out)."""
        return [{v: to_python(t) for v, t in zip(self.variables, row) if t is not None} for row in self.rows]

    def serialize(self, fmt: str = "table", max_width: int = 80) -> str:
        """Render as "table" (aligned, for a terminal), "csv"/"tsv" (SPARQL 1.1 CSV/TSV results) or
        "json" (SPARQL 1.1 Query Results JSON)."""
        writers = {"json": to_json, "csv": to_csv, "tsv": lambda r: to_csv(r, tsv=True),
                   "table": lambda r: to_table(r, max_width)}
        if fmt not in writers:
            raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
        return writers[fmt](self)


class Rows(list):
    """A list of dicts (variable name -> plain value), with ``variables`` in projection order."""

    variables: list[str]


_NUMERIC = {XSD + t: int for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                   "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                   "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_NUMERIC.update({XSD + "decimal": Decimal, XSD + "double": float, XSD + "float": float})


def _literal_value(term: ox.Literal):
    dt = term.datatype.value if term.datatype is not None else None
    if dt == XSD + "boolean":
        return term.value in ("true", "1")
    try:
        return _NUMERIC[dt](term.value) if dt in _NUMERIC else term.value
    except (ValueError, ArithmeticError):
        return term.value


def to_python(term):
    """A pyoxigraph term as a plain value: an IRI as its string, a number as int/Decimal/float,
    a boolean as bool, any other literal as its lexical form, a blank node as ``_:id``.

    >>> to_python(ox.Literal("3", datatype=ox.NamedNode(XSD + "integer"))), to_python(ox.NamedNode("http://x/"))
    (3, 'http://x/')
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return _literal_value(term)
    return str(term)


# ---------------------------------------------------------------- table

def compact(iri: str, pfx: dict[str, str]) -> str:
    """``ent:artemio`` for a full IRI whose namespace has a prefix, else ``<iri>``.

    >>> compact("http://x/ns#a", {"x": "http://x/ns#"}), compact("http://y/", {"x": "http://x/ns#"})
    ('x:a', '<http://y/>')
    """
    best = ""
    for name, ns in pfx.items():
        if iri.startswith(ns) and len(ns) > len(pfx.get(best, "")) and _is_local_name(iri[len(ns):]):
            best = name
    return f"{best}:{iri[len(pfx[best]):]}" if best else f"<{iri}>"


def _is_local_name(local: str) -> bool:
    return bool(re.fullmatch(r"[\w.-]*", local)) and not local.endswith(".")


def show_term(term, pfx: dict[str, str]) -> str:
    """A term as a table shows it: compact IRIs, literals by their text (``@lang`` kept)."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value, pfx)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return f"{term.value}@{term.language}" if term.language else term.value
    return str(term)


def _aligned(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c + " " * (w - width(c)) for c, w in zip(cells, widths)).rstrip()


def _widths(heads: list[str], cells: list[list[str]]) -> list[int]:
    """Each column's width: its widest cell, or its heading when that is wider.

    >>> _widths(["name", "n"], [["Artemio", "1"], ["SL", "120"]])
    [7, 3]
    """
    return [max([width(head)] + [width(row[i]) for row in cells]) for i, head in enumerate(heads)]


def _rows_line(n: int) -> str:
    """The table's last line, the count of its rows.

    >>> _rows_line(1), _rows_line(0)
    ('(1 row)', '(0 rows)')
    """
    return f"({n} row{'s' if n != 1 else ''})"


def to_table(result: Result, max_width: int = 80) -> str:
    """Columns aligned for a terminal; cells longer than ``max_width`` cut with "…" (0: no limit)."""
    if result.kind == "ask":
        return ("yes" if result.boolean else "no") + "\n"
    cols = result.variables
    cells = [[cut(inert(show_term(t, result.prefixes)), max_width) for t in row] for row in result.rows]
    widths = _widths(cols, cells)
    lines = [_aligned(cols, widths), "  ".join("-" * w for w in widths)]
    lines += [_aligned(r, widths) for r in cells]
    lines.append(_rows_line(len(result.rows)))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- SPARQL results formats

def _csv_value(term) -> str:
    """A cell of the CSV results: a text literal a spreadsheet would run as a formula gets a leading ``'``
    (:mod:`graph.exports.spreadsheet`, as in the Neo4j CSV); numbers, IRIs and blank nodes are left as they are.

    >>> minus_two = ox.Literal("-2", datatype=ox.NamedNode(XSD + "integer"))
    >>> _csv_value(ox.Literal('=HYPERLINK("http://evil.example/")')), _csv_value(minus_two)
    ('\\'=HYPERLINK("http://evil.example/")', '-2')
    """
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal) and (term.datatype is None or term.datatype.value not in _NUMERIC):
        return neutralise(term.value)
    return term.value


def _tsv(result: Result) -> str:
    """Each term in its N-Triples form, as the TSV results format asks."""
    lines = ["\t".join("?" + v for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def to_csv(result: Result, tsv: bool = False) -> str:
    """SPARQL 1.1 Query Results CSV (plain values, formula-like text neutralised: :func:`_csv_value`) or TSV
    (RDF terms); an ASK gives ``true``/``false``."""
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    if tsv:
        return _tsv(result)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(result.variables)
    w.writerows([_csv_value(t) for t in row] for row in result.rows)
    return buf.getvalue()


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype.value != XSD + "string":
        out["datatype"] = term.datatype.value
    return out


def to_json(result: Result) -> str:
    """SPARQL 1.1 Query Results JSON (``head.vars``, ``results.bindings``; ``boolean`` for ASK)."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
    bindings = [{v: _json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
    doc = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
