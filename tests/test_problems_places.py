"""Key paths turned into lines and columns without composing whole files: the same places as the node tree.

``graph.problems.Places`` composes one entry's lines when it can prove the
layout plain; every answer must be the one the whole file's node tree gives
(libyaml's marks), on plain and nasty layouts alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graph.problems import Places, Problem, Report, shape_of

ROOT = Path(__file__).resolve().parent.parent

PLAIN = """\
# a comment at the top
actors:
  - id: a   # a comment after a value
    name: "Ana Ñañez"
    evidence:
      - source: s1
        quote: "ü ü ü before the column"
# a comment at the margin between entries
  - id: b
    description: >-
      folded text
      on two lines
    aliases: [x, y]

  - id: c
    note: plain text that
      goes on a second line
relationships:
- subject: a
  predicate: member_of
  object: b
- {subject: b, predicate: ally_of, object: c}
"""

NASTY = {
    "plain": PLAIN,
    "entries at the margin": "actors:\n- id: a\n  name: A\n- id: b\n",
    "quoted text holding an entry line": 'actors:\n  - id: a\n    q: "one\n  - id: fake\n    two"\n  - id: b\n',
    "quoted text holding a section line": "actors:\n  - id: a\n    q: 'one\nfake: 1\n    two'\n  - id: b\n",
    "quoted text holding a margin entry line": 'actors:\n- id: a\n  q: "x\n- id: fake"\n- id: b\n',
    "flow collection over lines": "actors: [\n  {id: a},\n  {id: b, name: B}\n  ]\nmore:\n  - id: c\n",
    "flow entry over lines": "actors:\n  - {id: a,\n  name: A}\n  - id: b\n",
    "block scalar with margin-looking text": "actors:\n  - id: a\n    d: |\n      x: 1\n      - y\n  - id: b\n",
    "alias to another entry": "actors:\n  - &one {id: a}\n  - *one\n  - id: b\n    same: *one\n",
    "quoted section key": '"actors":\n  - id: a\n  - id: b\n',
    "root indented": "  actors:\n    - id: a\n    - id: b\n",
    "document marker": "---\nactors:\n  - id: a\n  - id: b\n...\n",
    "keys that are numbers and dates": "actors:\n  - id: a\n    1: one\n    2020-01-02: day\n    '3': three\n",
    "section written twice as text": "actors:\n  - id: a\n    n: 'actors:'\nothers:\n  - actors: x\n",
    "tab after the indentation": "actors:\n  - id: a\n    n:\tx\n  - id: b\n",
    "empty and scalar sections": "actors: []\nnote: text\ngroups:\n  - id: g\n",
    "comment after the section key": "actors: # the people\n  - id: a\n  - id: b\n    name: B\n",
    "unicode before the column": "actors:\n  - {ñ: ü, id: ä}\n  - id: b\n    nämé: Bé\n",
    "crlf": "actors:\r\n  - id: a\r\n    name: A\r\n  - id: b\r\n",
    "lone cr and unicode line breaks": "actors:\n  - id: a\r    name: A\n  - id: b\u2028\n  - id: c\x85\n",
}


def _paths(node, prefix=()):
    """Every key path into ``node``, and some that lead nowhere (the deepest ancestor's place is wanted)."""
    yield prefix
    yield prefix + ("nowhere",)
    yield prefix + (99,)
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, prefix + (i,))


def _whole_file_mark(text: str, path, on_key: bool):
    """What the node tree of the whole text says: the places as they were before."""
    from graph.problems import _mark_at

    mark = _mark_at(yaml.compose(text, Loader=yaml.CSafeLoader), path, on_key)
    return mark.line + 1, mark.column + 1


@pytest.mark.parametrize("name", sorted(NASTY))
def test_every_path_is_where_the_whole_file_tree_says(name):
    text = NASTY[name]
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    places = Places(text, shape_of(data))
    paths = [p for p in _paths(data) if p]
    assert paths
    for path in paths:
        for on_key in (False, True):
            assert places.mark(path, on_key) == _whole_file_mark(text, path, on_key), (path, on_key)


