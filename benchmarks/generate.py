"""A synthetic Peru-Nexus-shaped graph of any size, for the benchmark.

``generate(out, entities=N)`` writes a seeds folder that ``kg validate`` accepts
with no error and no warning but similar names': a source register whose documents' texts
are in ``texts/``, entities of every section and many types, ``4 N``
relationships (by default) with dates, periods, places and citations, events
with places and participants, estimates, claimants (``by``), a few disputes.

The texts are written from the facts, as a curator's documents would be: each
citation's quote is a run of words from a sentence the document holds about
that very fact, naming both its ends (the subject and the object; an estimate's
subject and its figures; an entity and its alias), so the checker's lints find
nothing to say. No quote holds a cue word (``reportedly``, ``estimated``, ``were
to``…) unless its citation names the claimant; no fact is dated after the
documents citing it; no name or alias is shared: each entity's name holds an
invented word of its own, made from its number (:class:`_Codes`, one pass, no
retries). Some names of one type are nearly alike (a word a syllable apart, with
the same type, noun or given and family name): ``kg validate``'s similar-name lint
has them to find, as in a curator's files, and warns of them (never an error).
Most quotes are verbatim, some re-wrapped and re-cased,
a few with OCR noise in a lower-case word, and the texts are wrapped and
hyphenated at line ends, so both the exact and the fuzzy quote search work.

Everything is drawn from one seeded random generator: the same arguments give
byte-identical files.

    python benchmarks/generate.py --entities 1000 /tmp/synthetic-seeds

>>> import tempfile
>>> from pathlib import Path
>>> stats = generate(Path(tempfile.mkdtemp()), entities=60)
>>> stats["entities"], stats["relationships"]
(60, 240)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.facts.cues import CUES  # noqa: E402
from graph.facts.support import words_line  # noqa: E402

# Realistic, every section, many types. Weights say how common each type is.
TYPES = {
    "actors": [("Person", 10)],
    "groups": [("ArmedGroup", 2), ("Faction", 2), ("CriminalOrganization", 3), ("TraffickingClan", 3),
               ("PoliceUnit", 2), ("MilitaryUnit", 2), ("GovernmentAgency", 2), ("Government", 1),
               ("PoliticalParty", 1), ("Company", 1), ("FrontOrganization", 1), ("SelfDefenseGroup", 1),
               ("InternationalOrganization", 1), ("ResearchBody", 1)],
    "regions": [("Country", 1), ("AdministrativeRegion", 2), ("Province", 3), ("City", 3), ("Zone", 2),
                ("Port", 1), ("Facility", 1)],
    "events": [("Attack", 3), ("Capture", 2), ("Killing", 1), ("Kidnapping", 1), ("MilitaryOperation", 2),
               ("Seizure", 2), ("Agreement", 1), ("Meeting", 1), ("PolicyMeasure", 1), ("Election", 1)],
    "activities": [("DrugTrade", 3), ("IllegalMining", 1), ("IllegalLogging", 1), ("MoneyLaundering", 1),
                   ("Smuggling", 1), ("Programme", 1)],
}
SECTION_SHARE = {"actors": 0.30, "groups": 0.30, "regions": 0.20, "events": 0.15, "activities": 0.05}

GIVEN = ("Abimael Victor Elena Jose Maria Luis Carlos Rosa Oscar Juan Pedro Ana Miguel Teresa Raul Hugo "
         "Flor Julio Nelly Ramon Alberto Marco Silvia Hernan Gloria Ruben Dina Walter Lucia Ivan").split()
FAMILY = ("Guzman Ramirez Flores Quispe Huaman Mamani Rojas Vargas Torres Castillo Mendoza Chavez Paredes "
          "Morales Salazar Soto Gutierrez Cardenas Benavides Zevallos Iparraguirre Montesinos Ugarte "
          "Villanueva Cabrera Espinoza Palacios Tello Aguirre Navarro").split()
# syllables of the invented (Quechua-sounding) words that make every name its own
SYLLABLES = ("pa cha qui hua ma ya ta ru llo ca mi to su ri na co pu lla yo ti sha ku wa chu ki "
             "pi mo ra tu").split()
NOUNS = ("front committee column cartel clan company battalion brigade directorate agency party network "
         "cooperative union federation office command division group").split()
# filler words: none is a negation or a cue word, and none makes a cue with its neighbour ("were to")
WORDS = ("the of and in to a was by for with that on as from its which at coca cocaine paste "
         "government police army guerrilla column valley region province trade traffickers insurgents "
         "farmers growers leader faction cartel operation attack ambush seizure tons kilograms dollars "
         "payment protection tax airstrip river road market export route laboratory chemicals "
         "eradication programme aid military strategy campaign arrested captured killed kidnapped "
         "negotiated controlled financed protected recruited opposed during after before while since "
         "sources officials analysts between against among across").split()
PREDICATES_WANTED = ("aids allied_with attacked backs captured controls cooperates_with corrupts deployed_to "
                     "engaged_in exports_to extorts faction_of fights founded_in founder_of funds "
                     "headquartered_in kidnapped killed leader_of located_in member_of negotiated_with "
                     "operates_in opposes part_of pays_protection_to perpetrator_of protects recruits_from "
                     "rival_of led_by captured_by funded_by routed_through").split()
OCR_LETTERS = "lrnce"  # what a scanner puts for a letter (never a digit: a changed number is an error)
FIRST_SOURCE_YEAR, LAST_YEAR, FIRST_YEAR = 1990, 2015, 1980


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([t for t, _ in weighted], [w for _, w in weighted])[0]


def _q(text: str) -> str:
    """A YAML double-quoted string."""
    return json.dumps(text, ensure_ascii=False)


def _plain(text: str) -> bool:
    """Whether ``text`` holds no cue word and no negation: what an asserted fact's quote may hold."""
    return (CUES.modality(text) is None and CUES.attribution(text) is None
            and not set(words_line(text).split()) & CUES.negations)


