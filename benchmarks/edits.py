"""The two edits the benchmark makes before it times ``kg build`` again (the incremental builds).

>>> import tempfile
>>> seeds = Path(tempfile.mkdtemp())
>>> _ = (seeds / "a.yaml").write_text("actors:\\n  - id: x\\n    description: Someone.\\n")
>>> change_one_file(seeds).name, (seeds / "a.yaml").read_text().endswith("# changed by the benchmark\\n")
('a.yaml', True)
>>> change_one_fact(seeds).name, "description: Changed by the benchmark. Someone." in (seeds / "a.yaml").read_text()
('a.yaml', True)
"""

from __future__ import annotations

from pathlib import Path


def change_one_file(seeds: Path) -> Path:
    """Append a comment to the middle fact file (its content changes, its facts do not); that file."""
    files = sorted(p for p in seeds.glob("*.yaml") if p.name != "sources.yaml") or sorted(seeds.glob("*.yaml"))
    chosen = files[len(files) // 2]
    with chosen.open("a", encoding="utf-8") as handle:
        handle.write("# changed by the benchmark\n")
    return chosen


def change_one_fact(seeds: Path) -> Path | None:
    """Change one entity's description in the middle fact file (its facts change); that file, or None."""
    files = sorted(p for p in seeds.glob("*.yaml") if p.name != "sources.yaml")
    for chosen in files[len(files) // 2:] + files[:len(files) // 2]:
        text = chosen.read_text(encoding="utf-8")
        at = _description_text(text)
        if at is not None:
            chosen.write_text(text[:at] + "Changed by the benchmark. " + text[at:], encoding="utf-8")
            return chosen
    return None


def _description_text(text: str) -> int | None:
    """Where the first description's words start (after a quote, or on the line after '>-'), or None."""
    at = text.find("description: ")
    if at < 0:
        return None
    at += len("description: ")
    end = text.find("\n", at)
    if text[at:end].strip() in (">-", ">", "|", "|-"):
        line = end + 1
        return line + len(text[line:]) - len(text[line:].lstrip(" "))
    return at + 1 if text[at] in "'\"" else at
