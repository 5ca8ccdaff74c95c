"""The journey on a folium map: markers by kind, great-circle legs, a legend and a time slider.

Every piece of text from the biography reaches the page as escaped HTML inside JSON, never
as JavaScript source. The exported HTML is one file that still loads Leaflet, its plugins and
the map tiles from CDNs: it needs internet to display.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import folium
import jinja2
from branca.element import MacroElement
from folium.plugins import Timeline, TimelineSlider
from folium.template import Template
from folium.utilities import JsCode

from trotsky_geo.dates import DateSpan
from trotsky_geo.events import EventKind
from trotsky_geo.itinerary import Itinerary, Stop

EXPORT_NOTE = "One file: needs internet for map tiles and scripts."
TILES = "OpenStreetMap"
EARTH_RADIUS_KM = 6371.0
ARC_STEP_KM = 50.0  # one interpolated point per this many km of a leg
ARROW_MIN_KM = 60.0  # legs shorter than this get no arrowhead: it would sit on the markers
NEARBY_KM = 150.0  # stops this close to an earlier one are fanned out around it (pixels)
FAN_STEP_PX = 16.0  # distance in pixels between fanned-out markers
LEG_COLOUR = "#37474f"
LEGEND_AND_SLIDER_PX = (180, 90)  # room kept free of stops at the right and bottom edges
COLLAPSED_LEGEND_PX = (40, 20)  # the same when the legend starts closed and there is no slider
LEGEND_OPEN_FROM_PX = 600  # a map shorter than this starts with the legend closed

# The in-map date large enough to read from the back of a classroom; long evidence scrolls.
_CSS = """
.leaflet-timeline-control .time-text {font:bold 22px/1.2 sans-serif;color:#263238;}
.leaflet-popup-content .tg-popup {overflow-wrap:anywhere;}
.tg-legend summary {white-space:nowrap;}
"""

Feature = dict[str, Any]  # one GeoJSON feature, as json.dumps takes it


@dataclass(frozen=True)
class KindStyle:
    """How a kind of stop looks: marker colour, Font Awesome icon, legend label."""

    colour: str
    icon: str
    label: str


KIND_STYLES: MappingProxyType[EventKind, KindStyle] = MappingProxyType(
    {
        EventKind.BIRTH: KindStyle("#2e7d32", "fa-baby", "birth"),
        EventKind.EDUCATION: KindStyle("#1565c0", "fa-graduation-cap", "education"),
        EventKind.RESIDENCE: KindStyle("#6d4c41", "fa-house", "residence"),
        EventKind.ARREST: KindStyle("#c62828", "fa-handcuffs", "arrest"),
        EventKind.IMPRISONMENT: KindStyle("#4a148c", "fa-lock", "imprisonment"),
        EventKind.EXILE: KindStyle("#455a64", "fa-snowflake", "exile"),
        EventKind.ESCAPE: KindStyle("#ef6c00", "fa-person-running", "escape"),
        EventKind.DEPORTATION: KindStyle("#ad1457", "fa-ship", "deportation"),
        EventKind.TRAVEL: KindStyle("#0288d1", "fa-suitcase", "travel"),
        EventKind.CONFERENCE: KindStyle("#00897b", "fa-users", "conference"),
        EventKind.HOSPITAL: KindStyle("#e91e63", "fa-hospital", "hospital"),
        EventKind.ATTACK: KindStyle("#b71c1c", "fa-burst", "attack"),
        EventKind.DEATH: KindStyle("#212121", "fa-cross", "death"),
        EventKind.BURIAL: KindStyle("#757575", "fa-monument", "burial"),
    }
)

# Marker sizes in pixels by state: a stop on a static map, the stay under way, a past stay.
_SIZES = MappingProxyType({"stop": 24, "current": 32, "visited": 14})
_Z = MappingProxyType({"stop": 200, "current": 1000, "visited": 0})

_LANDMARKS = (EventKind.DEATH, EventKind.BURIAL, EventKind.BIRTH)

_POPUP = jinja2.Environment(autoescape=True).from_string(
    """<div class="tg-popup" style="max-width:340px;font-size:13px;line-height:1.35">
<div style="font-weight:bold;font-size:14px">{{ names }}</div>
<div style="color:#555">today: {{ today }}</div>
<div style="margin:4px 0"><span style="color:{{ colour }};font-weight:bold">{{ kind }}</span>
 · {{ stay }}</div>
{% for event in events %}<div class="tg-event" style="border-top:1px solid #ddd;padding-top:4px">
<div><b>{{ event.kind }}</b>, {{ event.date }}{% if event.inferred %}
 <i>(inferred from context)</i>{% endif %}{% if event.place_inferred %}
 <i>(place inferred from context)</i>{% endif %}</div>
<blockquote class="tg-evidence" style="margin:3px 0 3px 6px;padding-left:6px;\
border-left:3px solid #ccc">{{ event.sentence }}</blockquote>
<div class="tg-section" style="color:#777;font-size:11px">§ {{ event.section }}</div>
</div>{% endfor %}</div>"""
)

# Static JavaScript shared by every layer; biography text only ever arrives as feature data.
_POINT_TO_LAYER = """function (feature, latlng) {
    var p = feature.properties;
    if (p.role === "arrow") {
        var arrow = document.createElement("div");
        arrow.textContent = "\\u27A4";
        arrow.style.cssText = "font-size:15px;line-height:15px;text-align:center;";
        arrow.style.color = p.colour;
        arrow.style.transform = "rotate(" + Number(p.angle) + "deg)";
        return L.marker(latlng, {
            icon: L.divIcon({html: arrow, className: "tg-arrow", iconSize: [15, 15],
                             iconAnchor: [7.5, 7.5]}),
            interactive: false, keyboard: false
        });
    }
    var d = Number(p.size);
    var dot = document.createElement("div");
    dot.style.cssText = "border-radius:50%;box-sizing:border-box;display:flex;" +
        "align-items:center;justify-content:center;color:white;";
    dot.style.width = d + "px";
    dot.style.height = d + "px";
    dot.style.fontSize = Math.round(d * 0.45) + "px";
    dot.style.background = p.colour;
    dot.style.opacity = p.state === "visited" ? "0.8" : "1";
    dot.style.border = p.state === "current" ? "3px solid #ffeb3b" : "2px solid white";
    dot.style.boxShadow = p.state === "current" ?
        "0 0 0 3px " + p.colour + ", 0 0 12px 4px rgba(255,235,59,0.9)" :
        "0 1px 3px rgba(0,0,0,0.5)";
    if (p.state !== "visited") {  // a past stay is a small dot in its kind's colour
        var glyph = document.createElement("i");
        glyph.className = "fa-solid " + p.icon;
        dot.appendChild(glyph);
    }
    var marker = L.marker(latlng, {
        icon: L.divIcon({
            html: dot,
            className: "tg-stop tg-" + p.state + " tg-kind-" + p.kind,
            iconSize: [d, d],
            iconAnchor: [d / 2 - Number(p.dx), d / 2 - Number(p.dy)],
            popupAnchor: [0, -d / 2]
        }),
        zIndexOffset: Number(p.z),
        riseOnHover: true,
        autoPanOnFocus: false
    });
    // A press on a marker must not focus it, or the map, the browser's way: in a page whose
    // map runs below the window (the app's iframe), that scrolls the page before the click
    // lands and the popup never opens. The marker takes focus without scrolling; Tab still
    // reaches it.
    marker.on("add", function () {
        var element = marker.getElement();
        L.DomEvent.on(element, "mousedown", function (event) {
            L.DomEvent.stopPropagation(event);
            event.preventDefault();
            element.focus({preventScroll: true});
        });
    });
    return marker;
}"""

_ON_EACH_FEATURE = """function (feature, layer) {
    var p = feature.properties;
    if (p.role === "stop") {
        layer.bindPopup(p.popup, {maxWidth: 340, maxHeight: 260, autoPanPadding: [20, 20]});
        layer.bindTooltip(p.tooltip, {direction: "top"});
    }
}"""

_STYLE = """function (feature) {
    var p = feature.properties;
    return {color: p.colour, weight: p.weight, opacity: p.opacity, dashArray: p.dash};
}"""

_FORMAT_MONTH_YEAR = """function (date) {
    return moment.utc(date).format("MMM YYYY");
}"""


class JourneyGeoJson(MacroElement):
    """Stops, legs and arrowheads as one Leaflet GeoJSON layer, drawn by the shared functions."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON({{ this.data|tojson }}, {
            pointToLayer: {{ this.point_to_layer }},
            onEachFeature: {{ this.on_each_feature }},
            style: {{ this.style }}
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict[str, object]) -> None:
        super().__init__()
        self._name = "JourneyGeoJson"
        self.data = data
        self.point_to_layer = _POINT_TO_LAYER
        self.on_each_feature = _ON_EACH_FEATURE
        self.style = _STYLE


