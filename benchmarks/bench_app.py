"""Server time of the Streamlit app: cold start, and each slider move after it.

Measured with AppTest, which reruns the whole script on every move; the real server reruns
only the fragment under the slider, so these figures are an upper bound.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "app.py"
SLIDER_MOVE_FLOOR_S = 0.300


@dataclass(frozen=True)
class AppTimings:
    """Seconds the server spends: the first run with empty caches, then each slider move."""

    cold_start: float
    moves: tuple[float, ...]

    @property
    def median_move(self) -> float:
        """The typical slider move."""
        return statistics.median(self.moves)

    @property
    def worst_move(self) -> float:
        """The slowest slider move."""
        return max(self.moves)

    def report(self) -> str:
        """The figures as a few lines for people."""
        return (
            f"app cold start: {self.cold_start * 1000:.0f} ms (pipeline and first render)\n"
            f"app slider move: median {self.median_move * 1000:.0f} ms, "
            f"worst {self.worst_move * 1000:.0f} ms over {len(self.moves)} moves "
            f"(floor: median <= {SLIDER_MOVE_FLOOR_S * 1000:.0f} ms)"
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


def measure(*, moves: int = 20, timeout: float = 120.0) -> AppTimings:
    """Run the app headless with empty caches, then time ``moves`` slider moves over its years."""
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(str(APP), default_timeout=timeout)
    started = time.perf_counter()
    app.run()
    cold = time.perf_counter() - started
    if app.exception:
        raise RuntimeError(f"the app failed on start: {app.exception[0].message}")
    slider = app.slider(key="year")
    first, last = slider.min, slider.max
    timings = []
    for year in tour(first, last, moves):
        started = time.perf_counter()
        app.slider(key="year").set_value(year).run()
        timings.append(time.perf_counter() - started)
        if app.exception:
            raise RuntimeError(f"the app failed at {year}: {app.exception[0].message}")
    return AppTimings(cold_start=cold, moves=tuple(timings))


def main() -> None:
    """Print the app's figures."""
    print(measure().report())


if __name__ == "__main__":
    main()
