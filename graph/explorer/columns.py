"""The explorer's nodes and edges as columns, built from the graph (issue 15: a page a third of the size).

A record's fields are not repeated as keys in every record: each field is one array over the nodes (or the
edges), ``null`` where the record says nothing. Strings that repeat (types, predicates, statuses,
modalities; a citation's source, locator, stance, claimant, or its quote where several facts cite it) are kept
once in ``strings`` and named by their position; a node's or edge's time (its dates, the years it holds and the words for them, from
graph/builder/time.py, and its place on the timeline) is one row of ``times``; the citations are one table,
``cites``, in the records' order (every node's, then every edge's), and a record's ``cites`` says how many
are its own. Fields few records have are ``sparse``: per field, ``[position, value]`` pairs.
``templates/columns.js`` turns the columns back into the records :mod:`graph.explorer.records` describes;
:func:`records` does the same in Python (for tests and tools that read a page's data).

Each column is one list comprehension over the sorted nodes or statements: no record dict is made first.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", type="Person", label="Ann", citations=[{"source": "s", "quote": "Ann"}])
>>> g.add_edge("a", "a", key="k", predicate="knows", start="1990")
'k'
>>> cols = Columns()
>>> nodes = cols.nodes(g, sorted(g), {"a": 1}, {"a": (0, 0)}, {"a": 0})
>>> nodes["type"], cols.strings.table(), nodes["cites"]
([0], ['Person'], [1])
>>> edges = cols.edges([("a", "a", "k", g.edges["a", "a", "k"])], {"a": 0})
>>> rows = records(cols.page(nodes, edges))
>>> rows["edges"][0]["when"], rows["nodes"][0]["citations"]
('From 1990', [{'source': 's', 'quote': 'Ann'}])
"""

from __future__ import annotations

from graph.builder.time import is_lasting
from graph.explorer.records import (CITATION_FIELDS, DEFAULT_MODALITY, EDGE_EXTRAS, NODE_FIELDS, NOTHING, UNTYPED,
                                    _blank, _entity_time, _estimates, _statement_time)
from graph.explorer.timeline import _item
from graph.vocab.ontology import DEFAULT_BASE
from graph.vocab.terms import ASSERTED

STRINGS = {str, type(None)}
REPEATS = 0.8  # a citation field of strings is interned when at most this share of its values are distinct
NODE_SPARSE = tuple(k for k in NODE_FIELDS if k != "description")  # fields few nodes have, shown as they are
NODE_INTERNED, EDGE_INTERNED = ("type",), ("predicate", "label", "status", "modality")


class Strings:
    """One table of the strings that repeat, each named by its position (first come, first numbered).

    >>> s = Strings()
    >>> s("b"), s("a"), s("b"), s(None), s.table()
    (0, 1, 0, None, ['b', 'a'])
    """

    def __init__(self):
        self.index: dict = {}

    def __call__(self, value):
        return None if value is None else self.index.setdefault(value, len(self.index))

    def table(self) -> list:
        return list(self.index)

    def column(self, values: list, distinct: dict | None = None) -> list:
        """``values`` as positions in the table (``None`` stays ``None``), each distinct value looked up once
        (``distinct``: ``dict.fromkeys(values)``, if already made).

        >>> Strings().column(["x", None, "y", "x"])
        [0, None, 1, 0]
        """
        index = self.index
        codes = {v: index.setdefault(v, len(index)) for v in (distinct or dict.fromkeys(values)) if v is not None}
        codes[None] = None
        return [codes[v] for v in values]


def _said(values: list) -> list:
    """``values`` with ``None`` for ``""``."""
    return [None if v == "" else v for v in values]


def _no_place(v) -> bool:
    return v is None or v == ""


def _is_none(v) -> bool:
    return v is None


def _dateless(row: dict) -> bool:
    return row.get("date") is None and row.get("start") is None and row.get("end") is None


