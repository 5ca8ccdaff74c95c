"""Stops the text only places in a country or a region, drawn as that area instead of a pin."""

from __future__ import annotations

from dataclasses import dataclass

from trotsky_geo.gazetteer import Place
from trotsky_geo.maps.basemap import Polygon, country_outline
from trotsky_geo.maps.geometry import LatLon, in_polygons
from trotsky_geo.place import distance_km

AREA_PRECISIONS = frozenset({"country", "region"})
REGION_RADIUS_KM = 350.0  # a region has no outline in the basemap: a shaded circle this wide


def spatial_precision(place: Place) -> str:
    """How exactly the text places the subject: "country", "region" or "point"."""
    kind = place.type.value
    return kind if kind in AREA_PRECISIONS else "point"


@dataclass(frozen=True)
class Area:
    """A vague stop's extent: the country's outline, or a circle around a region's centre."""

    centre: LatLon
    polygons: tuple[Polygon, ...] = ()
    radius_km: float = REGION_RADIUS_KM

    def contains(self, point: LatLon) -> bool:
        """Whether (lat, lon) lies inside the area."""
        if self.polygons:
            return in_polygons(point, self.polygons)
        return distance_km(self.centre, point) < self.radius_km

    def drawing(self) -> dict[str, object]:
        """The feature property the map's JavaScript draws: Leaflet lat/lon polygons or radius."""
        if self.polygons:
            return {
                "polygons": [
                    [[[round(lat, 2), round(lon, 2)] for lon, lat in ring] for ring in rings]
                    for rings in self.polygons
                ]
            }
        return {"radius": round(self.radius_km * 1000)}


def area_of(place: Place) -> Area | None:
    """The area a country or region stop is drawn as; None for a stop with a point."""
    precision = spatial_precision(place)
    if precision == "point":
        return None
    centre = (place.lat, place.lon)
    outline = country_outline(place.country) if precision == "country" and place.country else None
    return Area(centre, tuple(outline or ()))


def area_label(place: Place, name: str) -> str:
    """How a vague stop is named on the map: "somewhere in France"; a point keeps its name."""
    return f"somewhere in {name}" if spatial_precision(place) != "point" else name


def clip_leg(
    points: list[LatLon], origin: Area | None, destination: Area | None
) -> list[LatLon]:
    """A leg's points from where it leaves ``origin``'s area to where it enters ``destination``'s.

    An empty list when the leg never leaves the area (a city inside the country it follows).
    """
    start, end = 0, len(points)
    if origin is not None:
        while start < end and origin.contains(points[start]):
            start += 1
    if destination is not None:
        while end > start and destination.contains(points[end - 1]):
            end -= 1
    kept = points[start:end]
    return kept if len(kept) >= 2 else []