class Legend(MacroElement):
    """A map control listing the kinds of stop shown, with the one-file note of the export.

    It opens by itself on a map at least LEGEND_OPEN_FROM_PX tall unless ``collapsed``; a click
    on its title opens or closes it. It also carries the page's few style rules.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var title = {{ this.title|tojson }};
            var entries = {{ this.entries|tojson }};
            var note = {{ this.note|tojson }};
            var map = {{ this._parent.get_name() }};
            var style = document.createElement("style");
            style.textContent = {{ this.css|tojson }};
            document.head.appendChild(style);
            var control = L.control({position: "topright"});
            control.onAdd = function () {
                var box = L.DomUtil.create("div", "tg-legend leaflet-bar");
                box.style.cssText = "background:rgba(255,255,255,0.92);padding:6px 8px;" +
                    "font:12px/1.4 sans-serif;max-width:260px;";
                var details = L.DomUtil.create("details", "", box);
                details.open = !{{ this.collapsed|tojson }} &&
                    map.getSize().y >= {{ this.open_from_px }};
                var summary = L.DomUtil.create("summary", "", details);
                summary.style.cssText = "font-weight:bold;cursor:pointer;";
                summary.textContent = title;
                var grid = L.DomUtil.create("div", "tg-legend-grid", details);
                grid.style.cssText = "display:grid;grid-template-columns:auto auto;" +
                    "column-gap:10px;row-gap:1px;margin-top:4px;";
                entries.forEach(function (entry) {
                    var row = L.DomUtil.create("div", "tg-legend-entry", grid);
                    row.style.whiteSpace = "nowrap";
                    var swatch = L.DomUtil.create("span", "", row);
                    swatch.style.cssText = "display:inline-block;width:16px;height:16px;" +
                        "border-radius:50%;margin-right:6px;vertical-align:middle;" +
                        "text-align:center;color:white;font-size:9px;line-height:16px;";
                    swatch.style.background = entry.colour;
                    var glyph = L.DomUtil.create("i", "fa-solid " + entry.icon, swatch);
                    var label = L.DomUtil.create("span", "", row);
                    label.textContent = entry.label;
                });
                var small = L.DomUtil.create("div", "tg-legend-note", details);
                small.style.cssText = "margin-top:4px;color:#555;font-size:11px;";
                small.textContent = note;
                L.DomEvent.disableClickPropagation(box);
                L.DomEvent.disableScrollPropagation(box);
                return box;
            };
            control.addTo(map);
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self, kinds: Iterable[EventKind], *, title: str, note: str, collapsed: bool = False
    ) -> None:
        super().__init__()
        self._name = "Legend"
        self.title = title
        self.note = note
        self.collapsed = collapsed
        self.open_from_px = LEGEND_OPEN_FROM_PX
        self.css = _CSS
        shown = set(kinds)
        self.entries = [
            {"label": style.label, "colour": style.colour, "icon": style.icon}
            for kind, style in KIND_STYLES.items()
            if kind in shown
        ]


class YearSlider(TimelineSlider):
    """The timeline's play/pause control and slider, labelled "Mon YYYY" in UTC, not clock time."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._name = "YearSlider"
        self.options["format_output"] = JsCode(_FORMAT_MONTH_YEAR)


