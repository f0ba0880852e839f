"""The shape of the code: imports point down the pipeline, and every piece stays small enough to read.

The pipeline, from the bottom: the base modules, the vocabulary, the fact files,
the builder, then what uses the built graph (exports, query, explorer), the
server, and the command line on top. A module may import from its own folder and
from any folder below it, never from one above (CONTRIBUTING.md draws it).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "graph"
LAYERS = [
    {"errors"},  # the exception hierarchy imports nothing from graph, so every base module may raise its errors
    {"problems", "dates", "resources", "project", "speedups"},
    {"vocab"},
    {"model"},
    {"facts"},
    {"builder"},
    {"exports"},
    {"query"},
    {"explorer"},
    {"authoring"},  # kg source add, suggest, diff: reads facts and the builder; the CLI calls it
    {"serve"},
    {"cli"},
    {"__main__"},
]
RANK = {part: i for i, layer in enumerate(LAYERS) for part in layer}
MAX_FUNCTION_LINES, MAX_MODULE_LINES, MAX_AVERAGE_COMPLEXITY = 60, 400, 3.5


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "_ontology" not in p.parts and "_queries" not in p.parts)


def part_of(module: str) -> str | None:
    """The pipeline folder (or base module) of a dotted module name under graph."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "graph" else None


def imported(tree: ast.AST) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            out.extend((node.lineno, alias.name) for alias in node.names)
    return out


def test_every_module_belongs_to_a_layer():
    parts = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in modules()} - {"__init__"}
    assert parts - set(RANK) == set()


def test_imports_point_down_the_pipeline():
    wrong = []
    for path in modules():
        here = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if here == "__init__":
            continue  # the package's front door re-exports build and check
        for line, module in imported(ast.parse(path.read_text(encoding="utf-8"))):
            there = part_of(module)
            if there is not None and there != here and RANK.get(there, 0) >= RANK[here]:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {here} imports {module}")
    assert wrong == []


def test_no_relative_imports():
    relative = [f"{p.relative_to(ROOT)}:{n.lineno}" for p in modules()
                for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
                if isinstance(n, ast.ImportFrom) and n.level]
    assert relative == []


def test_functions_and_modules_are_short():
    long = []
    for path in modules():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MAX_MODULE_LINES:
            long.append(f"{path.relative_to(ROOT)}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.name} is {length} lines")
    assert long == []


def test_average_complexity():
    radon = pytest.importorskip("radon.complexity")
    blocks = [b for p in modules() for b in radon.cc_visit(p.read_text(encoding="utf-8"))]
    average = sum(b.complexity for b in blocks) / len(blocks)
    worst = sorted(blocks, key=lambda b: -b.complexity)[:5]
    assert average <= MAX_AVERAGE_COMPLEXITY, (round(average, 2), [(b.name, b.complexity) for b in worst])
