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

from graph.facts import evidence_refs
from graph.facts.cycles import find_cycles
from graph.facts.lints import run_lints
from graph.facts.load import Records, display_path, read_seeds
from graph.facts.restated import add_evidence, merge_statement, restates
from graph.model import Citation, Entity, Estimate, Facts, Statement
from graph.vocab.ontology import DEFAULT_BASE, Ontology, Predicate, load_ontology
from graph.vocab.schema import FieldSpec, load_schema
from graph.vocab.terms import ASSERTED_MODALITY
from graph.speedups.gc import gc_paused
from graph.problems import Problem, Report, suggest
from graph.project import default_text_folders
from graph.facts.quotes import FOUND, SourceTexts, Verdict, find_text_file


@gc_paused()
def check(seeds: Path, text_folders: list[Path] | None = None, *, quotes: bool = True,
          base: str = DEFAULT_BASE, strict: bool = False) -> tuple[Facts, Report]:
    """Read and check every fact file under ``seeds``; ``strict``: the lints are errors."""
    records, report = read_seeds(seeds)
    onto = load_ontology(base)
    folders = text_folders if text_folders is not None else default_text_folders(seeds)
    checker = _Checker(onto, report, folders, quotes)
    facts = checker.run(records)
    run_lints(facts, checker.texts if quotes else None, report, strict=strict)
    report.locate()
    return facts, report


