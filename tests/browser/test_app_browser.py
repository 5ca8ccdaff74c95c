"""The running app in headless Chromium: the map draws, the slider redraws it in place, play."""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from browser.app_server import start_app
from trotsky_geo import bundled_text, extract

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
SLIDER = "[data-testid=stSlider] input[type=range], [data-testid=stSlider] [role=slider]"
CAPTION = re.compile(r"^\d{4} — ")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory) -> Iterator[str]:
    """`streamlit run app.py` headless on a free local port, stopped after the module."""
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    server, url = start_app(log)
    try:
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert "Traceback" not in log.read_text(), log.read_text()


def _open(browser_page, url: str):
    """Load the app and return its page and the map's frame once stops are drawn."""
    page = browser_page.page
    page.goto(url)
    page.wait_for_selector(MAP_FRAME, timeout=120_000)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".tg-stop").first.wait_for(timeout=60_000)
    return page, frame


def _caption(page) -> str:
    return page.locator("strong").filter(has_text=CAPTION).first.inner_text()


def _wait_for_caption(page, pattern: str, timeout_s: float = 30.0) -> str:
    deadline = time.monotonic() + timeout_s
    while True:
        text = _caption(page)
        if re.match(pattern, text):
            return text
        if time.monotonic() > deadline:
            raise AssertionError(f"caption stayed {text!r}, wanted {pattern!r}")
        page.wait_for_timeout(200)


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name))


def test_the_slider_redraws_the_map_in_place(browser_page, app_url):
    page, frame = _open(browser_page, app_url)
    assert "life on a map" in page.locator("h1").first.inner_text()
    _wait_for_caption(page, r"^1940 — ")
    whole_life = frame.locator(".tg-stop").count()
    assert whole_life >= 10
    frame.locator("body").evaluate("() => { window.__sameMap = 'not remounted'; }")
    legend = frame.locator(".tg-legend")
    assert legend.locator("details[open]").count() == 0, "the legend starts closed in the app"
    assert legend.bounding_box()["height"] < 40
    legend.locator("summary").click()
    assert legend.locator("details[open]").count() == 1
    assert legend.locator(".tg-legend-entry").first.is_visible()
    legend.locator("summary").click()
    _shot(page, "app-opened.png")

    slider = page.locator(SLIDER).first
    slider.focus()
    for _ in range(1940 - 1917):
        page.keyboard.press("ArrowLeft")
    caption = _wait_for_caption(page, r"^1917 — ")
    assert "Halifax" in caption
    page.wait_for_timeout(1500)

    assert frame.locator("body").evaluate("() => window.__sameMap") == "not remounted"
    assert 0 < frame.locator(".tg-stop").count() < whole_life
    assert frame.locator(".tg-current").count() >= 1
    # No scrolling first: the map runs below the window, as on a laptop, and the click alone
    # must open the popup (a marker focused the browser's way used to scroll it away).
    frame.locator(".tg-current").first.click()
    evidence = frame.locator(".leaflet-popup-content .tg-evidence").first
    evidence.wait_for(timeout=10_000)
    sentence = " ".join(evidence.inner_text().split())
    assert len(sentence) > 20
    assert sentence in " ".join(bundled_text().split()), "the popup quotes the article"
    _shot(page, "app-1917-popup.png")
    assert browser_page.errors == []
    assert browser_page.aborted == []


def test_the_kind_filter_takes_markers_off_the_map(browser_page, app_url):
    page, frame = _open(browser_page, app_url)
    exile = frame.locator(".tg-kind-exile")
    exile.first.wait_for(timeout=30_000)
    before = frame.locator(".tg-stop").count()
    kinds = page.get_by_role("button", name=re.compile(r"^Kinds shown: all \d+"))
    assert kinds.bounding_box()["height"] < 60, "the kind filter is one line"
    kinds.click()
    page.get_by_role("button", name="Remove exile").click()
    deadline = time.monotonic() + 30
    while exile.count() and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert exile.count() == 0
    assert frame.locator(".tg-stop").count() < before
    page.keyboard.press("Escape")
    page.get_by_role("button", name=re.compile(r"^Kinds shown: \d+ of \d+")).wait_for()
    _shot(page, "app-without-exile.png")
    assert browser_page.errors == []
    assert browser_page.aborted == []


