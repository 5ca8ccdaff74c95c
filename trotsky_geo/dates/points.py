"""Dates as written (points) and the spans they resolve to, relative phrases included."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, replace

from trotsky_geo.dates.grammar import (
    DECADE_PARTS,
    HOLIDAYS,
    MONTH_NUMBERS,
    MONTH_PARTS,
    NUMBER_TEXT,
    NUMBER_WORDS,
    PART_SYNONYMS,
    POINT_PARSERS,
    SEASON_MONTHS,
    YEAR_PARTS,
)
from trotsky_geo.dates.span import (
    ABBREVIATIONS,
    COARSENESS,
    DateSpan,
    Precision,
    interval_label,
    month_end,
    month_start,
    move,
    widen,
    year_month,
    year_span,
)


@dataclass(frozen=True)
class Point:
    """One date as written, possibly missing its year: the raw material of a span."""

    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: str | None = None
    seasons: tuple[str, ...] = ()
    decade: int | None = None

    @property
    def dated(self) -> bool:
        return self.year is not None or self.decade is not None


@functools.lru_cache(maxsize=4096)
def parse_point(text: str) -> Point | None:
    for kind, parser in POINT_PARSERS:
        match = parser.fullmatch(text)
        if match:
            return _point_from(kind, match.groupdict())
    return None


def _point_from(kind: str, fields: dict[str, str | None]) -> Point:
    def text(name: str) -> str | None:
        return fields.get(name)

    year, month, day = text("year"), text("month"), text("day")
    part = text("part") or text("partname")
    seasons = tuple(s.lower() for s in (text("season"), text("season2")) if s)
    point = Point(
        kind,
        year=int(year) if year else None,
        month=month_of(month) if month else None,
        day=day_of(day) if day else None,
        part=PART_SYNONYMS.get(part.lower(), part.lower()) if part else None,
        seasons=seasons,
        decade=int(text("decade") or 0) or None,
    )
    holiday = text("holiday")
    if holiday:
        name = re.sub(r"\s+", " ", holiday.lower().replace("’", "'"))
        month_number, day_number = HOLIDAYS[name]
        point = replace(point, month=month_number, day=day_number)
    return point


def month_of(text: str) -> int:
    return MONTH_NUMBERS[text.rstrip(".").lower()]


def day_of(text: str) -> int:
    return int(text.rstrip("stndrh"))


def count_in(phrase: str) -> int:
    match = NUMBER_TEXT.search(phrase)
    if match is None:
        raise ValueError(f"no number in {phrase!r}")
    word = re.sub(r"\s+", " ", match.group().lower())
    if word.isdigit():
        return int(word)
    return (
        sum(NUMBER_WORDS[piece] for piece in word.split("-")) if "-" in word else NUMBER_WORDS[word]
    )


@functools.lru_cache(maxsize=4096)
def point_span(point: Point) -> DateSpan:
    """The interval a fully dated point covers, labelled for people."""
    if point.decade is not None:
        low, high = DECADE_PARTS.get(point.part or "", (0, 9))
        first, last = point.decade + low, point.decade + high
        prefix = {"early": "early ", "mid": "mid-", "late": "late "}.get(point.part or "", "")
        return DateSpan(
            dt.date(first, 1, 1), dt.date(last, 12, 31), Precision.YEAR, f"{prefix}{point.decade}s"
        )
    if point.year is None:
        raise ValueError(f"a {point.kind} date needs a year")
    year = point.year
    if point.kind in ("dmy", "mdy", "holiday", "day"):
        if point.month is None or point.day is None:
            raise ValueError("a day needs a month")
        day = dt.date(year, point.month, point.day)
        return DateSpan(day, day, Precision.DAY, interval_label(day, day, Precision.DAY))
    if point.kind in ("my", "mon"):
        start, end = month_start(year, point.month or 1), month_end(year, point.month or 1)
        return DateSpan(start, end, Precision.MONTH, interval_label(start, end, Precision.MONTH))
    if point.kind == "mpart":
        low, high = MONTH_PARTS[point.part or "early"]
        month = point.month or 1
        end = month_end(year, month)
        start, end = dt.date(year, month, low), end.replace(day=min(high, end.day))
        return DateSpan(
            start,
            end,
            Precision.MONTH,
            f"{_part_prefix(point.part)}{ABBREVIATIONS[month - 1]} {year}",
        )
    if point.kind == "ypart":
        low, high = YEAR_PARTS[point.part or "early"]
        return DateSpan(
            month_start(year, low),
            month_end(year, high),
            Precision.SEASON,
            f"{_part_prefix(point.part)}{year}",
        )
    if point.kind == "season":
        low = SEASON_MONTHS[point.seasons[0]][0]
        high = SEASON_MONTHS[point.seasons[-1]][1]
        end = month_end(year, high)
        years = f"{year}–{end.year}" if end.year != year else f"{year}"
        return DateSpan(
            month_start(year, low), end, Precision.SEASON, f"{'/'.join(point.seasons)} {years}"
        )
    return year_span(year)


def _part_prefix(part: str | None) -> str:
    return "mid-" if part == "mid" else f"{part} "


def infer_year(point: Point, ref: DateSpan) -> int:
    """The reference's year, or the next when that would put the date before it: a story told
    forward, "On 1 June [1848] ... ordered to leave on 16 May", means the May after."""
    year = ref.start.year
    if point_span(replace(point, year=year)).end < ref.start:
        year += 1
    return year


def shifted(ref: DateSpan, steps: int, unit: str) -> DateSpan:
    """The reference moved by steps units: "40 days later", "a year later", "two weeks earlier"."""
    precision = max(ref.precision, _UNIT_PRECISION[unit], key=COARSENESS.index)
    if precision is Precision.SEASON:
        start = month_start(*year_month(move(ref.start, steps, unit)))
        end = month_end(*year_month(move(ref.end, steps, unit)))
    else:
        start, end = widen(move(ref.end if steps > 0 else ref.start, steps, unit), precision)
    return DateSpan(start, end, precision, interval_label(start, end, precision))


def resolve_anaphor(phrase: str, unit: str, ref: DateSpan) -> DateSpan:
    """Resolve "the following day", "the same year", "the year before" or "later that year"."""
    if phrase.startswith(("later", "earlier")):
        return _rest_of(ref, unit, later=phrase.startswith("later"))
    steps = 1 if any(word in phrase for word in ("following", "next", "after")) else 0
    steps = -1 if any(word in phrase for word in ("previous", "preceding", "before")) else steps
    if unit == "year":
        year = (ref.end.year if steps > 0 else ref.start.year) + steps
        return year_span(year)
    unit = unit if unit in _UNIT_PRECISION else "day"
    precision = _UNIT_PRECISION[unit]
    if COARSENESS.index(ref.precision) >= COARSENESS.index(precision):
        return ref if steps == 0 else shifted(ref, steps, unit)
    if steps == 0:  # "the same month" after a day: that whole month
        start, end = widen(ref.start, precision)[0], widen(ref.end, precision)[1]
        return DateSpan(start, end, precision, interval_label(start, end, precision))
    return shifted(ref, steps, unit)


def _rest_of(ref: DateSpan, unit: str, *, later: bool) -> DateSpan | None:
    """ "later that year": from the reference's month to December; "earlier": January to it."""
    if unit == "year":
        if ref.precision is Precision.YEAR:
            return DateSpan(
                dt.date(ref.start.year, 1, 1),
                dt.date(ref.start.year, 12, 31),
                Precision.YEAR,
                str(ref.start.year),
            )
        precision = Precision.SEASON
        if later:
            start, end = month_start(ref.end.year, ref.end.month), dt.date(ref.end.year, 12, 31)
        else:
            start, end = dt.date(ref.start.year, 1, 1), month_end(ref.start.year, ref.start.month)
    else:
        if ref.precision not in (Precision.DAY, Precision.MONTH):
            return None
        precision = Precision.MONTH
        if later:
            start, end = ref.end, month_end(ref.end.year, ref.end.month)
        else:
            start, end = month_start(ref.start.year, ref.start.month), ref.start
    return DateSpan(start, end, precision, interval_label(start, end, precision))


