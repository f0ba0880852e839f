"""Finding a quote in a source text, tolerant of white space, line breaks,
hyphenation, accents, punctuation and OCR noise.

Each text is normalised once to its letters and digits; a quote is found by
exact search first and by fuzzy alignment only when that misses.

>>> texts = SourceTexts.from_strings({"doc": "the  autogoipe of April 5,\\n1992 ended demo-\\ncracy"})
>>> texts.find("doc", "the autogolpe of April 5, 1992 ended democracy")
True
>>> texts.find("doc", "a coup nobody mentions")
False
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from rapidfuzz import fuzz

FUZZY_THRESHOLD = 90.0
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is exactly str.isalnum() plus '_'


def normalise(text: str) -> str:
    """Lower-case letters and digits only, accents dropped: the form quotes are compared in."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    text = _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", text).lower())
    if text.isascii():  # no combining marks: the common case, done in C
        return text
    return "".join(ch for ch in text if not unicodedata.combining(ch))


class SourceTexts:
    """Source texts by source id, normalised once and searched many times."""

    def __init__(self) -> None:
        self._norm: dict[str, str] = {}

    @classmethod
    def from_strings(cls, texts: dict[str, str]) -> SourceTexts:
        self = cls()
        for key, text in texts.items():
            self._norm[key] = normalise(text)
        return self

    def add_file(self, key: str, path: Path) -> None:
        self._norm[key] = normalise(path.read_text(encoding="utf-8", errors="replace"))

    def __contains__(self, key: str) -> bool:
        return key in self._norm

    def find(self, key: str, quote: str) -> bool:
        """True when ``quote`` occurs in text ``key``, allowing for OCR noise."""
        needle = normalise(quote)
        hay = self._norm[key]
        if not needle:
            return False
        if needle in hay:
            return True
        if len(needle) < 12:
            return False
        return fuzz.partial_ratio(needle, hay, score_cutoff=FUZZY_THRESHOLD) > 0


def find_text_file(name: str, folders: list[Path]) -> Path | None:
    """The first of ``folders`` that holds a file called ``name``."""
    for folder in folders:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None
