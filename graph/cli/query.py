"""``kg query``, ``kg show``, ``kg path`` and ``kg stats``: looking into the graph, in-process.

They read the facts as ``kg build`` does but leave the quote check to ``kg validate``.

>>> import graph
>>> var, value = binding(graph.build("tests/fixtures/mini"), "org=Sendero Luminoso")
>>> var, value.value
('org', 'https://w3id.org/peru-nexus/entity/sendero-luminoso')
"""

from __future__ import annotations

import argparse
import json
import re
import sys

from graph.cli.common import (KNOWN_AS_OF_HELP, Inputs, add_limits, add_options, load_graph, non_negative,
                              resolve_name, time_slice)
from graph.query.bounded import DEFAULT_MEMORY_MB
from graph.errors import KgError, Reported

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


def graphs(args: argparse.Namespace):
    """``(full, cut)``: the graph from the fact files, and the same cut by ``--known-as-of`` and
    ``--as-of`` (if given; the undated facts the cut keeps apart are counted on standard error)."""
    inputs = Inputs.from_args(args)
    full = load_graph(inputs)
    cut = time_slice(inputs, full)
    apart = len(cut.facts.undated_statements) + len(cut.facts.undated_estimates)
    if apart:
        inputs.progress(f"{apart} undated fact{'s' if apart != 1 else ''} kept apart: not known to hold in "
                        f"{inputs.as_of} (`kg show` lists them)")
    return full, cut


def binding(kg, spec: str):
    """``(var, term)`` for ``--bind VAR=VALUE``."""
    var, sep, value = spec.partition("=")
    var = var.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"\w+", var):
        raise KgError(f"--bind wants VAR=VALUE, not {spec!r}")
    return var, bound_term(kg, value)


def _quoted(value: str) -> bool:
    """Whether ``value`` is a string in quotes, double or single, the same at both ends.

    >>> _quoted('"Lima"'), _quoted("'Lima'"), _quoted("'Lima"), _quoted('"')
    (True, True, False, False)
    """
    return len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'"


def bound_term(kg, value: str):
    """The RDF term for a --bind VALUE: <iri>, prefix:name, "a string", an integer, or an entity's id, name or alias."""
    import pyoxigraph as ox

    if value.startswith("<") and value.endswith(">"):
        return _iri(value[1:-1])
    if _quoted(value):
        return ox.Literal(value[1:-1])
    if re.fullmatch(r"-?\d+", value):
        return ox.Literal(value, datatype=ox.NamedNode(XSD_INTEGER))
    return _prefixed_name(kg, value) or ox.NamedNode(kg.namespaces.entity + resolve_name(kg, value))


def _iri(text: str):
    """The IRI ``<text>`` names, or a one-line error."""
    import pyoxigraph as ox

    if not text:
        raise KgError("--bind: <> is an empty IRI", hint="give an absolute IRI such as <https://example.org/x>")
    try:
        return ox.NamedNode(text)
    except ValueError:
        raise KgError(f"--bind: <{text}> is not a valid IRI",
                      hint="give an absolute IRI without spaces, quotes or braces, such as <https://example.org/x>"
                      ) from None


def _prefixed_name(kg, value: str):
    """The IRI a ``prefix:name`` stands for, with one of the graph's prefixes other than ``ent:``; else None."""
    import pyoxigraph as ox

    from graph.query.sparql import prefixes

    pfx = prefixes(kg.base)
    m = re.fullmatch(r"([A-Za-z][\w-]*):([\w.-]*)", value)
    if m and m.group(1) in pfx and m.group(1) != "ent":
        return ox.NamedNode(pfx[m.group(1)] + m.group(2))
    return None


def print_library() -> int:
    """``kg query --list``: every named query with what it answers."""
    from graph.query.sparql import inert, library

    lib = library()
    width = max((len(n) for n in lib), default=0)
    for name, (_, description) in sorted(lib.items()):
        print(inert(f"{name:<{width}}  {description}"))
    return 0


