"""Date expressions in biography prose, resolved to intervals with their precision."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
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


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text, its resolved span and where it was written."""

    span: DateSpan
    text: str  # as written
    start: int  # offsets in the text passed to find_dates
    end: int
    relative: bool  # resolved against the anchor, another mention or the birth date
    aside: bool  # a parenthesised lifespan or work's year after a name, not narrative time


def find_dates(
    text: str, *, anchor: DateSpan | None = None, birth: dt.date | None = None
) -> list[DateMention]:
    """All date expressions in text, left to right, relative ones resolved in reading order.

    A relative expression ("on 15 October", "The following day", "40 days later",
    "for a month", "that summer", "the following spring", "late that year", "the end of
    that month", "some weeks later") resolves against the latest mention before it that is
    neither an aside nor a duration, else against `anchor`; one that cannot be resolved is
    left out. Vague counts ("a few", "some", "several") mean two to five units, at a
    coarser precision for weeks (month) and months (season).
    Age phrases ("at age 60", "the 23-year-old Trotsky") resolve against `birth` to the
    year birth.year + N.
    """
    candidates = _candidates(text, birth)
    mentions: list[DateMention] = []
    reference = anchor
    for index, found in enumerate(candidates):
        if found.kind == "anaphor" and _restated(text, found, candidates[index + 1 :]):
            continue
        start_date = _stated_start(text, found, candidates[index + 1 :])
        try:
            span = found.resolve(start_date or reference)
        except (ValueError, OverflowError):
            span = None
        if span is None:
            continue
        mentions.append(
            DateMention(
                span,
                text[found.start : found.end],
                found.start,
                found.end,
                found.relative,
                found.aside,
            )
        )
        if not found.aside and found.kind != "duration":
            reference = span
    return mentions


def ends(span: DateSpan) -> tuple[DateSpan, DateSpan]:
    """The first and the last day (or month, or year) of a range, each as a span of its own:
    "5 May 1818 – 14 March 1883" gives 5 May 1818 and 14 March 1883."""
    precision = span.precision
    first, last = _widen(span.start, precision), _widen(span.end, precision)
    return (
        DateSpan(*first, precision, _label(*first, precision)),
        DateSpan(*last, precision, _label(*last, precision)),
    )


def heading_span(heading: str) -> DateSpan | None:
    """The span a section heading gives: its parenthesised date, or a date ending or forming it."""
    title = heading.strip().strip("=").strip()
    bracket = _HEADING_PARENS.search(title)
    inner = bracket.group(1) if bracket else title
    mentions = [m for m in find_dates(inner) if not m.relative]
    if not bracket:
        mentions = [m for m in mentions if m.end == len(inner.rstrip())]
    if not mentions:
        return None
    first, last = mentions[0].span, mentions[-1].span
    if first == last:
        return first
    precision = max(first.precision, last.precision, key=_COARSENESS.index)
    return DateSpan(
        first.start, max(first.end, last.end), precision, f"{first.label} – {last.label}"
    )


# -- grammar ---------------------------------------------------------------------------------

_COARSENESS = (Precision.DAY, Precision.MONTH, Precision.SEASON, Precision.YEAR)
_ABBREVIATIONS = (
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
_MONTH_NUMBERS = {
    **{
        name.lower(): number
        for number, name in enumerate(
            (
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ),
            start=1,
        )
    },
    **{name.lower(): number for number, name in enumerate(_ABBREVIATIONS, start=1)},
    "sept": 9,
}
_SEASON_MONTHS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 14),
}
_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
_PART_SYNONYMS = {"beginning": "early", "start": "early", "middle": "mid", "end": "late"}
_HOLIDAYS = {
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
}

_UNITS = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NUMBER_WORDS = {
    **{word: value for value, word in enumerate(_UNITS, start=1)},
    **{word: 10 * index for index, word in enumerate(_TENS, start=2)},
    "a": 1,
    "an": 1,
    "a few": 3,
    "several": 3,
    "a couple of": 2,
    "a couple": 2,
    "a dozen": 12,
}

_MON = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))"
)
_DAY = r"(?<![\d,.])(?:[12]\d|3[01]|0?[1-9])(?!\d)(?:st|nd|rd|th)?\b"
_YEAR = r"(?<![\w,.$£€#])(?<![Pp]re-)(?<![Pp]ost-)(?:1\d{3}|20\d{2})(?!\d|[,.]\d|['’]?s\b)"
_DECADE = r"(?<![\w,.])(?:1\d\d0|20\d0)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?i:early|mid|late)"
_SEASON = r"(?i:spring|summer|autumn|fall|winter)"
_STYLE_NOTE = r"(?:\s*\[(?:O\.S\.|N\.S\.)[^\]\n]{0,30}\])"
_WORD_NUMBER = (
    rf"(?:(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_UNITS[:9])}))?"
    rf"|{'|'.join(_UNITS)})"
)
_NUM = rf"(?:\d{{1,3}}|a\s+few|a\s+couple(?:\s+of)?|a\s+dozen|several|{_WORD_NUMBER}|an?)\b"
_AGE = rf"(?:\d{{1,3}}|{_WORD_NUMBER})\b"
_UNIT = r"(?:day|week|month|year|decade)s?\b"

