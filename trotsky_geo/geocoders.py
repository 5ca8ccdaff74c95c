"""Opt-in online geocoding through Nominatim (geopy), rate-limited, every answer cached on disk."""

from __future__ import annotations

import json
import os
import re
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from geopy.adapters import URLLibAdapter
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from trotsky_geo.errors import GeocodingError
from trotsky_geo.place import Place, PlaceType, normalise

CACHE_FORMAT = 1

# Nominatim's "addresstype" (or "type") of a result, mapped to our coarser place types.
_TYPES = {
    "country": PlaceType.COUNTRY,
    "state": PlaceType.REGION,
    "region": PlaceType.REGION,
    "province": PlaceType.REGION,
    "county": PlaceType.REGION,
    "state_district": PlaceType.REGION,
    "island": PlaceType.VILLAGE,
    "archipelago": PlaceType.REGION,
    "city": PlaceType.CITY,
    "town": PlaceType.CITY,
    "municipality": PlaceType.CITY,
    "borough": PlaceType.CITY,
    "suburb": PlaceType.CITY,
    "city_district": PlaceType.CITY,
    "administrative": PlaceType.REGION,
    "village": PlaceType.VILLAGE,
    "hamlet": PlaceType.VILLAGE,
    "locality": PlaceType.VILLAGE,
    "neighbourhood": PlaceType.VILLAGE,
    "quarter": PlaceType.VILLAGE,
}

# A word that qualifies a place or names a people or a party, never a place of its own:
# "Prussian", "French", "Soviet", "Bolsheviks". Only -ian, -ean, -ican (not -an: "Milan",
# "Tehran"), -ish, -ese, -ic and -ist endings, and the common irregular forms.
_ADJECTIVE = re.compile(
    r"(?:[\w'’-]*(?:ian|ean|ican|ish|ese|ic|ist)|French|Dutch|Swiss|Soviet|German|Greek|British"
    r"|Welsh|Scots|Thai|Czech|Slovak|Arab|Cuban|Roman|Tibetan|Moroccan|Nazi|Bolshevik"
    r"|Menshevik|Imperial|Royal)s?"
)
_QUALIFIER = frozenset({"North", "South", "East", "West", "Northern", "Southern", "Eastern",
                        "Western", "Upper", "Lower", "Central", "Old", "New", "Great"})


def is_only_adjective(name: str) -> bool:
    """Whether a name is only demonyms and adjectives ("Prussian", "North Korean"), never a place
    to ask a geocoder about."""
    words = name.split()
    return any(_ADJECTIVE.fullmatch(word) for word in words) and all(
        _ADJECTIVE.fullmatch(word) or word in _QUALIFIER for word in words
    )


def _product_version() -> str:
    try:
        return version("trotsky-geo")
    except PackageNotFoundError:
        return "0"


def default_user_agent() -> str:
    """Nominatim refuses anonymous clients: name the product and its version."""
    return f"trotsky-geo/{_product_version()}"


class OnlineGeocoder:
    """Nominatim behind a rate limiter and a persistent JSON cache, so no name is asked twice.

    A fault (no connection, a timeout, an error status, an unusable answer) is not raised: it is
    kept in ``fault``, nothing more is asked of the server, and the names asked for afterwards
    that the cache cannot answer are listed in ``unasked``, so that a run finishes on the
    offline places and can say what it missed.
    """

    def __init__(
        self,
        *,
        cache_path: Path,
        domain: str = "nominatim.openstreetmap.org",
        scheme: str = "https",
        user_agent: str | None = None,
        min_delay_seconds: float = 1.0,
        timeout: float = 10,
    ) -> None:
        self.cache_path = Path(cache_path)
        self.url = f"{scheme}://{domain}"
        # urllib, not requests: requests retries a refused or timed-out request twice more.
        self._nominatim = Nominatim(
            domain=domain,
            scheme=scheme,
            timeout=timeout,
            user_agent=user_agent or default_user_agent(),
            adapter_factory=URLLibAdapter,
        )
        self._geocode = RateLimiter(
            self._nominatim.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=0,
            swallow_exceptions=False,
        )
        self._answers = _read_cache(self.cache_path)
        self.fault: GeocodingError | None = None
        self._unasked: dict[str, None] = {}

    @property
    def unasked(self) -> tuple[str, ...]:
        """Names that went unasked because the server had failed, in the order they came."""
        return tuple(self._unasked)

    def geocode(self, name: str, *, country: str | None = None) -> Place | None:
        """The place Nominatim gives for name (optionally within a country), None if unknown,
        an adjective ("Prussian"), or unasked after a fault."""
        if is_only_adjective(name):
            return None
        key = f"{normalise(name)}|{(country or '').upper()}"
        if key in self._answers:
            cached = self._answers[key]
            return None if cached is None else _place_from_json(cached)
        if self.fault is None:
            try:
                location = self._geocode(
                    name,
                    exactly_one=True,
                    addressdetails=True,
                    country_codes=country.lower() if country else None,
                )
                place = None if location is None else _place_from_nominatim(name, location.raw)
            except (GeopyError, GeocodingError) as exc:
                detail = " ".join(str(exc).split()) or type(exc).__name__
                self.fault = GeocodingError(f"the geocoder at {self.url} failed ({detail})")
                self.fault.__cause__ = exc
        if self.fault is not None:
            self._unasked.setdefault(name)
            return None
        self._answers[key] = None if place is None else _place_to_json(place)
        _write_cache(self.cache_path, self._answers)
        return place


def _place_from_nominatim(name: str, raw: dict[str, Any]) -> Place:
    try:
        lat, lon = float(raw["lat"]), float(raw["lon"])
        osm = f"osm:{raw['osm_type']}/{raw['osm_id']}"
    except (KeyError, TypeError, ValueError) as exc:
        raise GeocodingError(
            f"Nominatim's answer for {name!r} lacks a coordinate or an OSM id: {exc}"
        ) from exc
    kind = raw.get("addresstype") or raw.get("type") or ""
    country = (raw.get("address") or {}).get("country_code", "").upper()
    return Place(
        id=osm,
        name=name,
        name_today=raw.get("name") or name,
        lat=lat,
        lon=lon,
        country=country,
        type=_TYPES.get(kind, PlaceType.BUILDING),
        source="Nominatim (OpenStreetMap contributors, ODbL): " + str(raw.get("display_name", "")),
    )


def _place_to_json(place: Place) -> dict[str, Any]:
    return {
        "id": place.id,
        "name": place.name,
        "name_today": place.name_today,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "type": place.type.value,
        "source": place.source,
    }


def _place_from_json(data: dict[str, Any]) -> Place:
    return Place(
        id=data["id"],
        name=data["name"],
        name_today=data["name_today"],
        lat=data["lat"],
        lon=data["lon"],
        country=data["country"],
        type=PlaceType(data["type"]),
        source=data["source"],
    )


def _read_cache(path: Path) -> dict[str, dict[str, Any] | None]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text("utf-8"))
        answers = data["answers"]
        for entry in answers.values():
            if entry is not None:
                _place_from_json(entry)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GeocodingError(
            f"{path}: the geocoding cache is unreadable ({exc}); delete it to start afresh"
        ) from exc
    return dict(answers)


def _write_cache(path: Path, answers: dict[str, dict[str, Any] | None]) -> None:
    """Write the whole cache to a temporary file beside it, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(
        {"format": CACHE_FORMAT, "answers": answers}, ensure_ascii=False, indent=1, sort_keys=True
    )
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(payload)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise
