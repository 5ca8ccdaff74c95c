"""Date spans: intervals of days with the precision the text gave, and their labels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Precision(StrEnum):
    """How precisely the text gives a date; ordered from finest to coarsest."""

    DAY = "day"
    MONTH = "month"
    SEASON = "season"  # a season or part of a year: "summer 1902", "early 1897", "mid-1923"
    YEAR = "year"  # one year or a run of years: "1905", "(1907–1914)", "between 1929 and 1932"


@dataclass(frozen=True)
class DateSpan:
    """An inclusive interval of days, with the precision and wording the text gave it."""

    start: dt.date
    end: dt.date
    precision: Precision
    label: str  # for people: "7 Nov 1879", "Jan 1907", "summer 1902", "early 1897", "1907–1914"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"date span ends before it starts: {self.start} > {self.end}")

    @property
    def iso_start(self) -> str:
        """Start as ISO text at the span's precision: YYYY-MM-DD, YYYY-MM or YYYY."""
        return _iso(self.start, self.precision)

    @property
    def iso_end(self) -> str:
        """End as ISO text at the span's precision."""
        return _iso(self.end, self.precision)


def _iso(day: dt.date, precision: Precision) -> str:
    if precision is Precision.DAY:
        return day.isoformat()
    if precision in (Precision.MONTH, Precision.SEASON):
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


COARSENESS = (Precision.DAY, Precision.MONTH, Precision.SEASON, Precision.YEAR)
ABBREVIATIONS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def ends(span: DateSpan) -> tuple[DateSpan, DateSpan]:
    """The first and the last day (or month, or year) of a range, each as a span of its own:
    "5 May 1818 – 14 March 1883" gives 5 May 1818 and 14 March 1883."""
    precision = span.precision
    first, last = widen(span.start, precision), widen(span.end, precision)
    return (
        DateSpan(*first, precision, interval_label(*first, precision)),
        DateSpan(*last, precision, interval_label(*last, precision)),
    )


def move(day: dt.date, steps: int, unit: str) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=steps)
    if unit == "week":
        return day + dt.timedelta(weeks=steps)
    months = steps * {"month": 1, "year": 12, "decade": 120}[unit]
    year, month = _year_month_after(day.year, day.month + months)
    return dt.date(year, month, min(day.day, month_end(year, month).day))


def widen(day: dt.date, precision: Precision) -> tuple[dt.date, dt.date]:
    if precision is Precision.DAY:
        return day, day
    if precision is Precision.YEAR:
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return month_start(day.year, day.month), month_end(day.year, day.month)


def age_span(birth: DateSpan, age: int) -> DateSpan:
    """The days on which someone born within `birth` was `age` years old: from the first
    possible birthday to the day before the last possible next one ("aged 16", born 9 Oct
    1888: 9 Oct 1904 to 8 Oct 1905; born in 1888: any day of 1904 or 1905)."""
    start = move(birth.start, age, "year")
    end = move(birth.end, age + 1, "year") - dt.timedelta(days=1)
    return DateSpan(start, end, Precision.YEAR, interval_label(start, end, Precision.YEAR))


def year_span(year: int) -> DateSpan:
    """The whole of one calendar year."""
    return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR, str(year))


def year_month(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


def _year_month_after(year: int, month: int) -> tuple[int, int]:
    """Normalise a month number past 12 (or below 1) into the right year."""
    extra, index = divmod(month - 1, 12)
    return year + extra, index + 1


def month_start(year: int, month: int) -> dt.date:
    return dt.date(*_year_month_after(year, month), 1)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(*_year_month_after(year, month + 1), 1) - dt.timedelta(days=1)


def interval_label(start: dt.date, end: dt.date, precision: Precision) -> str:
    """A short reading of an interval at a precision: "7–8 Nov 1917", "Jan 1937 – Apr 1939"."""
    if precision is Precision.YEAR:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if precision is Precision.DAY:
        if start == end:
            return _day_label(start)
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{_day_label(end)}"
        if start.year == end.year:
            return f"{start.day} {ABBREVIATIONS[start.month - 1]} – {_day_label(end)}"
        return f"{_day_label(start)} – {_day_label(end)}"
    if (start.year, start.month) == (end.year, end.month):
        return _month_label(start)
    if start.year == end.year:
        return f"{ABBREVIATIONS[start.month - 1]}–{_month_label(end)}"
    return f"{_month_label(start)} – {_month_label(end)}"


def _day_label(day: dt.date) -> str:
    return f"{day.day} {_month_label(day)}"


def _month_label(day: dt.date) -> str:
    return f"{ABBREVIATIONS[day.month - 1]} {day.year}"
