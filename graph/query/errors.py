"""What a query that cannot run reports: a message, with the line and column of the query text.

>>> print(QueryError("unknown prefix 'x:'", 1, 8).format("q.rq", "SELECT x:y WHERE {}"))
q.rq:1:8: error: unknown prefix 'x:'
    SELECT x:y WHERE {}
           ^
"""

from __future__ import annotations

import re

from graph.errors import KgError
from graph.query.terminal import inert, width


CONTEXT = 60  # characters shown either side of the column of a long line


class QueryError(KgError):
    """A query that cannot be parsed or run; ``line`` and ``col`` are 1-based positions in the query text."""

    def __init__(self, message: str, line: int | None = None, col: int | None = None, hint: str | None = None):
        self.message, self.line, self.col = message, line, col
        where = f"{line}:{col}: " if line is not None else ""
        super().__init__(where + message, hint=hint)

    def format(self, name: str = "query", text: str | None = None) -> str:
        """Compiler style: ``name:line:col: error: message``, then the line with a caret under the column."""
        where = name if self.line is None else f"{name}:{self.line}:{self.col}"
        hint = f"\n    hint: {inert(self.hint)}" if self.hint else ""
        return f"{inert(where)}: error: {inert(self.message)}" + self._caret(text) + hint

    def _caret(self, text: str | None) -> str:
        lines = text.split("\n") if text is not None and self.line is not None else []
        if not 1 <= (self.line or 0) <= len(lines):
            return ""
        src, col = _around(lines[self.line - 1], max(self.col - 1, 0))
        pad = width(inert(src[:col]))
        return f"\n    {inert(src)}\n    {' ' * pad}^"


def _around(src: str, col: int) -> tuple[str, int]:
    """A long line cut to the CONTEXT characters either side of ``col`` (with "…" where cut), and the column
    in what is left; a short line as it is.

    >>> _around("ab", 1), _around("x" * 200 + "^" + "y" * 200, 200)[0].index("^")
    (('ab', 1), 61)
    """
    if len(src) <= CONTEXT * 2:
        return src, col
    start = max(col - CONTEXT, 0)
    return ("…" if start else "") + src[start:col + CONTEXT] + "…", col - start + (1 if start else 0)


_POSITION = re.compile(r"^error at (\d+):(\d+): ", re.S)
_UPDATE = re.compile(r"(?is)^(?:\s|#[^\n]*\n|(?:PREFIX|BASE)\b[^<]*<[^>]*>)*"
                     r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b")


def _unknown_prefix(before: str, predeclared) -> str:
    name = re.search(r"([A-Za-z][\w.-]*)?:[\w.-]*$", before)
    prefix = (name.group(1) or "") if name else "?"
    return f"unknown prefix '{prefix}:' (predeclared: {', '.join(sorted(predeclared))})"


def _shortened(message: str) -> str:
    message = " ".join(message.split())
    return message[:160].rsplit(",", 1)[0] + ", …" if len(message) > 160 else message


def _explain(message: str, text: str, before: str, predeclared) -> str:
    """pyoxigraph's parser message, said the way a SPARQL user needs it."""
    update = _UPDATE.match(text)
    if update:
        return f"{update.group(1).upper()} is SPARQL Update; the graph is read-only here (SELECT, ASK, " \
               f"CONSTRUCT or DESCRIBE)"
    if "Prefix not found" in message:
        return _unknown_prefix(before, predeclared)
    if "unbound" in message and "SELECT" in message:
        return "the SELECT clause uses a variable that is not bound in the query (missing GROUP BY?)"
    if "IRI parsing failed" in message:
        return "invalid IRI"
    return _shortened(message)


def parse_error(exc: SyntaxError, text: str, predeclared=()) -> QueryError:
    """Turn pyoxigraph's parser message into a short one with the line and column.

    >>> parse_error(SyntaxError("error at 1:10: Prefix not found"), "SELECT x:y {}", ["nx"]).message
    "unknown prefix 'x:' (predeclared: nx)"
    """
    message, line, col = str(exc), None, None
    m = _POSITION.match(message)
    if m:
        line, col = int(m.group(1)), int(m.group(2))
        message = message[m.end():]
    lines = text.split("\n")
    before = lines[line - 1][:col - 1] if line and 1 <= line <= len(lines) else ""
    return QueryError(_explain(message, text, before, predeclared), line, col)
