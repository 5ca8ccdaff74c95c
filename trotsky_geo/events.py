"""Events: who moved where and when, decided sentence by sentence with the evidence kept."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache

from trotsky_geo.dates import DateMention, DateSpan, Precision, find_dates
from trotsky_geo.document import INFOBOX, INTRODUCTION, Document, Sentence
from trotsky_geo.gazetteer import Gazetteer, Place, PlaceMention, context_keys
from trotsky_geo.lexicon import (
    ATTACHED_DATE,
    BACKGROUND,
    BORN_AS,
    CLAUSE_BREAK,
    CONNECTORS,
    DURATION,
    ELSEWHERE,
    FUNCTION_WORDS,
    GATHERINGS,
    INCLUDING,
    IRREALIS,
    LEADING_WORDS,
    LIST_BEFORE,
    LIST_GOES_ON,
    MONTHS,
    NAMED_AFTER,
    NEGATIONS,
    NEVER_WENT,
    NOT_A_PERSON,
    NOT_A_STAY,
    OTHER_AGENTS,
    OTHERS_DEED,
    OWN_MOVES,
    PASSIVE,
    PAST_PERFECT,
    QUOTED,
    RELATIONS,
    RELATIVE_CLAUSE,
    REPORTING,
    SECOND_VERB,
    SUBORDINATORS,
    THERE,
    TITLE_BEFORE,
    TOKEN,
    UNRESOLVED_PLACE,
    WHERE,
    words,
)


class EventKind(StrEnum):
    """What happened to the subject at a place."""

    BIRTH = "birth"
    EDUCATION = "education"
    RESIDENCE = "residence"
    ARREST = "arrest"
    IMPRISONMENT = "imprisonment"
    EXILE = "exile"
    ESCAPE = "escape"
    DEPORTATION = "deportation"
    TRAVEL = "travel"
    CONFERENCE = "conference"
    HOSPITAL = "hospital"
    ATTACK = "attack"
    DEATH = "death"
    BURIAL = "burial"


@dataclass(frozen=True)
class Evidence:
    """Where in the text an event was read: the sentence, its section and character offsets."""

    sentence: str
    section: str
    start: int
    end: int


@dataclass(frozen=True)
class Event:
    """The subject at a place at a time, as one sentence states it."""

    kind: EventKind
    place: Place
    place_text: str  # the toponym as written: "Alma Ata", "Prinkipo"
    when: DateSpan
    date_inferred: bool  # the sentence gives no date: it comes from the narrative or section
    place_inferred: bool  # the sentence names no place: it comes from the narrative
    evidence: Evidence
    confidence: float
    subject: str = ""
    role: str = "at"  # "from": where the move started; "via": passed through on the way
    place_start: int = 0  # offset of the toponym in the whole text


# ---------------------------------------------------------------------------
# Extraction: lexicons first, then the rules that use them.
# ---------------------------------------------------------------------------

#: Words that say a movement or a stay happened, by the kind of event they signal.
TRIGGERS: dict[EventKind, frozenset[str]] = {
    EventKind.BIRTH: words("born birth"),
    EventKind.EDUCATION: words(
        "enrolled studied studying graduated school university educated education college "
        "gymnasium seminary"
    ),
    EventKind.RESIDENCE: words(
        "lived living live settled settling settle stayed staying stay resided residing "
        "residence moved moving move home guests spent worked working headquarters hid "
        "hiding"
    ),
    EventKind.TRAVEL: words(
        "arrived arriving arrival reached returned returning return went travelled "
        "traveled travelling traveling left sailed visited visit visiting rushed came journey "
        "entered way back sent bring brought toured trip headed crossed aboard landed "
        "transferred passed rode flew flown boarded retreated taken set"
    ),
    EventKind.ARREST: words("arrested arrest captured intercepted"),
    EventKind.IMPRISONMENT: words(
        "prison imprisoned imprisonment jail jailed internment interned confined detained "
        "captivity incarcerated held"
    ),
    EventKind.EXILE: words("exiled exile banished banishment"),
    EventKind.ESCAPE: words("escaped escape escaping fled flee fleeing refuge"),
    EventKind.DEPORTATION: words("deported deport deportation expelled expulsion extradited"),
    EventKind.CONFERENCE: words(
        "conference congress meeting convened attended attend delegation summit convention "
        "lectured lecture lectures spoke speaking speech chaired"
    ),
    EventKind.HOSPITAL: words("hospital hospitalised hospitalized clinic"),
    EventKind.ATTACK: words("attacked raid stabbed wounded survived shot beaten"),
    EventKind.DEATH: words("died death killed assassinated murdered"),
    EventKind.BURIAL: words("buried reburied burial grave interred cremated ashes"),
}
_TRIGGER_KIND = {word: kind for kind, words in TRIGGERS.items() for word in words}

#: Words that, anywhere in the clause, say what kind of stay it was, whatever the verb.
_KIND_CUES = {
    "house arrest": EventKind.IMPRISONMENT,
    "internment camp": EventKind.IMPRISONMENT,
    "for education": EventKind.EDUCATION,
    "university": EventKind.EDUCATION,
    "school": EventKind.EDUCATION,
    "hospital": EventKind.HOSPITAL,
    "doctorate": EventKind.EDUCATION,
    "his remains": EventKind.BURIAL,
    "her remains": EventKind.BURIAL,
    "his body": EventKind.BURIAL,
    "her body": EventKind.BURIAL,
    "his ashes": EventKind.BURIAL,
    "her ashes": EventKind.BURIAL,
}

#: Nouns that name a stay but give way to a verb before them: "died at his home in".
_WEAK_TRIGGERS = frozenset({"home", "residence", "house", "guests", "headquarters"})
#: Verbs whose object travels, not their subject, unless the subject is the object.
_SENDING = frozenset({"sent", "send", "posted", "mailed", "bring", "brought", "dispatched"})

#: Kinds that can be read from a sentence naming no place: the place is where the narrative is.
_PLACELESS_KINDS = frozenset(
    {EventKind.ARREST, EventKind.ATTACK, EventKind.HOSPITAL, EventKind.DEATH}
)
_PLACELESS_TRIGGERS = frozenset({"attended", "attend"})

#: Kinds that happen once in a life: their mentions merge into one event.
SINGLETON_KINDS = (EventKind.BIRTH, EventKind.DEATH)

_WHERE_KINDS = frozenset(
    {
        EventKind.ARREST,
        EventKind.IMPRISONMENT,
        EventKind.DEATH,
        EventKind.HOSPITAL,
        EventKind.ATTACK,
        EventKind.EDUCATION,
    }
)
_FINENESS = {Precision.DAY: 0, Precision.MONTH: 1, Precision.SEASON: 2, Precision.YEAR: 3}
_FINER = {"building": 0, "village": 1, "city": 2, "region": 3, "country": 4}


@dataclass(frozen=True)
class Subject:
    """Who the biography is about: the names and pronouns that refer to them."""

    name: str
    surnames: frozenset[str]
    pronouns: frozenset[str]
    given: frozenset[str] = frozenset()

    @classmethod
    def from_document(cls, document: Document) -> Subject:
        """Read the subject's names from the title, the infobox's birth name and the opening
        sentences ("Maria Skłodowska was born ...", "(born Lev Bronstein)"); pronouns by count.
        """
        names = [document.title]
        for sentence in document.sentences[:40]:
            key = sentence.infobox_key.lower()
            if key in {"birthname", "birth name", "birth_name", "native name", "name"}:
                names.append(sentence.text)
            elif not key:
                names += [m.group(1) or m.group(2) for m in BORN_AS.finditer(sentence.text)]
        words = [name.split() for name in names if name.split()]
        surnames = frozenset(w[-1] for w in words if w[-1][:1].isupper())
        given = frozenset(word for w in words for word in w[:-1] if word[:1].isupper())
        text = document.text
        he = len(re.findall(r"\b[Hh]e\b", text))
        she = len(re.findall(r"\b[Ss]he\b", text))
        pronouns = ("she", "her", "herself") if she > he else ("he", "him", "his", "himself")
        return cls(document.title, surnames, frozenset(pronouns), given)

    @property
    def masculine(self) -> bool:
        return "he" in self.pronouns

    def mask_namesakes(self, text: str) -> str:
        """Hide the surname in other people's full names ("Pierre Curie" in Marie's life)."""

        def hide(match: re.Match[str]) -> str:
            first, surname = match.group(1), match.group(2)
            lowered = first.lower()
            if (
                first in self.given
                or lowered in FUNCTION_WORDS
                or lowered in LEADING_WORDS
                or lowered in MONTHS
                or first in self.surnames
            ):
                return match.group(0)
            return match.group(0)[: match.start(2) - match.start(0)] + "X" * len(surname)

        if not self.surnames:
            return text
        pattern = r"\b([A-Z][\w'’\-]*)\s+(" + "|".join(map(re.escape, self.surnames)) + r")\b"
        return re.sub(pattern, hide, text)


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int
    lower: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "lower", self.text.lower())


@dataclass
class _Narrative:
    """What the story has established so far: its date, its last places, the birth date."""

    anchor: DateSpan | None = None
    narrative: bool = True  # the section has a time span: undated sentences inherit one
    birth: DateSpan | None = None
    last_event: Event | None = None
    paragraph: int = -1
    paragraph_place: PlaceMention | None = None
    previous_mentions_subject: bool = True  # a pronoun opening the text is the subject
    other_actor: str = ""  # the other person the last sentences were about
    other_streak: int = 0


def extract_events(document: Document, gazetteer: Gazetteer) -> list[Event]:
    """Every event of the subject that the document states, in text order."""
    subject = Subject.from_document(document)
    mentions = _mentions_by_sentence(document, gazetteer)
    state = _Narrative()
    events: list[Event] = []
    infobox: dict[EventKind, Event] = {}
    current_section = -1
    for index, sentence in enumerate(document.sentences):
        section = document.sections[sentence.section]
        if sentence.section != current_section:
            current_section = sentence.section
            state.narrative = section.span is not None or section.is_lead
            if section.span is not None and not _within(state.anchor, section.span):
                state.anchor = section.span
        if sentence.paragraph != state.paragraph:
            state.paragraph, state.paragraph_place = sentence.paragraph, None
        dates = [
            d
            for d in find_dates(sentence.text, anchor=state.anchor, birth=_day(state.birth))
            if not d.aside
        ]
        found = mentions[index]
        if sentence.infobox_key:
            event = _infobox_event(sentence, found, gazetteer, dates)
            if event is not None:
                infobox[event.kind] = event
            continue
        # Quotations blanked and other people's "Pierre Curie" hidden, offsets unchanged.
        masked = subject.mask_namesakes(_mask_quotes(sentence.text))
        new = _sentence_events(
            sentence, masked, section.title, found, dates, subject, state, gazetteer
        )
        events.extend(new)
        if new:
            state.last_event = new[-1]
        if state.birth is None:
            state.birth = next(
                (e.when for e in new if e.kind is EventKind.BIRTH and not e.date_inferred), None
            )
        if dates and (section.span is None or _within(dates[-1].span, section.span)):
            state.anchor = dates[-1].span
        if found:
            state.paragraph_place = found[-1]
        _follow_pronouns(masked, subject, state, [(m.start, m.end) for m in found])
    if len(document.sections) > 1:
        events = _drop_covered_lead(events, gazetteer)
    return _within_life(_merge_singletons(events, infobox))


def _within_life(events: list[Event]) -> list[Event]:
    """Drop what the text dates before the birth or after the death: legacy, not itinerary."""
    born = next((e.when.start for e in events if e.kind is EventKind.BIRTH), dt.date.min)
    died = next((e.when.end for e in events if e.kind is EventKind.DEATH), dt.date.max)
    return [
        e
        for e in events
        if e.kind is EventKind.BURIAL or (e.when.end >= born and e.when.start <= died)
    ]


def _follow_pronouns(
    masked: str, subject: Subject, state: _Narrative, places: list[tuple[int, int]]
) -> None:
    """Decide whether the next sentence's "he" or "she" still means the subject.

    Naming the subject sets it; a sentence about someone else by name unsets it when the
    subject is a man, or when the text dwells on that person for two sentences running
    (most other people in biographies of women are men, whom "she" cannot mean).
    """
    if _mentions_subject(masked, subject, pronouns=False):
        state.previous_mentions_subject, state.other_streak = True, 0
        return
    tokens = list(_tokens(masked))
    kind, word = _agent(tokens, subject, places, state.previous_mentions_subject)
    if kind == "subject" or (
        state.previous_mentions_subject and any(t.lower in subject.pronouns for t in tokens)
    ):
        state.other_streak = 0
        return
    if kind != "other" or not word[:1].isupper() or NOT_A_PERSON.fullmatch(word):
        return
    position = next(t.start for t in tokens if t.text == word)
    if re.search(r"\b(?:[Tt]he|[Aa]n?)\s+$", masked[:position]):
        return  # "The Fontainebleau conference failed": a thing, not a person
    name = _bare(word)
    state.other_streak = state.other_streak + 1 if name == state.other_actor else 1
    state.other_actor = name
    if subject.masculine or state.other_streak >= 2:
        state.previous_mentions_subject = False


def _day(span: DateSpan | None) -> dt.date | None:
    return span.start if span is not None else None


def _within(span: DateSpan | None, outer: DateSpan) -> bool:
    return span is not None and outer.start <= span.start <= outer.end


def _mentions_by_sentence(document: Document, gazetteer: Gazetteer) -> list[list[PlaceMention]]:
    """Toponyms of each sentence, found paragraph by paragraph so context can disambiguate."""
    by_paragraph: dict[int, list[PlaceMention]] = {}
    seen: Counter[str] = Counter()  # countries named so far in the document
    people = gazetteer.person_names(document.text)
    for number, paragraph in enumerate(document.paragraphs):
        by_paragraph[number] = [
            PlaceMention(m.text, m.start + paragraph.start, m.end + paragraph.start, m.candidates)
            for m in gazetteer.find(paragraph.text, context=seen, people=people)
        ]
        seen.update(key for m in by_paragraph[number] for key in context_keys(m.place))
    result = []
    for sentence in document.sentences:
        result.append(
            [
                PlaceMention(m.text, m.start - sentence.start, m.end - sentence.start, m.candidates)
                for m in by_paragraph.get(sentence.paragraph, [])
                if sentence.start <= m.start and m.end <= sentence.end
            ]
        )
    return result


def _mentions_subject(text: str, subject: Subject, *, pronouns: bool = True) -> bool:
    """The text names the subject, or refers to them by pronoun when ``pronouns`` holds."""
    return any(
        _names_subject(token.text, subject) or (pronouns and token.lower in subject.pronouns)
        for token in _tokens(text)
    )


def _names_subject(word: str, subject: Subject) -> bool:
    return _bare(word) in subject.surnames


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[_Token, ...]:
    """Words and punctuation with offsets; cached, since each sentence is read several times."""
    return tuple(_Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text))


def _bare(word: str) -> str:
    """The word without a possessive 's."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _is_subject(word: str, subject: Subject) -> bool:
    """The word names the subject: a surname, "the Guevaras" (the family), or a pronoun."""
    bare = _bare(word)
    return (
        bare in subject.surnames
        or (bare.endswith("s") and bare[:-1] in subject.surnames)
        or (word.lower() in subject.pronouns and word.lower() != "his")
    )