# Each form of a single date, with named fields; composite patterns use them unnamed.
_POINT_FORMS = (
    (
        "dmy",
        rf"(?:{_WEEKDAY},?\s+)?(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MON}){_STYLE_NOTE}?"
        rf"(?:,?\s+(?P<year>{_YEAR}))?",
    ),
    ("mdy", rf"(?:{_WEEKDAY},?\s+)?(?P<month>{_MON})\s+(?P<day>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?"),
    ("my", rf"(?P<month>{_MON}),?\s+(?P<year>{_YEAR})"),
    (
        "mpart",
        rf"(?P<part>{_PART})(?:-|\s+(?:in\s+)?)(?P<month>{_MON})(?:,?\s+(?P<year>{_YEAR}))?",
    ),
    ("decade", rf"(?:(?i:the)\s+)?(?:(?P<part>{_PART})(?:-|\s+))?(?P<decade>{_DECADE})['’]?s\b"),
    (
        "ypart",
        rf"(?:(?:(?i:the)\s+)?(?P<part>{_PART})(?:-|\s+(?:in\s+)?)"
        rf"|(?i:the\s+(?P<partname>beginning|start|middle|end)\s+of\s+))(?P<year>{_YEAR})",
    ),
    (
        "season",
        rf"(?:(?i:the)\s+)?(?P<season>{_SEASON})(?:\s*/\s*(?P<season2>{_SEASON}))?"
        rf"(?:\s+of)?\s+(?P<year>{_YEAR})",
    ),
    (
        "holiday",
        rf"(?P<holiday>(?i:new\s+year['’]s\s+(?:day|eve)|christmas\s+(?:day|eve)))"
        rf"(?:,?\s+(?P<year>{_YEAR}))?",
    ),
    ("year", rf"(?P<year>{_YEAR})"),
)
_PARTIAL_FORMS = (("mon", rf"(?P<month>{_MON})"), ("day", rf"(?P<day>{_DAY})"))


