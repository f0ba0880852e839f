"""The facts of the explorer's page: what the dossier shows of each entity and statement, as plain data.

:func:`node_facts` and :func:`edge_facts` define one record; the page ships the records as columns
(:mod:`graph.explorer.columns`, from the same time and citation helpers here), and
tests/test_explorer_columns.py checks that the columns give back exactly these records.

Fields that say nothing (``None``, ``""``, ``[]``, ``{}``) are left out; the years each record holds come
from graph/builder/time.py (the one time rule), computed once per distinct set of dates.

>>> node_facts({"type": "Person", "label": "Abimael Guzman", "aliases": ["Gonzalo"]}, "abimael-guzman", 2)["aliases"]
['Gonzalo']
"""

from __future__ import annotations

from functools import lru_cache

from graph.builder.time import entity_years, estimate_years, is_lasting, statement_years
from graph.vocab.ontology import DEFAULT_BASE
from graph.vocab.schema import load_schema
from graph.vocab.terms import ASSERTED

DEFAULT_MODALITY = (load_schema().modalities or (ASSERTED,))[0]  # the schema's first: how a fact is held by default
UNTYPED = "Thing"  # the type shown for a node without one
CITATION_FIELDS = ("source", "locator", "quote", "by", "by_unnamed", "via", "qualifier", "says", "stance", "note",
                   "claimant", "claimant_kind")
DATE_FIELDS = ("date", "start", "end")
ESTIMATE_FIELDS = ("measure", "value", "min", "max", "unit", "status", "place", "modality", "date_inferred",
                   "disputed_qualifiers")
GEO_FIELDS = ("latitude", "longitude", "geo_approximate", "geonames")
EDGE_EXTRAS = ("date_inferred", "disputed_qualifiers")  # a statement's fields the dossier shows as they are


def _blank(v, empties: tuple = ("", [], {})) -> bool:
    """Whether a value says nothing: ``None`` or one of ``empties``."""
    return v is None or v in empties


def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if not _blank(v)}


CITATION_KEYS = frozenset(CITATION_FIELDS)


NOTHING = (None, "", [])  # what a citation's field holds when it says nothing (``in`` compares by ``==``)


def _citation(c: dict) -> dict:
    """A citation's fields that say something (``None``, ``""`` and ``[]`` left out)."""
    return {k: v for k, v in c.items() if k in CITATION_KEYS and v not in NOTHING}


def _citations(cs) -> list:
    """Each citation as :func:`_citation` gives it."""
    keys = CITATION_KEYS
    return [{k: v for k, v in c.items() if k in keys and v not in NOTHING} for c in cs or ()]


def _fields(d: dict, names: tuple) -> dict:
    """``names``' values in ``d`` (``None`` where missing), in that order."""
    return {k: d.get(k) for k in names}


def _put(out: dict, d: dict, names: tuple) -> dict:
    """``out`` with ``names``' values in ``d`` that say something (see :func:`_blank`) added."""
    for k in names:
        v = d.get(k)
        if v is not None and v != "" and v != [] and v != {}:
            out[k] = v
    return out


def when_text(d: dict, span: tuple, dated: str = "On ") -> str | None:
    """How the page words a node's or edge's time; ``span``, from graph/builder/time.py, says how long a date lasts.

    >>> when_text({"date": "2012-02"}, (2012, None)), when_text({"start": "1980"}, (1980, None))
    ('On 2012-02 (part of the record from then on)', 'From 1980')
    """
    if d.get("date") is not None:
        lasts = span[1] is None
        return f"{dated}{d['date']} " + ("(part of the record from then on)" if lasts
                                         else "(observed then: shown in that year only)")
    return _period_text(d.get("start"), d.get("end"))


def _period_text(start, end) -> str | None:
    """How a period is worded from its ``start`` and ``end`` (``None`` when it has neither)."""
    if start is None:
        return None if end is None else f"Until {end}"
    return f"From {start}" if end is None else f"From {start} to {end}"


def _time(d: dict, span: tuple, dated: str = "On ") -> dict:
    return {"span": list(span), "when": when_text(d, span, dated)}


def _dates(d: dict) -> dict:
    return {k: str(d[k]) for k in DATE_FIELDS if d.get(k) is not None}


