"""The explorer's nodes and edges as columns, built from the graph in one pass (issue 15: a page half the size).

A record's fields are not repeated as keys in every record: each field is one array over the nodes (or the
edges), ``null`` where the record says nothing. Strings that repeat (types, predicates, statuses,
modalities, sources, locators, stances, claimants) are kept once in ``strings`` and named by their
position; a node's or edge's time (its dates, the years it holds and the words for them, from
graph/builder/time.py) is one row of ``times``; every distinct citation is one row of ``cites``, and a
record names its citations by row (one number, or a list of several). Fields most records lack are in
``extra``: ``[position, {field: value}]`` pairs. ``templates/columns.js`` turns the columns back into the
records :mod:`graph.explorer.records` describes; :func:`records` does the same in Python (for tests).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", type="Person", label="Ann", citations=[{"source": "s", "quote": "Ann"}])
>>> g.add_edge("a", "a", key="k", predicate="knows", start="1990")
'k'
>>> cols = Columns()
>>> nodes = cols.nodes(g, sorted(g), {"a": 1}, {"a": (0, 0)}, {"a": 0})
>>> nodes["type"], cols.strings.table(), nodes["cites"]
([0], ['Person'], [0])
>>> edges = cols.edges([("a", "a", "k", g.edges["a", "a", "k"])], {"a": 0})
>>> rows = records(cols.page(nodes, edges))
>>> rows["edges"][0]["when"], rows["nodes"][0]["citations"]
('From 1990', [{'source': 's', 'quote': 'Ann'}])
"""

from __future__ import annotations

from graph.explorer.records import (CITATION_FIELDS, DEFAULT_MODALITY, EDGE_EXTRAS, NODE_FIELDS, UNTYPED,
                                    _entity_time, _estimates, _lasting, _statement_time, _undated)
from graph.explorer.timeline import _item
from graph.vocab.ontology import DEFAULT_BASE
from graph.vocab.terms import ASSERTED

NOTHING = (None, "", [])  # what a citation's field holds when it says nothing (``in`` compares by ``==``)
INTERNED_CITATION = frozenset(("source", "locator", "by", "stance", "claimant", "claimant_kind", "via"))
NODE_EXTRAS = tuple(k for k in NODE_FIELDS if k != "description")  # fields few nodes have


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


def _blank(v) -> bool:
    return v is None or v == "" or v == [] or v == {}


class Columns:
    """The builder of one page's columns: the strings, times and citations its nodes and edges share."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base, self.strings = base, Strings()
        self.time_index: dict = {}
        self.times: list = []
        self.cite_index: dict = {}
        self.cite_rows: list = []

    # ------------------------------------------------------------- shared rows
    def _time(self, key: tuple, row) -> int:
        """The position of a time row, added the first time its inputs are seen."""
        at = self.time_index.get(key)
        if at is None:
            at = self.time_index[key] = len(self.times)
            self.times.append(row(*key[1:]))
        return at

    def cites(self, cs):
        """A record's citations as rows of ``cites``: ``None``, one row's number, or a list of them."""
        if not cs:
            return None
        out = [self._cite(c) for c in cs]
        return out[0] if len(out) == 1 else out

    def _cite(self, c: dict) -> int:
        key = tuple((k, v) for k, v in c.items() if k in CITATION_KEYS and v not in NOTHING)
        try:
            at = self.cite_index.get(key)
        except TypeError:  # a field holding a list: compared by its text instead
            key = repr(key)
            at = self.cite_index.get(key)
        if at is None:
            at = self.cite_index[key] = len(self.cite_rows)
            self.cite_rows.append(c)
        return at

    # ------------------------------------------------------------- nodes
    def nodes(self, g, order: list, degree: dict, pos: dict, community: dict) -> dict:
        """The node columns, in ``order`` (sorted ids)."""
        s, attrs = self.strings, g._node
        cols = {k: [] for k in ("id", "label", "type", "degree", "aliases", "cites", "description", "time",
                                "x", "y", "community")}
        extra = []
        for i, n in enumerate(order):
            d = attrs[n]
            get = d.get
            cols["id"].append(n)
            cols["label"].append(str(get("label") or n))
            cols["type"].append(s(get("type") or UNTYPED))
            cols["degree"].append(degree.get(n, 0))
            cols["aliases"].append(list(d["aliases"]) if get("aliases") else None)
            cols["cites"].append(self.cites(get("citations")))
            description = get("description")
            cols["description"].append(None if _blank(description) else description)
            cols["time"].append(self._time(("n", get("date"), get("start"), get("end")), _entity_time))
            cols["x"].append(pos[n][0])
            cols["y"].append(pos[n][1])
            cols["community"].append(community.get(n, 0))
            more = _node_extra(d)
            if more:
                extra.append([i, more])
        cols["extra"] = extra
        return cols

    # ------------------------------------------------------------- edges
    def edges(self, sorted_: list, at: dict, curves: list | None = None) -> dict:
        """The edge columns for ``sorted_``'s ``(u, v, key, data)``, ends as node positions (``at``)."""
        s, base = self.strings, self.base
        cols = {k: [] for k in ("id", "from", "to", "predicate", "label", "status", "modality", "cites", "time")}
        extra = []
        for k, (u, v, key, d) in enumerate(sorted_):
            get = d.get
            predicate = get("predicate")
            cols["id"].append(str(key))
            cols["from"].append(at[u])
            cols["to"].append(at[v])
            cols["predicate"].append(s(_said(predicate)))
            cols["label"].append(s(_said(get("label") or predicate)))
            cols["status"].append(s(_said(get("status", ASSERTED))))
            cols["modality"].append(s(get("modality") or DEFAULT_MODALITY))
            cols["cites"].append(self.cites(get("citations")))
            lasting = _lasting(d, base)
            cols["time"].append(self._time(("e", lasting, get("date"), get("start"), get("end")), _statement_time))
            more = _edge_extra(d, None if curves is None else curves[k])
            if more:
                extra.append([k, more])
        cols["extra"] = extra
        return cols

    # ------------------------------------------------------------- the whole
    def page(self, nodes: dict, edges: dict) -> dict:
        """The columns of a page: ``nodes``, ``edges`` and the tables they share."""
        cites = self._cite_columns()  # before the table of strings: it adds to it
        return {"nodes": nodes, "edges": edges, "times": self._time_rows(), "cites": cites,
                "strings": self.strings.table()}

    def _time_rows(self) -> list:
        """The time rows, each with its place on the timeline (``item``; its ``group`` left to the record's kind
        when it is a date)."""
        out = []
        for row in self.times:
            item = _item(row, None)
            out.append({**row, "item": {k: v for k, v in item.items() if v is not None}} if item else row)
        return out

    def _cite_columns(self) -> dict:
        """The citations as columns (only the fields some citation has), strings of the fields that repeat
        interned (where all of that field's values are strings)."""
        out = {k: _column(self.cite_rows, k) for k in CITATION_FIELDS}
        out = {k: v for k, v in out.items() if v is not None}
        interned = sorted(k for k in INTERNED_CITATION.intersection(out) if _all_strings(out[k]))
        for k in interned:
            out[k] = [self.strings(v) for v in out[k]]
        out["interned"] = interned
        return out


