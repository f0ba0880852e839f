"""``kg validate``, ``kg build`` and ``kg types``: checking the fact files, writing the exports, the vocabulary.

>>> parser = argparse.ArgumentParser(prog="kg")
>>> register(parser.add_subparsers())
>>> parser.parse_args(["build", "--out", "x"]).out
PosixPath('x')
"""

from __future__ import annotations

import argparse
from pathlib import Path

from graph.cli.common import (EPILOG, READING, Inputs, add_options, check_facts, graph_of, load_graph,
                               print_problems, read_line)


def cmd_validate(args: argparse.Namespace) -> int:
    inputs = Inputs.from_args(args)
    memory = None if args.no_cache else _check_memory(inputs)
    said = memory.recall() if memory is not None else None
    if said is None:
        with _reading_cache(inputs, args.no_cache) as reading:
            facts, report = check_facts(inputs, inputs.progress)
        if memory is not None:
            memory.keep(facts, report, reading.digests if reading is not None else None)
        errors = bool(report.errors)
    else:  # the same inputs as the last check: what it said, said again (graph.facts.checkcache)
        errors = _say_again(inputs, said)
    if errors:
        return 1
    inputs.progress("no errors")
    return 0


class _CheckMemory:
    """The build cache's entry for a check of ``inputs`` (graph.facts.checkcache), by its key."""

    def __init__(self, cache, key: str):
        self.cache, self.key = cache, key

    def recall(self):
        from graph.facts.checkcache import recall

        return recall(self.cache, self.key)

    def keep(self, facts, report, digests: dict | None = None) -> None:
        from graph.facts.checkcache import Said, keep

        keep(self.cache, self.key, Said.of(facts, report, digests))


def _say_again(inputs: Inputs, said) -> bool:
    """Print what a remembered check said, as the check printed it; whether it found errors."""
    print_problems(said.problems, said.severities, warnings=not inputs.quiet)
    inputs.progress(read_line(said.files, said.counts))
    return "error" in said.severities


def _check_memory(inputs: Inputs) -> _CheckMemory | None:
    """Where a check of ``inputs`` is remembered, or None (the speed-ups off, an input that cannot be read)."""
    from graph import speedups
    from graph.facts.checkcache import check_key
    from graph.project import default_text_folders
    from graph.resources import data_dir
    from graph.speedups.cache import Cache, cache_folder, tool_digest

    seeds = inputs.seeds
    if not speedups.enabled() or not seeds.is_dir():  # no folder: nothing to remember, no cache made beside it
        return None
    folders = inputs.sources if inputs.sources is not None else default_text_folders(seeds)
    options = (inputs.quotes, inputs.base, inputs.strict, [str(f) for f in folders])
    key = check_key(tool_digest(data_dir("ontology")), seeds, folders, options)
    return _CheckMemory(Cache(cache_folder(seeds)), key) if key is not None else None


def _reading_cache(inputs: Inputs, off: bool):
    """Fact files read through the build cache (each file's data, keyed by its bytes: graph.facts.readcache),
    unless ``off`` or the speed-ups are; a context manager."""
    import contextlib

    from graph import speedups

    if off or not speedups.enabled():
        return contextlib.nullcontext()
    from graph.facts.readcache import cached_reading

    return cached_reading(_read_cache(inputs))


def _read_cache(inputs: Inputs):
    """The build cache of ``inputs``' seeds folder (``.kg-cache/`` beside it), as the fact files' reader uses it."""
    from graph.facts.readcache import ReadCache
    from graph.resources import data_dir
    from graph.speedups.cache import Cache, cache_folder, tool_digest

    return ReadCache(Cache(cache_folder(inputs.seeds)), tool_digest(data_dir("ontology")))


def cmd_build(args: argparse.Namespace) -> int:
    from graph import speedups
    from graph.errors import Reported
    from graph.exports.registry import ExporterError, exporters
    from graph.exports.targets import check_out_dir
    from graph.exports.write import write_exports

    inputs = Inputs.from_args(args, writes=True)
    out = inputs.folders.out
    failure = f"nothing written: {out} is unchanged"
    try:
        chosen = exporters()
        check_out_dir(out, [f for e in chosen for f in e.files], args.force)  # before the work of a build
        if args.no_cache or not speedups.enabled():
            kg = load_graph(inputs, strict=True, failure=failure)
            paths = write_exports(kg, out, progress=inputs.progress, force=args.force, release=True)
        else:
            paths = _cached_build(inputs, chosen, args.force, failure)
    except ExporterError as exc:
        raise Reported(f"kg: error: {exc}\nkg: {failure}") from None
    inputs.progress(f"wrote {len(paths)} files to {out}")
    return 0


