"""The fast YAML path gives exactly what the strict reader gives, or stands aside."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, same_data, read_strictly
from graph.speedups.fastyaml import AVAILABLE, UNSURE, fast_load

pytestmark = pytest.mark.skipif(not AVAILABLE, reason="yaml-rs is not installed: everything is read strictly")




def agrees(text: str) -> bool:
    """The fast path is unsure, or gives the strict reader's data for a file with no problems."""
    fast = fast_load(text)
    if fast is UNSURE:
        return True
    data, problems = read_strictly(text)
    assert not problems, (text, problems)
    assert same_data(fast, data), (text, fast, data)
    return True


def test_every_fact_file_of_the_project_reads_the_same():
    files = sorted(p for p in ROOT.rglob("*.y*ml") if ".git" not in p.parts)
    fast = 0
    for p in files:
        try:
            text = p.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
        assert agrees(text), p
        fast += fast_load(text) is not UNSURE
    assert fast >= 5  # the fast path is really taken


def test_synthetic_benchmark_files_take_the_fast_path(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    generate(tmp_path, entities=200)
    for p in sorted(tmp_path.glob("*.yaml")):
        text = p.read_text(encoding="utf-8")
        assert fast_load(text) is not UNSURE, p
        assert agrees(text)


SCALARS = [
    "yes", "No", "ON", "off", "y", "n", "true", "False", "TRUE", "null", "Null", "~", "", "=", "<<",
    "012", "0o17", "08", "0x1F", "-0x1F", "0b101", "1_000", "1:20", "-1:20", "190:20:30", "1e5", "1.5e3",
    "1.5e+3", "1.5E-3", "_0", "-_1", "__0", "_1.5", "1._5", "+.5", "-.5", ".5", "1.", ".inf", "-.Inf", ".NaN", "-.nan", "+12", "-0", "0",
    "00", "1992", "2012-02", "1992-02-28", "1992-2-28", "1980-02-30", "2001-12-14t21:59:43.10-05:00",
    "1992-02-28 10:00:00", "1992-02-28T10:00", "99999999999999999999999", "3.14", "1,000", "69,000 lives",
    "a: b", "a #b", "x#y", "!tag", "&a", "*a", "%x", "@x", "`x", "? x", "- x", "[a]", "{a: 1}",
    "'q'", '"q"', "it's", "tab\there", "cr\rhere", "\x07bell", "\ufeffbom", "é", "\u2028", "\x85",
    "Comrade Artemio", "doc-00001", "000_8e10d33694230ff5.txt", "Sendero Luminoso (SL)",
]
TEMPLATES = ["a: {s}\n", "- {s}\n", "[{s}]\n", "{s}: x\n", "a: [x, {s}]\n", "a:\n  - {s}\n  - z\n",
             "a: {{k: {s}}}\n", "a: '{s}'\n", 'a: "{s}"\n', "a: >-\n  {s}\n  more\n", "a: |\n  {s}\n",
             "a: x\n  {s}\n", "a: x {s}\n", "- a: >-\n    {s}\n\n    {s}\n  b: |\n   {s}\n    {s}\n",
             "a: {s}\n  {s}\nb: >\n  x\n   {s}\n  {s}\n", "- |\n {s}\n- >-\n  {s}\n\n\n"]


@pytest.mark.parametrize("template", TEMPLATES)
def test_tricky_scalars_agree_or_stand_aside(template):
    for s in SCALARS:
        agrees(template.format(s=s))


def test_what_must_stand_aside_does():
    for text in ("on: yes\n", "a: 012\n", "a: 1e5\n", "a: &x 1\nb: *x\n", "a: !t x\n", "a: 1\na: 2\n",
                 "---\na: 1\n---\nb: 2\n", "<<: {b: 1}\n", "a: 1992-02-28 10:00:00\n", "a: |\n  1992-02-28\n", "a:\tx\n",
                 "a: +.5\n", "? [a]\n: 1\n",
                 # keys the strict reader calls duplicates by their text, or Python folds together
                 '1: a\n"1": b\n', "1: a\n+1: b\n", "true: a\nTrue: b\n", "1.0: a\n1: b\n", 'a: 1\n"a": 2\n', "a: 1980-02-30\n", "a: 1:20\n", "a: =\n"):
        assert fast_load(text) is UNSURE, text
    deep = "a: " + "[" * 100 + "]" * 100
    assert fast_load(deep) is UNSURE
    assert fast_load("a: " + "x" * 5000 + "\n") is UNSURE  # past the line bound: the strict reader decides


def test_every_seed_file_takes_the_fast_path():
    for p in sorted((ROOT / "seeds").glob("*.yaml")):
        text = p.read_text(encoding="utf-8")
        assert fast_load(text) is not UNSURE, p
        assert agrees(text)


QUOTED_DATES = ["a: '1992-02-28'\n", "a: '1992-02-28'\nb: 1992-02-28\n", 'a: [1992-02-28, "1992-02-28"]\n',
                "a: 'on 1992-02-28'\nb: 1992-02-28\nc: '1992-02-28'\n", "- says: '20'\n  n: 20\n", "a: '-7'\n",
                "a: x 1992-02-28 y\nb: 1992-02-28\n", 'a: "x 1992-02-28"\nb: [1992-02-28, "1992-02-28"]\n',
                "a: 11992-02-28\nb: 1992-02-281\nc: 1992-02-28\n", "- {d: 1992-02-28, e: '1992-02-28'}\n"]
TEXT_NOT_NODE = ["a: deaths per 1,000\n", "a: 1,000,000 soles\n", 'a: "Report, *Final* draft"\n',
                 "a: x, *y*, z\n", "- note: 'x, *y*'\n  n: 1,000\n", 'a: {note: "is US$152,000,000"}\n']
NODE_NOT_TEXT = ["a: [1,000]\n", "a: [1,012]\nb: 1,012\n", 'a: "1,0\\x312"\nb: [1,012]\n', "a: [x, *y]\n",
                 "a: &y 1\nb: [x, *y]\n", "a: 1992-02-28 # 1992-02-28\n", 'a: "1992-02-\\x328"\n',
                 'a: "1992-02-\\\n  28"\n', "a: x, *y*\nb: [*y*]\n"]


@pytest.mark.parametrize("text", QUOTED_DATES + TEXT_NOT_NODE)
def test_quoted_dates_and_numbers_and_stars_in_text_come_through_as_the_strict_reader_reads_them(text):
    assert fast_load(text) is not UNSURE, text
    assert agrees(text)


@pytest.mark.parametrize("text", NODE_NOT_TEXT)
def test_a_star_or_number_that_may_be_a_node_or_a_made_date_stands_aside(text):
    assert fast_load(text) is UNSURE, text
    assert agrees(text)


@pytest.mark.parametrize("digits", ["0", "20", "-20", "+20", "007", "123456789012345678"])
def test_yaml_rs_reads_unquoted_digits_as_a_number(digits):
    import yaml_rs  # what graph.speedups.fastyaml._QUOTED_DIGITS counts on

    assert type(yaml_rs.loads(f"a: {digits}\n", parse_datetime=False)["a"]) is int


def test_plain_values_come_through():
    assert fast_load("a: 1992-02-28\nb: 12\nc: 1.5\nd: [x, y]\ne: true\n") == {
        "a": datetime.date(1992, 2, 28), "b": 12, "c": 1.5, "d": ["x", "y"], "e": True}


_TOKEN = st.text(alphabet="0123456789+-._:eExXoObBytnNTFf~ aA#,'\"!&*[]{}?<=%@`\\\t", min_size=0, max_size=8)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(st.lists(_TOKEN, min_size=1, max_size=4), st.sampled_from(TEMPLATES))
def test_random_tokens_agree_or_stand_aside(tokens, template):
    agrees(template.format(s=" ".join(tokens)))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
                    | st.dates(), lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=6), c, max_size=3),
                    max_leaves=12),
       st.sampled_from([None, True, False]), st.sampled_from([None, "'", '"', "|", ">"]))