def _query_text(args: argparse.Namespace) -> tuple[str, str]:
    """``(name, text)`` of the query asked for, checked by the guard before any graph is built."""
    from graph.query.guard import check
    from graph.query.sparql import QueryError, inert, resolve_query

    if not args.query:
        raise KgError("give a query (a .rq file, a name from `kg query --list`, or SPARQL text)")
    try:
        name, text = resolve_query(args.query)
    except QueryError as exc:
        raise KgError(inert(exc.message)) from None
    try:
        check(text, allow_service=args.allow_service)
    except QueryError as exc:
        raise Reported(exc.format(name, text)) from None
    return name, text


def cmd_query(args: argparse.Namespace) -> int:
    from graph.query.bounded import bounded
    from graph.query.sparql import QueryError, execute

    if args.list:
        return print_library()
    name, text = _query_text(args)
    full, kg = graphs(args)
    bindings = dict(binding(full, spec) for spec in args.bind or ())

    def answer() -> str:
        try:
            result = execute(kg, text, bindings=bindings, allow_service=args.allow_service, max_rows=args.max_rows)
        except QueryError as exc:
            raise Reported(exc.format(name, text)) from None
        return result.serialize(args.format, max_width=args.max_width)

    sys.stdout.write(bounded(answer, timeout=args.timeout, max_memory=args.max_memory_mb * 2 ** 20))
    return 0


def _resolve_all(kg, names) -> list[str]:
    """The entity ids ``names`` name, or one error reporting every name that names none."""
    ids, problems = [], []
    for name in names:
        try:
            ids.append(resolve_name(kg, name))
        except Reported as exc:
            problems.append(str(exc))
    if problems:
        raise Reported("\n".join(problems))
    return ids


def _must_hold(kg, eid: str, args: argparse.Namespace) -> str:
    """``eid``, if it holds in the (cut) graph ``kg``."""
    if eid not in kg.nx:
        known, year = getattr(args, "known_as_of", None), getattr(args, "as_of", None)
        cuts = ([f"in {year}"] if year is not None else []) + ([f"in the documents of {known} or before"]
                                                                  if known is not None else [])
        raise KgError(f"{eid} does not hold {' and '.join(cuts)}")
    return eid


def _write(data, as_json: bool, render) -> None:
    sys.stdout.write(json.dumps(data, indent=1, ensure_ascii=False) + "\n" if as_json else render(data))


def cmd_show(args: argparse.Namespace) -> int:
    from graph.query.analysis import dossier, render_dossier

    full, kg = graphs(args)
    eid = _must_hold(kg, resolve_name(full, args.entity), args)
    _write(dossier(kg, eid), args.format == "json", render_dossier)
    return 0


def cmd_path(args: argparse.Namespace) -> int:
    from graph.query.analysis import count_shortest_paths, paths, render_paths

    full, kg = graphs(args)
    a, b, *avoid = _resolve_all(full, (args.a, args.b, *(args.avoid or ())))
    for eid in (a, b):
        _must_hold(kg, eid, args)
    if a == b:
        raise KgError("give two different entities")
    found = paths(kg, a, b, limit=args.max, avoid=tuple(avoid))
    total = count_shortest_paths(kg, a, b, avoid=tuple(avoid)) if found else 0
    if args.format == "json":
        _write({"from": a, "to": b, "total": total, "paths": found}, True, None)
    else:
        def label(e):
            return f"{kg.nx.nodes[e]['label']} [{e}]"

        sys.stdout.write(render_paths(found, label(a), label(b), total))
    return 0 if found else 1


def cmd_stats(args: argparse.Namespace) -> int:
    from graph.query.analysis import render_stats, stats

    _, kg = graphs(args)
    _write(stats(kg, top=args.top), args.format == "json", render_stats)
    return 0


