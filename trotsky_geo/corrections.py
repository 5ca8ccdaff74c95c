"""Hand corrections to an itinerary, anchored to the evidence, and applying them to a reading.

A correction names its event by the sentence it was read from (whitespace normalised) and
the place as written there, never by offsets or row numbers, so a newer reader that finds
the event again gets the same correction; one that cannot be anchored any more is returned
as needing review, never dropped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from trotsky_geo.dates import DateSpan, find_dates
from trotsky_geo.errors import CorrectionError
from trotsky_geo.events import Event, EventKind, Evidence
from trotsky_geo.gazetteer import Gazetteer, Place, PlaceType
from trotsky_geo.itinerary import Itinerary, build_itinerary

USER_PREFIX = "user:"
_MONTH_NAMES = tuple(calendar.month_name[1:])
_ISO = r"(\d{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?"
_ISO_DATE = re.compile(_ISO)
_ISO_RANGE = re.compile(rf"{_ISO}\s*(?:/|–|—|\s-\s|\sto\s)\s*{_ISO}")
_STOP = re.compile(r"[.!?][\"”’)]*(?=\s|$)")


class Action(StrEnum):
    """What a correction does to its event: one field each, so two editors' edits merge."""

    DROP = "drop"  # the event is not the subject's, or not an event at all
    KIND = "kind"
    PLACE = "place"
    DATES = "dates"
    NOTE = "note"  # a remark kept with the event; not a change of the reading
    ADD = "add"  # an event the reader missed, anchored to a sentence of the text


def normalise_sentence(text: str) -> str:
    """The sentence with runs of whitespace made one space: what anchors compare."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Anchor:
    """Which event a correction is about: the sentence, the place as written, which of them."""

    sentence: str
    place_text: str
    nth: int = 0  # the nth event with this sentence and place as written, in text order

    def __post_init__(self) -> None:
        object.__setattr__(self, "sentence", normalise_sentence(self.sentence))
        if not self.sentence:
            raise CorrectionError("a correction needs the sentence it is anchored to")


@dataclass(frozen=True)
class Correction:
    """One field of one event changed by hand, with the reading it replaces."""

    action: Action
    anchor: Anchor
    kind: str = ""  # for KIND and ADD: an EventKind value
    place: str = ""  # for PLACE and ADD: the place as the user named it
    place_id: str = ""  # the gazetteer candidate the user chose, if any
    dates: str = ""  # for DATES and ADD: typed in the reader's grammar or ISO
    note: str = ""
    original: str = ""  # the reading it replaces: "residence at Vienna, Oct 1907"
    id: int | None = None


@dataclass(frozen=True)
class Review:
    """A correction the current reading cannot apply, and why: shown, never dropped."""

    correction: Correction
    reason: str


@dataclass(frozen=True)
class EditRow:
    """One row of the editing table: an event as read, as corrected, and its corrections."""

    anchor: Anchor
    event: Event  # the event as shown: corrected if corrected, the reading if dropped
    original: Event | None  # the reader's event; None for an event added by hand
    kept: bool
    note: str
    corrections: tuple[Correction, ...] = ()

    @property
    def status(self) -> str:
        """``corrected`` when any correction changes the reading, else ``extracted``."""
        changed = any(c.action is not Action.NOTE for c in self.corrections)
        return "corrected" if changed else "extracted"

    @property
    def added(self) -> Correction | None:
        """The ADD correction when the row is an event added by hand."""
        return next((c for c in self.corrections if c.action is Action.ADD), None)


@dataclass(frozen=True)
class Corrected:
    """An itinerary after corrections, its editing rows, and what needs review."""

    itinerary: Itinerary
    rows: tuple[EditRow, ...]
    review: tuple[Review, ...] = field(default=())


def reading(event: Event) -> str:
    """An event in a few words, kept beside a correction: "residence at Vienna, Oct 1907"."""
    return f"{event.kind.value} at {event.place.name}, {event.when.label}"


def anchored(events: Iterable[Event]) -> list[tuple[Anchor, Event]]:
    """Each event with its anchor, in text order."""
    in_text = sorted(events, key=lambda e: (e.evidence.start, e.place_start, e.role != "from"))
    seen: dict[tuple[str, str], int] = {}
    result = []
    for event in in_text:
        key = (normalise_sentence(event.evidence.sentence), event.place_text)
        nth = seen.get(key, 0)
        seen[key] = nth + 1
        result.append((Anchor(key[0], key[1], nth), event))
    return result


def parse_dates(typed: str) -> DateSpan:
    """Dates typed by hand, read by the reader's own grammar; ISO dates and ranges too."""
    text = " ".join(typed.split())
    if not text:
        raise CorrectionError("no date given")
    words = _iso_words(text)
    if " to " in words and not words.casefold().startswith("from "):
        words = f"from {words}"  # "2 Feb 1917 to 3 Mar 1918" reads as the range it is
    mentions = find_dates(words)
    if len(mentions) != 1 or mentions[0].start != 0 or mentions[0].end < len(words.rstrip(".")):
        raise CorrectionError(
            f"cannot read the date {text!r} (try '7 November 1879', 'summer 1902', "
            "'1917-03-27' or '1929-1933')"
        )
    return mentions[0].span


