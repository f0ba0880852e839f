"""Cross-checking the records: ids, types, predicates, references, time, quotes.

The result is :class:`graph.model.Facts` — merged, with inverse forms turned
into primary ones — and a :class:`graph.problems.Report` of everything wrong.

>>> from pathlib import Path
>>> facts, report = check(Path("tests/fixtures/mini"))
>>> report.errors
[]
>>> facts.statements["abimael-guzman.founder_of.sendero-luminoso"].predicate
'founder_of'
"""

from __future__ import annotations

from pathlib import Path

from graph.facts.load import Records, display_path, read_seeds
from graph.model import Citation, Entity, Facts, Statement
from graph.vocab.ontology import DEFAULT_BASE, Ontology, load_ontology
from graph.speedups.gc import gc_paused
from graph.problems import Problem, Report, suggest
from graph.project import shared_sources
from graph.facts.quotes import SourceTexts, find_text_file



def default_text_folders(seeds: Path) -> list[Path]:
    """Where source texts are looked for: the seeds' own copies, then ``../shared/sources`` beside the project."""
    return [seeds / "texts", shared_sources(seeds)]


@gc_paused()
def check(seeds: Path, text_folders: list[Path] | None = None, *, quotes: bool = True,
          base: str = DEFAULT_BASE) -> tuple[Facts, Report]:
    """Read and check every fact file under ``seeds``."""
    records, report = read_seeds(seeds)
    onto = load_ontology(base)
    folders = text_folders if text_folders is not None else default_text_folders(seeds)
    facts = _Checker(onto, report, folders, quotes).run(records)
    report.locate()
    return facts, report


