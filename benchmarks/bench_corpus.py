"""Fidelity on the development corpus: six real Wikipedia biographies with answer keys.

Scored as the corpus README says: an event is correct when it lies within a gold row's
tolerance and its years overlap the row's; recall over required rows; a trap is an event on
a negative row's place in its year that no gold row explains.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from trotsky_geo import extract
from trotsky_geo.errors import InputError
from trotsky_geo.events import Event
from trotsky_geo.place import distance_km

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "corpus"


@dataclass(frozen=True)
class _Row:
    required: bool
    lat: float
    lon: float
    tol_km: float
    first: int | None
    last: int | None

    def holds(self, event: Event) -> bool:
        near = distance_km((self.lat, self.lon), (event.place.lat, event.place.lon))
        if near > self.tol_km:
            return False
        if self.first is None:
            return True
        last = self.last if self.last is not None else self.first
        return event.when.start.year <= last and self.first <= event.when.end.year


@dataclass(frozen=True)
class CorpusScore:
    """One biography's figures."""

    name: str
    required: int
    found: int
    events: int
    correct: int
    traps: int

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.events if self.events else 0.0

    def line(self) -> str:
        return (
            f"corpus {self.name}: recall {self.recall:.2f} ({self.found}/{self.required}), "
            f"precision {self.precision:.2f} ({self.correct}/{self.events}), traps {self.traps}"
        )


def names() -> list[str]:
    """The corpus biographies, by file stem."""
    return sorted(p.name.removesuffix("_gold.csv") for p in CORPUS.glob("*_gold.csv"))


def score_text(name: str) -> CorpusScore:
    """Extract one corpus biography and score it against its answer key."""
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    try:
        events = list(extract(text))
    except InputError:
        events = []
    gold = _rows(CORPUS / f"{name}_gold.csv", "start", "end")
    traps = _rows(CORPUS / f"{name}_negatives.csv", "year", "year")
    correct = sum(any(row.holds(e) for row in gold) for e in events)
    trapped = sum(
        not any(row.holds(e) for row in gold) and any(row.holds(e) for row in traps)
        for e in events
    )
    required = [row for row in gold if row.required]
    found = sum(any(row.holds(e) for e in events) for row in required)
    return CorpusScore(name, len(required), found, len(events), correct, trapped)


def report() -> list[str]:
    """One line per corpus biography, then the pooled figures."""
    scores = [score_text(name) for name in names()]
    required = sum(s.required for s in scores)
    found = sum(s.found for s in scores)
    events = sum(s.events for s in scores)
    correct = sum(s.correct for s in scores)
    pooled = (
        f"corpus pooled: recall {found / required:.2f}, precision {correct / events:.2f}, "
        f"traps {sum(s.traps for s in scores)}"
    )
    return [s.line() for s in scores] + [pooled]


def _rows(path: Path, start: str, end: str) -> list[_Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            _Row(
                record.get("required", "1").strip() != "0",
                float(record["lat"]),
                float(record["lon"]),
                float(record.get("tol_km") or 25),
                _year(record.get(start)),
                _year(record.get(end)),
            )
            for record in csv.DictReader(handle)
        ]


def _year(value: str | None) -> int | None:
    digits = (value or "").strip()[:4]
    return int(digits) if digits.isdigit() else None