def _ends(edges: list, at: dict, end: int) -> list:
    """Each statement's subject (``end`` 0) or object (1) as a node position."""
    return [at[e[end]] for e in edges]


def _edge_labels(ds: list, predicates: list) -> list:
    return [d.get("label") or p for d, p in zip(ds, predicates)]


def _modalities(ds: list) -> list:
    return [d.get("modality") or DEFAULT_MODALITY for d in ds]


def _labels(order: list, ds: list) -> list:
    """Each node's label, its id where it has none."""
    return [str(d.get("label") or n) for n, d in zip(order, ds)]


def _types(ds: list) -> list:
    return [d.get("type") or UNTYPED for d in ds]


def _aliases(ds: list) -> list:
    return [list(d["aliases"]) if d.get("aliases") else None for d in ds]


def _values(ds: list, key: str) -> list:
    """Each record's ``key``, ``None`` where it says nothing."""
    values = [d.get(key) for d in ds]
    return [None if _blank(v) else v for v in values]


def _dates(kind: str, ds: list) -> list:
    """``(kind, date, start, end)`` of each record."""
    return [(kind, d.get("date"), d.get("start"), d.get("end")) for d in ds]


def _estimates_sparse(ds: list) -> dict:
    """``{"estimates": [[position, estimates], ...]}`` for the nodes with estimates (``{}`` if none has)."""
    estimates = [[i, _estimates(d)] for i, d in enumerate(ds) if d.get("estimates")]
    return {"estimates": estimates} if estimates else {}


def _sparse(values, blank=_blank) -> list:
    """``[position, value]`` for the values that say something."""
    return [[i, v] for i, v in enumerate(values) if not blank(v)]


def _fields_sparse(ds: list, names: tuple) -> dict:
    """Per field in ``names``, ``[position, value]`` for the records (attribute dicts) whose value says something."""
    out = {k: _field_sparse(ds, k) for k in names}
    return {k: v for k, v in out.items() if v}


def _field_sparse(ds: list, k: str) -> list:
    """``[position, value]`` for the records whose ``k`` says something."""
    return [[i, d[k]] for i, d in enumerate(ds) if k in d and not _blank(d[k])]


