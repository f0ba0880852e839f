"""Finding a quote in a source text: tolerant of what copying from OCR and PDFs
changes, strict about what changes the meaning.

Each text is normalised once to its letters and digits (accents dropped); a
quote is found by exact search first, and by fuzzy alignment only when that
misses. Fuzzy matching forgives white space, line breaks, hyphenation, curly
quotes, accents and letter-level OCR noise — never a different number, a
negation word added or dropped, or a different capitalised name: those make the
quote not found, with the passage that came nearest shown.

>>> texts = SourceTexts.from_strings({"doc": "the  autogoipe of April 5,\\n1992 ended demo-\\ncracy"})
>>> texts.find("doc", "the autogolpe of April 5, 1992 ended democracy")
True
>>> texts.find("doc", "a coup nobody mentions")
False
>>> print(texts.verdict("doc", "the autogolpe of April 6, 1992 ended democracy").message)
quote differs from the text of 'doc' in a number: 6 (the text has 5)
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, islice
from pathlib import Path

from rapidfuzz import fuzz

from graph.facts.cues import CUES

FUZZY_THRESHOLD = 90.0
NEAREST_SHOWN = 60.0  # an alignment this good is worth showing as the nearest passage
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is exactly str.isalnum() plus '_'
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())  # what it matches of ASCII
_WORD = re.compile("(?:[^\\W_]|[\u0300-\u036f])+")  # letters and digits, with the accents NFKD splits off
# a sentence ends at '.', '?' or '!' (then perhaps a closing quote and a footnote number) and white space,
# or at a blank line; none is sought further than this many characters away
_SENTENCE_END = re.compile("[.?!][\"'\u201d\u2019)\\]]*(?:\\s*[0-9]+)?\\s+|\n\\s*\n")
_SENTENCE_REACH = 800
_SLACK = 4  # letters either side of a fuzzy alignment whose words still count as near it


def normalise(text: str) -> str:
    """Lower-case letters and digits only, accents dropped: the form quotes are compared in.

    >>> normalise("Ramírez, (the) GROUP")
    'ramirezthegroup'
    """
    return _normalise_short(text) if len(text) <= _SHORT else _normalise(text)


_SHORT = 2000  # a quote, a name: asked for again and again (the quote check, the lints), so kept


@lru_cache(maxsize=1 << 16)
def _normalise_short(text: str) -> str:
    return _normalise(text)


def _normalise(text: str) -> str:
    if "<" in text:
        text = _TAG.sub(" ", text)
    if text.isascii():  # NFKD leaves ASCII as it is; deleting bytes is ten times sooner than the expression
        return text.lower().encode("ascii").translate(None, _ASCII_NOT_ALNUM).decode("ascii")
    return _decomposed_alnum(unicodedata.normalize("NFKD", text).lower())


def _decomposed_alnum(text: str) -> str:
    """The letters and digits of decomposed (NFKD), lower-cased ``text``, its combining marks dropped."""
    if all(not ch.isalnum() or unicodedata.combining(ch) for ch in set(text) if not ch.isascii()):
        # every character beyond ASCII goes (accents, dashes, curly quotes): dropped as the text is encoded
        return text.encode("ascii", "ignore").translate(None, _ASCII_NOT_ALNUM).decode("ascii")
    text = _NOT_ALNUM.sub("", text)
    if text.isascii():  # no combining marks: the common case, done in C
        return text
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def fold(word: str) -> str:
    """A word as compared: lower case, accents dropped.

    >>> fold("Ramírez")
    'ramirez'
    """
    return normalise(word)


@dataclass(frozen=True)
class Verdict:
    """What became of a quote: found, or not (``message``, ``hint``)."""

    found: bool
    message: str = ""
    hint: str = ""


FOUND = Verdict(True)


_ASCII_WORD = re.compile("[A-Za-z0-9]+")  # _WORD in a text of ASCII only: the same words, found sooner
_WORD_NO_UNDERSCORE = re.compile("[\\w\u0300-\u036f]+")  # _WORD in a text with no '_'


def _word_pattern(text: str) -> re.Pattern:
    """:data:`_WORD`, or a pattern that finds the same words in ``text`` faster (one class, not two)."""
    if text.isascii():
        return _ASCII_WORD
    return _WORD_NO_UNDERSCORE if "_" not in text else _WORD


class _Words:
    """A text's words, with where each starts in the normalised text (built only for fuzzy matches and
    sentences, and a piece at a time: a thousand quotes ask of a few lines each, not of every word).

    The text is cut at line breaks (no word spans one) into pieces of about :data:`_PIECE` characters
    or more, each holding a word (the last may not); a piece's words are listed when a search first reaches it.

    >>> _Words("one two\\nthree").between(3, 6)  # normalised "onetwothree": "two" at 3:6, the others near
    (['one', 'two', 'three'], ['two'], (4, 7))
    """

    def __init__(self, text: str):
        if "<" in text:
            text = _TAG.sub(" ", text)
        self.text = unicodedata.normalize("NFKD", text)
        self.cuts, self.offsets = [0], [0]  # where each piece starts: in the text, in the normalised text
        self._pieces: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}
        at = letters = 0
        while (end := self.text.find("\n", at + _PIECE) + 1 or len(self.text)) < len(self.text):
            letters += _letters(self.text[at:end])
            if letters > self.offsets[-1]:  # the piece holds a word: the next one starts here
                self.cuts.append(end), self.offsets.append(letters)
            at = end
        self.cuts.append(len(self.text))

    def piece(self, i: int) -> tuple[list[int], list[tuple[int, int]]]:
        """Piece ``i``'s words: where each starts in the normalised text, and its span in the text."""
        if i not in self._pieces:
            at, text = self.cuts[i], self.text[self.cuts[i]:self.cuts[i + 1]]
            word = _word_pattern(text)
            words = word.findall(text)
            # where each word starts and ends: the gaps between words and the words, their lengths added up in turn
            lengths = [0] * (2 * len(words) + 1)
            lengths[0::2], lengths[1::2] = map(len, word.split(text)), map(len, words)
            lengths[0] += at
            ends = list(accumulate(lengths))
            spans = list(zip(ends[0::2], ends[1::2]))
            # a word folds to as many letters as it has, unless it has accents
            folded = map(len, words) if text.isascii() else (len(w) if w.isascii() else len(fold(w)) for w in words)
            starts = list(accumulate(folded, initial=self.offsets[i]))[:-1]
            self._pieces[i] = (starts, spans)
        return self._pieces[i]

    def around(self, start: int, end: int) -> tuple[list[int], list[tuple[int, int]]]:
        """The words of the pieces holding normalised ``start:end`` (and the word before, if ``start`` is in
        none): a run of the text's words, as :meth:`piece` gives them."""
        first = max(bisect.bisect_right(self.offsets, start) - 1, 0)
        last = max(bisect.bisect_left(self.offsets, end) - 1, first)
        starts, spans = [], []
        for i in range(first, last + 1):
            more_starts, more_spans = self.piece(i)
            starts += more_starts
            spans += more_spans
        return starts, spans

    def between(self, start: int, end: int) -> tuple[list[str], list[str], tuple[int, int]]:
        """(words overlapping normalised ``start:end``, words wholly inside it, their span in the text)."""
        # an alignment's edges are approximate: words a few letters beyond them count as near
        starts, spans = self.around(start - _SLACK, end + _SLACK)
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        last = bisect.bisect_left(starts, end)
        words = [self.text[s:e] for s, e in spans[first:last]]
        inner_first = first + (starts[first] < start) if first < len(starts) else first
        ends = [starts[i] + len(fold(words[i - first])) for i in range(first, last)]
        inner = [words[i - first] for i in range(inner_first, last) if ends[i - first] <= end]
        span = (spans[first][0], spans[last - 1][1]) if last > first else (0, 0)
        near_first = max(bisect.bisect_right(starts, start - _SLACK) - 1, 0)
        near = [self.text[s:e] for s, e in spans[near_first:bisect.bisect_left(starts, end + _SLACK)]]
        return near, inner, span


