"""SPARQL over the graph, in-process (pyoxigraph), with the graph's prefixes predeclared.

The Python API is one function, :func:`run`; :func:`execute` is the same with
the raw RDF terms kept (what the command line formats).

>>> import graph
>>> kg = graph.build("tests/fixtures/mini")
>>> run(kg, "SELECT ?name WHERE { ?p nx:leader_of ent:huallaga-faction ; rdfs:label ?name }")
[{'name': 'Forindo Eleuterio Flores Hala'}]

``as_of`` keeps only the statements that hold in that year (the rule of
:mod:`graph.timeline`): Artemio was captured in February 2012.

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
graph.query.sparql.QueryError: 2:19: expected one of ...
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from graph.builder.rdf import XSD, Namespaces
from graph.resources import data_dir

FORMATS = ("table", "csv", "tsv", "json")


class QueryError(Exception):
    """A query that cannot be parsed or run; ``line`` and ``col`` are 1-based positions in the query text."""

    def __init__(self, message: str, line: int | None = None, col: int | None = None):
        self.message, self.line, self.col = message, line, col
        where = f"{line}:{col}: " if line is not None else ""
        super().__init__(where + message)

    def format(self, name: str = "query", text: str | None = None) -> str:
        """Compiler style: ``name:line:col: error: message``, then the line with a caret under the column."""
        where = name if self.line is None else f"{name}:{self.line}:{self.col}"
        out = f"{inert(where)}: error: {inert(self.message)}"
        if text is not None and self.line is not None:
            lines = text.split("\n")
            if 1 <= self.line <= len(lines):
                src = lines[self.line - 1]
                pad = _width(inert(src[:max(self.col - 1, 0)]))
                out += f"\n    {inert(src)}\n    {' ' * pad}^"
        return out


# ---------------------------------------------------------------- results

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
        if fmt == "json":
            return to_json(self)
        if fmt in ("csv", "tsv"):
            return to_csv(self, tsv=fmt == "tsv")
        if fmt == "table":
            return to_table(self, max_width)
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


class Rows(list):
    """A list of dicts (variable name -> plain value), with ``variables`` in projection order."""

    variables: list[str]


_NUMERIC = {XSD + t: int for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                   "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                   "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_NUMERIC.update({XSD + "decimal": Decimal, XSD + "double": float, XSD + "float": float})


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
        dt = term.datatype.value if term.datatype is not None else None
        if dt in _NUMERIC:
            try:
                return _NUMERIC[dt](term.value)
            except (ValueError, ArithmeticError):
                return term.value
        if dt == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    return str(term)


# ---------------------------------------------------------------- running

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
    cached = source.__dict__.get("_query_store")
    if cached is None:
        cached = source.__dict__["_query_store"] = source.store()
    return cached, source.base


def as_of_graph(kg, year: int):
    """The graph restricted to what holds in ``year`` (see :mod:`graph.timeline`)."""
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


_POSITION = re.compile(r"^error at (\d+):(\d+): ", re.S)


def parse_error(exc: SyntaxError, text: str) -> QueryError:
    """Turn pyoxigraph's parser message into a short one with the line and column."""
    message = str(exc)
    m = _POSITION.match(message)
    line = col = None
    if m:
        line, col = int(m.group(1)), int(m.group(2))
        message = message[m.end():]
    lines = text.split("\n")
    before = lines[line - 1][:col - 1] if line and 1 <= line <= len(lines) else ""
    update = re.match(r"(?is)^(?:\s|#[^\n]*\n|(?:PREFIX|BASE)\b[^<]*<[^>]*>)*"
                      r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", text)
    if update:
        message = f"{update.group(1).upper()} is SPARQL Update; the graph is read-only here (SELECT, ASK, " \
                  f"CONSTRUCT or DESCRIBE)"
    elif "Prefix not found" in message:
        name = re.search(r"([A-Za-z][\w.-]*)?:[\w.-]*$", before)
        prefix = (name.group(1) or "") if name else "?"
        message = f"unknown prefix '{prefix}:' (predeclared: {', '.join(sorted(prefixes()))})"
    elif "unbound" in message and "SELECT" in message:
        message = "the SELECT clause uses a variable that is not bound in the query (missing GROUP BY?)"
    elif "IRI parsing failed" in message:
        message = "invalid IRI"
    else:
        message = " ".join(message.split())
        if len(message) > 160:
            message = message[:160].rsplit(",", 1)[0] + ", …"
    return QueryError(message, line, col)


def execute(source, sparql: str, *, as_of: int | None = None, bindings: dict | None = None) -> Result:
    """Run ``sparql`` and keep the RDF terms; see :func:`run` for the arguments."""
    store, base = store_for(source, as_of)
    pfx = prefixes(base)
    subs = {ox.Variable(k.lstrip("?$")): _term(v) for k, v in (bindings or {}).items()}
    try:
        answer = store.query(sparql, prefixes=pfx, substitutions=subs or None)
    except SyntaxError as exc:
        raise parse_error(exc, sparql) from None
    except RuntimeError as exc:
        m = re.search(r"variable \?(\S+) in its SELECT projection", str(exc))
        if m:
            raise QueryError(f"cannot bind ?{m.group(1)}: the query does not select it "
                             f"(a bound variable must be in the SELECT clause)") from None
        raise QueryError(str(exc)) from None
    except (OSError, ValueError, TypeError) as exc:
        raise QueryError(str(exc)) from None
    if isinstance(answer, ox.QueryBoolean):
        return Result("ask", boolean=bool(answer), prefixes=pfx)
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        try:
            rows = [tuple(sol[v] for v in variables) for sol in answer]
        except OSError as exc:
            raise QueryError(str(exc)) from None
        return Result("select", variables, rows, prefixes=pfx)
    rows = [(t.subject, t.predicate, t.object) for t in answer]
    return Result("graph", ["subject", "predicate", "object"], rows, prefixes=pfx)


def run(source, sparql: str, *, as_of: int | None = None, bindings: dict | None = None):
    """Run a SPARQL query over the graph and return its answer as plain Python data.

    * ``source``: a :class:`graph.KnowledgeGraph` (its store is made once and
      reused), a ``pyoxigraph.Store``, or the path of a seeds folder.
    * ``sparql``: the query; the graph's prefixes (:func:`prefixes`) are
      predeclared, and a ``PREFIX`` in the query overrides them.
    * ``as_of``: a year; only what holds in that year is queried (needs a
      KnowledgeGraph or a folder, not a bare Store).
    * ``bindings``: ``{variable: value}`` substituted into the query before it
      runs (SEP-0007): a pyoxigraph term, or a str (a plain literal), int or bool.

    Returns, for SELECT, a :class:`Rows` list of ``{variable: value}`` dicts
    (values as in :func:`to_python`; unbound variables are left out) with a
    ``variables`` attribute; for ASK, a bool; for CONSTRUCT and DESCRIBE, a
    list of ``pyoxigraph.Triple``. Raises :class:`QueryError` (with ``line``
    and ``col``) for a query that does not parse.
    """
    result = execute(source, sparql, as_of=as_of, bindings=bindings)
    if result.kind == "ask":
        return result.boolean
    if result.kind == "graph":
        return [ox.Triple(*row) for row in result.rows]
    rows = Rows(result.records())
    rows.variables = result.variables
    return rows


# ---------------------------------------------------------------- the query library

def query_dirs() -> list[Path]:
    """Where named queries are looked up: ./queries, then the ones the package ships."""
    dirs = []
    for d in (Path.cwd() / "queries", data_dir("queries")):
        if d.is_dir() and all(d.resolve() != x.resolve() for x in dirs):
            dirs.append(d)
    return dirs


def library() -> dict[str, tuple[Path, str]]:
    """Named queries: name -> (path, one-line description from the file's first ``# `` line)."""
    out: dict[str, tuple[Path, str]] = {}
    for d in query_dirs():
        for path in sorted(d.glob("*.rq")):
            if path.stem in out:
                continue
            try:
                first = path.read_text(encoding="utf-8").split("\n", 1)[0]
            except (OSError, UnicodeDecodeError):
                first = ""
            out[path.stem] = (path, first[1:].strip() if first.startswith("#") else "")
    return out


_NAME = re.compile(r"^[A-Za-z0-9_][\w.-]*$")


def resolve_query(arg: str) -> tuple[str, str]:
    """(display name, SPARQL text) for a .rq path, a library name, ``-`` (standard input), or inline SPARQL.

    Raises :class:`QueryError` for a bare word that names no query.
    """
    if arg == "-":
        import sys

        return "<stdin>", sys.stdin.read()
    path = Path(arg)
    if arg.endswith(".rq") or (len(arg) < 4096 and "\n" not in arg and path.is_file()):
        try:
            return arg, path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise QueryError(f"no such query file: {arg}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read {arg}: {exc}") from None
    if _NAME.match(arg):
        lib = library()
        if arg in lib:
            p = lib[arg][0]
            try:
                shown = str(p.relative_to(Path.cwd()))
            except ValueError:
                shown = str(p)
            return shown, p.read_text(encoding="utf-8")
        import difflib

        close = difflib.get_close_matches(arg, list(lib), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise QueryError(f"no query named '{arg}' in queries/{hint} (`kg query --list` shows them)")
    return "query", arg


# ---------------------------------------------------------------- output

_BIDI = {0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def inert(text: str) -> str:
    """Text safe to print on a terminal: tabs and line breaks become spaces; other control
    characters (ESC, BEL, C1 codes, bidirectional overrides) are shown as escapes.

    >>> inert("red\\x1b[31m alert\\nnext")
    'red\\\\x1b[31m alert next'
    """
    out = []
    for ch in str(text):
        o = ord(ch)
        if ch in "\t\n\r\v\f":
            out.append(" ")
        elif o < 0x20 or 0x7F <= o < 0xA0:
            out.append(f"\\x{o:02x}")
        elif o in _BIDI or unicodedata.category(ch) in ("Zl", "Zp"):
            out.append(f"\\u{o:04x}")
        else:
            out.append(ch)
    return "".join(out)


def compact(iri: str, pfx: dict[str, str]) -> str:
    """``ent:artemio`` for a full IRI whose namespace has a prefix, else ``<iri>``."""
    best = ""
    for name, ns in pfx.items():
        if iri.startswith(ns) and len(ns) > len(pfx.get(best, "")):
            local = iri[len(ns):]
            if re.fullmatch(r"[\w.-]*", local) and not local.endswith("."):
                best = name
    return f"{best}:{iri[len(pfx[best]):]}" if best else f"<{iri}>"


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


def _char_width(c: str) -> int:
    return 0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1


def _width(s: str) -> int:
    return sum(_char_width(c) for c in s)


def _cut(s: str, limit: int) -> str:
    """``s`` cut to ``limit`` columns, ending in "…" when something was cut.

    >>> _cut("abcdef", 4), _cut("abcd", 4), _cut("日本語テキスト", 6)
    ('abc…', 'abcd', '日本…')
    """
    if not limit or len(s) <= limit and _width(s) <= limit:
        return s
    out, used = [], 0
    for c in s:
        w = _char_width(c)
        if used + w > limit - 1:
            return "".join(out) + "…"
        out.append(c)
        used += w
    return s


def to_table(result: Result, max_width: int = 80) -> str:
    """Columns aligned for a terminal; cells longer than ``max_width`` cut with "…" (0: no limit)."""
    if result.kind == "ask":
        return ("yes" if result.boolean else "no") + "\n"
    cols = result.variables
    cells = [[_cut(inert(show_term(t, result.prefixes)), max_width) for t in row] for row in result.rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(cols)]
    pad = lambda s, w: s + " " * (w - _width(s))  # noqa: E731
    lines = ["  ".join(pad(c, w) for c, w in zip(cols, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(pad(c, w) for c, w in zip(r, widths)).rstrip() for r in cells]
    n = len(result.rows)
    lines.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(lines) + "\n"


def _csv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _tsv_value(term) -> str:
    return "" if term is None else str(term)  # N-Triples form, as the TSV results format asks


def to_csv(result: Result, tsv: bool = False) -> str:
    """SPARQL 1.1 Query Results CSV (plain values) or TSV (RDF terms); an ASK gives ``true``/``false``."""
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    if tsv:
        lines = ["\t".join("?" + v for v in result.variables)]
        lines += ["\t".join(_tsv_value(t) for t in row) for row in result.rows]
        return "\n".join(lines) + "\n"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(result.variables)
    for row in result.rows:
        w.writerow([_csv_value(t) for t in row])
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
