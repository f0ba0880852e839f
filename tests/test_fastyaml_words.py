"""The words the fast YAML path checks: the indicator scan finds exactly where the node-start pattern matches."""

from __future__ import annotations

import random
from pathlib import Path

from graph.speedups import yamlwords
from graph.speedups.yamlwords import _INDICATOR, _node_property_words, _word_at

ROOT = Path(__file__).resolve().parent.parent


def _by_the_pattern(text: str) -> list | None:
    """The words holding a '*' where a node may start, found by the pattern itself (the reference)."""
    if not any(c in text for c in yamlwords._INDICATORS):
        return []
    words = []
    for m in _INDICATOR.finditer(text):
        if m[0][-1] != "*":
            return None
        words.append(_word_at(text, m.end() - 1))
    return words


def test_random_texts_give_the_words_the_pattern_gives():
    rng = random.Random(8)
    alphabet = list("&*!?@`%") * 3 + list(" \n\n[{,-:?ab") * 2 + ["  ", "- ", ": ", ", ", "? "]
    for n in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 30)))
        assert _node_property_words(text) == _by_the_pattern(text), repr(text)


def test_the_project_files_give_the_words_the_pattern_gives():
    files = sorted((ROOT / "seeds").glob("*.yaml")) + sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))
    assert files
    for file in files:
        text = file.read_text(encoding="utf-8", errors="replace")
        assert _node_property_words(text) == _by_the_pattern(text), file


def test_an_exponent_is_found_where_the_whole_text_search_finds_it():
    rng = random.Random(9)
    alphabet = list("0123456789.eE+-") * 2 + list(" \n,[]{}#:a_")
    for n in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 30)))
        assert yamlwords._exponent(text) == (yamlwords._EXPONENT.search(text) is not None), repr(text)


def test_the_odd_spaces_sought_first_are_those_the_indentation_pattern_knows():
    from graph.speedups.fastyaml import _ODD_INDENT, _ODD_SPACES

    known = {chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and _ODD_INDENT.match(chr(c))}
    assert known == set(_ODD_SPACES)