def _column(rows: list, k: str) -> list | None:
    """Field ``k`` of every row (``None`` where it says nothing), or ``None`` if no row says anything."""
    values = [None if r.get(k) in NOTHING else r[k] for r in rows]
    return values if any(v is not None for v in values) else None


def _all_strings(values: list) -> bool:
    return all(v is None or isinstance(v, str) for v in values)


CITATION_KEYS = frozenset(CITATION_FIELDS)


def _said(v):
    """``v``, or ``None`` when it is ``""``."""
    return None if v == "" else v


def _node_extra(d: dict) -> dict | None:
    """A node's fields few nodes have (estimates, modality, coordinates), those that say something."""
    out = {k: d[k] for k in NODE_EXTRAS if k in d and not _blank(d[k])}
    if d.get("estimates"):
        out["estimates"] = _estimates(d)
    return out or None


def _edge_extra(d: dict, curve) -> dict | None:
    """An edge's fields few edges have: place, undated, the dossier's extras, its curve."""
    out = {k: d[k] for k in EDGE_EXTRAS if k in d and not _blank(d[k])}
    if _said(d.get("place")) is not None:
        out["place"] = d["place"]
    if _undated(d):
        out["undated"] = True
    if curve is not None:
        out["curve"] = curve
    return out or None


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


def _citations_of(ref, cites: list) -> list:
    """A record's citations from its ``cites`` entry (one row's number or a list)."""
    return [cites[r] for r in ([ref] if isinstance(ref, int) else ref)]


def _rows(cols: dict, page: dict, cites: list, interned: set) -> list:
    """One kind's records from its columns."""
    times = page["times"]
    plain = {k: v for k, v in cols.items() if k not in ("extra", "time", "cites")}
    out = []
    for i, (ref, t) in enumerate(zip(cols["cites"], cols["time"])):
        row = _said_fields(plain, i, page["strings"], interned)
        if ref is not None:
            row["citations"] = _citations_of(ref, cites)
        row.update({k: v for k, v in times[t].items() if k != "item"})
        out.append(row)
    for i, more in cols["extra"]:
        out[i].update(more)
    return out


def records(page: dict) -> dict:
    """``{"nodes": [...], "edges": [...]}``: the columns of :meth:`Columns.page` as records (what columns.js makes)."""
    cites = _cite_records(page)
    nodes = _rows(page["nodes"], page, cites, {"type"})
    edges = _rows(page["edges"], page, cites, {"predicate", "label", "status", "modality"})
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
    out = {k: v for k, v in page.items() if k not in ("strings", "times", "cites")}
    out.update(nodes=made["nodes"], edges=made["edges"])
    out["timeline"] = {**page["timeline"], "items": made["timeline"]}
    return out