def relative_season(phrase: str, ref: DateSpan) -> DateSpan:
    """ "the following winter": the next one after ref; "that summer": the one of ref's year;
    "in the spring": ref's year, or the next when that season ended half a year before ref."""
    season = phrase.split()[-1]
    year = ref.start.year - int(season == "winter" and ref.start.month <= 2)
    if any(word in phrase for word in ("following", "next")):
        year = ref.end.year - 1
        while _season_span(season, year).start <= ref.end:
            year += 1
    elif any(word in phrase for word in ("previous", "preceding")):
        while _season_span(season, year).end >= ref.start:
            year -= 1
    elif phrase.endswith(f"the {season}") and _season_span(
        season, year
    ).end < ref.start - dt.timedelta(days=183):
        year += 1
    return _season_span(season, year)


def _season_span(season: str, year: int) -> DateSpan:
    return point_span(Point("season", year=year, seasons=(season,)))


def part_of(phrase: str, ref: DateSpan) -> DateSpan | None:
    """ "late that year", "by the end of the year", "the end of that month": part of ref's
    year (a season-precision span) or of its month, which needs a reference within a month."""
    words = phrase.split()
    part = next(PART_SYNONYMS.get(w, w) for w in words if PART_SYNONYMS.get(w, w) in YEAR_PARTS)
    if words[-1] == "year":
        return point_span(Point("ypart", year=ref.end.year, part=part))
    if ref.precision not in (Precision.DAY, Precision.MONTH):
        return None
    return point_span(Point("mpart", year=ref.end.year, month=ref.end.month, part=part))


