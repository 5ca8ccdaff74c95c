"""Reading events: each sentence's places, attached to their verbs, with the verb's subject,
kind and date; the narrative's date for a sentence that gives none."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Span, Token

from trotsky_geo.dates import DateMention, DateSpan
from trotsky_geo.document import Document, Sentence
from trotsky_geo.events import Event, EventKind, Evidence, infobox_event, life_events
from trotsky_geo.gazetteer import Gazetteer, Place
from trotsky_geo.lexicon import (
    ALONGSIDE,
    ATTENDING,
    AVOIDING,
    DONE_THERE,
    KIND_OF,
    LEAVING,
    MOTION,
    NOUN_KIND_OF,
    PLACE_NOUNS,
    PLACE_OBJECT_VERBS,
    PLACING,
    SENDING,
)
from trotsky_geo.reader.agency import Agency
from trotsky_geo.reader.clauses import (
    Attachment,
    attach,
    attended_there,
    body_noun,
    by_agent,
    clause_subject,
    during_a_visit,
    executed,
    expelled,
    mover,
    passive,
    planned,
    pointing_back,
    possessor,
    sends_other,
    stay_noun,
    told_by_subject_noun,
    unknown_place,
    unreal,
)
from trotsky_geo.reader.kinds import FROM, TO, VIA, kind_of
from trotsky_geo.reader.narrative import (
    Narrative,
    advance,
    date_undated,
    dated_by,
    dates_of,
    opening_lifespan,
    parenthesised,
    until_next_date,
    went_back,
    within,
)
from trotsky_geo.reader.timing import TEMPORAL, SentenceDates
from trotsky_geo.subject import Subject
from trotsky_geo.toponyms import Toponym, find_toponyms

#: Kinds a "where" clause adds as an event of its own at the place it follows.
_WHERE = frozenset(
    {
        EventKind.ARREST,
        EventKind.IMPRISONMENT,
        EventKind.DEATH,
        EventKind.HOSPITAL,
        EventKind.ATTACK,
        EventKind.EDUCATION,
        EventKind.CONFERENCE,
    }
)
#: How many years a stay stays the subject's home for an unplaced arrest or death.
_HOME_YEARS = 3
#: How many days after a journey's end an unplaced death or arrest is still there.
_VISIT_DAYS = 183
#: Kinds of event that leave the subject living at the place, not passing through it.
_STAYS = frozenset(
    {
        EventKind.BIRTH,
        EventKind.RESIDENCE,
        EventKind.EXILE,
        EventKind.IMPRISONMENT,
        EventKind.EDUCATION,
    }
)
#: Conjunctions that make a clause's event a later time: "before he died".
_NOT_YET = frozenset({"before", "until", "till"})
Contains = Callable[[Place, Place], bool]
#: Marks of a clause that recalls an earlier move to date a later one.
_RECALLING = frozenset({"after", "since", "once", "because"})
#: Kinds read where the narrative is when the sentence names no place: "he was arrested".
_PLACELESS = frozenset(
    {
        EventKind.ARREST,
        EventKind.DEATH,
        EventKind.ATTACK,
        EventKind.ESCAPE,
        EventKind.DEPORTATION,
    }
)


def read_events(
    document: Document, gazetteer: Gazetteer, nlp: Language, subject: Subject
) -> list[Event]:
    """Every event of the subject that the document states, in text order, merged into a life."""
    toponyms = find_toponyms(document, gazetteer, nlp, subject)
    by_sentence: dict[int, list[Toponym]] = {}
    # by the document's sentences, which the model's own may split further ("the U.S. During")
    parsed = [(s.span.start, n) for n, s in enumerate(document.sentences) if s.span is not None]
    starts = [start for start, _ in parsed]
    for toponym in toponyms:
        index = bisect_right(starts, toponym.span.start) - 1
        by_sentence.setdefault(parsed[index][1] if index >= 0 else -1, []).append(toponym)
    state = Narrative()
    events: list[Event] = []
    infobox: dict[EventKind, Event] = {}
    section_index = -1
    waiting: list[int] | None = None
    for number, sentence in enumerate(document.sentences):
        section = document.sections[sentence.section]
        if sentence.section != section_index:
            if section_index >= 0 and document.sections[section_index].is_lead:
                state.anchor = None  # the body tells the life again from its start
            section_index = sentence.section
            # an undated section's stays before its first date wait for that date
            waiting = [] if section.span is None else None
            if section.span is not None and not within(state.anchor, section.span):
                state.anchor = section.span
        told_before = len(state.told)
        if sentence.span is None and sentence.infobox_key:
            event = infobox_event(sentence, gazetteer, dates_of(sentence.text, state))
            if event is not None:
                infobox[event.kind] = event
            continue
        if sentence.span is None:
            advance(state, sentence, section, dates_of(sentence.text, state))
            waiting = went_back(events, waiting, state.told[told_before:])
            continue
        dates = dates_of(sentence.text, state)
        reader = _SentenceReader(
            document, sentence, sentence.span, section.title, subject, state, dates
        )
        found = reader.read(by_sentence.get(number, []), gazetteer.contains)
        events.extend(found)
        state.home = next((e for e in reversed(found) if e.kind in _STAYS), state.home)
        state.visit = next((e for e in reversed(found) if _journey_end(e)), state.visit)
        if state.birth is None:
            state.birth = next(
                (e.when for e in found if e.kind is EventKind.BIRTH and not e.date_inferred), None
            )
        ahead = reader.dates.told_ahead()
        advance(state, sentence, section, [d for d in dates if d not in ahead])
        if waiting is not None:
            waiting.extend(range(len(events) - len(found), len(events)))
        waiting = went_back(events, waiting, state.told[told_before:])
        reader.agency.follow(state)
    lifespan = opening_lifespan(document)
    events = until_next_date(date_undated(dated_by(lifespan, events)), state.told)
    return life_events(
        events, infobox, gazetteer, lead=len(document.sections) > 1, lifespan=lifespan
    )


class _SentenceReader:
    """One sentence's events, read from its tree."""

    def __init__(
        self,
        document: Document,
        sentence: Sentence,
        span: Span,
        section: str,
        subject: Subject,
        state: Narrative,
        dates: list[DateMention],
    ) -> None:
        self.document, self.sentence, self.section = document, sentence, section
        self.subject, self.state = subject, state
        self.span = span
        self.agency = Agency(span, subject, chain=state.about_subject)
        self.dates = SentenceDates(span, dates, state.anchor)

    def read(self, toponyms: list[Toponym], contains: Contains) -> list[Event]:
        places = {t.root.i for t in toponyms}
        text = self.sentence.text
        # "Riga (then in the Russian Empire)", "(now in Croatia)": an aside on another place.
        toponyms = [
            t for t in toponyms if not parenthesised(text, t.mention.start - self.sentence.start)
        ]
        events: list[tuple[Event, int]] = []
        used_verbs: set[int] = set()
        # "Rochester, New York, where he had lived": the clause tells of the town, not the state
        told_of = {
            q.root.i: t.root.i
            for t in toponyms
            for q in toponyms
            if q.root.head.i == t.root.i
            and q.root.dep_ in {"appos", "conj", "npadvmod"}
            and contains(q.mention.place, t.mention.place)
        }
        for toponym in toponyms:
            if toponym.root.i in told_of:
                continue  # "Rochester, New York": the state says where the town is
            reading = attach(toponym.root, places)
            readings = [reading, attended_there(reading)]
            told = [
                named.root
                for named in toponyms
                if told_of.get(named.root.i, named.root.i) == toponym.root.i
            ]
            readings += [
                Attachment(child, "in", ())
                for noun in [*told, *self._described_as(toponym)]
                for child in noun.children
                if child.dep_ == "relcl"
                and any(g.lower_ in {"where", "there"} for g in child.children)
            ]
            main: Event | None = None
            main_verb = -1
            for reading in readings:
                if reading is None:
                    continue
                if reading.own == "near" and any(v == reading.verb.i for _, v in events):
                    continue  # "in Sviyazhsk on the Volga near Kazan": Kazan places the town
                event = self._event(toponym, reading)
                if event is None:
                    continue
                told_twice = main is not None and (
                    event.kind is main.kind or event.kind not in _WHERE
                )
                if told_twice and main.date_inferred and not event.date_inferred:
                    events.remove((main, main_verb))  # the where clause dates the stay
                    main, told_twice = None, False
                if told_twice:
                    continue  # "moved to Paris, where she lived": the same stay, told twice
                if main is None:
                    main, main_verb = event, reading.verb.i
                events.append((event, reading.verb.i))
                used_verbs.add(reading.verb.i)
        # "settled in New Bedford, Massachusetts", "a tour of China, visiting Guangzhou":
        # the towns say where in the state or country
        roots = {t.mention.start: t.root.i for t in toponyms}
        kept = [
            e
            for e, verb in events
            if e.place.type.value not in {"region", "country"}
            or not any(
                (v == verb or self._elaborates(v, verb) or self._where_of(v, roots[e.place_start]))
                and contains(e.place, f.place)
                for f, v in events
            )
        ]
        placed = {e.place_start for e in kept}
        spare = [t for t in toponyms if t.mention.start not in placed]
        verbs = {verb: e for e, verb in events if e in kept}
        found = kept + self._there(used_verbs, toponyms) + self._placeless(verbs, spare)
        # "moved to Paris, where she studied at the University of Paris": one stay told twice
        first = {(e.kind, e.place.id, e.when): e for e in reversed(found)}
        found = [e for e in found if first[(e.kind, e.place.id, e.when)] is e]
        if toponyms:
            self.state.named, self.state.named_paragraph = toponyms[-1], self.sentence.paragraph
        return found

    def _elaborates(self, verb: int, other: int) -> bool:
        """The verb is a participle telling the other's event in detail: "made a tour of
        China, visiting Guangzhou" (not "reached Siam and lived at Udon Thani")."""
        token = self.span.doc[verb]
        return token.dep_ == "advcl" and token.tag_ == "VBG" and token.head.i == other

    def _where_of(self, verb: int, place: int) -> bool:
        """The verb's clause is the place's where clause: "taken to Cuba, where they were
        reburied in Santa Clara" (the town says where in the country)."""
        token = self.span.doc[verb]
        return token.dep_ == "relcl" and token.head.i == place

    def _described_as(self, toponym: Toponym) -> list[Token]:
        """The place noun said of a toponym just after it: "La Garenne-Colombes, a suburb of
        Paris where he moved" (the small model may hang the noun elsewhere)."""
        doc, after = self.span.doc, toponym.span.end
        if after + 1 >= self.span.end or doc[after].text != ",":
            return []
        return [
            t
            for t in self.span
            if t.left_edge.i == after + 1 and t.pos_ == "NOUN" and t.lemma_.lower() in PLACE_NOUNS
        ]

    def _there(self, used: set[int], toponyms: list[Toponym]) -> list[Event]:
        """ "... moved the paper to London, and he lived there": the place last named."""
        made = []
        for token in self.span:
            reading = pointing_back(token)
            if reading is None or reading.verb.i in used:
                continue
            before = [t for t in toponyms if t.span.start < token.i]
            named = before[-1] if before else self._named_just_before()
            if named is None or (
                token.lower_ != "there"
                and named.mention.place.type.value not in {"city", "building"}
            ):
                continue
            event = self._event(named, reading)
            if event is not None:
                made.append(replace(event, place_inferred=True, confidence=event.confidence - 0.1))
        return made

    def _event(self, toponym: Toponym, reading: Attachment) -> Event | None:
        verb, preposition = reading.verb, reading.preposition
        lemma = verb.lemma_.lower()
        told = told_by_subject_noun(verb)
        if told is not None:  # "His final move was to a residence on Avenida Viena"
            reading = Attachment(verb, preposition, (*reading.nouns, told), reading.own)
        owner = possessor(reading.nouns)
        body = False
        if owner is not None and toponym.span.start <= owner.i < toponym.span.end:
            owner = None  # "by way of Miami": the place, not whose way it was
        if reading.own == "there":  # "his speech there", "marks his stay there": his
            owner = next((c for n in reading.nouns for c in n.children if c.dep_ == "poss"), None)
        if owner is not None:
            who = self.agency.refers(owner)
        else:
            undergoes = lemma in MOTION or (lemma in KIND_OF and lemma not in ALONGSIDE)
            agent = mover(verb) if undergoes and not passive(verb) else None
            if agent is None and undergoes and not passive(verb):
                # "Ludwig installed Wagner at the Villa Tribschen", the name read as no person
                agent = next(
                    (c for c in verb.children if c.dep_ == "dobj" and self.agency.refers(c)),
                    None,
                )
            if agent is not None and toponym.span.start <= agent.i < toponym.span.end:
                agent = None  # "fled Lyon", Lyon read as a person: the place, not the mover
            agent = agent if agent is not None else clause_subject(verb)
            body = agent is not None and body_noun(agent)
            who = self.agency.refers(agent)
            present = by_agent(verb) if passive(verb) and not who else None
            if present is not None and self.agency.refers(present):
                who = True  # "the government was assembled in Belgrade by Tito"
            if (
                not who
                and agent is not None
                and (self.agency.accompanied(agent) or (undergoes and self.agency.aboard(verb)))
            ):
                who = True
            if not who and self._benefits(verb, reading.nouns):
                who = True  # "Albert managed to obtain for him a position at the theatre in"
        visit = None if who else during_a_visit(verb, preposition)
        if visit is not None:
            owner = possessor((visit,))
            who = self.agency.refers(owner) if owner is not None else self.state.about_subject
            if who and not unreal(verb):
                return self._visited(toponym, verb)
        if not who or unreal(verb) or self._recalled(verb) or planned(verb, reading.nouns):
            return None
        placing = (lemma in SENDING and preposition in TO) or lemma in PLACING
        sending = placing and not passive(verb)
        if sending and (sends_other(verb, self.subject) or self._puts_another(verb)):
            return None
        named = toponym.root  # "attended Odessa University": the name says what it is
        nouns = (*reading.nouns, named) if named.lower_ in NOUN_KIND_OF else reading.nouns
        kind, confidence = kind_of(verb, lemma, preposition, nouns, reading.own)
        if kind is None:
            return None
        if body and kind in (EventKind.TRAVEL, EventKind.RESIDENCE):
            kind = EventKind.BURIAL  # "his remains were moved to Caracas": laid to rest there
        role = "at"
        if reading.own in FROM or preposition in FROM or (lemma in LEAVING and preposition == ""):
            role = "from"
        elif preposition in VIA:
            role = "via"
        place = toponym.mention.place
        if (
            role == "from"
            and place.type.value in {"country", "region"}
            and kind is not EventKind.ESCAPE
        ):
            return None
        if place.type.value == "region" and not place.country and _abstract(lemma, reading):
            return None  # "capitalism in Europe": a continent is where things are, not she
        when, inferred = self.dates.of_place(
            toponym, verb, reading.nouns, own_only=kind is EventKind.BIRTH
        )
        if when is None:
            return None
        confidence = confidence - 0.1 if inferred else confidence
        return self._stop(toponym, kind, when, inferred, confidence, role)

    def _visited(self, toponym: Toponym, verb: Token) -> Event | None:
        """A place where something happened during the subject's visit: a journey's stop."""
        when, inferred = self.dates.of_place(toponym, verb, ())
        if when is None:
            return None
        return self._stop(toponym, EventKind.TRAVEL, when, inferred, 0.6, "at")

    def _stop(
        self,
        toponym: Toponym,
        kind: EventKind,
        when: DateSpan,
        inferred: bool,
        confidence: float,
        role: str,
    ) -> Event:
        """The event at the place the sentence names, as written."""
        return Event(
            kind=kind,
            place=toponym.mention.place,
            place_text=toponym.mention.text,
            when=when,
            date_inferred=inferred,
            place_inferred=False,
            evidence=self._evidence(),
            confidence=confidence,
            subject=self.subject.name,
            role=role,
            place_start=toponym.mention.start,
        )

    def _placeless(self, placed: dict[int, Event], spare: list[Toponym]) -> list[Event]:
        """Arrests, deaths and attacks the sentence states without a place of their own: at
        the place of the verb they are joined to ("arrested and detained at Amherst"), at the
        town the sentence names ("After the uprising in Petrograd, he was arrested"), else
        where a journey ended in the months before, else where the subject last lived."""
        used = set(placed)
        made: list[Event] = []
        attended = self._attended(placed, spare)
        if attended is not None:
            made.append(attended)
        towns = [t for t in spare if t.mention.place.type.value not in {"country", "region"}]
        last, visit = self.state.home, self.state.visit
        if visit is not None and last is not None and visit.when.start <= last.when.start:
            visit = None  # he has settled since
        if not towns and last is None and visit is None and not placed:
            return made
        for token in self.span:
            kind = KIND_OF.get(token.lemma_.lower())
            ordered_out = expelled(token)
            if ordered_out:  # "Marx was ordered to leave the country on 16 May"
                kind = EventKind.DEPORTATION
            elif executed(token):  # "Bukharin was shot on 15 March 1938"
                kind = EventKind.DEATH
            if kind not in _PLACELESS or token.i in used or any(e.kind is kind for e in made):
                continue
            if kind is EventKind.DEPORTATION and (placed or spare):
                continue  # "Deported from the Soviet Union, he arrived in Turkey": told there
            if ordered_out:
                if not self.agency.refers(clause_subject(token.head)):
                    continue
            elif token.pos_ in {"VERB", "AUX"}:
                if any(c.dep_ == "mark" and c.lower_ in _NOT_YET for c in token.children):
                    continue  # "Before he died, he asked ...": a time, told elsewhere
                if unknown_place(token):
                    continue  # "arrested in Guangxi", a place no list has: not the town before
                objects = [c for c in token.children if c.dep_ == "dobj"]
                # "the ministry ... arresting him": an active arrest befalls its object
                undergoes = objects[0] if objects and not passive(token) else None
                who = self.agency.refers(
                    undergoes if undergoes is not None else clause_subject(token)
                )
                if not who or unreal(token) or self._recalled(token):
                    continue
            elif token.pos_ == "NOUN":
                if token.head.i in used:
                    continue  # "took refuge in Malta": the verb's place is the noun's
                if token.dep_ == "pobj" and token.head.lower_ in TEMPORAL:
                    continue  # "three years before his death": a time, not the death
                if token.dep_ == "dobj" and token.head.lemma_.lower() in AVOIDING:
                    continue  # "while Tito was avoiding arrest in Moscow"
                owner = possessor((token,))
                if owner is None and token.dep_ == "dobj":
                    owner = clause_subject(token.head)  # "Trotsky survived a raid"
                if owner is None or not self.agency.refers(owner):
                    continue
            else:
                continue
            when, inferred = self.dates.of_event(token)
            before = [t for t in towns if t.span.start < token.i]
            joined = [placed[t.i] for t in (*token.children, token.head) if t.i in placed]
            if joined and (token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children)):
                place, place_text = joined[0].place, joined[0].place_text
            elif before or (towns and token.pos_ != "NOUN"):  # not "reaction to his death:"
                town = (before or towns)[-1 if before else 0]
                place, place_text = town.mention.place, town.mention.text
            elif (
                visit is not None
                and kind is not EventKind.DEPORTATION  # one is expelled from where one lives
                and 0 <= (when.start - visit.when.end).days <= _VISIT_DAYS
            ):
                place, place_text = visit.place, visit.place_text
            elif last is not None and when.start.year - last.when.end.year <= _HOME_YEARS:
                place, place_text = last.place, last.place_text
            else:
                continue
            made.append(
                Event(
                    kind=kind,
                    place=place,
                    place_text=place_text,
                    when=when,
                    date_inferred=inferred,
                    place_inferred=True,
                    evidence=self._evidence(),
                    confidence=0.6,
                    subject=self.subject.name,
                    role="from" if kind is EventKind.DEPORTATION else "at",
                    place_start=self.document.offset(token),
                )
            )
        return made

    def _attended(self, placed: dict[int, Event], spare: list[Toponym]) -> Event | None:
        """ "Iskra convened the Congress in London. Trotsky attended": a meeting the sentence
        attends without naming its place is at the place the sentence before named."""
        named = self._named_just_before()
        if placed or spare or named is None:
            return None
        for token in self.span:
            if token.lemma_.lower() not in ATTENDING or token.pos_ != "VERB":
                continue
            if not self.agency.refers(clause_subject(token)) or unreal(token):
                continue
            objects = tuple(c for c in token.children if c.dep_ == "dobj")  # "school"
            event = self._event(named, Attachment(token, "at", objects))
            if event is not None:
                return replace(event, place_inferred=True, confidence=event.confidence - 0.2)
        return None

    def _named_just_before(self) -> Toponym | None:
        """The last place named, if this paragraph named it (not a page back)."""
        state = self.state
        return state.named if state.named_paragraph == self.sentence.paragraph else None

    def _recalled(self, verb: Token) -> bool:
        """A move recalled in the pluperfect, with no date of its own, to date something later
        ("The ban placed on him after he had fled Dresden was lifted in 1862") or to say who
        or what ("he married a young woman he had met in Shanghai"): not the sentence's time."""
        dated = self.dates.verbs()
        node = verb
        for _ in range(4):  # "the city where he had studied ... before going to France"
            if node.i in dated:
                return False
            if node.dep_ not in {"pcomp", "prep", "xcomp"} or node.head.i == node.i:
                break
            node = node.head
        had = any(c.dep_ == "aux" and c.lower_ == "had" for c in node.children)
        if not had:
            return False
        if verb.dep_ == "pcomp" and verb.head.lower_ in _RECALLING | _NOT_YET:
            return True  # "Before leaving Dresden, Wagner had drafted a scenario"
        return node.dep_ == "relcl" or (
            node.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ in _RECALLING for c in node.children)
        )

    def _benefits(self, verb: Token, nouns: tuple[Token, ...]) -> bool:
        """The subject is the one "for" whom a post on the place's path was obtained."""
        if not any(KIND_OF.get(n.lemma_.lower()) is EventKind.RESIDENCE for n in nouns):
            return False
        return any(
            self.agency.refers(g)
            for c in verb.children
            if c.dep_ in {"prep", "dative"} and c.lower_ == "for"
            for g in c.children
            if g.dep_ == "pobj"
        )

    def _puts_another(self, verb: Token) -> bool:
        """The subject sends or places someone named "him" or "her", who is then not himself:
        "He placed him at a school at Penza" (he would be "himself")."""
        doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return bool(self.agency.refers(doer)) and any(
            c.dep_ in {"dobj", "dative"} and c.lower_ in {"him", "her"} for c in verb.children
        )

    def _evidence(self) -> Evidence:
        s = self.sentence
        return Evidence(s.text, self.section, s.start, s.end)


def _abstract(lemma: str, reading: Attachment) -> bool:
    """A continent or a region of several states read through something that is not a stay
    ("capitalism in Europe") or by a verb that says no stay or move ("shows ... in Europe")."""
    if reading.nouns:
        return not all(stay_noun(n) for n in reading.nouns)
    return not any(lemma in verbs for verbs in (KIND_OF, MOTION, PLACE_OBJECT_VERBS, DONE_THERE))


def _journey_end(event: Event) -> bool:
    """A stated journey to a town: "journeyed to Venice for the winter"."""
    return (
        event.kind is EventKind.TRAVEL
        and event.role == "at"
        and not event.place_inferred
        and event.place.type.value not in {"country", "region"}
    )