def _add_query(sub) -> None:
    p = sub.add_parser(
        "query", help="run SPARQL over the graph (inline, a .rq file, or a named query)",
        description="Run a SPARQL query over the graph built from the fact files, in-process. The graph's "
                    "prefixes (nx:, ent:, rdfs:, skos:, schema:, prov:, oa:, dcterms:…) are predeclared. "
                    "QUERY is a path to a .rq file, the name of a query in queries/ (`kg query --list`), "
                    "SPARQL text, or - to read it from standard input. The graph is read-only: SELECT, ASK, "
                    "CONSTRUCT and DESCRIBE.",
        epilog="Formats: table (aligned, for a terminal), csv and tsv (SPARQL 1.1 CSV/TSV results), "
               "json (SPARQL 1.1 Query Results JSON). Example: kg query leaders --bind org='Sendero Luminoso'")
    p.add_argument("query", nargs="?", metavar="QUERY_OR_FILE")
    p.add_argument("--format", "-f", choices=("table", "csv", "tsv", "json"), default="table")
    p.add_argument("--bind", action="append", metavar="VAR=VALUE",
                   help="bind a selected variable before the query runs; VALUE is an entity id, name or alias, "
                        "prefix:name, <iri>, an integer or a \"quoted string\" (may be repeated)")
    p.add_argument("--list", action="store_true", help="list the named queries in queries/ and exit")
    p.add_argument("--max-width", type=int, default=80, metavar="N",
                   help="cut table cells longer than N characters (0: never; default 80)")
    add_limits(p)
    p.add_argument("--max-memory-mb", type=non_negative, default=DEFAULT_MEMORY_MB, metavar="MB",
                   help=f"stop a query that needs more than MB megabytes of memory beyond the graph's "
                        f"(default: {DEFAULT_MEMORY_MB:,}; 0: no limit)")
    add_options(p, "project", "seeds", as_of="query only the statements that hold in YEAR",
                known_as_of=KNOWN_AS_OF_HELP)
    p.set_defaults(func=cmd_query)


def register(sub) -> None:
    """Add query, show, path and stats to the subcommands ``sub``."""
    _add_query(sub)
    text_or_json = dict(choices=("text", "json"), default="text")

    p = sub.add_parser("show", help="the dossier of one entity: every statement in and out, with evidence",
                       description="Show one entity (an id, name or alias): labels, type, aliases, description, "
                                   "estimates and every statement in and out with dates, status and citations.")
    p.add_argument("entity", metavar="ID_OR_NAME")
    p.add_argument("--format", "-f", **text_or_json)
    add_options(p, "project", "seeds", as_of="only the statements that hold in YEAR", known_as_of=KNOWN_AS_OF_HELP)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("path", help="the shortest connections between two entities",
                       description="The shortest connections between A and B over statements in either "
                                   "direction, each hop with its relationships (direction shown) and sources. "
                                   "Exit status 1 when there is none.")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    p.add_argument("--max", type=int, default=5, metavar="N", help="show at most N paths (default 5)")
    p.add_argument("--avoid", action="append", metavar="ID_OR_NAME",
                   help="never pass through this entity, e.g. a hub such as Peru (may be repeated)")
    p.add_argument("--format", "-f", **text_or_json)
    add_options(p, "project", "seeds", as_of="only over the statements that hold in YEAR",
                known_as_of=KNOWN_AS_OF_HELP)
    p.set_defaults(func=cmd_path)

    p = sub.add_parser("stats", help="counts by type, relationship and source; disputes; central actors",
                       description="The graph in numbers: entities by type, statements by relationship type, "
                                   "citations by source, citations per fact, disputed counts, and the most "
                                   "central actors by degree and betweenness.")
    p.add_argument("--top", type=int, default=10, metavar="N", help="how many central actors (default 10)")
    p.add_argument("--format", "-f", **text_or_json)
    add_options(p, "project", "seeds", as_of="the graph as it stood in YEAR", known_as_of=KNOWN_AS_OF_HELP)
    p.set_defaults(func=cmd_stats)
