"""The running app in headless Chromium: correct one stop, see its marker move, kill the server
with SIGKILL right after the edit is acknowledged, and find the edit in the library."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

from browser.app_server import start_app
from trotsky_geo.store import Store

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
VIENNA = "In October he moved to Vienna in Austria-Hungary."
LISBON = (38.72, -9.14)

# The coordinates of the stop whose popup quotes a sentence, read from the Leaflet map itself.
_STOP_AT = """(body, sentence) => {
    const maps = [window.map, ...Object.keys(window).filter(k => k.startsWith('map_'))
        .map(k => window[k])].filter(m => m && m.eachLayer);
    for (const map of maps) {
        let found = null;
        map.eachLayer(layer => {
            const p = layer.feature && layer.feature.properties;
            const popup = layer.getPopup && layer.getPopup();
            const html = popup ? String(popup.getContent()) : '';
            if (p && p.role === 'stop' && html.includes(sentence)) {
                const at = layer.getLatLng();
                found = [at.lat, at.lng];
            }
        });
        if (found) return found;
    }
    return null;
}"""


def _start(library: Path, log: Path) -> tuple[subprocess.Popen, str]:
    return start_app(log, env={"TROTSKY_GEO_LIBRARY": str(library)})


def _stop_position(frame, timeout_s: float = 30.0, near: tuple[float, float] | None = None):
    deadline = time.monotonic() + timeout_s
    while True:
        at = frame.locator("body").evaluate(_STOP_AT, VIENNA)
        if at is not None and (near is None or _close(at, near)):
            return at
        if time.monotonic() > deadline:
            raise AssertionError(f"the Vienna stop is at {at}, wanted near {near}")
        time.sleep(0.3)


def _close(a, b) -> bool:
    return abs(a[0] - b[0]) < 0.5 and abs(a[1] - b[1]) < 0.5


def test_a_corrected_stop_moves_and_survives_sigkill(browser_page, tmp_path):
    library = tmp_path / "library.sqlite"
    server, url = _start(library, tmp_path / "server.log")
    try:
        page = browser_page.page
        page.goto(url)
        page.wait_for_selector(MAP_FRAME, timeout=120_000)
        frame = page.frame_locator(MAP_FRAME).first
        frame.locator(".tg-stop").first.wait_for(timeout=60_000)
        before = _stop_position(frame)
        assert _close(before, (48.21, 16.37)), before  # Vienna

        page.get_by_text("Edit the journey").click()
        chooser = page.locator("[data-testid=stSelectbox]").filter(has_text="Stop").first
        chooser.click()
        page.keyboard.type("Oct 1907 · residence · Vienna")
        page.keyboard.press("Enter")
        place = page.get_by_label("Place", exact=True).first
        place.wait_for(timeout=30_000)
        page.wait_for_timeout(1000)
        place.fill("Lisbon")
        page.get_by_role("button", name="Save this stop").click()
        page.get_by_text("Saved to the library.").wait_for(timeout=60_000)
        server.send_signal(signal.SIGKILL)  # right after the acknowledgement
        assert browser_page.errors == []
        server.wait(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    with Store.open(library) as store:
        [entry] = store.entries()
        [correction] = store.corrections(entry.id)
    assert correction.anchor.sentence == VIENNA and correction.place == "Lisbon"

    server, url = _start(library, tmp_path / "server-again.log")
    try:
        page.goto(url)
        browser_page.errors.clear()  # the killed server's page could not reach it: expected
        page.wait_for_selector(MAP_FRAME, timeout=120_000)
        frame = page.frame_locator(MAP_FRAME).first
        frame.locator(".tg-stop").first.wait_for(timeout=60_000)
        moved = _stop_position(frame, near=LISBON)
        assert _close(moved, LISBON)
        assert frame.locator(".tg-corrected-mark").count() >= 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "app-corrected-stop.png"))
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert browser_page.errors == []


def _type_in_first_row_date(page, value: str) -> None:
    """Edit the date of the editing table's first row as a user does: click, move, type."""
    grid = page.locator("[data-testid=stDataFrame]").nth(1)  # the first is the timeline table
    grid.wait_for(timeout=30_000)
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(1000)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 420, box["y"] + 52)  # a read-only cell of the first row
    page.wait_for_timeout(300)
    for _ in range(8):
        page.keyboard.press("ArrowLeft")  # to the keep column
    page.keyboard.press("ArrowRight")  # the date column
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    page.keyboard.press("Control+A")
    page.keyboard.type(value)
    page.wait_for_timeout(500)
    page.keyboard.press("Enter")


def test_the_table_editor_saves_good_rows_and_flags_bad_ones(browser_page, tmp_path):
    library = tmp_path / "library.sqlite"
    server, url = _start(library, tmp_path / "server.log")
    try:
        page = browser_page.page
        page.goto(url)
        page.wait_for_selector(MAP_FRAME, timeout=120_000)
        page.get_by_text("Edit the journey").click()
        _type_in_first_row_date(page, "sommer 1902")
        page.get_by_text("Row 1 was not changed").wait_for(timeout=30_000)
        assert "cannot read the date" in page.get_by_text("Row 1 was not changed").inner_text()
        assert not library.exists() or not Store.open(library).entries()
        _type_in_first_row_date(page, "1880")
        page.get_by_text("Saved 1 edit(s) to the library.").wait_for(timeout=30_000)
        with Store.open(library) as store:
            [entry] = store.entries()
            [correction] = store.corrections(entry.id)
        assert correction.action.value == "dates" and correction.dates == "1880"
        assert correction.original  # the reading it replaced is kept beside it
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert browser_page.errors == []
