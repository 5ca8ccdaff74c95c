"""Itinerary: stops in time order, merged duplicates, inferred departures, serialisations."""

import csv
import io
import json

import pytest

from trotsky_geo import bundled_text, extract
from trotsky_geo.itinerary import CSV_FIELDS


@pytest.fixture(scope="module")
def itinerary():
    return extract(bundled_text())


def test_stops_are_in_time_order(itinerary):
    # A coarse date ("Jan 1937") may follow a finer one inside it ("9 Jan 1937"), never precede.
    for a, b in zip(itinerary.stops, itinerary.stops[1:], strict=False):
        assert b.arrival.end >= a.arrival.start, (a.place.name, b.place.name)


def test_first_and_last_stop(itinerary):
    assert itinerary.stops[0].place.name_today in {"Bereslavka", "Yanovka"}
    assert itinerary.stops[0].kind.value == "birth"
    assert itinerary.years == (1879, 1940)
    kinds = {e.kind.value for e in itinerary.stops[-1].events}
    assert "death" in kinds or "burial" in kinds


def test_consecutive_stops_are_different_places(itinerary):
    for a, b in zip(itinerary.stops, itinerary.stops[1:], strict=False):
        assert a.place.id != b.place.id


def test_departure_from_next_stop_is_marked_inferred(itinerary):
    vienna = next(s for s in itinerary.stops if s.place.name == "Vienna")
    assert vienna.departure_inferred
    following = itinerary.stops[itinerary.stops.index(vienna) + 1]
    assert vienna.departure == following.arrival


def test_stated_stay_keeps_its_end(itinerary):
    norderhov = next(s for s in itinerary.stops if s.place.name == "Norderhov")
    assert not norderhov.departure_inferred
    assert norderhov.departure.iso_end == "1936-09-02"


def test_legs_join_consecutive_stops(itinerary):
    assert len(itinerary.legs) == len(itinerary.stops) - 1
    assert itinerary.legs[0].origin is itinerary.stops[0]


def test_csv_has_one_row_per_event(itinerary):
    rows = list(csv.DictReader(io.StringIO(itinerary.to_csv())))
    assert len(rows) == len(itinerary)
    assert tuple(rows[0]) == CSV_FIELDS
    birth = rows[0]
    assert birth["kind"] == "birth" and birth["start"] == "1879-11-07"
    assert birth["place"] == "Yanovka"


def test_geojson_points_are_lon_lat(itinerary):
    data = json.loads(itinerary.to_geojson())
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == len(itinerary)
    almaty = next(f for f in data["features"] if f["properties"]["place"] == "Alma Ata")
    lon, lat = almaty["geometry"]["coordinates"]
    assert 76 < lon < 78 and 43 < lat < 44


def test_json_round_trips(itinerary):
    assert json.loads(itinerary.to_json()) == json.loads(json.dumps(itinerary.rows()))


def test_every_export_row_says_how_exactly_its_point_stands_for_the_place(itinerary):
    rows = itinerary.rows()
    assert {row["spatial_precision"] for row in rows} <= {"building", "city", "region", "country"}
    russia = [row for row in rows if row["name"] == "Russia"]
    assert russia and all(row["spatial_precision"] == "country" for row in russia)
    feature = json.loads(itinerary.to_geojson())["features"][0]
    assert feature["properties"]["spatial_precision"] in {"building", "city"}
