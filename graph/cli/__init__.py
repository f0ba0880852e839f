"""The ``kg`` command line.

    kg validate [--seeds DIR] [--sources DIR]
    kg build    [--seeds DIR] [--out DIR] [--sources DIR]
    kg types
    kg query    QUERY_OR_FILE [--format table|csv|tsv|json] [--as-of YEAR] [--bind VAR=VALUE] | --list
    kg show     ID_OR_NAME [--as-of YEAR] [--format text|json]
    kg path     A B [--max N] [--avoid ID_OR_NAME] [--as-of YEAR]
    kg stats    [--top N] [--as-of YEAR] [--format text|json]
    kg serve    [--port N] [--seeds DIR] [--allow-updates]
    kg load     --endpoint URL [--graph IRI] [--seeds DIR]
    kg explore  ID [--depth N] [--as-of YEAR] [--out FILE]

Every command reports problems compiler-style (``file:line:col: error: …``),
all of them in one run, exits 1 when there are errors, and never shows a
traceback for bad input. Heavy libraries are imported only by the commands
that need them, so ``kg --help`` is instant.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from graph import __version__

EPILOG = "Fact-file format: seeds/README.md. Errors: file:line:col, all in one run, exit status 1."


class Progress:
    """Stage messages on standard error, with the time since the start."""

    def __init__(self, quiet: bool):
        self.quiet, self.t0 = quiet, time.perf_counter()

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(f"kg: {message} [{time.perf_counter() - self.t0:.2f}s]", file=sys.stderr, flush=True)


def _add_seeds_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--project", type=Path, metavar="DIR",
                   help="the project folder, holding seeds/ and exports/ (default: the working directory "
                        "or the nearest folder above it that holds seeds/)")
    p.add_argument("--seeds", type=Path, metavar="DIR", help="folder of YAML fact files (default: PROJECT/seeds)")


def _add_input_options(p: argparse.ArgumentParser) -> None:
    _add_seeds_options(p)
    p.add_argument("--sources", type=Path, action="append", metavar="DIR",
                   help="folder of source texts for the quote check; may be repeated "
                        "(default: SEEDS/texts, then ../shared/sources)")
    p.add_argument("--no-quote-check", dest="quotes", action="store_false",
                   help="skip checking that quotes occur in the source texts")
    p.add_argument("--base", default=None, metavar="IRI",
                   help="base IRI for entities and ontology terms (default: https://w3id.org/peru-nexus/)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress messages")


def _print_report(report, quiet: bool = False) -> None:
    for p in report.problems:
        if p.severity == "error" or not quiet:
            print(p.format(), file=sys.stderr)
    e, w = len(report.errors), len(report.warnings)
    if e:
        print(f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}", file=sys.stderr)


def _check(args, progress: Progress):
    from graph.vocab.ontology import DEFAULT_BASE
    from graph.facts.validate import check

    facts, report = check(args.seeds, args.sources, quotes=args.quotes, base=args.base or DEFAULT_BASE)
    _print_report(report, args.quiet)
    counts = facts.counts()
    progress(f"read {len(facts.files)} files: {counts['entities']} entities, {counts['statements']} statements, "
             f"{counts['estimates']} estimates, {counts['citations']} citations")
    return facts, report


def cmd_validate(args) -> int:
    progress = Progress(args.quiet)
    _, report = _check(args, progress)
    if report.errors:
        return 1
    progress("no errors")
    return 0


def cmd_build(args) -> int:
    from graph.builder import KnowledgeGraph
    from graph.exports.registry import ExporterError
    from graph.exports.write import write_exports
    from graph.vocab.ontology import DEFAULT_BASE
    from graph.builder.rdf import facts_to_triples

    progress = Progress(args.quiet)
    facts, report = _check(args, progress)
    if report.errors:
        print(f"kg: nothing written: {args.out} is unchanged", file=sys.stderr)
        return 1
    base = args.base or DEFAULT_BASE
    kg = KnowledgeGraph(facts, facts_to_triples(facts, base), base, report)
    progress(f"built {len(kg.triples):,} triples")
    try:
        paths = write_exports(kg, args.out, progress=progress)
    except ExporterError as exc:
        print(f"kg: error: {exc}\nkg: nothing written: {args.out} is unchanged", file=sys.stderr)
        return 1
    progress(f"wrote {len(paths)} files to {args.out}")
    return 0


def cmd_types(args) -> int:
    from graph.vocab.ontology import load_ontology

    onto = load_ontology()
    for section, top in sorted(onto.sections.items()):
        print(f"{section}: {', '.join(onto.classes_under(top))}")
    print()
    for name, p in sorted(onto.predicates.items()):
        if p.inverse_of:
            continue
        inverse = f"  (inverse: {p.inverse})" if p.inverse else ""
        print(f"{name}: {' | '.join(p.domain)} -> {' | '.join(p.range)}{inverse}\n    {p.comment}")
    return 0


# ---- query and analysis: kg query, kg show, kg path, kg stats (graph/query/sparql.py, names.py, analysis.py)

def _load_graph(args):
    """The graph built from --seeds (quotes are `kg validate`'s job), cut to --as-of if given; None on errors."""
    from graph.builder import InvalidFacts, build

    try:
        kg = build(args.seeds, quotes=False)
    except InvalidFacts as exc:
        _print_report(exc.report, quiet=True)
        print(f"kg: the fact files in {args.seeds} have errors; `kg validate` lists them", file=sys.stderr)
        return None, None
    if getattr(args, "as_of", None) is None:
        return kg, kg
    from graph.query.sparql import as_of_graph

    return kg, as_of_graph(kg, args.as_of)


def _resolve(kg, text: str):
    """An entity id for a name, or None after printing why not (unknown: suggestions; ambiguous: candidates)."""
    from graph.query.names import NameLookupError, resolve

    try:
        return resolve(kg, text)
    except NameLookupError as exc:
        print(exc.format(), file=sys.stderr)
        return None


def _binding(kg, spec: str):
    """--bind VAR=VALUE: <iri>, prefix:name, "a string", an integer, or an entity id/name/alias."""
    import re

    import pyoxigraph as ox

    from graph.query.sparql import prefixes

    var, sep, value = spec.partition("=")
    var = var.strip().lstrip("?$")
    if not sep or not re.fullmatch(r"\w+", var):
        print(f"kg: error: --bind wants VAR=VALUE, not {spec!r}", file=sys.stderr)
        return None
    if value.startswith("<") and value.endswith(">"):
        return var, ox.NamedNode(value[1:-1])
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return var, ox.Literal(value[1:-1])
    if re.fullmatch(r"-?\d+", value):
        return var, ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    pfx = prefixes(kg.base)
    m = re.fullmatch(r"([A-Za-z][\w-]*):([\w.-]*)", value)
    if m and m.group(1) in pfx and m.group(1) != "ent":
        return var, ox.NamedNode(pfx[m.group(1)] + m.group(2))
    eid = _resolve(kg, value)
    return (var, ox.NamedNode(kg.namespaces.entity + eid)) if eid else None


def cmd_query(args) -> int:
    from graph.query.sparql import QueryError, execute, inert, library, resolve_query

    if args.list:
        lib = library()
        width = max((len(n) for n in lib), default=0)
        for name, (_, description) in sorted(lib.items()):
            print(inert(f"{name:<{width}}  {description}"))
        return 0
    if not args.query:
        print("kg: error: give a query (a .rq file, a name from `kg query --list`, or SPARQL text)",
              file=sys.stderr)
        return 1
    try:
        name, text = resolve_query(args.query)
    except QueryError as exc:
        print(f"kg: error: {inert(exc.message)}", file=sys.stderr)
        return 1
    full, kg = _load_graph(args)
    if kg is None:
        return 1
    bindings = {}
    for spec in args.bind or ():
        b = _binding(full, spec)
        if b is None:
            return 1
        bindings[b[0]] = b[1]
    try:
        result = execute(kg, text, bindings=bindings)
    except QueryError as exc:
        print(exc.format(name, text), file=sys.stderr)
        return 1
    sys.stdout.write(result.serialize(args.format, max_width=args.max_width))
    return 0


def cmd_show(args) -> int:
    import json

    from graph.query.analysis import dossier, render_dossier

    full, kg = _load_graph(args)
    if kg is None:
        return 1
    eid = _resolve(full, args.entity)
    if eid is None:
        return 1
    if eid not in kg.nx:
        print(f"kg: error: {eid} does not hold in {args.as_of}", file=sys.stderr)
        return 1
    d = dossier(kg, eid)
    sys.stdout.write(json.dumps(d, indent=1, ensure_ascii=False) + "\n" if args.format == "json"
                     else render_dossier(d))
    return 0


def cmd_path(args) -> int:
    import json

    from graph.query.analysis import count_shortest_paths, paths, render_paths

    full, kg = _load_graph(args)
    if kg is None:
        return 1
    ids = [_resolve(full, x) for x in (args.a, args.b, *(args.avoid or ()))]
    if None in ids:
        return 1
    a, b, avoid = ids[0], ids[1], tuple(ids[2:])
    for eid in (a, b):
        if eid not in kg.nx:
            print(f"kg: error: {eid} does not hold in {args.as_of}", file=sys.stderr)
            return 1
    if a == b:
        print("kg: error: give two different entities", file=sys.stderr)
        return 1
    found = paths(kg, a, b, limit=args.max, avoid=avoid)
    total = count_shortest_paths(kg, a, b, avoid=avoid) if found else 0
    if args.format == "json":
        sys.stdout.write(json.dumps({"from": a, "to": b, "total": total, "paths": found},
                                    indent=1, ensure_ascii=False) + "\n")
    else:
        label = lambda e: f"{kg.nx.nodes[e]['label']} [{e}]"  # noqa: E731
        sys.stdout.write(render_paths(found, label(a), label(b), total))
    return 0 if found else 1


def cmd_stats(args) -> int:
    import json

    from graph.query.analysis import render_stats, stats

    _, kg = _load_graph(args)
    if kg is None:
        return 1
    s = stats(kg, top=args.top)
    sys.stdout.write(json.dumps(s, indent=1, ensure_ascii=False) + "\n" if args.format == "json"
                     else render_stats(s))
    return 0


def _add_query_commands(sub) -> None:
    def common(p, as_of_help: str):
        _add_seeds_options(p)
        p.add_argument("--as-of", type=int, metavar="YEAR", help=as_of_help)

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
    common(p, "query only the statements that hold in YEAR")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("show", help="the dossier of one entity: every statement in and out, with evidence",
                       description="Show one entity (an id, name or alias): labels, type, aliases, description, "
                                   "estimates and every statement in and out with dates, status and citations.")
    p.add_argument("entity", metavar="ID_OR_NAME")
    p.add_argument("--format", "-f", choices=("text", "json"), default="text")
    common(p, "only the statements that hold in YEAR")
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
    p.add_argument("--format", "-f", choices=("text", "json"), default="text")
    common(p, "only over the statements that hold in YEAR")
    p.set_defaults(func=cmd_path)

    p = sub.add_parser("stats", help="counts by type, relationship and source; disputes; central actors",
                       description="The graph in numbers: entities by type, statements by relationship type, "
                                   "citations by source, citations per fact, disputed counts, and the most "
                                   "central actors by degree and betweenness.")
    p.add_argument("--top", type=int, default=10, metavar="N", help="how many central actors (default 10)")
    p.add_argument("--format", "-f", choices=("text", "json"), default="text")
    common(p, "the graph as it stood in YEAR")
    p.set_defaults(func=cmd_stats)


# ---- the explorer: kg explore (graph/explorer/page.py; `kg build` writes the whole graph's)

def _depth(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _explore_folder(project: Path | None) -> Path:
    """Where `kg explore` writes by default: a folder that ignores itself in git."""
    folder = (project or Path.cwd()) / "explore"
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# pages written by `kg explore`\n*\n", encoding="utf-8")
    return folder


def cmd_explore(args) -> int:
    from graph.builder import KnowledgeGraph
    from graph.explorer.page import explore, write
    from graph.vocab.ontology import DEFAULT_BASE
    from graph.builder.rdf import facts_to_triples

    progress = Progress(args.quiet)
    facts, report = _check(args, progress)
    if report.errors:
        print("kg: nothing written: the fact files have errors", file=sys.stderr)
        return 1
    base = args.base or DEFAULT_BASE
    kg = KnowledgeGraph(facts, facts_to_triples(facts, base), base, report)
    node = _resolve(kg, args.entity)
    if node is None:
        return 1
    try:
        page = explore(kg, node, depth=args.depth, year=args.as_of)
    except LookupError as exc:
        print(f"kg: error: {exc.args[0]}", file=sys.stderr)
        return 1
    out = write(args.out or _explore_folder(args.project) / f"explore-{node}.html", page)
    progress(f"wrote {out} ({len(page):,} bytes)")
    print(out)
    return 0


def _add_explore_command(sub) -> None:
    p = sub.add_parser(
        "explore", help="write an offline HTML explorer of one entity's neighbourhood",
        description="Write one self-contained HTML file (no network needed) showing the entities within "
                    "--depth hops of ID and the statements among them, with search, filters, a year slider "
                    "and every statement's evidence. `kg build` writes the whole graph's explorer to "
                    "exports/peru-nexus.html.", epilog=EPILOG)
    p.add_argument("entity", metavar="ID", help="an entity id, name or alias (case and accents ignored)")
    p.add_argument("--depth", type=_depth, default=1, metavar="N", help="hops from the entity (default: 1)")
    p.add_argument("--as-of", dest="as_of", type=int, metavar="YEAR",
                   help="the graph as it stood in YEAR (the slider starts there)")
    p.add_argument("--out", type=Path, metavar="FILE",
                   help="where to write (default: PROJECT/explore/explore-ID.html; git ignores that folder)")
    _add_input_options(p)
    p.set_defaults(func=cmd_explore)


# ---- serve and load: kg serve, kg load (graph/serve/server.py, graph/serve/push.py)

def _built_graph(args, progress: Progress):
    """The graph from --seeds (quotes are `kg validate`'s job), or None after reporting its errors."""
    from graph.builder import InvalidFacts, build
    from graph.vocab.ontology import DEFAULT_BASE

    try:
        kg = build(args.seeds, quotes=False, base=args.base or DEFAULT_BASE)
    except InvalidFacts as exc:
        _print_report(exc.report, quiet=True)
        print(f"kg: the fact files in {args.seeds} have errors; `kg validate` lists them", file=sys.stderr)
        return None
    progress(f"built {len(kg.triples):,} triples from {args.seeds}")
    return kg


def cmd_serve(args) -> int:
    from graph.serve.server import ServeError, is_loopback, oxigraph_command, port_in_use, serve

    progress = Progress(args.quiet)
    try:
        oxigraph_command()
    except ServeError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 1
    if not is_loopback(args.host):
        print(f"kg: warning: serving on {args.host}, not loopback: other machines can reach the endpoint",
              file=sys.stderr)
    if port_in_use(args.host, args.port):
        print(f"kg: error: port {args.port} on {args.host} is in use; choose another with --port", file=sys.stderr)
        return 1
    kg = _built_graph(args, progress)
    if kg is None:
        return 1
    mode = "read-write: /update and /store take writes, lost when it stops" if args.allow_updates else "read-only"

    def ready(url: str) -> None:
        print(f"kg: SPARQL endpoint at {url} ({mode}); Ctrl-C to stop", file=sys.stderr, flush=True)

    import pyoxigraph as ox

    from graph.exports.rdf_formats import dataset_quads

    named = [q for q in dataset_quads(kg) if not isinstance(q.graph_name, ox.DefaultGraph)]
    try:
        status = serve(kg.triples, port=args.port, host=args.host, allow_updates=args.allow_updates, ready=ready,
                       named_quads=named)
    except ServeError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 1
    return 0 if status in (0, -15, 143) else 1


def cmd_load(args) -> int:
    import os

    from graph.serve.push import LoadError, push

    progress = Progress(args.quiet)
    kg = _built_graph(args, progress)
    if kg is None:
        return 1
    password = os.environ.get("KG_ENDPOINT_PASSWORD") if args.user else None
    data = kg.triples
    if args.dataset:
        import pyoxigraph as ox

        from graph.exports.rdf_formats import dataset_quads

        default = ox.DefaultGraph()
        data = [ox.Quad(t.subject, t.predicate, t.object, default) for t in kg.triples]
        data += [q for q in dataset_quads(kg) if not isinstance(q.graph_name, ox.DefaultGraph)]
    try:
        result = push(data, args.endpoint, args.graph, replace=not args.append, timeout=args.timeout,
                      user=args.user, password=password, dataset=args.dataset)
    except LoadError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 1
    if args.dataset:
        target = "the dataset (default graph and a named graph per source)"
    else:
        target = f"graph <{args.graph}>" if args.graph else "the default graph"
    verb = "added" if args.append else "loaded"
    unit = "quads" if args.dataset else "triples"
    progress(f"{verb} {result.triples:,} {unit} ({result.bytes:,} bytes) into {target} at {args.endpoint} "
             f"[HTTP {result.status}]")
    return 0


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"must be 1-65535, not {value}")
    return value


def _add_serve_commands(sub) -> None:
    def common(p):
        _add_seeds_options(p)
        p.add_argument("--base", default=None, metavar="IRI",
                       help="base IRI for entities and ontology terms (default: https://w3id.org/peru-nexus/)")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress messages")

    p = sub.add_parser("serve", help="serve the graph as a SPARQL endpoint on loopback (Oxigraph server)",
                       description="Serve the graph as a SPARQL 1.1 endpoint at http://127.0.0.1:PORT/query "
                                   "(GET or POST, SPARQL protocol), with the Oxigraph server, until Ctrl-C. "
                                   "Read-only unless --allow-updates.",
                       epilog="Example: kg serve --port 7878, then curl -G http://127.0.0.1:7878/query "
                              "-H 'Accept: application/sparql-results+json' "
                              "--data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3'")
    common(p)
    p.add_argument("--port", type=_port, default=7878, help="TCP port, 1-65535 (default: 7878)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default: 127.0.0.1; anything else is reachable from other machines)")
    p.add_argument("--allow-updates", action="store_true",
                   help="accept SPARQL updates (/update) and Graph Store writes (/store); they are lost on exit")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("load", help="push the graph into a SPARQL Graph Store Protocol endpoint",
                       description="Send the whole graph as N-Triples in one HTTP request to a SPARQL 1.1 "
                                   "Graph Store Protocol endpoint (Oxigraph /store, Fuseki /DATASET/data, "
                                   "GraphDB, Virtuoso…): PUT replaces the target graph, --append POSTs.",
                       epilog="Example: kg load --endpoint http://127.0.0.1:7878/store "
                              "--graph https://w3id.org/peru-nexus/graph")
    common(p)
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="the Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--graph", metavar="IRI", help="named graph to write (default: the default graph)")
    target.add_argument("--dataset", action="store_true",
                        help="send the whole dataset as N-Quads to URL itself: the graph in the default graph "
                             "plus a named graph per source (Oxigraph /store, Fuseki /DATASET); PUT replaces "
                             "everything the store holds")
    p.add_argument("--append", action="store_true", help="add to the graph (POST) instead of replacing it (PUT)")
    p.add_argument("--user", help="HTTP basic-auth user; the password is read from $KG_ENDPOINT_PASSWORD")
    p.add_argument("--timeout", type=float, default=120, metavar="SECONDS",
                   help="give up after this long without an answer (default: 120)")
    p.set_defaults(func=cmd_load)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Build, check and query the Peru Nexus knowledge graph.", epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="check the fact files; report every problem",
                       description="Check every fact file: YAML, fields, ids, types, predicates, "
                                   "domains and ranges, dates, part-of cycles, evidence and quotes.",
                       epilog=EPILOG)
    _add_input_options(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("build", help="check the fact files and write every export",
                       description="Check the fact files and, if there are no errors, write the exports. "
                                   "On errors nothing is written.", epilog=EPILOG)
    _add_input_options(p)
    p.add_argument("--out", type=Path, metavar="DIR", help="folder for the exports (default: PROJECT/exports)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("types", help="list the entity types and relationship types of the ontology",
                       description="List the entity types by section and every relationship type with "
                                   "its domain, range and inverse.")
    p.set_defaults(func=cmd_types)

    _add_query_commands(sub)
    _add_serve_commands(sub)
    _add_explore_command(sub)
    return parser


def _exit_now(rc: int) -> None:
    """End the process without freeing a big build's millions of objects one by one (a second
    or more at 10,000 entities): everything is written and flushed, the OS takes the rest."""
    import os

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(rc)


def _locate(args) -> str | None:
    """Fill in the project folder, --seeds and --out from each other; a message when that cannot be done."""
    from graph.project import ProjectNotFound, find_project

    if args.project is not None:
        if not (args.project / "seeds").is_dir() and args.seeds is None:
            return (f"{args.project}: no seeds/ folder there\n"
                    f"    hint: a project folder holds seeds/ (the fact files); or name them with --seeds DIR")
    elif args.seeds is None:
        try:
            args.project = find_project()
        except ProjectNotFound as exc:
            return (f"{exc}\n    hint: run kg in the folder that holds seeds/, or name it with --project DIR "
                    f"(or the fact files with --seeds DIR)")
    args.seeds = args.seeds if args.seeds is not None else args.project / "seeds"
    if not args.seeds.is_dir():
        return f"{args.seeds}: seeds folder not found\n    hint: --seeds names a folder of YAML fact files"
    if hasattr(args, "out") and args.out is None and args.func is cmd_build:
        if args.project is None:
            return "no folder to write to: --seeds names no project folder\n    hint: name one with --out DIR"
        args.out = args.project / "exports"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    if hasattr(args, "seeds"):
        problem = _locate(args)
        if problem:
            print(f"kg: error: {problem}", file=sys.stderr)
            return 1
    try:
        rc = args.func(args)
        if argv is None and args.func in (cmd_validate, cmd_build):
            _exit_now(rc)
        return rc
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(f"kg: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
