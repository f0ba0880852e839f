"""Names nearly the same: the pairs the similar-name lint reports, in bounded memory.

>>> list(near_pairs(["abimael guzman", "abimael guzmán", "abimael guzman", "victor polay"]))
[(0, 1), (1, 2)]
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

SIMILAR_NAMES = 92.0  # rapidfuzz ratio over folded names of the same type: likely the same entity


def near_pairs(folded: list[str]):
    """The pairs (i, j), i < j, of different ``folded`` names that are nearly the same.

    A few names are compared a row at a time (no numpy to import); many, in
    blocks of :data:`NEAR_BLOCK` rows of one matrix of whole-number scores,
    each candidate then scored exactly: memory stays one block's, whatever the count.
    """
    pairs = _near_pairs_by_row(folded) if len(folded) <= NEAR_BLOCK else _near_pairs_by_block(folded)
    for i, j in pairs:
        if folded[i] != folded[j]:
            yield i, j


NEAR_BLOCK = 1000  # rows of the score matrix at a time: 1,000 × names bytes


def _near_pairs_by_row(folded: list[str]):
    for i, name in enumerate(folded[:-1]):
        found = process.extract(name, folded[i + 1:], scorer=fuzz.ratio, score_cutoff=SIMILAR_NAMES, limit=None)
        for j in sorted(i + 1 + k for _, _, k in found):
            yield i, j


def _near_pairs_by_block(folded: list[str]):
    import numpy as np

    rough = int(SIMILAR_NAMES) - 1  # whole-number scores are rounded: a little below, then exactly
    for top in range(0, len(folded), NEAR_BLOCK):
        # a block's rows against the names from its own first on: the pairs with an earlier name were its rows'
        block = process.cdist(folded[top:top + NEAR_BLOCK], folded[top:], scorer=fuzz.ratio, dtype=np.uint8,
                              score_cutoff=rough, workers=-1)
        for row, col in zip(*np.nonzero(block)):
            i, j = top + int(row), top + int(col)
            if j > i and fuzz.ratio(folded[i], folded[j], score_cutoff=SIMILAR_NAMES):
                yield i, j
