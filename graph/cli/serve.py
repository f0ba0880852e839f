"""``kg serve`` and ``kg load``: the graph as a SPARQL endpoint on loopback, or pushed into a store.

>>> port("7878"), is_ok_server_status(-15)
(7878, True)
"""

from __future__ import annotations

import argparse
import os
import sys

from graph.cli.common import Inputs, add_limits, add_options, load_graph, non_negative
from graph.query.bounded import DEFAULT_MEMORY_MB

SERVE_OPTIONS = ("project", "seeds", "base", "quiet")


def port(text: str) -> int:
    """An argparse type: a TCP port number, 1-65535."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"must be 1-65535, not {value}")
    return value


def is_ok_server_status(status: int) -> bool:
    """Whether the Oxigraph server ended well: exited 0, or stopped by SIGTERM as asked."""
    return status in (0, -15, 143)


def _built(args: argparse.Namespace):
    """The graph for serving or loading, with the progress messages of ``args``."""
    inputs = Inputs.from_args(args)
    kg = load_graph(inputs)
    inputs.progress(f"built {len(kg.triples):,} triples from {inputs.seeds}")
    return kg, inputs.progress


def _named_quads(kg) -> list:
    """The quads of the named graph of each source (the TriG export without its default graph)."""
    import pyoxigraph as ox

    from graph.exports.rdf_formats import dataset_quads

    return [q for q in dataset_quads(kg) if not isinstance(q.graph_name, ox.DefaultGraph)]


def _pages(kg, args: argparse.Namespace) -> dict:
    """The fixed answers of the endpoint: its VoID description, naming itself as the SPARQL endpoint."""
    from graph.exports.dataset import render_void

    host = f"[{args.host}]" if ":" in args.host else args.host
    void = ("text/turtle; charset=utf-8", render_void(kg, endpoint=f"http://{host}:{args.port}/query"))
    return {"/void": void, "/.well-known/void": void}


def cmd_serve(args: argparse.Namespace) -> int:
    from graph.errors import KgError
    from graph.serve.server import is_loopback, oxigraph_command, port_in_use, serve

    oxigraph_command()
    if not is_loopback(args.host):
        print(f"kg: warning: serving on {args.host}, not loopback: other machines can reach the endpoint",
              file=sys.stderr)
    if port_in_use(args.host, args.port):
        raise KgError(f"port {args.port} on {args.host} is in use; choose another with --port")
    kg, _ = _built(args)
    mode = "read-write: /update and /store take writes, lost when it stops" if args.allow_updates else "read-only"

    def ready(url: str) -> None:
        print(f"kg: SPARQL endpoint at {url} ({mode}); Ctrl-C to stop", file=sys.stderr, flush=True)

    limits = dict(timeout=args.timeout, allow_service=args.allow_service, max_bytes=args.max_result_mb * 1_000_000,
                  max_memory=args.max_memory_mb * 2 ** 20)
    status = serve(kg.triples, port=args.port, host=args.host, allow_updates=args.allow_updates, ready=ready,
                   named_quads=_named_quads(kg), limits=limits, base=kg.base, pages=_pages(kg, args))
    return 0 if is_ok_server_status(status) else 1


def _dataset(kg) -> list:
    """The whole dataset as quads: the graph in the default graph, then a named graph per source."""
    import pyoxigraph as ox

    default = ox.DefaultGraph()
    return [ox.Quad(t.subject, t.predicate, t.object, default) for t in kg.triples] + _named_quads(kg)


def _target(args: argparse.Namespace) -> str:
    if args.dataset:
        main = f"graph <{args.graph}>" if args.graph else "the default graph"
        return f"the dataset ({main} and a named graph per source)"
    return f"graph <{args.graph}>" if args.graph else "the default graph"


def cmd_load(args: argparse.Namespace) -> int:
    from graph.serve.push import push

    kg, progress = _built(args)
    password = os.environ.get("KG_ENDPOINT_PASSWORD") if args.user else None
    data = _dataset(kg) if args.dataset else kg.triples
    result = push(data, args.endpoint, args.graph, replace=not args.append, timeout=args.timeout,
                  user=args.user, password=password, dataset=args.dataset, chunk=args.chunk or None,
                  retries=args.retries, progress=progress, preemptive=args.basic)
    verb = "added" if args.append else "loaded"
    unit = "quads" if args.dataset else "triples"
    progress(f"{verb} {result.triples:,} {unit} ({result.bytes:,} bytes) into {_target(args)} at {args.endpoint} "
             f"[HTTP {result.status}]")
    return 0


def _add_serve(sub) -> None:
    p = sub.add_parser("serve", help="serve the graph as a SPARQL endpoint on loopback (Oxigraph server)",
                       description="Serve the graph as a SPARQL 1.1 endpoint at http://127.0.0.1:PORT/query "
                                   "(GET or POST, SPARQL protocol), with the Oxigraph server, until Ctrl-C. "
                                   "Read-only unless --allow-updates.",
                       epilog="Example: kg serve --port 7878, then curl -G http://127.0.0.1:7878/query "
                              "-H 'Accept: application/sparql-results+json' "
                              "--data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3'")
    add_options(p, *SERVE_OPTIONS)
    p.add_argument("--port", type=port, default=7878, help="TCP port, 1-65535 (default: 7878)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default: 127.0.0.1; anything else is reachable from other machines)")
    p.add_argument("--allow-updates", action="store_true",
                   help="accept SPARQL updates (/update) and Graph Store writes (/store); they are lost on exit")
    add_limits(p, rows=False)
    p.add_argument("--max-result-mb", type=non_negative, default=100, metavar="MB",
                   help="cut an answer longer than MB megabytes (the client sees it incomplete; default: 100; "
                        "0: no limit)")
    p.add_argument("--max-memory-mb", type=non_negative, default=DEFAULT_MEMORY_MB, metavar="MB",
                   help=f"stop a query that needs more than MB megabytes of memory (default: "
                        f"{DEFAULT_MEMORY_MB:,}; 0: no limit)")
    p.set_defaults(func=cmd_serve)


def _add_load(sub) -> None:
    p = sub.add_parser("load", help="push the graph into a SPARQL Graph Store Protocol endpoint",
                       description="Send the graph as N-Triples to a SPARQL 1.1 Graph Store Protocol endpoint "
                                   "(Oxigraph /store, Fuseki /DATASET/data, GraphDB, Virtuoso "
                                   "/sparql-graph-crud-auth…), in chunks with progress: PUT replaces the target "
                                   "graph, --append POSTs.",
                       epilog="Example: kg load --endpoint http://127.0.0.1:7878/store "
                              "--graph https://w3id.org/peru-nexus/graph")
    add_options(p, *SERVE_OPTIONS)
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="the Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store")
    p.add_argument("--graph", metavar="IRI", help="named graph to write (default: the default graph; with "
                                                  "--dataset, where the graph itself goes)")
    p.add_argument("--dataset", action="store_true",
                   help="send the whole dataset, graph by graph: the graph in the default graph (or --graph) "
                        "plus a named graph per source, each replaced (PUT); works with any Graph Store endpoint")
    p.add_argument("--append", action="store_true", help="add to the graph (POST) instead of replacing it (PUT)")
    p.add_argument("--user", help="HTTP user, for Basic or Digest auth (whichever the server asks for); the "
                                  "password is read from $KG_ENDPOINT_PASSWORD")
    p.add_argument("--basic", action="store_true",
                   help="send the Basic credentials with the first request, without waiting to be asked")
    p.add_argument("--chunk", type=non_negative, default=100_000, metavar="N",
                   help="send at most N triples a request (default: 100,000; 0: all in one): the first replaces "
                        "the graph, the rest add to it")
    p.add_argument("--retries", type=non_negative, default=2, metavar="N",
                   help="try a request again N times after a dropped connection, a timeout or a 5xx (default: 2)")
    p.add_argument("--timeout", type=float, default=120, metavar="SECONDS",
                   help="give up after this long without an answer (default: 120)")
    p.set_defaults(func=cmd_load)


def register(sub) -> None:
    """Add serve and load to the subcommands ``sub``."""
    _add_serve(sub)
    _add_load(sub)
