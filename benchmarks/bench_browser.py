"""The app against the barest st_folium page, side by side in headless Chromium, in one run.

For each page: a fresh ``streamlit run``, then the time from opening the page to the first
marker drawn in the map's iframe (the first map), and from a slider key press to the map's
layer being redrawn (``window.feature_group`` grows in the iframe), median of several moves
(Home and End in turn, so that every move changes the layer). For the app it also says where
the first map's time goes: the pipeline and the map build in process, the rest is the
browser (page, scripts, iframe).
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser.cdn import CdnCache, router  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS, plain_png  # noqa: E402

import trotsky_geo  # noqa: E402
from trotsky_geo.maps import base_map, journey_layer  # noqa: E402

APP = ROOT / "app.py"
BARE = ROOT / "benchmarks" / "bare_app.py"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
SLIDER = "[data-testid=stSlider] input[type=range], [data-testid=stSlider] [role=slider]"
LAYERS = "() => (window.feature_group || []).length"
MOVES = 8
POLL_MS = 10
REDRAW_TIMEOUT_S = 20.0
RATIO_TARGET = 1.2


@dataclass(frozen=True)
class PageTimings:
    """Seconds for one page: server start, first map after opening, each slider redraw."""

    server_start: float
    first_map: float
    redraws: tuple[float, ...]

    @property
    def redraw(self) -> float:
        """The typical slider redraw."""
        return statistics.median(self.redraws)


@dataclass(frozen=True)
class Comparison:
    """The app and the bare page, and where the app's first map spends its time."""

    app: PageTimings
    bare: PageTimings
    pipeline: float
    map_build: float

    @property
    def first_map_ratio(self) -> float:
        """The app's first map over the bare page's."""
        return self.app.first_map / self.bare.first_map

    @property
    def redraw_ratio(self) -> float:
        """The app's typical slider redraw over the bare page's."""
        return self.app.redraw / self.bare.redraw

    def report(self) -> str:
        """The figures as a few lines for people."""
        browser = max(0.0, self.app.first_map - self.pipeline - self.map_build)
        return "\n".join(
            [
                f"browser, first map: app {self.app.first_map:.2f} s, bare st_folium page "
                f"{self.bare.first_map:.2f} s, ratio {self.first_map_ratio:.2f} "
                f"(target <= {RATIO_TARGET})",
                f"browser, slider redraw: app {self.app.redraw * 1000:.0f} ms, bare page "
                f"{self.bare.redraw * 1000:.0f} ms, ratio {self.redraw_ratio:.2f} "
                f"(target <= {RATIO_TARGET})",
                f"app first map: pipeline {self.pipeline:.2f} s, map build {self.map_build:.2f} s, "
                f"browser and iframe {browser:.2f} s",
                f"server start: app {self.app.server_start:.2f} s, "
                f"bare {self.bare.server_start:.2f} s",
            ]
        )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _server(script: Path) -> Iterator[tuple[str, float]]:
    port = _free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.read() == b"ok":
                        break
            except OSError:
                if server.poll() is not None or time.perf_counter() - started > 90:
                    raise RuntimeError(f"{script.name} did not start") from None
                time.sleep(0.1)
        yield url, time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=15)


def _measure_page(browser, script: Path, cache: CdnCache, tile: bytes) -> PageTimings:
    with _server(script) as (url, server_start):
        context = browser.new_context(viewport={"width": 1280, "height": 860})
        context.route("**/*", router(cache, tile))
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(MAP_FRAME, timeout=120_000)
        frame = page.frame_locator(MAP_FRAME)
        frame.locator(".leaflet-marker-icon").first.wait_for(timeout=120_000)
        first_map = time.perf_counter() - started
        page.wait_for_timeout(1500)
        redraws = []
        for move in range(MOVES):
            page.locator(SLIDER).first.focus()
            before = frame.locator("body").evaluate(LAYERS)
            started = time.perf_counter()
            page.keyboard.press("Home" if move % 2 == 0 else "End")
            while frame.locator("body").evaluate(LAYERS) <= before:
                if time.perf_counter() - started > REDRAW_TIMEOUT_S:
                    raise RuntimeError(f"{script.name}: the map was not redrawn")
                page.wait_for_timeout(POLL_MS)
            redraws.append(time.perf_counter() - started)
            page.wait_for_timeout(1500)  # let the rerun settle before the next key
        context.close()
    return PageTimings(server_start, first_map, tuple(redraws))


def measure() -> Comparison:
    """Both pages in one run (the bare page first), and the app's in-process costs."""
    from playwright.sync_api import sync_playwright

    cache = CdnCache.default()
    tile = plain_png()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            bare = _measure_page(browser, BARE, cache, tile)
            app = _measure_page(browser, APP, cache, tile)
        finally:
            browser.close()
    started = time.perf_counter()
    itinerary = trotsky_geo.extract(trotsky_geo.bundled_text())
    pipeline = time.perf_counter() - started
    started = time.perf_counter()
    fmap = base_map(itinerary)
    journey_layer(itinerary, year=itinerary.years[1]).add_to(fmap)
    fmap.get_root().render()
    map_build = time.perf_counter() - started
    return Comparison(app, bare, pipeline, map_build)


def main() -> None:
    """Print the comparison."""
    print(measure().report())


if __name__ == "__main__":
    main()
