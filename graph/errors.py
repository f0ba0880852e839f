"""One exception hierarchy for the errors a user can fix.

Every error that ``kg`` reports without a traceback is a :class:`KgError`:
the command line prints ``kg: error: MESSAGE``, then ``    hint: HINT`` if
there is one, and exits with ``exit_status`` (1 unless said otherwise). The
modules that raise them (the builder, query, serve and the project folder)
subclass it; this module is the base layer and imports nothing from ``graph``.

>>> err = KgError("no seeds/ folder in /tmp", hint="name one with --seeds DIR")
>>> print(err.report())
kg: error: no seeds/ folder in /tmp
    hint: name one with --seeds DIR
>>> err.exit_status
1
"""

from __future__ import annotations


class KgError(Exception):
    """An error in what the user asked for or gave, reported as one message and a hint.

    Subclasses may set ``hint`` and ``exit_status`` as class attributes, or take
    them here; ``str(error)`` is the message.
    """

    hint: str | None = None
    exit_status: int = 1

    def __init__(self, message: str = "", hint: str | None = None, exit_status: int | None = None):
        super().__init__(message)
        if hint is not None:
            self.hint = hint
        if exit_status is not None:
            self.exit_status = exit_status

    def report(self) -> str:
        """The lines the command line prints for this error.

        >>> print(KgError("port 7878 is in use").report())
        kg: error: port 7878 is in use
        """
        hint = f"\n    hint: {self.hint}" if self.hint else ""
        return f"kg: error: {self}{hint}"


class Reported(KgError):
    """An error whose full report is already written out (a query's caret, a name's candidates).

    >>> print(Reported("query:1:9: error: expected '}'").report())
    query:1:9: error: expected '}'
    """

    def report(self) -> str:
        return str(self)
