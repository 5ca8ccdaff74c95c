"""The journey on a folium map: basemap, stops by kind, areas, legs, legend and time slider.

Split by concept: ``journey`` builds the maps, ``elements`` holds their folium elements,
``basemap`` the bundled country outlines, ``areas`` the vague stops, ``geometry`` the
spherical maths, ``export`` the one-file HTML in its online and offline modes.
"""

from trotsky_geo.maps.areas import spatial_precision
from trotsky_geo.maps.export import EXPORT_NOTE, OFFLINE_NOTE, save_html
from trotsky_geo.maps.geometry import great_circle
from trotsky_geo.maps.journey import (
    TILES,
    base_map,
    build_map,
    journey_layer,
    popup_html,
    recorded_in,
    year_caption,
)
from trotsky_geo.maps.stops import marker_kind, stay_end, stay_label
from trotsky_geo.maps.styles import KIND_STYLES, LEG_COLOUR, KindStyle

__all__ = [
    "EXPORT_NOTE",
    "KIND_STYLES",
    "LEG_COLOUR",
    "OFFLINE_NOTE",
    "TILES",
    "KindStyle",
    "base_map",
    "build_map",
    "great_circle",
    "journey_layer",
    "marker_kind",
    "popup_html",
    "recorded_in",
    "save_html",
    "spatial_precision",
    "stay_end",
    "stay_label",
    "year_caption",
]
