"""Itinerary: events merged into ordered stops with legs between them, and its serialisations."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from trotsky_geo.dates import DateSpan, Precision
from trotsky_geo.events import Event, EventKind
from trotsky_geo.gazetteer import Place

CSV_FIELDS = (
    "place",
    "name",
    "name_today",
    "lat",
    "lon",
    "spatial_precision",
    "start",
    "end",
    "precision",
    "label",
    "kind",
    "inferred",
    "place_inferred",
    "confidence",
    "section",
    "evidence",
    "place_id",
    "status",
    "note",
)


@dataclass(frozen=True)
class Stop:
    """A stay at one place: consecutive events there, with arrival and departure."""

    place: Place
    events: tuple[Event, ...]
    arrival: DateSpan
    departure: DateSpan
    departure_inferred: bool  # the text gives no end: it is the next stop's arrival

    @property
    def kind(self) -> EventKind:
        """The kind that best describes the stay: the first event's."""
        return self.events[0].kind

    @property
    def names_written(self) -> tuple[str, ...]:
        """Every spelling the text used for this stop, in order, once each."""
        return tuple(dict.fromkeys(event.place_text for event in self.events))


@dataclass(frozen=True)
class Leg:
    """A move from one stop to the next."""

    origin: Stop
    destination: Stop


class Itinerary:
    """The subject's events in time order, grouped into stops and legs."""

    def __init__(
        self,
        events: Iterable[Event],
        stops: Iterable[Stop],
        subject: str = "",
        *,
        corrected: Iterable[Event] = (),
        notes: Mapping[Event, str] | None = None,
    ) -> None:
        self.events: tuple[Event, ...] = tuple(events)
        self.stops: tuple[Stop, ...] = tuple(stops)
        self.subject = subject
        self.corrected: frozenset[Event] = frozenset(corrected)
        self.notes: dict[Event, str] = dict(notes or {})

    def status(self, event: Event) -> str:
        """``corrected`` for an event changed or added by hand, else ``extracted``."""
        return "corrected" if event in self.corrected else "extracted"

    @property
    def legs(self) -> tuple[Leg, ...]:
        """Moves between consecutive stops."""
        return tuple(Leg(a, b) for a, b in zip(self.stops, self.stops[1:], strict=False))

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def __len__(self) -> int:
        return len(self.events)

    @property
    def years(self) -> tuple[int, int]:
        """First and last year the itinerary covers."""
        if not self.stops:
            raise ValueError("an empty itinerary covers no years")
        return (
            min(stop.arrival.start.year for stop in self.stops),
            max(stop.departure.end.year for stop in self.stops),
        )

    def rows(self) -> list[dict[str, object]]:
        """One flat record per event, the columns of CSV_FIELDS."""
        return [
            {**_row(event), "status": self.status(event), "note": self.notes.get(event, "")}
            for event in self.events
        ]

    def to_csv(self) -> str:
        """Events as CSV text with a header line."""
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.rows())
        return out.getvalue()

    def to_json(self) -> str:
        """Events as a JSON array of records."""
        return json.dumps(self.rows(), ensure_ascii=False, indent=2)

    def to_geojson(self) -> str:
        """Events as a GeoJSON FeatureCollection of Points (lon, lat order)."""
        features = [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                "properties": row,
            }
            for row in self.rows()
        ]
        return json.dumps(
            {"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=2
        )


def _row(event: Event) -> dict[str, object]:
    return {
        "place": event.place_text,
        "name": event.place.name,
        "name_today": event.place.name_today,
        "lat": event.place.lat,
        "lon": event.place.lon,
        "spatial_precision": event.place.spatial_precision,
        "start": event.when.iso_start,
        "end": event.when.iso_end,
        "precision": event.when.precision.value,
        "label": event.when.label,
        "kind": event.kind.value,
        "inferred": event.date_inferred,
        "place_inferred": event.place_inferred,
        "confidence": round(event.confidence, 2),
        "section": event.evidence.section,
        "evidence": event.evidence.sentence,
        "place_id": event.place.id,
    }


Contains = Callable[[Place, Place], bool]


def build_itinerary(
    events: Iterable[Event],
    *,
    contains: Contains | None = None,
    subject: str = "",
    corrected: Iterable[Event] = (),
    notes: Mapping[Event, str] | None = None,
) -> Itinerary:
    """Order events in time and merge consecutive ones at the same place into stops.

    ``contains(outer, inner)`` says whether one place lies inside another, so that
    "exiled to Siberia" followed by "Ust-Kut" makes one stop at Ust-Kut. ``corrected``
    events (changed or added by hand) and ``notes`` are carried into the rows.
    """
    ordered = _in_time_order(list(events))
    groups: list[list[Event]] = []
    for event in ordered:
        if groups and _same_stay(groups[-1], event, contains):
            groups[-1].append(event)
        else:
            groups.append([event])
    stops: list[Stop] = []
    for index, group in enumerate(groups):
        place = _finest(group, contains)
        arrival = min((event.when for event in group), key=lambda span: span.start)
        explicit = [event.when for event in group if _states_an_end(event)]
        if explicit:  # the stated end, or a later event of the same stay
            latest = [event.when for event in group]
            departure, inferred = max([*explicit, *latest], key=lambda span: span.end), False
        elif index + 1 < len(groups):
            nxt = min((event.when for event in groups[index + 1]), key=lambda span: span.start)
            departure, inferred = nxt, True
        else:
            departure, inferred = max((event.when for event in group), key=lambda s: s.end), False
        stops.append(Stop(place, tuple(group), arrival, departure, inferred))
    return Itinerary(ordered, stops, subject=subject, corrected=corrected, notes=notes)


_KIND_ORDER = {EventKind.BIRTH: 0, EventKind.DEATH: 2, EventKind.BURIAL: 3}


def _in_time_order(events: list[Event]) -> list[Event]:
    """Sort by date, keeping the text's order where a coarse date allows it.

    An event dated only "1905" that the text tells after "15 Oct 1905" stays after it,
    instead of jumping to 1 January.
    """
    by_text = sorted(events, key=lambda e: (e.evidence.start, e.role != "from", e.place_start))
    keys: dict[int, tuple] = {}
    previous = None
    for position, event in enumerate(by_text):
        effective = event.when.start
        if previous is not None and event.when.start <= previous <= event.when.end:
            effective = previous
        previous = effective
        keys[id(event)] = (effective, _KIND_ORDER.get(event.kind, 1), position)
    return sorted(by_text, key=lambda e: keys[id(e)])


def _same_stay(group: list[Event], event: Event, contains: Contains | None) -> bool:
    last = group[-1].place
    if event.place.id == last.id:
        return True
    if contains is None:
        return False
    return contains(last, event.place) or contains(event.place, last)


def _finest(group: list[Event], contains: Contains | None) -> Place:
    finest = group[0].place
    for event in group[1:]:
        if contains is not None and contains(finest, event.place):
            finest = event.place
    return finest


_UNIT_DAYS = {Precision.DAY: 1, Precision.MONTH: 31, Precision.SEASON: 92, Precision.YEAR: 366}


def _states_an_end(event: Event) -> bool:
    """True when the text gives the stay a length: "from 18 June 1935 to 2 September 1936"."""
    span = event.when
    return not event.date_inferred and (span.end - span.start).days >= _UNIT_DAYS[span.precision]
