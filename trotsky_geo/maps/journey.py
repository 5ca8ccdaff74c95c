"""The journey on a folium map: stops by kind, areas for vague places, great-circle legs.

``build_map`` is the standalone animated map (an in-map time slider); ``base_map`` and
``journey_layer`` are the app's unchanging frame and the layer its year slider redraws.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Iterable, Sequence
from types import MappingProxyType
from typing import Any

import folium
import jinja2

from trotsky_geo.dates import DateSpan
from trotsky_geo.events import Event, EventKind
from trotsky_geo.itinerary import Itinerary, Stop
from trotsky_geo.maps.areas import Area, area_label, area_of, clip_leg
from trotsky_geo.maps.basemap import Basemap
from trotsky_geo.maps.elements import JourneyLayer, Legend, YearSlider
from trotsky_geo.maps.export import EXPORT_NOTE, OFFLINE_NOTE, JourneyMap
from trotsky_geo.maps.geometry import great_circle, mercator_y
from trotsky_geo.maps.stops import marker_kind, stay_end, stay_label
from trotsky_geo.maps.strip import StaysStrip
from trotsky_geo.maps.styles import KIND_STYLES, LEG_COLOUR
from trotsky_geo.place import distance_km

TILES = "OpenStreetMap"
ARROW_MIN_KM = 60.0  # legs shorter than this get no arrowhead: it would sit on the markers
NEARBY_KM = 150.0  # stops this close to an earlier one are fanned out around it (pixels)
FAN_STEP_PX = 16.0  # distance in pixels between fanned-out markers
LEG_DECIMALS = 3  # a leg's points to about 100 m: finer than any zoom the journey needs
LEGEND_AND_SLIDER_PX = (180, 90)  # room kept free of stops at the right and bottom edges
COLLAPSED_LEGEND_PX = (40, 20)  # the same when the legend starts closed and there is no slider

Feature = dict[str, Any]  # one GeoJSON feature, as json.dumps takes it

# Marker sizes in pixels by state: a stop on a static map, the stay under way, a past stay.
_SIZES = MappingProxyType({"stop": 24, "current": 32, "visited": 14})
_Z = MappingProxyType({"stop": 200, "current": 1000, "visited": 0})

# The popup's look is in the page's style rules (elements._CSS): each popup carries only text.
_POPUP = jinja2.Environment(autoescape=True).from_string(
    """<div class="tg-popup"><div class="tg-names">{{ names }}</div>
