"""YAML 1.1 pitfalls and errors placed where they are (issues 13 and 18), through the real ``kg validate``.

Each case is a folder of tests/fixtures/checker/yaml/ whose facts.yaml starts with
``# expect: LINE:COL: error: …`` lines: the errors it must give, in order (each a
prefix of the reported line, so PyYAML's own words are not pinned). Both readers
are run: the accelerated one (the default) and the pure one (``KG_SPEEDUPS=0``).
"""

import pytest

from conftest import FIXTURES, MINI_TEXTS, ROOT, read_strictly, run_kg

CASES_DIR = FIXTURES / "checker" / "yaml"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir())


def expected(case: str) -> list[str]:
    lines = (CASES_DIR / case / "facts.yaml").read_text().splitlines()
    prefix = f"tests/fixtures/checker/yaml/{case}/facts.yaml:"
    return [prefix + line[len("# expect: "):] for line in lines if line.startswith("# expect: ")]


def test_the_issue_cases_have_fixtures():
    assert set(CASES) >= {"leading-zero", "base-60", "yes-key", "yes-value", "yaml-1-2-directive", "set-tag",
                          "year-as-section", "nbsp-indentation", "unclosed-quote", "long-value"}


@pytest.mark.parametrize("speedups", ["1", "0"])
@pytest.mark.parametrize("case", CASES)
def test_each_pitfall_is_one_placed_error_with_a_hint(case, speedups):
    r = run_kg("validate", "--seeds", CASES_DIR / case, "--sources", MINI_TEXTS, cwd=ROOT,
               env={"KG_SPEEDUPS": speedups})
    assert r.returncode == 1 and "Traceback" not in r.stderr
    errors = [line for line in r.stderr.splitlines() if ": error: " in line]
    want = expected(case)
    assert len(errors) == len(want), r.stderr[:2000]
    for got, prefix in zip(errors, want):
        assert got.startswith(prefix), (got[:300], prefix)
    assert "hint: " in r.stderr
    assert max(map(len, r.stderr.splitlines())) < 1000  # a 100,000-character value is shortened


@pytest.mark.parametrize("text, meant", [
    ("value: 010000\n", "4096"), ("t: 1:20\n", "80"), ("a: yes\n", "true"), ("off: 1\n", "false"),
    ("%YAML 1.2\n---\na: on\n", "true"), ("a: !!set {x, y}\n", "set"),
])
def test_the_pure_reader_refuses_what_yaml_1_1_would_change(text, meant):
    data, problems = read_strictly(text)
    assert data is None and len(problems) == 1
    assert meant in problems[0].message and ("quote" in problems[0].hint or "list" in problems[0].hint)


@pytest.mark.parametrize("text", ["value: 010000\n", "t: 1:20\n", "a: yes\n", "off: 1\n", "%YAML 1.2\n---\na: on\n",
                                  "a: !!set {x, y}\n", "a:\n\u00a0 b: 1\n"])
def test_the_accelerated_reader_never_answers_for_a_pitfall(text):
    from graph.speedups.fastyaml import UNSURE, fast_load

    assert fast_load(text) is UNSURE


@pytest.mark.parametrize("text, value", [('value: "010000"\n', "010000"), ("t: '1:20'\n", "1:20"),
                                         ('a: "yes"\n', "yes"), ("value: 10000\n", 10000), ("a: true\n", True)])
def test_quoted_or_ordinary_values_are_read_as_written(text, value):
    data, problems = read_strictly(text)
    assert problems == [] and list(data.values()) == [value]


@pytest.mark.parametrize("speedups", ["1", "0"])
def test_a_file_yaml_cannot_read_is_one_error_not_one_per_reference(speedups):
    """An unclosed quote in sources.yaml, a missing ':' in people.yaml: two errors, at their places; the
    citations of the lost source and the statement about the lost person are consequences, not reported."""
    folder = FIXTURES / "root-cause"
    r = run_kg("validate", "--seeds", folder, "--sources", MINI_TEXTS, cwd=ROOT, env={"KG_SPEEDUPS": speedups})
    assert r.returncode == 1 and "Traceback" not in r.stderr
    errors = [line for line in r.stderr.splitlines() if ": error: " in line]
    assert [e.split(": error: ")[0] for e in errors] == ["tests/fixtures/root-cause/people.yaml:5:5",
                                                           "tests/fixtures/root-cause/sources.yaml:4:12"], r.stderr
    assert "quoted text is not closed" in errors[1]


@pytest.mark.parametrize("speedups", ["1", "0"])
def test_a_100000_character_key_is_placed_and_named_by_its_length(tmp_path, speedups):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "facts.yaml").write_text("sources:\n  - id: excerpt\n    title: Excerpt\n    " + "k" * 100_000
                                      + ": 1\n    file: ellis-excerpt.txt\n", encoding="utf-8")
    r = run_kg("validate", "--seeds", seeds, "--sources", MINI_TEXTS, env={"KG_SPEEDUPS": speedups})
    assert r.returncode == 1 and "Traceback" not in r.stderr
    [error] = [line for line in r.stderr.splitlines() if ": error: " in line]
    assert error.endswith("facts.yaml:4:5: error: a key of 100,000 characters: YAML reads at most 1,024 before "
                          "the ':'"), error
    assert "hint: " in r.stderr and max(map(len, r.stderr.splitlines())) < 300
