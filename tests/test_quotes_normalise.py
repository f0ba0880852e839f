"""The quote check's normal form: its fast path for ASCII text gives what the general one gives."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

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


@pytest.mark.parametrize("seed, beyond_ascii", [
    (17, "áÉñüçØßﬁ²Ⅻ\u0301\u200b\u00a0İ"),
    (23, "áÉñüḉ\u200b\u00a0—“”’…"),  # only accents, dashes, curly quotes, spaces: dropped as the text is encoded
])
def test_random_texts_read_as_before(seed, beyond_ascii):
    rng = random.Random(seed)
    alphabet = [chr(c) for c in range(128)] + list(beyond_ascii)
    for n in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40 if n % 2 else 2500)))
        assert normalise(text) == _general(text) == _normalise(text)


def test_a_texts_letters_are_counted_as_its_words_fold():
    """_letters counts a decomposed text's normalised letters at once: what its words fold to, added up."""
    import graph.facts.quotes as quotes

    rng = random.Random(29)
    alphabet = [chr(c) for c in range(128)] + list("áÉñüçØßﬁ²Ⅻ\u0301\u200b\u00a0İΣσ\u2014\u201c")
    for n in range(3000):
        text = unicodedata.normalize("NFKD", "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60))))
        words = quotes._WORD.findall(text)
        assert quotes._letters(text) == sum(len(quotes.fold(w)) for w in words), text


def test_a_texts_words_listed_a_piece_at_a_time_are_its_words_listed_at_once(monkeypatch):
    """Pieces of a few lines give every fuzzy match's words and span, and every sentence, as one piece does."""
    import graph.facts.quotes as quotes
    from pathlib import Path

    rng = random.Random(5)
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path("seeds/texts").glob("*.txt"))]
    texts += ["", "-- --\n\n", "Ramírez ñandú_x  café\n" * 300, "a<b\nc>d ef\n" * 300, ("=" * 900 + "\n") * 5 + "end"]
    cut = 0
    for text in texts:
        whole, sentences = quotes._Words(text), quotes.SourceTexts.from_strings({"d": text})
        words = text.split()
        quoted = [" ".join(words[i:i + rng.randrange(1, 12)]) for i in (rng.randrange(len(words) or 1) for _ in range(20))]
        said = [sentences.sentence("d", q) for q in quoted]
        monkeypatch.setattr(quotes, "_PIECE", 50)
        pieces = quotes._Words(text)
        assert [quotes.SourceTexts.from_strings({"d": text}).sentence("d", q) for q in quoted] == said
        monkeypatch.undo()
        cut += len(pieces.cuts) > 10
        n = len(normalise(text))
        for _ in range(200):
            start = rng.randrange(n + 1)
            end = min(start + rng.randrange(300), n)
            assert pieces.between(start, end) == whole.between(start, end)
        assert pieces.around(0, n) == whole.around(0, n)
    assert cut >= len(texts) - 3
