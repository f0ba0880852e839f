"""The command line's own promises: one error hierarchy mapped to messages and exit statuses,
shared options declared once, and a `kg --help` that loads no heavy library."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import MINI, ROOT, run_kg
from graph.errors import KgError


def test_a_kg_error_is_one_message_a_hint_and_its_exit_status(monkeypatch, capsys):
    import graph.cli.facts

    def refuse(args):
        raise KgError("the ontology is on holiday", hint="try again tomorrow", exit_status=3)

    monkeypatch.setattr(graph.cli.facts, "cmd_types", refuse)
    from graph.cli import main

    assert main(["types"]) == 3
    assert capsys.readouterr().err == "kg: error: the ontology is on holiday\n    hint: try again tomorrow\n"


def test_the_modules_errors_are_kg_errors():
    from graph.builder import InvalidFacts
    from graph.project import ProjectNotFound
    from graph.query.names import AmbiguousName, UnknownName
    from graph.query.sparql import QueryError
    from graph.serve.push import LoadError
    from graph.serve.server import ServeError

    for cls in (InvalidFacts, ProjectNotFound, UnknownName, AmbiguousName, QueryError, LoadError, ServeError):
        assert issubclass(cls, KgError), cls


def _help_line(command: str, option: str) -> str:
    from graph.cli import make_parser

    parser = make_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices[command]
    return next(a.help for a in sub._actions if option in a.option_strings)


@pytest.mark.parametrize("option, commands", [
    ("--seeds", ("validate", "build", "query", "show", "path", "stats", "serve", "load", "explore")),
    ("--project", ("validate", "build", "query", "show", "path", "stats", "serve", "load", "explore")),
    ("--base", ("validate", "build", "serve", "load", "explore")),
    ("--quiet", ("validate", "build", "serve", "load", "explore")),
    ("--no-quote-check", ("validate", "build", "explore")),
])
def test_shared_options_mean_the_same_everywhere(option, commands):
    assert len({_help_line(c, option) for c in commands}) == 1


def test_help_loads_no_heavy_library():
    code = ("import sys\nfrom graph.cli import make_parser\nmake_parser().format_help()\n"
            "print(sorted(m for m in ('rdflib', 'networkx', 'numpy', 'scipy', 'pyvis') if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"


def test_a_command_is_parsed_by_its_group_alone_as_by_every_command():
    from graph.cli import GROUPS, make_parser

    full = make_parser()
    assert list(next(a for a in full._actions if a.dest == "command").choices) == [
        c for commands in GROUPS.values() for c in commands]
    for argv in (["validate", "-q", "--no-cache"], ["build", "--out", "x", "--strict"], ["types"],
                 ["query", "ASK {}", "--format", "csv"], ["path", "a", "b", "--max", "2"], ["load", "--endpoint", "u"],
                 ["explore", "x", "--depth", "2"], ["source", "add", "f.txt", "-y"], ["diff", "HEAD"]):
        assert vars(make_parser(argv[0]).parse_args(argv)) == vars(full.parse_args(argv)), argv


def test_validate_imports_no_other_command():
    code = ("import sys\nfrom graph.cli import run\nrun(['validate', '--seeds', sys.argv[1], '-q'])\n"
            "print(sorted(m for m in sys.modules if m.startswith('graph.cli.')))")
    r = subprocess.run([sys.executable, "-c", code, str(MINI)], cwd=ROOT, capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "['graph.cli.common', 'graph.cli.facts']"


def test_two_unknown_names_are_both_reported():
    r = run_kg("path", "Artmio", "Sendro", "--seeds", MINI)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "no entity named 'Artmio'" in r.stderr and "no entity named 'Sendro'" in r.stderr


def test_query_commands_report_bad_facts_and_point_to_validate():
    from conftest import FIXTURES

    r = run_kg("stats", "--seeds", FIXTURES / "broken" / "unknown-subject")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert ": error: unknown subject" in r.stderr
    last = r.stderr.splitlines()[-1]
    assert last.startswith("kg: the fact files in ") and last.endswith(" have errors; `kg validate` lists them")