def build_map(
    itinerary: Itinerary,
    *,
    start_year: int | None = None,
    end_year: int | None = None,
    kinds: Iterable[EventKind | str] | None = None,
    animate: bool = True,
) -> folium.Map:
    """The standalone map of the journey, animated by an in-map time slider unless told not to."""
    chosen = _kinds(kinds)
    stops = _select(itinerary.stops, start_year, end_year, chosen)
    fmap = _frame(itinerary, stops, chosen)
    if not stops:
        return fmap
    offsets = _fan_offsets(stops)
    if not animate:
        features = [
            _stop_feature(stop, index, offset, "stop", chosen)
            for index, (stop, offset) in enumerate(zip(stops, offsets, strict=True))
        ]
        features += _leg_features(stops)
        JourneyGeoJson(_collection(features)).add_to(fmap)
        return fmap
    last = max(_stay_end(stop) for stop in stops)
    features = []
    for index, (stop, offset) in enumerate(zip(stops, offsets, strict=True)):
        start, end = stop.arrival.start, _stay_end(stop)
        current = _stop_feature(stop, index, offset, "current", chosen)
        features.append(_timed(current, start, end))
        if end < last:
            visited = _stop_feature(stop, index, offset, "visited", chosen)
            features.append(_timed(visited, end + dt.timedelta(days=1), last))
    for leg_index, destination in enumerate(stops[1:]):
        for feature in _leg_features(stops[leg_index : leg_index + 2]):
            features.append(_timed(feature, destination.arrival.start, last))
    timeline = Timeline(
        _collection(features),
        point_to_layer=JsCode(_POINT_TO_LAYER),
        on_each_feature=JsCode(_ON_EACH_FEATURE),
        style=JsCode(_STYLE),
    ).add_to(fmap)
    first = min(stop.arrival.start for stop in stops)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    YearSlider(
        auto_play=True,
        enable_keyboard_controls=True,
        show_ticks=False,
        steps=max(months, 12),
        playback_duration=max(20_000, 800 * (last.year - first.year + 1)),
    ).add_timelines(timeline).add_to(fmap)
    return fmap


