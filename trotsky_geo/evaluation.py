"""Evaluation: score extracted events against an annotated list of the movements a text states."""

from __future__ import annotations

import csv
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from trotsky_geo.dates import Precision
from trotsky_geo.events import Event
from trotsky_geo.place import distance_km

STATUSES = ("required", "optional", "negative")
_POINT_TYPES = frozenset({"building", "village", "city"})


@dataclass(frozen=True)
class GoldRow:
    """One annotated statement: a place the sentence holding ``snippet`` puts the subject in."""

    status: str  # required: must be found; optional: may be found; negative: must not be
    names: tuple[str, ...]
    lat: float
    lon: float
    start: str  # ISO at the text's precision
    kinds: tuple[str, ...]
    snippet: str

    def matches(self, event: Event) -> bool:
        """The event was read from this row's sentence and puts the subject at this row's place.

        The place matches by name (a point must then also lie within 100 km of the row's
        coordinate, so a wrong twin such as Córdoba for Cordova, Maryland, does not count) or,
        for points, by lying within 10 km of it.
        """
        if _squash(self.snippet) not in _squash(event.evidence.sentence):
            return False
        point = event.place.type.value in _POINT_TYPES
        away = distance_km((self.lat, self.lon), (event.place.lat, event.place.lon))
        names = {n.casefold() for n in self.names}
        written = {event.place.name, event.place.name_today, event.place_text}
        if names & {n.casefold() for n in written}:
            return not point or away <= 100
        return point and away <= 10


@dataclass
class Score:
    """Figures a user would judge the map by."""

    required: int
    found: int
    extracted: int
    correct: int
    invented: list[Event] = field(default_factory=list)
    unannotated: list[Event] = field(default_factory=list)
    missed: list[GoldRow] = field(default_factory=list)
    wrong_kind: list[tuple[GoldRow, Event]] = field(default_factory=list)
    wrong_year: list[tuple[GoldRow, Event]] = field(default_factory=list)
    day_given: int = 0
    day_exact: int = 0
    errors_km: list[float] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.extracted if self.extracted else 1.0

    @property
    def kind_accuracy(self) -> float:
        return 1 - len(self.wrong_kind) / self.found if self.found else 1.0

    @property
    def day_exact_share(self) -> float:
        return self.day_exact / self.day_given if self.day_given else 1.0

    @property
    def median_km(self) -> float:
        return statistics.median(self.errors_km) if self.errors_km else 0.0

    @property
    def worst_km(self) -> float:
        return max(self.errors_km, default=0.0)


def load_gold(path: Path) -> list[GoldRow]:
    """Read an annotation CSV (status,place,lat,lon,start,kind,snippet)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = []
        for number, record in enumerate(csv.DictReader(handle), start=2):
            if record["status"] not in STATUSES:
                raise ValueError(f"{path}:{number}: status must be one of {STATUSES}")
            rows.append(
                GoldRow(
                    record["status"],
                    tuple(record["place"].split("|")),
                    float(record["lat"]),
                    float(record["lon"]),
                    record["start"],
                    tuple(record["kind"].split("|")),
                    record["snippet"],
                )
            )
    return rows


def score(events: Iterable[Event], gold: list[GoldRow]) -> Score:
    """Recall over required rows; precision over all events; invented = negative rows hit."""
    events = list(events)
    required = [row for row in gold if row.status == "required"]
    result = Score(required=len(required), found=0, extracted=len(events), correct=0)
    for event in events:
        hits = [row for row in gold if row.matches(event)]
        if any(row.status == "negative" for row in hits):
            result.invented.append(event)
        elif hits:
            result.correct += 1
        else:
            result.unannotated.append(event)
    for row in required:
        hits = [event for event in events if row.matches(event)]
        if not hits:
            result.missed.append(row)
            continue
        result.found += 1
        best = next((e for e in hits if e.kind.value in row.kinds), hits[0])
        if best.kind.value not in row.kinds:
            result.wrong_kind.append((row, best))
        if best.when.iso_start[:4] != row.start[:4]:
            result.wrong_year.append((row, best))
        if len(row.start) == 10:
            result.day_given += 1
            exact = best.when.precision is Precision.DAY and best.when.iso_start == row.start
            result.day_exact += exact
        if best.place.type.value in _POINT_TYPES:
            result.errors_km.append(
                distance_km((row.lat, row.lon), (best.place.lat, best.place.lon))
            )
    return result


def _squash(text: str) -> str:
    return " ".join(text.split())
