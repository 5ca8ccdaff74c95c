"""What a stop shows: the kind on its marker, the day it ends, its stay as the text dates it."""

from __future__ import annotations

import datetime as dt

from trotsky_geo.events import EventKind
from trotsky_geo.itinerary import Stop

_LANDMARKS = (EventKind.DEATH, EventKind.BURIAL, EventKind.BIRTH)


def marker_kind(stop: Stop, kinds: frozenset[EventKind] | None = None) -> EventKind:
    """The kind a stop's marker shows: a birth, death or burial there first, else its first kind.

    With ``kinds``, only those kinds are considered, so a filtered map shows what was asked for.
    """
    present = [event.kind for event in stop.events if kinds is None or event.kind in kinds]
    for landmark in _LANDMARKS:
        if landmark in present:
            return landmark
    return present[0] if present else stop.kind


def stay_end(stop: Stop) -> dt.date:
    """Last day at the stop: the text's end, or the day the next stop begins."""
    end = stop.departure.start if stop.departure_inferred else stop.departure.end
    return max(end, stop.arrival.start)


def stay_label(stop: Stop) -> str:
    """The stay as the text dates it: "Jan 1905 – Dec 1905" or "1902, until 1905 (next stop)"."""
    arrival = stop.arrival.label
    if stop.departure == stop.arrival:
        return arrival
    if stop.departure_inferred:
        return f"{arrival}, until {stop.departure.label} (next stop)"
    return f"{arrival} – {stop.departure.label}"
