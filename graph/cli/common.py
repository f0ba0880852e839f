"""What the commands share: the options declared once, progress messages, and the one way to get a graph.

>>> parser = argparse.ArgumentParser(prog="kg x")
>>> add_options(parser, "seeds", "quiet")
>>> args = parser.parse_args(["--seeds", "tests/fixtures/mini", "-q"])
>>> inputs = Inputs.from_args(args)
>>> kg = load_graph(inputs)
>>> inputs.seeds, inputs.quiet, kg.nx.number_of_nodes()
(PosixPath('tests/fixtures/mini'), True, 11)
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import Reported
from graph.project import Folders, locate

if TYPE_CHECKING:
    from graph.builder import KnowledgeGraph

EPILOG = "Fact-file format: seeds/README.md. Errors: file:line:col, all in one run, exit status 1."
DEFAULT_BASE_HELP = "base IRI for entities and ontology terms (default: https://w3id.org/peru-nexus/)"

SHARED_OPTIONS = {
    "project": (("--project",), dict(
        type=Path, metavar="DIR", help="the project folder, holding seeds/ and exports/ (default: the working "
                                       "directory or the nearest folder above it that holds seeds/)")),
    "seeds": (("--seeds",), dict(type=Path, metavar="DIR", help="folder of YAML fact files (default: PROJECT/seeds)")),
    "sources": (("--sources",), dict(
        type=Path, action="append", metavar="DIR",
        help="folder of source texts for the quote check; may be repeated (default: SEEDS/texts, then ../shared/sources)")),
    "quotes": (("--no-quote-check",), dict(
        dest="quotes", action="store_false", help="skip checking that quotes occur in the source texts")),
    "base": (("--base",), dict(default=None, metavar="IRI", help=DEFAULT_BASE_HELP)),
    "quiet": (("-q", "--quiet"), dict(action="store_true", help="no progress messages")),
}
READING = ("project", "seeds", "sources", "quotes", "base", "quiet")  # a command that checks the facts as validate does


KNOWN_AS_OF_HELP = ("only what the documents published by YEAR said: citations whose document (or cited work) "
                    "is dated YEAR or before; a fact with none left is out")


def add_options(parser: argparse.ArgumentParser, *names: str, as_of: str | None = None,
                known_as_of: str | None = None) -> None:
    """Add the shared options ``names`` (keys of ``SHARED_OPTIONS``), ``--as-of YEAR`` helped by ``as_of``
    and ``--known-as-of YEAR`` helped by ``known_as_of`` (the time rule: :mod:`graph.builder.time`)."""
    for name in names:
        flags, spec = SHARED_OPTIONS[name]
        parser.add_argument(*flags, **spec)
    if as_of:
        parser.add_argument("--as-of", type=int, metavar="YEAR", help=as_of + "; undated facts are kept apart")
    if known_as_of:
        parser.add_argument("--known-as-of", type=int, metavar="YEAR", help=known_as_of)


class Progress:
    """Stage messages on standard error, with the time since the start; silent when ``quiet``."""

    def __init__(self, quiet: bool):
        self.quiet, self.t0 = quiet, time.perf_counter()

    def __call__(self, message: str) -> None:
        if not self.quiet:  # the line in one write: a child process's lines never break into the parent's
            sys.stderr.write(f"kg: {message} [{time.perf_counter() - self.t0:.2f}s]\n")
            sys.stderr.flush()


@dataclass
class Inputs:
    """The shared options, resolved: where the facts are and how to read them.

    An option a command does not declare takes its default here (no quote check
    requested, the default base, progress shown, today's graph).
    """

    folders: Folders
    sources: list[Path] | None = None
    quotes: bool = True
    base: str | None = None
    quiet: bool = False
    as_of: int | None = None
    known_as_of: int | None = None
    strict: bool = False  # --strict: the lints are errors
    progress: Progress = field(init=False, repr=False)

    def __post_init__(self):
        self.progress = Progress(self.quiet)

    @classmethod
    def from_args(cls, args: argparse.Namespace, *, writes: bool = False) -> Inputs:
        """The inputs ``args`` name; ``writes``: the command writes exports (``--out``, default PROJECT/exports)."""
        out = args.out if writes else None
        folders = locate(getattr(args, "project", None), args.seeds, out, writes=writes)
        return cls(folders, getattr(args, "sources", None), getattr(args, "quotes", True),
                   getattr(args, "base", None), getattr(args, "quiet", False), getattr(args, "as_of", None),
                   getattr(args, "known_as_of", None), getattr(args, "strict", False))

    @property
    def seeds(self) -> Path:
        return self.folders.seeds


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def print_report(report, warnings: bool = True) -> None:
    """Every error of ``report`` (and its warnings, if asked) on standard error, then how many."""
    print_problems([p.format() for p in report.problems], [p.severity for p in report.problems], warnings)


def print_problems(lines: list[str], severities: list[str], warnings: bool = True) -> None:
    """:func:`print_report` of problems already formatted (``lines``), each of its severity."""
    for line, severity in zip(lines, severities):
        if warnings or severity == "error":
            print(line, file=sys.stderr)
    errors = severities.count("error")
    if errors:
        print(f"{_count(errors, 'error')}, {_count(severities.count('warning'), 'warning')}", file=sys.stderr)


def read_line(files: int, counts: dict) -> str:
    """The progress line saying what was read."""
    return (f"read {files} files: {counts['entities']} entities, {counts['statements']} statements, "
            f"{counts['estimates']} estimates, {counts['citations']} citations")


def check_facts(inputs: Inputs, progress: Progress, say: bool = True):
    """``(facts, report)`` for the fact files, as ``kg validate`` reads them, with every problem printed
    (unless ``say`` is False: they were said already)."""
    from graph.speedups.gc import gc_paused

    with gc_paused():  # loading the checker's modules makes many objects and no garbage: no collection finds any
        from graph.facts.validate import check
        from graph.vocab.ontology import DEFAULT_BASE

    facts, report = check(inputs.seeds, inputs.sources, quotes=inputs.quotes, base=inputs.base or DEFAULT_BASE,
                          strict=inputs.strict)
    if not say:
        return facts, report
    print_report(report, warnings=not inputs.quiet)
    progress(read_line(len(facts.files), facts.counts()))
    return facts, report


def load_graph(inputs: Inputs, *, strict: bool = False, failure: str = "") -> KnowledgeGraph:
    """The graph built from the fact files: the one way every command gets it.

    ``strict`` reads as ``kg validate`` does (the quote check unless
    ``--no-quote-check``, every warning, the counts) and on errors ends with
    ``failure``. Otherwise the quotes are left to ``kg validate``, only errors
    are shown, and the last line says so. Either way every problem is printed
    first, as ``file:line:col: error:``; the closing line is not an error of
    its own, so it is no ``kg: error:`` line.
    """
    from graph.builder import InvalidFacts, build
    from graph.vocab.ontology import DEFAULT_BASE

    if strict:
        facts, report = check_facts(inputs, inputs.progress)
        if report.errors:
            raise Reported(f"kg: {failure or 'the fact files have errors'}")
        return graph_of(inputs, facts, report)
    try:
        return build(inputs.seeds, base=inputs.base or DEFAULT_BASE, quotes=False)
    except InvalidFacts as exc:
        print_report(exc.report, warnings=False)
        raise Reported(f"kg: the fact files in {inputs.seeds} have errors; `kg validate` lists them") from None


def graph_of(inputs: Inputs, facts, report) -> KnowledgeGraph:
    """The graph of the checked ``facts``, its triples made (and their number said) only when first read:
    ``kg build`` starts the explorer's process first, ``kg explore`` never reads them."""
    from graph.builder import KnowledgeGraph
    from graph.builder.rdf import facts_to_triples
    from graph.vocab.ontology import DEFAULT_BASE

    base = inputs.base or DEFAULT_BASE

    def make():
        triples = facts_to_triples(facts, base)
        inputs.progress(f"built {len(triples):,} triples")
        return triples

    return KnowledgeGraph(facts, make, base, report)


def time_slice(inputs: Inputs, kg: KnowledgeGraph, *, as_of: bool = True) -> KnowledgeGraph:
    """``kg`` cut by ``--known-as-of`` and (unless not ``as_of``) ``--as-of``; ``kg`` itself when neither is given.

    Under ``--as-of`` the undated statements and estimates are kept apart (``kg.facts.undated_statements``…).
    """
    from graph.builder.time import slice_graph

    return slice_graph(kg, as_of=inputs.as_of if as_of else None, known_as_of=inputs.known_as_of)


def resolve_name(kg, text: str) -> str:
    """The entity id ``text`` names (an id, name or alias); an error listing suggestions or candidates if none."""
    from graph.query.names import NameLookupError, resolve

    try:
        return resolve(kg, text)
    except NameLookupError as exc:
        raise Reported(exc.format()) from None


def non_negative(text: str) -> int:
    """An argparse type: a whole number, 0 or more.

    >>> non_negative("2")
    2
    """
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


MAX_ROWS = 100_000  # kg query's default --max-rows


def add_limits(p: argparse.ArgumentParser, rows: bool = True) -> None:
    """``--timeout``, ``--max-rows`` (unless not ``rows``) and ``--allow-service``: what keeps a query from
    hurting the host (shared with ``kg serve``)."""
    from graph.query.bounded import DEFAULT_TIMEOUT

    p.add_argument("--timeout", type=seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"stop a query that runs longer than this (default: {DEFAULT_TIMEOUT:g}; 0: no limit)")
    if rows:
        p.add_argument("--max-rows", type=non_negative, default=MAX_ROWS, metavar="N",
                       help=f"refuse an answer of more than N rows (default: {MAX_ROWS:,}; 0: no limit)")
    p.add_argument("--allow-service", action="store_true",
                   help="let SERVICE send requests to the servers a query names (off by default: a query could "
                        "reach any address this host can, its own loopback services included)")


def seconds(text: str) -> float:
    """An argparse type: a number of seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be 0 or more seconds, not {text}")
    return value

