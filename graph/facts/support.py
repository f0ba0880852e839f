"""Does a citation support what it is cited for? Names, figures and cue words in quotes.

Small functions over plain text, used by :mod:`graph.facts.lints`:

>>> names_in("Abimael Guzman founded it", ["Abimael Guzman", "Gonzalo"])
True
>>> names_in("the group founded it", ["Abimael Guzman", "SL"])
False
>>> sorted(figures("some $5-15 million, 10 percent and one thousand"))
[1.0, 5.0, 10.0, 15.0, 1000.0, 5000000.0, 15000000.0]
>>> figure_in(15000, "some 15,000 hectares")
True
"""

from __future__ import annotations

import re

from graph.facts.cues import CUES, words_line
from graph.facts.quotes import word_count


def names_in(text: str, names: list[str]) -> bool:
    """Whether ``text`` holds any of ``names`` as whole words (case and accents aside)."""
    line = words_line(text)
    return any((name_line := words_line(name)).strip() and name_line in line for name in names)


def too_slight(quote: str, names: set[str]) -> str | None:
    """Why ``quote`` is too slight to be evidence (under three words, or only stop words), or None.

    A quote that is exactly one of ``names`` (entities' names and aliases, each as
    :func:`words_line` gives it) is evidence enough.

    >>> too_slight("of the", set())
    'under three words'
    >>> too_slight("in the, and of it", set())
    'only stop words'
    >>> too_slight("Sendero Luminoso", {" sendero luminoso "}) is None
    True
    """
    line = words_line(quote)
    if line in names:
        return None
    words = line.split()
    # in ASCII the words of the line are the quote's, lower-cased; else accents may join or part them
    if (len(words) if quote.isascii() else word_count(quote, at_most=3)) < 3:
        return "under three words"
    if all(word in CUES.stopwords for word in words):
        return "only stop words"
    return None


# --- figures ------------------------------------------------------------------------
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
                 "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000, "dozen": 12, "a": 1,
                 "half": 0.5, "quarter": 0.25, "third": 1 / 3, "twice": 2, "double": 2, "triple": 3}
# what a number word is worth as a figure ("a" counts one in a fraction's "a third", never alone)
_WORD_FIGURES = {word: float(n) for word, n in _NUMBER_WORDS.items() if word != "a"}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "millions": 1_000_000, "thousands": 1_000, "hundreds": 100, "m": 1_000_000, "bn": 1_000_000_000,
           "k": 1_000}
_FIGURE = re.compile(r"(\d[\d,]*(?:\.\d+)?|\b[a-z]+\b)(?:\s*(?:-|–|—|to|and)\s*(\d[\d,]*(?:\.\d+)?))?"
                     r"(?:\s*(hundred|thousand|millions?|billion|thousands|hundreds|m|bn|k)\b)?")


_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
                 "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
_FRACTION = re.compile(r"\b([a-z]+|\d+)\s+(?:(" + "|".join(_DENOMINATORS) + r")\b|(?:out of|in)\s+([a-z]+|\d+)\b)")


def figures(quote: str) -> set[float]:
    """Every figure ``quote`` gives: digits, number words, ranges, scaled by "million" and the like,
    and fractions ("two thirds", "four out of five").

    >>> sorted(round(f, 3) for f in figures("two thirds"))
    [0.667, 2.0]
    """
    low = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", quote.lower().replace("$", ""))  # "one-fourth", "$5 and $15"
    return _counts(low) | _fractions(low)


def _counts(low: str) -> set[float]:
    """The figures of lower-cased ``low`` given as numbers or ranges, each as written and scaled."""
    out: set[float] = set()
    for first, second, scale in _FIGURE.findall(low):
        factor = _SCALES.get(scale, 1)
        for v in _values(first, second):
            out.update((v, v * factor))
    return out


def _values(*texts: str) -> list[float]:
    """The figures of those of ``texts`` that are numbers."""
    return [v for v in map(_value, texts) if v is not None]


def _fractions(low: str) -> set[float]:
    """The fractions lower-cased ``low`` gives: "two thirds", "four out of five"."""
    out: set[float] = set()
    for top, named, bottom in _FRACTION.findall(low):
        fraction = _fraction(top, named, bottom)
        if fraction is not None:
            out.add(fraction)
    return out


def _fraction(top: str, named: str, bottom: str) -> float | None:
    """``top`` over the denominator ``named`` or ``bottom`` gives, or None when either is no number."""
    over = _DENOMINATORS.get(named) or _value(bottom)
    if _value(top) is None or not over:
        return None
    return _value(top) / over


def _value(text: str) -> float | None:
    """The figure ``text`` (digits or a number word) stands for, or None."""
    return _digits(text) if text[:1].isdigit() else _WORD_FIGURES.get(text)


def _digits(text: str) -> float | None:
    """``text``, digits with thousands commas, as a number, or None when it is none."""
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def figure_in(value: float | int, quote: str) -> bool:
    """Whether ``value`` is among the figures of ``quote`` (a percentage may be written as a fraction)."""
    found = figures(quote)
    return any(_same(value, f) or _same(value, f * 100) or _same(value * 100, f) for f in found)


def _same(a: float, b: float) -> bool:
    """``a`` is ``b``, or ``b`` rounded (0.67 for two thirds)."""
    return any(abs(a - round(b, digits)) <= 1e-9 * max(abs(a), 1) for digits in (None, 0, 1, 2))
