"""Places: the value objects every stage shares, and the name folding that compares them."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

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

    @property
    def spatial_precision(self) -> str:
        """How exactly the point stands for the place: a ``building``, a ``city`` (a town or
        village), or an area, ``region`` or ``country``, that the map draws as an area."""
        return "city" if self.type is PlaceType.VILLAGE else self.type.value

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


EARTH_RADIUS_KM = 6371.0


def distance_km(origin: tuple[float, float], destination: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points (haversine, mean Earth radius)."""
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (*origin, *destination))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
