"""A seeded draw of paragraphs from the source documents, for the paragraph audit.

A paragraph is a block of the text between blank lines (a line, in a text
that has no blank lines), with its white space run together; a block that
opens in lower case continues the one before it (a page break cut it). Kept are blocks
of running prose: at least 40 words, mostly letters, not a heading (``#``), a
note or list line (``-``), a bibliography line (a web address), a form's field
or OCR debris; the page furniture after the document's end (the news site's
headlines after the cable, other briefs after the 2011 report) is cut off
first. Each drawn paragraph is printed with its document, its first line in
the file and its text: the reader lists every fact in it and looks each up in
the graph.

    python audit/paragraphs.py --seed 20261201 --per-document 2

>>> text = "Title\\n\\n" + "Sendero taxes the coca growers of the valley. " * 6 + "\\n\\n- note 1 http://x"
>>> [(p.line, p.text[:21]) for p in paragraphs("doc.txt", text)]
[(3, 'Sendero taxes the coc')]
>>> draw(Path("/nonexistent"), seed=1) == []
True
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT.parent / "shared" / "sources"
MIN_WORDS, MIN_LETTERS = 40, 0.72
# where a document's own text ends and the page around it begins (a line starting with this)
# the report documentation page's printed boilerplate (the form, not the document)
BOILERPLATE = ("reporting burden", "Respondents should be aware")
ENDS = {"002_47810599e7677177.txt": "© Scoop Media", "003_3d6754b074dff566.txt": "- "}


@dataclass
class Paragraph:
    document: str
    line: int  # the paragraph's first line in the file, 1-based
    text: str


def _blocks(text: str) -> list[tuple[int, str]]:
    """(first line, block) for every block between blank lines; every line when there are no blank lines."""
    lines = text.split("\n")
    if sum(1 for line in lines if not line.strip()) <= 1:
        return [(number, line) for number, line in enumerate(lines, 1) if line.strip()]
    blocks, current = [], []
    for number, line in enumerate(lines + [""], 1):
        if line.strip():
            current.append((number, line))
        elif current:
            blocks.append((current[0][0], " ".join(part for _, part in current)))
            current = []
    return _joined(blocks)


def _joined(blocks: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Blocks with a paragraph cut by a page break made whole: a block opening in lower case continues the last."""
    whole = []
    for line, block in blocks:
        if whole and block.lstrip()[:1].islower():
            whole[-1] = (whole[-1][0], whole[-1][1] + " " + block)
        else:
            whole.append((line, block))
    return whole


def _is_prose(block: str) -> bool:
    """Running prose: long enough, mostly letters, and not a heading, note, list or bibliography line."""
    words = block.split()
    letters = sum(ch.isalpha() or ch.isspace() for ch in block) / max(1, len(block))
    furniture = (block.startswith(("#", "-", "<sup>")) or "http" in block or "www." in block
                 or any(words in block for words in BOILERPLATE))
    return len(words) >= MIN_WORDS and letters >= MIN_LETTERS and not furniture


def paragraphs(document: str, text: str) -> list[Paragraph]:
    """The prose paragraphs of one document's text, in order."""
    end = ENDS.get(document)
    kept = []
    for line, block in _blocks(text):
        if end and block.startswith(end):
            break
        flat = re.sub(r"\s+", " ", block).strip()
        if _is_prose(flat):
            kept.append(Paragraph(document, line, flat))
    return kept


def draw(sources: Path, seed: int, per_document: int = 2) -> list[Paragraph]:
    """``per_document`` paragraphs from every document in ``sources``, drawn with ``seed``."""
    rng = random.Random(seed)
    picked = []
    for path in sorted(sources.glob("*.txt")) if sources.is_dir() else []:
        pool = paragraphs(path.name, path.read_text(encoding="utf-8"))
        picked += sorted(rng.sample(pool, min(per_document, len(pool))), key=lambda p: p.line)
    return picked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, required=True, help="the random seed (write it down first)")
    parser.add_argument("--per-document", type=int, default=2, help="paragraphs drawn from each document")
    parser.add_argument("--sources", type=Path, default=SOURCES, help="the folder of source texts")
    args = parser.parse_args(argv)
    picked = draw(args.sources, args.seed, args.per_document)
    print(f"# seed {args.seed}, {len(picked)} paragraphs from {args.sources}")
    for number, p in enumerate(picked, 1):
        print(f"\n{number:>2}. {p.document} line {p.line}")
        print(textwrap.indent(textwrap.fill(p.text, 100), "    "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