class _Doc:
    """One source document: the sentences written about the facts that cite it, and filler."""

    def __init__(self, ident: str, date: int):
        self.id, self.date, self.sentences = ident, date, []

    def add(self, sentence: str) -> str:
        self.sentences.append(sentence)
        return sentence

    def render(self, rng: random.Random, filler) -> str:
        """The text: the sentences in a shuffled order among filler, wrapped (and hyphenated now and then)
        as a scanned page."""
        sentences = self.sentences + [filler() for _ in range(len(self.sentences) // 5 + 3)]
        rng.shuffle(sentences)
        paragraphs = []
        for i in range(0, len(sentences), 6):
            lines = textwrap.wrap(" ".join(sentences[i:i + 6]), 76, break_on_hyphens=False)
            out = []
            for line in lines:
                if out and rng.random() < 0.1 and len(line) > 10 and line[0].isalpha():
                    cut = line.find(" ")
                    if cut > 4:
                        out[-1] += " " + line[:cut // 2] + "-"
                        line = line[cut // 2:]
                out.append(line)
            paragraphs.append("\n".join(out))
        return "\n\n".join(paragraphs) + "\n"


class _Codes:
    """Invented words, one to a number and no two the same: ``number`` is spread over the words of four
    :data:`SYLLABLES` by a multiplication the seed draws (a one-to-one map), then written in base 29.

    >>> codes = _Codes(random.Random(7), aliases_from=10)
    >>> words = [codes.word(n) for n in range(2000)]
    >>> len(set(words)) == 2000 and all(w[0].isupper() for w in words)
    True
    """

    SIZE = len(SYLLABLES) ** 4  # the numbers that have a word: names and aliases together

    def __init__(self, rng: random.Random, aliases_from: int):
        if 2 * aliases_from > self.SIZE:
            raise ValueError(f"at most {self.SIZE // 2:,} entities have words of their own")
        self.aliases_from = aliases_from
        self.factor = rng.randrange(1, self.SIZE // len(SYLLABLES)) * len(SYLLABLES) + rng.randrange(1, len(SYLLABLES))
        self.offset = rng.randrange(self.SIZE)

    def word(self, number: int) -> str:
        spread, syllables = (number * self.factor + self.offset) % self.SIZE, []
        for _ in range(4):
            spread, digit = divmod(spread, len(SYLLABLES))
            syllables.append(SYLLABLES[digit])
        return "".join(syllables).capitalize()


class _Writer:
    """Names, sentences and quotes, all from one random generator."""

    def __init__(self, rng: random.Random, labels: dict[str, str]):
        self.rng, self.labels = rng, labels
        self.words = [w for w in WORDS if _plain(w)]

    def invented(self) -> str:
        """A capitalised invented word of three or four syllables (for the sources' titles)."""
        rng = self.rng
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4))).capitalize()

    def code(self, number: int) -> str:
        """The invented word of ``number``: four syllables, one word to a number (:class:`_Codes`)."""
        return self.codes.word(number)

    def name(self, section: str, kind: str, index: int) -> str:
        """Entity ``index``'s name: its own invented word, with a given and a family name (actors), a noun
        (groups) or its type (the rest); no two entities' names alike, whatever the size."""
        rng, word = self.rng, self.code(index)
        if section == "actors":
            return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {word}"
        if section == "groups":
            return f"{word} {rng.choice(NOUNS)}"
        return f"{word} {self.labels.get(kind, kind).lower()}"

    def aliases(self, section: str, name: str, index: int) -> list[str]:
        """An actor's nom de guerre (a word of its own, numbered after every entity's), a region's name in
        capitals (as OCR'd headings write it), anything else's initials and number."""
        if section == "actors":
            return [f"Comrade {self.code(self.codes.aliases_from + index)}"]
        if section == "regions":
            return [name.upper()]
        return ["".join(w[0] for w in name.split()).upper() + str(index)]

    def filler(self, low: int = 4, high: int = 9) -> str:
        """Some filler words, with no cue word in them."""
        while True:
            text = " ".join(self.rng.choice(self.words) for _ in range(self.rng.randint(low, high)))
            if _plain(text):
                return text

    def filler_sentence(self) -> str:
        text = self.filler(10, 20)
        return text[0].upper() + text[1:] + "."

    def quote(self, sentence: str, core: str, names: tuple[str, ...] = (), noise: bool = True) -> str:
        """A quote from ``sentence``: the words of ``core`` (which it holds), with a word or two of the
        sentence either side now and then; verbatim, re-wrapped and re-cased, or (``noise``) with OCR noise
        in a word that is in none of ``names``."""
        rng = self.rng
        at = sentence.index(core)
        before, after = sentence[:at].split(), sentence[at + len(core):].rstrip(".").split()
        before, after = before[len(before) - rng.randint(0, min(2, len(before))):], after[:rng.randint(0, 2)]
        quote = " ".join(before + [core] + after).rstrip(",")
        roll = rng.random()
        if noise and roll < 0.02:
            noisy = self.ocr(quote, {w for n in names for w in n.split()})
            if noisy:
                return noisy
        if roll < 0.10:  # curators re-wrap and re-case quotes: white space and case differ
            return quote.replace(" ", "  ", 1).capitalize()
        return quote

    def ocr(self, quote: str, keep: set[str]) -> str | None:
        """``quote`` with one letter of a lower-case word of five or more letters (none of ``keep``)
        misread, or None."""
        words = quote.split()
        spots = [i for i, w in enumerate(words) if w.isalpha() and w.islower() and len(w) >= 5 and w not in keep]
        if not spots:
            return None
        i = self.rng.choice(spots)
        j = self.rng.randrange(1, len(words[i]) - 1)
        words[i] = words[i][:j] + self.rng.choice(OCR_LETTERS) + words[i][j + 1:]
        noisy = " ".join(words)
        return noisy if _plain(noisy) else None


def _entities(rng: random.Random, writer: _Writer, entities: int, docs: list[_Doc],
              entities_per_source: int) -> list[dict]:
    """The entities: section, type, a name far from every other, aliases, id and home document."""
    ents: list[dict] = []
    for section, share in SECTION_SHARE.items():
        for _ in range(max(1, round(entities * share))):
            ents.append({"section": section, "type": _pick(rng, TYPES[section])})
    ents = ents[:entities]
    while len(ents) < entities:
        ents.append({"section": "actors", "type": "Person"})
    rng.shuffle(ents)
    writer.codes = _Codes(rng, aliases_from=len(ents))
    for i, e in enumerate(ents):
        e["index"], e["name"] = i, writer.name(e["section"], e["type"], i)
        e["aliases"] = writer.aliases(e["section"], e["name"], e["index"])
        e["id"] = "-".join(words_line(e["name"]).split())
        e["doc"] = docs[min(e["index"] // entities_per_source, len(docs) - 1)]
    return ents


def _when(rng: random.Random, latest: int) -> list[str]:
    """A fact's time, never after ``latest`` (the year of the latest document citing it): a year, a month,
    a day, a period, or none."""
    roll, year = rng.random(), rng.randint(FIRST_YEAR, latest)
    if roll < 0.3:
        return [f"    date: {year}"]
    if roll < 0.45:
        return [f"    date: {year}-{rng.randint(1, 12):02d}"]
    if roll < 0.55:
        return [f"    date: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"]
    if roll < 0.75:
        return [f"    start: {year}", f"    end: {min(year + rng.randint(0, 10), latest)}"]
    return []


def _year_of(when: list[str]) -> str | None:
    return when[0].split(": ", 1)[1][:4] if when else None


def _cite(rng: random.Random, doc: _Doc, quote: str, *, by: str | None = None, stance: str | None = None) -> list[str]:
    out = [f"      - source: {doc.id}", f"        locator: \"p. {rng.randint(1, 40)}\"", f"        quote: {_q(quote)}"]
    if by:
        out.append(f"        by: {by}")
    if stance:
        out.append(f"        stance: {stance}")
    return out


def _entity_lines(rng: random.Random, writer: _Writer, e: dict, docs: list[_Doc], places, people) -> list[str]:
    """An entity's entry, and the sentences its documents hold about it (its name and its alias)."""
    out = [f"  - id: {e['id']}", f"    type: {e['type']}", f"    name: {_q(e['name'])}",
           f"    aliases: [{', '.join(_q(a) for a in e['aliases'])}]",
           f"    description: >-\n      A synthetic {e['type']} for the benchmark, number {e['index']};"
           f"\n      its name is {e['name']}."]
    if e["section"] == "events":
        when = _when(rng, e["doc"].date)
        out += when
        if places:
            out.append(f"    place: {rng.choice(places)['id']}")
        if people:
            who = {rng.choice(people)["id"] for _ in range(rng.randint(1, 3))}
            out.append(f"    participants: [{', '.join(sorted(who))}]")
    core = f"{e['name']}, also called {e['aliases'][0]}"
    sentence = e["doc"].add(f"{core}, {writer.filler()}.")
    names = (e["name"], e["aliases"][0])
    out += ["    evidence:"] + _cite(rng, e["doc"], writer.quote(sentence, core, names))
    if rng.random() < 0.25:
        other = rng.choice(docs)
        core = f"{e['name']} {writer.filler(2, 4)}"
        sentence = other.add(f"{core} {writer.filler()}.")
        out += _cite(rng, other, writer.quote(sentence, core, names))
    return out


def _relationship_lines(rng: random.Random, writer: _Writer, name: str, s: dict, o: dict, docs: list[_Doc],
                        places, people) -> list[str]:
    """A relationship's entry, and the sentences its documents hold about it (naming both ends)."""
    disputed = rng.random() < 0.03
    claimant = rng.choice(people) if people and rng.random() < 0.1 else None
    other = o["doc"] if disputed else (rng.choice(docs) if rng.random() < 0.2 else None)
    latest = max(d.date for d in (s["doc"], other) if d is not None)
    out = [f"  - subject: {s['id']}", f"    predicate: {name}", f"    object: {o['id']}"]
    when = _when(rng, latest)
    out += when
    place = rng.choice(places) if places and name not in ("part_of", "occurred_in") and rng.random() < 0.15 else None
    if place:
        out.append(f"    place: {place['id']}")
    core = f"{s['name']} {writer.labels[name]} {o['name']}"
    if claimant:  # the citation names its claimant: the quote may say so
        core = f"According to {claimant['name']}, {core}"
    year = _year_of(when)
    lead = f"In {year}, " if year and not claimant else ""
    tail = f" in {place['name']}" if place else ""
    sentence = s["doc"].add(f"{lead}{core}{tail} {writer.filler()}.")
    names = (s["name"], o["name"], claimant["name"] if claimant else "", place["name"] if place else "")
    out += ["    evidence:"] + _cite(rng, s["doc"], writer.quote(sentence, core, names), by=claimant and claimant["id"])
    if disputed:
        core = f"false that {s['name']} {writer.labels[name]} {o['name']}"
        sentence = other.add(f"It is {core}, {writer.filler()}.")
        out += _cite(rng, other, writer.quote(sentence, core, names), stance="disputes")
    elif other is not None:
        core = f"{s['name']} {writer.labels[name]} {o['name']}"
        sentence = other.add(f"{core.capitalize() if not core[0].isupper() else core} {writer.filler()}.")
        out += _cite(rng, other, writer.quote(sentence, core, names))
    return out


def _estimate_lines(rng: random.Random, writer: _Writer, k: int, s: dict) -> list[str]:
    """An estimate's entry, and the sentence holding its figures."""
    lo = rng.randint(1, 50) * 1_000_000
    year = rng.randint(FIRST_YEAR, s["doc"].date)
    out = [f"  - id: estimate-{k}", f"    subject: {s['id']}", "    measure: annual_drug_income"]
    if k % 2:
        out += [f"    min: {lo}", f"    max: {lo * 3}"]
        core = f"{s['name']} earned between {lo:,} and {lo * 3:,} dollars a year"
    else:
        out += [f"    value: {lo}"]
        core = f"{s['name']} earned some {lo:,} dollars a year"
    out += ["    unit: USD per year", f"    date: {year}"]
    if k % 5 == 0:
        out.append("    status: disputed")
    sentence = s["doc"].add(f"By {year}, {core} from the trade.")
    return out + ["    evidence:"] + _cite(rng, s["doc"], writer.quote(sentence, core, noise=False))


def _predicates(onto, ents: list[dict]) -> list[tuple[str, list, list]]:
    """Each wanted relationship type the ontology has, with the entities that may be its subject and object."""
    by_class: dict[str, list[dict]] = {}
    for e in ents:
        for cls in onto.ancestors(e["type"]):
            by_class.setdefault(cls, []).append(e)
    preds = []
    for name in PREDICATES_WANTED:
        p = onto.predicates.get(name)
        if p is None:
            continue
        subs = [x for d in p.domain for x in by_class.get(d, [])] if p.domain else ents
        objs = [x for r in p.range for x in by_class.get(r, [])] if p.range else ents
        if subs and objs:
            preds.append((name, subs, objs))
    return preds, by_class


def generate(out: Path, entities: int = 1000, relationships_per_entity: float = 4.0, seed: int = 7,
             entities_per_source: int = 50, entities_per_file: int = 500) -> dict:
    """Write a seeds folder to ``out``; return counts of what was written."""
    from graph.vocab.ontology import load_ontology

    onto = load_ontology()
    rng = random.Random(seed)
    writer = _Writer(rng, {**onto.labels, **{n: p.label for n, p in onto.predicates.items()}})
    out.mkdir(parents=True, exist_ok=True)
    (out / "texts").mkdir(exist_ok=True)
    docs = [_Doc(f"doc-{i:05d}", rng.randint(FIRST_SOURCE_YEAR, LAST_YEAR))
            for i in range(max(2, entities // entities_per_source))]
    ents = _entities(rng, writer, entities, docs, entities_per_source)
    preds, by_class = _predicates(onto, ents)
    people, places = by_class.get("Agent", []), by_class.get("Place", [])
    files: dict[int, dict[str, list[str]]] = {}

    def section_lines(i: int, section: str) -> list[str]:
        return files.setdefault(i // entities_per_file, {}).setdefault(section, [])

    for e in ents:
        section_lines(e["index"], e["section"]).extend(_entity_lines(rng, writer, e, docs, places, people))
    n_rel, written = round(entities * relationships_per_entity), 0
    for k in range(n_rel * 3):
        if written == n_rel or not preds:
            break
        name, subs, objs = preds[k % len(preds)]
        s, o = rng.choice(subs), rng.choice(objs)
        if s is o or (name == "part_of" and s["index"] >= o["index"]):  # part_of: acyclic by construction
            continue
        section_lines(s["index"], "relationships").extend(
            _relationship_lines(rng, writer, name, s, o, docs, places, people))
        written += 1
    n_est = max(1, entities // 100)
    for k in range(n_est):
        s = rng.choice(ents)
        section_lines(s["index"], "estimates").extend(_estimate_lines(rng, writer, k, s))
    _write_sources(out, rng, writer, docs)
    total_bytes = _write_facts(out, files)
    return {"entities": len(ents), "relationships": written, "estimates": n_est, "sources": len(docs),
            "files": len(files) + 1, "yaml_bytes": total_bytes}


def _write_sources(out: Path, rng: random.Random, writer: _Writer, docs: list[_Doc]) -> None:
    lines = ["# Synthetic source register (benchmarks/generate.py).", "sources:"]
    for i, doc in enumerate(docs):
        lines += [f"  - id: {doc.id}", f"    title: {_q(f'Report {i} on the {writer.invented()} corridor')}",
                  f"    author: {rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                  "    publisher: Synthetic Studies Institute", f"    date: {doc.date}",
                  f"    file: {doc.id}.txt", "    rights: generated text, public domain", ""]
        (out / "texts" / f"{doc.id}.txt").write_text(doc.render(rng, writer.filler_sentence), encoding="utf-8")
    (out / "sources.yaml").write_text("\n".join(lines), encoding="utf-8")


def _write_facts(out: Path, files: dict[int, dict[str, list[str]]]) -> int:
    total_bytes = 0
    for i, sections in sorted(files.items()):
        body = [f"# Synthetic facts, part {i} (benchmarks/generate.py)."]
        for section in ("actors", "groups", "regions", "events", "activities", "relationships", "estimates"):
            if sections.get(section):
                body.append(f"{section}:")
                body += sections[section]
        data = "\n".join(body) + "\n"
        (out / f"facts-{i:04d}.yaml").write_text(data, encoding="utf-8")
        total_bytes += len(data.encode())
    return total_bytes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic seeds folder for the benchmark.")
    parser.add_argument("out", type=Path, help="folder to write (created)")
    parser.add_argument("--entities", type=int, default=1000)
    parser.add_argument("--relationships-per-entity", type=float, default=4.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    stats = generate(args.out, args.entities, args.relationships_per_entity, args.seed)
    print(json.dumps(stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
