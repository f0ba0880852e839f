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

from graph.builder.network import claimant, estimate_attrs, evidence_fields
from graph.model import CITED_WORK_CLAIMANT as CITED_WORK, DOCUMENT_CLAIMANT as DOCUMENT
from graph.builder.places import locate_places
from graph.model import AnalyticClaim, Citation, Facts, Region, Statement
from graph.query.terminal import inert
from graph.vocab.terms import ASSERTED_MODALITY, DISPUTES


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
    """A citation as data, with its source's title and the claimant's name and kind (``claimant``, ``claimant_kind``)."""
    out = c.as_dict()
    src = facts.sources.get(c.source)
    out["source_title"] = src.title if src is not None else None
    out["claimant"], out["claimant_kind"] = claimant(facts, c)
    if c.by:
        out["by_label"] = label(facts, c.by)
    if c.via and c.via in facts.sources:
        out["via_cited_at"] = facts.sources[c.via].cited_at
    return out


def _statement(facts: Facts, st: Statement, other: str) -> dict:
    ent = facts.entities[other]
    out = {"id": st.id, "subject": st.subject, "predicate": st.predicate, "object": st.object, "other": other,
           "other_label": ent.name, "other_type": ent.type, "status": st.effective_status, "when": when(st),
           **evidence_fields(st), "citations": [cite(facts, c) for c in st.citations]}
    out.update((k, str(getattr(st, k))) for k in ("date", "start", "end") if getattr(st, k) is not None)
    if st.place:
        out["place"] = st.place
        out["place_label"] = label(facts, st.place)
    return out


def _entity_extra(facts: Facts, e) -> dict:
    """A claim's modality, a place's coordinates."""
    out = {"modality": e.modality} if isinstance(e, AnalyticClaim) else {}
    spot = locate_places(facts).get(e.id) if isinstance(e, Region) else None
    if spot is not None:
        out["geo"] = {"latitude": spot.latitude, "longitude": spot.longitude, "approximate": spot.approximate}
    return out


def _undated_statements(facts: Facts, entity_id: str, outgoing: bool) -> list[dict]:
    """The undated statements out of ``entity_id`` (``outgoing``) or into it, whose other end is an entity."""
    rows = []
    for s in facts.undated_statements.values():
        this, other = (s.subject, s.object) if outgoing else (s.object, s.subject)
        if this == entity_id and other in facts.entities:
            rows.append(_statement(facts, s, other))
    return sorted(rows, key=_order)


def _undated(facts: Facts, entity_id: str) -> dict:
    """The undated statements and estimates about ``entity_id`` that a time slice kept apart."""
    return {"undated_out": _undated_statements(facts, entity_id, outgoing=True),
            "undated_in": _undated_statements(facts, entity_id, outgoing=False),
            "undated_estimates": [_estimate(facts, x) for x in facts.undated_estimates.values()
                                  if x.subject == entity_id]}


def _estimate(facts: Facts, x) -> dict:
    return {**estimate_attrs(x, facts), "citations": [cite(facts, c) for c in x.citations]}


def _order(s: dict) -> tuple:
    return s["predicate"], s["other_label"].casefold(), s["when"], s["id"]


def dossier(kg, entity_id: str) -> dict:
    """Everything the graph says about one entity: its labels, type, aliases, description,
    dates, citations and estimates, and every statement out of it and into it with dates,
    status and citations (source title, locator, quote, claimant, stance)."""
    facts = kg.facts
    e = facts.entities[entity_id]
    estimates = [_estimate(facts, x) for x in facts.estimates.values() if x.subject == entity_id]
    statements = facts.statements.values()
    return {"id": entity_id, "iri": kg.namespaces.entity + entity_id, "label": e.name, "type": e.type,
            "aliases": list(e.aliases), "description": e.description, "when": when(e), **_entity_extra(facts, e),
            "citations": [cite(facts, c) for c in e.citations], "estimates": estimates,
            "out": sorted((_statement(facts, s, s.object) for s in statements if s.subject == entity_id), key=_order),
            "in": sorted((_statement(facts, s, s.subject) for s in statements if s.object == entity_id), key=_order),
            **_undated(facts, entity_id), "attributed_claims": claims_by(kg, entity_id)}


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

def claimant_text(c: dict) -> str:
    """Who makes a citation's claim, as text: a name and its kind, never an id; '' for the document itself."""
    kind = c.get("claimant_kind")
    if not c.get("claimant") or kind in (None, DOCUMENT):
        return ""
    if kind == CITED_WORK:
        at = f", {c['via_cited_at']}" if c.get("via_cited_at") else ""
        return f"via {c['claimant']} (cited work{at})"
    return f"claimed by {c['claimant']} ({kind})"


