"""The library at scale: 200 biographies and 5,000 corrections against an empty library.

Opening the app and switching between two biographies are timed with AppTest (warm caches,
so what is measured is the library's own cost), once with a library holding only those two
texts and once with 198 more and 5,000 corrections in all.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from streamlit.testing.v1 import AppTest

from trotsky_geo import bundled_text, extract
from trotsky_geo.corrections import Action, Anchor, Correction, Edit, anchored
from trotsky_geo.store import ENV_VAR, Store

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
FIXTURES = ROOT / "tests" / "fixtures"
BIOGRAPHIES = 200
CORRECTIONS = 5_000
RATIO_CEILING = 1.2


@dataclass(frozen=True)
class LibraryTimings:
    """Median seconds to open the app and to switch biography, empty and full library."""

    open_empty: float
    open_full: float
    switch_empty: float
    switch_full: float
    fill_seconds: float
    list_seconds: float

    def report(self) -> str:
        """The figures as a few lines for people."""
        return (
            f"library of {BIOGRAPHIES} biographies and {CORRECTIONS:,} corrections: filled in "
            f"{self.fill_seconds:.1f} s, listed in {self.list_seconds * 1000:.1f} ms\n"
            f"app open: {self.open_empty * 1000:.0f} ms empty library, "
            f"{self.open_full * 1000:.0f} ms full (x{self.open_full / self.open_empty:.2f}; "
            f"ceiling x{RATIO_CEILING})\n"
            f"switch biography: {self.switch_empty * 1000:.0f} ms empty library, "
            f"{self.switch_full * 1000:.0f} ms full "
            f"(x{self.switch_full / self.switch_empty:.2f}; ceiling x{RATIO_CEILING})"
        )


def _texts() -> list[str]:
    """The bundled article and one other biography, then copies to make up the rest."""
    others = sorted(FIXTURES.glob("*/*.txt"))
    texts = [bundled_text(), others[0].read_text("utf-8")]
    for number in range(BIOGRAPHIES - 2):
        base = others[number % len(others)].read_text("utf-8")
        texts.append(f"{base}\n\nCopy {number} kept for the benchmark.\n")
    return texts


def fill(store: Store, *, full: bool) -> None:
    """The two biographies switched between, with the others and corrections when ``full``."""
    texts = _texts() if full else _texts()[:2]
    ids = [store.add(text, title=f"Biography {n}") for n, text in enumerate(texts)]
    if full:
        per_biography = CORRECTIONS // BIOGRAPHIES
        for position, biography in enumerate(ids):
            events = anchored(extract(texts[position]).events) if position < 2 else []
            for number in range(per_biography):
                if number < len(events):
                    anchor = events[number][0]
                else:
                    anchor = Anchor(f"Sentence {number} of biography {biography}.", "Somewhere")
                note = Correction(Action.NOTE, anchor, note=f"checked against source {number}")
                store.save_edit(biography, Edit(anchor, (note,), ()))


@contextmanager
def _library(path: Path) -> Iterator[None]:
    before = os.environ.get(ENV_VAR)
    os.environ[ENV_VAR] = str(path)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ENV_VAR, None)
        else:
            os.environ[ENV_VAR] = before


def _time_app(path: Path, rounds: int) -> tuple[float, float]:
    """Median seconds of a fresh session's first run, and of a switch between two biographies."""
    with _library(path):
        AppTest.from_file(str(APP), default_timeout=180).run()  # warm the caches
        opens, switches = [], []
        for _ in range(rounds):
            app = AppTest.from_file(str(APP), default_timeout=180)
            started = time.perf_counter()
            app.run()
            opens.append(time.perf_counter() - started)
        app.selectbox(key="library_choice").select_index(1).run()  # the second biography
        app.selectbox(key="library_choice").select_index(0).run()  # the bundled article
        for _ in range(rounds):
            for position in (1, 0):
                started = time.perf_counter()
                app.selectbox(key="library_choice").select_index(position).run()
                switches.append(time.perf_counter() - started)
                if app.exception:
                    raise RuntimeError(app.exception[0].message)
    return statistics.median(opens), statistics.median(switches)


def measure(*, rounds: int = 5) -> LibraryTimings:
    """Fill an empty and a full library in a temp dir and time the app on each."""
    with tempfile.TemporaryDirectory() as tmp:
        empty, full = Path(tmp) / "empty.sqlite", Path(tmp) / "full.sqlite"
        with Store.open(empty) as store:
            fill(store, full=False)
        started = time.perf_counter()
        with Store.open(full) as store:
            fill(store, full=True)
            filled = time.perf_counter() - started
            started = time.perf_counter()
            store.entries()
            listed = time.perf_counter() - started
        open_empty, switch_empty = _time_app(empty, rounds)
        open_full, switch_full = _time_app(full, rounds)
    return LibraryTimings(open_empty, open_full, switch_empty, switch_full, filled, listed)


def main() -> None:
    """Print the library's figures."""
    print(measure().report())


if __name__ == "__main__":
    main()
