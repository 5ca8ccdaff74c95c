"""The exported HTML map in headless Chromium: it draws, animates, opens popups, runs no text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ODESSA, YANOVKA, BrowserPage, day, event, year

from browser.cdn import CdnCache
from trotsky_geo.events import EventKind
from trotsky_geo.itinerary import Itinerary, build_itinerary
from trotsky_geo.maps import build_map, save_html

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
YEAR = re.compile(r"\b(18[7-9]\d|19[0-4]\d)\b")
STOP = ".leaflet-marker-icon.tg-stop"
TIME_TEXT = ".leaflet-timeline-control output.time-text"
CONTROL = ".leaflet-timeline-control"


def open_map(browser_page: BrowserPage, itinerary: Itinerary, path: Path, **options) -> object:
    """Save the map as HTML, open it from disk and wait for the first marker."""
    save_html(build_map(itinerary, **options), path)
    page = browser_page.page
    page.goto(path.as_uri())
    page.wait_for_selector(STOP)
    return page


def pause(page) -> None:
    """Stop the in-map playback if it is running."""
    if page.locator(f"{CONTROL}.playing").count():
        page.click(f"{CONTROL} button.pause")


def jump_to_end(page) -> None:
    """Move the in-map slider to its last time, as a user dragging it would."""
    page.evaluate(
        """() => {
            const slider = document.querySelector('.leaflet-timeline-control input.time-slider');
            slider.value = slider.max;
            slider.dispatchEvent(new Event('input', {bubbles: true}));
        }"""
    )


def open_popup(page, selector: str) -> None:
    """Click a marker; at the fitted world view neighbours may cover part of it, so the click
    goes to the marker element itself, as a user would after zooming in."""
    page.locator(selector).first.dispatch_event("click")
    page.wait_for_function("() => document.querySelectorAll('.leaflet-popup-content').length === 1")


def shown_year(page) -> int:
    text = page.inner_text(TIME_TEXT)
    found = YEAR.search(text)
    assert found, f"the time control shows {text!r}, not a year"
    return int(found.group())


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def assert_clean(browser_page: BrowserPage) -> None:
    assert browser_page.errors == []
    assert browser_page.aborted == []
    assert browser_page.dialogs == []


def test_every_cdn_url_the_map_references_is_served(sample_itinerary):
    rendered = build_map(sample_itinerary).get_root().render()
    urls = set(re.findall(r'(?:src|href)="(https?://[^"]+)"', rendered))
    assert urls, "the map links no scripts at all"
    cache = CdnCache.default()
    assert sorted(url for url in urls if cache.resolve(url) is None) == []


def test_exported_map_plays_through_the_years(browser_page, sample_itinerary, tmp_path):
    page = open_map(browser_page, sample_itinerary, tmp_path / "journey.html")
    assert page.locator(".tg-legend details[open] .tg-legend-entry").first.is_visible()
    assert 1879 <= shown_year(page) <= 1940
    pause(page)
    before = shown_year(page)
    page.click(f"{CONTROL} button.play")
    page.wait_for_function(
        """([selector, year]) => {
            const match = document.querySelector(selector).textContent.match(/1[89]\\d\\d/);
            return match && Number(match[0]) > year;
        }""",
        arg=[TIME_TEXT, before],
        timeout=15_000,
    )
    screenshot(page, "export_playing")
    pause(page)
    jump_to_end(page)
    assert shown_year(page) == 1940
    page.wait_for_timeout(300)
    assert page.locator(STOP).count() == len(sample_itinerary.stops)
    assert page.locator(f"{STOP}.tg-current").count() >= 1
    screenshot(page, "export_end")
    assert_clean(browser_page)


def test_stops_at_one_place_are_not_drawn_on_top_of_each_other(
    browser_page, sample_itinerary, tmp_path
):
    page = open_map(browser_page, sample_itinerary, tmp_path / "static.html", animate=False)
    boxes = [page.locator(STOP).nth(i).bounding_box() for i in range(page.locator(STOP).count())]
    assert len(boxes) == len(sample_itinerary.stops)
    centres = {(round(box["x"] + box["width"] / 2), round(box["y"] + box["height"] / 2))
               for box in boxes}
    assert len(centres) == len(boxes), "two stops share one marker position"
    screenshot(page, "export_static")
    assert_clean(browser_page)


def test_popup_shows_the_evidence_sentence(browser_page, sample_itinerary, tmp_path):
    page = open_map(browser_page, sample_itinerary, tmp_path / "journey.html")
    pause(page)
    jump_to_end(page)
    open_popup(page, f"{STOP}.tg-kind-birth")
    text = page.locator(".leaflet-popup-content").inner_text()
    assert "Lev Davidovich Bronstein was born on 7 November 1879" in text
    assert "7 Nov 1879" in text
    assert "Childhood and family (1879–1895)" in text
    assert "Bereslavka" in text
    screenshot(page, "export_popup")
    assert_clean(browser_page)


def test_inferred_dates_are_marked_in_the_popup(browser_page, sample_itinerary, tmp_path):
    page = open_map(browser_page, sample_itinerary, tmp_path / "journey.html", animate=False)
    open_popup(page, f"{STOP}.tg-kind-deportation")
    text = page.locator(".leaflet-popup-content").inner_text()
    assert "Istanbul" in text
    assert "Feb 1929 (inferred from context)" in text
    assert_clean(browser_page)


HOSTILE = (
    "Lev Bronstein was born in Yanovka on 7 November 1879 <script>alert(1)</script>. "
    "He studied in Odessa in 1887 <img src=x onerror=alert(2)>."
)


def hostile_itinerary() -> Itinerary:
    born, studied = HOSTILE.split(". ", 1)
    return build_itinerary(
        [
            event(EventKind.BIRTH, YANOVKA, "<b>Yanovka</b>", day(1879, 11, 7), born + ".",
                  "<i>Childhood</i>", text=HOSTILE),
            event(EventKind.EDUCATION, ODESSA, "Odessa`${alert(3)}`", year(1887), studied,
                  "Childhood", text=HOSTILE),
        ]
    )


def test_markup_in_the_text_is_shown_as_text_and_never_runs(browser_page, tmp_path):
    path = tmp_path / "hostile.html"
    page = open_map(browser_page, hostile_itinerary(), path)
    saved = path.read_text()
    assert "<script>alert" not in saved
    assert "<img src=x" not in saved
    pause(page)
    jump_to_end(page)
    open_popup(page, f"{STOP}.tg-kind-birth")
    popup = page.locator(".leaflet-popup-content")
    assert "<script>alert(1)</script>" in popup.inner_text()
    assert "<b>Yanovka</b>" in popup.inner_text()
    assert popup.locator("script").count() == 0
    assert popup.locator("b", has_text="Yanovka").count() == 0
    open_popup(page, f"{STOP}.tg-kind-education")
    assert "onerror=alert(2)" in page.locator(".leaflet-popup-content").inner_text()
    assert page.locator(".leaflet-popup-content img").count() == 0
    assert "Odessa`${alert(3)}`" in page.locator(".leaflet-popup-content").inner_text()
    page.wait_for_timeout(300)
    screenshot(page, "export_hostile")
    assert_clean(browser_page)


def test_map_of_the_bundled_article(browser_page, tmp_path):
    import trotsky_geo

    itinerary = trotsky_geo.extract(trotsky_geo.bundled_text())
    page = open_map(browser_page, itinerary, tmp_path / "trotsky.html")
    pause(page)
    jump_to_end(page)
    page.wait_for_timeout(300)
    areas = page.locator("path.tg-area").count()
    assert areas == sum(1 for s in itinerary.stops if s.place.type.value in ("country", "region"))
    assert page.locator(STOP).count() + areas == len(itinerary.stops)
    screenshot(page, "export_article")
    assert_clean(browser_page)