def _is_possessive(word: str) -> bool:
    return word.endswith(("'s", "’s")) or word.lower() in {"his", "her", "their"}


def _mask_quotes(text: str) -> str:
    return QUOTED.sub(lambda m: " " * len(m.group()), text)


def _clauses(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in CLAUSE_BREAK.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return [(a, b) for a, b in bounds if text[a:b].strip()]


def _main_start(text: str, start: int, end: int, subject: Subject) -> int:
    """Offset where the clause's main part begins, after fronted adverbial phrases.

    A fronted phrase starts with a preposition or an -ly adverb, ends at a comma, and does
    not itself name the subject ("After quarrelling with Diego Rivera, Trotsky moved ...").
    """
    position = start
    while True:
        segment = text[position:end]
        first = re.match(r"\s*([A-Za-z][\w'’\-]*)", segment)
        comma = segment.find(",")
        if not first or comma < 0:
            return position
        word = first.group(1).lower()
        adverb = comma == first.end() and word.endswith("ly")
        if word not in LEADING_WORDS and not adverb:
            return position
        words = [t for t in _tokens(segment[:comma]) if t.text[:1].isalpha()]
        refs = [
            i
            for i, t in enumerate(words)
            if _is_subject(t.text, subject) and not _is_possessive(t.text)
        ]
        # "After quarrelling with Rivera, Trotsky moved": fronted. "Though he moved past it,
        # the letter ...": a subordinate clause, fronted. "After the July Days he hid in
        # Razliv, living ...": the subject acts inside the segment, so the main clause is here.
        if refs and not (word in SUBORDINATORS and refs[0] == 1):
            return position
        position += comma + 1


def _agent(
    tokens: list[_Token], subject: Subject, places: list[tuple[int, int]], they_is_subject: bool
) -> tuple[str | None, str]:
    """Who acts first in the clause ("subject", "other" or None) and the word naming them."""
    for index, token in enumerate(tokens):
        word, lower = token.text, token.lower
        if any(a <= token.start < b for a, b in places):
            continue
        if _is_possessive(word) and (
            word.lower() in subject.pronouns or _is_subject(word, subject)
        ):
            following = {t.lower for t in tokens[index + 1 : index + 3]}
            if following & RELATIONS:
                return "other", word
            if following & OWN_MOVES:
                return "subject", word
            continue
        if _is_subject(word, subject):
            return "subject", word
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        previous = tokens[index - 1].text if index else ""
        if word in subject.given and not following[:1].isupper() and previous != ",":
            return "subject", word  # "the following year Ernesto enrolled"
        if lower in {"family", "couple"} and previous.lower() in {"the", "their"}:
            return ("subject" if they_is_subject else "other"), word
        if lower in {"they", "them", "we"}:
            return ("subject" if they_is_subject else "other"), word
        if lower in {"she", "he", "her", "him"} and lower not in subject.pronouns:
            return "other", word
        if lower in OTHER_AGENTS or lower == "it":
            return "other", word
        if (
            word[:1].isupper()
            and lower not in FUNCTION_WORDS
            and lower not in MONTHS
            and not re.fullmatch(r"[IVXLC]+", word)
        ):
            return "other", word
    return None, ""


def _sentence_events(
    sentence: Sentence,
    text: str,
    section: str,
    found: list[PlaceMention],
    dates: list[DateMention],
    subject: Subject,
    state: _Narrative,
    gazetteer: Gazetteer,
) -> list[Event]:
    tokens = _tokens(text)
    found = [m for m in found if not _in_others_relative_clause(text, m.start, subject)]
    chained = state.previous_mentions_subject or _mentions_subject(text, subject, pronouns=False)
    they = chained
    if not chained:
        subject = Subject(subject.name, subject.surnames, frozenset())
    events: list[Event] = []
    actor: str | None = None
    for c_start, c_end in _clauses(text):
        main = _main_start(text, c_start, c_end, subject)
        in_clause = [m for m in found if c_start <= m.start < c_end and text[m.start] != " "]
        spans = [(m.start, m.end) for m in found]
        main_tokens = [t for t in tokens if main <= t.start < c_end]
        clause_tokens = [t for t in tokens if c_start <= t.start < c_end]
        actor = _agent(main_tokens, subject, spans, they)[0] or actor
        if INCLUDING.search(text[c_start:c_end]) and any(
            _is_subject(m.group(1), subject) for m in INCLUDING.finditer(text[c_start:c_end])
        ):
            actor = "subject"
        kept = _drop_qualifiers(in_clause, text, gazetteer)
        clause_dates = [d for d in dates if c_start <= d.start < c_end]
        made = []
        for mention in kept:
            event = _mention_event(
                sentence,
                section,
                mention,
                text,
                clause_tokens,
                main,
                actor,
                subject,
                clause_dates,
                dates,
                state,
                (c_start, c_end),
            )
            if event is not None:
                made.append(event)
                extra = _where_event(event[0], mention, text, subject, dates)
                if extra is not None:
                    made.append((extra, -2))
        if made:
            events.extend(_drop_coarse(made))
        elif actor == "subject":
            there = _there_event(
                sentence,
                section,
                text,
                clause_tokens,
                (c_start, c_end),
                found,
                dates,
                state,
                subject,
            )
            events.extend(
                [there]
                if there is not None
                else _placeless_events(
                    sentence, section, text, clause_tokens, clause_dates, dates, state, subject
                )
            )
    return events


def _there_event(
    sentence: Sentence,
    section: str,
    text: str,
    tokens: list[_Token],
    clause: tuple[int, int],
    found: list[PlaceMention],
    dates: list[DateMention],
    state: _Narrative,
    subject: Subject,
) -> Event | None:
    """ "moved the paper to London, and Lenin lived there": the place named just before."""
    there = THERE.search(text, clause[0], clause[1])
    if there is None:
        return None
    trigger = next(
        (
            t
            for t in tokens
            if t.text in _TRIGGER_KIND and not _in_others_relative_clause(text, t.start, subject)
        ),
        None,
    )
    if trigger is None or _negated(tokens, trigger):
        return None
    earlier = [m for m in found if m.end <= there.start()]
    if not earlier and UNRESOLVED_PLACE.search(text, clause[0], there.start()):
        return None  # "taken to the village of La Higuera and shot there": a place we lack
    source = earlier[-1] if earlier else state.paragraph_place
    if source is None:
        return None
    own = [d for d in dates if clause[0] <= d.start < clause[1]]
    when = own[0].span if own else (dates[0].span if dates else state.anchor)
    if when is None or (not state.narrative and not dates):
        return None
    return Event(
        kind=_kind(trigger, text[clause[0] : clause[1]]) or EventKind.RESIDENCE,
        place=source.place,
        place_text=source.text,
        when=when,
        date_inferred=not own,
        place_inferred=True,
        evidence=Evidence(sentence.text, section, sentence.start, sentence.end),
        confidence=0.7,
        subject=subject.name,
        place_start=sentence.start + there.start(),
    )


def _in_others_relative_clause(text: str, position: int, subject: Subject) -> bool:
    """ "Fidel Castro, who had been released from prison in Cuba": Cuba is Castro's."""
    for match in RELATIVE_CLAUSE.finditer(text):
        if match.start() <= position < match.end():
            before = re.findall(r"[\w'’]+", text[: match.start()])
            return not (before and _is_subject(before[-1], subject))
    return False


def _drop_qualifiers(
    mentions: list[PlaceMention], text: str, gazetteer: Gazetteer
) -> list[PlaceMention]:
    """Keep the finest of adjacent places that qualify each other: "Halifax, Nova Scotia"."""
    kept: list[PlaceMention] = []
    for mention in mentions:
        if kept and CONNECTORS.match(text[kept[-1].end : mention.start]):
            a, b = kept[-1].place, mention.place
            at = text[kept[-1].end : mention.start].strip(" ,").startswith("at")
            if a.id == b.id:
                continue
            if not at and (gazetteer.contains(b, a) or _FINER[b.type.value] > _FINER[a.type.value]):
                continue
            if _names_a_state(text, kept[-1], mention):
                continue
            if gazetteer.contains(a, b) or _FINER[a.type.value] > _FINER[b.type.value]:
                kept[-1] = mention
                continue
        kept.append(mention)
    return kept


def _names_a_state(text: str, town: PlaceMention, after: PlaceMention) -> bool:
    """ "Rochester, New York, where ...": a same-country place after a comma that does not go on
    as a list ("Dublin, Cork and Belfast") names the town's state or province."""
    return (
        text[town.end : after.start].strip() == ","
        and town.place.country == after.place.country
        and not LIST_GOES_ON.match(text, after.end)
        and not LIST_BEFORE.search(text, 0, town.start)
    )


def _drop_coarse(made: list[tuple[Event, int]]) -> list[Event]:
    """A country or region reached by the same verb as a finer place in it, or passed through
    on the way, adds nothing to the map: "returned to Russia in February 1905 via Kiev" keeps
    Kiev; "visiting Switzerland, and then Paris" keeps both."""
    coarse = {"country", "region"}
    return [
        event
        for event, trigger in made
        if event.place.type.value not in coarse
        or not any(
            verb == trigger
            and other.place.type.value not in coarse
            and (
                other.role == "via"
                or (other.role == event.role and other.place.country == event.place.country)
            )
            for other, verb in made
        )
    ]


def _governing_trigger(
    tokens: list[_Token], position: int, mention_spans: list[tuple[int, int]]
) -> _Token | None:
    best = None
    for token in tokens:
        if token.start >= position:
            break
        if any(a <= token.start < b for a, b in mention_spans):
            continue
        if token.text in _TRIGGER_KIND or (token.start == 0 and token.lower in _TRIGGER_KIND):
            best = token
    return best


def _kind(trigger: _Token | None, around: str) -> EventKind | None:
    """The kind a cue near the place names ("under house arrest"), else the trigger's."""
    lowered = around.lower()
    for cue, kind in _KIND_CUES.items():
        if cue in lowered:
            return kind
    return _TRIGGER_KIND.get(trigger.lower) if trigger is not None else None


def _negated(tokens: list[_Token], trigger: _Token) -> bool:
    index = tokens.index(trigger)
    return any(t.lower in NEGATIONS for t in tokens[max(0, index - 2) : index])


def _segment_start(text: str, clause_start: int, position: int) -> int:
    comma = text.rfind(",", clause_start, position)
    return clause_start if comma < 0 else comma + 1


def _mention_event(
    sentence: Sentence,
    section: str,
    mention: PlaceMention,
    text: str,
    tokens: list[_Token],
    main: int,
    actor: str | None,
    subject: Subject,
    clause_dates: list[DateMention],
    dates: list[DateMention],
    state: _Narrative,
    clause: tuple[int, int],
) -> tuple[Event, int] | None:
    spans = [(mention.start, mention.end)]
    segment = _segment_start(text, clause[0], mention.start)
    preceding = text[max(clause[0], mention.start - 16) : mention.start].lower()
    name_of = NAMED_AFTER.match(text, mention.end)
    if (
        NOT_A_STAY.search(preceding)
        or re.match(r"\s*(?:a|an)\s", text[segment : mention.start])
        or re.match(r"['’]s\b", text[mention.end :])
        or (name_of is not None and name_of.group(1) not in GATHERINGS)
    ):
        return None  # "the Paris Commune", "Moscow Trials": a name, not a stay
    trigger = _governing_trigger(tokens, mention.start, spans)
    if trigger is not None and trigger.text in _WEAK_TRIGGERS:
        earlier = _governing_trigger(tokens, trigger.start, spans)
        if earlier is not None and earlier.start >= segment:
            trigger = earlier  # "died ... at his home in X": the death, not the home
    if mention.start < main:
        own = trigger is not None and trigger.start >= segment
        if not own and not re.search(r"\b(?:in|at|from|near|to)\s+(?:the\s+)?$", preceding):
            return None
        after = [t for t in tokens if t.start >= main and t.text in _TRIGGER_KIND]
        trigger = trigger if own else (after[0] if after else trigger)
    scope_start = _segment_start(text, clause[0], trigger.start if trigger else mention.start)
    scope = text[scope_start : mention.start].lower()
    if any(phrase in scope for phrase in IRREALIS):
        return None
    if trigger is not None and (
        _negated(tokens, trigger) or OTHERS_DEED.search(text[scope_start : trigger.start])
    ):
        return None  # "after Leon Czolgosz shot McKinley in Buffalo": someone else's act
    refs = [
        t
        for t in tokens
        if main <= t.start < mention.start
        and (t.lower == "them" or (_is_subject(t.text, subject) and not _is_possessive(t.text)))
    ]
    moved = actor == "subject" or (actor == "other" and trigger is not None and bool(refs))
    if not moved:
        return None
    sender = next(
        (t for t in tokens if segment <= t.start < mention.start and t.text in _SENDING), None
    )
    if (
        sender is not None
        and not PASSIVE.search(text[: sender.start])
        and not any(sender.start < t.start < mention.start for t in refs)
    ):
        return None  # "he sent the Allied leaders ... a petition": a letter went, not he
    if NEVER_WENT.match(text, mention.end) or TITLE_BEFORE.search(text[: mention.start]):
        return None  # "... without his ever going there"; "The Civil War in France"
    near = max(clause[0], (trigger.start if trigger is not None else segment) - 40)
    kind = _kind(trigger, text[near : min(clause[1], mention.end + 40)])
    confidence = 0.9
    if kind is None:
        if not re.search(r"\b(?:in|at|on|near)\s+(?:the\s+)?$", preceding):
            return None
        if BACKGROUND.search(text[max(segment, main) : mention.start]) or REPORTING.search(
            text[main : mention.start]
        ):
            return None
        if re.match(r"\s*Later\b", text):
            return None
        kind, confidence = EventKind.RESIDENCE, 0.7
    role = (
        "from"
        if re.search(r"\bfrom\s+(?:the\s+)?$", preceding)
        or (
            trigger is not None
            and trigger.lower in {"left", "flee", "fled", "leaving", "escaping"}
            and 0 <= mention.start - trigger.end <= 2
        )
        else "via"
        if re.search(r"\b(?:via|through|by way of)\s+(?:the\s+)?$", preceding)
        else "at"
    )
    if (
        role == "from"
        and mention.place.type.value in {"country", "region"}
        and kind is not EventKind.ESCAPE
    ):
        return None
    when, inferred = _pick_date(mention, text, clause_dates, dates, main, state)
    if when is None or (inferred and PAST_PERFECT.search(text[clause[0] : clause[1]])):
        return None
    event = Event(
        kind=kind,
        place=mention.place,
        place_text=mention.text,
        when=when,
        date_inferred=inferred,
        place_inferred=False,
        evidence=Evidence(sentence.text, section, sentence.start, sentence.end),
        confidence=confidence - 0.1 if inferred else confidence,
        subject=subject.name,
        role=role,
        place_start=sentence.start + mention.start,
    )
    return event, trigger.start if trigger is not None else -1


def _where_event(
    event: Event, mention: PlaceMention, text: str, subject: Subject, dates: list[DateMention]
) -> Event | None:
    """ "moved to Warsaw, where she was arrested in March 1906": a second event at the place."""
    where = WHERE.match(text, mention.end)
    if where is None or not (_is_subject(where.group(1), subject) or where.group(1) == "they"):
        return None
    words = re.findall(r"[a-z]+", where.group(2))
    kinds = [_TRIGGER_KIND[w] for w in words if w in _TRIGGER_KIND]
    kinds = [k for k in kinds if k in _WHERE_KINDS and k is not event.kind]
    if not kinds or any(w in NEGATIONS for w in words):
        return None
    own = [d for d in dates if where.start() <= d.start < where.end()]
    when = own[0].span if own else event.when
    return replace(event, kind=kinds[0], when=when, date_inferred=not own and event.date_inferred)


def _pick_date(
    mention: PlaceMention,
    mention_text: str,
    clause_dates: list[DateMention],
    dates: list[DateMention],
    main: int,
    state: _Narrative,
) -> tuple[DateSpan | None, bool]:
    """The clause's date nearest the place; else the sentence's; else the narrative's."""
    pool = [d for d in clause_dates if not (d.start > mention.end and DURATION.match(d.text))]
    if mention.start < main:
        main_dates = [d for d in pool if d.start >= main]
        pool = main_dates or clause_dates
    attached = [
        d
        for d in pool
        if d.start >= mention.end and ATTACHED_DATE.fullmatch(mention_text[mention.end : d.start])
    ]
    if attached:
        return attached[0].span, False  # "landed at Bombay on 9 January 1915"
    if pool:
        before = [d for d in pool if d.end <= mention.start]
        after = [d for d in pool if d.start >= mention.end]
        if before and after and _verb_between(mention_text, before[-1].end, mention.start):
            before = []  # "jailed in January 1908 and served ... at Volksrust the next year"
        nearest = before[-1] if before else after[0] if after else pool[-1]
        # "In 1886 and 1887 he toured England": the stay starts with the first of the two.
        while before and before.index(nearest) > 0:
            previous = before[before.index(nearest) - 1]
            if not re.fullmatch(r"\s*(?:and|,|or)\s*", mention_text[previous.end : nearest.start]):
                break
            nearest = previous
        return nearest.span, False
    earlier = [d for d in dates if d.end <= mention.start]
    if earlier:
        return earlier[-1].span, True  # from the sentence's earlier clause
    return (state.anchor if state.narrative else None), True


def _verb_between(text: str, start: int, end: int) -> bool:
    """A second verb stands between a date and a place ("in January 1908 and served ... at"):
    the date belongs to the first."""
    return SECOND_VERB.search(text, start, end) is not None


def _placeless_events(
    sentence: Sentence,
    section: str,
    text: str,
    tokens: list[_Token],
    clause_dates: list[DateMention],
    dates: list[DateMention],
    state: _Narrative,
    subject: Subject,
) -> list[Event]:
    """Events the subject undergoes where the narrative already is: "he was arrested"."""
    made: list[Event] = []
    clause_text = " ".join(t.lower for t in tokens)
    if ELSEWHERE.search(clause_text) or any(p in clause_text for p in IRREALIS):
        return made  # "Back in the capital, he was arrested": somewhere the text does not name
    for index, token in enumerate(tokens):
        kind = _TRIGGER_KIND.get(token.text)
        if kind is None or (kind not in _PLACELESS_KINDS and token.text not in _PLACELESS_TRIGGERS):
            continue
        if token.text in _PLACELESS_TRIGGERS:
            kind = EventKind.CONFERENCE
            source = state.paragraph_place
            place, place_text = (source.place, source.text) if source else (None, "")
        else:
            last = state.last_event
            place, place_text = (last.place, last.place_text) if last else (None, "")
        previous = tokens[index - 1].text if index else ""
        if (
            place is None
            or _negated(tokens, token)
            or (
                _is_possessive(previous)
                and not (previous.lower() in subject.pronouns or _is_subject(previous, subject))
            )
        ):
            continue
        if any(e.kind is kind for e in made):
            continue
        if clause_dates:
            when = min(
                clause_dates,
                key=lambda d: (_FINENESS[d.span.precision], abs(d.start - token.start)),
            ).span
        else:
            when = dates[0].span if dates else (state.anchor if state.narrative else None)
        if when is None:
            continue
        made.append(
            Event(
                kind=kind,
                place=place,
                place_text=place_text,
                when=when,
                date_inferred=not clause_dates,
                place_inferred=True,
                evidence=Evidence(sentence.text, section, sentence.start, sentence.end),
                confidence=0.6,
                subject=subject.name,
                place_start=sentence.start + token.start,
            )
        )
    return made


_INFOBOX_KINDS = (
    (re.compile(r"birth|born", re.I), EventKind.BIRTH),
    (re.compile(r"death|died", re.I), EventKind.DEATH),
    (re.compile(r"resting|burial|buried|grave", re.I), EventKind.BURIAL),
)


def _infobox_event(
    sentence: Sentence, found: list[PlaceMention], gazetteer: Gazetteer, dates: list[DateMention]
) -> Event | None:
    kind = next((k for pattern, k in _INFOBOX_KINDS if pattern.search(sentence.infobox_key)), None)
    if kind is None or "manner" in sentence.infobox_key.lower():
        return None
    mention = _first_listed_place(sentence.text, gazetteer) or next(
        iter(_drop_qualifiers(found, sentence.text, gazetteer)), None
    )
    if mention is None:
        return None
    when = dates[0].span if dates else DateSpan(dt.date.min, dt.date.min, Precision.YEAR, "")
    return Event(
        kind=kind,
        place=mention.place,
        place_text=mention.text,
        when=when,
        date_inferred=not dates,
        place_inferred=False,
        evidence=Evidence(
            f"{sentence.infobox_key}: {sentence.text}", INFOBOX, sentence.start, sentence.end
        ),
        confidence=0.95,
        place_start=sentence.start + mention.start,
    )


def _first_listed_place(value: str, gazetteer: Gazetteer) -> PlaceMention | None:
    """The first item of "Zamość, Congress Poland, Russian Empire" that names a known place."""
    offset = 0
    for item in value.split(","):
        name = re.sub(r"\s*\(.*?\)\s*", " ", item).strip()
        candidates = gazetteer.resolve(name) if name else ()
        if candidates:
            start = value.find(name, offset)
            return PlaceMention(name, start, start + len(name), candidates)
        offset += len(item) + 1
    return None


def _drop_covered_lead(events: list[Event], gazetteer: Gazetteer) -> list[Event]:
    """The introduction summarises the body: keep its events only where the body is silent."""
    body = [e for e in events if e.evidence.section != INTRODUCTION]

    def covered(event: Event) -> bool:
        return any(
            other.place.id == event.place.id
            or gazetteer.contains(event.place, other.place)
            or gazetteer.contains(other.place, event.place)
            for other in body
        )

    return [
        e
        for e in events
        if e.evidence.section != INTRODUCTION
        or not covered(e)
        or e.kind in (*SINGLETON_KINDS, EventKind.BURIAL)
    ]


def _merge_singletons(events: list[Event], infobox: dict[EventKind, Event]) -> list[Event]:
    """One birth and one death (best date from the text, place from the infobox), and the
    burials: a reburial is a stop of its own, the infobox's resting place the last one."""
    merged: dict[EventKind, Event] = {}
    for kind in SINGLETON_KINDS:
        candidates = [e for e in events if e.kind is kind]
        info = infobox.get(kind)
        dated = [e for e in candidates if e.when.start != dt.date.min]
        if info is not None and not info.date_inferred:
            dated.append(info)
        if not dated:
            continue
        rank = {Precision.DAY: 0, Precision.MONTH: 1, Precision.SEASON: 2, Precision.YEAR: 3}
        if kind is EventKind.BIRTH:
            best = min(dated, key=lambda e: (e.date_inferred, e.when.start, e.place_inferred))
        else:
            best = min(
                dated,
                key=lambda e: (
                    e.date_inferred,
                    -e.when.start.year,
                    rank[e.when.precision],
                    e.place_inferred,
                ),
            )
        placed = [e for e in candidates if not e.place_inferred]
        finest = min(placed, key=lambda e: _FINER[e.place.type.value], default=None)
        if info is not None and (
            finest is None or _FINER[info.place.type.value] <= _FINER[finest.place.type.value]
        ):
            best = replace(best, place=info.place, place_text=info.place_text, place_inferred=False)
        elif finest is not None and (best.place_inferred or finest.place is not best.place):
            best = replace(
                best, place=finest.place, place_text=finest.place_text, place_inferred=False
            )
        merged[kind] = best
    singles = {*SINGLETON_KINDS, EventKind.BURIAL}
    rest = [e for e in events if e.kind not in singles]
    burials = _burials(events, infobox.get(EventKind.BURIAL), merged.get(EventKind.DEATH))
    return sorted(
        rest + list(merged.values()) + burials, key=lambda e: (e.evidence.start, e.place_start)
    )


def _burials(events: list[Event], info: Event | None, death: Event | None) -> list[Event]:
    """Burials dated no earlier than the death; the infobox's resting place comes last."""
    burials = []
    for event in (e for e in events if e.kind is EventKind.BURIAL):
        if death is not None and (event.date_inferred or event.when.start < death.when.start):
            event = replace(event, when=death.when, date_inferred=True)
        burials.append(event)
    if info is not None and all(b.place.id != info.place.id for b in burials):
        last = max((b for b in burials), key=lambda b: b.when.start, default=death)
        if last is not None:
            burials.append(replace(info, when=last.when, date_inferred=True))
    return burials


def subject_events(events: Iterable[Event], *, threshold: float = 0.5) -> list[Event]:
    """Events confident enough to show."""
    return [e for e in events if e.confidence >= threshold]