class _Checker:
    gazetteer = True  # look GeoNames ids up (kg diff, which only compares facts, does not: it costs ~0.8 s)

    def __init__(self, onto: Ontology, report: Report, folders: list[Path], quotes: bool):
        self.onto, self.report, self.folders, self.quotes = onto, report, folders, quotes
        self.facts = Facts()
        self.texts = SourceTexts()
        self.unusable: set[str] = set()
        self.fitting: dict[tuple, bool] = {}  # (class, the classes allowed): whether it is one, asked once
        schema = load_schema()
        self.derived = {f.name: f for spec in schema.records.values() for f in spec.derived}
        self.place_class = schema.field("relationship", "place").refers
        self.claimant_class = schema.field("citation", "by").refers
        *first, last = schema.entity_sections(onto)
        self.define_hint = f"define it in {', '.join(first)} or {last}" if first else f"define it in {last}"

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
        for pred in _transitive(self.onto):
            self.cycles(pred)
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
            if src.file:
                self.source_text(src)
        evidence_refs.cited_works(self)

    def source_text(self, src) -> None:
        """Find the text of ``src`` for its quotes, or say why not."""
        if _outside(src.file):
            self.problem(src.origin, f"source file '{src.file}' is outside the texts folders",
                         "give the text file's name, relative to the texts folder (no '/…' or '..')",
                         field="file")
            return
        path = find_text_file(src.file, self.folders)
        if path is not None:
            self.texts.add_file(src.id, path)
        elif self.quotes:
            where = ", ".join(display_path(f) for f in self.folders)
            self.problem(src.origin, f"text of source '{src.id}' not found ({src.file}); its quotes are not checked",
                         f"looked in {where}; pass --sources DIR", field="file", severity="warning")

    # --- entities --------------------------------------------------------------
    def entities(self, records: Records) -> None:
        estimate_ids, self.restating_derived = {e.id: e.origin for e in records.estimates}, records.restating_derived
        for section, ent in records.entities:
            if self.first_definition(ent, estimate_ids):
                self.entity_type(section, ent)
                self.facts.entities[ent.id] = ent
        for c in (c for ent in self.facts.entities.values() for c in ent.citations):
            self.citation(c)
        if self.gazetteer:
            evidence_refs.places(self)

    def first_definition(self, ent: Entity, estimate_ids: dict) -> bool:
        """False for an id defined before; an estimate's id is reported, but the entity kept."""
        if ent.id in self.facts.entities:
            first = self.facts.entities[ent.id]
            if restates(first, ent) and id(ent) not in self.restating_derived:
                add_evidence(first, ent)  # an entry repeating the entity adds its evidence
                return False
            self.problem(ent.origin, f"id '{ent.id}' is defined twice", "first defined at {see}; ids are global "
                         "across files (an entry repeating only its id, type, name and description adds its "
                         "evidence)", field="id", see=first.origin)
            return False
        if ent.id in estimate_ids:
            self.problem(ent.origin, f"id '{ent.id}' is also an estimate's id",
                         "the estimate is at {see}; ids are global", field="id", see=estimate_ids[ent.id])
        return True

    def entity_type(self, section: str, ent: Entity) -> None:
        """Report a type the ontology does not know, or one that belongs in another section."""
        top = self.onto.sections[section]
        allowed = self.onto.classes_under(top)
        if ent.type not in self.onto.parents:
            self.problem(ent.origin, f"unknown type '{ent.type}'",
                         suggest(ent.type, allowed) or f"types in '{section}': {', '.join(allowed)}",
                         field="type")
        elif ent.type not in allowed:
            self.problem(ent.origin, f"type '{ent.type}' is not a kind of {top}",
                         self.home_hint(ent.type, section, allowed), field="type")

    def home_hint(self, cls: str, section: str, allowed: list[str]) -> str:
        """Where entities of ``cls`` belong, or what ``section`` takes."""
        home = next((s for s, t in self.onto.sections.items() if self.onto.is_a(cls, t)), None)
        return f"move it to '{home}'" if home else f"types in '{section}': {', '.join(allowed)}"

    def event_statements(self, records: Records) -> list[Statement]:
        """The statements an entity's derived fields (an event's ``place``, ``participants``) stand for."""
        out = []
        for entity_id, derived in records.events_extra.items():
            ent = self.facts.entities.get(entity_id)
            if ent is not None:
                for name, value in derived.items():
                    out += self.derived_statements(ent, self.derived[name], value)
        return out

    def derived_statements(self, ent: Entity, spec: FieldSpec, value) -> list[Statement]:
        file, path = ent.origin
        predicate, record_is = spec.becomes
        out = []
        for ident, where in _named(spec.name, value, path):
            if self.known(ident, spec.role, (file, where)):
                subject, obj = (ent.id, ident) if record_is == "subject" else (ident, ent.id)
                out.append(Statement("", subject, predicate, obj, date=ent.date, start=ent.start, end=ent.end,
                                     citations=list(ent.citations), origin=(file, where)))
        return out

    def known(self, ident: str, role: str, origin) -> bool:
        """True when ``ident`` is a defined entity; otherwise report an unknown ``role``."""
        if ident in self.facts.entities:
            return True
        if ident in self.unusable:
            return False
        self.problem(origin, f"unknown {role} '{ident}'", suggest(ident, self.facts.entities) or self.define_hint)
        return False

    # --- statements ------------------------------------------------------------
    def statement(self, st: Statement) -> None:
        pred = self.onto.predicates.get(st.predicate)
        if pred is None:
            self.problem(st.origin, f"unknown relationship type '{st.predicate}'",
                         suggest(st.predicate, self.onto.predicates) or "see `kg types` for the relationship types",
                         field="predicate")
            return
        pred, fields = self.primary_form(st, pred)
        own = _is_relationship(st)
        ok = self.ends_fit(st, pred, fields if own else (None, None)) & self.not_a_loop(st, pred, own)
        ok &= self.place_fits(st)
        for c in _own_citations(st):
            self.citation(c)
        if ok:
            self.store(st)

    def primary_form(self, st: Statement, pred: Predicate) -> tuple[Predicate, tuple[str, str]]:
        """Store ``st`` in its predicate's primary form: subject and object swap (and so do their fields)."""
        if not pred.inverse_of:
            return pred, ("subject", "object")
        st.subject, st.object, st.predicate = st.object, st.subject, pred.inverse_of
        return self.onto.predicates[pred.inverse_of], ("object", "subject")

    def ends_fit(self, st: Statement, pred: Predicate, fields: tuple) -> bool:
        """Subject and object are defined, of the types the relationship takes."""
        subject_fits = self.end_fits(st, pred, "subject", st.subject, fields[0], pred.domain)
        return self.end_fits(st, pred, "object", st.object, fields[1], pred.range) and subject_fits

    def end_fits(self, st: Statement, pred: Predicate, role: str, ident: str, fld, allowed) -> bool:
        ent = self.facts.entities.get(ident)
        if ent is None:
            if ident not in self.unusable:
                self.problem(st.origin, f"unknown {role} '{ident}'",
                             suggest(ident, self.facts.entities) or self.define_hint, field=fld)
            return False
        if not self.fits(ent.type, allowed):
            self.problem(st.origin,
                         f"'{pred.name}' takes {'a subject' if role == 'subject' else 'an object'} of type "
                         f"{' or '.join(allowed)}; '{ident}' is {_a(ent.type)}",
                         _domain_hint(role, ident), field=fld)
            return False
        return True

    def fits(self, cls: str, allowed) -> bool:
        """Whether ``cls`` is one of the classes ``allowed`` (any, when none are named or it is unknown)."""
        if (cls, allowed) not in self.fitting:
            onto = self.onto
            self.fitting[(cls, allowed)] = not allowed or cls not in onto.parents or any(onto.is_a(cls, a) for a in allowed)
        return self.fitting[(cls, allowed)]

    def not_a_loop(self, st: Statement, pred: Predicate, own: bool) -> bool:
        if st.subject != st.object:
            return True
        self.problem(st.origin, f"'{st.subject}' {pred.name} itself", "a relationship links two different entities",
                     field="object" if own else None)
        return False

    def place_fits(self, st: Statement) -> bool:
        if st.place is None:
            return True
        place = self.facts.entities.get(st.place)
        if place is None:
            if st.place not in self.unusable:
                self.problem(st.origin, f"unknown place '{st.place}'", suggest(st.place, self.facts.entities),
                             field="place")
            return False
        if not self.fits(place.type, (self.place_class,)):
            self.problem(st.origin, f"place '{st.place}' is {_a(place.type)}, not a {self.place_class}",
                         "'place' names a region by id", field="place")
            return False
        return True

    def store(self, st: Statement) -> None:
        """Keep a checked statement; the same fact written twice becomes one, with all citations."""
        st.id = st.id or statement_id(st)
        seen = self.facts.statements.get(st.id)
        if seen is None:
            self.facts.statements[st.id] = st
        elif _key(seen) != _key(st):
            self.problem(st.origin, f"statement id '{st.id}' is used for two different statements",
                         "the other is at {see}", field="id", see=seen.origin)
        else:
            merge_statement(seen, st)

    # --- estimates ------------------------------------------------------------
    def estimate(self, est: Estimate) -> None:
        if est.id in self.facts.estimates:
            self.problem(est.origin, f"estimate id '{est.id}' is defined twice",
                         "first defined at {see}", field="id", see=self.facts.estimates[est.id].origin)
            return
        if not self.names_known(est):
            return
        for c in est.citations:
            self.citation(c)
        self.facts.estimates[est.id] = est

    def names_known(self, est: Estimate) -> bool:
        """Whether the estimate's subject and place are defined; the first that is not is reported."""
        for role, ident in (("subject", est.subject), ("place", est.place)):
            if ident is not None and ident not in self.facts.entities:
                if ident not in self.unusable:
                    self.problem(est.origin, f"unknown {role} '{ident}'", suggest(ident, self.facts.entities),
                                 field=role)
                return False
        return True

    # --- citations --------------------------------------------------------------
    def citation(self, c: Citation) -> None:
        if not self.source_known(c):
            return
        if c.by is not None:
            self.claimant(c)
        evidence_refs.citation(self, c)
        verdict = self.quote_verdict(c)
        if not verdict.found:
            self.problem(c.origin, verdict.message, verdict.hint, field="quote")

    def source_known(self, c: Citation) -> bool:
        """Whether the citation's source is registered; reported when not (unless unusable)."""
        if c.source in self.facts.sources:
            return True
        if c.source not in self.unusable:
            self.problem(c.origin, f"unknown source '{c.source}'",
                         suggest(c.source, self.facts.sources) or "register it in a 'sources' section", field="source")
        return False

    def claimant(self, c: Citation) -> None:
        who = self.facts.entities.get(c.by)
        if who is None and c.by not in self.unusable:
            self.problem(c.origin, f"unknown claimant '{c.by}'",
                         suggest(c.by, self.facts.entities) or "'by' names a person or organisation by id",
                         field="by")
        elif who is not None and not self.fits(who.type, (self.claimant_class,)):
            self.problem(c.origin, f"claimant '{c.by}' is {_a(who.type)}, not a person or organisation",
                         "'by' names who made the claim: a person or organisation", field="by")

    def quote_verdict(self, c: Citation) -> Verdict:
        """Whether the quote is in its source's text (found when quotes or the text are not checked)."""
        return self.texts.verdict(c.source, c.quote) if self.quotes and c.source in self.texts else FOUND

    # --- cycles of transitive relationships (part_of) ----------------------------
    def cycles(self, predicate: str) -> None:
        """Report each cycle of ``predicate`` statements once (a place cannot lie within itself)."""
        for closing, cycle in find_cycles([st for st in self.facts.statements.values() if st.predicate == predicate]):
            self.cycle_problem(closing, cycle)

    def cycle_problem(self, st: Statement, cycle: list[Statement]) -> None:
        pred = self.onto.predicates[st.predicate]
        what = self.onto.labels.get(pred.domain[0], pred.domain[0]) if len(pred.domain) == 1 else "thing"
        path = " → ".join([s.subject for s in cycle] + [st.object])
        self.problem(st.origin, f"{pred.name} cycle: {path}",
                     f"{_a(what)} cannot lie within itself; remove one of these {pred.name} links",
                     field="object" if _is_relationship(st) else None)


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
    if st.modality != ASSERTED_MODALITY:  # a planned or hedged link is another claim than the asserted one
        parts.append(st.modality)
    return ".".join(parts)


