"""The quote check's normal form: its fast path for ASCII text gives what the general one gives."""

from __future__ import annotations

import random
import re
import unicodedata

from graph.facts.quotes import _normalise, normalise


def _general(text: str) -> str:
    """Letters and digits, lower case, accents dropped: the form every text had before the ASCII fast path."""
    text = re.sub(r"</?[a-zA-Z][^>]*>", " ", text)
    text = re.sub(r"[\W_]+", "", unicodedata.normalize("NFKD", text).lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def test_every_ascii_character_is_kept_or_dropped_as_before():
    every = "".join(map(chr, range(128)))
    assert normalise(every) == _general(every)
    assert all(normalise(ch) == _general(ch) for ch in every)


def test_random_ascii_and_unicode_texts_read_as_before():
    rng = random.Random(17)
    alphabet = [chr(c) for c in range(128)] + list("áÉñüçØßﬁ²Ⅻ\u0301\u200b\u00a0İ")
    for n in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40 if n % 2 else 2500)))
        assert normalise(text) == _general(text) == _normalise(text)