def _unnamed(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_POINT = "(?:" + "|".join(_unnamed(p) for _, p in _POINT_FORMS) + ")"
_POINT_OR_MONTH = rf"(?:{_POINT}|{_MON})"
_POINT_OR_PART = rf"(?:{_POINT}|{_MON}|{_DAY})"
_DASH = r"\s*[–—-]\s*"

# "the October Revolution", "the July Days": a month naming an event, not a time.
_NOT_EVENT = (
    r"(?!\s+(?:Revolution|Days?|Manifesto|Theses|Crisis|Uprising|Insurrection|Coup"
    r"|Putsch|Offensive|Strike|Plenum|Agreement|Decree|Constitution)\b)"
)
_ALTERNATIVES = {
    "fromto": rf"(?P<fromto>(?i:\b(?:from|between))\s+(?P<from>{_POINT_OR_PART})"
    rf"(?:\s+(?i:to|until|till|and|through)\b\s*|{_DASH})(?P<to>{_POINT_OR_MONTH}))",
    "range": rf"(?P<range>(?P<first>{_POINT_OR_MONTH})(?:{_DASH}|/(?=\d))"
    rf"(?P<last>{_POINT_OR_MONTH}|\d\d(?!\d)))",
    "dayrange": rf"(?P<dayrange>{_DAY}{_DASH}{_DAY}\s+{_MON}(?:,?\s+{_YEAR})?"
    rf"|{_MON}\s+{_DAY}{_DASH}{_DAY}(?:,?\s+{_YEAR})?)",
    "shift": rf"(?P<shift>(?i:\b(?:{_NUM}|some\b)\s+{_UNIT}\s+(?:later|earlier|afterwards?)\b))",
    "anaphor": r"(?P<anaphor>(?i:\b(?:(?:the|that)\s+(?:following|next|previous|preceding|same)"
    r"\s+(?:day|morning|evening|night|week|month|year)|(?:later|earlier)\s+"
    r"(?:that|in\s+the)\s+(?:year|month)|that\s+(?:day|month|year))\b))",
    # "the year before," but not "the year before his death": that is relative to the death
    "adjacent": r"(?P<adjacent>(?i:\bthe\s+(?:day|night|week|month|year)\s+(?:before|after)\b)"
    r"(?![-'’])(?!\s+(?:(?i:the|his|her|their|its|an?|that|this)\b|[A-Z0-9])))",
    # "that summer", "the following spring", "in the autumn"; "fall" only where it cannot be
    # the noun or verb: "the following fall"
    "season": r"(?P<season>(?i:\b(?:that\s+(?:same\s+)?|the\s+(?:same|following|next|previous"
    r"|preceding)\s+|(?:in|during|by|through|throughout)\s+the\s+))"
    r"(?:spring|summer|autumn|winter)\b(?!\s*(?:of\b|[-'’\d])|\s+(?:from|up|forth)\b)"
    r"|(?i:\bthe\s+(?:same|following|next|previous|preceding)\s+)fall\b(?!\s*(?:of\b|[-'’\d])))",
    # "late that year", "early in the year", "by the end of the year", "the end of that month"
    "partof": r"(?P<partof>(?i:\b(?:the\s+(?:beginning|start|middle|end)\s+of|(?:early|late)"
    r"(?:\s+in)?)\s+(?:that|the)\s+(?:same\s+)?(?:year|month))(?![-\w])(?!\s+\d))",
    "duration": rf"(?P<duration>(?i:\b(?:for\s+(?:(?:his|her|their|its|the)\s+)?"
    r"(?:(?:first|next|last|following|another|over|about|around|nearly|almost|some"
    rf"|roughly|more\s+than|less\s+than|at\s+least|only|just)\s+)*"
    rf"|the\s+(?:next|following|first)\s+)(?:{_NUM}\s+)?{_UNIT}))",
    "age": rf"(?P<age>(?i:\bwhen\s+(?:he|she|the\s+latter|the\s+former)\s+was\s+"
    rf"(?:only\s+|just\s+|about\s+|barely\s+)?{_AGE}(?:\s+years?\s+(?:old|of\s+age))?\b"
    rf"|\bat\s+(?:the\s+)?age\s+(?:of\s+)?{_AGE}|\baged\s+{_AGE})"
    rf"|\b{_AGE}-year-old(?=\s+[A-Z]))",
    "point": rf"(?P<point>{_POINT})",
    "month": r"(?P<month>(?i:\b(?:in|on|by|since|until|till|through|throughout|during|before"
    rf"|after|around|from)\s+)(?P<bare>{_MON})(?![.,]?\s*[\d–—/-]){_NOT_EVENT})",
}


def _grammar(*names: str) -> re.Pattern[str]:
    """The alternatives an expression starting with a given kind of word can take, in order."""
    return re.compile("|".join(_ALTERNATIVES[name] for name in names))


# The grammar is chosen by the first word of a candidate, so most words cost no match at all.
_NUMBER_START = _grammar("range", "dayrange", "shift", "age", "point")
_MONTH_START = _grammar("range", "dayrange", "point")
_POINT_START = _grammar("range", "point")
_ARTICLE_START = _grammar("anaphor", "adjacent", "season", "partof", "duration", "range", "point")
_PREPOSITION_START = _grammar("month", "season")
_STARTS: dict[str, re.Pattern[str]] = {
    **dict.fromkeys(("from", "between"), _grammar("fromto", "month")),
    **dict.fromkeys(("the", "that"), _ARTICLE_START),
    **dict.fromkeys(("later", "earlier"), _grammar("anaphor")),
    "for": _grammar("duration"),
    **dict.fromkeys(("when", "at", "aged"), _grammar("age")),
    **dict.fromkeys(("early", "late"), _grammar("partof", "range", "point")),
    **dict.fromkeys(("mid", "spring", "summer", "autumn", "fall", "winter"), _POINT_START),
    **dict.fromkeys(
        (
            "new",
            "christmas",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ),
        _grammar("point"),
    ),
    **dict.fromkeys(
        (
            "in",
            "on",
            "by",
            "since",
            "until",
            "till",
            "through",
            "throughout",
            "during",
            "before",
            "after",
            "around",
        ),
        _PREPOSITION_START,
    ),
    **dict.fromkeys(("a", "an", "several", "some", *_UNITS, *_TENS), _grammar("shift")),
}
# Every expression holds a number, a month, a season or a time unit, a few words from its start.
_CORE = re.compile(  # one leading character class lets the scan skip other text quickly
    r"[0-9ADFJMNOSWYadfmswy](?:(?<=[0-9])[0-9]*"
    r"|(?<=[JFMASOND])(?:anuary|ebruary|arch|pril|ay|une|uly|ugust|eptember|ctober|ovember"
    r"|ecember|an|eb|ar|pr|un|ul|ug|ept|ep|ct|ov|ec)\b"
    r"|(?<![^\W\d_][DdWwMmYyAa])(?<=[DdWwMmYyAa])(?:ays?|eeks?|onths?|ears?|ecades?|ged?)\b"
    r"|(?<=[sw])(?<![^\W\d_].)(?:pring|ummer|inter)\b|(?<=[af])(?<![^\W\d_].)(?:utumn|all)\b)"
)
_POINT_PARSERS = tuple((kind, re.compile(p)) for kind, p in (*_POINT_FORMS, *_PARTIAL_FORMS))
_DAYRANGE_PARSERS = (
    re.compile(
        rf"(?P<day>{_DAY}){_DASH}(?P<day2>{_DAY})\s+(?P<month>{_MON})"
        rf"(?:,?\s+(?P<year>{_YEAR}))?"
    ),
    re.compile(
        rf"(?P<month>{_MON})\s+(?P<day>{_DAY}){_DASH}(?P<day2>{_DAY})"
        rf"(?:,?\s+(?P<year>{_YEAR}))?"
    ),
)
_NUMBER_TEXT = re.compile(rf"(?i:\b{_NUM}|\b{_AGE})")
_VAGUE_COUNT = re.compile(r"(?i:a\s+few|several|some)\b")
_UNIT_TEXT = re.compile(r"(?i:day|week|month|year|decade)")
_STYLE_SUFFIX = re.compile(r"\s*[(\[](?:O\.S\.|N\.S\.|Old Style|New Style)[)\]]")
_ADDRESS = re.compile(
    r"\s+(?:[A-Z][\w'’.-]*\s+){0,3}(?:Avenue|Ave|Street|St|Road|Rd|Boulevard|Blvd|Lane|Drive"
    r"|Place|Square|Way|Court|Terrace|Highway|Parkway|Calle|Rue|Strasse|Straße)\b"
)
_ASIDE_NAME = re.compile(r"(?<!\w)[A-Z][\w'’.-]*[\"”’]?\s*\(\s*$")
_ASIDE_NAMED_RANGE = re.compile(r"\(\s*[A-Z][^()]*?,\s*$")
_ASIDE_CLOSE = re.compile(r"\s*\)")
_WORD = re.compile(r"[^\W_]+")
_LOOKBACK = 6  # words from an expression's start to its time unit: "For his first two months"
_SHORT_LOOKBACK = 3  # words from its start to its number or month: "the summer of 1902"
_HEADING_PARENS = re.compile(r"\(([^()]*)\)\s*$")
_FROM_BEFORE = re.compile(r"(?i:\b(?:from|since|starting|beginning)(?:\s+on)?\s+)$")
_LIST_GAP = re.compile(r"\s*,?\s*")


# -- reading matches ---------------------------------------------------------------------------

_Resolver = Callable[[DateSpan | None], DateSpan | None]


@dataclass(frozen=True)
class _Point:
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


@dataclass(frozen=True)
class _Candidate:
    """A match waiting for its reference date: where it is and how to resolve it."""

    start: int
    end: int
    kind: str
    relative: bool
    aside: bool
    resolve: _Resolver


def _relative(start: int, end: int, resolve: Callable[[DateSpan], DateSpan | None]) -> _Candidate:
    """A phrase resolved against the reference date; none when there is no reference yet."""
    return _Candidate(
        start, end, "anaphor", True, False, lambda ref: None if ref is None else resolve(ref)
    )


def _candidates(text: str, birth: dt.date | None) -> list[_Candidate]:
    """Grammar matches, tried only at words shortly before a number, month or time unit."""
    starts: set[int] = set()
    for core in _CORE.finditer(text):
        found_word = core.group()
        short = found_word[0].isdigit() or _is_month(found_word) or found_word in _SEASON_MONTHS
        lookback = _SHORT_LOOKBACK if short else _LOOKBACK
        end = core.start()
        window = max(0, end - 16 * lookback)
        before = [word.start() for word in _WORD.finditer(text, window, end)]
        if before and before[0] == window and window > 0 and text[window - 1].isalnum():
            before.pop(0)  # the window cut this word: its start is not a word start
        starts.update(before[-lookback:])
        starts.add(end)
    found: list[_Candidate] = []
    position = 0
    for start in sorted(starts):
        word = _WORD.match(text, start) if start >= position else None
        grammar = _grammar_for(word.group()) if word else None
        match = grammar.match(text, start) if grammar else None
        if match is None:
            continue
        try:
            candidate = _read(match, text, birth)
        except (ValueError, OverflowError):
            candidate = None
        if candidate is None:
            continue
        suffix = _STYLE_SUFFIX.match(text, candidate.end)
        if suffix:
            candidate = replace(candidate, end=suffix.end())
        found.append(candidate)
        position = max(candidate.end, match.end())
    return found


def _is_month(word: str) -> bool:
    return word[0].isupper() and word.lower() in _MONTH_NUMBERS


def _grammar_for(word: str) -> re.Pattern[str] | None:
    if word[0].isdigit():
        return _NUMBER_START
    if _is_month(word):
        return _MONTH_START
    return _STARTS.get(word.lower())


def _read(match: re.Match[str], text: str, birth: dt.date | None) -> _Candidate | None:
    kind = match.lastgroup
    start, end = match.span()
    phrase = match.group()
    if kind == "point":
        point = _parse_point(phrase)
        if point is None or (point.kind == "year" and _ADDRESS.match(text, end)):
            return None
        aside = point.kind == "year" and _is_aside(text, start, end, named_range=False)
        return _point_candidate(point, start, end, aside)
    if kind == "month":
        point = _parse_point(match.group("bare"))
        return None if point is None else _point_candidate(point, match.start("bare"), end, False)
    if kind == "fromto":
        return _range_candidate(
            _parse_point(match.group("from")), _parse_point(match.group("to")), start, end, False
        )
    if kind == "range":
        first = _parse_point(match.group("first"))
        last = _range_end(first, match.group("last"))
        aside = _is_aside(text, start, end, named_range=True)
        return _range_candidate(first, last, start, end, aside)
    if kind == "dayrange":
        return _dayrange_candidate(phrase, start, end)
    if kind == "age":
        if birth is None:
            return None
        year = birth.year + _number(phrase)
        span = DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR, str(year))
        return _Candidate(start, end, "age", True, False, lambda _ref: span)
    lowered = " ".join(phrase.lower().split())
    if kind in ("season", "partof"):
        resolver = _relative_season if kind == "season" else _part_of
        return _relative(start, end, lambda ref: resolver(lowered, ref))
    units = _UNIT_TEXT.findall(phrase)
    unit = units[-1].lower() if units else "day"  # "the following morning"
    if kind == "shift":
        sign = -1 if "earlier" in lowered else 1
        if _VAGUE_COUNT.match(phrase):
            return _relative(start, end, lambda ref: _vague_shift(ref, sign, unit))
        steps = _number(phrase) * sign
        return _relative(start, end, lambda ref: _shift(ref, steps, unit))
    if kind in ("anaphor", "adjacent"):
        return _relative(start, end, lambda ref: _anaphor(lowered, unit, ref))
    counted = _NUMBER_TEXT.search(phrase) is not None
    if not counted and phrase.lower().endswith("s"):
        return None  # "for years": too vague to span
    count = _number(phrase) if counted else 1  # "for the next year"
    return _Candidate(
        start,
        end,
        "duration",
        True,
        False,
        lambda ref: None if ref is None else _duration(ref, count, unit),
    )


