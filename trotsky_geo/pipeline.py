"""The one entry point: biography text in, itinerary out."""

from __future__ import annotations

import os
import warnings
from functools import lru_cache
from importlib import resources
from pathlib import Path

from trotsky_geo import nlp, readings
from trotsky_geo.document import Progress, parse_document
from trotsky_geo.errors import GeocodingWarning, InputError
from trotsky_geo.events import Event, subject_events
from trotsky_geo.gazetteer import Gazetteer
from trotsky_geo.itinerary import Itinerary, build_itinerary

BUNDLED_TEXT = "trotsky_wikipedia.txt"
NOMINATIM = "https://nominatim.openstreetmap.org"

def bundled_text() -> str:
    """The bundled English Wikipedia article on Leon Trotsky (CC BY-SA 4.0, see data/SOURCE.md)."""
    return resources.files("trotsky_geo").joinpath("data", BUNDLED_TEXT).read_text("utf-8")


def extract(
    text: str,
    *,
    online: bool = False,
    gazetteer: Gazetteer | None = None,
    progress: Progress | None = None,
) -> Itinerary:
    """Read a biography and return the subject's itinerary.

    Offline by default: the curated gazetteer in places/ and the GeoNames world list.
    With ``online=True`` places neither knows are asked of Nominatim, each answer cached; if
    the geocoder fails, the run finishes on the offline places with a ``GeocodingWarning``.
    ``progress(done, total)`` is called as the text is read, in characters.
    """
    if not text.strip():
        raise InputError("the text is empty")
    if "\x00" in text:
        raise InputError("the input is binary data, not text")
    places = gazetteer or (online_gazetteer() if online else default_gazetteer())
    keep = gazetteer is None and not online  # the default reading of a text is kept on disk
    reading = readings.key(text, nlp.model_name()) if keep else ""
    kept = readings.load(reading) if keep else None
    if kept is not None:
        subject, events = kept
        if progress is not None:
            progress(len(text), len(text))
    else:
        subject, events = _read(text, places, progress)
        if keep:
            readings.save(reading, subject, events)
    _warn_of_geocoder_fault(places)
    if not events:
        raise InputError("no place the subject went to was found in the text")
    return build_itinerary(events, contains=places.contains, subject=subject)


def _read(
    text: str, places: Gazetteer, progress: Progress | None
) -> tuple[str, list[Event]]:
    """Parse the text once and read the subject's events from the parse."""
    from trotsky_geo.reader import read_events
    from trotsky_geo.subject import Subject
    from trotsky_geo.toponyms import worth_parsing

    pipeline = nlp.load()
    document = parse_document(
        text, pipeline, worth_parsing=worth_parsing(places, pipeline), progress=progress
    )
    subject = Subject.from_document(document)
    return subject.name, subject_events(read_events(document, places, pipeline, subject))


def _warn_of_geocoder_fault(places: Gazetteer) -> None:
    """Say, as one warning, that the geocoder failed and which names it was not asked about."""
    geocoder = places.online
    if geocoder is None or geocoder.fault is None:
        return
    unasked = ", ".join(geocoder.unasked)
    warnings.warn(
        f"{geocoder.fault}; not asked about: {unasked}; the events use the offline places only",
        GeocodingWarning,
        stacklevel=3,
    )


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The curated gazetteer with the offline world fallback, loaded once per process."""
    return Gazetteer.load()


def online_gazetteer(
    url: str = NOMINATIM, *, cache_path: Path | None = None, timeout: float = 10
) -> Gazetteer:
    """The offline gazetteer backed by a Nominatim server (the public one by default), which is
    given ``timeout`` seconds to answer."""
    from urllib.parse import urlsplit

    from trotsky_geo.geocoders import OnlineGeocoder

    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise InputError(f"not a Nominatim address: {url!r} (expected http(s)://host[:port])")
    if not timeout > 0:
        raise InputError(f"the geocoder's timeout must be a positive number of seconds: {timeout}")
    geocoder = OnlineGeocoder(
        cache_path=cache_path or default_cache_path(),
        domain=parts.netloc + parts.path.rstrip("/"),
        scheme=parts.scheme,
        timeout=timeout,
    )
    return Gazetteer.load(online=geocoder)


def default_cache_path() -> Path:
    """Where online geocoding answers are kept between runs (XDG cache directory)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "trotsky-geo" / "geocode.json"
