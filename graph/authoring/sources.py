"""``kg source add FILE``: a new document in the source register, its text where the quote check reads it.

The entry is checked as ``kg validate`` checks one (the fact schema's ``source``
record) before anything is written; the register gets it appended to its
``sources:`` list, comments and all kept. A text that may be copied into the
project goes to ``SEEDS/texts/``; one that may not, to the shared sources folder
beside the project (``../shared/sources``), which the quote check also reads.
A PDF is read to text with pypdf (text PDFs; scanned pages would need OCR, which
is out of scope).

>>> entry_yaml({"id": "doc", "title": "A: report", "date": "2016"})
'  - id: doc\\n    title: "A: report"\\n    date: 2016\\n'
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from graph.errors import KgError
from graph.facts.load import read_seeds
from graph.problems import Report

TEXT_SUFFIXES = (".txt", ".md", ".text")
PLAIN_VALUE = re.compile(r"^[\w][\w .,'()/-]*$")


def pdf_text(path: Path) -> str:
    """The text of a PDF's pages, one after another, each ended by a line with its page number."""
    try:
        import pypdf
    except ImportError:  # pragma: no cover - a dependency
        raise KgError("reading a PDF needs the pypdf package", hint="pip install pypdf") from None
    try:
        reader = pypdf.PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (pypdf.errors.PdfReadError, ValueError, KeyError) as exc:
        raise KgError(f"{path}: not a PDF pypdf can read ({exc})", hint="save its text as a .txt file instead") from None
    if not any(p.strip() for p in pages):
        raise KgError(f"{path}: no text in the PDF (a scan?)", hint="OCR it first and add the text file")
    return "".join(f"{p.rstrip()}\n\n{n}\n\n" for n, p in enumerate(pages, 1))


def document_text(path: Path) -> str:
    """The text of ``path``: a text file as it is, a PDF read to text."""
    if not path.is_file():
        raise KgError(f"{path}: no such file", hint="name the document's text or PDF file")
    if path.suffix.lower() == ".pdf":
        return pdf_text(path)
    return path.read_text(encoding="utf-8", errors="replace")


def _scalar(value) -> str:
    text = str(value)
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", text) or PLAIN_VALUE.match(text) and ": " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted string


def entry_yaml(entry: dict) -> str:
    """One register entry as the lines the register's list is written with."""
    lines = [f"{'  - ' if i == 0 else '    '}{key}: {_scalar(value)}" for i, (key, value) in enumerate(entry.items())]
    return "\n".join(lines) + "\n"


def check_entry(entry: dict, register: Path) -> Report:
    """The problems ``kg validate`` would report for ``entry``, written as a file of its own."""
    with tempfile.TemporaryDirectory(prefix="kg-source-") as tmp:
        (Path(tmp) / register.name).write_text("sources:\n" + entry_yaml(entry), encoding="utf-8")
        records, report = read_seeds(Path(tmp))
        for p in report.problems:
            p.file = f"{register} (the new entry)"
    return report


def registered_ids(seeds: Path) -> set[str]:
    records, _ = read_seeds(seeds)
    return {s.id for s in records.sources}


def append_entry(register: Path, entry: dict) -> None:
    """Add ``entry`` to the ``sources:`` list that ends ``register`` (or start the file)."""
    if not register.exists():
        register.write_text("sources:\n" + entry_yaml(entry), encoding="utf-8")
        return
    text = register.read_text(encoding="utf-8")
    tops = [line for line in text.splitlines() if line and not line[0].isspace() and not line.startswith("#")]
    if not tops or tops[-1].rstrip() != "sources:":
        raise KgError(f"{register}: its last section is not 'sources:'",
                      hint="add the entry by hand, or name another register with --register FILE")
    register.write_text(text.rstrip("\n") + "\n\n" + entry_yaml(entry), encoding="utf-8")


def text_destination(seeds: Path, shared: Path, name: str, may_copy: bool) -> Path:
    """Where the document's text goes: the project's own texts, or the shared folder when it may not be copied."""
    folder = seeds / "texts" if may_copy else shared
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if target.exists():
        raise KgError(f"{target}: a text of that name is already there", hint="pass --id with another id")
    return target