def _point_candidate(point: _Point, start: int, end: int, aside: bool) -> _Candidate:
    if point.dated:
        span = _point_span(point)
        return _Candidate(start, end, "point", False, aside, lambda _ref: span)

    def resolve(ref: DateSpan | None) -> DateSpan | None:
        if ref is None:
            return None
        return _point_span(replace(point, year=_infer_year(point, ref)))

    return _Candidate(start, end, "point", True, False, resolve)


def _range_end(first: _Point | None, last: str) -> _Point | None:
    """The second half of a dash range; two digits abbreviate a year: "1918–19"."""
    if not (last.isdigit() and len(last) == 2):
        return _parse_point(last)
    if first is None or first.year is None:
        return None
    year = first.year // 100 * 100 + int(last)
    return _Point("year", year=year + 100 if year <= first.year else year)


def _dayrange_candidate(phrase: str, start: int, end: int) -> _Candidate | None:
    for parser in _DAYRANGE_PARSERS:
        match = parser.fullmatch(phrase)
        if match:
            fields = match.groupdict()
            year = int(fields["year"]) if fields["year"] else None
            month = _month_number(fields["month"])
            first = _Point("dmy", year=year, month=month, day=_day_number(fields["day"]))
            last = _Point("dmy", year=year, month=month, day=_day_number(fields["day2"]))
            return _range_candidate(first, last, start, end, False)
    return None