def test_play_moves_through_the_years_and_stop_holds(browser_page, app_url):
    page, frame = _open(browser_page, app_url)
    frame.locator("body").evaluate("() => { window.__sameMap = 'not remounted'; }")
    page.get_by_role("button", name="▶ Play").click()
    first = int(_wait_for_caption(page, r"^18\d\d — ")[:4])
    page.wait_for_timeout(2500)
    later = int(_caption(page)[:4])
    assert later > first
    page.get_by_role("button", name="⏹ Stop").click()
    page.get_by_role("button", name="▶ Play").wait_for(timeout=10_000)
    held = _caption(page)
    page.wait_for_timeout(2000)
    assert _caption(page) == held
    assert frame.locator("body").evaluate("() => window.__sameMap") == "not remounted"
    _shot(page, "app-played.png")
    assert browser_page.errors == []
    assert browser_page.aborted == []


def test_with_tiles_refused_the_app_still_shows_the_countries_and_areas(browser_page, app_url):
    refused: list[str] = []

    def refuse(route) -> None:
        refused.append(route.request.url)
        route.abort()

    browser_page.page.route(re.compile(r"/\d+/\d+/\d+(@2x)?\.png"), refuse)
    page, frame = _open(browser_page, app_url)
    _wait_for_caption(page, r"^1940 — ")
    assert frame.locator("path.tg-basemap-country").count() > 150
    assert "Natural Earth" in frame.locator(".leaflet-control-attribution").inner_text()
    areas = frame.locator("path.tg-area")
    assert areas.count() >= 4, "Finland, Switzerland, Spain, Italy, the Balkans, the Urals"
    assert frame.locator(".leaflet-marker-icon.tg-area").count() == 0, "an area is not a pin"
    page.wait_for_timeout(500)
    assert refused, "the map asked for tiles and was refused"
    frame.locator("body").evaluate("() => window.scrollTo(0, 0)")
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    _shot(page, "app-no-tiles.png")
    script_errors = [e for e in browser_page.errors if "Failed to load resource" not in e]
    assert script_errors == [], "a refused tile is the only thing that may fail"


def test_the_downloaded_map_opens_and_animates(browser_page, app_url, tmp_path):
    page, _ = _open(browser_page, app_url)
    button = page.get_by_role("button", name=re.compile("works with no internet"))
    with page.expect_download(timeout=60_000) as download:
        button.click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert target.suffix == ".html"
    page.goto(target.as_uri())
    page.locator(".tg-stop").first.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    _shot(page, "app-downloaded-map.png")
    assert browser_page.errors == []
    assert browser_page.aborted == []


def test_the_stays_chart_is_drawn_and_a_click_on_a_bar_moves_the_year(browser_page, app_url):
    page, _ = _open(browser_page, app_url)
    _wait_for_caption(page, r"^1940 — ")
    chart = page.locator("[data-testid=stVegaLiteChart]").first
    chart.scroll_into_view_if_needed()
    bars = chart.locator("path[aria-roledescription=bar]")
    bars.first.wait_for(timeout=30_000)
    itinerary = extract(bundled_text())
    assert bars.count() >= len(itinerary.stops), "a bar per stop, two when its end is inferred"
    prinkipo = next(i for i, s in enumerate(itinerary.stops) if "Büyükada" in s.names_written)
    bar = chart.locator(f'path[aria-roledescription=bar][aria-label*="stop: {prinkipo};"]').first
    assert "where: Büyükada" in bar.get_attribute("aria-label")
    _shot(page, "app-stays-chart.png")
    bar.click()
    year = itinerary.stops[prinkipo].arrival.start.year
    _wait_for_caption(page, rf"^{year} — ")
    assert page.locator("[data-testid=stSliderThumbValue]").first.inner_text() == str(year)
    chart.scroll_into_view_if_needed()
    _shot(page, "app-stays-clicked.png")
    assert browser_page.errors == []
    assert browser_page.aborted == []
