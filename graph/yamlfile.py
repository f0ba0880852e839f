"""Reading one fact file safely: plain data out, or a clear problem.

PyYAML's C parser does the work. On top of it: only plain data (no custom
tags, no anchors or aliases, so no alias bombs), no duplicate keys (PyYAML
would silently keep the last one), UTF-8 only, and a size limit.

>>> data, problems = read_yaml_text("x.yaml", "actors:\\n  - id: a\\n    id: b\\n")
>>> print(problems[0].format())
x.yaml:3:5: error: duplicate key 'id' (first at line 2)
    hint: a mapping may name each key once; merge the two entries
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .problems import Problem

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _StrictLoader(yaml.CSafeLoader):
    """Safe loading that also rejects aliases, duplicate keys and deep nesting."""

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "anchors and aliases (&name / *name) are not allowed in fact files",
                node.start_mark)
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _ in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
                if key in seen:
                    raise _DuplicateKey(
                        None, None, f"duplicate key '{key}' (first at line {seen[key].line + 1})",
                        key_node.start_mark)
                seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)


def _too_deep(node, depth=0) -> yaml.Node | None:
    if depth > MAX_DEPTH:
        return node
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [v for _, v in node.value]
    else:
        return None
    for child in children:
        found = _too_deep(child, depth + 1)
        if found is not None:
            return found
    return None


def read_yaml_text(name: str, text: str) -> tuple[object, list[Problem]]:
    """Parse ``text`` (the contents of file ``name``) into plain data."""
    loader = _StrictLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, []
        deep = _too_deep(root)
        if deep is not None:
            m = deep.start_mark
            return None, [Problem(name, f"nesting deeper than {MAX_DEPTH} levels", line=m.line + 1,
                                  col=m.column + 1, hint="fact files are at most a few levels deep")]
        return loader.construct_document(root), []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "malformed YAML"
        if exc.context and exc.context_mark and exc.context_mark is not mark:
            message += f" ({exc.context} at line {exc.context_mark.line + 1})"
        line_text = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
        hint = _hint_for(message + (" tab" if "\t" in line_text[:mark.column + 1] else ""), exc)
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        return None, [Problem(name, message, line=line, col=col, hint=hint)]
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        return None, [Problem(name, f"malformed YAML: {exc}")]
    finally:
        loader.dispose()


def _hint_for(message: str, exc: Exception) -> str:
    if isinstance(exc, _DuplicateKey):
        return "a mapping may name each key once; merge the two entries"
    if "tag" in message:
        return "fact files hold plain text, numbers, lists and mappings; remove the '!' tag"
    if "alias" in message:
        return "write the value out in full"
    if "tab" in message or "\t" in message:
        return "indent with spaces, not tabs"
    if "expected <document start>" in message or "but found another document" in message:
        return "one document per file: remove the '---' separator or split the file"
    if "could not find expected ':'" in message or "mapping values are not allowed" in message:
        return "check the indentation and that every 'key: value' has a space after the colon"
    if "quoted scalar" in message:
        return "a quoted string is not closed; check its closing quote"
    if "flow" in message or "expected ',' or" in message:
        return "a '[' or '{' is not closed, or a ',' is misplaced"
    return "check the YAML syntax near this place"


def read_yaml_file(path: Path, display: str) -> tuple[object, list[Problem]]:
    """Read and parse a fact file, turning byte-level trouble into problems."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(display, f"file is {size / 2**20:.0f} MB, over the {MAX_BYTES // 2**20} MB limit",
                                  line=1, col=1, hint="split the facts into several files")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(display, f"cannot read file: {exc.strerror}")]
    if b"\x00" in raw:
        at = raw.index(b"\x00")
        line = raw.count(b"\n", 0, at) + 1
        return None, [Problem(display, "file contains a NUL byte", line=line,
                              col=at - (raw.rfind(b"\n", 0, at) + 1) + 1,
                              hint="fact files are UTF-8 text; this looks like a binary file")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(display, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", line=line, col=col,
                              hint="save the file as UTF-8 (it may be Latin-1 or Windows-1252)")]
    return read_yaml_text(display, text)