def _iso_words(text: str) -> str:
    """ISO dates in words, so the grammar reads them and labels them as it labels the text's."""
    if (match := _ISO_RANGE.fullmatch(text)) is not None:
        first, last = match.groups()[:3], match.groups()[3:]
        return f"from {_iso_word(*first)} to {_iso_word(*last)}"
    if (match := _ISO_DATE.fullmatch(text)) is not None:
        return _iso_word(*match.groups())
    return text


def _iso_word(year: str, month: str, day: str | None) -> str:
    name = _MONTH_NAMES[int(month) - 1]
    if day is None:
        return f"{name} {year}"
    try:
        dt.date(int(year), int(month), int(day))
    except ValueError as error:
        raise CorrectionError(f"{year}-{month}-{day} is not a date ({error})") from None
    return f"{int(day)} {name} {year}"


def parse_kind(typed: str) -> EventKind:
    """An event kind by its name ("exile"); CorrectionError naming the kinds otherwise."""
    try:
        return EventKind(typed.strip().casefold())
    except ValueError:
        allowed = ", ".join(kind.value for kind in EventKind)
        raise CorrectionError(f"unknown kind {typed!r} (one of {allowed})") from None


def resolve_place(gazetteer: Gazetteer, name: str, place_id: str = "") -> Place:
    """The chosen candidate, else the best place of that name, the user's own places first."""
    if place_id:
        try:
            return gazetteer.get(place_id)
        except KeyError:
            if not name.strip():
                raise CorrectionError(f"no place with id {place_id!r} is known") from None
    written = " ".join(name.split())
    if not written:
        raise CorrectionError("no place given")
    candidates = gazetteer.resolve(written) or gazetteer.resolve(written[:1].upper() + written[1:])
    if not candidates:
        raise CorrectionError(
            f"no gazetteer knows {written!r}: add it as your own place with its coordinates"
        )
    return candidates[0]


def user_place(
    name: str,
    lat: float | str,
    lon: float | str,
    *,
    taken: Iterable[str] = (),
    country: str = "",
    source: str = "",
) -> Place:
    """A place of the user's own, checked like any other (coordinates in range, a name)."""
    written = " ".join(name.split())
    if not written:
        raise CorrectionError("a place needs a name")
    try:
        latitude, longitude = float(lat), float(lon)
    except (TypeError, ValueError):
        raise CorrectionError(f"coordinates {lat!r}, {lon!r} are not numbers") from None
    code = country.strip().upper()
    if code and not re.fullmatch(r"[A-Z]{2}", code):
        raise CorrectionError(f"country {country!r} is not a two-letter ISO code")
    slug = _slug(written)
    used = set(taken)
    place_id, suffix = f"{USER_PREFIX}{slug}", 2
    while place_id in used:
        place_id, suffix = f"{USER_PREFIX}{slug}-{suffix}", suffix + 1
    try:
        return Place(
            place_id, written, written, latitude, longitude, code, PlaceType.BUILDING,
            source=source.strip() or "added by hand",
        )
    except ValueError as error:
        raise CorrectionError(str(error)) from None


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.casefold()).strip("-") or "place"