def _cached_build(inputs: Inputs, chosen: list, force: bool, failure: str) -> list:
    """``kg build`` through the build cache (``.kg-cache/`` beside the seeds folder): each fact file's
    data, the last check (graph.facts.checkcache), and the exports of the last build, copied when they are
    made of the same (graph.exports.cache). Unchanged inputs are neither read nor checked again."""
    from graph.errors import Reported
    from graph.facts.readcache import cached_reading

    reading = _read_cache(inputs)
    memory = _check_memory(inputs)
    said = memory.recall() if memory is not None else None
    if said is not None:
        return _build_as_said(inputs, said, reading, chosen, force, failure)
    with cached_reading(reading):
        facts, report = check_facts(inputs, inputs.progress)
    if memory is not None:
        memory.keep(facts, report, reading.digests)
    if report.errors:
        raise Reported(f"kg: {failure}")
    key = _export_key(inputs, reading, chosen, facts.files, reading.digests, [p.format() for p in report.problems])
    paths = _copied(inputs, reading.cache, key, chosen, force)
    return paths if paths is not None else _build_and_keep(inputs, facts, report, chosen, force, reading.cache, key)


def _build_as_said(inputs: Inputs, said, reading, chosen: list, force: bool, failure: str) -> list:
    """The build of inputs a remembered check (``said``) knows: what it said, said again, and the exports
    copied; the facts are read, quietly, only when the exports cannot be."""
    from graph.errors import Reported
    from graph.facts.readcache import cached_reading

    if _say_again(inputs, said):
        raise Reported(f"kg: {failure}")
    key = _export_key(inputs, reading, chosen, said.fact_files, said.digests, said.problems)
    paths = _copied(inputs, reading.cache, key, chosen, force)
    if paths is not None:
        return paths
    with cached_reading(reading):
        facts, report = check_facts(inputs, inputs.progress, say=False)
    return _build_and_keep(inputs, facts, report, chosen, force, reading.cache, key)


def _export_key(inputs: Inputs, reading, chosen: list, files: list[str], digests: dict, problems: list[str]):
    from graph.exports.cache import export_key
    from graph.vocab.ontology import DEFAULT_BASE

    names = [f for e in chosen for f in e.files]
    return export_key(reading.tool, inputs.base or DEFAULT_BASE, names, files, digests, problems)


def _entry(cache, key: str | None):
    from graph.exports.cache import ExportCache

    return ExportCache(cache, key) if key is not None else None


def _copied(inputs: Inputs, cache, key: str | None, chosen: list, force: bool) -> list | None:
    """The exports copied from the cache entry of ``key``; None when it has none, or a file is not what it says."""
    from graph.exports.cache import StaleCache
    from graph.exports.write import write_exports

    entry = _entry(cache, key)
    copying = entry.exporters(chosen) if entry is not None else None
    if copying is None:
        return None
    try:
        paths = write_exports(None, inputs.folders.out, progress=inputs.progress, exporters=copying, force=force)
    except StaleCache:
        entry.drop()
        return None
    inputs.progress(f"built {entry.triples:,} triples (copied: the same facts as the last build)")
    return paths


def _build_and_keep(inputs: Inputs, facts, report, chosen: list, force: bool, cache, key: str | None) -> list:
    from graph.explorer.remembered import remembering
    from graph.exports.write import write_exports

    entry = _entry(cache, key)
    kg = graph_of(inputs, facts, report)
    with remembering(cache):  # the explorer's metrics and layout, by the graph's structure
        paths = write_exports(kg, inputs.folders.out, progress=inputs.progress, exporters=chosen, force=force,
                              cache=entry, release=True)  # the triples let go of once written: memory for the explorer
    if entry is not None:
        entry.finish([f for e in chosen for f in e.files], kg.triple_count)
    return paths


def cmd_types(args: argparse.Namespace) -> int:
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


def _strict_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true",
                        help="treat the lints as errors: quotes that do not name what they support, cue words "
                             "the fact ignores, figures missing from quotes, duplicate entities, shared aliases…")


def _no_cache_option(parser: argparse.ArgumentParser, what: str = "") -> None:
    parser.add_argument("--no-cache", action="store_true",
                        help=f"{what}neither read nor fill the build cache (.kg-cache/ beside the seeds folder, "
                             "safe to delete)")


def register(sub) -> None:
    """Add validate, build and types to the subcommands ``sub``."""
    p = sub.add_parser("validate", help="check the fact files; report every problem",
                       description="Check every fact file: YAML, fields, ids, types, predicates, "
                                   "domains and ranges, dates, part-of cycles, evidence and quotes.",
                       epilog=EPILOG)
    add_options(p, *READING)
    _strict_option(p)
    _no_cache_option(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("build", help="check the fact files and write every export",
                       description="Check the fact files and, if there are no errors, write the exports. "
                                   "On errors nothing is written. Every target is "
                                   "checked before any file is replaced: all of the exports are written, or none.", epilog=EPILOG)
    add_options(p, *READING)
    _strict_option(p)
    p.add_argument("--out", type=Path, metavar="DIR", help="folder for the exports (default: PROJECT/exports); "
                   "never the filesystem root")
    _no_cache_option(p, "a cold build: ")
    p.add_argument("--force", action="store_true",
                   help="write into a folder that holds other files and no earlier exports (refused otherwise; "
                        "files of other names there are left alone)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("types", help="list the entity types and relationship types of the ontology",
                       description="List the entity types by section and every relationship type with "
                                   "its domain, range and inverse.")
    p.set_defaults(func=cmd_types)
