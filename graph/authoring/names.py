"""Names the graph does not know yet: runs of capitalised words ("First Capital Command") and
acronyms ("PCC"), with an acronym or a quoted alias in brackets right after a name taken as its alias,
and a type guessed from the ontology's class labels ("… Party" is a political party).

>>> [(c.name, c.aliases) for c in new_names('Brazil\\'s First Capital Command (PCC) grew.', [])]
[("Brazil's First Capital Command", ['PCC'])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.authoring.mentions import fold
from graph.vocab.ontology import Ontology

CAPITALISED = r"(?:[A-ZÁÉÍÓÚÑÜ][\w'’.-]*[\w])"
CONNECTOR = r"(?:of(?:\s+the)?|de|del|la|las|los)"
PHRASE = re.compile(rf"(?:\b\d+(?:st|nd|rd|th)\s+)?{CAPITALISED}(?:\s+(?:{CONNECTOR}\s+)*{CAPITALISED})*(?!\w|\s?\$)")
ADJECTIVE = re.compile(r"(ian|ean|ese|ish|ican|ist|ists)$")  # "Peruvian", "Maoist": capitalised, not names
ALIAS_AFTER = re.compile(r"^\s*\((?:[\"“]([^\"”)]{2,60})[\"”]|([A-Z][A-Za-z0-9]{1,8}))\)")
# words that open a sentence or a name without being part of one
LEADING = {"the", "a", "an", "in", "on", "at", "by", "for", "from", "with", "yet", "but", "and", "as", "while",
           "since", "after", "before", "during", "although", "this", "these", "those", "its", "his", "her",
           "their", "our", "if", "when", "according", "see", "to", "of"}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}
ROMAN = re.compile(r"^[IVXLC]+$")
# words a person's name follows (not ontology terms: the guess of a type, for the curator to check)
PERSON_TITLES = {"comrade", "camarada", "general", "gen", "president", "colonel", "col", "dr", "mr", "mrs",
                 "minister", "senator", "admiral", "commander"}
PLACE_WORDS = {"valley", "valleys", "river", "rivers", "region", "basin", "border", "coast", "highlands"}


@dataclass
class NewName:
    name: str
    aliases: list[str] = field(default_factory=list)
    start: int = 0
    end: int = 0


def _trim(words: list[str]) -> list[str]:
    while words and (fold(words[0]) in LEADING or fold(words[0]) in MONTHS):
        words = words[1:]
    while words and fold(words[-1]) in LEADING | MONTHS:
        words = words[:-1]
    return words


def _one_word_name(name: str, at_start: bool, proper: set[str]) -> bool:
    if name.isupper():
        return len(name) >= 2 and any(ch.isalpha() for ch in name)
    word = fold(name)
    if len(word) < 4 or word in PERSON_TITLES or ADJECTIVE.search(word):
        return False
    return not at_start or word in proper


def _usable(name: str, at_start: bool, proper: set[str]) -> bool:
    """Whether ``name`` is worth proposing: several words, an acronym, or one capitalised word that is not
    just the sentence's first (unless the document capitalises it elsewhere too), nor an adjective."""
    words = name.split()
    if not words or ROMAN.match(name):
        return False
    return len(words) > 1 or _one_word_name(name, at_start, proper)


def proper_words(sentences: list[str]) -> set[str]:
    """The single words a document capitalises inside its sentences (not only at their starts).

    >>> sorted(proper_words(["Then Lima grew.", "Then it did."]))
    ['lima']
    """
    out = set()
    for text in sentences:
        for m in re.finditer(r"(?<=[a-z,;] )([A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)", text):
            out.add(fold(m.group(1)))
    return out


def _alias_after(text: str, end: int) -> tuple[str | None, int]:
    m = ALIAS_AFTER.match(text[end:])
    if not m:
        return None, end
    return (m.group(1) or m.group(2)).strip(), end + m.end()


def _overlaps(m: re.Match, taken: list[tuple[int, int]]) -> bool:
    return any(s < m.end() and m.start() < e for s, e in taken)


def _name_at(text: str, m: re.Match, proper: set[str]) -> NewName | None:
    """The name a capitalised run stands for, trimmed of leading words, with its alias; None if not one."""
    words = _trim(m.group().split())
    if not words:
        return None
    name = " ".join(words)
    start = m.start() + m.group().index(words[0])
    if not _usable(name, not text[:start].strip(" \"“'(‘"), proper):
        return None
    alias, after = _alias_after(text, m.end())
    return NewName(name, [alias] if alias and alias != name else [], start, after)


def new_names(text: str, taken: list[tuple[int, int]], proper: set[str] = frozenset()) -> list[NewName]:
    """The names in ``text`` outside the spans ``taken`` by known entities, with aliases in brackets;
    ``proper``: the single words the document capitalises mid-sentence (:func:`proper_words`)."""
    out, skip_until = [], -1
    for m in PHRASE.finditer(text):
        if m.start() < skip_until or _overlaps(m, taken):
            continue
        found = _name_at(text, m, proper)
        if found is not None:
            skip_until, found.end = found.end, found.start + len(found.name)
            out.append(found)
    return out


def _classes_by_last_word(onto: Ontology, tops: list[str]) -> dict[str, str]:
    """The classes under ``tops`` by the last word of their label (``party`` → PoliticalParty)."""
    out = {}
    for cls, label in sorted(onto.labels.items()):
        if cls in onto.parents and label.split() and any(onto.is_a(cls, top) for top in tops):
            out[fold(label.split()[-1])] = cls
    return out


def _kind_word(words: list[str]) -> str:
    if words and words[0] in PERSON_TITLES:
        return "person"
    return "place" if set(words) & PLACE_WORDS else "organisation"


def guess_type(onto: Ontology, name: str, tops: list[str]) -> str:
    """A class for ``name`` (among the classes under ``tops``): one whose label's last word ends the name,
    else a person after a title, a place by a place word, else an organisation.

    >>> from graph.vocab.ontology import load_ontology
    >>> onto = load_ontology()
    >>> tops = list(onto.sections.values())
    >>> guess_type(onto, "Partido Aprista", tops), guess_type(onto, "Aprista Party", tops)
    ('Organization', 'PoliticalParty')
    """
    words = [fold(w) for w in re.findall(r"\w+", name)]
    by_last = _classes_by_last_word(onto, tops)
    if words and words[-1] in by_last:
        return by_last[words[-1]]
    want = _kind_word(words)
    return next((t for t in tops if want in fold(onto.labels.get(t, "")).split()), tops[0])
