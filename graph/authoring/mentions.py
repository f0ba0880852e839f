"""Finding the known entities a sentence names: by name or alias, on word boundaries, ignoring case and
accents, and tolerant of OCR noise ("Sendero Luninoso") in longer words.

A short acronym written in capitals (``SL``, ``MRTA``) must appear in capitals, so that
"sl" in running text is not taken for it. Where names overlap, the longest wins.

>>> finder = NameFinder({"sendero-luminoso": ["Sendero Luminoso", "SL"], "peru": ["Perú"]})
>>> [(m.entity, m.text) for m in finder.find("Sendero Luninoso grew in Peru; the SL did.")]
[('sendero-luminoso', 'Sendero Luninoso'), ('peru', 'Peru'), ('sendero-luminoso', 'SL')]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

WORD = re.compile(r"[^\W_]+")
FUZZY_MIN_LENGTH = 6  # shorter words must match exactly: OCR tolerance on short words finds other words
FUZZY_SCORE = 85.0
ACRONYM_MAX = 5  # an all-capital name this short is matched in capitals only


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, accents dropped.

    >>> fold("Víctor QUISPE")
    'victor quispe'
    """
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Token:
    folded: str
    raw: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """The words of ``text`` with their places (accents dropped per word, so places stay the original's)."""
    return [Token(fold(m.group()), m.group(), m.start(), m.end()) for m in WORD.finditer(text)]


@dataclass(frozen=True)
class Mention:
    entity: str
    name: str  # the name or alias it matched
    text: str  # the words as the sentence writes them
    start: int
    end: int


@dataclass(frozen=True)
class _Name:
    entity: str
    name: str
    words: tuple[str, ...]
    capitals: bool  # an acronym: match in capitals only


def _names(known: dict[str, list[str]]) -> list[_Name]:
    out = []
    for entity, names in known.items():
        for name in dict.fromkeys(names):
            words = tuple(t.folded for t in tokens(name))
            if words:
                capitals = name.isupper() and len(name.replace(".", "")) <= ACRONYM_MAX
                out.append(_Name(entity, name, words, capitals))
    return out


class NameFinder:
    """Every known name and alias, indexed by first word, searched sentence by sentence."""

    def __init__(self, known: dict[str, list[str]]):
        self.names = _names(known)
        self.by_first: dict[str, list[_Name]] = {}
        for n in self.names:
            self.by_first.setdefault(n.words[0], []).append(n)
        self.name_words = sorted({w for n in self.names for w in n.words if len(w) >= FUZZY_MIN_LENGTH})
        self.variants: dict[str, set[str]] = {}

    def learn(self, words: set[str]) -> None:
        """Work out which words of a document may be OCR variants of name words (done once per document)."""
        for word in words - set(self.variants):
            found = {word}
            if len(word) >= FUZZY_MIN_LENGTH:
                found |= {m for m, _, _ in process.extract(word, self.name_words, scorer=fuzz.ratio,
                                                           score_cutoff=FUZZY_SCORE, limit=None)}
            self.variants[word] = found

    def _same(self, token: Token, word: str) -> bool:
        return token.folded == word or word in self.variants.get(token.folded, ())

    def _fits(self, toks: list[Token], i: int, n: _Name) -> bool:
        """Whether name ``n`` is written at word ``i`` (each word the same or an OCR variant; capitals kept)."""
        words = toks[i:i + len(n.words)]
        if len(words) < len(n.words) or not all(self._same(t, w) for t, w in zip(words, n.words)):
            return False
        return not n.capitals or all(t.raw.isupper() for t in words)

    def _matches_at(self, toks: list[Token], i: int) -> list[tuple[int, _Name]]:
        return [(i + len(n.words), n) for first in self.variants.get(toks[i].folded, {toks[i].folded})
                for n in self.by_first.get(first, ()) if self._fits(toks, i, n)]

    def find(self, text: str) -> list[Mention]:
        """The mentions in ``text``, in order; where matches overlap, the longest (all of equal length)."""
        toks = tokens(text)
        self.learn({t.folded for t in toks})
        found = [(i, end, n) for i in range(len(toks)) for end, n in self._matches_at(toks, i)]
        found.sort(key=lambda f: (-(f[1] - f[0]), f[0], f[2].entity))
        taken: dict[int, tuple[int, int]] = {}
        kept = []
        for i, end, n in found:
            span = (i, end)
            if any(taken.get(k, span) != span for k in range(i, end)):
                continue
            taken.update((k, span) for k in range(i, end))
            kept.append(Mention(n.entity, n.name, text[toks[i].start:toks[end - 1].end],
                                toks[i].start, toks[end - 1].end))
        kept.sort(key=lambda m: (m.start, m.entity))
        return list({(m.entity, m.start): m for m in kept}.values())
