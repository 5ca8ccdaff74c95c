"""The Streamlit app as a user drives it: headless AppTest runs of app.py."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import folium
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from benchmarks.bench_app import MOVE_RATIO_FLOOR, measure
from trotsky_geo import bundled_text, extract
from trotsky_geo.maps import journey_layer, year_caption

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture(scope="module")
def itinerary():
    return extract(bundled_text())


@pytest.fixture
def downloads(monkeypatch):
    """What each download button would hand the user, by file name."""
    files: dict[str, bytes] = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def record(self, data, mimetype, coordinates, file_name=None, **kwargs):
        files[file_name] = data
        return add(self, data, mimetype, coordinates, file_name=file_name, **kwargs)

    def record_deferred(self, make, mimetype, coordinates, file_name=None, **kwargs):
        files[file_name] = make().encode("utf-8")
        return add_deferred(self, make, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", record)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    return files


@pytest.fixture
def app():
    return AppTest.from_file(APP, default_timeout=60).run()


def layer_script(layer: folium.FeatureGroup) -> str:
    """The JavaScript that draws a journey layer, as st_folium sends it to the map."""
    fmap = folium.Map()
    layer.add_to(fmap)
    return fmap.get_root().render()


def caption(at: AppTest) -> str:
    """The bold line under the map: the year and that year's stops."""
    lines = [md.value for md in at.markdown if md.value.startswith("**")]
    assert len(lines) == 1, lines
    return lines[0].strip("*")


def table_rows(at: AppTest) -> list[dict[str, str]]:
    return at.dataframe[0].value.to_dict("records")


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def readable(page: str) -> str:
    """The page's text with its JSON strings decoded and HTML entities resolved, as shown."""
    decoded = []
    for literal in _JSON_STRING.findall(page):
        try:
            decoded.append(json.loads(literal))
        except json.JSONDecodeError:
            continue
    return html.unescape(page + "\n" + "\n".join(decoded))


def tooltips(page: str) -> list[str]:
    """The hover text of every stop drawn on an exported map: "name, arrival date"."""
    return [json.loads(value) for value in re.findall(r'"tooltip":\s*("(?:[^"\\]|\\.)*")', page)]


def _layer_features(page: str) -> list[dict]:
    start = page.index("{", page.index("L.geoJSON("))
    data, _ = json.JSONDecoder().raw_decode(page, start)
    return data["features"]


def _popups(page: str) -> dict[str, str]:
    """The layer's popup HTML by stop index, as it reaches the page once per stop."""
    start = page.index("})(", page.index("(function (popups)")) + 3
    data, _ = json.JSONDecoder().raw_decode(page, start)
    return data


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def test_opens_on_the_bundled_article_with_title_and_credit(app, itinerary):
    assert not app.exception
    assert "Trotsky" in app.title[0].value
    credit = " ".join(c.value for c in app.caption)
    assert "Wikipedia" in credit
    assert "CC BY-SA 4.0" in credit
    assert "https://en.wikipedia.org/wiki/Leon_Trotsky" in credit
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in credit
    first, last = itinerary.years
    slider = app.slider(key="year")
    assert (slider.min, slider.max, slider.value) == (first, last, last)
    assert len(table_rows(app)) == len(itinerary.events)


def test_moving_the_slider_to_1917_shows_that_years_stops(app, itinerary):
    app.slider(key="year").set_value(1917).run()
    assert not app.exception
    assert caption(app) == year_caption(itinerary, 1917)
    assert caption(app).startswith("1917")
    assert "Halifax" in caption(app), "Trotsky was held at Halifax in April 1917"
    rows = table_rows(app)
    shown = [event for event in itinerary.events if event.when.start.year <= 1917]
    assert len(rows) == len(shown)
    highlighted = rows[: _highlighted_rows(app)]
    assert "Halifax" in {row["place as written"] for row in highlighted}
    assert "Vienna" not in {row["place as written"] for row in highlighted}


def _highlighted_rows(at: AppTest) -> int:
    """How many rows, from the top, the user sees on the highlight colour."""
    styles = at.dataframe[0].proto.arrow_data.styler.styles
    rows = sorted({int(n) for n in re.findall(r"_row(\d+)_col\d+", styles)})
    assert rows == list(range(len(rows))), "the highlighted rows are not the top rows"
    return len(rows)


