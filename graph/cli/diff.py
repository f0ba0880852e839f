"""``kg diff [A] [B]``: what changed between two versions of the facts, fact by fact.

A and B are git revisions (default: ``HEAD`` and the working tree) or seeds folders.

>>> parser = argparse.ArgumentParser(prog="kg")
>>> register(parser.add_subparsers())
>>> args = parser.parse_args(["diff", "HEAD~1", "--format", "markdown"])
>>> args.before, args.after, args.format
('HEAD~1', None, 'markdown')
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path

from graph.cli.common import EPILOG, Inputs, add_options, print_report
from graph.errors import Reported


def read_version(reader, version):
    """The facts of one version; its errors printed (as kg validate prints them) and the diff refused if any."""
    facts, report = reader.facts(version)
    if report.errors:
        print_report(reader.full_report(version), warnings=False)
        raise Reported(f"kg: error: {version.label}: the facts have errors; kg diff compares facts that load\n"
                       f"    hint: fix them, or compare other versions")
    return facts


def changes_between(before, after, base: str | None) -> list:
    """Every change from version ``before`` to ``after``; none, without reading them, when their files are alike."""
    if before.same_files(after):
        return []
    import tempfile  # here, not at the top: every command imports this module

    from graph.authoring.diff import diff_facts
    from graph.authoring.reading import FactReader
    from graph.vocab.ontology import DEFAULT_BASE

    with tempfile.TemporaryDirectory(prefix="kg-diff-") as scratch:
        reader = FactReader(Path(scratch), base or DEFAULT_BASE)
        return diff_facts(read_version(reader, before), read_version(reader, after))


def _read_cache(seeds: Path):
    """Fact files read through the build cache (``kg build``'s, keyed by each file's bytes): a version's file
    that a build or an earlier diff has read is not parsed again. Nothing, with the speed-ups off."""
    from graph import speedups

    if not speedups.enabled():
        return contextlib.nullcontext()
    from graph.facts.readcache import ReadCache, cached_reading
    from graph.speedups.cache import Cache, cache_folder, tool_digest

    return cached_reading(ReadCache(Cache(cache_folder(seeds)), tool_digest()))


def cmd_diff(args: argparse.Namespace) -> int:
    from graph.authoring.diff_report import FORMATS
    from graph.authoring.versions import resolve

    inputs = Inputs.from_args(args)
    before, after = resolve(args.before or "HEAD", args.after, inputs.seeds)
    with _read_cache(inputs.seeds):
        changes = changes_between(before, after, inputs.base)
    print(FORMATS[args.format](changes, before.label, after.label))
    return 1 if args.exit_code and changes else 0


def register(sub) -> None:
    """Add diff to the subcommands ``sub``."""
    p = sub.add_parser(
        "diff", help="what changed between two versions of the facts, fact by fact",
        description="List the entities, statements, estimates, citations and sources added, removed and "
                    "changed between two versions, and the disputes opened and closed, grouped by source "
                    "document. A and B are git revisions (default: HEAD and the working tree) or seeds "
                    "folders. A statement keeps its identity across versions (an id: written in the file, "
                    "else its subject, predicate and object), so an edited date is a change.", epilog=EPILOG)
    p.add_argument("before", nargs="?", metavar="A", help="a git revision or a seeds folder (default: HEAD)")
    p.add_argument("after", nargs="?", metavar="B",
                   help="a git revision or a seeds folder (default: the working tree's seeds folder)")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                   help="text (a summary, then the details; the default), json, or markdown for a pull request")
    p.add_argument("--exit-code", action="store_true", help="exit with status 1 when there are changes")
    add_options(p, "project", "seeds", "base")
    p.set_defaults(func=cmd_diff)
