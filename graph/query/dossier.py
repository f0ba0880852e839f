"""One entity's dossier: everything the graph says about it, with the evidence, as plain
data from the facts, and as terminal text.

>>> import graph
>>> kg = graph.build("tests/fixtures/mini")
>>> d = dossier(kg, "artemio")
>>> d["label"], [(s["predicate"], s["other"]) for s in d["in"]]
('Forindo Eleuterio Flores Hala', [('captured', 'peruvian-government')])
>>> print(render_dossier(d).splitlines()[2])
id:          artemio
"""

from __future__ import annotations

from graph.builder.network import estimate_attrs
from graph.model import Citation, Facts, Statement
from graph.query.terminal import inert
from graph.vocab.terms import DISPUTES


def when(x) -> str:
    """A fact's time as text: its date, or its period ``start–end`` (either end may be open)."""
    if x.date is not None:
        return str(x.date)
    if x.start is not None or x.end is not None:
        return f"{x.start or ''}–{x.end or ''}"
    return ""


def label(facts: Facts, entity_id: str) -> str:
    """The entity's name, or the id itself for one the facts do not hold."""
    ent = facts.entities.get(entity_id)
    return ent.name if ent is not None else entity_id


def cite(facts: Facts, c: Citation) -> dict:
    """A citation as data, with its source's title and the claimant's name."""
    out = c.as_dict()
    src = facts.sources.get(c.source)
    out["source_title"] = src.title if src is not None else None
    if c.by:
        out["by_label"] = label(facts, c.by)
    return out


def _statement(facts: Facts, st: Statement, other: str) -> dict:
    ent = facts.entities[other]
    out = {"id": st.id, "subject": st.subject, "predicate": st.predicate, "object": st.object, "other": other,
           "other_label": ent.name, "other_type": ent.type, "status": st.effective_status, "when": when(st),
           "citations": [cite(facts, c) for c in st.citations]}
    out.update((k, str(getattr(st, k))) for k in ("date", "start", "end") if getattr(st, k) is not None)
    if st.place:
        out["place"] = st.place
        out["place_label"] = label(facts, st.place)
    return out


def _order(s: dict) -> tuple:
    return s["predicate"], s["other_label"].casefold(), s["when"], s["id"]


def dossier(kg, entity_id: str) -> dict:
    """Everything the graph says about one entity: its labels, type, aliases, description,
    dates, citations and estimates, and every statement out of it and into it with dates,
    status and citations (source title, locator, quote, claimant, stance)."""
    facts = kg.facts
    e = facts.entities[entity_id]
    estimates = [{**estimate_attrs(x), "citations": [cite(facts, c) for c in x.citations]}
                 for x in facts.estimates.values() if x.subject == entity_id]
    statements = facts.statements.values()
    return {"id": entity_id, "iri": kg.namespaces.entity + entity_id, "label": e.name, "type": e.type,
            "aliases": list(e.aliases), "description": e.description, "when": when(e),
            "citations": [cite(facts, c) for c in e.citations], "estimates": estimates,
            "out": sorted((_statement(facts, s, s.object) for s in statements if s.subject == entity_id), key=_order),
            "in": sorted((_statement(facts, s, s.subject) for s in statements if s.object == entity_id), key=_order),
            "attributed_claims": claims_by(kg, entity_id)}


def _cited_facts(facts: Facts):
    """(kind, id, what it is about, citations) for every entity, estimate and statement."""
    for e in facts.entities.values():
        yield "entity", e.id, e.name, e.citations
    for x in facts.estimates.values():
        yield "estimate", x.id, f"{label(facts, x.subject)}: {x.measure}", x.citations
    for s in facts.statements.values():
        yield "statement", s.id, f"{label(facts, s.subject)} —{s.predicate}→ {label(facts, s.object)}", s.citations


def claims_by(kg, entity_id: str) -> list[dict]:
    """The facts whose citations attribute a claim to ``entity_id`` (the ``by`` of a citation):
    what this person or body said, according to the documents."""
    facts = kg.facts
    found = [{"kind": kind, "id": fid, "concerns": about, **cite(facts, c)}
             for kind, fid, about, citations in _cited_facts(facts) for c in citations if c.by == entity_id]
    return sorted(found, key=lambda c: (c["source"], c["locator"], c["concerns"].casefold(), c["id"]))


# ---------------------------------------------------------------- as text

