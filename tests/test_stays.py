"""The stays chart: a bar per stop in time order, inferred ends apart, the year shaded."""

from __future__ import annotations

import altair

from trotsky_geo.maps.stays import BARS_VIEW, SELECTION, stays_chart
from trotsky_geo.maps.strip import stay_bars


def test_every_stop_has_a_stated_bar_and_an_inferred_end_its_own(sample_itinerary):
    bars = stay_bars(sample_itinerary)
    stated = [bar for bar in bars if not bar["inferred"]]
    assert [bar["stop"] for bar in stated] == list(range(len(sample_itinerary.stops)))
    assert [bar["year"] for bar in stated] == [s.arrival.start.year for s in sample_itinerary.stops]
    for bar in bars:
        if bar["inferred"]:
            stop = sample_itinerary.stops[bar["stop"]]
            assert stop.departure_inferred
            assert bar["end"] == stop.departure.start.isoformat()
    assert all(bar["start"] < bar["end"] for bar in bars)
    assert stated[0]["place"] == "Yanovka"


def test_the_chart_shades_the_year_and_selects_a_stop_on_click(sample_itinerary):
    spec = stays_chart(sample_itinerary, year=1917)
    assert spec["params"] == [
        {"name": SELECTION, "select": {"type": "point", "fields": ["stop", "year"], "on": "click"},
         "views": [BARS_VIEW]}
    ]
    shade, bars = spec["layer"]
    assert shade["data"]["values"] == [{"start": "1917-01-01", "end": "1917-12-31"}]
    assert bars["name"] == BARS_VIEW
    assert bars["data"]["values"] == stay_bars(sample_itinerary)


def test_the_chart_is_valid_vega_lite(sample_itinerary):
    """Checked against the Vega-Lite schema Streamlit's own Altair carries."""
    altair.LayerChart.from_dict(stays_chart(sample_itinerary, year=1917), validate=True)


def test_a_kind_filter_leaves_only_its_stops(sample_itinerary):
    spec = stays_chart(sample_itinerary, year=1917, kinds=["death"])
    assert {bar["kind"] for bar in spec["layer"][1]["data"]["values"]} == {"death"}
