"""The stays chart: a bar per stop in time order, inferred ends apart, the year shaded."""

from __future__ import annotations

from trotsky_geo.maps.stays import SELECTION, stays_chart, stays_frame


def test_every_stop_has_a_stated_bar_and_an_inferred_end_its_own(sample_itinerary):
    frame = stays_frame(sample_itinerary)
    stated = frame[~frame["inferred"]]
    assert list(stated["stop"]) == list(range(len(sample_itinerary.stops)))
    assert list(stated["year"]) == [s.arrival.start.year for s in sample_itinerary.stops]
    for _, bar in frame[frame["inferred"]].iterrows():
        stop = sample_itinerary.stops[bar["stop"]]
        assert stop.departure_inferred
        assert bar["end"] == stop.departure.start.isoformat()
    assert (frame["start"] < frame["end"]).all()
    assert frame.iloc[0]["place"] == "Yanovka"


def test_the_chart_shades_the_year_and_selects_a_stop_on_click(sample_itinerary):
    spec = stays_chart(sample_itinerary, year=1917).to_dict()
    assert spec["params"] == [
        {"name": SELECTION, "select": {"type": "point", "fields": ["stop", "year"], "on": "click"},
         "views": spec["params"][0]["views"]}
    ]
    rows = [row for data in spec["datasets"].values() for row in data]
    assert {"start": "1917-01-01", "end": "1917-12-31"} in rows


def test_a_kind_filter_leaves_only_its_stops(sample_itinerary):
    frame = stays_frame(sample_itinerary, kinds=["death"])
    assert set(frame["kind"]) == {"death"}