def locate_sentence(text: str, sentence: str) -> tuple[str, int, int]:
    """The sentence of ``text`` holding ``sentence`` (or a part of one), with its offsets."""
    words = normalise_sentence(sentence).split(" ")
    if not words[0]:
        raise CorrectionError("no sentence given")
    match = re.search(r"\s+".join(re.escape(word) for word in words), text)
    if match is None:
        raise CorrectionError("the text has no such sentence")
    head = text.rfind("\n", 0, match.start()) + 1
    before = [stop.end() for stop in _STOP.finditer(text, head, match.start())]
    start = before[-1] if before else head
    line_end = text.find("\n", match.end())
    line_end = len(text) if line_end < 0 else line_end
    ends_here = _STOP.match(text, match.end() - 1) is not None
    after = None if ends_here else _STOP.search(text, match.end(), line_end)
    end = match.end() if ends_here else (after.end() if after is not None else line_end)
    while start < end and text[start].isspace():
        start += 1
    return text[start:end], start, end


def apply_corrections(
    itinerary: Itinerary,
    corrections: Sequence[Correction],
    *,
    gazetteer: Gazetteer,
    text: str,
) -> Corrected:
    """The itinerary with the corrections applied; the ones it cannot anchor need review."""
    pairs = anchored(itinerary.events)
    by_anchor = {anchor: event for anchor, event in pairs}
    loose: dict[tuple[str, str], list[Anchor]] = {}
    for anchor, _ in pairs:
        loose.setdefault((anchor.sentence, anchor.place_text), []).append(anchor)
    review: list[Review] = []
    mine: dict[Anchor, list[Correction]] = {}
    added: list[Correction] = []
    for correction in corrections:
        if correction.action is Action.ADD:
            added.append(correction)
            continue
        target = _find(correction.anchor, by_anchor, loose)
        if target is None:
            review.append(Review(correction, _lost(correction)))
        else:
            mine.setdefault(target, []).append(correction)
    rows: list[EditRow] = []
    for anchor, event in pairs:
        own = mine.get(anchor, [])
        changed, problems = _corrected(event, own, gazetteer)
        review.extend(problems)
        usable = tuple(c for c in own if all(p.correction is not c for p in problems))
        kept = not any(c.action is Action.DROP for c in usable)
        note = next((c.note for c in usable if c.action is Action.NOTE), "")
        rows.append(EditRow(anchor, changed, event, kept, note, usable))
    for correction in added:
        try:
            event = added_event(correction, gazetteer=gazetteer, text=text, near=itinerary.events)
        except CorrectionError as error:
            review.append(Review(correction, str(error)))
            continue
        rows.append(EditRow(correction.anchor, event, None, True, correction.note, (correction,)))
    kept_rows = [row for row in rows if row.kept]
    fixed = build_itinerary(
        [row.event for row in kept_rows],
        contains=gazetteer.contains,
        subject=itinerary.subject,
        corrected=[row.event for row in kept_rows if row.status == "corrected"],
        notes={row.event: row.note for row in kept_rows if row.note},
    )
    return Corrected(fixed, tuple(rows), tuple(review))


def _find(
    anchor: Anchor, by_anchor: dict[Anchor, Event], loose: dict[tuple[str, str], list[Anchor]]
) -> Anchor | None:
    """The event an anchor names now: exactly, else the only one with that sentence and place."""
    if anchor in by_anchor:
        return anchor
    same = loose.get((anchor.sentence, anchor.place_text), [])
    if len(same) == 1:
        return same[0]
    inside = [
        candidate
        for (sentence, place), candidates in loose.items()
        if place == anchor.place_text
        and (anchor.sentence in sentence or sentence in anchor.sentence)
        for candidate in candidates
    ]
    return inside[0] if len(inside) == 1 else None


def _lost(correction: Correction) -> str:
    return (
        f"needs review: the reader no longer finds {correction.anchor.place_text!r} as an event "
        f"in the sentence “{correction.anchor.sentence}”"
    )