def _key(st: Statement) -> tuple:
    return (st.subject, st.predicate, st.object, st.date, st.start, st.end, st.place, st.modality)


def _own_citations(st: Statement) -> list[Citation]:
    """The citations written under the statement itself: an event's, shared with its statements, are checked once."""
    return [c for c in st.citations if c.origin[1][:len(st.origin[1])] == st.origin[1]]


def _named(name: str, value, path: tuple) -> list[tuple[str, tuple]]:
    """The ids a derived field names, each with its key path: one id, or a list of them."""
    if isinstance(value, list):
        return [(ident, path + (name, i)) for i, ident in enumerate(value)]
    return [(value, path + (name,))] if value else []


def _transitive(onto: Ontology) -> list[str]:
    """The relationship types the ontology marks transitive (owl:TransitiveProperty), by name."""
    return sorted(p.name for p in onto.predicates.values() if p.transitive and not p.inverse_of)


def _outside(file: str) -> bool:
    """Whether a source's ``file`` reaches outside the texts folders (absolute, '..', a backslash)."""
    return Path(file).is_absolute() or ".." in Path(file).parts or "\\" in file


def _is_relationship(st: Statement) -> bool:
    return bool(st.origin[1]) and st.origin[1][0] == "relationships"


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'AEIOUaeiou' else 'a'} {word}"


def _domain_hint(role: str, ident: str) -> str:
    return f"is '{ident}' the right {role}? `kg types` lists what each relationship type takes"


__all__ = ["check", "statement_id", "default_text_folders"]
