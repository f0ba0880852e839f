"""Property-based tests (issue #8): whatever the fact files say, the validator answers.

Random fact files, random text and bytes, and random mutations of the real
seeds and of ``tests/fixtures/mini`` go through :func:`graph.facts.validate.check`
in-process. It must never raise; every error it reports names a file and a
line; and what it accepts must build (RDF triples and the NetworkX graph).

Sizes are kept so that the whole module runs in well under a minute.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINI, MINI_TEXTS, ROOT, same_data, read_strictly
from graph.facts.load import CITATION_FIELDS, ENTITY_FIELDS, ESTIMATE_FIELDS, EVENT_FIELDS, RELATIONSHIP_FIELDS, SECTIONS
from graph.vocab.ontology import load_ontology
from graph.facts.validate import check

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SCALE = float(os.environ.get("KG_PROPERTY_SCALE", "1"))  # e.g. 20 for a long bug hunt; CI runs 1


def examples(n: int) -> int:
    return max(1, int(n * SCALE))
ONTO = load_ontology()
SEED_FILES = sorted((ROOT / "seeds").glob("*.yaml"))


def assert_answers(folder: Path, texts: list[Path] | None = None, *, quotes: bool = True, builds: bool = True):
    """``check`` returns (never raises); each error has a file in ``folder`` and a line."""
    facts, report = check(folder, texts if texts is not None else [MINI_TEXTS], quotes=quotes)
    names = {str(p) for p in folder.rglob("*")} | {str(folder)}
    for p in report.errors:
        assert p.file, p
        assert p.line is not None and p.line >= 1 and (p.col or 1) >= 1, p.format()
        assert str((Path.cwd() / p.file).resolve()) in {str(Path(n).resolve()) for n in names}, p.format()
        shown = p.format()  # one line (and a hint), nothing a terminal would act on
        assert shown.count("\n") <= 1 and all(ch.isprintable() or ch == "\n" for ch in shown), repr(shown)
    if builds and not report.errors:
        from graph.builder.network import facts_to_networkx
        from graph.builder.rdf import facts_to_triples

        facts_to_triples(facts, "https://w3id.org/peru-nexus/")
        facts_to_networkx(facts, "https://w3id.org/peru-nexus/")
    return report


# --- random fact files -------------------------------------------------------

IDS = ["abimael-guzman", "sendero-luminoso", "ayacucho", "peru", "excerpt", "cocaine-trade", "x", "Bad Id", ""]
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**20), st.floats(allow_nan=True),
                   TEXT, st.sampled_from(IDS), st.sampled_from(["1992", "1992-04", "1992-13", "1992-02-30", "May"]),
                   st.dates())
VALUE = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                     max_leaves=6)


def field_value(kind_choices: list[str]):
    return st.one_of(VALUE, st.sampled_from(kind_choices))


@st.composite
def citation(draw):
    keys = draw(st.lists(st.sampled_from(list(CITATION_FIELDS) + ["qoute"]), max_size=6, unique=True))
    good = {"source": "excerpt", "locator": "para. 1", "quote": "Sendero Luminoso was formed in the 1960s",
            "by": "abimael-guzman", "stance": "disputes", "note": "n"}
    return {k: draw(st.one_of(st.just(good.get(k, "x")), VALUE)) for k in keys}


@st.composite
def entry(draw, section: str):
    spec = {"relationships": RELATIONSHIP_FIELDS, "estimates": ESTIMATE_FIELDS, "events": EVENT_FIELDS,
            "sources": {"id": 0, "title": 0, "file": 0, "date": 0}}.get(section, ENTITY_FIELDS)
    keys = draw(st.lists(st.sampled_from(list(spec) + ["aliasses"]), min_size=1, max_size=len(spec) + 1,
                         unique=True))
    good = {"id": draw(st.sampled_from(IDS)), "type": draw(st.sampled_from(sorted(ONTO.parents) + ["Nope"])),
            "predicate": draw(st.sampled_from(sorted(ONTO.predicates) + ["leads"])),
            "subject": draw(st.sampled_from(IDS)), "object": draw(st.sampled_from(IDS)),
            "place": draw(st.sampled_from(IDS)), "name": "A name", "description": "A description.",
            "aliases": ["An alias"], "participants": draw(st.lists(st.sampled_from(IDS), max_size=3)),
            "date": draw(st.sampled_from([1992, "1992-04", "2015-02-30", 80])), "start": 1990, "end": 1980,
            "title": "T", "file": draw(st.sampled_from(["ellis-excerpt.txt", "../../etc/passwd", "nope.txt"])),
            "measure": "members", "value": 5, "min": 9, "max": 3, "unit": "people", "status": "disputed"}
    out = {}
    for k in keys:
        if k == "evidence":
            out[k] = draw(st.one_of(st.lists(citation(), max_size=2), VALUE))
        else:
            out[k] = draw(st.one_of(st.just(good.get(k, "x")), VALUE))
    return out


@st.composite
def fact_file(draw):
    sections = draw(st.lists(st.sampled_from(list(SECTIONS) + ["actor"]), max_size=4, unique=True))
    return {s: draw(st.one_of(st.lists(entry(s), max_size=3), VALUE)) for s in sections}


@settings(max_examples=examples(120), **SETTINGS)
@given(st.lists(fact_file(), min_size=1, max_size=3))
def test_random_fact_files(files):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i, data in enumerate(files):
            (folder / f"f{i}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        assert_answers(folder)


# --- random text and bytes -----------------------------------------------------

YAMLISH = st.text(alphabet=st.sampled_from(list("abc -:#[]{},&*!|>'\"\\\n\t?%@`~.0129") + ["\r", "\ufeff", "\x00",
                                                                                            "\u2028", "é", "\x85"]),
                  max_size=200)


@settings(max_examples=examples(250), **SETTINGS)
@given(st.one_of(YAMLISH, st.text(max_size=200)))
def test_random_text(text):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "facts.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        assert_answers(folder)


@settings(max_examples=examples(100), **SETTINGS)
@given(st.binary(max_size=300))
def test_random_bytes(data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "facts.yaml").write_bytes(data)
        assert_answers(folder)


# --- mutations of real fact files ----------------------------------------------

SPECIAL = [":", ": ", "-", "- ", "[", "]", "{", "}", ",", "'", '"', "\t", "&a ", "*a", "!!python/name:os.system ",
           "#", "|", ">", "?", "\x00", "\ufeff", "\u2028", "\\", "<<: ", "---\n", "\n", "  ", "é", "1980-02-30",
           "leader_of", "sendero-luminoso", "Person", "evidence: []", "aliasses: "]


@st.composite
def mutations(draw, text: str):
    """A few random edits of ``text``: characters, lines, indentation, tokens."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "delete", "dup-line", "del-line", "swap-lines", "indent",
                                     "dedent", "replace-token"]))
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        line = lines[i]
        if kind == "insert":
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(st.sampled_from(SPECIAL) | TEXT) + line[at:]
        elif kind == "delete" and line:
            a = draw(st.integers(0, len(line) - 1))
            lines[i] = line[:a] + line[a + draw(st.integers(1, 8)):]
        elif kind == "dup-line":
            lines.insert(i, line)
        elif kind == "del-line" and len(lines) > 1:
            del lines[i]
        elif kind == "swap-lines":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + line
        elif kind == "dedent":
            lines[i] = line.lstrip(" ")
        elif kind == "replace-token":
            words = line.split(" ")
            if words:
                words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(SPECIAL))
                lines[i] = " ".join(words)
    return "\n".join(lines)