def _corrected(
    event: Event, corrections: Sequence[Correction], gazetteer: Gazetteer
) -> tuple[Event, list[Review]]:
    """The event with its KIND, PLACE and DATES corrections; the ones that fail need review."""
    problems: list[Review] = []
    changes: dict[str, object] = {}
    for correction in corrections:
        try:
            if correction.action is Action.KIND:
                changes["kind"] = parse_kind(correction.kind)
            elif correction.action is Action.PLACE:
                place = resolve_place(gazetteer, correction.place, correction.place_id)
                changes["place"] = place
                changes["place_text"] = correction.place or place.name  # as the user wrote it
                changes["place_inferred"] = False
            elif correction.action is Action.DATES:
                changes["when"] = parse_dates(correction.dates)
                changes["date_inferred"] = False
        except CorrectionError as error:
            problems.append(Review(correction, f"needs review: {error}"))
    if not changes:
        return event, problems
    return replace(event, confidence=1.0, **changes), problems


def added_event(
    correction: Correction, *, gazetteer: Gazetteer, text: str, near: Sequence[Event] = ()
) -> Event:
    """The event an ADD correction describes, its evidence the sentence of the text it names."""
    sentence, start, end = locate_sentence(text, correction.anchor.sentence)
    place = resolve_place(gazetteer, correction.place, correction.place_id)
    earlier = [e for e in near if e.evidence.start <= start]
    section = max(earlier, key=lambda e: e.evidence.start).evidence.section if earlier else ""
    subject = near[0].subject if near else ""
    return Event(
        kind=parse_kind(correction.kind),
        place=place,
        place_text=correction.anchor.place_text or place.name,
        when=parse_dates(correction.dates),
        date_inferred=False,
        place_inferred=False,
        evidence=Evidence(sentence, section, start, end),
        confidence=1.0,
        subject=subject,
        place_start=start,
    )


@dataclass(frozen=True)
class Edit:
    """What one edited row sets and clears: checked before anything is written."""

    anchor: Anchor
    set: tuple[Correction, ...]
    clear: tuple[Action, ...]


def edit_row(
    row: EditRow,
    *,
    gazetteer: Gazetteer,
    keep: bool | None = None,
    kind: str | None = None,
    place: str | None = None,
    dates: str | None = None,
    note: str | None = None,
    place_id: str = "",
) -> Edit:
    """The corrections that make ``row`` read as given; CorrectionError on any bad field.

    Only the fields given are touched, so two people editing other fields of the same event
    keep each other's edits. A field set back to what the reader said clears its correction.
    """
    original = row.original
    if original is None:
        raise CorrectionError("an added stop is changed by removing it and adding it again")
    said = reading(original)
    sets: list[Correction] = []
    clears: list[Action] = []

    def choose(action: Action, differs: bool, **values: str) -> None:
        if differs:
            sets.append(Correction(action, row.anchor, original=said, **values))
        else:
            clears.append(action)

    if kind is not None:
        new_kind = parse_kind(kind)
        choose(Action.KIND, new_kind is not original.kind, kind=new_kind.value)
    if place is not None or place_id:
        typed = " ".join((place or "").split())
        if not place_id and typed in ("", original.place.name, original.place_text):
            choose(Action.PLACE, False)
        else:
            chosen = resolve_place(gazetteer, typed, place_id)
            choose(
                Action.PLACE,
                chosen.id != original.place.id,
                place=typed or chosen.name,
                place_id=chosen.id,
            )
    if dates is not None:
        typed = " ".join(dates.split())
        if typed in ("", original.when.label):
            choose(Action.DATES, False)
        else:
            choose(Action.DATES, parse_dates(typed) != original.when, dates=typed)
    if keep is not None:
        choose(Action.DROP, not keep)
    if note is not None:
        choose(Action.NOTE, bool(note.strip()), note=note.strip())
    return Edit(row.anchor, tuple(sets), tuple(clears))


def new_stop(
    *,
    gazetteer: Gazetteer,
    text: str,
    sentence: str,
    place: str,
    dates: str,
    kind: str,
    note: str = "",
    place_id: str = "",
) -> Correction:
    """An ADD correction for a stop the reader missed, checked against the text and gazetteer."""
    found, _, _ = locate_sentence(text, sentence)
    chosen = resolve_place(gazetteer, place, place_id)
    correction = Correction(
        Action.ADD,
        Anchor(found, " ".join(place.split()) or chosen.name),
        kind=parse_kind(kind).value,
        place=" ".join(place.split()) or chosen.name,
        place_id=chosen.id,
        dates=" ".join(dates.split()),
        note=note.strip(),
    )
    parse_dates(correction.dates)
    return correction