<div class="tg-today">today: {{ today }}</div>
<div class="tg-kindline"><b style="color:{{ colour }}">{{ kind }}</b> · {{ stay }}</div>
{% for event in events %}<div class="tg-event">
<div><b>{{ event.kind }}</b>, {{ event.date }}{% if event.inferred %}
 <i>(inferred from context)</i>{% endif %}{% if event.place_inferred %}
 <i>(place inferred from context)</i>{% endif %}</div>
{% if event.corrected %}<div class="tg-corrected"><b>corrected</b>; the text says</div>{% endif %}
<blockquote class="tg-evidence">{{ event.sentence }}</blockquote>
<div class="tg-section">§ {{ event.section }}</div>
</div>{% endfor %}</div>"""
)


def build_map(
    itinerary: Itinerary,
    *,
    start_year: int | None = None,
    end_year: int | None = None,
    kinds: Iterable[EventKind | str] | None = None,
    animate: bool = True,
    offline: bool = False,
) -> folium.Map:
    """The standalone map of the journey, animated by an in-map time slider unless told not to.

    ``offline`` leaves out the tiles and inlines Leaflet and its plugin, so the saved file
    needs no network at all; otherwise scripts and tiles come from CDNs.
    """
    chosen = _kinds(kinds)
    stops = _select(itinerary.stops, start_year, end_year, chosen)
    fmap = _frame(itinerary, stops, chosen, offline=offline)
    if not stops:
        return fmap
    offsets = _fan_offsets(stops)
    areas = [area_of(stop.place) for stop in stops]
    popups = {
        index: popup_html(stop, corrected=itinerary.corrected) for index, stop in enumerate(stops)
    }
    if not animate:
        features = [
            _stop_feature(stop, index, offset, area, "stop", chosen)
            for index, (stop, offset, area) in enumerate(zip(stops, offsets, areas, strict=True))
        ]
        features += _leg_features(stops, areas)
        JourneyLayer(_collection(features), popups).add_to(fmap)
        return fmap
    last = max(stay_end(stop) for stop in stops)
    features = []
    for index, (stop, offset, area) in enumerate(zip(stops, offsets, areas, strict=True)):
        start, end = stop.arrival.start, stay_end(stop)
        current = _stop_feature(stop, index, offset, area, "current", chosen)
        features.append(_timed(current, start, end))
        if end < last:
            visited = _stop_feature(stop, index, offset, area, "visited", chosen)
            features.append(_timed(visited, end + dt.timedelta(days=1), last))
    for destination, leg in _legs(stops, areas):
        features += [_timed(feature, stops[destination].arrival.start, last) for feature in leg]
    timeline = JourneyLayer(_collection(features), popups, timeline=True).add_to(fmap)
    first = min(stop.arrival.start for stop in stops)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    slider = YearSlider(
        auto_play=True,
        enable_keyboard_controls=True,
        show_ticks=False,
        steps=max(months, 12),
        playback_duration=max(20_000, 800 * (last.year - first.year + 1)),
    ).add_timelines(timeline).add_to(fmap)
    StaysStrip(itinerary, stops, timeline, slider, kinds=chosen).add_to(fmap)
    return fmap


def base_map(itinerary: Itinerary) -> folium.Map:
    """The unchanging frame for the app: basemap, tiles, a view fitted to every stop, legend.

    The legend starts closed, one line in the corner, so that it covers no stop.
    """
    return _frame(itinerary, itinerary.stops, None, collapsed=True)


def journey_layer(
    itinerary: Itinerary, *, year: int, kinds: Iterable[EventKind | str] | None = None
) -> folium.FeatureGroup:
    """Stops and legs up to ``year``, with the stops recorded in that year highlighted."""
    group = folium.FeatureGroup(name=f"Journey to {year}")
    chosen = _kinds(kinds)
    stops = _select(itinerary.stops, None, None, chosen)
    offsets = _fan_offsets(stops)
    reached = [
        (index, stop, offset)
        for index, (stop, offset) in enumerate(zip(stops, offsets, strict=True))
        if stop.arrival.start.year <= year
    ]
    if not reached:
        return group
    areas = [area_of(stop.place) for _, stop, _ in reached]
    features = [
        _stop_feature(
            stop, index, offset, area, "current" if recorded_in(stop, year) else "visited", chosen
        )
        for (index, stop, offset), area in zip(reached, areas, strict=True)
    ]
    features += _leg_features([stop for _, stop, _ in reached], areas)
    popups = {index: popup_html(stop, corrected=itinerary.corrected) for index, stop, _ in reached}
    JourneyLayer(_collection(features), popups).add_to(group)
    return group


def year_caption(itinerary: Itinerary, year: int) -> str:
    """One line for a year: "1917 — New York City → Halifax → Amherst → Petrograd".

    The names are the highlighted stops' places as the text wrote them for that year, each
    stop's names once, in order. A name is never said twice in a row. A return later in the
    year ("Saint Petersburg → Finland → Saint Petersburg") is a move the map draws as a leg,
    so the caption keeps it; a region named again inside a later stop ("Siberia") is not. A
    year without a recorded stop says where the subject was last recorded.
    """
    names: list[str] = []
    for stop in itinerary.stops:
        if not recorded_in(stop, year):
            continue
        started = [e.place_text for e in stop.events if e.when.start.year <= year]
        written = [e.place_text for e in stop.events if _spans(e.when, year)] or started[:1]
        for position, name in enumerate(dict.fromkeys(written)):
            repeat = name in names and position > 0
            if not repeat and (not names or names[-1] != name):
                names.append(name)
    if names:
        return f"{year} — " + " → ".join(names)
    before = [stop for stop in itinerary.stops if stop.arrival.start.year < year]
    if not before:
        return f"{year} — no recorded movement"
    last = before[-1]
    return (
        f"{year} — no recorded movement (last recorded: {last.names_written[0]}, "
        f"{last.arrival.label})"
    )


def recorded_in(stop: Stop, year: int) -> bool:
    """Whether the text itself places the subject at ``stop`` during ``year``.

    From the arrival to the latest date the text gives there: an event's end, or only its
    start when the date was inferred, or the stated end of the stay. A departure inferred from
    the next stop does not count. The map highlights these stops and the app's table their
    events, so both always agree.
    """
    last = max(event.when.start if event.date_inferred else event.when.end for event in stop.events)
    if not stop.departure_inferred:
        last = max(last, stop.departure.end)
    return stop.arrival.start.year <= year <= last.year


def popup_html(stop: Stop, *, corrected: frozenset[Event] = frozenset()) -> str:
    """The stop's popup as escaped HTML: names, dates as precise as the text, each evidence;
    an event corrected by hand says so ("corrected; the text says ...")."""
    style = KIND_STYLES[marker_kind(stop)]
    names = " / ".join(stop.names_written)
    return _POPUP.render(
        names=area_label(stop.place, names),
        today=stop.place.name_today,
        colour=style.colour,
        kind=style.label,
        stay=stay_label(stop),
        events=[
            {
                "kind": event.kind.value,
                "date": event.when.label,
                "inferred": event.date_inferred,
                "place_inferred": event.place_inferred,
                "sentence": event.evidence.sentence,
                "section": event.evidence.section,
                "corrected": event in corrected,
            }
            for event in stop.events
        ],
    )


def _kinds(kinds: Iterable[EventKind | str] | None) -> frozenset[EventKind] | None:
    return None if kinds is None else frozenset(EventKind(kind) for kind in kinds)


def _select(
    stops: Sequence[Stop],
    start_year: int | None,
    end_year: int | None,
    kinds: frozenset[EventKind] | None,
) -> list[Stop]:
    chosen = []
    for stop in stops:
        if start_year is not None and stay_end(stop).year < start_year:
            continue
        if end_year is not None and stop.arrival.start.year > end_year:
            continue
        if kinds is not None and not any(event.kind in kinds for event in stop.events):
            continue
        chosen.append(stop)
    return chosen


def _spans(when: DateSpan, year: int) -> bool:
    return when.start.year <= year <= when.end.year


def _frame(
    itinerary: Itinerary,
    stops: Sequence[Stop],
    kinds: frozenset[EventKind] | None,
    *,
    collapsed: bool = False,
    offline: bool = False,
) -> folium.Map:
    fmap = JourneyMap(
        tiles=None if offline else TILES,
        location=(30.0, 20.0),
        zoom_start=2,
        control_scale=True,
        zoom_snap=0.25,
        offline=offline,
    )
    Basemap().add_to(fmap)
    if itinerary.stops:
        lats = [stop.place.lat for stop in itinerary.stops]
        lons = [stop.place.lon for stop in itinerary.stops]
        fmap.fit_bounds(
            [[min(lats), min(lons)], [max(lats), max(lons)]],
            padding_top_left=(50, 20),
            padding_bottom_right=COLLAPSED_LEGEND_PX if collapsed else LEGEND_AND_SLIDER_PX,
        )
    title = f"{itinerary.subject}: kinds of stop" if itinerary.subject else "Kinds of stop"
    shown = {marker_kind(stop, kinds) for stop in (stops or itinerary.stops)}
    note = OFFLINE_NOTE if offline else EXPORT_NOTE
    Legend(shown, title=title, note=note, collapsed=collapsed).add_to(fmap)
    return fmap


def _fan_offsets(stops: Sequence[Stop]) -> list[tuple[float, float]]:
    """Pixel offsets spreading stops at one place on a golden-angle spiral, first at the centre.

    An area is not a pin: it neither moves nor pushes the pins near its centre aside.
    """
    anchors: list[tuple[tuple[float, float], int]] = []
    offsets = []
    for stop in stops:
        if area_of(stop.place) is not None:
            offsets.append((0.0, 0.0))
            continue
        point = (stop.place.lat, stop.place.lon)
        for position, (anchor, count) in enumerate(anchors):
            if distance_km(anchor, point) < NEARBY_KM:
                anchors[position] = (anchor, count + 1)
                slot = count
                break
        else:
            anchors.append((point, 1))
            slot = 0
        if slot == 0:
            offsets.append((0.0, 0.0))
        else:
            radius = FAN_STEP_PX * math.sqrt(slot)
            turn = math.radians(137.508 * slot)
            offsets.append((round(radius * math.cos(turn), 1), round(radius * math.sin(turn), 1)))
    return offsets


def _stop_feature(
    stop: Stop,
    index: int,
    offset: tuple[float, float],
    area: Area | None,
    state: str,
    kinds: frozenset[EventKind] | None,
) -> Feature:
    kind = marker_kind(stop, kinds)
    style = KIND_STYLES[kind]
    tooltip = f"{area_label(stop.place, stop.names_written[0])}, {stop.arrival.label}"
    properties = {
        "role": "stop",
        "stop": index,
        "state": state,
        "kind": kind.value,
        "colour": style.colour,
        "icon": style.icon,
        "size": _SIZES[state],
        "z": _Z[state],
        "dx": offset[0],
        "dy": offset[1],
        "tooltip": html.escape(tooltip),
    }
    if area is not None:
        properties["area"] = area.drawing()
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [stop.place.lon, stop.place.lat]},
        "properties": properties,
    }


def _leg_features(stops: Sequence[Stop], areas: Sequence[Area | None]) -> list[Feature]:
    """Every leg's line and arrowhead, in order."""
    return [feature for _, features in _legs(stops, areas) for feature in features]


