"""Named events as times: "after World War II", "during the Spanish Civil War", "at the outbreak
of the First World War". Biographies date moves by the wars and revolutions of their century
as often as by years; these are the widely known ones, with their first and last days."""

from __future__ import annotations

import datetime as dt
import re

from trotsky_geo.dates.span import (
    DateSpan,
    Precision,
    interval_label,
    month_end,
    month_start,
    year_span,
)

#: Event names as texts write them, with the first and last day of the event.
EVENTS: dict[str, tuple[dt.date, dt.date]] = {
    name: (dt.date.fromisoformat(first), dt.date.fromisoformat(last))
    for names, first, last in (
        (
            ("World War I", "World War One", "the First World War", "the Great War"),
            "1914-07-28",
            "1918-11-11",
        ),
        (("World War II", "World War Two", "the Second World War"), "1939-09-01", "1945-09-02"),
        (("the Napoleonic Wars",), "1803-05-18", "1815-11-20"),
        (("the Crimean War",), "1853-10-16", "1856-03-30"),
        (("the American Civil War",), "1861-04-12", "1865-05-26"),
        (("the Franco-Prussian War",), "1870-07-19", "1871-01-28"),
        (("the Paris Commune",), "1871-03-18", "1871-05-28"),
        (("the Second Boer War",), "1899-10-11", "1902-05-31"),
        (("the Revolutions of 1848",), "1848-01-12", "1849-10-06"),
        (("the Boxer Rebellion",), "1899-11-02", "1901-09-07"),
        (("the Russo-Japanese War",), "1904-02-08", "1905-09-05"),
        (("the Russian Revolution of 1905", "the 1905 Russian Revolution"), "1905-01-22",
         "1907-06-16"),
        (("the Xinhai Revolution",), "1911-10-10", "1912-02-12"),
        (("the Balkan Wars",), "1912-10-08", "1913-08-10"),
        (("the Mexican Revolution",), "1910-11-20", "1920-05-21"),
        (("the February Revolution",), "1917-03-08", "1917-03-16"),
        (("the October Revolution",), "1917-11-07", "1917-11-08"),
        (("the Russian Civil War",), "1917-11-07", "1922-10-25"),
        (("the Great Depression",), "1929-10-24", "1939-12-31"),
        (("the Long March",), "1934-10-16", "1935-10-22"),
        (("the Spanish Civil War",), "1936-07-17", "1939-04-01"),
        (("the Second Sino-Japanese War",), "1937-07-07", "1945-09-02"),
        (("the invasion of Poland", "the Invasion of Poland"), "1939-09-01", "1939-10-06"),
        (("the Winter War",), "1939-11-30", "1940-03-13"),
        (("the April War", "the invasion of Yugoslavia", "the Invasion of Yugoslavia"),
         "1941-04-06", "1941-04-18"),
        (("the Chinese Civil War",), "1927-08-01", "1949-12-07"),
        (("the Greek Civil War",), "1946-03-30", "1949-10-16"),
        (("the Hungarian Revolution of 1956",), "1956-10-23", "1956-11-10"),
        (("the Prague Spring",), "1968-01-05", "1968-08-21"),
        (("the Korean War",), "1950-06-25", "1953-07-27"),
        (("the Great Leap Forward",), "1958-01-01", "1962-12-31"),
        (("the Cultural Revolution",), "1966-05-16", "1976-10-06"),
        (("the Vietnam War",), "1955-11-01", "1975-04-30"),
    )
    for name in names
}
_NAMES = "|".join(
    re.escape(name.removeprefix("the ")) for name in sorted(EVENTS, key=len, reverse=True)
)
#: A cue, the part of the event it points at, and the event: "after Japan's defeat in World
#: War II", "at the outbreak of the First World War", "during the Korean War".
NAMED_EVENT = re.compile(
    r"\b(?P<cue>[Aa]fter|[Dd]uring|[Bb]efore|[Ss]ince|[Uu]ntil|[Ff]ollowing|[Ii]n|[Aa]t)\s+"
    r"(?:the\s+)?(?:immediate\s+)?(?P<part>(?:aftermath|end|close|outbreak|start|beginning)"
    r"\s+of\s+|[A-Z]\w*['’]s\s+(?:defeat|victory|entry)\s+in\s+)?(?:the\s+)?"
    rf"(?P<name>{_NAMES})\b"
)
_LATER = frozenset({"after", "since", "following"})
_ENDING = frozenset({"aftermath", "end", "close", "defeat", "victory"})
_STARTING = frozenset({"outbreak", "start", "beginning", "entry"})


def event_span(match: re.Match[str]) -> DateSpan | None:
    """The time a named-event phrase stands for: its end after it, its start before it, the
    whole event during it; None for "in" or "at" without a part ("in the Korean War" is
    where one fought, "at the end of" is when)."""
    name = match.group("name")
    first, last = EVENTS.get(name) or EVENTS[f"the {name}"]
    cue, part = match.group("cue").lower(), (match.group("part") or "").lower()
    words = set(re.findall(r"[a-z]+", part))
    if words & _ENDING or (not part and cue in _LATER):
        return year_span(last.year)
    if words & _STARTING or (not part and cue in {"before", "until"}):
        return year_span(first.year)
    if part or cue in {"in", "at"}:
        return None
    start, end = month_start(first.year, first.month), month_end(last.year, last.month)
    return DateSpan(start, end, Precision.MONTH, interval_label(start, end, Precision.MONTH))
