"""The bundled basemap: Natural Earth country outlines drawn under the tiles and the journey.

The data is ``data/basemap.json``, built by ``scripts/build_map_data.py`` from the npm package
``world-atlas`` (Natural Earth 1:110m, public domain) as TopoJSON keyed by ISO alpha-2 codes.
It sits in a pane below the tile layer: when tiles load they cover it, when they cannot it is
the map.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from branca.element import Element, MacroElement
from jinja2.utils import htmlsafe_json_dumps

from trotsky_geo.maps.elements import Template
from trotsky_geo.maps.geometry import Ring, unwrap

ATTRIBUTION = "Countries: Natural Earth (public domain)"
SEA = "#cfe2ee"
LAND = "#f4f1e8"
BORDER = "#a1a8ad"

Polygon = list[Ring]

# Static JavaScript: decodes the TopoJSON arcs into GeoJSON for Leaflet.
_DECODE = """function (topology) {
    var scale = topology.transform.scale, shift = topology.transform.translate;
    var arcs = topology.arcs.map(function (arc) {
        var x = 0, y = 0;
        return arc.map(function (delta) {
            x += delta[0];
            y += delta[1];
            return [x * scale[0] + shift[0], y * scale[1] + shift[1]];
        });
    });
    function ring(indexes) {  // longitudes kept within 180° of the last: no line across
        var points = [];
        indexes.forEach(function (index) {
            var arc = index >= 0 ? arcs[index] : arcs[~index].slice().reverse();
            points = points.concat(points.length ? arc.slice(1) : arc);
        });
        return points.map(function (point, i) {
            if (i > 0) {
                var last = points[i - 1][0];
                point = [point[0] + 360 * Math.round((last - point[0]) / 360), point[1]];
                points[i] = point;
            }
            return point;
        });
    }
    return {
        type: "FeatureCollection",
        features: topology.objects.countries.geometries.map(function (geometry) {
            var polygons = geometry.type === "Polygon" ? [geometry.arcs] : geometry.arcs;
            return {
                type: "Feature",
                id: geometry.id,
                properties: geometry.properties,
                geometry: {type: "MultiPolygon", coordinates: polygons.map(function (rings) {
                    return rings.map(ring);
                })}
            };
        })
    };
}"""


class Basemap(MacroElement):
    """Country outlines in their own pane below the tiles, on a sea-coloured map background."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var pane = map.createPane("tg-basemap");
            pane.style.zIndex = 150;
            pane.style.pointerEvents = "none";
            map.getContainer().style.background = {{ this.sea|tojson }};
            L.geoJSON(({{ this.decode }})({{ this.topology }}), {
                pane: "tg-basemap",
                interactive: false,
                attribution: {{ this.attribution|tojson }},
                style: {
                    color: {{ this.border|tojson }}, weight: 0.7, opacity: 1,
                    fillColor: {{ this.land|tojson }}, fillOpacity: 1,
                    className: "tg-basemap-country"
                }
            }).addTo(map);
        })();
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Basemap"
        self.topology = topology_json()
        self.decode = _DECODE
        self.attribution = ATTRIBUTION
        self.sea, self.land, self.border = SEA, LAND, BORDER

    def render(self, **kwargs: object) -> None:
        """Add the script as it is: branca would compile its ~100 KB as a template each time."""
        script = self._template.module.script(self, kwargs)
        self.get_root().script.add_child(_Verbatim(script), name=self.get_name())


class _Verbatim(Element):
    """Text that renders as itself, never read as a template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: object) -> str:
        """The text."""
        return self.text


@functools.cache
def topology() -> dict[str, Any]:
    """The committed TopoJSON of the countries, read once."""
    source = resources.files("trotsky_geo.maps") / "data" / "basemap.json"
    return json.loads(source.read_text(encoding="utf-8"))


@functools.cache
def topology_json() -> str:
    """The topology as compact JSON that is safe inside a script tag, written once."""
    return htmlsafe_json_dumps(topology(), sort_keys=True, separators=(",", ":"))


def country_outline(code: str) -> list[Polygon] | None:
    """The polygons of the country with ISO alpha-2 ``code`` as (lon, lat) rings, or None."""
    data = topology()
    for geometry in data["objects"]["countries"]["geometries"]:
        if geometry["id"] == code.upper():
            polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
            arcs = _decoded_arcs()
            return [[_ring(arcs, indexes) for indexes in rings] for rings in polygons]
    return None


@functools.cache
def _decoded_arcs() -> tuple[tuple[tuple[float, float], ...], ...]:
    data = topology()
    (sx, sy), (tx, ty) = data["transform"]["scale"], data["transform"]["translate"]
    decoded = []
    for arc in data["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 4), round(y * sy + ty, 4)))
        decoded.append(tuple(points))
    return tuple(decoded)


def _ring(arcs: tuple[tuple[tuple[float, float], ...], ...], indexes: list[int]) -> Ring:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return [(lon, lat) for lat, lon in unwrap([(lat, lon) for lon, lat in points])]