def is_undated(d: dict) -> bool:
    """Whether a statement or estimate says nothing of its time (so it is not placed in any year).

    >>> is_undated({"predicate": "fights"}), is_undated({"start": "1980"})
    (True, False)
    """
    return all(d.get(k) is None for k in DATE_FIELDS)


def _undated(d: dict) -> bool:
    """The build's own ``undated`` flag (graph/builder/time.py's rule) where it gives one."""
    return bool(d["undated"]) if "undated" in d else is_undated(d)


def _estimate(e: dict) -> dict:
    return _clean({**_fields(e, ESTIMATE_FIELDS), **_time(e, estimate_years(e)),
                   "undated": _undated(e) or None,
                   "citations": _citations(e.get("citations"))})


def _estimates(d: dict) -> list:
    """An entity's estimates, each as the dossier shows it."""
    return [_estimate(e) for e in d.get("estimates") or ()]


def _type(d: dict) -> str:
    """An entity's type (``UNTYPED`` without one)."""
    return d.get("type") or UNTYPED


NODE_FIELDS = ("description", "modality", *GEO_FIELDS)  # an entity's fields the dossier shows as they are


def node_facts(d: dict, node: str, degree: int) -> dict:
    """What the dossier shows of an entity, with the years it holds (fields that say nothing left out).

    >>> node_facts({"type": "Event", "date": "1992-09", "aliases": [], "latitude": 0.0}, "capture", 0)
    {'type': 'Event', 'label': 'capture', 'degree': 0, 'latitude': 0.0, 'date': '1992-09', 'span': [1992, None], 'when': 'Date: 1992-09 (part of the record from then on)'}
    """
    get = d.get
    out = {"type": get("type") or UNTYPED, "label": str(get("label") or node), "degree": degree}
    if get("aliases"):
        out["aliases"] = list(d["aliases"])
    if get("citations"):
        out["citations"] = _citations(d["citations"])
    if get("estimates"):
        out["estimates"] = _estimates(d)
    _put(out, d, NODE_FIELDS)
    out.update(_entity_time(get("date"), get("start"), get("end")))
    return out


@lru_cache(maxsize=16384)
def _entity_time(date, start, end) -> dict:
    """An entity's dates (as text), ``span`` and ``when``, by graph/builder/time.py, once per distinct input."""
    d = {k: v for k, v in zip(DATE_FIELDS, (date, start, end)) if v is not None}
    return _clean({**_dates(d), **_time(d, entity_years(d), dated="Date: ")})


def edge_facts(u: str, v: str, d: dict, base: str = DEFAULT_BASE) -> dict:
    """What the dossier shows of a statement, with the years it holds.

    >>> edge_facts("a", "b", {"predicate": "leader_of", "start": "1980", "citations": [{"source": "s", "note": ""}]})
    {'from': 'a', 'to': 'b', 'predicate': 'leader_of', 'label': 'leader_of', 'status': 'asserted', 'citations': [{'source': 's'}], 'modality': 'asserted', 'start': '1980', 'span': [1980, None], 'when': 'From 1980'}
    """
    get = d.get
    predicate = get("predicate")
    out = {"from": u, "to": v}
    for k, value in (("predicate", predicate), ("label", get("label") or predicate),
                     ("status", get("status", ASSERTED)), ("place", get("place"))):
        if value is not None and value != "":
            out[k] = value
    if get("citations"):
        out["citations"] = _citations(d["citations"])
    out["modality"] = get("modality") or DEFAULT_MODALITY
    if _undated(d):
        out["undated"] = True
    _put(out, d, EDGE_EXTRAS)
    out.update(_statement_time(_lasting(d, base), get("date"), get("start"), get("end")))
    return out


def _lasting(d: dict, base: str) -> bool:
    """Whether a statement is a happening: the build's ``lasting`` flag, else its predicate's (graph/builder/time.py)."""
    lasting = d.get("lasting")
    return bool(is_lasting(d.get("predicate"), base) if lasting is None else lasting)


@lru_cache(maxsize=65536)
def _statement_time(lasting: bool, date, start, end) -> dict:
    """A statement's dates (as text), ``span`` and ``when``, by graph/builder/time.py, once per distinct input
    (each row gets a copy; the ``span`` list they share is never changed)."""
    d = {k: v for k, v in zip(DATE_FIELDS, (date, start, end)) if v is not None}
    span = statement_years({**d, "lasting": lasting})
    return {**{k: str(v) for k, v in d.items()}, **_time(d, span)}