_PIECE = 2000  # characters: a piece of a text whose words are listed at once


def _letters(text: str) -> int:
    """How many letters and digits the normalised form of ``text`` (already NFKD) has."""
    if text.isascii():
        return len(text.encode("ascii").translate(None, _ASCII_NOT_ALNUM))
    return len(_decomposed_alnum(text.lower()))  # what each of its words folds to, all at once


class SourceTexts:
    """Source texts by source id, normalised once and searched many times."""

    def __init__(self) -> None:
        self._norm: dict[str, str] = {}
        self._raw: dict[str, str | Path] = {}
        self._words: dict[str, _Words] = {}
        self._verdicts: dict[tuple[str, str], Verdict] = {}

    @classmethod
    def from_strings(cls, texts: dict[str, str]) -> SourceTexts:
        self = cls()
        for key, text in texts.items():
            self._norm[key], self._raw[key] = normalise(text), text
        return self

    def add_file(self, key: str, path: Path) -> None:
        self._norm[key] = normalise(path.read_text(encoding="utf-8", errors="replace"))
        self._raw[key] = path

    def __contains__(self, key: str) -> bool:
        return key in self._norm

    def find(self, key: str, quote: str) -> bool:
        """True when ``quote`` occurs in text ``key``, allowing for OCR noise but not for changed meaning."""
        return self.verdict(key, quote).found

    def verdict(self, key: str, quote: str) -> Verdict:
        """Whether ``quote`` is in text ``key``; when not, why, with the nearest passage (each asked once)."""
        found = self._verdicts.get((key, quote))
        if found is None:
            found = self._verdicts[(key, quote)] = self._verdict(key, quote)
        return found

    def _verdict(self, key: str, quote: str) -> Verdict:
        needle = normalise(quote)
        hay = self._norm[key]
        if needle and needle in hay:
            return FOUND
        if len(needle) < 12:
            return _not_found(key, "")
        alignment = fuzz.partial_ratio_alignment(needle, hay, score_cutoff=NEAREST_SHOWN)
        if alignment is None:
            return _not_found(key, "")
        words, inner, span = self.words(key).between(alignment.dest_start, alignment.dest_end)
        passage = unicodedata.normalize("NFC", self.words(key).text[span[0]:span[1]])
        if alignment.score < FUZZY_THRESHOLD:
            return _not_found(key, passage)
        difference = meaning_changed(_WORD.findall(unicodedata.normalize("NFKD", quote)), words, inner)
        if difference is None:
            return FOUND
        return Verdict(False, f"quote differs from the text of '{key}' in {difference}",
                       f"the text reads: \"{_excerpt(passage)}\"; copy numbers, negations and names exactly")

    def mentions(self, key: str, words: str) -> bool:
        """Whether text ``key`` holds ``words`` exactly (case, accents, spacing and punctuation aside)."""
        needle = normalise(words)
        return bool(needle) and needle in self._norm[key]

    def sentence(self, key: str, quote: str) -> str:
        """The sentence (or sentences) of text ``key`` holding ``quote``; empty when it is not found exactly.

        >>> SourceTexts.from_strings({"d": "One. The group, led by him, grew. Two."}).sentence("d", "led by him")
        'The group, led by him, grew.'
        """
        needle = normalise(quote)
        at = self._norm[key].find(needle) if needle else -1
        if at < 0:
            return ""
        words = self.words(key)
        starts, spans = words.around(at, at + len(needle))
        start = spans[max(bisect.bisect_right(starts, at) - 1, 0)][0]
        last = min(bisect.bisect_left(starts, at + len(needle)), len(spans)) - 1
        end = spans[max(last, 0)][1]
        text = words.text
        window = max(start - _SENTENCE_REACH, 0)
        begin = max((m.end() for m in _SENTENCE_END.finditer(text, window, start)), default=window)
        stop = _SENTENCE_END.search(text, end, end + _SENTENCE_REACH)
        return unicodedata.normalize("NFC", text[begin:stop.end() if stop else end + _SENTENCE_REACH]).strip()

    def words(self, key: str) -> _Words:
        if key not in self._words:
            raw = self._raw[key]
            self._words[key] = _Words(raw if isinstance(raw, str) else
                                      raw.read_text(encoding="utf-8", errors="replace"))
        return self._words[key]


