"""The story's time and the life's bounds: the date a sentence without one takes, the lifespan
the opening gives, the stays told before any date."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from trotsky_geo.dates import DateMention, DateSpan, Precision, ends, find_dates
from trotsky_geo.dates.span import interval_label, year_span
from trotsky_geo.document import Document, Section, Sentence
from trotsky_geo.events import Event, EventKind
from trotsky_geo.toponyms import Toponym

#: Stays whose narrative date runs on to the next date stated, up to this many days.
_WIDENED = frozenset(
    {EventKind.RESIDENCE, EventKind.EXILE, EventKind.IMPRISONMENT, EventKind.EDUCATION}
)
_WIDEST_DAYS = 3 * 366
#: The date of a stay told before the text gives any: filled from the next date stated.
UNDATED = DateSpan(dt.date.min, dt.date.min, Precision.YEAR, "")


@dataclass
class Narrative:
    """What the story has established so far: its date, the subject's last place, the birth."""

    anchor: DateSpan | None = None
    birth: DateSpan | None = None
    home: Event | None = None  # the last stay: where an unplaced arrest or death happened
    visit: Event | None = None  # the last journey's end: where he was, for a while after it
    named: Toponym | None = None  # the last place the text named: what "there" points at
    named_paragraph: int = -1  # the paragraph that named it
    about_subject: bool = True  # "he" in the next sentence is the subject
    other: str = ""  # the other person the last sentences were about
    streak: int = 0
    told: list[tuple[int, DateSpan]] = field(default_factory=list)  # dates stated, by offset


def opening_lifespan(document: Document) -> dict[EventKind, DateSpan]:
    """The birth and death dates of the opening sentence's bracketed lifespan ("Karl Marx
    (5 May 1818 – 14 March 1883)"), or its death alone ("(born Frederick Bailey; – February
    20, 1895)")."""
    opening = [s for s in document.sentences if not s.infobox_key][:3]
    bracketed = [
        (first.text, d)
        for first in opening
        for d in find_dates(first.text)
        if parenthesised(first.text, d.start)
    ]
    spans = [d.span for _, d in bracketed if d.span.end.year - d.span.start.year >= 10]
    if spans:
        born, died = ends(spans[0])
        return {EventKind.BIRTH: born, EventKind.DEATH: died}
    deaths = [d.span for text, d in bracketed if text[: d.start].rstrip().endswith(("–", "—"))]
    return {EventKind.DEATH: deaths[0]} if deaths else {}


def dated_by(lifespan: dict[EventKind, DateSpan], events: list[Event]) -> list[Event]:
    """The lifespan dates a birth or death the body tells without a date."""
    return [
        replace(e, when=lifespan[e.kind], date_inferred=False)
        if e.kind in lifespan and (e.date_inferred or e.when is UNDATED)
        else e
        for e in events
    ]


def advance(
    state: Narrative, sentence: Sentence, section: Section, dates: list[DateMention]
) -> None:
    """The story's time moves to the sentence's last date told outside brackets."""
    told = [d for d in dates if not parenthesised(sentence.text, d.start)]
    state.told.extend((sentence.start + d.start, d.span) for d in told)
    if told and (section.span is None or within(told[-1].span, section.span)):
        state.anchor = told[-1].span


def until_next_date(events: list[Event], told: list[tuple[int, DateSpan]]) -> list[Event]:
    """A stay told in a sentence with no date at all lasts, as far as the text says, from the
    narrative's date until the next date the text states ("In December 1865 he left Munich.
    Ludwig installed him at Tribschen. ... completed at Tribschen in 1867"): its end moves up
    to the day before, within a few years. A sentence that dates or times anything ("spent
    some weeks in Riga ... in 1922") keeps its reading."""
    positions = [at for at, _ in told]  # in text order: the sentences are read in order
    result = []
    for event in events:
        evidence = event.evidence
        first = bisect_left(positions, evidence.start)
        if (
            event.date_inferred
            and event.kind in _WIDENED
            and not (first < len(told) and told[first][0] < evidence.end)
        ):
            after = bisect_left(positions, evidence.end)
            later = next(
                (
                    told[i][1].start
                    for i in range(after, len(told))
                    if told[i][1].start > event.when.end
                ),
                None,
            )
            if later is not None and (later - event.when.start).days <= _WIDEST_DAYS:
                end = later - dt.timedelta(days=1)
                precision = event.when.precision
                label = interval_label(event.when.start, end, precision)
                event = replace(event, when=DateSpan(event.when.start, end, precision, label))
        result.append(event)
    return result


def went_back(
    events: list[Event], waiting: list[int] | None, told: list[tuple[int, DateSpan]]
) -> list[int] | None:
    """A section without dates in its heading may go back in time: the events it tells before
    its first date, dated from the section before, take that date's year when it is earlier
    ("In 1929 he led the uprising. === In Wuhan === He ended up in Wuhan ... on 7 August
    1927"). The events still waiting for the section's first date, or None once it is told."""
    if waiting is None or not told:
        return waiting
    first = told[0][1]
    for n in waiting:
        event = events[n]
        if event.date_inferred and event.when.start > first.end:
            events[n] = replace(event, when=year_span(first.start.year))
    return None


def date_undated(events: list[Event]) -> list[Event]:
    """A stay told before the text gives any date takes the next stated date (inferred)."""
    dated = [e.when for e in events if e.when is not UNDATED]
    if not dated:
        return [e for e in events if e.when is not UNDATED]
    result, upcoming = [], iter(dated)
    following = next(upcoming)
    for event in events:
        if event.when is UNDATED:
            result.append(replace(event, when=following, date_inferred=True))
            continue
        if event.when is following:
            following = next(upcoming, following)
        result.append(event)
    return result


def dates_of(text: str, state: Narrative) -> list[DateMention]:
    return [d for d in find_dates(text, anchor=state.anchor, birth=state.birth) if not d.aside]


def parenthesised(text: str, position: int) -> bool:
    """The position is inside brackets: an aside ("constructed 1849–1850"), not the story's time."""
    before = text[:position]
    return before.count("(") > before.count(")")


def within(span: DateSpan | None, outer: DateSpan) -> bool:
    return span is not None and outer.start <= span.start <= outer.end
