"""The cue words ``kg suggest`` marks: modality cues and attribution ("according to") cues.

They are read from ``ontology/cues.yaml``, the one cue list the checker also reads
(its ``modality_cues`` and ``attribution_cues``); a missing file means no cues.

>>> cues = load_cues()
>>> cues.modality("The group reportedly taxes the trade")
('hedged', 'reportedly')
>>> cues.attribution("According to the DEA, production rose")
'according to'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from graph.authoring.mentions import WORD, fold
from graph.resources import data_dir

CUES_FILE = data_dir("ontology") / "cues.yaml"


def _plain(text: str) -> str:
    return " " + " ".join(WORD.findall(fold(text))) + " "


@dataclass(frozen=True)
class Cues:
    modality_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    attribution_cues: tuple[str, ...] = ()
    stopwords: frozenset[str] = frozenset()

    def modality(self, text: str) -> tuple[str, str] | None:
        """``(modality, cue)`` of the first modality cue in ``text``, or None."""
        plain = _plain(text)
        return next(((modality, cue) for modality, cues in self.modality_cues.items()
                     for cue in cues if f" {cue} " in plain), None)

    def attribution(self, text: str) -> str | None:
        plain = _plain(text)
        return next((cue for cue in self.attribution_cues if f" {cue} " in plain), None)


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    if not CUES_FILE.is_file():
        return Cues()
    data = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8")) or {}
    return Cues({k: tuple(v) for k, v in (data.get("modality_cues") or {}).items()},
                tuple(data.get("attribution_cues") or ()), frozenset(data.get("stopwords") or ()))