def test_a_plain_layout_is_never_composed_whole():
    data = yaml.load(PLAIN, Loader=yaml.CSafeLoader)
    places = Places(PLAIN, shape_of(data))
    assert places.mark(("actors", 1, "aliases", 1), False) == _whole_file_mark(PLAIN, ("actors", 1, "aliases", 1),
                                                                               False)
    assert places.mark(("relationships", 1, "object"), True) == _whole_file_mark(PLAIN, ("relationships", 1, "object"),
                                                                                 True)
    assert places.whole is not None and not isinstance(places.whole, yaml.Node)  # still unread


@pytest.mark.parametrize("name", ["quoted text holding an entry line", "quoted text holding a section line",
                                  "alias to another entry", "crlf", "root indented"])
def test_a_layout_it_cannot_prove_is_read_whole(name):
    text = NASTY[name]
    places = Places(text, shape_of(yaml.load(text, Loader=yaml.CSafeLoader)))
    places.mark(("actors", 1, "id"), False)
    assert isinstance(places.whole, yaml.Node)


def test_without_the_data_shape_the_whole_file_is_read():
    places = Places(PLAIN, None)
    assert places.mark(("actors", 2, "note"), False) == _whole_file_mark(PLAIN, ("actors", 2, "note"), False)
    assert isinstance(places.whole, yaml.Node)


@pytest.mark.parametrize("prefix", ["", "\ufeff"], ids=["no bom", "bom"])
def test_report_locates_problems_in_files_and_their_related_places(tmp_path, prefix):
    file = tmp_path / "x.yaml"
    file.write_text(prefix + PLAIN, encoding="utf-8")
    data = yaml.load(PLAIN, Loader=yaml.CSafeLoader)
    report = Report()
    report.shapes[str(file)] = shape_of(data)
    report.problems = [Problem(str(file), "late", path=("relationships", 0, "object")),
                       Problem(str(file), "early", path=("actors", 0, "evidence", 0, "quote"),
                               see=(str(file), ("actors", 2, "note")), hint="first at {see}"),
                       Problem(str(file), "on a key", path=("actors", 1, "description"), on_key=True)]
    report.locate()
    said = [p.format() for p in report.problems]

    def at(path, on_key=False):
        return "{}:{}:{}".format(file, *_whole_file_mark(PLAIN, path, on_key))

    assert said == [f"{at(('actors', 0, 'evidence', 0, 'quote'))}: error: early\n"
                    f"    hint: first at {at(('actors', 2, 'note'))}",
                    f"{at(('actors', 1, 'description'), True)}: error: on a key",
                    f"{at(('relationships', 0, 'object'))}: error: late"]
    assert said[0].startswith(f"{file}:7:16: error: early")  # the line the quote is on, whatever the BOM


@pytest.mark.slow
def test_every_fact_file_of_the_project_is_located_as_the_whole_tree_says():
    for file in sorted((ROOT / "seeds").glob("*.yaml")):
        text = file.read_text(encoding="utf-8-sig")
        data = yaml.load(text, Loader=yaml.CSafeLoader)
        places = Places(text, shape_of(data))
        tree = yaml.compose(text, Loader=yaml.CSafeLoader)
        from graph.problems import _mark_at

        for path in _paths(data):
            if len(path) >= 2:
                mark = _mark_at(tree, path, True)
                assert places.mark(path, True) == (mark.line + 1, mark.column + 1), (file.name, path)


def test_records_replayed_from_the_read_cache_keep_each_file_s_shape(tmp_path):
    """A warm read (records from the build cache) still knows where entries are, so it composes no whole file."""
    from graph.facts.load import read_seeds
    from graph.facts.readcache import ReadCache, cached_reading
    from graph.speedups.cache import Cache

    shapes = []
    for _ in range(2):  # a cold read fills the cache, the second replays it
        cache = ReadCache(Cache(tmp_path / "cache"), "test-tool")
        with cached_reading(cache):
            _, report = read_seeds(ROOT / "tests" / "fixtures" / "mini")
        shapes.append(report.shapes)
    assert cache.hits and shapes[0] and shapes[1] == shapes[0]
    assert all(shape is None or all(isinstance(key, str) for key, _ in shape) for shape in shapes[0].values())
