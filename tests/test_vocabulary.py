"""The vocabulary lives in ontology/: Python names none of it, and a new type needs no Python.

- No module of graph/ writes an ontology class, relationship type, section,
  stance, status or modality as a string literal, except graph/vocab/terms.py, whose
  names must all be defined by the ontology or the fact schema.
- The recipe: a new relationship type and a new top class with its own section,
  added to a copy's ontology/ alone, give seeds that validate and build.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from conftest import ROOT
from graph.vocab import terms
from graph.vocab.ontology import DEFAULT_BASE as BASE, load_ontology
from graph.vocab.schema import load_schema

GRAPH = ROOT / "graph"
TERMS = GRAPH / "vocab" / "terms.py"
MODULES = sorted(p.relative_to(ROOT).as_posix() for p in GRAPH.rglob("*.py") if p != TERMS)

# Modules other engineers of issue 12 are cleaning on their own branches at the same time;
# once their branches are merged this set should be empty (an xpass says it may shrink).
PENDING: set[str] = set()  # modules still being cleaned (none)


def vocabulary() -> set[str]:
    onto, schema = load_ontology(), load_schema()
    return (set(onto.parents) | set(onto.predicates) | set(onto.sections) | set(schema.stances)
            | set(schema.statuses) | set(schema.modalities))


def literals(path: Path) -> list[tuple[int, str]]:
    """Every string constant of a module, with its line (docstrings included: they are text)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(n.lineno, n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


@pytest.mark.parametrize("module", [pytest.param(m, marks=pytest.mark.xfail(reason="being cleaned on another branch",
                                                                             strict=False))
                                    if m in PENDING else m for m in MODULES])
def test_no_module_names_the_vocabulary_as_a_literal(module):
    names = vocabulary()
    found = [f"{module}:{line}: {value!r}" for line, value in literals(ROOT / module) if value in names]
    assert not found, "import it from graph.vocab.terms or read it from the ontology:\n" + "\n".join(found)


def test_every_name_in_terms_is_defined_by_the_ontology_or_the_schema():
    onto, schema = load_ontology(), load_schema()
    own_terms = {t.subject.value[len(onto.vocab):] for t in onto.triples if t.subject.value.startswith(onto.vocab)}
    defined = own_terms | set(schema.stances) | set(schema.statuses) | set(schema.modalities)
    names = {k: v for k, v in vars(terms).items() if k.isupper() and isinstance(v, str)}
    assert names and not {k: v for k, v in names.items() if v not in defined}


def test_the_sections_come_from_the_ontology():
    from graph.facts.load import SECTIONS

    onto = load_ontology()
    assert set(onto.sections) <= set(SECTIONS)
    assert set(SECTIONS) - set(onto.sections) == {r.section for r in load_schema().records.values() if r.section}


# --- the recipe ------------------------------------------------------------------------------

NEW_TYPES = """
nx:Commodity a owl:Class ;
    rdfs:label "commodity"@en ;
    rdfs:comment "A good that is traded: a drug, a mineral, timber."@en ;
    nx:section "commodities" ;
    rdfs:subClassOf nx:Entity .

nx:Precursor a owl:Class ; rdfs:subClassOf nx:Commodity ;
    rdfs:label "precursor chemical"@en ;
    rdfs:comment "A chemical needed to make a drug."@en .

nx:traffics a owl:ObjectProperty ; rdfs:subPropertyOf nx:related_to ;
    rdfs:label "traffics"@en ;
    rdfs:comment "Moves or sells a commodity illegally."@en ;
    schema:domainIncludes nx:Agent ;
    schema:rangeIncludes nx:Commodity ;
    owl:inverseOf nx:trafficked_by .

nx:trafficked_by a owl:ObjectProperty ; rdfs:label "trafficked by"@en ;
    rdfs:comment "Is moved or sold illegally by."@en .
"""

TEXT = "The clan moved kerosene and other precursor chemicals into the valley for the laboratories.\n"

SEEDS = {
    "sources.yaml": """sources:
  - id: report
    title: A report
    date: 2015
    file: report.txt
""",
    "facts.yaml": """groups:
  - id: the-clan
    type: TraffickingClan
    name: The Clan
    description: A family clan.
    evidence:
      - {source: report, locator: p. 1, quote: The clan moved kerosene}
commodities:
  - id: kerosene
    type: Precursor
    name: Kerosene
    description: A precursor chemical of cocaine.
    evidence:
      - {source: report, locator: p. 1, quote: kerosene and other precursor chemicals}
relationships:
  - subject: kerosene
    predicate: trafficked_by
    object: the-clan
    evidence:
      - {source: report, locator: p. 1, quote: The clan moved kerosene and other precursor chemicals}
""",
}


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """graph/ (its data links kept as links), ontology/ and queries/, with the new types in ontology/ only."""
    root = tmp_path_factory.mktemp("recipe")
    shutil.copytree(GRAPH, root / "graph", symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    for folder in ("ontology", "queries"):
        shutil.copytree(ROOT / folder, root / folder)
    with open(root / "ontology" / "peru-nexus.ttl", "a", encoding="utf-8") as handle:
        handle.write(NEW_TYPES)
    seeds = root / "seeds"
    (seeds / "texts").mkdir(parents=True)
    (seeds / "texts" / "report.txt").write_text(TEXT)
    for name, text in SEEDS.items():
        (seeds / name).write_text(text)
    return root


def kg(copy: Path, *args) -> subprocess.CompletedProcess:
    # `python -m` puts the working directory (the copy) first on the path, before this checkout
    return subprocess.run([sys.executable, "-m", "graph", *args], cwd=copy, capture_output=True, text=True,
                          timeout=300)


def test_a_new_section_and_relationship_type_need_only_the_ontology(copy):
    assert (copy / "graph" / "_ontology").is_symlink()
    types = kg(copy, "types")
    assert types.returncode == 0, types.stderr
    assert "commodities: Commodity, Precursor" in types.stdout
    assert "traffics: Agent -> Commodity" in types.stdout
    checked = kg(copy, "validate")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = kg(copy, "build", "-q", "--out", "built")
    assert built.returncode == 0, built.stdout + built.stderr
    built_graph = rdflib.Graph().parse(copy / "built" / "peru-nexus.ttl")
    nx, ent = rdflib.Namespace(BASE + "ontology#"), rdflib.Namespace(BASE + "entity/")
    assert (ent["kerosene"], rdflib.RDF.type, nx.Precursor) in built_graph
    assert (nx.Precursor, rdflib.RDFS.subClassOf, nx.Commodity) in built_graph
    assert (ent["the-clan"], nx.traffics, ent["kerosene"]) in built_graph  # the inverse form, stored as primary


def test_the_copy_really_is_what_runs(copy):
    probe = subprocess.run(
        [sys.executable, "-c", "import graph; print(graph.__file__)"], cwd=copy, capture_output=True, text=True)
    assert Path(probe.stdout.strip()).resolve().is_relative_to(copy.resolve())
