"""``kg source add FILE``: register a new document and put its text where the quote check finds it.

>>> parser = argparse.ArgumentParser(prog="kg")
>>> register(parser.add_subparsers())
>>> args = parser.parse_args(["source", "add", "report.pdf", "--title", "A report", "--no-copy"])
>>> args.file, args.title, args.copy
(PosixPath('report.pdf'), 'A report', False)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.cli.common import EPILOG, Inputs, add_options
from graph.errors import KgError, Reported

# option -> the register's field it fills, in the order an entry is written
FIELDS = {"id": "id", "title": "title", "author": "author", "publisher": "publisher", "date": "date",
          "url": "url", "licence": "rights", "note": "note"}
ASKED = ("title", "author", "publisher", "date", "url", "licence")


def _ask(args: argparse.Namespace) -> None:
    """Prompt for what the options left out, when someone is at the keyboard."""
    if not sys.stdin.isatty() or args.yes:
        return
    for name in ASKED:
        if getattr(args, name) is None:
            answer = input(f"{name}: ").strip()
            setattr(args, name, answer or None)
    if args.copy is None:
        args.copy = input("may its text be copied into the project? [y/N] ").strip().lower().startswith("y")


def _entry(args: argparse.Namespace, ident: str, file_name: str) -> dict:
    values = {**{f: getattr(args, o) for o, f in FIELDS.items() if getattr(args, o) is not None}, "id": ident}
    copy_note = "its text may be copied into the project" if args.copy else "its text is not copied into the project"
    values["rights"] = f"{values['rights']}; {copy_note}" if values.get("rights") else copy_note
    values["file"] = file_name
    order = ["id", "title", "author", "publisher", "date", "file", "rights", "url", "note"]
    return {k: values[k] for k in order if values.get(k) is not None}


def cmd_source_add(args: argparse.Namespace) -> int:
    from graph.authoring.sources import append_entry, check_entry, document_text, registered_ids, text_destination
    from graph.authoring.suggest import slug
    from graph.cli.common import print_report
    from graph.project import shared_sources

    inputs = Inputs.from_args(args)
    text = document_text(args.file)
    _ask(args)
    if not args.title:
        raise KgError("a source needs a title", hint="pass --title TEXT")
    ident = args.id or slug(args.file.stem)
    if ident in registered_ids(inputs.seeds):
        raise KgError(f"'{ident}' is already in the source register", hint="pass --id with another id")
    register = args.register or inputs.seeds / "sources.yaml"
    target = text_destination(inputs.seeds, args.shared or shared_sources(inputs.seeds), f"{ident}.txt",
                              bool(args.copy))
    entry = _entry(args, ident, target.name)
    report = check_entry(entry, register)
    if report.errors:
        print_report(report, warnings=False)
        raise Reported(f"kg: error: nothing registered: {register} is unchanged")
    target.write_text(text, encoding="utf-8")
    append_entry(register, entry)
    inputs.progress(f"registered '{ident}' in {register}; its text is {target}")
    inputs.progress(f"next: kg suggest {ident}")
    return 0


def register(sub) -> None:
    """Add ``source add`` to the subcommands ``sub``."""
    p = sub.add_parser("source", help="the source register: add a document",
                       description="Manage the source register (seeds/sources.yaml).", epilog=EPILOG)
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser(
        "add", help="register a new document and keep its text for the quote check",
        description="Register FILE (a text file, or a PDF read to text with pypdf; no OCR) in the source "
                    "register and put its text where the quote check finds it: SEEDS/texts/ when it may be "
                    "copied into the project (--copy), else the shared sources folder beside the project. "
                    "Options not given are asked for when a terminal is attached.", epilog=EPILOG)
    a.add_argument("file", type=Path, metavar="FILE", help="the document: .txt, .md or .pdf")
    a.add_argument("--id", metavar="SLUG", help="its source id (default: from the file name)")
    for name in ("title", "author", "publisher"):
        a.add_argument(f"--{name}", metavar="TEXT", help=f"the document's {name}")
    a.add_argument("--date", metavar="DATE", help="when it was published: a year, year-month or full date")
    a.add_argument("--url", metavar="URL", help="where it is published")
    a.add_argument("--licence", metavar="TEXT", help="its licence or rights, e.g. 'public domain'")
    a.add_argument("--note", metavar="TEXT", help="a curator's remark")
    copy = a.add_mutually_exclusive_group()
    copy.add_argument("--copy", dest="copy", action="store_true", default=None,
                      help="its text may be copied into the project (kept in SEEDS/texts/)")
    copy.add_argument("--no-copy", dest="copy", action="store_false",
                      help="it may not (kept in the shared sources folder, outside the project)")
    a.add_argument("--register", type=Path, metavar="FILE", help="the register to add to (default: SEEDS/sources.yaml)")
    a.add_argument("--shared", type=Path, metavar="DIR",
                   help="the folder for texts that may not be copied (default: ../shared/sources beside the project)")
    a.add_argument("-y", "--yes", action="store_true", help="ask nothing: use the options as given")
    add_options(a, "project", "seeds", "quiet")
    a.set_defaults(func=cmd_source_add)