def _range_candidate(
    first: _Point | None, last: _Point | None, start: int, end: int, aside: bool
) -> _Candidate | None:
    if first is None or last is None or last.kind == "day":
        return None
    if first.kind == "day" and last.kind not in ("dmy", "mdy"):
        return None
    relative = not last.dated and (first.kind == "day" or not first.dated)

    def resolve(ref: DateSpan | None) -> DateSpan | None:
        filled = _fill_range(first, last, ref)
        return None if filled is None else _join(*filled)

    if not relative:
        span = resolve(None)
        return _Candidate(start, end, "range", False, aside, lambda _ref: span)
    return _Candidate(start, end, "range", True, False, resolve)


def _fill_range(first: _Point, last: _Point, ref: DateSpan | None) -> tuple[_Point, _Point] | None:
    """Give both ends of a range a year, the first borrowing from the last, else from ref."""
    if first.kind == "day":
        first = replace(first, kind=last.kind, month=last.month, year=last.year)
    if not first.dated and last.dated:
        first = replace(first, year=_point_span(last).end.year)
        if _point_span(first).start > _point_span(last).start:
            first = replace(first, year=first.year - 1)
    elif not first.dated:
        if ref is None:
            return None
        first = replace(first, year=_infer_year(first, ref))
    if not last.dated:
        last = replace(last, year=_point_span(first).start.year)
        if _point_span(last).start < _point_span(first).start:
            last = replace(last, year=last.year + 1)
    return first, last


