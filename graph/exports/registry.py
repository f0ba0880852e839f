"""The exporter registry: what `kg build` writes.

An :class:`Exporter` is a name, the files it writes (relative to the exports
folder) and a function from the built graph to those files' bytes. A format
that writes several files (Neo4j's CSVs and scripts) renders them all in one
call.

:func:`exporters` gives the built-in formats, in the order `kg build` writes
them, then any a third-party package registers under the entry-point group
``peru_nexus.exporters``, sorted by entry-point name. In that package's
``pyproject.toml``::

    [project.entry-points."peru_nexus.exporters"]
    csv-edges = "my_package.edges:EXPORTER"

where ``EXPORTER = Exporter("csv-edges", ("edges.csv",), render)``. A plugin
that fails to load, is not an :class:`Exporter`, or claims a name or a file
another exporter has raises :class:`ExporterError` with a message saying which.

Built-ins are named as ``module:attribute`` references too, so nothing here
imports a format (or the explorer) until it is used: :data:`DECLARED` gives each
built-in's name and files, and its module is imported when it renders (a build
that copies its exports from the cache never imports NetworkX).

>>> [e.name for e in exporters()][:4]
['turtle', 'ntriples', 'jsonld', 'trig']
>>> single("txt", "graph.txt", lambda kg: b"hi").render(None)
{'graph.txt': b'hi'}
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

STEM = "peru-nexus"  # every single-file export is named peru-nexus.<extension>
ENTRY_POINT_GROUP = "peru_nexus.exporters"

_NEO4J = tuple(f"neo4j/{name}" for name in (
    "nodes-entities.csv", "nodes-sources.csv", "nodes-estimates.csv", "relationships.csv",
    "relationships-estimates.csv", "import.cypher", "falkordb.cypher", "ladybug-schema.cypher"))


@dataclass(frozen=True)
class Declared:
    """A built-in exporter as the registry knows it without importing it: its ``name`` and ``files``;
    ``reads_triples``: it renders from ``kg.triples`` (so it goes before they are let go); ``weight``: its
    share of a build's rendering, roughly (CPU seconds on the Peru graph, each measured after the graph
    is built), for balancing a second process; ``reads_network``: it renders from ``kg.nx``; ``group``:
    rendered in the same process as the others of that group (GraphML and GEXF share their flattened
    attributes); ``apart``: worth a process of its own.

    >>> Declared("txt", ("graph.txt",)).weight
    0.0
    """

    name: str
    files: tuple[str, ...]
    reads_triples: bool = False
    weight: float = 0.0
    reads_network: bool = False
    group: str = ""
    apart: bool = False


# Each built-in exporter, by its ``module:attribute`` reference, with its name, files and how a build
# treats it, so that listing the exporters imports none of them (tests/test_build.py checks them
# against the modules). A new exporter is one line here: whatever a build needs to know of it, it says.
DECLARED = {
    "graph.exports.rdf_formats:TURTLE": Declared("turtle", (f"{STEM}.ttl",), reads_triples=True, weight=0.07),
    "graph.exports.rdf_formats:NTRIPLES": Declared("ntriples", (f"{STEM}.nt",), reads_triples=True, weight=0.05),
    "graph.exports.rdf_formats:JSONLD": Declared("jsonld", (f"{STEM}.jsonld",), reads_triples=True, weight=0.18),
    "graph.exports.rdf_formats:TRIG": Declared("trig", (f"{STEM}.trig",), reads_triples=True, weight=0.16),
    "graph.exports.network_formats:GRAPHML": Declared("graphml", (f"{STEM}.graphml",), weight=0.10,
                                                      reads_network=True, group="network"),
    "graph.exports.network_formats:GEXF": Declared("gexf", (f"{STEM}.gexf",), weight=0.12,
                                                reads_network=True, group="network"),
    "graph.exports.property_graph:NEO4J": Declared("neo4j", _NEO4J, weight=0.12),
    "graph.explorer:EXPORTER": Declared("html", (f"{STEM}.html",), weight=0.45, reads_network=True, apart=True),
    "graph.exports.dataset:VOID_EXPORTER": Declared("void", ("void.ttl",), reads_triples=True, weight=0.02),
    "graph.exports.dataset:SHAPES": Declared("shapes", ("shapes.ttl",)),
    "graph.authoring.schema_file:EXPORTER": Declared("json-schema", (f"{STEM}.schema.json",)),  # for editors
}
BUILTINS = tuple(DECLARED)  # the built-ins' references, in their order


class ExporterError(Exception):
    """An exporter that cannot be used: a broken or clashing plugin, or a wrong set of files."""


@dataclass(frozen=True)
class Exporter:
    """A format: its ``name``, the ``files`` it writes and ``render(kg) -> {file: bytes}``.

    ``chunks(kg) -> {file: iterable of bytes}``, if given, yields the same bytes a
    piece at a time: ``kg build`` then streams the file to disk instead of holding it.
    ``declared``: what a build knows of it (a built-in's line in :data:`DECLARED`; a plugin's
    defaults: it may read the triples, weighs nothing, stays in the parent process).
    """

    name: str
    files: tuple[str, ...]
    render: Callable[..., dict[str, bytes]]
    chunks: Callable[..., dict] | None = None
    declared: Declared | None = None

    @property
    def builtin(self) -> bool:
        """Whether this is a built-in exporter (one :data:`DECLARED` describes)."""
        return self.declared is not None

    def pieces(self, kg) -> dict:
        """``{file: iterable of bytes}`` in :attr:`files` order: ``chunks(kg)``, else ``render(kg)`` whole.

        >>> [b"".join(p) for p in single("a", "a.txt", lambda kg: b"x").pieces(None).values()]
        [b'x']
        """
        if self.chunks is None:
            return {name: (data,) for name, data in self.render_checked(kg).items()}
        files = self.chunks(kg)
        if not isinstance(files, dict) or set(files) != set(self.files):
            got = sorted(files) if isinstance(files, dict) else type(files).__name__
            raise ExporterError(f"exporter {self.name!r}: rendered {got}, not its files {list(self.files)}")
        return {name: _checked_pieces(self.name, name, files[name]) for name in self.files}

    def render_checked(self, kg) -> dict[str, bytes]:
        """``render(kg)``, checked to give bytes for exactly :attr:`files`, in that order.

        >>> single("a", "a.txt", lambda kg: "text").render_checked(None)
        Traceback (most recent call last):
        ...
        graph.exports.registry.ExporterError: exporter 'a': a.txt is str, not bytes
        """
        files = self.render(kg)
        if not isinstance(files, dict) or set(files) != set(self.files):
            got = sorted(files) if isinstance(files, dict) else type(files).__name__
            raise ExporterError(f"exporter {self.name!r}: rendered {got}, not its files {list(self.files)}")
        for name, data in files.items():
            if not isinstance(data, bytes):
                raise ExporterError(f"exporter {self.name!r}: {name} is {type(data).__name__}, not bytes")
        return {name: files[name] for name in self.files}


def _checked_pieces(exporter: str, name: str, pieces):
    for piece in pieces:
        if not isinstance(piece, bytes):
            raise ExporterError(f"exporter {exporter!r}: {name} is {type(piece).__name__}, not bytes")
        yield piece


def single(name: str, file: str, render: Callable[..., bytes], chunks: Callable | None = None) -> Exporter:
    """An exporter of one file from ``render(kg) -> bytes`` (and ``chunks(kg)``: its pieces, if given)."""
    return Exporter(name, (file,), lambda kg: {file: render(kg)},
                    None if chunks is None else lambda kg: {file: chunks(kg)})


def resolve(reference: str):
    """The object a ``module:attribute`` reference names.

    >>> resolve("graph.exports.registry:STEM")
    'peru-nexus'
    """
    module, _, attribute = reference.partition(":")
    found = importlib.import_module(module)
    for part in attribute.split("."):
        found = getattr(found, part)
    return found


def _builtin(reference: str) -> Exporter:
    """The built-in :class:`Exporter` ``reference`` names: as :data:`DECLARED` says, its module imported
    only when it renders."""
    declared = DECLARED[reference]
    return Exporter(declared.name, declared.files, lambda kg: _declared(reference).render(kg),
                    lambda kg: _declared_pieces(_declared(reference), kg), declared)


def _declared(reference: str) -> Exporter:
    """The exporter ``reference`` names, checked to be what :data:`DECLARED` says it is."""
    found, declared = resolve(reference), DECLARED[reference]
    if (found.name, tuple(found.files)) != (declared.name, declared.files):
        raise ExporterError(f"exporter {reference} is {found.name!r} writing {list(found.files)}, not what "
                            f"graph.exports.registry.DECLARED says: {declared.name!r} writing "
                            f"{list(declared.files)}; correct DECLARED")
    return found


def _declared_pieces(exporter: Exporter, kg) -> dict:
    """The exporter's files as ``{file: iterable of bytes}``: its chunks, or its checked render whole."""
    if exporter.chunks is not None:
        return exporter.chunks(kg)
    return {name: (data,) for name, data in exporter.render_checked(kg).items()}


