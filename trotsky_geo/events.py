"""Events: the subject at a place at a time, with the evidence; and the rules that merge the
reader's events into one life (one birth, one death, burials, the lead's summary)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from trotsky_geo.dates import DateMention, DateSpan, Precision
from trotsky_geo.document import INFOBOX, INTRODUCTION, Sentence
from trotsky_geo.gazetteer import Gazetteer, Place, PlaceMention


class EventKind(StrEnum):
    """What happened to the subject at a place."""

    BIRTH = "birth"
    EDUCATION = "education"
    RESIDENCE = "residence"
    ARREST = "arrest"
    IMPRISONMENT = "imprisonment"
    EXILE = "exile"
    ESCAPE = "escape"
    DEPORTATION = "deportation"
    TRAVEL = "travel"
    CONFERENCE = "conference"
    HOSPITAL = "hospital"
    ATTACK = "attack"
    DEATH = "death"
    BURIAL = "burial"


@dataclass(frozen=True)
class Evidence:
    """Where in the text an event was read: the sentence, its section and character offsets."""

    sentence: str
    section: str
    start: int
    end: int


@dataclass(frozen=True)
class Event:
    """The subject at a place at a time, as one sentence states it."""

    kind: EventKind
    place: Place
    place_text: str  # the toponym as written: "Alma Ata", "Prinkipo"
    when: DateSpan
    date_inferred: bool  # the sentence gives no date: it comes from the narrative or section
    place_inferred: bool  # the sentence names no place: it comes from the narrative
    evidence: Evidence
    confidence: float
    subject: str = ""
    role: str = "at"  # "from": where the move started; "via": passed through on the way
    place_start: int = 0  # offset of the toponym in the whole text


#: Kinds that happen once in a life: their mentions merge into one event.
SINGLETON_KINDS = (EventKind.BIRTH, EventKind.DEATH)
_FINER = {"building": 0, "village": 1, "city": 2, "region": 3, "country": 4}


def life_events(
    events: list[Event],
    infobox: dict[EventKind, Event],
    gazetteer: Gazetteer,
    *,
    lead: bool,
    lifespan: Mapping[EventKind, DateSpan] | None = None,
) -> list[Event]:
    """One life from the reader's events: the lead's summary dropped where the body tells the
    same, one birth and one death, burials after the death, nothing outside the life (the
    ``lifespan`` the opening gives bounds it where no dated birth or death does)."""
    if lead:
        events = _drop_covered_lead(events, gazetteer)
    return _within_life(_merge_singletons(events, infobox), lifespan or {})


_INFOBOX_KINDS = (
    (re.compile(r"birth|born", re.I), EventKind.BIRTH),
    (re.compile(r"death|died", re.I), EventKind.DEATH),
    (re.compile(r"resting|burial|buried|grave", re.I), EventKind.BURIAL),
)


def infobox_event(
    sentence: Sentence, gazetteer: Gazetteer, dates: list[DateMention]
) -> Event | None:
    """The birth, death or burial an infobox line states ("Birth Place: Yanovka, ...")."""
    kind = next((k for pattern, k in _INFOBOX_KINDS if pattern.search(sentence.infobox_key)), None)
    if kind is None or "manner" in sentence.infobox_key.lower():
        return None
    mention = _first_listed_place(sentence.text, gazetteer)
    if mention is None:
        return None
    when = dates[0].span if dates else DateSpan(dt.date.min, dt.date.min, Precision.YEAR, "")
    return Event(
        kind=kind,
        place=mention.place,
        place_text=mention.text,
        when=when,
        date_inferred=not dates,
        place_inferred=False,
        evidence=Evidence(
            f"{sentence.infobox_key}: {sentence.text}", INFOBOX, sentence.start, sentence.end
        ),
        confidence=0.95,
        place_start=sentence.start + mention.start,
    )


def _first_listed_place(value: str, gazetteer: Gazetteer) -> PlaceMention | None:
    """The first item of "Zamość, Congress Poland, Russian Empire" that names a known place."""
    offset = 0
    for item in value.split(","):
        name = re.sub(r"\s*\(.*?\)\s*", " ", item).strip()
        candidates = gazetteer.resolve(name) if name else ()
        if candidates:
            start = value.find(name, offset)
            return PlaceMention(name, start, start + len(name), candidates)
        offset += len(item) + 1
    return None


def _drop_covered_lead(events: list[Event], gazetteer: Gazetteer) -> list[Event]:
    """The introduction summarises the body: keep its events only where the body is silent."""
    body = [e for e in events if e.evidence.section != INTRODUCTION]

    def covered(event: Event) -> bool:
        return any(
            other.place.id == event.place.id
            or gazetteer.contains(event.place, other.place)
            or gazetteer.contains(other.place, event.place)
            for other in body
        )

    return [
        e
        for e in events
        if e.evidence.section != INTRODUCTION
        or not covered(e)
        or e.kind in (*SINGLETON_KINDS, EventKind.BURIAL)
    ]


def _merge_singletons(events: list[Event], infobox: dict[EventKind, Event]) -> list[Event]:
    """One birth and one death (best date from the text, place from the infobox), and the
    burials: a reburial is a stop of its own, the infobox's resting place the last one."""
    merged: dict[EventKind, Event] = {}
    for kind in SINGLETON_KINDS:
        candidates = [e for e in events if e.kind is kind]
        info = infobox.get(kind)
        dated = [e for e in candidates if e.when.start != dt.date.min]
        if info is not None and not info.date_inferred:
            dated.append(info)
        if not dated:
            continue
        rank = {Precision.DAY: 0, Precision.MONTH: 1, Precision.SEASON: 2, Precision.YEAR: 3}
        if kind is EventKind.BIRTH:
            best = min(
                dated,
                key=lambda e: (
                    e.date_inferred,
                    e.when.start,
                    e.place_inferred,
                    _FINER[e.place.type.value],  # the sentence naming the town, not the empire
                ),
            )
        else:
            best = min(
                dated,
                key=lambda e: (
                    e.date_inferred,
                    -e.when.start.year,
                    rank[e.when.precision],
                    e.place_inferred,
                ),
            )
        placed = [e for e in candidates if not e.place_inferred]
        finest = min(placed, key=lambda e: _FINER[e.place.type.value], default=None)
        if info is not None and (
            finest is None or _FINER[info.place.type.value] <= _FINER[finest.place.type.value]
        ):
            best = replace(best, place=info.place, place_text=info.place_text, place_inferred=False)
        elif finest is not None and (best.place_inferred or finest.place is not best.place):
            best = replace(
                best, place=finest.place, place_text=finest.place_text, place_inferred=False
            )
        merged[kind] = best
    singles = {*SINGLETON_KINDS, EventKind.BURIAL}
    rest = [e for e in events if e.kind not in singles]
    burials = _burials(events, infobox.get(EventKind.BURIAL), merged.get(EventKind.DEATH))
    return sorted(
        rest + list(merged.values()) + burials, key=lambda e: (e.evidence.start, e.place_start)
    )


