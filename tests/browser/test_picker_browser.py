"""The running app in headless Chromium: pick a place of one's own by clicking the picker map,
see the click fill Latitude and Longitude, add the place, and find it in the library file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser.app_server import start_app
from trotsky_geo.store import Store

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
NAME = "Hamlet of Testing"
ALIAS = "Testingfold"
SOURCE = "clicked on the picker map"
COORDINATE = re.compile(r"^-?\d{1,3}\.\d{5}$")  # how the app writes a picked coordinate
AIM = (0.62, 0.42)  # where to click, as fractions of the map's width and height

# The Leaflet map of a folium page: streamlit_folium keeps it as window.map, folium as map_<hash>.
_MAP = """(() => [window.map, ...Object.keys(window).filter(k => k.startsWith('map_'))
    .map(k => window[k])].find(m => m && m.containerPointToLatLng))()"""

# True once the map has its view, a size, and a listener keeping where Leaflet saw a click.
_READY = f"""() => {{
    const map = {_MAP};
    if (!map || !map._loaded) return false;
    const size = map.getSize();
    if (size.x < 100 || size.y < 100) return false;
    if (!window.__pickerListening) {{
        map.on('click', e => {{
            window.__pickerClick = [e.containerPoint.x, e.containerPoint.y];
        }});
        window.__pickerListening = true;
    }}
    return true;
}}"""

# The coordinates under a point of the map's container, computed by the map itself.
_LATLNG_AT = f"""([x, y]) => {{
    const at = {_MAP}.containerPointToLatLng([x, y]);
    return [at.lat, at.lng];
}}"""


def test_a_click_on_the_picker_map_fills_the_coordinates_and_the_place_is_kept(
    browser_page, tmp_path
):
    library = tmp_path / "library.sqlite"
    server, url = start_app(tmp_path / "server.log", env={"TROTSKY_GEO_LIBRARY": str(library)})
    try:
        page = browser_page.page
        page.goto(url)
        page.wait_for_selector(MAP_FRAME, timeout=120_000)
        page.frame_locator(MAP_FRAME).first.locator(".tg-stop").first.wait_for(timeout=60_000)
        maps = page.locator(MAP_FRAME)
        assert maps.count() == 1  # the journey map only, until the picker is asked for

        page.get_by_text("Edit the journey").click()
        toggle = page.get_by_text("Pick the coordinates by clicking a map")
        toggle.wait_for(timeout=30_000)
        toggle.scroll_into_view_if_needed()
        toggle.click()
        expect(maps).to_have_count(2, timeout=60_000)
        picker = maps.last  # it comes after the journey map on the page
        picker.scroll_into_view_if_needed()
        frame = picker.element_handle().content_frame()
        frame.wait_for_function(_READY, timeout=60_000, polling=250)
        assert frame.locator(".tg-stop").count() == 0  # not the journey map
        page.wait_for_timeout(500)  # let the scroll and the map's layout settle

        container = frame.locator(".leaflet-container").first
        box = container.bounding_box()  # in the page's coordinates
        x, y = round(box["width"] * AIM[0]), round(box["height"] * AIM[1])
        page.mouse.click(box["x"] + x, box["y"] + y)

        frame.wait_for_function("() => window.__pickerClick", timeout=30_000)
        point = frame.evaluate("() => window.__pickerClick")  # the container point clicked
        assert abs(point[0] - x) <= 1 and abs(point[1] - y) <= 1, (point, x, y)
        clicked = tuple(frame.evaluate(_LATLNG_AT, point))  # its coordinates, by the map

        latitude = page.get_by_label("Latitude", exact=True)
        longitude = page.get_by_label("Longitude", exact=True)
        expect(latitude).to_have_value(COORDINATE, timeout=60_000)
        expect(longitude).to_have_value(COORDINATE, timeout=60_000)
        lat, lon = float(latitude.input_value()), float(longitude.input_value())
        assert abs(lat - clicked[0]) < 0.01 and abs(lon - clicked[1]) < 0.01, (lat, lon, clicked)
        assert -90 <= lat <= 90 and -180 <= lon <= 180

        page.get_by_label("Name", exact=True).fill(NAME)
        page.get_by_label("Other names, separated by commas", exact=True).fill(ALIAS)
        page.get_by_label("Where the coordinates come from", exact=True).fill(SOURCE)
        page.get_by_role("button", name="Add the place").click()
        notice = page.get_by_text(f"Added {NAME}; every text now finds it.")
        notice.wait_for(timeout=120_000)  # after the text is read again with the new place
        assert latitude.input_value() == f"{lat:.5f}"  # the picked coordinates stay shown

        # Tall enough to show, from the notice down, the picker and the form it filled.
        page.set_viewport_size({"width": 1280, "height": 3000})
        notice.evaluate("element => element.scrollIntoView({block: 'start'})")
        page.locator(MAP_FRAME).last.scroll_into_view_if_needed()
        page.wait_for_timeout(1000)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "app-picked-place.png"))
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert browser_page.errors == []

    with Store.open(library) as store:
        [(place, aliases)] = store.places()
    assert place.name == NAME and aliases == (ALIAS,)
    assert place.source == SOURCE
    assert abs(place.lat - clicked[0]) < 0.01 and abs(place.lon - clicked[1]) < 0.01
    assert (place.lat, place.lon) == (lat, lon)  # exactly what the form held
