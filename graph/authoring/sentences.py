"""A document's text as sentences, each with its place in the text and a locator a curator can follow.

Locators are what the text shows: page numbers (a lone number closing a page, or
a running head such as ``JENSEN — 5`` opening one), Markdown headings (as a path,
``The Challenge > Sendero Luminoso``), numbered paragraphs (``1. (SBU) …`` is
``para. 1``), endnotes (``note 28``); failing all of them, the paragraph's number.

>>> doc = split_text("## Origins\\n\\nSendero was founded in 1970. Guzman led it.\\n")
>>> [(s.text, s.locator) for s in doc]
[('Sendero was founded in 1970.', 'Origins'), ('Guzman led it.', 'Origins')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
RUNNING_HEAD = re.compile(r"^\s*[A-Z][A-Z .,'&-]*\s+[—–-]+\s*(\d{1,3})\s*$")
PAGE_FOOT = re.compile(r"^\s*(\d{1,3})\s*$")
NUMBERED = re.compile(r"^\s*(\d{1,2})\.\s+(?=[(A-Z])")
ENDNOTE = re.compile(r"^\s*-\s*(?:<sup>(\d+)</sup>|\$\^\{\\rm\s*(\d+)\}\$)")
NOTES_HEADING = re.compile(r"^\W*(end)?notes\W*$", re.IGNORECASE)
# a sentence ends at . ! or ? (then closing quotes, brackets, an endnote mark), before white space
BOUNDARY = re.compile(r"[.!?][\"”’')\]]*(?:<sup>\d+</sup>|\d{1,2}(?=\s+[A-Z]))?\s+")
ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen col lt sgt maj capt adm gov sen rep jr sr st no nos vol pp p para fig inc corp co ltd "
    "vs al eg ie etc jan feb mar apr jun jul aug sep sept oct nov dec est approx dept univ".split())
MARKUP = re.compile(r"<sup>\s*\d+\s*</sup>|\$\^\{\\rm\s*\d+\}\$|\*+|</?[a-z]+>")
LONG_LINE = 200  # a line this long ending a sentence is a paragraph of its own (one paragraph a line)


@dataclass(frozen=True)
class Sentence:
    """A sentence: its text (white space collapsed, markup dropped), where it is, and its locator."""

    text: str
    start: int
    end: int
    locator: str


@dataclass
class _Place:
    """Where the reader is in the document: page, headings, paragraph, endnote."""

    page: str | None = None
    headings: tuple[tuple[int, str], ...] = ()
    paragraph: int = 0
    numbered: int | None = None
    note: str | None = None
    in_notes: bool = False

    def heading(self, level: int, title: str) -> None:
        title = MARKUP.sub("", title).strip().rstrip(".:").strip()
        self.in_notes = bool(NOTES_HEADING.match(title))
        self.headings = tuple(h for h in self.headings if h[0] < level) + ((level, title),)
        self.numbered = None

    def locator(self) -> str:
        if self.note:
            return f"note {self.note}"
        path = " > ".join(title for level, title in self.headings if level > 1)
        parts = [f"p. {self.page}" if self.page else "", path]
        if not any(parts):  # no page, no heading: the paragraph's number, as the text numbers it if it does
            parts.append(f"para. {self.numbered if self.numbered is not None else self.paragraph}")
        return ", ".join(p for p in parts if p)


def clean(text: str) -> str:
    """A span of the document as a quote: markup dropped, a word broken at a line end joined, white space one space.

    >>> clean("the counter-\\n  drug  strategy<sup>3</sup>")
    'the counter-drug strategy'
    """
    text = re.sub(r"-[ \t]*\n\s*", "-", text)
    return " ".join(MARKUP.sub("", text).split()).removeprefix("- ")


def _last_word(block: str, at: int) -> str | None:
    word = re.search(r"([\w.]+)$", block[:at])
    return word.group(1) if word else None


def _decimal_point(block: str, at: int) -> bool:
    return 0 < at < len(block) - 1 and block[at - 1].isdigit() and block[at + 1].isdigit()


def _ends_sentence(block: str, at: int) -> bool:
    """Whether the full stop at ``at`` ends a sentence (not an abbreviation, an initial, U.S., 3.5)."""
    if block[at] != ".":
        return True
    token = _last_word(block, at)
    if token is None:
        return True
    if "." in token or len(token) == 1 or _decimal_point(block, at):
        return False
    return token.lower() not in ABBREVIATIONS


def sentences_of(block: str, offset: int, locator: str) -> list[Sentence]:
    """The sentences of one paragraph that starts at ``offset`` in the document."""
    out, start = [], 0
    for m in BOUNDARY.finditer(block):
        if not _ends_sentence(block, m.start()):
            continue
        _add(out, block, offset, start, m.end(), locator)
        start = m.end()
    _add(out, block, offset, start, len(block), locator)
    return out


def _add(out: list, block: str, offset: int, start: int, end: int, locator: str) -> None:
    text = clean(block[start:end])
    if sum(ch.isalpha() for ch in text) >= 3:
        out.append(Sentence(text, offset + start, offset + end, locator))


def _marker(place: _Place, line: str) -> bool:
    """Read a line that is a page number, running head or heading into ``place``; True when it was one."""
    if m := HEADING.match(line):
        place.heading(len(m.group(1)), m.group(2))
    elif m := RUNNING_HEAD.match(line):
        place.page = m.group(1)
    elif m := PAGE_FOOT.match(line):
        place.page = str(int(m.group(1)) + 1)
    else:
        return False
    return True


def _paragraph_start(place: _Place, line: str) -> None:
    place.paragraph += 1
    place.note = None
    if m := ENDNOTE.match(line):
        place.note = m.group(1) or m.group(2)
    elif m := NUMBERED.match(line):
        place.numbered = int(m.group(1))


BLANK, MARKER, ITEM, LAST, TEXT = range(5)


def _line_kind(line: str) -> int:
    """What a (stripped) line is: blank, a marker (page, heading), a list item, a paragraph's last line, text."""
    if not line:
        return BLANK
    if _is_marker(line):
        return MARKER
    if line.startswith("- "):  # a list item (an endnote) starts a paragraph of its own
        return ITEM
    if len(line) >= LONG_LINE and line[-1] in ".!?\"”":
        return LAST
    return TEXT


def _blocks(text: str):
    """``(what, start, end)`` of each paragraph (``block``) and marker line (``marker``), in order."""
    start, pos = None, 0
    for line in text.splitlines(keepends=True):
        kind = _line_kind(line.strip())
        if start is not None and kind in (BLANK, MARKER, ITEM):
            yield "block", start, pos
            start = None
        if kind == MARKER:
            yield "marker", pos, pos + len(line)
        elif kind != BLANK and start is None:
            start = pos
        pos += len(line)
        if kind == LAST:
            yield "block", start, pos
            start = None
    if start is not None:
        yield "block", start, len(text)


def _is_marker(line: str) -> bool:
    return bool(line) and bool(HEADING.match(line) or RUNNING_HEAD.match(line) or PAGE_FOOT.match(line))


def split_text(text: str) -> list[Sentence]:
    """Every sentence of ``text``, in order, with its locator."""
    place, out = _Place(), []
    for what, start, end in _blocks(text):
        if what == "marker":
            _marker(place, text[start:end].strip())
            continue
        _paragraph_start(place, text[start:end])
        block = text[start:end]
        if place.in_notes and not place.note:
            continue  # running heads among the notes
        out += sentences_of(block, start, place.locator())
    return out
