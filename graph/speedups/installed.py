"""What is installed, read from the names of the ``*.dist-info`` folders on ``sys.path``.

``importlib.metadata`` answers the same, but importing it costs a tenth of a
second and each ``version()`` scans every distribution: too much for a command
that wants seven versions and to know that no plugin is installed. Where the
folders cannot tell, the callers ask ``importlib.metadata``.

>>> versions()["pyyaml"] == __import__("importlib.metadata").metadata.version("PyYAML")
True
>>> may_have_entry_points("no.such.group")
False
"""

from __future__ import annotations

import os
import re
import sys
from functools import lru_cache
from pathlib import Path

_FOLDERS = (".dist-info", ".egg-info")


def normal(name: str) -> str:
    """A distribution's name as installers spell its folder (PEP 503, with ``_``).

    >>> normal("yaml-rs"), normal("PyYAML")
    ('yaml_rs', 'pyyaml')
    """
    return re.sub(r"[-_.]+", "_", name).lower()


@lru_cache(maxsize=1)
def _metadata_folders() -> tuple[Path, ...]:
    """Every ``*.dist-info`` and ``*.egg-info`` folder on ``sys.path``, in ``sys.path`` order."""
    found = []
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        found += [Path(entry or ".", n) for n in names if n.endswith(_FOLDERS)]
    return tuple(found)


def versions() -> dict[str, str]:
    """``{normal name: version}`` of the ``NAME-VERSION.dist-info`` folders, the first of each name."""
    found: dict[str, str] = {}
    for folder in _metadata_folders():
        if folder.name.endswith(".dist-info") and "-" in folder.name:
            name, _, version = folder.name[:-len(".dist-info")].rpartition("-")
            found.setdefault(normal(name), version)
    return found


def may_have_entry_points(group: str) -> bool:
    """False only when no installed distribution declares an entry point of ``group`` (a zipped or
    otherwise unusual sys.path entry: True, so the caller asks ``importlib.metadata``)."""
    if any(entry.endswith(".egg") or os.path.isfile(entry) for entry in sys.path if entry):  # an egg, a zip
        return True
    header = f"[{group}]"
    for folder in _metadata_folders():
        try:
            text = (folder / "entry_points.txt").read_text(encoding="utf-8")
        except OSError:
            continue
        if header in text.replace(" ", ""):
            return True
    return False
