"""A synthetic Peru-Nexus-shaped graph of any size, for the benchmark.

``generate(out, entities=N)`` writes a seeds folder that ``kg validate`` accepts
with no errors: a source register whose documents' texts are in ``texts/``,
entities of every section and many types, ``4 N`` relationships (by default)
with dates, periods, places and citations, events with places and
participants, estimates, claimants (``by``), a few disputes, and quotes that
are really in the texts — most verbatim, some re-wrapped, hyphenated or with
OCR noise, so both the exact and the fuzzy quote search are exercised.

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
PLACES = ("Huallaga Ayacucho Apurimac Ene Mantaro Tingo Aucayacu Pichari Satipo Tocache Uchiza Juanjui "
          "Llochegua Sivia Santa Rosa Pichanaqui Junin Cusco Puno Callao Paita Chimbote Iquitos Pucallpa "
          "Madre Dios Tarapoto Huanuco Andahuaylas Huanta").split()
NOUNS = ("front committee column cartel clan company battalion brigade directorate agency party network "
         "cooperative union federation office command division group").split()
WORDS = ("the of and in to a was by for with that on as from its were which at coca cocaine paste "
         "government police army guerrilla column valley region province trade traffickers insurgents "
         "farmers growers leader faction cartel operation attack ambush seizure tons kilograms dollars "
         "payment protection tax airstrip river road market export route laboratory chemicals "
         "eradication programme aid military strategy campaign arrested captured killed kidnapped "
         "negotiated controlled financed protected recruited opposed during after before while since "
         "reported estimated according sources officials analysts between against among across").split()
PREDICATES_WANTED = ("aids allied_with attacked backs captured controls cooperates_with corrupts deployed_to "
                     "engaged_in exports_to extorts faction_of fights founded_in founder_of funds "
                     "headquartered_in kidnapped killed leader_of located_in member_of negotiated_with "
                     "operates_in opposes part_of pays_protection_to perpetrator_of protects recruits_from "
                     "rival_of led_by captured_by funded_by").split()


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([t for t, _ in weighted], [w for _, w in weighted])[0]


class _Text:
    """One source document: sentences we can quote from, wrapped like an OCR'd page."""

    def __init__(self, rng: random.Random, sentences: int):
        self.rng = rng
        self.sentences = [self._sentence() for _ in range(sentences)]

    def _sentence(self) -> str:
        rng = self.rng
        words = [rng.choice(WORDS) for _ in range(rng.randint(14, 26))]
        for _ in range(rng.randint(1, 3)):  # names make sentences distinct and quotable
            words.insert(rng.randrange(len(words)), rng.choice(GIVEN + FAMILY + PLACES))
        words.insert(rng.randrange(len(words)), str(rng.randint(1970, 2015)))
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def quote(self) -> tuple[str, str]:
        """(kind, quote): a run of words from one sentence, verbatim or with OCR noise."""
        rng = self.rng
        words = rng.choice(self.sentences).rstrip(".").split()
        n = rng.randint(7, 12)
        start = rng.randint(0, len(words) - n)
        quote = " ".join(words[start:start + n])
        roll = rng.random()
        if roll < 0.02 and len(quote) > 30:  # OCR noise: found only by the fuzzy search
            # a letter inside a lower-case word: OCR noise the quote check forgives (never a digit or a name)
            spots = [j for j in range(5, len(quote) - 5) if quote[j - 1:j + 1].isalpha() and _word_at(quote, j).islower()]
            if spots:
                i = rng.choice(spots)
                return "ocr", quote[:i] + rng.choice("1l|rnc") + quote[i + 1:]
        if roll < 0.10:  # curators re-wrap and re-case quotes: white space and case differ
            return "wrapped", quote.replace(" ", "  ", 1).capitalize()
        return "exact", quote

    def render(self) -> str:
        paragraphs = []
        for i in range(0, len(self.sentences), 6):
            para = " ".join(self.sentences[i:i + 6])
            lines = textwrap.wrap(para, 76, break_on_hyphens=False)
            # hyphenate a line break now and then, as scanned documents do
            out = []
            for line in lines:
                if out and self.rng.random() < 0.1 and len(line) > 10 and line[0].isalpha():
                    cut = line.find(" ")
                    if cut > 4:
                        out[-1] += " " + line[:cut // 2] + "-"
                        line = line[cut // 2:]
                out.append(line)
            paragraphs.append("\n".join(out))
        return "\n\n".join(paragraphs) + "\n"


def _q(text: str) -> str:
    """A YAML double-quoted string."""
    return json.dumps(text, ensure_ascii=False)


def _word_at(text: str, i: int) -> str:
    """The word of ``text`` that holds character ``i``."""
    return text[text.rfind(" ", 0, i) + 1:(text.find(" ", i) + 1 or len(text) + 1) - 1]


def generate(out: Path, entities: int = 1000, relationships_per_entity: float = 4.0, seed: int = 7,
             entities_per_source: int = 50, entities_per_file: int = 500) -> dict:
    """Write a seeds folder to ``out``; return counts of what was written."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from graph.vocab.ontology import load_ontology

    onto = load_ontology()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "texts").mkdir(exist_ok=True)

    # --- sources and their texts ---------------------------------------------------
    n_sources = max(2, entities // entities_per_source)
    sources = [f"doc-{i:05d}" for i in range(n_sources)]
    texts = {s: _Text(rng, 120) for s in sources}
    lines = ["# Synthetic source register (benchmarks/generate.py).", "sources:"]
    for i, s in enumerate(sources):
        lines += [f"  - id: {s}", f"    title: {_q(f'Report {i} on the {rng.choice(PLACES)} corridor')}",
                  f"    author: {rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                  "    publisher: Synthetic Studies Institute", f"    date: {rng.randint(1985, 2015)}",
                  f"    file: {s}.txt", "    rights: generated text, public domain", ""]
        (out / "texts" / f"{s}.txt").write_text(texts[s].render(), encoding="utf-8")
    (out / "sources.yaml").write_text("\n".join(lines), encoding="utf-8")

    # --- entities ----------------------------------------------------------------------
    ents: list[dict] = []
    for section, share in SECTION_SHARE.items():
        for _ in range(max(1, round(entities * share))):
            ents.append({"section": section, "type": _pick(rng, TYPES[section])})
    ents = ents[:entities]
    while len(ents) < entities:
        ents.append({"section": "actors", "type": "Person"})
    rng.shuffle(ents)
    for i, e in enumerate(ents):
        e["index"] = i
        if e["section"] == "actors":
            name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {rng.choice(FAMILY)}"
            e["aliases"] = [f"Comrade {rng.choice(GIVEN)}", name.split()[1]]
        elif e["section"] == "regions":
            name = f"{rng.choice(PLACES)} {e['type'].lower()}"
            e["aliases"] = [name.upper()]
        else:
            name = f"{rng.choice(PLACES)} {rng.choice(NOUNS)}"
            e["aliases"] = ["".join(w[0] for w in name.split()).upper() + str(i % 97)]
        e["name"] = f"{name} {i}"
        e["id"] = f"{e['name'].lower().replace(' ', '-')}"
        e["source"] = sources[min(i // entities_per_source, n_sources - 1)]
    by_class: dict[str, list[dict]] = {}
    for e in ents:
        for cls in onto.ancestors(e["type"]):
            by_class.setdefault(cls, []).append(e)

    def cite(source: str, *, by: str | None = None, stance: str | None = None) -> list[str]:
        kind, quote = texts[source].quote()
        out_lines = [f"      - source: {source}", f"        locator: \"p. {rng.randint(1, 40)}\"",
                     f"        quote: {_q(quote)}"]
        if by:
            out_lines.append(f"        by: {by}")
        if stance:
            out_lines.append(f"        stance: {stance}")
        return out_lines

    def when(rng: random.Random) -> list[str]:
        roll = rng.random()
        year = rng.randint(1980, 2015)
        if roll < 0.3:
            return [f"    date: {year}"]
        if roll < 0.45:
            return [f"    date: {year}-{rng.randint(1, 12):02d}"]
        if roll < 0.55:
            return [f"    date: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"]
        if roll < 0.75:
            return [f"    start: {year}", f"    end: {year + rng.randint(0, 10)}"]
        return []

    people = by_class.get("Agent", [])
    places = by_class.get("Place", [])
    files: dict[int, dict[str, list[str]]] = {}

    def section_lines(i: int, section: str) -> list[str]:
        return files.setdefault(i // entities_per_file, {}).setdefault(section, [])

    for e in ents:
        out_lines = section_lines(e["index"], e["section"])
        out_lines += [f"  - id: {e['id']}", f"    type: {e['type']}", f"    name: {_q(e['name'])}",
                      f"    aliases: [{', '.join(_q(a) for a in e['aliases'])}]",
                      f"    description: >-\n      A synthetic {e['type']} for the benchmark, number {e['index']};"
                      f"\n      its name is {e['name']}."]
        if e["section"] == "events":
            out_lines += when(rng)
            if places:
                out_lines.append(f"    place: {rng.choice(places)['id']}")
            if people:
                who = {rng.choice(people)["id"] for _ in range(rng.randint(1, 3))}
                out_lines.append(f"    participants: [{', '.join(sorted(who))}]")
        out_lines.append("    evidence:")
        out_lines += cite(e["source"])
        if rng.random() < 0.25:
            out_lines += cite(rng.choice(sources))

    # --- relationships -----------------------------------------------------------------
    preds = []
    for name in PREDICATES_WANTED:
        p = onto.predicates.get(name)
        if p is None:
            continue
        subs = [x for d in p.domain for x in by_class.get(d, [])] if p.domain else ents
        objs = [x for r in p.range for x in by_class.get(r, [])] if p.range else ents
        if subs and objs:
            preds.append((name, subs, objs))
    n_rel = round(entities * relationships_per_entity)
    written = 0
    for k in range(n_rel * 3):
        if written == n_rel or not preds:
            break
        name, subs, objs = preds[k % len(preds)]
        s, o = rng.choice(subs), rng.choice(objs)
        if s is o or (name == "part_of" and s["index"] >= o["index"]):  # part_of: acyclic by construction
            continue
        out_lines = section_lines(s["index"], "relationships")
        out_lines += [f"  - subject: {s['id']}", f"    predicate: {name}", f"    object: {o['id']}"]
        out_lines += when(rng)
        if places and name not in ("part_of", "occurred_in") and rng.random() < 0.15:
            out_lines.append(f"    place: {rng.choice(places)['id']}")
        disputed = rng.random() < 0.03
        out_lines.append("    evidence:")
        claimant = rng.choice(people)["id"] if people and rng.random() < 0.1 else None
        out_lines += cite(s["source"], by=claimant)
        if disputed:
            out_lines += cite(o["source"], stance="disputes")
        elif rng.random() < 0.2:
            out_lines += cite(rng.choice(sources))
        written += 1

    # --- estimates ---------------------------------------------------------------------
    n_est = max(1, entities // 100)
    for k in range(n_est):
        s = rng.choice(ents)
        lo = rng.randint(1, 50) * 1_000_000
        out_lines = section_lines(s["index"], "estimates")
        out_lines += [f"  - id: estimate-{k}", f"    subject: {s['id']}", "    measure: annual_drug_income"]
        out_lines += [f"    min: {lo}", f"    max: {lo * 3}"] if k % 2 else [f"    value: {lo}"]
        out_lines += ["    unit: USD per year", f"    date: {rng.randint(1985, 2015)}"]
        if k % 5 == 0:
            out_lines.append("    status: disputed")
        out_lines.append("    evidence:")
        out_lines += cite(s["source"])

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
    return {"entities": len(ents), "relationships": written, "estimates": n_est, "sources": n_sources,
            "files": len(files) + 1, "yaml_bytes": total_bytes}


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
