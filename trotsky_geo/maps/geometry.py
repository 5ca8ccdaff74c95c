"""Spherical geometry for legs and areas: great-circle arcs, distances, points in outlines."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from trotsky_geo.place import EARTH_RADIUS_KM

ARC_STEP_KM = 50.0  # one interpolated point per this many km of a leg

LatLon = tuple[float, float]
Ring = Sequence[tuple[float, float]]  # (lon, lat) points, GeoJSON order, first == last


def great_circle(
    origin: LatLon, destination: LatLon, *, step_km: float = ARC_STEP_KM
) -> list[LatLon]:
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
    return unwrap(points)


def unwrap(points: list[LatLon]) -> list[LatLon]:
    """The same points with each longitude moved by whole turns to within 180° of the last."""
    out = [points[0]]
    for lat, lon in points[1:]:
        previous = out[-1][1]
        out.append((lat, lon + 360.0 * round((previous - lon) / 360.0)))
    return out


def mercator_y(lat: float) -> float:
    """The Web Mercator northing of a latitude, in radians of the equator."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def in_polygons(point: LatLon, polygons: Sequence[Sequence[Ring]]) -> bool:
    """Whether (lat, lon) lies inside any polygon (outer ring minus its holes), even-odd rule."""
    lat, lon = point
    lon = (lon + 180.0) % 360.0 - 180.0
    for rings in polygons:
        inside = False
        for ring in rings:
            for (x1, y1), (x2, y2) in itertools.pairwise(ring):
                if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
        if inside:
            return True
    return False
