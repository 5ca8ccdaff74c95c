"""Finding date expressions in text and resolving them in reading order."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from trotsky_geo.dates.events import NAMED_EVENT, event_span
from trotsky_geo.dates.grammar import (
    ADDRESS,
    AGE_CUE,
    ASIDE_CLOSE,
    ASIDE_NAME,
    ASIDE_NAMED_RANGE,
    CORE,
    DAYRANGE_PARSERS,
    DECADE_PARTS,
    FROM_BEFORE,
    HEADING_PARENS,
    LIFE_DECADES,
    LIST_GAP,
    LOOKBACK,
    MONTH_NUMBERS,
    MONTH_START,
    NUMBER_START,
    NUMBER_TEXT,
    SEASON_MONTHS,
    SHORT_LOOKBACK,
    STARTS,
    STYLE_SUFFIX,
    UNIT_TEXT,
    VAGUE_COUNT,
    WORD,
)
from trotsky_geo.dates.points import (
    Point,
    count_in,
    day_of,
    duration_from,
    infer_year,
    month_of,
    parse_point,
    part_of,
    point_span,
    relative_season,
    resolve_anaphor,
    shifted,
    vague_shift,
)
from trotsky_geo.dates.span import COARSENESS, DateSpan, Precision, age_span, interval_label


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
    text: str, *, anchor: DateSpan | None = None, birth: DateSpan | None = None
) -> list[DateMention]:
    """All date expressions in text, left to right, relative ones resolved in reading order.

    A relative expression ("on 15 October", "The following day", "40 days later",
    "for a month", "that summer", "the following spring", "late that year", "the end of
    that month", "some weeks later") resolves against the latest mention before it that is
    neither an aside nor a duration, else against `anchor`; one that cannot be resolved is
    left out. Vague counts ("a few", "some", "several") mean two to five units, at a
    coarser precision for weeks (month) and months (season).
    Age phrases ("at age 60", "the 23-year-old Trotsky") resolve against `birth` to the
    year of life between the Nth birthday and the next.
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


def heading_span(heading: str) -> DateSpan | None:
    """The span a section heading gives: its parenthesised date, or a date ending or forming it."""
    title = heading.strip().strip("=").strip()
    bracket = HEADING_PARENS.search(title)
    inner = bracket.group(1) if bracket else title
    mentions = [m for m in find_dates(inner) if not m.relative]
    if not bracket:
        mentions = [m for m in mentions if m.end == len(inner.rstrip())]
    if not mentions:
        return None
    first, last = mentions[0].span, mentions[-1].span
    if first == last:
        return first
    precision = max(first.precision, last.precision, key=COARSENESS.index)
    return DateSpan(
        first.start, max(first.end, last.end), precision, f"{first.label} – {last.label}"
    )


_Resolver = Callable[[DateSpan | None], DateSpan | None]


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


def _candidates(text: str, birth: DateSpan | None) -> list[_Candidate]:
    """Grammar matches, tried only at words shortly before a number, month or time unit."""
    starts: set[int] = set()
    for core in CORE.finditer(text):
        found_word = core.group()
        short = found_word[0].isdigit() or _is_month(found_word) or found_word in SEASON_MONTHS
        lookback = SHORT_LOOKBACK if short else LOOKBACK
        end = core.start()
        window = max(0, end - 16 * lookback)
        before = [word.start() for word in WORD.finditer(text, window, end)]
        if before and before[0] == window and window > 0 and text[window - 1].isalnum():
            before.pop(0)  # the window cut this word: its start is not a word start
        starts.update(before[-lookback:])
        starts.add(end)
    starts.update(cue.start() for cue in AGE_CUE.finditer(text))
    found: list[_Candidate] = []
    position = 0
    for start in sorted(starts):
        word = WORD.match(text, start) if start >= position else None
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
        suffix = STYLE_SUFFIX.match(text, candidate.end)
        if suffix:
            candidate = replace(candidate, end=suffix.end())
        found.append(candidate)
        # "in 1902 and 1905": only the first year was taken; the second is read on its own
        taken = candidate.end if match.lastgroup == "yearpair" else match.end()
        position = max(candidate.end, taken)
    return sorted([*found, *_named_events(text, found)], key=lambda c: c.start)


def _named_events(text: str, found: list[_Candidate]) -> list[_Candidate]:
    """ "after World War II": named events as times, where the text gives no date of its own
    ("On 3 August 1914, at the outbreak of World War I": the day)."""
    named: list[_Candidate] = []
    if any(not c.relative for c in found):
        return named
    for match in NAMED_EVENT.finditer(text):
        span = event_span(match)
        if span is None or any(c.start < match.end() and match.start() < c.end for c in found):
            continue
        named.append(
            _Candidate(match.start(), match.end(), "event", False, False, lambda _ref, s=span: s)
        )
    return named


def _is_month(word: str) -> bool:
    return word[0].isupper() and word.lower() in MONTH_NUMBERS


def _grammar_for(word: str) -> re.Pattern[str] | None:
    if word[0].isdigit():
        return NUMBER_START
    if _is_month(word):
        return MONTH_START
    return STARTS.get(word.lower())


def _read(match: re.Match[str], text: str, birth: DateSpan | None) -> _Candidate | None:
    kind = match.lastgroup
    start, end = match.span()
    phrase = match.group()
    if kind == "point":
        point = parse_point(phrase)
        if point is None or (point.kind == "year" and ADDRESS.match(text, end)):
            return None
        aside = point.kind == "year" and _is_aside(text, start, end, named_range=False)
        return _point_candidate(point, start, end, aside)
    if kind == "month":
        point = parse_point(match.group("bare"))
        return None if point is None else _point_candidate(point, match.start("bare"), end, False)
    if kind == "fromto":
        return _range_candidate(
            parse_point(match.group("from")), parse_point(match.group("to")), start, end, False
        )
    if kind == "range":
        first = parse_point(match.group("first"))
        last = _range_end(first, match.group("last"))
        aside = _is_aside(text, start, end, named_range=True)
        return _range_candidate(first, last, start, end, aside)
    if kind == "yearpair":
        first, last = parse_point(match.group("year1")), parse_point(match.group("year2"))
        if first is None or last is None:
            return None
        if int(match.group("year2")) - int(match.group("year1")) == 1:
            return _range_candidate(first, last, start, end, False)
        return _point_candidate(first, start, match.end("year1"), False)
    if kind == "dayrange":
        return _dayrange_candidate(phrase, start, end)
    if kind == "age":
        if birth is None:
            return None
        span = age_span(birth, count_in(phrase))
        return _Candidate(start, end, "age", True, False, lambda _ref: span)
    if kind == "lifedecade":
        if birth is None:
            return None
        tens = LIFE_DECADES[match.group("lifetens").lower()]
        low, high = DECADE_PARTS.get((match.group("lifepart") or "").lower(), (0, 9))
        first, last = age_span(birth, tens + low).start, age_span(birth, tens + high).end
        label = interval_label(first, last, Precision.YEAR)
        decade = DateSpan(first, last, Precision.YEAR, label)
        return _Candidate(start, end, "age", True, False, lambda _ref: decade)
    lowered = " ".join(phrase.lower().split())
    if kind in ("season", "partof"):
        resolver = relative_season if kind == "season" else part_of
        return _relative(start, end, lambda ref: resolver(lowered, ref))
    units = UNIT_TEXT.findall(phrase)
    unit = units[-1].lower() if units else "day"  # "the following morning"
    if kind in ("shift", "after"):
        sign = -1 if "earlier" in lowered else 1
        counted = phrase[len("after") :] if kind == "after" else phrase  # the count, not "after"
        if VAGUE_COUNT.search(counted):
            return _relative(start, end, lambda ref: vague_shift(ref, sign, unit))
        steps = count_in(counted) * sign
        if "half" in lowered and unit.startswith("year"):  # "two and a half years"
            steps, unit = steps * 12 + 6, "month"
        return _relative(start, end, lambda ref: shifted(ref, steps, unit))
    if kind in ("anaphor", "adjacent"):
        return _relative(start, end, lambda ref: resolve_anaphor(lowered, unit, ref))
    counted = NUMBER_TEXT.search(phrase) is not None
    if not counted and phrase.lower().endswith("s"):
        return None  # "for years": too vague to span
    count = count_in(phrase) if counted else 1  # "for the next year"
    return _Candidate(
        start,
        end,
        "duration",
        True,
        False,
        lambda ref: None if ref is None else duration_from(ref, count, unit),
    )


def _point_candidate(point: Point, start: int, end: int, aside: bool) -> _Candidate:
    if point.dated:
        span = point_span(point)
        return _Candidate(start, end, "point", False, aside, lambda _ref: span)

    def resolve(ref: DateSpan | None) -> DateSpan | None:
        if ref is None:
            return None
        return point_span(replace(point, year=infer_year(point, ref)))

    return _Candidate(start, end, "point", True, False, resolve)


def _range_end(first: Point | None, last: str) -> Point | None:
    """The second half of a dash range; two digits abbreviate a year: "1918–19"."""
    if not (last.isdigit() and len(last) == 2):
        return parse_point(last)
    if first is None or first.year is None:
        return None
    year = first.year // 100 * 100 + int(last)
    return Point("year", year=year + 100 if year <= first.year else year)


def _dayrange_candidate(phrase: str, start: int, end: int) -> _Candidate | None:
    for parser in DAYRANGE_PARSERS:
        match = parser.fullmatch(phrase)
        if match:
            fields = match.groupdict()
            year = int(fields["year"]) if fields["year"] else None
            month = month_of(fields["month"])
            first = Point("dmy", year=year, month=month, day=day_of(fields["day"]))
            last = Point("dmy", year=year, month=month, day=day_of(fields["day2"]))
            return _range_candidate(first, last, start, end, False)
    return None


def _range_candidate(
    first: Point | None, last: Point | None, start: int, end: int, aside: bool
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


def _fill_range(first: Point, last: Point, ref: DateSpan | None) -> tuple[Point, Point] | None:
    """Give both ends of a range a year, the first borrowing from the last, else from ref."""
    if first.kind == "day":
        first = replace(first, kind=last.kind, month=last.month, year=last.year)
    if not first.dated and last.dated:
        first = replace(first, year=point_span(last).end.year)
        if point_span(first).start > point_span(last).start:
            first = replace(first, year=first.year - 1)
    elif not first.dated:
        if ref is None:
            return None
        first = replace(first, year=infer_year(first, ref))
    if not last.dated:
        last = replace(last, year=point_span(first).start.year)
        if point_span(last).start < point_span(first).start:
            last = replace(last, year=last.year + 1)
    return first, last


def _join(first: Point, last: Point) -> DateSpan:
    head, tail = point_span(first), point_span(last)
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
    precision = max(head.precision, tail.precision, key=COARSENESS.index)
    plain = {"dmy", "mdy", "holiday", "my", "mon", "year"}
    if {first.kind, last.kind} <= plain and head.precision is tail.precision:
        label = interval_label(head.start, tail.end, precision)
    else:
        label = f"{head.label}{' – ' if ' ' in tail.label else '–'}{tail.label}"
    return DateSpan(head.start, tail.end, precision, label)


def _is_aside(text: str, start: int, end: int, *, named_range: bool) -> bool:
    """A year or range in parentheses after a name: a lifespan or a work's date."""
    if not ASIDE_CLOSE.match(text, end):
        return False
    before = text[max(0, start - 200) : start]
    return bool(ASIDE_NAME.search(before) or (named_range and ASIDE_NAMED_RANGE.search(before)))


def _restated(text: str, found: _Candidate, rest: list[_Candidate]) -> bool:
    """A relative phrase followed by the date it means: "The following day, 3 December 1905"."""
    return (
        bool(rest)
        and not rest[0].relative
        and LIST_GAP.fullmatch(text, found.end, rest[0].start) is not None
    )


def _stated_start(text: str, found: _Candidate, rest: list[_Candidate]) -> DateSpan | None:
    """The date a duration runs from, when the text gives it next: "for a few weeks ... from 19
    September 1935"."""
    if found.kind != "duration" or not rest or rest[0].relative:
        return None
    if FROM_BEFORE.search(text, found.end, rest[0].start) is None:
        return None
    return rest[0].resolve(None)
