"""``kg explore``: an offline HTML explorer of one entity's neighbourhood (``kg build`` writes the whole graph's).

>>> parser = argparse.ArgumentParser(prog="kg")
>>> register(parser.add_subparsers())
>>> parser.parse_args(["explore", "artemio", "--depth", "2"]).depth
2
"""

from __future__ import annotations

import argparse
from pathlib import Path

from graph.cli.common import EPILOG, READING, Inputs, add_options, load_graph, non_negative, resolve_name
from graph.errors import KgError
from graph.project import explore_folder


def cmd_explore(args: argparse.Namespace) -> int:
    from graph.explorer.page import explore, write

    inputs = Inputs.from_args(args)
    kg = load_graph(inputs, strict=True, failure="nothing written: the fact files have errors")
    node = resolve_name(kg, args.entity)
    try:
        page = explore(kg, node, depth=args.depth, year=inputs.as_of)
    except LookupError as exc:
        raise KgError(exc.args[0]) from None
    out = write(args.out or explore_folder(inputs.folders.project) / f"explore-{node}.html", page)
    inputs.progress(f"wrote {out} ({len(page):,} bytes)")
    print(out)
    return 0


def register(sub) -> None:
    """Add explore to the subcommands ``sub``."""
    p = sub.add_parser(
        "explore", help="write an offline HTML explorer of one entity's neighbourhood",
        description="Write one self-contained HTML file (no network needed) showing the entities within "
                    "--depth hops of ID and the statements among them, with search, filters, a year slider "
                    "and every statement's evidence. `kg build` writes the whole graph's explorer to "
                    "exports/peru-nexus.html.", epilog=EPILOG)
    p.add_argument("entity", metavar="ID", help="an entity id, name or alias (case and accents ignored)")
    p.add_argument("--depth", type=non_negative, default=1, metavar="N", help="hops from the entity (default: 1)")
    add_options(p, as_of="the graph as it stood in YEAR (the slider starts there)")
    p.add_argument("--out", type=Path, metavar="FILE",
                   help="where to write (default: PROJECT/explore/explore-ID.html; git ignores that folder)")
    add_options(p, *READING)
    p.set_defaults(func=cmd_explore)
