"""The ``kg`` command line.

    kg validate [--seeds DIR] [--sources DIR]
    kg build    [--seeds DIR] [--out DIR] [--sources DIR]
    kg types

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

from . import __version__

EPILOG = "Fact-file format: seeds/README.md. Errors: file:line:col, all in one run, exit status 1."


class Progress:
    """Stage messages on standard error, with the time since the start."""

    def __init__(self, quiet: bool):
        self.quiet, self.t0 = quiet, time.perf_counter()

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(f"kg: {message} [{time.perf_counter() - self.t0:.2f}s]", file=sys.stderr, flush=True)


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--seeds", type=Path, default=Path("seeds"), metavar="DIR",
                   help="folder of YAML fact files (default: seeds)")
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
    from .ontology import DEFAULT_BASE
    from .validate import check

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
    from .build import KnowledgeGraph
    from .export import write_exports
    from .ontology import DEFAULT_BASE
    from .rdf import facts_to_triples

    progress = Progress(args.quiet)
    facts, report = _check(args, progress)
    if report.errors:
        print(f"kg: nothing written: {args.out} is unchanged", file=sys.stderr)
        return 1
    base = args.base or DEFAULT_BASE
    kg = KnowledgeGraph(facts, facts_to_triples(facts, base), base, report)
    progress(f"built {len(kg.triples):,} triples")
    paths = write_exports(kg, args.out, progress=progress)
    progress(f"wrote {len(paths)} files to {args.out}")
    return 0


def cmd_types(args) -> int:
    from .ontology import load_ontology

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
    p.add_argument("--out", type=Path, default=Path("exports"), metavar="DIR",
                   help="folder for the exports (default: exports)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("types", help="list the entity types and relationship types of the ontology",
                       description="List the entity types by section and every relationship type with "
                                   "its domain, range and inverse.")
    p.set_defaults(func=cmd_types)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
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
