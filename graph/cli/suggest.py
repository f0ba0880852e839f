"""``kg suggest SOURCE``: a draft of facts from a registered document, every item awaiting review.

>>> parser = argparse.ArgumentParser(prog="kg")
>>> register(parser.add_subparsers())
>>> args = parser.parse_args(["suggest", "ellis-2015", "--hold-out"])
>>> args.source, args.hold_out, args.out
('ellis-2015', True, None)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from graph.cli.common import EPILOG, Inputs, add_options, print_report
from graph.errors import KgError, Reported


def known_facts(inputs: Inputs):
    """The facts as they stand (quotes unchecked: suggestions are checked one by one); errors refuse."""
    from graph.facts.validate import check
    from graph.vocab.ontology import DEFAULT_BASE

    facts, report = check(inputs.seeds, inputs.sources, quotes=False, base=inputs.base or DEFAULT_BASE)
    if report.errors:
        print_report(report, warnings=False)
        raise Reported("kg: error: the fact files have errors; kg suggest reads the graph they make\n"
                       "    hint: fix them first (kg validate lists them)")
    return facts


def document_text(inputs: Inputs, facts, source: str) -> str:
    """The text of the registered document ``source``, from where the quote check reads it."""
    from graph.facts.quotes import find_text_file
    from graph.facts.validate import default_text_folders
    from graph.problems import suggest as did_you_mean

    if source not in facts.sources:
        raise KgError(f"'{source}' is not in the source register",
                      hint=did_you_mean(source, facts.sources) or "register it first: kg source add FILE")
    src = facts.sources[source]
    folders = inputs.sources if inputs.sources is not None else default_text_folders(inputs.seeds)
    path = find_text_file(src.file, folders) if src.file else None
    if path is None:
        raise KgError(f"{source}: its text ({src.file or 'no file: field'}) is not in {', '.join(map(str, folders))}",
                      hint="kg source add FILE puts a document's text where the quote check finds it")
    return path.read_text(encoding="utf-8", errors="replace")


def _schema_path(inputs: Inputs, out: Path) -> str | None:
    from graph.vocab.json_schema import SCHEMA_FILE_NAME

    if inputs.folders.project is None:
        return None
    target = inputs.folders.project / "exports" / SCHEMA_FILE_NAME
    return Path(os.path.relpath(target, out.resolve().parent)).as_posix()


def _hold_out(inputs: Inputs, facts, source: str, text: str, as_json: bool) -> int:
    from graph.authoring.measure import hold_out

    held = next((Path(f).name for f in facts.files if Path(f).stem == source), None)
    if held is None:
        raise KgError(f"{source}: no fact file named {source}.yaml to hold out",
                      hint="the measurement compares the draft with the document's own fact file")
    m = hold_out(facts, source, held, text)
    if as_json:
        print(json.dumps(m.as_dict(), indent=2))
        return 0
    print(f"{source}: held out {held}\n"
          f"  entities:   {m.entities_found}/{m.entities} found ({m.entity_share:.0%}); "
          f"{m.new_proposed} new names proposed, {m.new_wrong} match no entity\n"
          f"  statements: {m.statements_found}/{m.statements} found ({m.statement_share:.0%}), "
          f"{m.types_right} with the right type; {m.proposed} proposed, {m.proposed_wrong} link entities the file does not\n"
          f"  claimants:  {m.claimants_found}/{m.claimants} found; {m.claimants_proposed} proposed, "
          f"{m.claimants_right} of them as the file has them")
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    from graph.authoring.draft import draft_yaml
    from graph.authoring.suggest import suggest
    from graph.exports.write import write_atomic

    inputs = Inputs.from_args(args)
    facts = known_facts(inputs)
    text = document_text(inputs, facts, args.source)
    if args.hold_out:
        return _hold_out(inputs, facts, args.source, text, args.format == "json")
    draft = suggest(args.source, text, facts)
    if args.out == Path("-"):
        sys.stdout.write(draft_yaml(draft))
        return 0
    out = args.out or inputs.seeds / f"{args.source}.draft.yaml"
    if out.exists() and not args.force:
        raise KgError(f"{out}: already exists", hint="pass --force to replace it, or --out FILE")
    write_atomic(out, draft_yaml(draft, _schema_path(inputs, out)).encode("utf-8"))
    inputs.progress(f"wrote {out}: " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in draft.counts.items()))
    return 0


def register(sub) -> None:
    """Add suggest to the subcommands ``sub``."""
    p = sub.add_parser(
        "suggest", help="draft facts from a registered document, for a curator to review",
        description="Read the document SOURCE (registered in the source register, its text where the quote "
                    "check finds it) and write a draft fact file: mentions of known entities as evidence, new "
                    "names as entities, pairs of entities in a sentence as statements with a guessed type, "
                    "figures with units as estimates, modality and attribution cues marked. Every entry quotes "
                    "its sentence verbatim with its locator and carries a 'review:' mark: kg validate lists it "
                    "as a draft and kg build leaves it out until a curator deletes the mark.", epilog=EPILOG)
    p.add_argument("source", metavar="SOURCE", help="a source id of the source register")
    p.add_argument("--out", type=Path, metavar="FILE",
                   help="where to write the draft (default: SEEDS/SOURCE.draft.yaml; '-' for standard output)")
    p.add_argument("--force", action="store_true", help="replace an existing draft")
    p.add_argument("--hold-out", action="store_true",
                   help="measure instead: suggest with SOURCE's own fact file (SOURCE.yaml) unknown and compare")
    p.add_argument("--format", choices=("text", "json"), default="text", help="the --hold-out figures as text or json")
    add_options(p, "project", "seeds", "sources", "base", "quiet")
    p.set_defaults(func=cmd_suggest)