@st.composite
def mutated_seed(draw):
    path = draw(st.sampled_from(SEED_FILES))
    text = path.read_text(encoding="utf-8")
    # work on a window of the file, so edits land anywhere in it, not only near the top
    lines = text.split("\n")
    start = draw(st.integers(0, max(len(lines) - 60, 0)))
    window = "\n".join(lines[start:start + 60])
    changed = draw(mutations(window))
    return path.name, "\n".join(lines[:start] + [changed] + lines[start + 60:])


@pytest.fixture(scope="module")
def seeds_copy():
    tmp = Path(tempfile.mkdtemp(prefix="seeds-copy-"))
    for f in SEED_FILES:
        shutil.copy(f, tmp / f.name)
    yield tmp
    shutil.rmtree(tmp)


@settings(max_examples=examples(15), **SETTINGS)
@given(mutated_seed())
def test_mutations_of_the_real_seeds(seeds_copy, case):
    name, text = case
    original = (seeds_copy / name).read_bytes()
    try:
        (seeds_copy / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        assert_answers(seeds_copy, [ROOT / "seeds" / "texts", ROOT.parent / "shared" / "sources"], builds=False)
    finally:
        (seeds_copy / name).write_bytes(original)


@st.composite
def mutated_mini(draw):
    return draw(mutations((MINI / "facts.yaml").read_text(encoding="utf-8")))


@settings(max_examples=examples(150), **SETTINGS)
@given(mutated_mini())
def test_mutations_of_the_mini_fixture(text):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(MINI / "sources.yaml", folder / "sources.yaml")
        (folder / "facts.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        assert_answers(folder)


def test_the_unmutated_inputs_are_accepted():
    """The properties are not vacuous: the real seeds and the mini fixture pass as they are."""
    assert not check(ROOT / "seeds")[1].errors
    assert not check(MINI)[1].errors


# --- the fast YAML path never lets through what the strict reader refuses ---------


@settings(max_examples=examples(300), **SETTINGS)
@given(st.one_of(YAMLISH, mutated_mini()))
def test_the_fast_path_agrees_with_the_strict_reader_on_hostile_text(text):
    """Anchors, tags, tabs, odd characters, broken structure: the fast path is unsure, or exactly right."""
    from graph.speedups.fastyaml import AVAILABLE, UNSURE, fast_load

    if not AVAILABLE:
        pytest.skip("no fast path")
    fast = fast_load(text)
    if fast is UNSURE:
        return
    data, problems = read_strictly(text)
    assert not problems, (text, [p.format() for p in problems])
    assert same_data(fast, data), (text, fast, data)