@pytest.mark.parametrize("year", [1887, 1905, 1917, 1929, 1937])
def test_the_table_highlights_the_events_of_the_stops_the_map_highlights(app, itinerary, year):
    app.slider(key="year").set_value(year).run()
    rows = table_rows(app)
    count = _highlighted_rows(app)
    highlighted = {row["evidence"] for row in rows[:count]}
    assert highlighted.isdisjoint(row["evidence"] for row in rows[count:]) or count == 0
    fmap = folium.Map()
    journey_layer(itinerary, year=year, kinds=app.multiselect(key="kinds").value).add_to(fmap)
    page = fmap.get_root().render()
    popups = [
        readable(json.dumps(_popups(page)[str(feature["properties"]["stop"])]))
        for feature in _layer_features(page)
        if feature["properties"].get("state") == "current"
    ]
    assert popups, f"the map highlights a stop in {year}"
    for popup in popups:
        assert any(sentence in popup for sentence in highlighted), "a lit stop has no lit row"
    for sentence in highlighted:
        assert any(sentence in popup for popup in popups), f"lit row off the lit stops: {sentence}"


def test_the_slider_moves_the_table_with_it(app, itinerary):
    first, _ = itinerary.years
    app.slider(key="year").set_value(first).run()
    early = table_rows(app)
    assert caption(app).startswith(str(first))
    assert early, "the first year has at least one event: the birth"
    assert all(str(first) in row["date"] for row in early)


def test_removing_a_kind_removes_its_rows_and_markers(app, itinerary):
    kinds = app.multiselect(key="kinds").value
    assert "exile" in kinds
    app.multiselect(key="kinds").unselect("exile").run()
    assert not app.exception
    rows = table_rows(app)
    assert rows
    assert "exile" not in {row["kind"] for row in rows}
    exiled = [event for event in itinerary.events if event.kind.value == "exile"]
    assert len(rows) == len(itinerary.events) - len(exiled)
    _, last = itinerary.years
    rest = [kind for kind in kinds if kind != "exile"]
    drawn = readable(layer_script(journey_layer(itinerary, year=last, kinds=kinds)))
    filtered = readable(layer_script(journey_layer(itinerary, year=last, kinds=rest)))
    only_exile = [
        stop for stop in itinerary.stops if {e.kind.value for e in stop.events} == {"exile"}
    ]
    assert only_exile, "the article has stops that are exile only: Siberia, Alma-Ata"
    told_elsewhere = {
        e.evidence.sentence for s in itinerary.stops if s not in only_exile for e in s.events
    }
    sentences = [
        stop.events[0].evidence.sentence
        for stop in only_exile
        if stop.events[0].evidence.sentence not in told_elsewhere
    ]
    assert sentences, "an exile-only stop told by a sentence of its own"
    for sentence in sentences:
        assert sentence in drawn
        assert sentence not in filtered


def test_removing_every_kind_empties_the_table_without_error(app):
    app.multiselect(key="kinds").set_value([]).run()
    assert not app.exception
    assert table_rows(app) == []


def test_downloads_hold_the_map_and_every_event(downloads, itinerary):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    labels = [button.label for button in at.download_button]
    assert any("works with no internet" in label for label in labels), "offline by default"
    _, last = itinerary.years
    html_name = next(name for name in downloads if name.endswith(".html"))
    assert str(last) in html_name
    page = downloads[html_name].decode("utf-8")
    parser = _Tags()
    parser.feed(page)
    assert {"html", "head", "body", "script", "div"} <= set(parser.tags)
    shown = readable(page)
    for stop in itinerary.stops:
        assert stop.names_written[0] in shown, stop.names_written[0]
        assert stop.events[0].evidence.sentence in shown
    csv_name = next(name for name in downloads if name.endswith(".csv"))
    assert downloads[csv_name].decode("utf-8") == itinerary.to_csv()
    rows = list(csv.DictReader(io.StringIO(downloads[csv_name].decode("utf-8"))))
    assert len(rows) == len(itinerary.events)
    geojson_name = next(name for name in downloads if name.endswith(".geojson"))
    collection = json.loads(downloads[geojson_name])
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(itinerary.events)


def test_the_html_download_follows_the_slider(downloads, itinerary):
    at = AppTest.from_file(APP, default_timeout=60).run()
    downloads.clear()
    at.slider(key="year").set_value(1905).run()
    html_name = next(name for name in downloads if name.endswith(".html"))
    assert "1905" in html_name
    hovers = tooltips(downloads[html_name].decode("utf-8"))
    reached = [stop for stop in itinerary.stops if stop.arrival.start.year <= 1905]
    assert hovers
    assert {hover.rsplit(", ", 1)[0].removeprefix("somewhere in ") for hover in hovers} == {
        html.escape(stop.names_written[0]) for stop in reached
    }
    assert all(min(int(y) for y in re.findall(r"\d{4}", hover)) <= 1905 for hover in hovers)