def _burials(events: list[Event], info: Event | None, death: Event | None) -> list[Event]:
    """Burials dated no earlier than the death; the infobox's resting place comes last."""
    burials = []
    for event in (e for e in events if e.kind is EventKind.BURIAL):
        if death is not None and (event.date_inferred or event.when.start < death.when.start):
            event = replace(event, when=death.when, date_inferred=True)
        burials.append(event)
    if info is not None and all(b.place.id != info.place.id for b in burials):
        last = max((b for b in burials), key=lambda b: b.when.start, default=death)
        if last is not None:
            burials.append(replace(info, when=last.when, date_inferred=True))
    return burials


def _within_life(events: list[Event], lifespan: Mapping[EventKind, DateSpan]) -> list[Event]:
    """Drop what the text dates before the birth or after the death: legacy, not itinerary."""
    born = next(
        (e.when.start for e in events if e.kind is EventKind.BIRTH and not e.date_inferred),
        lifespan[EventKind.BIRTH].start if EventKind.BIRTH in lifespan else dt.date.min,
    )
    died = next(
        (e.when.end for e in events if e.kind is EventKind.DEATH and not e.date_inferred),
        lifespan[EventKind.DEATH].end if EventKind.DEATH in lifespan else dt.date.max,
    )
    return [
        e
        for e in events
        if e.kind is EventKind.BURIAL or (e.when.end >= born and e.when.start <= died)
    ]


def subject_events(events: Iterable[Event], *, threshold: float = 0.5) -> list[Event]:
    """Events confident enough to show."""
    return [e for e in events if e.confidence >= threshold]