def _legs(
    stops: Sequence[Stop], areas: Sequence[Area | None]
) -> list[tuple[int, list[Feature]]]:
    """Each move as a great-circle line and an arrowhead, with the index of the stop it reaches.

    A leg leaves an area at its edge. A leg into an area goes to the place the text names
    next when that place lies inside it ("to France …, in Paris"), else it stops at the edge;
    the move from the area to that place is then no leg of its own.
    """
    legs = []
    for index in range(1, len(stops)):
        origin, destination = stops[index - 1], stops[index]
        a = (origin.place.lat, origin.place.lon)
        b = (destination.place.lat, destination.place.lon)
        if a == b:
            continue
        left, right = areas[index - 1], areas[index]
        following = stops[index + 1].place if index + 1 < len(stops) else None
        if right is not None and following is not None and right.contains(
            (following.lat, following.lon)
        ):
            b, right = (following.lat, following.lon), None
        points = clip_leg(great_circle(a, b), left, right)
        if points:
            legs.append((index, _leg_line(points)))
    return legs


def _leg_line(points: list[tuple[float, float]]) -> list[Feature]:
    coordinates = [[round(lo, LEG_DECIMALS), round(la, LEG_DECIMALS)] for la, lo in points]
    features: list[Feature] = [
        {
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": coordinates},
            "properties": {
                "role": "leg",
                "colour": LEG_COLOUR,
                "weight": 2.5,
                "opacity": 0.75,
                "dash": None,
            },
        }
    ]
    if distance_km(points[0], points[-1]) >= ARROW_MIN_KM:
        features.append(_arrow_feature(points))
    return features


def _arrow_feature(points: list[tuple[float, float]]) -> Feature:
    """An arrowhead halfway along a leg, rotated to the leg's direction on the Mercator map."""
    middle = len(points) // 2
    before, after = points[max(0, middle - 1)], points[min(len(points) - 1, middle + 1)]
    if len(points) == 2:
        lat = (points[0][0] + points[1][0]) / 2
        lon = (points[0][1] + points[1][1]) / 2
    else:
        lat, lon = points[middle]
    east = math.radians(after[1] - before[1])
    north = mercator_y(after[0]) - mercator_y(before[0])
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lon, 3), round(lat, 3)]},
        "properties": {
            "role": "arrow",
            "colour": LEG_COLOUR,
            "angle": round(math.degrees(math.atan2(-north, east)), 1),
        },
    }


def _timed(feature: Feature, start: dt.date, end: dt.date) -> Feature:
    """The feature shown by the timeline from ``start`` to ``end`` (inclusive ISO days)."""
    properties = {**feature["properties"], "start": start.isoformat(), "end": end.isoformat()}
    return {**feature, "properties": properties}


def _collection(features: list[Feature]) -> dict[str, object]:
    return {"type": "FeatureCollection", "features": features}

