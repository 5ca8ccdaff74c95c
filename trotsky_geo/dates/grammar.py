"""The date grammar: the regular expressions that find date expressions in prose."""

from __future__ import annotations

import re

from trotsky_geo.dates.span import ABBREVIATIONS

MONTH_NUMBERS = {
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
    **{name.lower(): number for number, name in enumerate(ABBREVIATIONS, start=1)},
    "sept": 9,
}
SEASON_MONTHS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 14),
}
YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
PART_SYNONYMS = {"beginning": "early", "start": "early", "middle": "mid", "end": "late"}
HOLIDAYS = {
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
NUMBER_WORDS = {
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
#: A decade of life: "(early) thirties", "mid-twenties".
LIFE_DECADES = {f"{tens[:-1]}ies": 10 * n for n, tens in enumerate(_TENS, start=2)}
_LIFE_DECADE = (
    rf"(?P<lifepart>early|mid|late)?[\s-]*(?P<lifetens>{'|'.join(LIFE_DECADES)})\b"
)

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
    # "in 1886 and 1887": two years running are one stretch (two others are two dates)
    "yearpair": rf"(?P<yearpair>(?P<year1>{_YEAR})\s+and\s+(?P<year2>{_YEAR})\b)",
    "dayrange": rf"(?P<dayrange>{_DAY}{_DASH}{_DAY}\s+{_MON}(?:,?\s+{_YEAR})?"
    rf"|{_MON}\s+{_DAY}{_DASH}{_DAY}(?:,?\s+{_YEAR})?)",
    "shift": rf"(?P<shift>(?i:\b(?:{_NUM}|some\b)\s+{_UNIT}\s+(?:later|earlier|afterwards?)\b))",
    # "After two and a half years at Lepoglava, he was": that long after the story's date
    "after": rf"(?P<after>(?i:\bafter\s+(?:{_NUM}|some\b)(?:\s+and\s+a\s+half)?\s+{_UNIT}))",
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
    "lifedecade": rf"(?P<lifedecade>(?i:\bin\s+(?:his|her|their)\s+{_LIFE_DECADE}))",
    "month": r"(?P<month>(?i:\b(?:in|on|by|since|until|till|through|throughout|during|before"
    rf"|after|around|from)\s+)(?P<bare>{_MON})(?![.,]?\s*[\d–—/-]){_NOT_EVENT})",
}


def _grammar(*names: str) -> re.Pattern[str]:
    """The alternatives an expression starting with a given kind of word can take, in order."""
    return re.compile("|".join(_ALTERNATIVES[name] for name in names))


# The grammar is chosen by the first word of a candidate, so most words cost no match at all.
NUMBER_START = _grammar("range", "yearpair", "dayrange", "shift", "age", "point")
MONTH_START = _grammar("range", "dayrange", "point")
_POINT_START = _grammar("range", "point")
_ARTICLE_START = _grammar("anaphor", "adjacent", "season", "partof", "duration", "range", "point")
_PREPOSITION_START = _grammar("month", "season")
_IN_START = _grammar("lifedecade", "month", "season")
_AFTER_START = _grammar("after", "month", "season")
STARTS: dict[str, re.Pattern[str]] = {
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
            "on",
            "by",
            "since",
            "until",
            "till",
            "through",
            "throughout",
            "during",
            "before",
            "around",
        ),
        _PREPOSITION_START,
    ),
    "in": _IN_START,
    "after": _AFTER_START,
    **dict.fromkeys(("a", "an", "several", "some", *_UNITS, *_TENS), _grammar("shift")),
}
# Every expression holds a number, a month, a season or a time unit, a few words from its start.
CORE = re.compile(  # one leading character class lets the scan skip other text quickly
    r"[0-9ADFJMNOSWYadfmswy](?:(?<=[0-9])[0-9]*"
    r"|(?<=[JFMASOND])(?:anuary|ebruary|arch|pril|ay|une|uly|ugust|eptember|ctober|ovember"
    r"|ecember|an|eb|ar|pr|un|ul|ug|ept|ep|ct|ov|ec)\b"
    r"|(?<![^\W\d_][DdWwMmYyAa])(?<=[DdWwMmYyAa])(?:ays?|eeks?|onths?|ears?|ecades?|ged?)\b"
    r"|(?<=[sw])(?<![^\W\d_].)(?:pring|ummer|inter)\b|(?<=[af])(?<![^\W\d_].)(?:utumn|all)\b)"
)
# Ages told in words hold no number, month or unit the scan looks for: "When he was seven",
# "in her thirties".
AGE_CUE = re.compile(
    r"(?i:\bwhen\s+(?:he|she|the\s+latter|the\s+former)\s+was\b|\baged?\b"
    rf"|\bin\s+(?:his|her|their)\s+{_LIFE_DECADE})"
)
POINT_PARSERS = tuple((kind, re.compile(p)) for kind, p in (*_POINT_FORMS, *_PARTIAL_FORMS))
DAYRANGE_PARSERS = (
    re.compile(
        rf"(?P<day>{_DAY}){_DASH}(?P<day2>{_DAY})\s+(?P<month>{_MON})"
        rf"(?:,?\s+(?P<year>{_YEAR}))?"
    ),
    re.compile(
        rf"(?P<month>{_MON})\s+(?P<day>{_DAY}){_DASH}(?P<day2>{_DAY})"
        rf"(?:,?\s+(?P<year>{_YEAR}))?"
    ),
)
NUMBER_TEXT = re.compile(rf"(?i:\b{_NUM}|\b{_AGE})")
VAGUE_COUNT = re.compile(r"(?i:a\s+few|several|some)\b")
UNIT_TEXT = re.compile(r"(?i:day|week|month|year|decade)")
STYLE_SUFFIX = re.compile(r"\s*[(\[](?:O\.S\.|N\.S\.|Old Style|New Style)[)\]]")
ADDRESS = re.compile(
    r"\s+(?:[A-Z][\w'’.-]*\s+){0,3}(?:Avenue|Ave|Street|St|Road|Rd|Boulevard|Blvd|Lane|Drive"
    r"|Place|Square|Way|Court|Terrace|Highway|Parkway|Calle|Rue|Strasse|Straße)\b"
)
ASIDE_NAME = re.compile(r"(?<!\w)[A-Z][\w'’.-]*[\"”’]?\s*\(\s*$")
ASIDE_NAMED_RANGE = re.compile(r"\(\s*[A-Z][^()]*?,\s*$")
ASIDE_CLOSE = re.compile(r"\s*\)")
WORD = re.compile(r"[^\W_]+")
LOOKBACK = 6  # words from an expression's start to its time unit: "For his first two months"
SHORT_LOOKBACK = 3  # words from its start to its number or month: "the summer of 1902"
HEADING_PARENS = re.compile(r"\(([^()]*)\)\s*$")
FROM_BEFORE = re.compile(r"(?i:\b(?:from|since|starting|beginning)(?:\s+on)?\s+)$")
LIST_GAP = re.compile(r"\s*,?\s*")
