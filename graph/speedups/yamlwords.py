"""Words the fast YAML path checks came back inside texts: a '*' or a number that may be text.

:mod:`graph.speedups.fastyaml` stands aside for a node property (anchor,
alias, tag…) or a risky number where a node may start. Two of them are often
just text: ``"…, *Final Report*, …"`` and ``deaths per 1,000``. For those it
asks :func:`checked_words` for the words holding them, and after parsing
:func:`words_kept` whether each came back inside a text as often as the file
writes it (then neither parser read it as a node).

>>> checked_words("a: deaths per 1,000\\n"), checked_words("a: 012\\n")
(['1,000'], None)
>>> words_kept(["1,000"], "a\\0deaths per 1,000", "a: deaths per 1,000\\n")
True
"""

from __future__ import annotations

import re

_INDICATORS = "&*!?@`%"
# a node property or indicator where a node may start: anchor, alias, tag, complex key,
# reserved indicator, directive
_INDICATOR = re.compile(r"(?:^|[\[{,]|[-?:] )[ ]*[&*!?@`%]", re.M)
_NUMBER_END = r"[0-9a-fA-FxXoOnNiI_.+:-]*[ ]*(?:$|[,\]}#]|:[ ])"
_NUMBER_START = r"(?:(?<=[\s\[{,]C)|(?<=[\s\[{,][-+]C)|(?<=^C)|(?<=^[-+]C))"
# a whole value that is a number the two parsers read differently: a leading zero (octal, 0o,
# 0x, 0b, 08), a bare leading dot or a sign before one (.5, +.5, .inf, .nan), an exponent
_RISKY_NUMBERS = (
    re.compile("0" + _NUMBER_START.replace("C", "0") + "[0-9a-zA-Z_]" + _NUMBER_END, re.M),
    re.compile(r"\." + _NUMBER_START.replace("C", r"\.") + _NUMBER_END, re.M),
    # a leading underscore: yaml-rs reads "_0" as the number 0, PyYAML as text
    re.compile("_" + _NUMBER_START.replace("C", "_") + _NUMBER_END, re.M),
)
_EXPONENT_LINE = (re.compile(r"e(?<=[0-9_.]e)[-+]?[0-9]"), re.compile(r"E(?<=[0-9_.]E)[-+]?[0-9]"))
_EXPONENT_HINT = (re.compile(r"e(?<=[0-9.]e)[-+]?[0-9]"), re.compile(r"E(?<=[0-9.]E)[-+]?[0-9]"))
_EXPONENT = re.compile(r"(?:^|[\s\[{,])[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)[eE][-+]?[0-9]+"
                       r"[ ]*(?:$|[,\]}#]|:[ ])", re.M)

def _node_property_words(text: str) -> list | None:
    """The words holding a '*' where a node may start; None for any other node property or indicator.

    No anchor can be defined (every match is a '*'), so a real alias makes
    yaml-rs fail ("unknown anchor"); a '*' that is text (``"a, *b*"``) must come
    back inside a text, which :func:`words_kept` checks.
    """
    if not any(c in text for c in _INDICATORS):
        return []
    words = []
    for m in _INDICATOR_CHAR.finditer(text):  # where _INDICATOR would match, found 10x sooner (a class to scan for)
        if _where_node_starts(text, m.start()):
            if m[0] != "*":
                return None
            words.append(_word_at(text, m.start()))
    return words


_INDICATOR_CHAR = re.compile(f"[{_INDICATORS}]")


def _where_node_starts(text: str, at: int) -> bool:
    """Whether :data:`_INDICATOR` matches ending at ``at``: after a line start, '[', '{' or ',', or after
    '-', '?' or ':' and a space, then spaces."""
    start = at  # where the spaces before ``at`` start (each run walked once: linear however long the line)
    while start and text[start - 1] == " ":
        start -= 1
    if not start or text[start - 1] in "\n[{,":
        return True
    return start < at and text[start - 1] in "-?:"


def _exponent(text: str) -> bool:
    """Whether :data:`_EXPONENT` matches in ``text``: sought only on the lines that may hold one.

    A match lies within one line (and the line break before it), and holds an
    'e' or 'E' between a digit, '_' or '.' and a digit or sign; each such line
    is searched once, so the time stays linear.
    """
    for hint in _EXPONENT_LINE:
        searched = -2
        for m in hint.finditer(text):
            line = text.rfind("\n", 0, m.start())  # the break before the line (-1: none), where a match may start
            if line != searched:
                searched, end = line, text.find("\n", m.start())
                if _EXPONENT.search(text, max(line, 0), end if end >= 0 else len(text)) is not None:
                    return True
    return False


def _odd_number_words(text: str) -> list | None:
    """The words like ``1,000`` a risky number is part of; None for any other risky number.

    A number after a comma that follows a digit is text in block context
    (``deaths per 1,000``) and two numbers in a flow collection (``[1,000]``,
    where the strict reader reports the octal ``000``); :func:`words_kept`
    checks it came back inside a text.
    """
    if any(r.search(text) for r in _EXPONENT_HINT) and _exponent(text):
        return None
    words = []
    for risky in _RISKY_NUMBERS:
        for m in risky.finditer(text):
            at = m.start()
            if risky is not _RISKY_NUMBERS[0] or text[at - 1] != "," or not text[at - 2:at - 1].isdigit():
                return None
            words.append(_word_at(text, at))
    return words


_SPACE = re.compile(r"\s")
QUOTES = "\"'"
# escapes that can make a character of a word or a date out of others (or join lines)
MAKING_ESCAPE = re.compile(r"\\[xuUNLP_\n]")


def _word_at(text: str, at: int) -> str:
    """The run of non-space characters around ``at``, without quotes or flow brackets and commas at its ends
    (``"… US$152,000,000"}`` in a flow mapping is the word ``US$152,000,000``)."""
    start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
    end = _SPACE.search(text, at)
    return text[start:end.start() if end else len(text)].strip(QUOTES + "[]{},")


def checked_words(text: str) -> list | None:
    """The words that must come back inside texts, or None when unsure."""
    words = _node_property_words(text)
    numbers = _odd_number_words(text) if words is not None else None
    if numbers is None:
        return None
    words = sorted(set(words + numbers))
    if words and (MAKING_ESCAPE.search(text) or any(not w or "\\" in w or _SPACE.search(w) for w in words)):
        return None
    return words


def words_kept(words: list, texts: str, text: str) -> bool:
    """Whether every occurrence of each word in ``text`` came back inside one of the texts of the data.

    ``texts`` are those texts (keys and values) joined by NULs (which no word
    holds). No escape makes characters out of others (:data:`MAKING_ESCAPE`)
    and line folding only adds spaces, so a text holds a word only where the
    file wrote it: as many in the texts as in the file means none was read as
    anything else.
    """
    return all(texts.count(w) >= text.count(w) for w in words)