@pytest.mark.parametrize(
    ("pasted", "upload"),
    [
        ("   \n", None),
        (None, ("photo.txt", bytes(range(256)), "text/plain")),
        (None, ("nul.txt", b"Trotsky\x00\x01\x02 in Vienna", "text/plain")),
        ("The quick brown fox jumps over the lazy dog.", None),
    ],
    ids=["blank", "not-utf8", "binary", "no-place"],
)
def test_bad_input_shows_an_error_and_keeps_the_map(app, pasted, upload):
    before = caption(app)
    if pasted is not None:
        app.text_area(key="pasted").input(pasted)
    if upload is not None:
        app.file_uploader(key="upload").set_value(upload)
    app.button(key="map_text").click().run()
    assert not app.exception
    assert len(app.error) == 1
    assert "\n" not in app.error[0].value
    assert "Traceback" not in app.error[0].value
    assert caption(app) == before
    assert "Trotsky" in app.title[0].value


def test_pasting_another_biography_maps_it(app):
    pasted = (
        "Rosa Luxemburg was born on 5 March 1871 in Zamość. "
        "In 1889 she moved to Zürich, where she studied at the University of Zurich. "
        "In 1898 she moved to Berlin."
    )
    app.text_area(key="pasted").input(pasted).run()
    app.button(key="map_text").click().run()
    assert not app.exception
    assert not app.error
    slider = app.slider(key="year")
    assert slider.min <= 1889 <= slider.max
    assert "Wikipedia" not in " ".join(c.value for c in app.caption)
    app.button(key="back").click().run()
    assert "Trotsky" in app.title[0].value


def test_reading_a_pasted_text_leaves_no_progress_bar_behind(app):
    pasted = "Rosa Luxemburg moved to Berlin in 1898, where she joined the Social Democratic Party."
    app.text_area(key="pasted").input(pasted).run()
    app.button(key="map_text").click().run()
    assert not app.exception
    assert not app.get("progress")
    assert "Berlin" in caption(app)
    app.run()
    assert not app.exception  # a later run takes the itinerary from the cache
    assert "Berlin" in caption(app)


def test_a_biography_dated_to_one_year_maps_without_a_slider(app):
    pasted = "Rosa Luxemburg moved to Berlin in 1898, where she joined the Social Democratic Party."
    app.text_area(key="pasted").input(pasted).run()
    app.button(key="map_text").click().run()
    assert not app.exception
    assert not app.error
    assert len(app.slider) == 0
    assert caption(app).startswith("1898")
    assert "Berlin" in caption(app)
    assert [row["place as written"] for row in table_rows(app)] == ["Berlin"]


def test_the_html_download_says_when_kinds_are_filtered(app):
    label = next(b.label for b in app.download_button if "HTML" in b.label)
    assert "kinds shown only" not in label
    app.multiselect(key="kinds").unselect("travel").run()
    label = next(b.label for b in app.download_button if "HTML" in b.label)
    assert "kinds shown only" in label


def test_the_html_download_is_offline_or_online_as_chosen(downloads, app):
    page = next(data for name, data in downloads.items() if name.endswith("-offline.html"))
    assert b"<script src=" not in page and b"L.tileLayer" not in page
    app.radio(key="export_mode").set_value("online").run()
    label = next(b.label for b in app.download_button if "HTML" in b.label)
    assert "loads map tiles and scripts from the internet" in label
    online = next(data for name, data in downloads.items() if name.endswith("1940.html"))
    assert b'<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3' in online
    assert len(online) < len(page)


def test_play_steps_year_by_year_and_stops(app, itinerary):
    first, _ = itinerary.years
    app.button(key="play").click().run()
    assert app.slider(key="year").value == first, "play from the last year starts over"
    assert app.button(key="play").label == "⏹ Stop"
    app.run()
    assert app.slider(key="year").value == first + 1
    assert caption(app).startswith(str(first + 1))
    app.button(key="play").click().run()
    app.run()
    assert app.slider(key="year").value == first + 1, "stop holds the year"
    assert app.button(key="play").label == "▶ Play"


def test_play_stops_by_itself_at_the_last_year(app, itinerary):
    _, last = itinerary.years
    app.slider(key="year").set_value(last - 1).run()
    app.button(key="play").click().run()
    app.run()
    assert app.slider(key="year").value == last
    assert app.button(key="play").label == "▶ Play"
    app.run()
    assert app.slider(key="year").value == last


def test_a_slider_move_costs_the_server_a_bounded_multiple_of_the_bare_page():
    timings = measure(moves=12)
    assert timings.move_ratio <= MOVE_RATIO_FLOOR, timings.report()
