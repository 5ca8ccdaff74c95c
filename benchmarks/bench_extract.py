"""Extraction benchmark: quality against the annotated movements, and speed against dateparser."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from trotsky_geo import bundled_text, extract
from trotsky_geo.document import parse_document
from trotsky_geo.evaluation import Score, load_gold, score
from trotsky_geo.pipeline import default_gazetteer

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
GOLD = FIXTURES / "trotsky_movements.csv"
#: Biographies written for testing, each with its annotation: the development set (rules were
#: tuned on it after its first measurement) and the held-out set (measured, never tuned on).
OTHER_SETS = {"development": FIXTURES / "biographies", "held out": FIXTURES / "heldout"}


@dataclass(frozen=True)
class Timings:
    """Seconds for one in-process run, dateparser on the same text, and the cold CLI."""

    pipeline: float
    dateparser: float
    cli_cold: float

    @property
    def ratio(self) -> float:
        return self.pipeline / self.dateparser


def quality() -> Score:
    """Score the bundled article's itinerary against the annotation."""
    return score(extract(bundled_text()), load_gold(GOLD))


def timings(*, repeat: int = 5) -> Timings:
    """Best of ``repeat`` in-process runs (gazetteer warm), dateparser once, cold CLI best of 3."""
    text = bundled_text()
    default_gazetteer()
    extract(text)
    pipeline = min(_timed(lambda: extract(text)) for _ in range(repeat))
    return Timings(pipeline, dateparser_seconds(text), cli_cold_seconds())


def dateparser_seconds(text: str) -> float:
    """What dateparser's ``search_dates`` takes over the same text, sentence by sentence."""
    from dateparser.search import search_dates

    sentences = [s.text for s in parse_document(text).sentences]
    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]}
    search_dates("In January 1907 he escaped.", languages=["en"], settings=settings)
    start = time.perf_counter()
    for sentence in sentences:
        search_dates(sentence, languages=["en"], settings=settings)
    return time.perf_counter() - start


def cli_cold_seconds(*, repeat: int = 3) -> float:
    """Wall time of ``python -m trotsky_geo extract`` in a fresh interpreter, best of ``repeat``."""
    command = [sys.executable, "-m", "trotsky_geo", "extract", "--format", "csv"]
    return min(
        _timed(lambda: subprocess.run(command, check=True, capture_output=True))
        for _ in range(repeat)
    )


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
        "speed",
        f"  pipeline          {speed.pipeline * 1000:.0f} ms in process",
        f"  dateparser        {speed.dateparser * 1000:.0f} ms search_dates on the same sentences",
        f"  ratio             {speed.ratio:.3f}  (target ≤ 0.25)",
        f"  cold CLI          {speed.cli_cold:.2f} s wall  (target < 1.5 s)",
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
