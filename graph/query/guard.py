"""What a query must pass before any engine sees it: no ``SERVICE`` unless allowed, and no deep nesting.

The check is lexical: brackets, braces and parentheses are counted, and the
``SERVICE`` keyword looked for, outside strings, IRIs and comments. A query
nested deeper than :data:`MAX_DEPTH` would overflow the engine's stack (3,000
groups crash it), and ``SERVICE`` makes the engine send a request to any
address the query names (the host's own loopback services included).

>>> check("SELECT * WHERE { ?s ?p '{{{' } # {{{")
>>> check("SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")
Traceback (most recent call last):
...
graph.query.errors.QueryError: 1:18: SERVICE is not allowed: it would send a request from this host to another server
>>> check("ASK " + "{" * 101 + "}" * 101)
Traceback (most recent call last):
...
graph.query.errors.QueryError: 1:105: the query nests brackets, braces and parentheses more than 100 deep
"""

from __future__ import annotations

import re

from graph.problems import line_col
from graph.query.errors import QueryError

MAX_DEPTH = 100
OPEN, CLOSE = "{([", "})]"

# One lexical unit: a string (long forms first), an IRI, a comment, a name-like word, or one other character.
_TOKEN = re.compile(r'''
    (?P<string>"""(?:[^"\\]|\\.|"(?!""))*(?:"""|$)|'\'\'(?:[^'\\]|\\.|'(?!''))*(?:'\'\'|$)
             |"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<comment>\#[^\n]*)
  | (?P<word>[?$]?[\w.\-\\%]*:[\w.\-:\\%]*|[?$]?[\w\\%][\w.\-\\%]*)
  | (?P<other>.)
''', re.S | re.X)

SERVICE_HINT = "allow it with --allow-service if you trust the query and every server it names"
DEPTH_HINT = "write the query with fewer nested groups (a deeply nested query is refused before it runs)"


def _error(text: str, offset: int, message: str, hint: str) -> QueryError:
    return QueryError(message, *line_col(text, offset), hint=hint)


def check(text: str, *, allow_service: bool = False, max_depth: int = MAX_DEPTH) -> None:
    """Raise :class:`QueryError` (line, column and a hint) for ``SERVICE`` (unless allowed) or nesting
    deeper than ``max_depth``; return None for a query that may go to the engine."""
    depth = 0
    for m in _TOKEN.finditer(text):
        kind, token = m.lastgroup, m.group()
        if kind == "word" and not allow_service and token.upper() == "SERVICE":
            raise _error(text, m.start(), "SERVICE is not allowed: it would send a request from this host to "
                                          "another server", SERVICE_HINT)
        if kind != "other":
            continue
        if token in OPEN:
            depth += 1
            if depth > max_depth:
                raise _error(text, m.start(), f"the query nests brackets, braces and parentheses more than "
                                              f"{max_depth} deep", DEPTH_HINT)
        elif token in CLOSE:
            depth = max(depth - 1, 0)