def test_dumped_data_agrees_or_stands_aside(data, flow, style):
    import yaml

    try:
        text = yaml.safe_dump({"k": data}, default_flow_style=flow, default_style=style, allow_unicode=True)
    except yaml.YAMLError:
        return
    agrees(text)


def test_kg_speedups_0_leaves_the_fast_path_out(monkeypatch):
    import graph.facts.yamlfile as yamlfile

    asked = []
    monkeypatch.setattr(yamlfile, "fast_load", lambda *a, **k: asked.append(a) or UNSURE)
    monkeypatch.setenv("KG_SPEEDUPS", "0")
    assert yamlfile.read_yaml_text("x.yaml", "a: 1\n") == ({"a": 1}, []) and not asked
    monkeypatch.setenv("KG_SPEEDUPS", "1")
    assert yamlfile.read_yaml_text("x.yaml", "a: 1\n") == ({"a": 1}, []) and asked


def test_the_characters_that_send_a_file_to_the_strict_reader_are_the_complement_of_what_it_takes():
    import re

    from graph.speedups.fastyaml import _BAD_CHAR

    taken = re.compile("[\n -~\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
    assert all(bool(_BAD_CHAR.match(c)) != bool(taken.match(c)) for c in map(chr, range(0x110000)))


def test_an_odd_character_is_found_in_the_bytes_where_the_pattern_finds_it():
    from graph.speedups.fastyaml import _BAD_CHAR, _odd_character

    for c in map(chr, range(0x110000)):
        for text in (c, f"é: {c}\n"):  # ASCII or not
            assert _odd_character(text) == (_BAD_CHAR.search(text) is not None), hex(ord(c))


@given(st.lists(st.sampled_from([0, 1, 999, 1000, 1001, 1999, 2000, 2001, 4001]), min_size=1, max_size=6),
       st.integers(0, 2), st.booleans())
def test_a_long_line_is_found_by_blocks_as_by_cutting_the_text_into_lines(lengths, before, after):
    from graph.speedups.fastyaml import _MAX_LINE, _long_line

    text = "\n" * before + "\n".join("x" * n for n in lengths) + "\n" * after
    assert _long_line(text) == (max(map(len, text.split("\n"))) > _MAX_LINE)


@given(st.text(alphabet="[]{}: \nab:", max_size=30), st.integers(0, 1100))
def test_a_colon_in_a_flow_collection_is_found_as_the_pattern_finds_it(text, colons):
    from graph.speedups.fastyaml import _FLOW_COLON, _flow_colon

    for written in (text, "a:b " * colons + text):  # few bare colons, and past a thousand
        assert _flow_colon(written) == (("[" in written or "{" in written) and bool(_FLOW_COLON.search(written)))
