"""The map's folium elements: the page, the journey layer, the legend and the time slider.

Every piece of text from the biography reaches the page as escaped HTML inside JSON, never as
JavaScript source: the functions below are static and read it from feature data.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import ClassVar

from branca.element import MacroElement
from folium import template
from folium.elements import JSCSSMixin
from folium.plugins import TimelineSlider
from folium.utilities import JsCode

from trotsky_geo.events import EventKind
from trotsky_geo.maps.styles import KIND_STYLES

LEAFLET_JS = ("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")
LEAFLET_CSS = ("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css")
TIMELINE_JS = (
    "timeline",
    "https://cdn.jsdelivr.net/npm/leaflet.timeline@1.6.0/dist/leaflet.timeline.min.js",
)
LEGEND_OPEN_FROM_PX = 600  # a map shorter than this starts with the legend closed

# The in-map date large enough to read from the back of a classroom; long evidence scrolls.
_CSS = """
.leaflet-timeline-control .time-text {font:bold 22px/1.2 sans-serif;color:#263238;}
.leaflet-popup-content .tg-popup {overflow-wrap:anywhere;max-width:340px;font-size:13px;
  line-height:1.35;}
.tg-popup .tg-names {font-weight:bold;font-size:14px;}
.tg-popup .tg-today {color:#555;}
.tg-popup .tg-kindline {margin:4px 0;}
.tg-popup .tg-event {border-top:1px solid #ddd;padding-top:4px;}
.tg-popup .tg-evidence {margin:3px 0 3px 6px;padding-left:6px;border-left:3px solid #ccc;}
.tg-popup .tg-section {color:#777;font-size:11px;}
.tg-legend summary {white-space:nowrap;}
"""

_SVG_ICON = """function (icon, size) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", icon.viewBox);
    svg.setAttribute("width", size);
    svg.setAttribute("height", size);
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("class", "tg-icon");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", icon.path);
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
}"""

_POINT_TO_LAYER = """function (icons, svgIcon) { return function (feature, latlng) {
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
    if (p.area) {  // a country or region: its outline or a shaded circle, never a pin
        var current = p.state === "current";
        var options = {
            className: "tg-area tg-" + p.state + " tg-kind-" + p.kind,
            color: p.colour, weight: current ? 3 : 1.5, opacity: 0.9, dashArray: "6 4",
            fillColor: p.colour, fillOpacity: current ? 0.35 : p.state === "visited" ? 0.15 : 0.25
        };
        if (p.area.radius) {
            return L.circle(latlng, L.extend({radius: Number(p.area.radius)}, options));
        }
        return L.polygon(p.area.polygons, options);
    }
    var d = Number(p.size);
    var dot = document.createElement("div");
    dot.style.cssText = "border-radius:50%;box-sizing:border-box;display:flex;" +
        "align-items:center;justify-content:center;color:white;";
    dot.style.width = d + "px";
    dot.style.height = d + "px";
    dot.style.background = p.colour;
    dot.style.opacity = p.state === "visited" ? "0.8" : "1";
    dot.style.border = p.state === "current" ? "3px solid #ffeb3b" : "2px solid white";
    dot.style.boxShadow = p.state === "current" ?
        "0 0 0 3px " + p.colour + ", 0 0 12px 4px rgba(255,235,59,0.9)" :
        "0 1px 3px rgba(0,0,0,0.5)";
    if (p.state !== "visited" && icons[p.icon]) {  // a past stay is a small dot in its colour
        dot.appendChild(svgIcon(icons[p.icon], Math.round(d * 0.5)));
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
}; }"""

_ON_EACH_FEATURE = """function (popups) { return function (feature, layer) {
    var p = feature.properties;
    if (p.role === "stop") {
        layer.bindPopup(popups[p.stop], {maxWidth: 340, maxHeight: 260, autoPanPadding: [20, 20]});
        layer.bindTooltip(p.tooltip, {direction: "top", sticky: Boolean(p.area)});
    }
}; }"""

_STYLE = """function (feature) {  // legs only: an area keeps the style it was drawn with
    var p = feature.properties;
    if (p.role !== "leg") {
        return {};
    }
    return {color: p.colour, weight: p.weight, opacity: p.opacity, dashArray: p.dash};
}"""

# Dates before 1970 are negative milliseconds; Date formats them as well as any other.
_FORMAT_MONTH_YEAR = """function (date) {
    return new Date(date).toLocaleDateString("en-US",
        {month: "short", year: "numeric", timeZone: "UTC"});
}"""


class _CompactEnvironment(template.Environment):
    """folium's template environment, with ``tojson`` writing no spaces (still HTML-safe)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}


class Template(template.Template):
    """A folium template whose JSON is compact: the basemap and journey are most of a page."""

    environment_class = _CompactEnvironment


@functools.cache
def icon_paths() -> dict[str, dict[str, str]]:
    """Every kind's icon as an SVG view box and path (Font Awesome Free, CC BY 4.0)."""
    source = resources.files("trotsky_geo.maps") / "data" / "icons.json"
    return json.loads(source.read_text(encoding="utf-8"))


class JourneyLayer(JSCSSMixin, MacroElement):
    """Stops, areas, legs and arrowheads as one Leaflet layer: a plain GeoJSON or a timeline.

    The popups travel once, keyed by stop, however many features show that stop.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = {{ this.factory }}({{ this.data|tojson }}, {
            pointToLayer: ({{ this.point_to_layer }})({{ this.icons|tojson }},
                                                      {{ this.svg_icon }}),
            onEachFeature: ({{ this.on_each_feature }})({{ this.popups|tojson }}),
            style: {{ this.style }}
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self, data: dict[str, object], popups: Mapping[int, str], *, timeline: bool = False
    ) -> None:
        super().__init__()
        self._name = "JourneyTimeline" if timeline else "JourneyGeoJson"
        self.factory = "L.timeline" if timeline else "L.geoJSON"
        self.default_js = [TIMELINE_JS] if timeline else []
        self.data = data
        self.popups = {str(index): popup for index, popup in popups.items()}
        used = {feature["properties"].get("icon") for feature in data["features"]}
        self.icons = {name: path for name, path in icon_paths().items() if name in used}
        self.point_to_layer = _POINT_TO_LAYER
        self.svg_icon = _SVG_ICON
        self.on_each_feature = _ON_EACH_FEATURE
        self.style = _STYLE


class Legend(MacroElement):
    """A map control listing the kinds of stop shown, with the export's note.

    It opens by itself on a map at least LEGEND_OPEN_FROM_PX tall unless ``collapsed``; a click
    on its title opens or closes it. It also carries the page's few style rules.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var title = {{ this.title|tojson }};
            var entries = {{ this.entries|tojson }};
            var icons = {{ this.icons|tojson }};
            var note = {{ this.note|tojson }};
            var svgIcon = {{ this.svg_icon }};
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
                    swatch.style.cssText = "display:inline-flex;width:16px;height:16px;" +
                        "border-radius:50%;margin-right:6px;vertical-align:middle;" +
                        "align-items:center;justify-content:center;color:white;";
                    swatch.style.background = entry.colour;
                    swatch.appendChild(svgIcon(icons[entry.icon], 9));
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
        self.svg_icon = _SVG_ICON
        shown = set(kinds)
        styles = [style for kind, style in KIND_STYLES.items() if kind in shown]
        self.entries = [
            {"label": style.label, "colour": style.colour, "icon": style.icon} for style in styles
        ]
        self.icons = {style.icon: icon_paths()[style.icon] for style in styles}


class YearSlider(TimelineSlider):
    """The timeline's play/pause control and slider, labelled "Mon YYYY" in UTC, not clock time."""

    default_js: ClassVar[list[tuple[str, str]]] = [TIMELINE_JS]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._name = "YearSlider"
        self.options["format_output"] = JsCode(_FORMAT_MONTH_YEAR)