def citation_lines(cites: list[dict], indent: str) -> list[str]:
    """Each citation: source and locator (claimant, DISPUTES), then the quote and any note."""
    lines = []
    for c in cites:
        extra = [f"claimed by {c.get('by_label') or c['by']} [{c['by']}]"] if c.get("by") else []
        extra += ["DISPUTES"] if c.get("stance") == DISPUTES else []
        lines.append(f"{indent}- {c['source']}, {c['locator']}" + (f"  ({'; '.join(extra)})" if extra else ""))
        lines.append(f'{indent}  "{c["quote"]}"')
        lines += [f"{indent}  note: {c['note']}"] if c.get("note") else []
    return lines


def _number(x) -> str:
    if x is None:
        return "?"
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return f"{x:,}" if isinstance(x, (int, float)) else str(x)


def _amount(e: dict) -> str:
    if e.get("value") is not None:
        return _number(e["value"])
    if e.get("min") == e.get("max"):
        return _number(e.get("min"))
    return f"{_number(e.get('min'))}–{_number(e.get('max'))}"


def _head_lines(d: dict) -> list[str]:
    fields = (("aliases", "; ".join(d["aliases"])), ("description", d["description"]), ("when", d["when"]))
    lines = [f"{d['label']}", "=" * min(len(d["label"]), 78), f"id:          {d['id']}", f"type:        {d['type']}"]
    lines += [f"{name + ':':<13}{value}" for name, value in fields if value]
    if d["citations"]:
        lines += ["evidence:", *citation_lines(d["citations"], "  ")]
    return lines


def _estimate_lines(estimates: list[dict]) -> list[str]:
    lines = ["", f"Estimates ({len(estimates)})"] if estimates else []
    for e in estimates:
        span = when_text(e)
        lines.append(f"  {e['measure']}: {_amount(e)} {e['unit']}" + (f"  [{span}]" if span else "")
                     + f"  {e['status']}" + (f"  in {e['place']}" if e.get("place") else ""))
        lines += citation_lines(e["citations"], "      ")
    return lines


def when_text(x: dict) -> str:
    """:func:`when` for a fact already turned into a dict (``date``, ``start``, ``end`` as text)."""
    if x.get("date"):
        return str(x["date"])
    start, end = x.get("start"), x.get("end")
    return f"{start or ''}–{end or ''}" if start or end else ""


def _statement_lines(d: dict, key: str, title: str) -> list[str]:
    rows = d[key]
    lines = ["", f"{title} ({len(rows)})"]
    for s in rows:
        arrow = f"—{s['predicate']}→" if key == "out" else f"←{s['predicate']}—"
        quals = [q for q in (s["when"], f"in {s['place_label']}" if s.get("place") else "", s["status"]) if q]
        lines.append(f"  {arrow} {s['other_label']} [{s['other']}]   " + " · ".join(quals))
        lines += citation_lines(s["citations"], "      ")
    return lines


def _claim_lines(claims: list[dict]) -> list[str]:
    lines = ["", f"Claims attributed to this entity ({len(claims)})"] if claims else []
    for c in claims:
        lines.append(f"  {c['concerns']}" + ("  (DISPUTES)" if c.get("stance") == DISPUTES else ""))
        lines += [f"      - {c['source']}, {c['locator']}", f'        "{c["quote"]}"']
    return lines


def _all_citations(d: dict):
    yield from d["citations"]
    for e in d["estimates"]:
        yield from e["citations"]
    for s in d["out"] + d["in"]:
        yield from s["citations"]
    yield from d.get("attributed_claims", [])


def _source_lines(d: dict) -> list[str]:
    sources = {}
    for c in _all_citations(d):
        sources.setdefault(c["source"], c.get("source_title"))
    lines = ["", "Sources"] if sources else []
    return lines + [f"  {k}: {v or '(not in the register)'}" for k, v in sorted(sources.items())]


def render_dossier(d: dict) -> str:
    """The dossier as terminal text (every value passed through :func:`graph.query.terminal.inert`)."""
    lines = _head_lines(d) + _estimate_lines(d["estimates"])
    lines += _statement_lines(d, "out", "Outgoing statements") + _statement_lines(d, "in", "Incoming statements")
    lines += _claim_lines(d.get("attributed_claims", [])) + _source_lines(d)
    return "\n".join(inert(line) for line in lines) + "\n"