class Columns:
    """The builder of one page's columns: the strings, times and citations its nodes and edges share."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base, self.strings = base, Strings()
        self.time_index: dict = {}
        self.times: list = []
        self.cite_rows: list = []  # every citation, the nodes' then the edges', in order

    def _time_column(self, keys: list, row) -> list:
        """Each key's time row (added when first seen: ``row(*key[1:])`` makes it)."""
        index, times = self.time_index, self.times
        for key in dict.fromkeys(keys):
            if key not in index:
                index[key] = len(times)
                times.append(row(*key[1:]))
        return [index[k] for k in keys]

    def _cite_column(self, ds: list) -> list:
        """How many citations each record has; the citations themselves go to the table, in order."""
        lists = [d.get("citations") or () for d in ds]
        self.cite_rows.extend(c for cs in lists for c in cs)
        return [len(cs) for cs in lists]

    # ------------------------------------------------------------- nodes
    def nodes(self, g, order: list, degree: dict, pos: dict, community: dict) -> dict:
        """The node columns, in ``order`` (sorted ids)."""
        attrs = g._node
        ds = [attrs[n] for n in order]
        cols = {
            "id": list(order), "label": _labels(order, ds),
            "type": self.strings.column(_types(ds)),
            "degree": [degree.get(n, 0) for n in order],
            "aliases": _aliases(ds),
            "cites": self._cite_column(ds),
            "description": _values(ds, "description"),
            "time": self._time_column(_dates("n", ds), _entity_time),
            "x": [pos[n][0] for n in order], "y": [pos[n][1] for n in order],
            "community": [community.get(n, 0) for n in order],
        }
        cols["sparse"] = {**_fields_sparse(ds, NODE_SPARSE), **_estimates_sparse(ds)}
        return cols

    # ------------------------------------------------------------- edges
    def edges(self, sorted_: list, at: dict, curves: list | None = None) -> dict:
        """The edge columns for ``sorted_``'s ``(u, v, key, data)``, ends as node positions (``at``)."""
        s = self.strings
        ds = [e[3] for e in sorted_]
        predicates = [d.get("predicate") for d in ds]
        times = self._time_column(self._time_keys(ds, predicates), _statement_time)
        cols = {
            "id": [str(e[2]) for e in sorted_],
            "from": _ends(sorted_, at, 0), "to": _ends(sorted_, at, 1),
            "predicate": s.column(_said(predicates)),
            "label": s.column(_said(_edge_labels(ds, predicates))),
            "status": s.column(_said([d.get("status", ASSERTED) for d in ds])),
            "modality": s.column(_modalities(ds)),
            "cites": self._cite_column(ds),
            "time": times,
        }
        cols["sparse"] = self._edge_sparse(ds, times, curves)
        return cols

    def _time_keys(self, ds: list, predicates: list) -> list:
        """Each statement's time key: whether it is a happening (graph/builder/time.py) and its dates."""
        lasting = {p: is_lasting(p, self.base) for p in set(predicates)}
        flags = [lasting[p] if d.get("lasting") is None else bool(d["lasting"]) for d, p in zip(ds, predicates)]
        return [("e", flag, *key[1:]) for flag, key in zip(flags, _dates("e", ds))]

    def _edge_sparse(self, ds: list, times: list, curves: list | None) -> dict:
        """The fields few edges have: the dossier's extras, place, undated (the build's flag where it gives
        one, else no date at all), the curve."""
        out = _fields_sparse(ds, EDGE_EXTRAS)
        out["place"] = _sparse([d.get("place") for d in ds], _no_place)
        out["undated"] = self._undated(ds, times)
        out["curve"] = _sparse(curves or (), _is_none)
        return {k: v for k, v in out.items() if v}

    def _undated(self, ds: list, times: list) -> list:
        """``[position, true]`` for each undated statement: the build's flag where it gives one, else no date."""
        dateless = [_dateless(row) for row in self.times]
        flags = [bool(d["undated"]) if "undated" in d else dateless[t] for d, t in zip(ds, times)]
        return [[i, True] for i, flag in enumerate(flags) if flag]

    # ------------------------------------------------------------- the whole
    def page(self, nodes: dict, edges: dict) -> dict:
        """The columns of a page: ``nodes``, ``edges`` and the tables they share."""
        cites = self._cite_columns()  # before the table of strings: it adds to it
        return {"nodes": nodes, "edges": edges, "times": self._time_rows(), "cites": cites,
                "strings": self.strings.table(),
                "interned": {"nodes": list(NODE_INTERNED), "edges": list(EDGE_INTERNED)}}

    def _time_rows(self) -> list:
        """The time rows, each with its place on the timeline (``item``; its ``group`` left to the record's kind
        when it is a date)."""
        out = []
        for row in self.times:
            item = _item(row, None)
            out.append({**row, "item": {k: v for k, v in item.items() if v is not None}} if item else row)
        return out

    def _cite_columns(self) -> dict:
        """The citations as columns (only the fields some citation has); a field of strings that repeat
        (sources, stances, claimants; a quote cited for several facts) is interned."""
        present = set().union(*self.cite_rows)  # the fields any citation has
        out = {k: _column(self.cite_rows, k) for k in CITATION_FIELDS if k in present}
        out = {k: v for k, v in out.items() if v is not None}
        interned = []
        for k, values in out.items():
            distinct = dict.fromkeys(values)
            if _worth_a_table(values, distinct):
                out[k] = self.strings.column(values, distinct)
                interned.append(k)
        out["interned"] = interned
        return out


def _column(rows: list, k: str) -> list | None:
    """Field ``k`` of every row (``None`` where it says nothing), or ``None`` if no row says anything."""
    values = [c.get(k) for c in rows]
    if "" in values or [] in values:  # a blank said as such: null like a missing field
        values = [v if v or v not in NOTHING else None for v in values]
    return values if values.count(None) < len(values) else None


