"""The analysts' competency questions (../shared/competency_questions.yaml),
each answered by a SPARQL query in queries/ run on the built Peru graph."""

import re
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml

from conftest import ROOT
from graph.builder.rdf import Namespaces

QUESTIONS = ROOT.parent / "shared" / "competency_questions.yaml"
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]


def load_questions():
    if not QUESTIONS.exists():
        return []
    return yaml.safe_load(QUESTIONS.read_text())


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in text.lower() if not unicodedata.combining(c))


def as_iso(expected: str) -> str | None:
    """'February 2012' -> '2012-02'; ISO dates and years stay as they are."""
    m = re.fullmatch(r"([a-z]+) (\d{4})", fold(expected))
    if m and m[1] in MONTHS:
        return f"{m[2]}-{MONTHS.index(m[1]) + 1:02d}"
    return None


def answered(expected: str, rows: list[list[str]]) -> bool:
    """The expected answer is in a value, or (a descriptive phrase) all its words are in one row."""
    wanted = [fold(expected)] + ([as_iso(expected)] if as_iso(expected) else [])
    if any(w in fold(v) for w in wanted for row in rows for v in row):
        return True
    words = re.findall(r"[\w-]+", fold(expected))
    return any(all(w in fold(" ".join(row)) for w in words) for row in rows)


def expected_values(expected) -> list[str]:
    if isinstance(expected, dict):
        return [str(v) for v in expected.values()]
    return [str(v) for v in expected]


def query_file(cq_id: str) -> Path:
    found = sorted((ROOT / "queries").glob(f"{cq_id.lower()}-*.rq"))
    assert found, f"no query for {cq_id} in queries/"
    return found[0]


@pytest.fixture(scope="module")
def store(peru_kg):
    return peru_kg.store()


def test_the_questions_are_there():
    assert len(load_questions()) >= 10


@pytest.mark.parametrize("question", load_questions(), ids=lambda q: q["id"])
def test_each_question_is_answered_by_its_query(question, store):
    prefixes = "".join(f"PREFIX {k}: <{v}>\n" for k, v in Namespaces().prefixes().items())
    rows = list(store.query(prefixes + query_file(question["id"]).read_text()))
    values = [[t.value for t in row if t is not None] for row in rows]
    assert rows, f"{question['id']}: no rows"
    missing = [e for e in expected_values(question["expected"]) if not answered(e, values)]
    assert not missing, f"{question['id']} ({question['question']}): missing {missing} in {values}"


def test_time_changes_the_answer_sendero_in_1992_and_in_2014(peru_kg):
    """The state of Sendero Luminoso (leaders, size, areas) as of 1992 and as of 2014 differ."""
    from graph.builder.rdf import facts_to_triples
    from graph.builder.time import facts_as_of

    query = (ROOT / "queries" / "sendero-state-as-of.rq")
    prefixes = "".join(f"PREFIX {k}: <{v}>\n" for k, v in Namespaces().prefixes().items())

    def answer(year):
        store = ox.Store()
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in
                          facts_to_triples(facts_as_of(peru_kg.facts, year)))
        return {tuple(t.value if t else "" for t in row) for row in store.query(prefixes + query.read_text())}

    in_1992, in_2014 = answer(1992), answer(2014)
    assert in_1992 and in_2014 and in_1992 != in_2014
    leaders_1992 = {r[1] for r in in_1992 if r[0] == "leader"}
    leaders_2014 = {r[1] for r in in_2014 if r[0] == "leader"}
    assert "Abimael Guzman" in leaders_1992 and "Abimael Guzman" not in leaders_2014
