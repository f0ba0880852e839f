"""The facts of the two versions ``kg diff`` compares, read for comparing and nothing else.

Only the facts: each file through the loader's own shape checks and the
checker's own cross-checks (inverse forms made primary, an event's
participants made statements, one id per statement), with no quote check, no
lints, no gazetteer, no RDF, no NetworkX and no exports. A file alike in both
versions (the same blob id) is parsed once. A version with errors is read again
by the full checker (:func:`graph.facts.validate.check`), so that its problems
are reported exactly as ``kg validate`` reports them.

>>> from graph.authoring.versions import folder_version
>>> reader = FactReader(Path("/tmp"))
>>> facts, report = reader.facts(folder_version("mini", Path("tests/fixtures/mini")))
>>> report.errors, "abimael-guzman.founder_of.sendero-luminoso" in facts.statements
([], True)
"""

from __future__ import annotations

import os
from pathlib import Path

from graph.authoring.versions import FactFile, Version
from graph.facts.load import Records, _FileReader, display_path, section_layout
from graph.facts.validate import _Checker, check
from graph.facts.readcache import read_fact_file
from graph.model import Facts
from graph.problems import Report
from graph.vocab.ontology import DEFAULT_BASE, load_ontology


class FactReader:
    """Reads versions' facts, parsing each distinct file once; ``scratch`` holds git-only files while parsed."""

    def __init__(self, scratch: Path, base: str = DEFAULT_BASE):
        self.scratch, self.base = scratch, base
        self.parsed: dict[str, object] = {}  # blob id -> the data of a file that parsed without problems

    def data(self, version: Version, f: FactFile, report: Report):
        """The parsed data of ``f``, or None with its problems in ``report``."""
        if f.blob in self.parsed:
            return self.parsed[f.blob]
        path = f.path
        if path is None:
            path = self.scratch / f"{f.blob}{Path(f.name).suffix}"
            path.write_bytes(version.content(f))
        data, problems = read_fact_file(path, f.name)
        if problems:
            report.problems.extend(problems)
            return None
        self.parsed[f.blob] = data
        return data

    def records(self, version: Version) -> tuple[Records, Report]:
        """The shape-checked records of every fact file of ``version``."""
        records, report, layout = Records(), Report(list(version.problems)), section_layout()
        for f in version.files:
            records.files.append(f.name)
            data = self.data(version, f, report)
            if data is not None:
                _FileReader(f.name, records, report, layout).read(data)
        return records, report

    def facts(self, version: Version) -> tuple[Facts, Report]:
        """The cross-checked facts of ``version`` and its problems (located only when it is checked in full)."""
        records, report = self.records(version)
        checker = _Checker(load_ontology(self.base), report, [], quotes=False)
        checker.gazetteer = False
        return checker.run(records), report

    def full_report(self, version: Version) -> Report:
        """``version`` checked as ``kg validate --no-quote-check`` checks it, every problem located."""
        folder = version.write(self.scratch / f"version-{len(list(self.scratch.iterdir()))}")
        report = check(folder, [], quotes=False, base=self.base)[1]
        if folder != version.seeds:  # a revision's files: named as git names them, HEAD:seeds/x.yaml
            _rename(report, display_path(folder), f"{version.label}:{display_path(version.seeds)}")
        return report


def _rename(report: Report, written: str, shown: str) -> None:
    """Name the files of ``report`` found under folder ``written`` as under ``shown`` instead."""
    def renamed(file: str) -> str:
        return shown + file[len(written):] if file.startswith(written + os.sep) else file

    for p in report.problems:
        p.file = renamed(p.file)
        if p.see:
            p.see = (renamed(p.see[0]), p.see[1])