def citation_lines(cites: list[dict], indent: str) -> list[str]:
    """Each citation: source and locator (claimant, DISPUTES and what detail), then the quote and any note."""
    lines = []
    for c in cites:
        extra = [text] if (text := claimant_text(c)) else []
        if c.get("stance") == DISPUTES:
            extra.append(f"DISPUTES the {c['qualifier']}: says {c.get('says')}" if c.get("qualifier") else "DISPUTES")
        lines.append(f"{indent}- {c['source']}, {c['locator']}" + (f"  ({'; '.join(extra)})" if extra else ""))
        lines.append(f'{indent}  "{c["quote"]}"')
        lines += [f"{indent}  note: {c['note']}"] if c.get("note") else []
    return lines


def evidence_lines(x: dict, indent: str) -> list[str]:
    """A fact's inferred date and disputed details, one line each."""
    lines = [f"{indent}date inferred: {x['date_inferred']}"] if x.get("date_inferred") else []
    for q in x.get("disputed_qualifiers", []):
        lines.append(f"{indent}{q['qualifier']} disputed: {q['held'] or '(none given)'} here, "
                     f"{q['says']} per {q['source']} ({q['locator']})")
    return lines


def qualities(x: dict) -> list[str]:
    """The words after a fact: status, modality (when not asserted), ``undated`` under a time slice."""
    out = [x["status"]]
    if x.get("modality") and x["modality"] != ASSERTED_MODALITY:
        out.append(x["modality"])
    return out


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
    geo = d.get("geo")
    where = f"{geo['latitude']}, {geo['longitude']}" + (" (approximate)" if geo["approximate"] else "") if geo else ""
    fields = (("aliases", "; ".join(d["aliases"])), ("description", d["description"]), ("when", d["when"]),
              ("modality", d.get("modality", "")), ("coordinates", where))
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
                     + f"  {' · '.join(qualities(e))}" + (f"  in {e['place']}" if e.get("place") else ""))
        lines += evidence_lines(e, "      ") + citation_lines(e["citations"], "      ")
    return lines


def when_text(x: dict) -> str:
    """:func:`when` for a fact already turned into a dict (``date``, ``start``, ``end`` as text)."""
    if x.get("date"):
        return str(x["date"])
    start, end = x.get("start"), x.get("end")
    return f"{start or ''}–{end or ''}" if start or end else ""


def _statement_lines(d: dict, key: str, title: str, always: bool = True) -> list[str]:
    rows = d.get(key, [])
    if not rows and not always:
        return []
    lines = ["", f"{title} ({len(rows)})"]
    for s in rows:
        arrow = f"—{s['predicate']}→" if key.endswith("out") else f"←{s['predicate']}—"
        quals = [q for q in (s["when"], f"in {s['place_label']}" if s.get("place") else "", *qualities(s)) if q]
        lines.append(f"  {arrow} {s['other_label']} [{s['other']}]   " + " · ".join(quals))
        lines += evidence_lines(s, "      ") + citation_lines(s["citations"], "      ")
    return lines


def _undated_lines(d: dict) -> list[str]:
    """What a time slice kept apart: undated, so not known to hold in the year asked about."""
    lines = _statement_lines(d, "undated_out", "Undated outgoing statements, kept apart (not known to hold then)",
                             always=False)
    lines += _statement_lines(d, "undated_in", "Undated incoming statements, kept apart (not known to hold then)",
                              always=False)
    return lines + [line.replace("Estimates (", "Undated estimates, kept apart (", 1)
                    for line in _estimate_lines(d.get("undated_estimates", []))]


def _claim_lines(claims: list[dict]) -> list[str]:
    lines = ["", f"Claims attributed to this entity ({len(claims)})"] if claims else []
    for c in claims:
        lines.append(f"  {c['concerns']}" + ("  (DISPUTES)" if c.get("stance") == DISPUTES else ""))
        lines += [f"      - {c['source']}, {c['locator']}", f'        "{c["quote"]}"']
    return lines


def _all_citations(d: dict):
    yield from d["citations"]
    for e in d["estimates"] + d.get("undated_estimates", []):
        yield from e["citations"]
    for s in d["out"] + d["in"] + d.get("undated_out", []) + d.get("undated_in", []):
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
    lines += _undated_lines(d)
    lines += _claim_lines(d.get("attributed_claims", [])) + _source_lines(d)
    return "\n".join(inert(line) for line in lines) + "\n"
