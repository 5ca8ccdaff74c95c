"""Server time of a slider move in the app against the barest st_folium page, side by side.

Both scripts run headless under AppTest, which reruns the whole script on every move (the real
server reruns only the fragment under the slider, so the app's figures are an upper bound).
The moves alternate between the two pages so that both meet the same machine load; the figure
that counts is the ratio of the medians.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
BARE = ROOT / "benchmarks" / "bare_app.py"
MOVE_RATIO_FLOOR = 10.0  # asserted in tests/test_app.py; the measured ratio is printed


@dataclass(frozen=True)
class AppTimings:
    """Seconds the server spends on each slider move, in the app and on the bare page."""

    cold_start: float
    moves: tuple[float, ...]
    bare_moves: tuple[float, ...]

    @property
    def median_move(self) -> float:
        """The app's typical slider move."""
        return statistics.median(self.moves)

    @property
    def move_ratio(self) -> float:
        """The app's typical move over the bare page's."""
        return self.median_move / statistics.median(self.bare_moves)

    def report(self) -> str:
        """The figures as a few lines for people."""
        bare = statistics.median(self.bare_moves)
        return (
            f"app cold start: {self.cold_start * 1000:.0f} ms (pipeline and first render)\n"
            f"app slider move: median {self.median_move * 1000:.0f} ms, "
            f"worst {max(self.moves) * 1000:.0f} ms over {len(self.moves)} moves; "
            f"bare page {bare * 1000:.0f} ms; ratio {self.move_ratio:.1f} "
            f"(floor: <= {MOVE_RATIO_FLOOR:.0f})"
        )


def tour(first: int, last: int, count: int) -> list[int]:
    """About ``count`` years spread over first..last, alternating ends so every move changes it."""
    steps = max(count, 2)
    spread = sorted({first + round((last - first) * i / (steps - 1)) for i in range(steps)})
    order: list[int] = []
    low, high = 0, len(spread) - 1
    while low <= high:
        order.append(spread[low])
        if low != high:
            order.append(spread[high])
        low, high = low + 1, high - 1
    return order


def _started(script: Path, timeout: float) -> tuple[AppTest, float]:
    app = AppTest.from_file(str(script), default_timeout=timeout)
    started = time.perf_counter()
    app.run()
    elapsed = time.perf_counter() - started
    if app.exception:
        raise RuntimeError(f"{script.name} failed on start: {app.exception[0].message}")
    return app, elapsed


def _move(app: AppTest, year: int) -> float:
    started = time.perf_counter()
    app.slider(key="year").set_value(year).run()
    elapsed = time.perf_counter() - started
    if app.exception:
        raise RuntimeError(f"the page failed at {year}: {app.exception[0].message}")
    return elapsed


def measure(*, moves: int = 20, timeout: float = 120.0) -> AppTimings:
    """Start both pages with empty caches, then time ``moves`` slider moves on each, in turn."""
    st.cache_data.clear()
    st.cache_resource.clear()
    app, cold = _started(APP, timeout)
    bare, _ = _started(BARE, timeout)
    slider = app.slider(key="year")
    timings, bare_timings = [], []
    for year in tour(slider.min, slider.max, moves):
        timings.append(_move(app, year))
        bare_timings.append(_move(bare, year))
    return AppTimings(cold_start=cold, moves=tuple(timings), bare_moves=tuple(bare_timings))


def main() -> None:
    """Print the app's figures."""
    print(measure().report())


if __name__ == "__main__":
    main()
