"""The record checks the fact schema names (``checks:``): rules over several fields of one entry.

Each takes the file reader (to report with), the entry's key path, the entry as written and the
values read from it; it returns False when the entry cannot be used.

>>> sorted(RECORD_CHECKS)
['amount', 'period', 'qualifier', 'quote_length']
"""

from __future__ import annotations

from graph.vocab.schema import load_schema
from graph.vocab.terms import DISPUTES

SCHEMA = load_schema()
MAX_QUOTE, QUALIFIERS = SCHEMA.max_quote, SCHEMA.qualifiers


def _check_period(reader, path: tuple, item: dict, v: dict) -> bool:
    """A point in time or a period, not both; a period ends no earlier than it starts."""
    _date_and_period(reader, path, v)
    _end_before_start(reader, path, v)
    return True


def _date_and_period(reader, path: tuple, v: dict) -> None:
    """Report an entry that gives both a date and a start or end."""
    if "date" in v and v.keys() & {"start", "end"}:
        reader.problem(path + ("date",), "give either 'date' or 'start'/'end', not both",
                       "'date' is a point in time; 'start' and 'end' bound a period")


def _end_before_start(reader, path: tuple, v: dict) -> None:
    """Report a period whose end is before its start."""
    start, end = v.get("start"), v.get("end")
    if start and end and end.last_day() < start.first_day():
        reader.problem(path + ("end",), f"end {end} is before start {start}",
                       "check both dates against the source; are they swapped?")


def _check_amount(reader, path: tuple, item: dict, v: dict) -> bool:
    """An estimate gives a value or a range; False when it gives neither."""
    if not v.keys() & {"value", "min", "max"}:
        if not item.keys() & {"value", "min", "max"}:  # else already reported
            reader.problem(path, "an estimate needs 'value', or 'min' and/or 'max'")
        return False
    _value_and_range(reader, path, v)
    _max_below_min(reader, path, v)
    return True


def _value_and_range(reader, path: tuple, v: dict) -> None:
    """Report an estimate that gives both a value and a range."""
    if "value" in v and v.keys() & {"min", "max"}:
        reader.problem(path + ("value",), "give either 'value' or a 'min'/'max' range, not both")


def _max_below_min(reader, path: tuple, v: dict) -> None:
    """Report a range whose max is below its min."""
    if v.keys() >= {"min", "max"} and v["min"] > v["max"]:
        reader.problem(path + ("max",), f"max {v['max']} is below min {v['min']}", "are they swapped?")


def _check_quote_length(reader, path: tuple, item: dict, v: dict) -> bool:
    """A quote is at most the schema's ``max_quote`` characters; False when it is longer."""
    if len(v["quote"]) <= MAX_QUOTE:
        return True
    reader.problem(path + ("quote",), f"quote is {len(v['quote']):,} characters long, "
                   f"over the {MAX_QUOTE:,} allowed", "quote the words the fact rests on, "
                   "a sentence or two; cite more places for more")
    return False


def _check_qualifier(reader, path: tuple, item: dict, v: dict) -> bool:
    """A disputed detail says what the citation gives instead; ``says`` belongs to a ``qualifier``."""
    if "says" in v and "qualifier" not in item:
        reader.problem(path + ("says",), "'says' gives the value of a 'qualifier', and there is none",
                       f"add 'qualifier:' ({', '.join(QUALIFIERS)}) or leave 'says' out")
    elif _disputes_unsaid(item, v):
        reader.problem(path + ("qualifier",), f"a citation disputing the {v['qualifier']} must say what it gives instead",
                       "add 'says:' with the value the document gives, e.g. says: \"2012\"")
    return True


def _disputes_unsaid(item: dict, v: dict) -> bool:
    """Whether the citation disputes a qualified detail without saying what it gives instead."""
    return "qualifier" in v and v.get("stance") == DISPUTES and "says" not in item


RECORD_CHECKS = {"period": _check_period, "amount": _check_amount, "quote_length": _check_quote_length,
                 "qualifier": _check_qualifier}