def _join(first: _Point, last: _Point) -> DateSpan:
    head, tail = _point_span(first), _point_span(last)
    if (
        first.kind == "season"
        and first.seasons[-1] == "winter"
        and last.kind == "year"
        and last.year == head.end.year
    ):
        return head
    if tail.end < head.start:
        raise ValueError(f"date range runs backwards: {head.label} to {tail.label}")
    if head == tail:
        return head
    precision = max(head.precision, tail.precision, key=_COARSENESS.index)
    plain = {"dmy", "mdy", "holiday", "my", "mon", "year"}
    if {first.kind, last.kind} <= plain and head.precision is tail.precision:
        label = _label(head.start, tail.end, precision)
    else:
        label = f"{head.label}{' – ' if ' ' in tail.label else '–'}{tail.label}"
    return DateSpan(head.start, tail.end, precision, label)


@functools.lru_cache(maxsize=4096)
def _parse_point(text: str) -> _Point | None:
    for kind, parser in _POINT_PARSERS:
        match = parser.fullmatch(text)
        if match:
            return _point_from(kind, match.groupdict())
    return None


def _point_from(kind: str, fields: dict[str, str | None]) -> _Point:
    def text(name: str) -> str | None:
        return fields.get(name)

    year, month, day = text("year"), text("month"), text("day")
    part = text("part") or text("partname")
    seasons = tuple(s.lower() for s in (text("season"), text("season2")) if s)
    point = _Point(
        kind,
        year=int(year) if year else None,
        month=_month_number(month) if month else None,
        day=_day_number(day) if day else None,
        part=_PART_SYNONYMS.get(part.lower(), part.lower()) if part else None,
        seasons=seasons,
        decade=int(text("decade") or 0) or None,
    )
    holiday = text("holiday")
    if holiday:
        name = re.sub(r"\s+", " ", holiday.lower().replace("’", "'"))
        month_number, day_number = _HOLIDAYS[name]
        point = replace(point, month=month_number, day=day_number)
    return point


def _month_number(text: str) -> int:
    return _MONTH_NUMBERS[text.rstrip(".").lower()]


def _day_number(text: str) -> int:
    return int(text.rstrip("stndrh"))


def _number(phrase: str) -> int:
    match = _NUMBER_TEXT.search(phrase)
    if match is None:
        raise ValueError(f"no number in {phrase!r}")
    word = re.sub(r"\s+", " ", match.group().lower())
    if word.isdigit():
        return int(word)
    return (
        sum(_NUMBER_WORDS[piece] for piece in word.split("-"))
        if "-" in word
        else _NUMBER_WORDS[word]
    )


def _is_aside(text: str, start: int, end: int, *, named_range: bool) -> bool:
    """A year or range in parentheses after a name: a lifespan or a work's date."""
    if not _ASIDE_CLOSE.match(text, end):
        return False
    before = text[max(0, start - 200) : start]
    return bool(_ASIDE_NAME.search(before) or (named_range and _ASIDE_NAMED_RANGE.search(before)))


def _restated(text: str, found: _Candidate, rest: list[_Candidate]) -> bool:
    """A relative phrase followed by the date it means: "The following day, 3 December 1905"."""
    return (
        bool(rest)
        and not rest[0].relative
        and _LIST_GAP.fullmatch(text, found.end, rest[0].start) is not None
    )