def _guarded(exporter: Exporter, origin: str) -> Exporter:
    """``exporter`` with any failure of its ``render`` reported as an :class:`ExporterError`."""

    def render(kg):
        try:
            return exporter.render(kg)
        except Exception as exc:
            raise ExporterError(f"exporter {exporter.name!r} ({origin}) failed: {type(exc).__name__}: {exc}") from exc

    return replace(exporter, render=render, chunks=None, declared=None)  # a plugin is never a built-in


def _bad_file(file) -> bool:
    path = PurePosixPath(file) if isinstance(file, str) else None
    return path is None or not file or path.is_absolute() or ".." in path.parts or "\\" in file


def load_plugin(entry_point) -> Exporter:
    """The :class:`Exporter` an entry point names, or an :class:`ExporterError` saying why not."""
    origin = f"entry point {entry_point.name!r} = {entry_point.value!r}"
    try:
        exporter = entry_point.load()
    except Exception as exc:
        raise ExporterError(f"exporter plugin {origin} does not load: {type(exc).__name__}: {exc}") from None
    if not isinstance(exporter, Exporter):
        raise ExporterError(f"exporter plugin {origin} is a {type(exporter).__name__}, not a "
                            f"graph.exports.registry.Exporter")
    bad = [f for f in exporter.files if _bad_file(f)]
    if bad or not exporter.files:
        raise ExporterError(f"exporter plugin {origin}: file names must be relative paths inside the "
                            f"exports folder, got {list(exporter.files)}")
    return _guarded(exporter, origin)


