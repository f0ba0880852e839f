"""Figures with units in a sentence: money, weights, areas, head counts, shares.

>>> [(f.value, f.unit, f.measure) for f in figures("exports more than 200 tons of cocaine, worth US$3.5bn")]
[(200, 'metric tons', 'tons'), (3500000000, 'USD', 'amount_usd')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
SCALE = r"(?:\s*(?:million|billion|bn|m|thousand)\b)?"
MONEY = re.compile(rf"(?:US\s?\$|\$)\s?(?P<n>{NUMBER})(?P<scale>{SCALE})")
COUNT = re.compile(rf"\b(?P<n>{NUMBER})(?P<scale>{SCALE})\s+(?P<unit>metric tons|tons|tonnes|hectares|members|"
                   rf"people|fighters|combatants|soldiers|troops|kilometers|kilometres|km|percent)\b|"
                   rf"\b(?P<pn>{NUMBER})\s?%")
SCALES = {"thousand": 1_000, "million": 1_000_000, "m": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000}
UNITS = {"tons": "metric tons", "tonnes": "metric tons", "metric tons": "metric tons", "kilometres": "kilometers",
         "km": "kilometers", "combatants": "fighters"}


@dataclass(frozen=True)
class Figure:
    value: int | float
    unit: str
    measure: str
    start: int
    end: int


def _number(text: str, scale: str) -> int | float:
    value = float(text.replace(",", ""))
    value *= SCALES.get(scale.strip().lower(), 1)
    return int(value) if value == int(value) else value


def figures(text: str) -> list[Figure]:
    """The figures of ``text`` in order of appearance."""
    out = [Figure(_number(m["n"], m["scale"]), "USD", "amount_usd", m.start(), m.end()) for m in MONEY.finditer(text)]
    for m in COUNT.finditer(text):
        if m["pn"]:
            out.append(Figure(_number(m["pn"], ""), "percent", "share_percent", m.start(), m.end()))
            continue
        unit = UNITS.get(m["unit"], m["unit"])
        out.append(Figure(_number(m["n"], m["scale"]), unit, unit.split()[-1].replace("percent", "share_percent"),
                          m.start(), m.end()))
    return sorted(out, key=lambda f: f.start)
