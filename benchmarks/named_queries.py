"""The named queries (``queries/*.rq``) timed on an in-memory pyoxigraph store, for the benchmark.

A query written for one value ("... (bind ?org or ?leader)") is run as an analyst
runs it: with its parameter bound to what the query means by it. A parameter
that is the subject or the object of the statements the query matches
(``rdf:subject ?org ; rdf:predicate nx:leader_of``) is bound to the entity in
that place of the most of them; ``?modality`` to a modality the facts hold;
``?class``, ``?place``, ``?claimant``, ``?subject`` to the commonest type, the
best-connected place, the commonest claimant, the most estimated entity; any
other to the best-connected entity (``run.py`` calls :func:`named_queries` with
the graph it built).

>>> role_predicates(ROOT / "queries" / "members.rq", "member")[0]
'subject'
>>> role_predicates(ROOT / "queries" / "leaders.rq", "org")
('object', ['leader_of'])
"""

from __future__ import annotations

import re
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_BIND = re.compile(r"\(bind \?(\w+)")
_STATEMENT = re.compile(r"rdf:subject \?(\w+) ; rdf:predicate (nx:\w+|\?\w+) ; rdf:object \?(\w+)")


def role_predicates(path: Path, variable: str) -> tuple[str, list[str]] | None:
    """Where ``variable`` stands in the statements the query ``path`` matches (``subject`` or ``object``),
    and their relationship types (from ``rdf:predicate nx:x``, or the ``VALUES`` of a predicate variable);
    None if it stands in none."""
    text = path.read_text(encoding="utf-8")
    for subject, predicate, obj in _STATEMENT.findall(text):
        if variable not in (subject, obj):
            continue
        if predicate.startswith("?"):
            values = re.search(r"VALUES \?" + predicate[1:] + r" \{([^}]*)\}", text)
            names = re.findall(r"nx:(\w+)", values.group(1)) if values else []
        else:
            names = [predicate.split(":", 1)[1]]
        return ("subject" if variable == subject else "object"), names
    return None


def _role_sample(kg, path: Path, variable: str) -> str | None:
    """The entity standing where ``variable`` does in the most statements the query matches, or None."""
    from collections import Counter

    role = role_predicates(path, variable)
    if role is None:
        return None
    place, names = role
    counts = Counter(getattr(st, place) for st in kg.facts.statements.values() if st.predicate in names)
    if not counts:
        return None
    return kg.namespaces.entity + max(counts, key=lambda i: (counts[i], i))


def _samples(kg) -> dict:
    """Values to bind a query's parameter to: the best-connected entity of a fitting kind."""
    from collections import Counter

    ns, facts = kg.namespaces, kg.facts
    degree = Counter()
    for st in facts.statements.values():
        degree[st.subject] += 1
        degree[st.object] += 1
    places = [e for e in facts.entities.values() if e.type in ("Country", "AdministrativeRegion", "Province",
                                                                 "City", "Zone", "Port", "Facility", "WorldRegion")]
    claimants = Counter(c.by for x in facts.statements.values() for c in x.citations if c.by)
    types = Counter(e.type for e in facts.entities.values())

    def best(ids):
        return max(ids, key=lambda i: (degree[i], i), default=None)

    hub = best(facts.entities)
    out = {"class": ns.vocab + types.most_common(1)[0][0] if types else None,
           "place": ns.entity + best([e.id for e in places]) if places else None,
           "claimant": ns.entity + claimants.most_common(1)[0][0] if claimants else None,
           "subject": ns.entity + best({e.subject for e in facts.estimates.values()})
           if facts.estimates else None}
    return {k: v for k, v in out.items() if v} | {"*": ns.entity + hub if hub else None}


def _modality_sample(store, prefixes: dict) -> dict:
    """The commonest modality other than the default one (or the default, if the facts hold no other), for a
    query bound to ``?modality``."""
    rows = list(store.query("SELECT ?m (COUNT(*) AS ?n) WHERE { ?f nx:modality ?m . ?m rdfs:label ?l } "
                            "GROUP BY ?m ORDER BY DESC(?n) ?m", prefixes=prefixes))
    return {"modality": rows[min(1, len(rows) - 1)]["m"].value} if rows else {}


def named_queries(kg, repeat: int = 5) -> dict:
    """Median milliseconds of each ``queries/*.rq`` on an in-memory pyoxigraph store, and its row count.

    A query written for one value ("... (bind ?entity)") is run with its
    parameter bound to what the query means by it (the module's docstring says
    how). A query slower than a second is run once.
    """
    import pyoxigraph as ox

    from graph.builder.rdf import Namespaces

    store = kg.store()
    prefixes = Namespaces(kg.base).prefixes()
    samples = _samples(kg) | _modality_sample(store, prefixes)
    out = {}
    for path in sorted((ROOT / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.split("\n", 1)[0]
        m = _BIND.search(first)
        subs, bound = None, None
        value = m and (_role_sample(kg, path, m.group(1)) or samples.get(m.group(1)) or samples.get("*"))
        if value:
            subs, bound = {ox.Variable(m.group(1)): ox.NamedNode(value)}, f"?{m.group(1)}=<{value}>"
        times, cpu, rows = [], [], None
        try:
            for _ in range(repeat):
                t0, c0 = time.perf_counter(), time.process_time()
                result = store.query(text, prefixes=prefixes, substitutions=subs)
                if isinstance(result, ox.QueryBoolean):
                    rows = int(bool(result))
                else:
                    rows = len(list(result))
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
                if times[-1] > 1.0:
                    break
        except (SyntaxError, RuntimeError, OSError, ValueError) as exc:
            out[path.stem] = {"error": str(exc)[:200]}
            continue
        # CPU time beside wall time: the query runs in this one thread, so on a shared machine its CPU
        # time is the figure that does not depend on the other processes
        out[path.stem] = {"ms": round(statistics.median(times) * 1000, 2),
                          "cpu_ms": round(statistics.median(cpu) * 1000, 2), "rows": rows}
        if bound:
            out[path.stem]["bound"] = bound
    return out
