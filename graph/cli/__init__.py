"""The ``kg`` command line: one module per command group.

    kg validate [--seeds DIR] [--sources DIR]                           graph/cli/facts.py
    kg build    [--seeds DIR] [--out DIR] [--sources DIR]
    kg types
    kg query    QUERY_OR_FILE [--format table|csv|tsv|json] [--as-of YEAR] [--bind VAR=VALUE] | --list
    kg show     ID_OR_NAME [--as-of YEAR] [--format text|json]          graph/cli/query.py
    kg path     A B [--max N] [--avoid ID_OR_NAME] [--as-of YEAR]
    kg stats    [--top N] [--as-of YEAR] [--format text|json]
    kg serve    [--port N] [--seeds DIR] [--allow-updates]              graph/cli/serve.py
    kg load     --endpoint URL [--graph IRI] [--seeds DIR]
    kg explore  ID [--depth N] [--as-of YEAR] [--out FILE]              graph/cli/explore.py
    kg source add FILE [--title T] [--date D] [--copy|--no-copy]       graph/cli/source.py
    kg suggest  SOURCE [--out FILE] [--hold-out]                        graph/cli/suggest.py
    kg diff     [A] [B] [--format text|json|markdown]                   graph/cli/diff.py

The options they share, and the one way they get a graph, are in
graph/cli/common.py. Every error a user can fix is a :class:`graph.errors.KgError`,
printed compiler-style with its hint, never with a traceback; bad facts are
all reported in one run, with exit status 1. Heavy libraries are imported only
by the commands that need them, so ``kg --help`` is instant.

>>> main(["query", "ASK { ?s ?p ?o }", "--seeds", "tests/fixtures/mini"])
yes
0
>>> main(["validate", "--seeds", "nowhere"])  # kg: error: nowhere: seeds folder not found, on stderr
1
"""

from __future__ import annotations

import argparse
import importlib
import sys

from graph import __version__
from graph.cli.common import EPILOG
from graph.errors import KgError

# each module of graph/cli/ and the commands its register() adds, in the order ``kg --help`` lists them
GROUPS = {"facts": ("validate", "build", "types"), "query": ("query", "show", "path", "stats"),
          "serve": ("serve", "load"), "explore": ("explore",), "source": ("source",), "suggest": ("suggest",),
          "diff": ("diff",)}


def make_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, in the order ``kg --help`` lists them; given a known ``command``, the
    parser of its group of commands only (the others' modules not even imported): it parses that command
    just the same.

    >>> make_parser("validate").parse_args(["validate", "-q"]).quiet
    True
    """
    parser = argparse.ArgumentParser(
        prog="kg", description="Build, check and query the Peru Nexus knowledge graph.", epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    known = any(command in commands for commands in GROUPS.values())
    for group, commands in GROUPS.items():
        if command in commands or not known:
            importlib.import_module(f"graph.cli.{group}").register(sub)
    return parser


def _command(argv: list[str]) -> str | None:
    """The command ``argv`` starts with; None when it starts with an option (``kg --help validate``: every
    command's parser is needed)."""
    return argv[0] if argv and not argv[0].startswith("-") else None


def _os_error(exc: OSError) -> str:
    return f"kg: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")


def run(argv: list[str] | None = None) -> int:
    """Run one ``kg`` command and return its exit status; every error is reported here, as one message."""
    argv = sys.argv[1:] if argv is None else argv
    parser = make_parser(_command(argv))
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except KgError as exc:
        print(exc.report(), file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(_os_error(exc), file=sys.stderr)
        return 1


def exit_now(status: int) -> None:
    """End the process with ``status`` at once, without freeing a big graph's millions of objects one by
    one (a second or more at 10,000 entities): the output is flushed, the operating system takes the rest."""
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            pass
    os._exit(status)


def main(argv: list[str] | None = None) -> int:
    """The ``kg`` program. Given ``argv``, run it and return the exit status (for tests and scripts);
    without, as the console script and ``python -m graph``, end the process through :func:`exit_now`."""
    if argv is None:
        from graph.speedups.gc import freeze_on_restart

        freeze_on_restart()
    status = run(argv)
    if argv is None:
        exit_now(status)
    return status


if __name__ == "__main__":
    sys.exit(main())