def _stated_start(text: str, found: _Candidate, rest: list[_Candidate]) -> DateSpan | None:
    """The date a duration runs from, when the text gives it next: "for a few weeks ... from 19
    September 1935"."""
    if found.kind != "duration" or not rest or rest[0].relative:
        return None
    if _FROM_BEFORE.search(text, found.end, rest[0].start) is None:
        return None
    return rest[0].resolve(None)


# -- spans ------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _point_span(point: _Point) -> DateSpan:
    """The interval a fully dated point covers, labelled for people."""
    if point.decade is not None:
        low, high = _DECADE_PARTS.get(point.part or "", (0, 9))
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
        return DateSpan(day, day, Precision.DAY, _label(day, day, Precision.DAY))
    if point.kind in ("my", "mon"):
        start, end = _month_start(year, point.month or 1), _month_end(year, point.month or 1)
        return DateSpan(start, end, Precision.MONTH, _label(start, end, Precision.MONTH))
    if point.kind == "mpart":
        low, high = _MONTH_PARTS[point.part or "early"]
        month = point.month or 1
        end = _month_end(year, month)
        start, end = dt.date(year, month, low), end.replace(day=min(high, end.day))
        return DateSpan(
            start,
            end,
            Precision.MONTH,
            f"{_part_prefix(point.part)}{_ABBREVIATIONS[month - 1]} {year}",
        )
    if point.kind == "ypart":
        low, high = _YEAR_PARTS[point.part or "early"]
        return DateSpan(
            _month_start(year, low),
            _month_end(year, high),
            Precision.SEASON,
            f"{_part_prefix(point.part)}{year}",
        )
    if point.kind == "season":
        low = _SEASON_MONTHS[point.seasons[0]][0]
        high = _SEASON_MONTHS[point.seasons[-1]][1]
        end = _month_end(year, high)
        years = f"{year}–{end.year}" if end.year != year else f"{year}"
        return DateSpan(
            _month_start(year, low), end, Precision.SEASON, f"{'/'.join(point.seasons)} {years}"
        )
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return DateSpan(start, end, Precision.YEAR, str(year))


def _part_prefix(part: str | None) -> str:
    return "mid-" if part == "mid" else f"{part} "


def _infer_year(point: _Point, ref: DateSpan) -> int:
    """The reference's year, or the next when that would put the date half a year before it."""
    year = ref.start.year
    if _point_span(replace(point, year=year)).end < ref.start - dt.timedelta(days=183):
        year += 1
    return year


def _shift(ref: DateSpan, steps: int, unit: str) -> DateSpan:
    """The reference moved by steps units: "40 days later", "a year later", "two weeks earlier"."""
    precision = max(ref.precision, _UNIT_PRECISION[unit], key=_COARSENESS.index)
    if precision is Precision.SEASON:
        start = _month_start(*_year_month(_move(ref.start, steps, unit)))
        end = _month_end(*_year_month(_move(ref.end, steps, unit)))
    else:
        start, end = _widen(_move(ref.end if steps > 0 else ref.start, steps, unit), precision)
    return DateSpan(start, end, precision, _label(start, end, precision))


def _anaphor(phrase: str, unit: str, ref: DateSpan) -> DateSpan:
    """Resolve "the following day", "the same year", "the year before" or "later that year"."""
    if phrase.startswith(("later", "earlier")):
        return _rest_of(ref, unit, later=phrase.startswith("later"))
    steps = 1 if any(word in phrase for word in ("following", "next", "after")) else 0
    steps = -1 if any(word in phrase for word in ("previous", "preceding", "before")) else steps
    if unit == "year":
        year = (ref.end.year if steps > 0 else ref.start.year) + steps
        return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR, str(year))
    unit = unit if unit in _UNIT_PRECISION else "day"
    precision = _UNIT_PRECISION[unit]
    if _COARSENESS.index(ref.precision) >= _COARSENESS.index(precision):
        return ref if steps == 0 else _shift(ref, steps, unit)
    if steps == 0:  # "the same month" after a day: that whole month
        start, end = _widen(ref.start, precision)[0], _widen(ref.end, precision)[1]
        return DateSpan(start, end, precision, _label(start, end, precision))
    return _shift(ref, steps, unit)


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
            start, end = _month_start(ref.end.year, ref.end.month), dt.date(ref.end.year, 12, 31)
        else:
            start, end = dt.date(ref.start.year, 1, 1), _month_end(ref.start.year, ref.start.month)
    else:
        if ref.precision not in (Precision.DAY, Precision.MONTH):
            return None
        precision = Precision.MONTH
        if later:
            start, end = ref.end, _month_end(ref.end.year, ref.end.month)
        else:
            start, end = _month_start(ref.start.year, ref.start.month), ref.start
    return DateSpan(start, end, precision, _label(start, end, precision))


