"""A biography of the library as the user corrected it, and corrections shared as a JSON file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from trotsky_geo.corrections import (
    USER_PREFIX,
    Action,
    Anchor,
    Corrected,
    Correction,
    apply_corrections,
)
from trotsky_geo.errors import CorrectionError
from trotsky_geo.gazetteer import Gazetteer, Place, PlaceType
from trotsky_geo.pipeline import default_gazetteer, extract
from trotsky_geo.store import Store

FILE_FORMAT = "trotsky-geo corrections"
FILE_VERSION = 1


def gazetteer_with(places: Sequence[tuple[Place, Sequence[str]]]) -> Gazetteer:
    """The offline gazetteer with the user's own places ahead of the others."""
    if not places:
        return default_gazetteer()
    return Gazetteer.load(extra_places=places)


def corrected_biography(
    store: Store, biography_id: int, *, gazetteer: Gazetteer | None = None
) -> Corrected:
    """A biography of the library read and corrected, with what needs review."""
    biography = store.biography(biography_id)
    places = gazetteer or gazetteer_with(store.places())
    itinerary = extract(biography.text, gazetteer=places)
    corrections = store.corrections(biography_id)
    return apply_corrections(itinerary, corrections, gazetteer=places, text=biography.text)


@dataclass(frozen=True)
class SharedCorrections:
    """A corrections file read back: the text it is for, the corrections, the places they use."""

    text_sha256: str
    title: str
    corrections: tuple[Correction, ...]
    places: tuple[tuple[Place, tuple[str, ...]], ...]


def export_corrections(store: Store, biography_id: int) -> str:
    """A biography's corrections as a small JSON file a colleague can apply to the same text."""
    biography = store.biography(biography_id)
    corrections = store.corrections(biography_id)
    used = {c.place_id for c in corrections if c.place_id.startswith(USER_PREFIX)}
    places = [
        {"id": p.id, "name": p.name, "aliases": list(aliases), "lat": p.lat, "lon": p.lon,
         "country": p.country, "source": p.source}
        for p, aliases in store.places()
        if p.id in used
    ]
    document = {
        "format": FILE_FORMAT,
        "version": FILE_VERSION,
        "title": biography.title,
        "text_sha256": biography.sha256,
        "corrections": [
            {"action": c.action.value, "sentence": c.anchor.sentence,
             "place_as_written": c.anchor.place_text, "nth": c.anchor.nth, "kind": c.kind,
             "place": c.place, "place_id": c.place_id, "dates": c.dates, "note": c.note,
             "original": c.original}
            for c in corrections
        ],
        "places": places,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def read_corrections(data: str, *, name: str = "the file") -> SharedCorrections:
    """A corrections file checked whole before anything is written; CorrectionError if bad."""
    try:
        document = json.loads(data)
    except json.JSONDecodeError as error:
        raise CorrectionError(f"{name}: is not JSON ({error.msg}, line {error.lineno})") from None
    if not isinstance(document, dict) or document.get("format") != FILE_FORMAT:
        raise CorrectionError(f"{name}: is not a trotsky-geo corrections file")
    if document.get("version") != FILE_VERSION:
        raise CorrectionError(
            f"{name}: is version {document.get('version')!r}; this trotsky-geo reads {FILE_VERSION}"
        )
    try:
        corrections = tuple(_correction(item) for item in document["corrections"])
        places = tuple(_place(item) for item in document.get("places", []))
        sha = str(document["text_sha256"])
    except (KeyError, TypeError, ValueError) as error:
        raise CorrectionError(f"{name}: a correction or place is malformed ({error})") from None
    return SharedCorrections(sha, str(document.get("title", "")), corrections, places)


def _correction(item: dict) -> Correction:
    return Correction(
        Action(item["action"]),
        Anchor(str(item["sentence"]), str(item["place_as_written"]), int(item.get("nth", 0))),
        **{key: str(item.get(key, "")) for key in
           ("kind", "place", "place_id", "dates", "note", "original")},
    )


def _place(item: dict) -> tuple[Place, tuple[str, ...]]:
    place_id = str(item["id"])
    if not place_id.startswith(USER_PREFIX):
        raise ValueError(f"place id {place_id!r} is not a user place")
    place = Place(place_id, str(item["name"]), str(item["name"]), float(item["lat"]),
                  float(item["lon"]), str(item.get("country", "")), PlaceType.BUILDING,
                  source=str(item.get("source", "")))
    return place, tuple(str(alias) for alias in item.get("aliases", []))


def import_corrections(
    store: Store, shared: SharedCorrections, biography_id: int | None = None
) -> tuple[int, int, int]:
    """Apply a colleague's corrections to the biography with the same text.

    Returns the biography's id, how many corrections were added, and how many were skipped
    because the user had already corrected that field.
    """
    target = biography_id if biography_id is not None else store.find_sha(shared.text_sha256)
    if target is None:
        raise CorrectionError(
            f"no biography in the library has the text these corrections are for"
            f" ({shared.title or 'untitled'}); add it first with `library add`"
        )
    if biography_id is not None and store.biography(biography_id).sha256 != shared.text_sha256:
        raise CorrectionError(f"biography {biography_id} is not the text these corrections are for")
    added, skipped = store.import_corrections(target, shared.corrections, places=shared.places)
    return target, added, skipped
