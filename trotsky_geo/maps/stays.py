"""The stays chart: one bar per stop from arrival to departure, coloured by kind (Vega-Lite).

A plain Vega-Lite spec for ``st.vega_lite_chart``, written as a dict: building it through
Altair validated the whole schema on every slider move (about 70 ms). A click on a bar
selects the stop's arrival year (selection ``stay``, fields ``stop`` and ``year``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from trotsky_geo.events import EventKind
from trotsky_geo.itinerary import Itinerary
from trotsky_geo.maps.strip import INFERRED_OPACITY, YEAR_COLOUR, stay_bars
from trotsky_geo.maps.styles import KIND_STYLES

SELECTION = "stay"
BARS_VIEW = "stays"
BAR_PX = 7  # height of one stop's row
MIN_HEIGHT_PX = 120


def stays_chart(
    itinerary: Itinerary, *, year: int, kinds: Iterable[EventKind | str] | None = None
) -> dict[str, Any]:
    """The stays as bars in time order, the slider's year shaded; clicking a bar selects it."""
    bars = stay_bars(itinerary, kinds)
    first, last = itinerary.years
    domain = [f"{first}-01-01", f"{last}-12-31"]
    styles = list(KIND_STYLES.values())
    shade = {
        "data": {"values": [{"start": f"{year}-01-01", "end": f"{year}-12-31"}]},
        "mark": {"type": "rect", "color": YEAR_COLOUR, "opacity": 0.35},
        "encoding": {
            "x": {"field": "start", "type": "temporal", "scale": {"domain": domain}},
            "x2": {"field": "end"},
        },
    }
    stays = {
        "name": BARS_VIEW,
        "data": {"values": bars},
        "mark": {"type": "bar", "cornerRadius": 2, "cursor": "pointer"},
        "encoding": {
            "x": {
                "field": "start", "type": "temporal", "title": None,
                "scale": {"domain": domain},
                "axis": {"format": "%Y", "grid": True, "tickCount": 12},
            },
            "x2": {"field": "end"},
            "y": {"field": "stop", "type": "ordinal", "axis": None, "sort": "ascending"},
            "color": {
                "field": "kind", "type": "nominal", "legend": None,
                "scale": {"domain": [s.label for s in styles], "range": [s.colour for s in styles]},
            },
            "opacity": {
                "condition": {"test": "datum.inferred", "value": INFERRED_OPACITY},
                "value": 1.0,
            },
            "tooltip": [
                {"field": "place", "type": "nominal", "title": "where"},
                {"field": "kind", "type": "nominal"},
                {"field": "stay", "type": "nominal", "title": "when"},
            ],
        },
    }
    rows = len({bar["stop"] for bar in bars})
    return {
        "layer": [shade, stays],
        "params": [
            {
                "name": SELECTION,
                "select": {"type": "point", "fields": ["stop", "year"], "on": "click"},
                "views": [BARS_VIEW],
            }
        ],
        "height": max(MIN_HEIGHT_PX, BAR_PX * rows),
        "padding": 0,
    }