def base_map(itinerary: Itinerary) -> folium.Map:
    """The unchanging frame for the app: tiles, a start view fitted to every stop, the legend.

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
    features = [
        _stop_feature(
            stop, index, offset, "current" if recorded_in(stop, year) else "visited", chosen
        )
        for index, stop, offset in reached
    ]
    features += _leg_features([stop for _, stop, _ in reached])
    JourneyGeoJson(_collection(features)).add_to(group)
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


def save_html(fmap: folium.Map, path: str | Path) -> Path:
    """Write the map as one HTML file (it still loads Leaflet and tiles from the internet)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fmap.save(str(target))
    return target


def popup_html(stop: Stop) -> str:
    """The stop's popup as escaped HTML: names, dates as precise as the text, each evidence."""
    style = KIND_STYLES[marker_kind(stop)]
    return _POPUP.render(
        names=" / ".join(stop.names_written),
        today=stop.place.name_today,
        colour=style.colour,
        kind=style.label,
        stay=_stay_label(stop),
        events=[
            {
                "kind": event.kind.value,
                "date": event.when.label,
                "inferred": event.date_inferred,
                "place_inferred": event.place_inferred,
                "sentence": event.evidence.sentence,
                "section": event.evidence.section,
            }
            for event in stop.events
        ],
    )


def marker_kind(stop: Stop, kinds: frozenset[EventKind] | None = None) -> EventKind:
    """The kind a stop's marker shows: a birth, death or burial there first, else its first kind.

    With ``kinds``, only those kinds are considered, so a filtered map shows what was asked for.
    """
    present = [event.kind for event in stop.events if kinds is None or event.kind in kinds]
    for landmark in _LANDMARKS:
        if landmark in present:
            return landmark
    return present[0] if present else stop.kind


def great_circle(
    origin: tuple[float, float], destination: tuple[float, float], *, step_km: float = ARC_STEP_KM
) -> list[tuple[float, float]]:
    """(lat, lon) points along the shortest arc, longitudes unwrapped to differ by < 180°."""
    lat1, lon1 = (math.radians(value) for value in origin)
    lat2, lon2 = (math.radians(value) for value in destination)
    a = (math.cos(lat1) * math.cos(lon1), math.cos(lat1) * math.sin(lon1), math.sin(lat1))
    b = (math.cos(lat2) * math.cos(lon2), math.cos(lat2) * math.sin(lon2), math.sin(lat2))
    angle = math.acos(max(-1.0, min(1.0, sum(x * y for x, y in zip(a, b, strict=True)))))
    if angle < 1e-9 or math.pi - angle < 1e-6:
        points = [origin, destination]
    else:
        count = max(1, math.ceil(angle * EARTH_RADIUS_KM / step_km))
        points = []
        for step in range(count + 1):
            t = step / count
            wa = math.sin((1 - t) * angle) / math.sin(angle)
            wb = math.sin(t * angle) / math.sin(angle)
            x, y, z = (wa * p + wb * q for p, q in zip(a, b, strict=True))
            points.append(
                (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)))
            )
        points[0], points[-1] = origin, destination
    return _unwrap(points)