def plugin_entry_points() -> list:
    """The entry points of group ``peru_nexus.exporters``, sorted by name (none, without importing
    ``importlib.metadata``, when no installed distribution declares the group)."""
    from graph import speedups
    from graph.speedups.installed import may_have_entry_points

    if speedups.enabled() and not may_have_entry_points(ENTRY_POINT_GROUP):
        return []
    import importlib.metadata

    found = importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
    return sorted(found, key=lambda ep: (ep.name, ep.value))


def check_unique(found: Iterable[Exporter]) -> list[Exporter]:
    """``found`` as a list, or an :class:`ExporterError` if two share a name or a file.

    >>> check_unique([single("a", "x.txt", bytes), single("b", "x.txt", bytes)])
    Traceback (most recent call last):
    ...
    graph.exports.registry.ExporterError: exporter 'b' writes x.txt, which exporter 'a' writes too
    """
    names: set[str] = set()
    owners: dict[str, str] = {}
    out = []
    for exporter in found:
        if exporter.name in names:
            raise ExporterError(f"two exporters are named {exporter.name!r}")
        names.add(exporter.name)
        for file in exporter.files:
            if file in owners:
                raise ExporterError(f"exporter {exporter.name!r} writes {file}, "
                                    f"which exporter {owners[file]!r} writes too")
            owners[file] = exporter.name
        out.append(exporter)
    return out


def exporters(plugins: bool = True) -> list[Exporter]:
    """Every registered exporter: the built-ins in order, then the plugins (``plugins=False``: built-ins only)."""
    found = [_builtin(reference) for reference in BUILTINS]
    if plugins:
        found += [load_plugin(ep) for ep in plugin_entry_points()]
    return check_unique(found)
