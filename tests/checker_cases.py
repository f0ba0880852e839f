"""The fixtures of tests/fixtures/checker/{quotes,lints}: each a folder whose facts.yaml marks the
lines that must be reported with a trailing ``# expect: MESSAGE`` (the start of the message)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import FIXTURES, MINI_TEXTS, ROOT, run_kg

CHECKER = FIXTURES / "checker"
_MARK = re.compile(r"#\s*expect:\s*(.*)$")
_REPORTED = re.compile(r"^(?P<file>[^\s:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<message>.*)$")


def cases(kind: str) -> list[str]:
    return sorted(p.name for p in (CHECKER / kind).iterdir() if p.is_dir() and not p.name.startswith("."))  # not .kg-cache


def expected(kind: str, case: str, severity: str, slight: str = "error") -> list[tuple[int, str, str]]:
    """(line, severity, message start) for each ``# expect: [SEVERITY: ]MESSAGE`` mark of the case's facts.yaml.

    ``severity`` is a mark's when it names none; ``{slight}`` in a mark stands for ``slight``.
    """
    out = []
    for number, line in enumerate((CHECKER / kind / case / "facts.yaml").read_text().splitlines(), 1):
        m = _MARK.search(line)
        if m:
            text = m[1].replace("{slight}", slight).strip()
            given, _, rest = text.partition(": ")
            out.append((number, given, rest) if given in ("error", "warning") else (number, severity, text))
    return out


def reported(kind: str, case: str, *extra: str):
    """(completed process, [(line, severity, message)]) of the real ``kg validate`` on the case."""
    folder = CHECKER / kind / case
    r = run_kg("validate", "--seeds", folder, "--sources", MINI_TEXTS, *extra)
    assert "Traceback" not in r.stderr
    found = []
    for line in r.stderr.splitlines():
        m = _REPORTED.match(line)
        if m:
            assert Path(ROOT, m["file"]).resolve() == (folder / "facts.yaml").resolve(), line
            found.append((int(m["line"]), m["severity"], m["message"]))
    return r, found


def matches(found: list[tuple[int, str, str]], want: list[tuple[int, str, str]]) -> bool:
    """Whether every wanted (line, severity, message start) is among ``found``, each found once."""
    left = list(found)
    for line, severity, start in want:
        hit = next((f for f in left if f[:2] == (line, severity) and f[2].startswith(start)), None)
        if hit is None:
            return False
        left.remove(hit)
    return True