def distance_km(origin: tuple[float, float], destination: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (*origin, *destination))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out = [points[0]]
    for lat, lon in points[1:]:
        previous = out[-1][1]
        out.append((lat, lon + 360.0 * round((previous - lon) / 360.0)))
    return out


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
        if start_year is not None and _stay_end(stop).year < start_year:
            continue
        if end_year is not None and stop.arrival.start.year > end_year:
            continue
        if kinds is not None and not any(event.kind in kinds for event in stop.events):
            continue
        chosen.append(stop)
    return chosen


def _stay_end(stop: Stop) -> dt.date:
    """Last day at the stop: the text's end, or the day the next stop begins."""
    end = stop.departure.start if stop.departure_inferred else stop.departure.end
    return max(end, stop.arrival.start)


def _spans(when: DateSpan, year: int) -> bool:
    return when.start.year <= year <= when.end.year


def _stay_label(stop: Stop) -> str:
    arrival = stop.arrival.label
    if stop.departure == stop.arrival:
        return arrival
    if stop.departure_inferred:
        return f"{arrival}, until {stop.departure.label} (next stop)"
    return f"{arrival} – {stop.departure.label}"


def _frame(
    itinerary: Itinerary,
    stops: Sequence[Stop],
    kinds: frozenset[EventKind] | None,
    *,
    collapsed: bool = False,
) -> folium.Map:
    fmap = folium.Map(
        tiles=TILES, location=(30.0, 20.0), zoom_start=2, control_scale=True, zoom_snap=0.25
    )
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
    Legend(shown, title=title, note=EXPORT_NOTE, collapsed=collapsed).add_to(fmap)
    return fmap


def _fan_offsets(stops: Sequence[Stop]) -> list[tuple[float, float]]:
    """Pixel offsets spreading stops at one place on a golden-angle spiral, first at the centre."""
    anchors: list[tuple[tuple[float, float], int]] = []
    offsets = []
    for stop in stops:
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
    state: str,
    kinds: frozenset[EventKind] | None,
) -> Feature:
    kind = marker_kind(stop, kinds)
    style = KIND_STYLES[kind]
    tooltip = f"{stop.names_written[0]}, {stop.arrival.label}"
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [stop.place.lon, stop.place.lat]},
        "properties": {
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
            "popup": popup_html(stop),
            "tooltip": html.escape(tooltip),
        },
    }


def _leg_features(stops: Sequence[Stop]) -> list[Feature]:
    features: list[Feature] = []
    for origin, destination in itertools.pairwise(stops):
        a = (origin.place.lat, origin.place.lon)
        b = (destination.place.lat, destination.place.lon)
        if a == b:
            continue
        points = great_circle(a, b)
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[lo, la] for la, lo in points]},
                "properties": {
                    "role": "leg",
                    "colour": LEG_COLOUR,
                    "weight": 2.5,
                    "opacity": 0.75,
                    "dash": None,
                },
            }
        )
        if distance_km(a, b) >= ARROW_MIN_KM:
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
    north = _mercator_y(after[0]) - _mercator_y(before[0])
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "role": "arrow",
            "colour": LEG_COLOUR,
            "angle": round(math.degrees(math.atan2(-north, east)), 1),
        },
    }


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _timed(feature: Feature, start: dt.date, end: dt.date) -> Feature:
    """The feature shown by the timeline from ``start`` to ``end`` (inclusive ISO days)."""
    properties = {**feature["properties"], "start": start.isoformat(), "end": end.isoformat()}
    return {**feature, "properties": properties}


def _collection(features: list[Feature]) -> dict[str, object]:
    return {"type": "FeatureCollection", "features": features}
