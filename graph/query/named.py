"""Named queries: the ``.rq`` files in ``./queries`` and the ones the package ships, by name.

>>> "leaders" in library()
True
>>> resolve_query("SELECT * WHERE { ?s ?p ?o }")
('query', 'SELECT * WHERE { ?s ?p ?o }')
>>> resolve_query("leadrs")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graph.query.errors.QueryError: no query named 'leadrs' in queries/; did you mean 'leaders', ...?...
"""

from __future__ import annotations

import difflib
import re
import stat
import sys
from pathlib import Path

from graph.query.errors import QueryError
from graph.resources import data_dir

_NAME = re.compile(r"^[A-Za-z0-9_][\w.-]*$")


def query_dirs() -> list[Path]:
    """Where named queries are looked up: ./queries, then the ones the package ships."""
    dirs = []
    for d in (Path.cwd() / "queries", data_dir("queries")):
        if d.is_dir() and all(d.resolve() != x.resolve() for x in dirs):
            dirs.append(d)
    return dirs


def _description(path: Path) -> str:
    """The file's first line, when it is a ``# `` comment."""
    try:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    except (OSError, UnicodeDecodeError):
        return ""
    return first[1:].strip() if first.startswith("#") else ""


def library() -> dict[str, tuple[Path, str]]:
    """Named queries: name -> (path, one-line description from the file's first ``# `` line)."""
    out: dict[str, tuple[Path, str]] = {}
    for d in query_dirs():
        for path in sorted(d.glob("*.rq")):
            if path.stem not in out:
                out[path.stem] = (path, _description(path))
    return out


MAX_FILE_BYTES = 4 * 1024 * 1024


def _read_file(arg: str) -> tuple[str, str]:
    """A query file's text: a regular file (never a FIFO or a device, which could block or never end)."""
    try:
        info = Path(arg).stat()
        if not stat.S_ISREG(info.st_mode):
            raise QueryError(f"cannot read {arg}: not a regular file (a FIFO, a device or a folder); "
                             f"give a .rq file, or - to read the query from standard input")
        if info.st_size > MAX_FILE_BYTES:
            raise QueryError(f"cannot read {arg}: {info.st_size:,} bytes is too big for a query "
                             f"(at most {MAX_FILE_BYTES:,})")
        return arg, Path(arg).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"no such query file: {arg}") from None
    except UnicodeDecodeError:
        raise QueryError(f"cannot read {arg}: not UTF-8 text") from None
    except (OSError, ValueError) as exc:
        raise QueryError(f"cannot read {arg}: {exc.strerror if isinstance(exc, OSError) else exc}") from None


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _named(name: str) -> tuple[str, str]:
    lib = library()
    if name in lib:
        path = lib[name][0]
        return _shown(path), path.read_text(encoding="utf-8")
    close = difflib.get_close_matches(name, list(lib), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise QueryError(f"no query named '{name}' in queries/{hint} (`kg query --list` shows them)")


def _is_file(arg: str) -> bool:
    return arg.endswith(".rq") or (len(arg) < 4096 and "\n" not in arg and Path(arg).is_file())


def resolve_query(arg: str) -> tuple[str, str]:
    """(display name, SPARQL text) for a .rq path, a library name, ``-`` (standard input), or inline SPARQL.

    Raises :class:`QueryError` for a bare word that names no query.
    """
    if arg == "-":
        return "<stdin>", sys.stdin.read()
    if _is_file(arg):
        return _read_file(arg)
    if _NAME.match(arg):
        return _named(arg)
    return "query", arg
