"""Who makes a sentence's claim, read from its attribution cue (``ontology/cues.yaml``).

"according to X" names the claimant after the cue, "X said", "X estimated"
(or "X, the minister, said") before it. A known entity there that may make a
claim (an agent) is the citation's ``by:``; an unnamed collective ("U.S.
officials", "experts", "the police") its ``by_unnamed:``, in the sentence's words.

>>> finder = ClaimantFinder({"army": (0, 8)}.keys(), {"officials", "experts"})
>>> finder.find("The Army estimated 300 members", "estimated", [("army", 0, 8)])
Claimant(by='army', by_unnamed=None, cue='estimated')
>>> finder.find("According to U.S. officials, the group grew.", "according to", [])
Claimant(by=None, by_unnamed='U.S. officials', cue='according to')
>>> finder.find("Sendero is said to control it.", "said", [("sendero", 0, 7)]) is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.facts.cues import CUES

FORWARD_CUES = ("according to",)  # the claimant follows the cue; after the others, it comes before
# the nouns that make a phrase an unnamed collective claimant, besides those the known facts' by_unnamed: end with
COLLECTIVE_NOUNS = frozenset({"officials", "experts", "analysts", "observers", "sources", "diplomats", "authorities",
                              "police", "investigators", "specialists", "researchers", "residents", "witnesses",
                              "participants", "critics", "officers", "commanders"})
MAX_PHRASE_WORDS = 5
_WORD = re.compile(r"[^\s,;:()\"]+")
_BEFORE_GAP = re.compile(r"\s*(?:,[^,.;:]{1,60},)?\s*")  # nothing, or an apposition between commas
_AFTER_GAP = re.compile(r"\s*(?:the\s+)?", re.IGNORECASE)


@dataclass(frozen=True)
class Claimant:
    by: str | None = None
    by_unnamed: str | None = None
    cue: str = ""

    @property
    def who(self) -> str:
        return self.by or self.by_unnamed or ""


def collective_nouns(unnamed: list[str]) -> set[str]:
    """The built-in collective nouns and the last words of the known facts' ``by_unnamed`` values.

    >>> sorted(collective_nouns(["Peruvian officials", "a participant"]) - COLLECTIVE_NOUNS)
    []
    >>> "delegates" in collective_nouns(["the delegates"])
    True
    """
    heads = {phrase.split()[-1].lower() for phrase in unnamed if phrase.split()}
    return set(COLLECTIVE_NOUNS) | {h for h in heads if h.endswith("s") and h not in CUES.stopwords}


def cue_span(text: str, cue: str) -> tuple[int, int] | None:
    """Where the attribution ``cue`` stands in ``text`` (whole words, any case), or None."""
    pattern = r"\b" + r"\s+".join(map(re.escape, cue.split())) + r"\b"
    found = re.search(pattern, text, re.IGNORECASE)
    return found.span() if found else None


class ClaimantFinder:
    """Finds the claimant of a sentence among its entity mentions (``agents``: ids that may claim)."""

    def __init__(self, agents, collectives: set[str]):
        self.agents, self.collectives = set(agents), collectives

    def find(self, text: str, cue: str | None, mentions: list[tuple[str, int, int]]) -> Claimant | None:
        """The claimant the ``cue`` points at, given the known ``mentions`` (id, start, end); None when none."""
        span = cue_span(text, cue) if cue else None
        if span is None:
            return None
        forward = cue in FORWARD_CUES
        by = self._named(text, span, mentions, forward)
        if by is not None:
            return Claimant(by=by, cue=cue)
        phrase = self._after(text, span[1]) if forward else self._before(text, span[0])
        return Claimant(by_unnamed=phrase, cue=cue) if phrase else None

    def _named(self, text: str, span: tuple[int, int], mentions, forward: bool) -> str | None:
        for ident, start, end in mentions:
            gap = text[span[1]:start] if forward else text[end:span[0]]
            fits = (_AFTER_GAP if forward else _BEFORE_GAP).fullmatch(gap)
            if fits and (start >= span[1] if forward else end <= span[0]) and ident in self.agents:
                return ident
        return None

    def _after(self, text: str, at: int) -> str | None:
        """The collective named right after "according to": up to the first comma or stop, ending with its noun."""
        first, count = None, 0
        for m in _WORD.finditer(text, at):
            if text[at:m.start()].strip() or count == MAX_PHRASE_WORDS:
                break
            first, count, at = first if first is not None else m.start(), count + 1, m.end()
            if m[0].rstrip(".").lower() in self.collectives:
                return text[first:m.end()].rstrip(".")
        return None

    def _before(self, text: str, at: int) -> str | None:
        """The collective named right before "said": its noun last, back to a stop word or punctuation."""
        words = [m for m in _WORD.finditer(text[:at])][-MAX_PHRASE_WORDS:]
        if not words or text[words[-1].end():at].strip() or words[-1][0].lower() not in self.collectives:
            return None
        kept = [words[-1]]
        for m in reversed(words[:-1]):
            if text[m.end():kept[0].start()].strip() or m[0].lower() in CUES.stopwords:
                break
            kept.insert(0, m)
        return text[kept[0].start():kept[-1].end()]
