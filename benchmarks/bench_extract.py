"""Extraction benchmark: quality against the annotated movements, and speed against spaCy."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from trotsky_geo import bundled_text, extract, nlp, readings
from trotsky_geo.evaluation import Score, load_gold, score
from trotsky_geo.pipeline import default_gazetteer

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
GOLD = FIXTURES / "trotsky_movements.csv"
#: Biographies written for testing, each with its annotation: the development set (rules were
#: tuned on it after its first measurement) and the held-out set (measured, never tuned on).
OTHER_SETS = {"development": FIXTURES / "biographies", "held out": FIXTURES / "heldout"}


@dataclass(frozen=True)
class Timings:
    """Seconds, measured side by side in one run: the reader in process (nothing kept), spaCy's
    own full ``nlp(text)`` with the same pipeline on the same text, and the command line cold
    (nothing kept) and again (the reading kept on disk)."""

    pipeline: float
    spacy_full: float
    cli_cold: float
    cli_again: float

    @property
    def ratio(self) -> float:
        return self.pipeline / self.spacy_full


def quality() -> Score:
    """Score the bundled article's itinerary against the annotation."""
    return score(extract(bundled_text()), load_gold(GOLD))


def timings(*, repeat: int = 3) -> Timings:
    """Best of ``repeat`` of each, the pipeline and spaCy interleaved so load hits both."""
    text = bundled_text()
    pipeline = nlp.load()
    default_gazetteer()
    with _nothing_kept():
        extract(text)
        ours, theirs = [], []
        for _ in range(repeat):
            ours.append(_timed(lambda: extract(text)))
            theirs.append(_timed(lambda: pipeline(text)))
    command = [sys.executable, "-m", "trotsky_geo", "extract", "--format", "csv"]
    cold_env = {**os.environ, readings.NO_CACHE_SETTING: "1"}
    run = partial(subprocess.run, command, check=True, capture_output=True)
    cold = min(_timed(lambda: run(env=cold_env)) for _ in range(repeat))
    run()  # keeps the reading
    again = min(_timed(run) for _ in range(repeat))
    return Timings(min(ours), min(theirs), cold, again)


def scaling(sizes_mb: tuple[int, ...] = (1, 5, 10)) -> dict[int, float]:
    """Seconds per MB of ``extract`` on inputs of these sizes, made of the corpus texts."""
    corpus = sorted((FIXTURES / "corpus").glob("*.txt"))
    pieces = [path.read_text("utf-8") for path in corpus]
    result = {}
    with _nothing_kept():
        for size in sizes_mb:
            text, number = "", 0
            while len(text.encode()) < size * 1_000_000:
                text += f"\n\n== Part {number} ==\n\n" + pieces[number % len(pieces)]
                number += 1
            result[size] = _timed(lambda t=text: extract(t)) / (len(text.encode()) / 1e6)
    return result


@contextmanager
def _nothing_kept() -> Iterator[None]:
    """Every text read afresh, as on a first run."""
    before = os.environ.get(readings.NO_CACHE_SETTING)
    os.environ[readings.NO_CACHE_SETTING] = "1"
    try:
        yield
    finally:
        if before is None:
            del os.environ[readings.NO_CACHE_SETTING]
        else:
            os.environ[readings.NO_CACHE_SETTING] = before


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def report() -> list[str]:
    """The figures, one per line, next to the targets the issue names."""
    result = quality()
    speed = timings()
    lines = [
        "extraction on the bundled article (tests/fixtures/trotsky_movements.csv)",
        f"  recall            {result.recall:.3f}  ({result.found}/{result.required}; "
        "target ≥ 0.95)",
        f"  precision         {result.precision:.3f}  ({result.correct}/{result.extracted}; "
        "target ≥ 0.95)",
        f"  invented          {len(result.invented)}  (other people's places; target 0)",
        f"  right kind        {result.kind_accuracy:.3f}  (target ≥ 0.90)",
        f"  day-exact dates   {result.day_exact_share:.3f}  ({result.day_exact}/{result.day_given} "
        "where the text gives the day; target 1.0)",
        f"  wrong year        {len(result.wrong_year)}",
        f"  geocoding error   median {result.median_km:.1f} km, worst {result.worst_km:.1f} km "
        "(target median ≤ 5 km)",
        "speed (bundled article, side by side in this run)",
        f"  pipeline          {speed.pipeline * 1000:.0f} ms in process, nothing kept",
        f"  spaCy nlp(text)   {speed.spacy_full * 1000:.0f} ms, same pipeline, same text",
        f"  ratio             {speed.ratio:.3f}  (target ≤ 0.5)",
        f"  cold CLI          {speed.cli_cold:.2f} s wall  (target ≤ 3 s)",
        f"  CLI again         {speed.cli_again:.2f} s wall, reading kept  (target ≤ 0.6 s)",
    ]
    per_mb = scaling()
    first = per_mb[min(per_mb)]
    lines += [
        f"  {size:>2} MB input      {seconds:.1f} s per MB  ({seconds / first:.2f} x the 1 MB "
        "figure; target ≤ 1.5 x)"
        for size, seconds in per_mb.items()
    ]
    for row in result.missed:
        lines.append(f"  missed: {row.names[0]} {row.start} — {row.snippet}")
    for event in result.invented:
        lines.append(
            f"  invented: {event.place.name} {event.when.label} — {event.evidence.sentence[:90]}"
        )
    for event in result.unannotated:
        lines.append(
            f"  unannotated: {event.place.name} {event.kind.value} {event.when.label} — "
            f"{event.evidence.sentence[:90]}"
        )
    for row, event in result.wrong_kind:
        lines.append(
            f"  wrong kind: {row.names[0]} {row.start} want {'|'.join(row.kinds)}, "
            f"got {event.kind.value}"
        )
    return lines


def other_biographies_report() -> list[str]:
    """Recall, precision and invented movements on the other annotated biographies."""
    lines = []
    for label, folder in OTHER_SETS.items():
        texts = sorted(folder.glob("*.txt"))
        if not texts:
            continue
        lines.append(f"other biographies, {label} set ({folder.relative_to(FIXTURES.parents[1])})")
        found = required = correct = extracted = invented = 0
        for path in texts:
            result = score(extract(path.read_text("utf-8")), load_gold(path.with_suffix(".csv")))
            found, required = found + result.found, required + result.required
            correct, extracted = correct + result.correct, extracted + result.extracted
            invented += len(result.invented)
            lines.append(
                f"  {path.stem:12} recall {result.recall:.3f}  precision {result.precision:.3f}"
                f"  invented {len(result.invented)}  right kind {result.kind_accuracy:.2f}"
            )
        lines.append(
            f"  {'pooled':12} recall {found / required:.3f}  precision {correct / extracted:.3f}"
            f"  invented {invented}"
        )
    return lines
