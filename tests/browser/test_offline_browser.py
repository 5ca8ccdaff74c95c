"""The offline export with every network request refused: basemap, stops, areas, play, popup."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import trotsky_geo
from trotsky_geo.maps import build_map, save_html

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
STOP = ".leaflet-marker-icon.tg-stop"
AREA = "path.tg-area"
COUNTRY = "path.tg-basemap-country"
TIME_TEXT = ".leaflet-timeline-control output.time-text"
CONTROL = ".leaflet-timeline-control"
YEAR = re.compile(r"\b(18[7-9]\d|19[0-4]\d)\b")


@pytest.fixture(scope="module")
def article():
    return trotsky_geo.extract(trotsky_geo.bundled_text())


def shown_year(page) -> int:
    return int(YEAR.search(page.inner_text(TIME_TEXT)).group())


def test_the_offline_export_works_with_every_request_refused(unplugged_page, article, tmp_path):
    path = save_html(build_map(article, offline=True), tmp_path / "offline.html")
    page = unplugged_page.page
    page.goto(path.as_uri())
    page.wait_for_selector(STOP)
    assert page.locator(COUNTRY).count() > 150, "the country outlines are drawn"
    assert "Natural Earth" in page.inner_text(".leaflet-control-attribution")
    assert page.locator(".leaflet-tile").count() == 0
    icon = page.locator(f"{STOP} svg.tg-icon").first
    assert icon.is_visible(), "markers carry their SVG icon"

    page.click(f"{CONTROL} button.pause")
    before = shown_year(page)
    page.click(f"{CONTROL} button.play")
    page.wait_for_function(
        """([selector, year]) => {
            const match = document.querySelector(selector).textContent.match(/1[89]\\d\\d/);
            return match && Number(match[0]) > year + 2;
        }""",
        arg=[TIME_TEXT, before],
        timeout=20_000,
    )
    page.click(f"{CONTROL} button.pause")
    page.evaluate(
        """() => {
            const slider = document.querySelector('.leaflet-timeline-control input.time-slider');
            slider.value = slider.max;
            slider.dispatchEvent(new Event('input', {bubbles: true}));
        }"""
    )
    assert shown_year(page) == 1940
    page.wait_for_timeout(300)
    areas = sum(1 for stop in article.stops if stop.place.type.value in ("country", "region"))
    assert page.locator(AREA).count() == areas
    assert page.locator(STOP).count() == len(article.stops) - areas
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "offline_export_end.png"))

    for index in range(areas):
        box = page.locator(AREA).nth(index).bounding_box()
        assert box and box["width"] > 10 and box["height"] > 10, "an area is drawn, not empty"
    page.locator(AREA).first.dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.inner_text().startswith("somewhere in ")
    page.screenshot(path=str(SCREENSHOTS / "offline_export_area_popup.png"))
    page.locator(f"{STOP}.tg-kind-birth").first.dispatch_event("click")
    page.wait_for_function(
        "() => document.querySelector('.leaflet-popup-content').textContent.includes('born')"
    )
    assert "was born on 7 November 1879" in popup.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "offline_export_popup.png"))
    strip = page.locator("svg.tg-stays")
    assert strip.is_visible(), "the stays strip is under the map"
    map_box = page.locator(".leaflet-container").bounding_box()
    assert strip.bounding_box()["y"] >= map_box["y"] + map_box["height"] - 2, "not over the map"
    page.locator("svg.tg-stays rect.tg-stay").first.click()
    assert shown_year(page) == 1879, "a click on the first stay moves the map there"
    page.screenshot(path=str(SCREENSHOTS / "offline_export_strip.png"))
    assert unplugged_page.errors == []
    assert unplugged_page.aborted == []
    assert unplugged_page.dialogs == []