class _Checker:
    def __init__(self, onto: Ontology, report: Report, folders: list[Path], quotes: bool):
        self.onto, self.report, self.folders, self.quotes = onto, report, folders, quotes
        self.facts = Facts()
        self.texts = SourceTexts()
        self.quote_cache: dict[tuple[str, str], bool] = {}
        self.unusable: set[str] = set()

    def problem(self, origin, message, hint=None, field=None, severity="error", see=None):
        file, path = origin
        path = path + ((field,) if field is not None else ())
        self.report.problems.append(Problem(file, message, path=path, hint=hint, severity=severity, see=see))

    def run(self, records: Records) -> Facts:
        self.facts.files = records.files
        self.unusable = records.unusable  # defined, but with errors of their own already reported
        self.sources(records)
        self.entities(records)
        statements = self.event_statements(records) + records.relationships
        for st in statements:
            self.statement(st)
        for est in records.estimates:
            self.estimate(est)
        self.part_of_cycles()
        return self.facts

    # --- sources ---------------------------------------------------------------
    def sources(self, records: Records) -> None:
        for src in records.sources:
            if src.id in self.facts.sources:
                first = self.facts.sources[src.id].origin
                self.problem(src.origin, f"source id '{src.id}' is defined twice",
                             "first defined at {see}", field="id", see=first)
                continue
            self.facts.sources[src.id] = src
            if src.file and (Path(src.file).is_absolute() or ".." in Path(src.file).parts
                             or "\\" in src.file):
                self.problem(src.origin, f"source file '{src.file}' is outside the texts folders",
                             "give the text file's name, relative to the texts folder (no '/…' or '..')",
                             field="file")
            elif src.file:
                path = find_text_file(src.file, self.folders)
                if path is not None:
                    self.texts.add_file(src.id, path)
                elif self.quotes:
                    where = ", ".join(display_path(f) for f in self.folders)
                    self.problem(src.origin, f"text of source '{src.id}' not found ({src.file}); its quotes are not checked",
                                 f"looked in {where}; pass --sources DIR", field="file", severity="warning")

    # --- entities --------------------------------------------------------------
    def entities(self, records: Records) -> None:
        estimate_ids = {e.id: e.origin for e in records.estimates}
        for section, ent in records.entities:
            if ent.id in self.facts.entities:
                first = self.facts.entities[ent.id].origin
                self.problem(ent.origin, f"id '{ent.id}' is defined twice",
                             "first defined at {see}; ids are global across files", field="id", see=first)
                continue
            if ent.id in estimate_ids:
                self.problem(ent.origin, f"id '{ent.id}' is also an estimate's id",
                             "the estimate is at {see}; ids are global", field="id", see=estimate_ids[ent.id])
            top = self.onto.sections[section]
            allowed = self.onto.classes_under(top)
            if ent.type not in self.onto.parents:
                self.problem(ent.origin, f"unknown type '{ent.type}'",
                             suggest(ent.type, allowed) or f"types in '{section}': {', '.join(allowed)}",
                             field="type")
            elif ent.type not in allowed:
                home = next((s for s, t in self.onto.sections.items() if self.onto.is_a(ent.type, t)), None)
                self.problem(ent.origin, f"type '{ent.type}' is not a kind of {top}",
                             f"move it to '{home}'" if home else f"types in '{section}': {', '.join(allowed)}",
                             field="type")
            self.facts.entities[ent.id] = ent
        for ent in self.facts.entities.values():
            for c in ent.citations:
                self.citation(c)

    def event_statements(self, records: Records) -> list[Statement]:
        """The statements an event's ``place`` and ``participants`` stand for."""
        out = []
        for event_id, extra in records.events_extra.items():
            ent = self.facts.entities.get(event_id)
            if ent is None:
                continue
            when = {"date": ent.date, "start": ent.start, "end": ent.end}
            file, path = ent.origin
            if extra["place"] and self.known(extra["place"], "place", (file, path + ("place",))):
                out.append(Statement("", event_id, "occurred_in", extra["place"], **when,
                                     citations=list(ent.citations), origin=(file, path + ("place",))))
            for i, who in enumerate(extra["participants"]):
                where = (file, path + ("participants", i))
                if self.known(who, "participant", where):
                    out.append(Statement("", who, "participant_in", event_id, **when,
                                         citations=list(ent.citations), origin=where))
        return out

    def known(self, ident: str, role: str, origin) -> bool:
        """True when ``ident`` is a defined entity; otherwise report an unknown ``role``."""
        if ident in self.facts.entities:
            return True
        if ident in self.unusable:
            return False
        self.problem(origin, f"unknown {role} '{ident}'",
                     suggest(ident, self.facts.entities) or "define it in actors, groups, regions, events or activities")
        return False

    # --- statements ------------------------------------------------------------
    def statement(self, st: Statement) -> None:
        pred = self.onto.predicates.get(st.predicate)
        if pred is None:
            names = [p for p in self.onto.predicates]
            self.problem(st.origin, f"unknown relationship type '{st.predicate}'",
                         suggest(st.predicate, names) or "see `kg types` for the relationship types",
                         field="predicate")
            return
        if pred.inverse_of:
            st.subject, st.object = st.object, st.subject
            st.predicate = pred.inverse_of
            pred = self.onto.predicates[pred.inverse_of]
            sub_field, obj_field = "object", "subject"
        else:
            sub_field, obj_field = "subject", "object"
        ok = True
        for role, ident, fld, allowed in (("subject", st.subject, sub_field, pred.domain),
                                          ("object", st.object, obj_field, pred.range)):
            ent = self.facts.entities.get(ident)
            if ent is None and ident in self.unusable:
                ok = False
            elif ent is None:
                self.problem(st.origin, f"unknown {role} '{ident}'",
                             suggest(ident, self.facts.entities) or "define it in actors, groups, regions, events or activities",
                             field=fld if _is_relationship(st) else None)
                ok = False
            elif allowed and ent.type in self.onto.parents and not any(self.onto.is_a(ent.type, a) for a in allowed):
                self.problem(st.origin,
                             f"'{pred.name}' takes {'a subject' if role == 'subject' else 'an object'} of type "
                             f"{' or '.join(allowed)}; '{ident}' is {_a(ent.type)}",
                             _domain_hint(role, ident),
                             field=fld if _is_relationship(st) else None)
                ok = False
        if st.subject == st.object:
            self.problem(st.origin, f"'{st.subject}' {pred.name} itself", "a relationship links two different entities",
                         field="object" if _is_relationship(st) else None)
            ok = False
        if st.place is not None:
            place = self.facts.entities.get(st.place)
            if place is None and st.place in self.unusable:
                ok = False
            elif place is None:
                self.problem(st.origin, f"unknown place '{st.place}'", suggest(st.place, self.facts.entities), field="place")
                ok = False
            elif place.type in self.onto.parents and not self.onto.is_a(place.type, "Place"):
                self.problem(st.origin, f"place '{st.place}' is {_a(place.type)}, not a Place",
                             "'place' names a region by id", field="place")
                ok = False
        for c in st.citations:
            if c.origin[1][:len(st.origin[1])] == st.origin[1]:  # own citations; event ones are checked once
                self.citation(c)
        if not ok:
            return
        st.id = st.id or statement_id(st)
        seen = self.facts.statements.get(st.id)
        if seen is None:
            self.facts.statements[st.id] = st
        elif _key(seen) != _key(st):
            self.problem(st.origin, f"statement id '{st.id}' is used for two different statements",
                         "the other is at {see}", field="id", see=seen.origin)
        else:  # the same fact written twice: one statement, all citations
            have = {(c.source, c.quote) for c in seen.citations}
            seen.citations += [c for c in st.citations if (c.source, c.quote) not in have]
            if st.status == "disputed":
                seen.status = "disputed"

    # --- estimates ------------------------------------------------------------
    def estimate(self, est) -> None:
        if est.id in self.facts.estimates:
            self.problem(est.origin, f"estimate id '{est.id}' is defined twice",
                         "first defined at {see}", field="id", see=self.facts.estimates[est.id].origin)
            return
        if est.subject not in self.facts.entities:
            if est.subject in self.unusable:
                return
            self.problem(est.origin, f"unknown subject '{est.subject}'",
                         suggest(est.subject, self.facts.entities), field="subject")
            return
        if est.place is not None and est.place not in self.facts.entities:
            if est.place in self.unusable:
                return
            self.problem(est.origin, f"unknown place '{est.place}'", suggest(est.place, self.facts.entities),
                         field="place")
            return
        for c in est.citations:
            self.citation(c)
        self.facts.estimates[est.id] = est

    # --- citations --------------------------------------------------------------
    def citation(self, c: Citation) -> None:
        if c.source not in self.facts.sources:
            if c.source in self.unusable:
                return
            self.problem(c.origin, f"unknown source '{c.source}'",
                         suggest(c.source, self.facts.sources) or "register it in a 'sources' section",
                         field="source")
            return
        if c.by is not None:
            who = self.facts.entities.get(c.by)
            if who is None and c.by in self.unusable:
                pass
            elif who is None:
                self.problem(c.origin, f"unknown claimant '{c.by}'",
                             suggest(c.by, self.facts.entities) or "'by' names a person or organisation by id",
                             field="by")
            elif who.type in self.onto.parents and not self.onto.is_a(who.type, "Agent"):
                self.problem(c.origin, f"claimant '{c.by}' is {_a(who.type)}, not a person or organisation",
                             "'by' names who made the claim: a person or organisation", field="by")
        if self.quotes and c.source in self.texts:
            key = (c.source, c.quote)
            found = self.quote_cache.get(key)
            if found is None:
                found = self.quote_cache[key] = self.texts.find(c.source, c.quote)
            if not found:
                self.problem(c.origin, f"quote not found in the text of '{c.source}'",
                             "copy the words exactly from the document (white space and line breaks may differ)",
                             field="quote")

    # --- places ---------------------------------------------------------------
    def part_of_cycles(self) -> None:
        edges: dict[str, list[Statement]] = {}
        for st in self.facts.statements.values():
            if st.predicate == "part_of":
                edges.setdefault(st.subject, []).append(st)
        state: dict[str, int] = {}  # 1 = on the current path, 2 = done
        reported: set[frozenset] = set()

        def visit(node: str, trail: list[Statement]) -> None:
            state[node] = 1
            for st in sorted(edges.get(node, ()), key=lambda s: s.id):
                nxt = st.object
                if state.get(nxt) == 1:
                    loop = trail + [st]
                    cycle = loop[next(i for i, s in enumerate(loop) if s.subject == nxt):]
                    names = frozenset(s.id for s in cycle)
                    if names not in reported:
                        reported.add(names)
                        path = " → ".join([s.subject for s in cycle] + [nxt])
                        self.problem(st.origin, f"part_of cycle: {path}",
                                     "a place cannot lie within itself; remove one of these part_of links",
                                     field="object" if _is_relationship(st) else None)
                elif state.get(nxt) is None:
                    visit(nxt, trail + [st])
            state[node] = 2

        for node in sorted(edges):
            if state.get(node) is None:
                visit(node, [])


def statement_id(st: Statement) -> str:
    """A readable, stable id: ``subject.predicate.object`` plus any qualifiers."""
    parts = [st.subject, st.predicate, st.object]
    if st.date:
        parts.append(str(st.date))
    if st.start:
        parts.append(f"from-{st.start}")
    if st.end:
        parts.append(f"to-{st.end}")
    if st.place:
        parts.append(f"in-{st.place}")
    return ".".join(parts)


def _key(st: Statement) -> tuple:
    return (st.subject, st.predicate, st.object, st.date, st.start, st.end, st.place)


def _is_relationship(st: Statement) -> bool:
    return bool(st.origin[1]) and st.origin[1][0] == "relationships"


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'AEIOU' else 'a'} {word}"


def _domain_hint(role: str, ident: str) -> str:
    return f"is '{ident}' the right {role}? `kg types` lists what each relationship type takes"


__all__ = ["check", "statement_id", "default_text_folders", "Entity"]
