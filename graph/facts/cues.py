"""The cue words of ``ontology/cues.yaml``: negations, stop words, modality and attribution cues.

>>> "never" in CUES.negations and "the" in CUES.stopwords
True
>>> "no" in CUES.negations and "on" in CUES.stopwords  # words, not YAML 1.1's booleans
True
>>> CUES.attribution("The Army estimated 300 members")
'estimated'
>>> CUES.attribution("Sendero was formed in 1970") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import yaml

from graph.resources import data_dir

CUES_FILE = data_dir("ontology") / "cues.yaml"


_LETTERS = re.compile(r"[^\W_]+")
_ASCII_SPACES = bytes(c if chr(c).isalnum() else 32 for c in range(128)).ljust(256, b" ")  # _LETTERS' gaps in ASCII


@lru_cache(maxsize=1 << 16)  # names and quotes are asked for again and again (each quote about several cues)
def words_line(text: str) -> str:
    """``text`` as folded words between single spaces, with a space at each end: ``" the group "``.

    >>> words_line("Ramírez, (the) GROUP")
    ' ramirez the group '
    """
    if text.isascii():  # every byte but a letter or digit made a space, in C: the same words, twice as fast
        return " " + " ".join(text.lower().encode("ascii").translate(_ASCII_SPACES).decode("ascii").split()) + " "
    return " " + " ".join(_LETTERS.findall(unaccented(text.lower()))) + " "


_plain = words_line  # lower case, accents dropped, every run of non-letters one space, a space at each end


def unaccented(text: str) -> str:
    """``text`` with its accents dropped: ``"Ramírez"`` becomes ``"Ramirez"``."""
    if text.isascii():
        return text
    text = _LATIN_MARKS.sub("", unicodedata.normalize("NFKD", text))  # the accents of Latin letters, in C
    if text.isascii():
        return text
    marks = [ch for ch in set(text) if unicodedata.combining(ch)]  # each character asked of once, not each time
    return text.translate(dict.fromkeys(map(ord, marks))) if marks else text


# the combining marks (a combining class of their own) among U+0300-U+036F: what NFKD splits off Latin letters
_LATIN_MARKS = re.compile("[" + "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))) + "]")


@dataclass
class Cues:
    negations: frozenset[str]
    stopwords: frozenset[str]
    modality_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    attribution_cues: tuple[str, ...] = ()

    @classmethod
    def load(cls) -> Cues:
        # every scalar as text: a YAML 1.1 reader would make the words "no" and "on" booleans
        loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # libyaml: the same data, ten times sooner
        data = yaml.load(CUES_FILE.read_text(encoding="utf-8"), Loader=loader)
        return cls(frozenset(data["negations"]), frozenset(data["stopwords"]),
                   {k: tuple(v) for k, v in data["modality_cues"].items()}, tuple(data["attribution_cues"]))

    def modality(self, quote: str) -> tuple[str, str] | None:
        """(modality, cue) of the first modality cue in ``quote``, or None.

        >>> CUES.modality("the group reportedly controls the valley")
        ('hedged', 'reportedly')
        """
        plain = _plain(quote)
        if self._modality_first_words.isdisjoint(plain.split()):  # most quotes hold none: one look, not one per cue
            return None
        return next(((modality, cue) for modality, cue, padded in self._modality_words if padded in plain), None)

    def attribution(self, quote: str) -> str | None:
        """The first attribution cue in ``quote``, or None."""
        plain = _plain(quote)
        if self._attribution_first_words.isdisjoint(plain.split()):
            return None
        return next((cue for cue, padded in self._attribution_words if padded in plain), None)

    @cached_property
    def _modality_words(self) -> tuple[tuple[str, str, str], ...]:
        """(modality, cue, the cue between spaces), in order: what :meth:`modality` looks for."""
        return tuple((modality, cue, f" {cue} ") for modality, cues in self.modality_cues.items() for cue in cues)

    @cached_property
    def _attribution_words(self) -> tuple[tuple[str, str], ...]:
        return tuple((cue, f" {cue} ") for cue in self.attribution_cues)

    @cached_property
    def _modality_first_words(self) -> frozenset[str]:
        """The first word of every modality cue: a quote holding none of them holds no cue."""
        return _first_words(padded for _, _, padded in self._modality_words)

    @cached_property
    def _attribution_first_words(self) -> frozenset[str]:
        return _first_words(padded for _, padded in self._attribution_words)


def _first_words(padded) -> frozenset[str]:
    """The first word of each of the texts ``padded`` (each between spaces, as :func:`words_line` writes)."""
    return frozenset(p.split()[0] if p.strip() else "" for p in padded)


CUES = Cues.load()