def _relative_season(phrase: str, ref: DateSpan) -> DateSpan:
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
    return _point_span(_Point("season", year=year, seasons=(season,)))


def _part_of(phrase: str, ref: DateSpan) -> DateSpan | None:
    """ "late that year", "by the end of the year", "the end of that month": part of ref's
    year (a season-precision span) or of its month, which needs a reference within a month."""
    words = phrase.split()
    part = next(_PART_SYNONYMS.get(w, w) for w in words if _PART_SYNONYMS.get(w, w) in _YEAR_PARTS)
    if words[-1] == "year":
        return _point_span(_Point("ypart", year=ref.end.year, part=part))
    if ref.precision not in (Precision.DAY, Precision.MONTH):
        return None
    return _point_span(_Point("mpart", year=ref.end.year, month=ref.end.month, part=part))


def _vague_shift(ref: DateSpan, sign: int, unit: str) -> DateSpan:
    """ "a few days later", "some weeks later", "several months earlier": two to five units
    away, at a precision coarse enough to admit the vagueness (weeks to months, months to
    seasons)."""
    precision = max(ref.precision, _VAGUE_PRECISION[unit], key=_COARSENESS.index)
    low, high = _VAGUE_STEPS
    if sign > 0:
        first, last = _move(ref.end, low, unit), _move(ref.end, high, unit)
    else:
        first, last = _move(ref.start, -high, unit), _move(ref.start, -low, unit)
    start, end = _widen(first, precision)[0], _widen(last, precision)[1]
    return DateSpan(start, end, precision, _label(start, end, precision))


_VAGUE_STEPS = (2, 5)
_VAGUE_PRECISION = {
    "day": Precision.DAY,
    "week": Precision.MONTH,
    "month": Precision.SEASON,
    "year": Precision.YEAR,
    "decade": Precision.YEAR,
}


def _duration(ref: DateSpan, count: int, unit: str) -> DateSpan | None:
    """A stretch of time starting with the reference: "for a month", "the next two years"."""
    if count <= 0:
        return None
    end = _move(ref.start, count, unit) - dt.timedelta(days=1)
    precision = max(ref.precision, _UNIT_PRECISION[unit], key=_COARSENESS.index)
    return DateSpan(ref.start, end, precision, _label(ref.start, end, precision))


_UNIT_PRECISION = {
    "day": Precision.DAY,
    "week": Precision.DAY,
    "month": Precision.MONTH,
    "year": Precision.YEAR,
    "decade": Precision.YEAR,
}


def _move(day: dt.date, steps: int, unit: str) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=steps)
    if unit == "week":
        return day + dt.timedelta(weeks=steps)
    months = steps * {"month": 1, "year": 12, "decade": 120}[unit]
    year, month = _year_month_after(day.year, day.month + months)
    return dt.date(year, month, min(day.day, _month_end(year, month).day))


def _widen(day: dt.date, precision: Precision) -> tuple[dt.date, dt.date]:
    if precision is Precision.DAY:
        return day, day
    if precision is Precision.YEAR:
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return _month_start(day.year, day.month), _month_end(day.year, day.month)


def _year_month(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


def _year_month_after(year: int, month: int) -> tuple[int, int]:
    """Normalise a month number past 12 (or below 1) into the right year."""
    extra, index = divmod(month - 1, 12)
    return year + extra, index + 1


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(*_year_month_after(year, month), 1)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(*_year_month_after(year, month + 1), 1) - dt.timedelta(days=1)


def _label(start: dt.date, end: dt.date, precision: Precision) -> str:
    """A short reading of an interval at a precision: "7–8 Nov 1917", "Jan 1937 – Apr 1939"."""
    if precision is Precision.YEAR:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if precision is Precision.DAY:
        if start == end:
            return _day_label(start)
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{_day_label(end)}"
        if start.year == end.year:
            return f"{start.day} {_ABBREVIATIONS[start.month - 1]} – {_day_label(end)}"
        return f"{_day_label(start)} – {_day_label(end)}"
    if (start.year, start.month) == (end.year, end.month):
        return _month_label(start)
    if start.year == end.year:
        return f"{_ABBREVIATIONS[start.month - 1]}–{_month_label(end)}"
    return f"{_month_label(start)} – {_month_label(end)}"


def _day_label(day: dt.date) -> str:
    return f"{day.day} {_month_label(day)}"


def _month_label(day: dt.date) -> str:
    return f"{_ABBREVIATIONS[day.month - 1]} {day.year}"