def _worth_a_table(values: list, distinct: dict) -> bool:
    """Whether a column's values are strings (or ``None``) that repeat enough to be worth a table (a fifth or
    more are repeats)."""
    return len(distinct) <= REPEATS * len(values) and set(map(type, distinct)) <= STRINGS


# ----------------------------------------------------------------- back to records (what columns.js does)

def _said_fields(columns: dict, i: int, strings: list, interned) -> dict:
    """Row ``i`` of ``columns``: the fields whose value is not ``null``, interned ones looked up."""
    row = {k: col[i] for k, col in columns.items() if col[i] is not None}
    for k in interned.intersection(row):
        row[k] = strings[row[k]]
    return row


def _cite_records(page: dict) -> list:
    """The citation rows as dicts (fields that say nothing left out)."""
    table = {k: v for k, v in page["cites"].items() if k != "interned"}
    interned = set(page["cites"].get("interned", ()))
    count = max((len(v) for v in table.values()), default=0)
    return [_said_fields(table, i, page["strings"], interned) for i in range(count)]


def _rows(cols: dict, page: dict, cites: list, first_cite: int, interned: set) -> list:
    """One kind's records from its columns; its citations start at row ``first_cite`` of the table."""
    times = page["times"]
    plain = {k: v for k, v in cols.items() if k not in ("sparse", "time", "cites")}
    out, at = [], first_cite
    for i, (count, t) in enumerate(zip(cols["cites"], cols["time"])):
        row = _said_fields(plain, i, page["strings"], interned)
        if count:
            row["citations"] = cites[at:at + count]
            at += count
        row.update({k: v for k, v in times[t].items() if k != "item"})
        out.append(row)
    for k, pairs in cols["sparse"].items():
        for i, value in pairs:
            out[i][k] = value
    return out


def records(page: dict) -> dict:
    """``{"nodes": [...], "edges": [...]}``: the columns of :meth:`Columns.page` as records (what columns.js makes)."""
    cites = _cite_records(page)
    nodes = _rows(page["nodes"], page, cites, 0, set(page["interned"]["nodes"]))
    edges = _rows(page["edges"], page, cites, sum(page["nodes"]["cites"]), set(page["interned"]["edges"]))
    ids = page["nodes"]["id"]
    for row in edges:
        row["from"], row["to"] = ids[row["from"]], ids[row["to"]]
    out = {"nodes": nodes, "edges": edges}
    if "timeline" in page:
        out["timeline"] = timeline_records(page)
    return out


def timeline_records(page: dict) -> list:
    """The timeline's items (what columns.js makes): each node's, then each edge's, whose time has a place on it."""
    times, dated = page["times"], page["timeline"]["dated"]
    out = []
    for kind in ("node", "edge"):
        cols = page[kind + "s"]
        for i, t in enumerate(cols["time"]):
            item = times[t].get("item")
            if item:
                out.append({kind: i, **item, "group": item.get("group", dated[kind]),
                            **({"content": cols["label"][i]} if kind == "node" else {})})
    return out


def as_records(page: dict) -> dict:
    """The whole page's data as the page's script has it after columns.js: ``nodes`` and ``edges`` as records,
    ``timeline["items"]`` made (the shared tables left out); for tests and tools reading a page's JSON.

    >>> from graph.builder import build
    >>> from graph.explorer.data import explorer_data
    >>> data = as_records(explorer_data(build("tests/fixtures/mini").nx))
    >>> next(n for n in data["nodes"] if n["id"] == "artemio")["aliases"], "strings" in data
    (['Comrade Artemio', 'Artemio'], False)
    """
    made = records(page)
    out = {k: v for k, v in page.items() if k not in ("strings", "times", "cites", "interned")}
    out.update(nodes=made["nodes"], edges=made["edges"])
    out["timeline"] = {**page["timeline"], "items": made["timeline"]}
    return out