def vague_shift(ref: DateSpan, sign: int, unit: str) -> DateSpan:
    """ "a few days later", "some weeks later", "several months earlier": two to five units
    away, at a precision coarse enough to admit the vagueness (weeks to months, months to
    seasons)."""
    if unit == "day" and ref.precision is not Precision.DAY:
        return ref  # "In 1841 ... A few days later": still 1841, not the next January
    precision = max(ref.precision, _VAGUE_PRECISION[unit], key=COARSENESS.index)
    low, high = _VAGUE_STEPS
    if sign > 0:
        first, last = move(ref.end, low, unit), move(ref.end, high, unit)
    else:
        first, last = move(ref.start, -high, unit), move(ref.start, -low, unit)
    start, end = widen(first, precision)[0], widen(last, precision)[1]
    return DateSpan(start, end, precision, interval_label(start, end, precision))


_VAGUE_STEPS = (2, 5)
_VAGUE_PRECISION = {
    "day": Precision.DAY,
    "week": Precision.MONTH,
    "month": Precision.SEASON,
    "year": Precision.YEAR,
    "decade": Precision.YEAR,
}


def duration_from(ref: DateSpan, count: int, unit: str) -> DateSpan | None:
    """A stretch of time starting with the reference: "for a month", "the next two years"."""
    if count <= 0:
        return None
    end = move(ref.start, count, unit) - dt.timedelta(days=1)
    precision = max(ref.precision, _UNIT_PRECISION[unit], key=COARSENESS.index)
    return DateSpan(ref.start, end, precision, interval_label(ref.start, end, precision))


_UNIT_PRECISION = {
    "day": Precision.DAY,
    "week": Precision.DAY,
    "month": Precision.MONTH,
    "year": Precision.YEAR,
    "decade": Precision.YEAR,
}
