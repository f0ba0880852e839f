"""Small parts: dates, quote matching, the strict YAML reader, suggestions."""

import datetime

import pytest

from graph.dates import PartialDate, parse_date
from graph.problems import suggest
from graph.facts.quotes import SourceTexts, normalise
from graph.facts.yamlfile import read_yaml_text


@pytest.mark.parametrize("raw, expected", [
    (1992, PartialDate(1992)), ("1992", PartialDate(1992)), ("2012-02", PartialDate(2012, 2)),
    ("1980-05-17", PartialDate(1980, 5, 17)), (datetime.date(1980, 5, 17), PartialDate(1980, 5, 17)),
])
def test_dates_parse_year_month_day_whatever_yaml_gives(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["1992-13", "2015-02-30", "92", "May 1992", "", True, 3.5, "1992-4"])
def test_impossible_or_malformed_dates_are_refused(raw):
    with pytest.raises(ValueError):
        parse_date(raw)


def test_xsd_types_follow_precision():
    assert parse_date(1992).xsd_type.endswith("gYear")
    assert parse_date("1992-04").xsd_type.endswith("gYearMonth")
    assert parse_date("1992-04-05").xsd_type.endswith("#date")


def test_quotes_tolerate_layout_and_ocr_noise_but_not_other_words():
    text = "Fujimori's  autogoipe  of  April\n5,  1992  ended  demo-\ncracy in Perú"
    texts = SourceTexts.from_strings({"d": text})
    assert texts.find("d", "Fujimori's autogoipe of April 5, 1992")  # white space
    assert texts.find("d", "ended democracy in Peru")                 # hyphenation, accents
    assert texts.find("d", "Fujimori’s autogolpe of April 5, 1992")   # OCR letter, curly quote
    assert not texts.find("d", "Fujimori dissolved Congress")
    assert not texts.find("d", "")


def test_normalise_drops_markup_and_punctuation():
    assert normalise("Sendero<sup>8</sup> Luminoso, “SL”") == "sendero8luminososl"


def test_duplicate_keys_are_errors_naming_both_lines():
    _, problems = read_yaml_text("f.yaml", "actors:\n  - id: a\n    aliases: [x]\n    aliases: [y]\n")
    assert problems[0].line == 4 and "first at line 3" in problems[0].message


@pytest.mark.parametrize("text, words", [
    ("a: &x [1]\nb: *x\n", "aliases"),
    ("a: !!python/object/apply:os.system ['echo hi']\n", "constructor"),
    ("a: [1, 2\n", "expected"),
])
def test_hostile_or_broken_yaml_is_refused_with_a_position(text, words):
    data, problems = read_yaml_text("f.yaml", text)
    assert data is None and words in problems[0].message and problems[0].line


def test_suggestions_prefer_a_shared_stem():
    assert suggest("leads", ["aids", "leader_of", "led_by"]) == "did you mean 'leader_of'?"
    assert suggest("aliasses", ["aliases", "name"]) == "did you mean 'aliases'?"
    assert suggest("zzz", ["aliases"]) is None


def test_kg_speedups_0_leaves_the_garbage_collector_running(monkeypatch):
    import gc

    from graph.speedups.gc import gc_paused

    monkeypatch.setenv("KG_SPEEDUPS", "0")
    with gc_paused():
        assert gc.isenabled()
    monkeypatch.setenv("KG_SPEEDUPS", "1")
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_freezes_only_for_the_kg_program(monkeypatch):
    """Frozen objects are never collected, so only the ``kg`` program (``freeze_on_restart``) freezes."""
    import gc

    from graph.speedups import gc as paused

    monkeypatch.setenv("KG_SPEEDUPS", "1")
    before = gc.get_freeze_count()
    with paused.gc_paused():
        pass
    assert gc.get_freeze_count() == before
    monkeypatch.setitem(paused._FREEZE, "on restart", True)
    try:
        with paused.gc_paused():
            pass
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