def _not_found(key: str, passage: str) -> Verdict:
    hint = "copy the words exactly from the document (white space and line breaks may differ)"
    if passage:
        hint = f"the nearest passage reads: \"{_excerpt(passage)}\""
    return Verdict(False, f"quote not found in the text of '{key}'", hint)


def _excerpt(passage: str, limit: int = 240) -> str:
    flat = " ".join(passage.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def meaning_changed(quote: list[str], near: list[str], inner: list[str]) -> str | None:
    """How ``quote``'s words differ in meaning from a passage's, or None when they do not.

    ``near`` are the passage's words with those cut at its edges, ``inner`` only
    those wholly inside: every number, negation and name of the quote must be
    near, and every negation inside must be in the quote.

    >>> meaning_changed(["did", "not", "go"], ["did", "go"], ["did", "go"])
    'a negation: not'
    >>> meaning_changed(["met", "Guzman"], ["met", "Guzmán"], ["met", "Guzmán"]) is None
    True
    """
    mine, theirs_near = _folded(quote), _folded(near)
    joined = theirs_near + [a + b for a, b in zip(theirs_near, theirs_near[1:])]  # "Man- taro": a word broken in two
    for what, pick in (("a number", _numbers), ("a negation", _negations), ("a name", _names)):
        extra = _missing(pick(quote, mine), joined)
        if extra:
            lacking = _missing(pick(near, theirs_near), mine)
            return f"{what}: {', '.join(extra)}" + (f" (the text has {', '.join(lacking)})" if lacking else "")
    # a number or name left out narrows a quote (and footnote marks are numbers); a negation left out reverses it
    dropped = _missing(_negations(inner, _folded(inner)), mine)
    return f"a negation: the text has {', '.join(dropped)}, the quote does not" if dropped else None


def _folded(words: list[str]) -> list[str]:
    """``words`` folded, plus one "n't" for each contraction ("didn't", "can't": the apostrophe splits off a "t")."""
    folded = [fold(w) for w in words]
    return folded + ["n't" for before, w in zip(folded, folded[1:]) if w == "t" and before.endswith("n")]


def _missing(these: list[str], there: list[str]) -> list[str]:
    """Those of ``these`` (counted) that ``there`` lacks."""
    left = list(there)
    out = []
    for item in these:
        if item in left:
            left.remove(item)
        else:
            out.append(item)
    return out


_NUMBER = re.compile(r"[0-9]+(?:s|st|nd|rd|th)?")  # 1992, 1990s, 33rd: digits with letters mixed in are OCR noise


def _numbers(words: list[str], folded: list[str]) -> list[str]:
    return [f for f in folded if f[:1].isdigit() and _NUMBER.fullmatch(f)]


def _negations(words: list[str], folded: list[str]) -> list[str]:
    return [f for f in folded if f in CUES.negations or f == "n't"]


def _names(words: list[str], folded: list[str]) -> list[str]:
    """The capitalised words (folded) that are not stop words: "The" at a sentence's start is not a name."""
    return [f for w in words if w[:1].isupper() and (f := fold(w)) not in CUES.stopwords]


def content_words(quote: str) -> list[str]:
    """The words of ``quote`` that are not stop words.

    >>> content_words("of the, and")
    []
    """
    return [f for w in _WORD.findall(unicodedata.normalize("NFKD", quote)) if (f := fold(w)) not in CUES.stopwords]


def word_count(quote: str, at_most: int | None = None) -> int:
    """How many words ``quote`` has — or ``at_most``, when it has that many or more (counted no further).

    >>> word_count("one two, three four"), word_count("one two, three four", at_most=3)
    (4, 3)
    """
    found = _WORD.finditer(quote)
    return len(list(found if at_most is None else islice(found, at_most)))


def find_text_file(name: str, folders: list[Path]) -> Path | None:
    """The first of ``folders`` that holds a file called ``name``."""
    for folder in folders:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None
