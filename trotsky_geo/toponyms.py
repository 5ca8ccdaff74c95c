"""Toponyms: spans of the parse that name places, matched against the gazetteer.

Curated names are found with spaCy's ``PhraseMatcher``; other proper-noun runs are looked up in
the world list. The model's entities are evidence: a span it reads as a person, organisation or
work needs a place-like position ("in Glasgow", a list after a place) to count.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from trotsky_geo.document import Document
from trotsky_geo.gazetteer import (
    INSTITUTIONS,
    Gazetteer,
    PlaceMention,
    PlaceType,
    context_keys,
    fold,
    preferring,
    qualified,
)
from trotsky_geo.lexicon import (
    BACK_TO_PLACE,
    BOARDING,
    FIRMS,
    LEADING,
    LEADS_TO_PLACE,
    MONTHS,
    MOTION,
    PLACE_NOUNS,
    PLACE_OBJECT_VERBS,
    PLACELESS_FORMS,
    POLITIES,
    RISINGS,
    VEHICLES,
    words,
)
from trotsky_geo.place import Place
from trotsky_geo.subject import Subject

_PERSON_AGAIN = 3
RECENT_PLACES = 6  # the places named just before a name, whose countries pick among its namesakes
#: Entity labels that make a name someone or something rather than somewhere.
_NOT_PLACES = frozenset({"PERSON", "ORG", "WORK_OF_ART", "NORP", "EVENT", "PRODUCT", "LAW"})
#: Prepositions after which a name is a location whatever the model thinks.
_LOCATING = frozenset(
    {"in", "at", "near", "into", "via", "through", "outside", "inside", "around", "across"}
)
#: Lower-case words inside place names: "Dar es Salaam", "Frankfurt am Main".
_PARTICLES = words("de del da do dos das di du des es la le les am an im upon sur en y")
_AFTER_THERE = words("on in at for until till from during since with by after before")
_DETERMINERS = words("the a an his her their its")
_FUNCTION = words("the a an in on at of to from and or but for by with as")
#: A name followed by these describes the institution, not the place ("Red Square").
_DESCRIPTIVE = words(
    "Red White Black Green North South East West New Old Upper Lower Great Little Central "
    "Royal Imperial Free National Union Mount Saint St"
)


@dataclass(frozen=True)
class Toponym:
    """A place name in the parse: its tokens and the gazetteer's candidates, best first."""

    span: Span
    mention: PlaceMention  # offsets in the original text

    @property
    def root(self) -> Token:
        """The span's syntactic head: where the tree reading starts."""
        return self.span.root


def find_toponyms(
    document: Document, gazetteer: Gazetteer, nlp: Language, subject: Subject
) -> list[Toponym]:
    """Every toponym of the document's parse, left to right, non-overlapping."""
    doc = document.doc
    if doc is None or not len(doc):
        return []
    people = _surnames(doc, subject)
    curated = _curated(document, gazetteer, nlp)
    countries = Counter(t.mention.place.country for t in curated)
    large = _world(doc, gazetteer, Counter(), ask=False)
    countries.update(t.mention.place.country for t in large)
    found = curated + _world(doc, gazetteer, countries)
    found.sort(key=lambda t: (t.span.start, -len(t.span)))
    kept: list[Toponym] = []
    taken: set[int] = set()
    for toponym in found:
        indices = set(range(toponym.span.start, toponym.span.end))
        curated_name = bool(gazetteer.curated(toponym.span.text))
        if indices & taken or not _is_place(toponym.span, subject, people, curated_name):
            continue
        kept.append(toponym)
        taken |= indices
    return _in_context(document, kept, gazetteer)


def worth_parsing(gazetteer: Gazetteer, nlp: Language) -> Callable[[str], bool]:
    """A cheap test, on the tokens alone, that a sentence may tell a stay: it spells a curated
    name, puts a name the world list knows after a preposition or a verb of movement ("in
    Elmira", "reached Havre"), or tells an arrest or a death. Only such sentences are worth
    the parser's time."""
    matcher = _matcher(gazetteer, nlp)
    online = gazetteer.online is not None  # the geocoder may know what the lists do not

    def test(text: str) -> bool:
        tokens = nlp.make_doc(fold(text))
        if matcher(tokens) or any(t.lower_ in PLACELESS_FORMS for t in tokens):
            return True
        if any(  # "moved to the town": the town last named; "his speech there"
            (t.lower_ in BACK_TO_PLACE and tokens[t.i - 1].lower_ == "the")
            or (t.lower_ == "there" and t.i + 1 < len(tokens) and _after_there(tokens[t.i + 1]))
            for t in tokens[1:]
        ):
            return True
        for token in tokens[1:]:
            before = tokens[token.i - 1]
            if before.is_lower and before.is_alpha and token.i > 1 and before.lower_ not in (
                LEADS_TO_PLACE
            ):
                before = tokens[token.i - 2]  # "to her native Lyon"
            if before.lower_ in _DETERMINERS and before.i > 0:
                before = tokens[before.i - 1]
            named = before.lower_ == "," and token.i > 1 and _place_noun(tokens[token.i - 2])
            if token.text[:1].isupper() and (before.lower_ in LEADS_TO_PLACE or named):
                end = token.i + 1
                while end < len(tokens) and (
                    tokens[end].text[:1].isupper() or tokens[end].lower_ in _PARTICLES
                ):
                    end += 1
                names = (tokens[token.i : stop].text for stop in range(end, token.i, -1))
                if online or any(gazetteer.world(name, alternates=True) for name in names):
                    return True
        return False

    return test


def _after_there(token: Token) -> bool:
    """ "his speech there on", "lived there.": a place, not the "there" of "there was"."""
    return token.is_punct or token.lower_ in _AFTER_THERE


def _place_noun(token: Token) -> bool:
    """A place noun as written, plural or not: "the cities, Ruijin"."""
    return token.lower_ in PLACE_NOUNS or token.lower_.removesuffix("s") in PLACE_NOUNS


def _curated(document: Document, gazetteer: Gazetteer, nlp: Language) -> list[Toponym]:
    """Spans that spell a curated name, accents or not, sentence by sentence (so that the
    work and memory stay in proportion to the text)."""
    matcher = _matcher(gazetteer, nlp)
    doc = document.doc
    found = []
    for sentence in document.sentences:
        if sentence.span is None:
            continue
        base = sentence.span.start_char
        folded = nlp.make_doc(fold(sentence.span.text))
        for _, start, end in matcher(folded):
            chars = folded[start:end]
            span = doc.char_span(base + chars.start_char, base + chars.end_char)
            candidates = gazetteer.curated(chars.text) if span is not None else ()
            if candidates:
                found.append(_toponym(span, candidates))
    return found


@lru_cache(maxsize=8)
def _matcher(gazetteer: Gazetteer, nlp: Language) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab)
    matcher.add("PLACE", list(nlp.tokenizer.pipe(gazetteer.curated_names())))
    return matcher


def _world(
    doc: Doc,
    gazetteer: Gazetteer,
    countries: Counter[str],
    *,
    ask: bool = True,
) -> list[Toponym]:
    """Proper-noun runs whose longest leading part the world list knows; a small town only
    in a country the text's other places are in. With ``ask``, a run nothing offline knows,
    in a place's position, is asked of the online geocoder if there is one."""
    found = []
    runs = _name_runs(doc)
    joined = _joined_by_of(doc, runs, gazetteer, countries)
    for run in runs:
        if run.start in joined:
            found.append(joined[run.start])
        if any(t.span.start <= run.start < t.span.end for t in joined.values()):
            continue
        for size in range(len(run), 0, -1):
            if run[size - 1].lower_ in _PARTICLES or run[size - 1].is_punct:
                continue
            span = run[:size]
            name = span.text
            if (
                len(name) < 3
                or not any(c.islower() for c in name)
                or (span[-1].pos_ != "PROPN" and span[-1].ent_type_ not in {"GPE", "LOC"})
                or (size == 1 and (name.lower() in MONTHS or name in INSTITUTIONS))
            ):
                continue
            if size == 1 and _numbered(span[0]):
                break
            candidates = gazetteer.world(name, alternates=_alternates(span), local=countries)
            if not candidates and size == len(run) and _located(span):
                # "lived in Sorrento": a small town the text's other places do not lead to,
                # where only a place can stand, and the only place of that name
                anywhere = gazetteer.world(name, alternates=False)
                candidates = anywhere if len(anywhere) == 1 else ()
            if not candidates and ask and size == len(run) and _askable(span):
                hint = countries.most_common(1)[0][0] if countries else None
                candidates = gazetteer.ask_online(name, country=hint)
            if not candidates:
                continue
            if size < len(run) and not _names_inside(span, run, candidates[0].type):
                break
            if (
                _polity(span)
                and all(c.type is PlaceType.CITY for c in candidates)
                and candidates[0].country not in countries
            ):
                break  # "the Colony of Natal" is no town of Brazil ("the province of Córdoba"
                # in an Argentine life stands for the area by its capital)
            if _determined(span):
                candidates = tuple(
                    c for c in candidates if c.type is not PlaceType.CITY or _titled(c.name)
                )
                if not candidates:
                    break  # "crossed the Andes" is no town of Colombia
            found.append(_toponym(span, candidates))
            break
    return found


def _joined_by_of(
    doc: Doc, runs: list[Span], gazetteer: Gazetteer, countries: Counter[str]
) -> dict[int, Toponym]:
    """Two runs joined by "of" that the world list knows as one name, by the first run's
    start: "the District of Columbia", "the Isle of Man"."""
    joined = {}
    for first, second in pairwise(runs):
        if second.start != first.end + 1 or doc[first.end].lower_ != "of":
            continue
        span = doc[first.start : second.end]
        candidates = gazetteer.world(span.text, alternates=False, local=countries)
        if candidates:
            joined[first.start] = _toponym(span, candidates)
    return joined


def _determined(span: Span) -> bool:
    """The name has "the" of its own ("the Andes", "the Midlands"; not "the Caracas
    government"): a range, a region or a country, not a town."""
    start = span[0].i
    article = span.doc[start - 1] if start else None
    return (
        article is not None
        and article.lower_ == "the"
        and article.dep_ == "det"
        and span.start <= article.head.i < span.end
    )


def _titled(name: str) -> bool:
    """A town whose name begins with the article: "The Hague", "The Bronx"."""
    return name.casefold().startswith("the ")


def _polity(span: Span) -> bool:
    """The name follows "the Colony of", "the Province of": it names an area, not a town."""
    start = span[0].i
    return (
        start >= 2
        and span.doc[start - 1].lower_ == "of"
        and span.doc[start - 2].lower_ in POLITIES
    )


def _name_runs(doc: Doc) -> list[Span]:
    """Maximal runs of capitalised proper-noun tokens, with particles and hyphens inside."""
    runs = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if not _name_word(token):
            i += 1
            continue
        j = i + 1
        while j < len(doc):
            nxt = doc[j]
            if _name_word(nxt) or (
                nxt.lower_ in _PARTICLES | {"-"}
                and j + 1 < len(doc)
                and _name_word(doc[j + 1])
            ):
                j += 1
                continue
            if _hyphened(doc, j):  # "Port-au-Prince", "Stratford-upon-Avon"
                j += 3
                continue
            break
        runs.append(doc[i:j])
        i = j
    return runs


def _hyphened(doc: Doc, j: int) -> bool:
    """A lower-case word glued by hyphens between two parts of a name, from ``j``: "-au-"."""
    if j + 3 >= len(doc):
        return False
    dash, word, again, name = doc[j], doc[j + 1], doc[j + 2], doc[j + 3]
    return (
        dash.text == again.text == "-"
        and word.is_lower
        and word.is_alpha
        and len(word) <= 5
        and not any(t.whitespace_ for t in (doc[j - 1], dash, word, again))
        and _name_word(name)
    )


def _name_word(token: Token) -> bool:
    return (
        (token.text[:1].isupper()
        and token.pos_ in {"PROPN", "NOUN", "ADJ", "VERB", "X"}
        and token.lower_ not in _FUNCTION
        and not token.is_sent_start)
        or (token.is_sent_start and token.pos_ == "PROPN")
    )


def _numbered(token: Token) -> bool:
    """A numbered name is an institution's, not a place's: "the 5th Congress"."""
    return any(
        c.dep_ in {"amod", "nummod"} and (c.like_num or c.text[:1].isdigit())
        for c in token.children
    )


def _names_inside(part: Span, run: Span, kind: PlaceType) -> bool:
    """A place leads a longer name only where the rest is an institution in it
    ("Trier High School", "Kazan University"), not "Paris Commune" or "Berlin Wall"."""
    rest = run[len(part) :]
    if rest[-1].lower_ in RISINGS:
        return True  # "the Baise Uprising in Guangxi": the town it broke out in
    if rest[-1].text in INSTITUTIONS:
        after = run.doc[run.end] if run.end < len(run.doc) else None
        elsewhere = after is not None and after.lower_ in {"in", "at", "near"}
        descriptive = part[0].text.rstrip(".") in _DESCRIPTIVE  # "St. Thomas Church"
        return not descriptive and not elsewhere  # "Mount Hope Cemetery in"
    return kind in (PlaceType.COUNTRY, PlaceType.REGION) and rest[0].text in INSTITUTIONS


def _toponym(span: Span, candidates: tuple) -> Toponym:
    return Toponym(span, PlaceMention(span.text, span.start_char, span.end_char, candidates))


def _locative(span: Span) -> str:
    """The preposition the span's phrase hangs from, if any ("in" for "in the Urals")."""
    root = span.root
    while root.dep_ in {"conj", "appos"} and root.head.i != root.i:
        root = root.head
    return root.head.lower_ if root.dep_ == "pobj" else ""


def _askable(span: Span) -> bool:
    """A name worth asking the online geocoder about: in a place's position, after a
    preposition of place ("and in 1932 to Kulja"), and not read as a person or a people."""
    if any(t.ent_type_ in {"PERSON", "NORP"} for t in span):
        return False
    return _located(span) or _locative(span) in _LOCATING | {"to", "from", "into"}


def _located(span: Span) -> bool:
    """The span stands where only a place can: "in X", "the town of X", "exiled to X",
    "reached X", or beside a place the model recognises ("Havre de Grace, Maryland")."""
    root = span.root
    while root.dep_ in {"conj", "appos"} and root.head.i != root.i:
        root = root.head
    if root.dep_ == "compound" and (
        root.head.text in INSTITUTIONS or root.head.lemma_.lower() in PLACE_NOUNS
    ):
        root = root.head  # "at the Leipzig University", "at Lepoglava prison"
        if root.dep_ == "pobj":
            return True  # "graduated from the Chongqing School": a school of that town
    if root.dep_ == "dobj":
        lemma = root.head.lemma_.lower()
        return lemma in PLACE_OBJECT_VERBS or (root.lower_ in RISINGS and lemma in LEADING)
    if any(
        c.dep_ in {"appos", "conj"} and c.ent_type_ in {"GPE", "LOC"} and c.i not in _indices(span)
        for c in root.children
    ):
        return True
    if root.dep_ != "pobj":
        return False
    preposition = root.head
    governor = preposition.head
    if governor.pos_ in {"ADV", "ADP"} and governor.head.i != governor.i:
        governor = governor.head  # "moved back to Omsk"
    word = preposition.lower_
    if word in _LOCATING:
        return True
    if word == "of":
        return governor.lemma_.lower() in PLACE_NOUNS
    if word == "on":
        return governor.lemma_.lower() in PLACE_NOUNS  # "his residence on Avenida Viena"
    if word in {"to", "from", "into", "toward", "towards", "for"}:  # "sailed for Durban"
        return governor.lemma_.lower() in MOTION | VEHICLES  # "by ship to Stettin"
    return False


def _indices(span: Span) -> range:
    return range(span.start, span.end)


def _alternates(span: Span) -> bool:
    """Whether the world list's alternate names may match: not for a prefix, nor for a
    building's name ("the White House" is not Casablanca, once "Dar el Beida")."""
    return _strong(span) and span[-1].lower_ not in PLACE_NOUNS


def _strong(span: Span) -> bool:
    """Alternate names ("Cologne" for Köln) except where the word is a prefix ("Stalin-era")."""
    end = span[-1]
    follows = span.doc[end.i + 1].text if end.i + 1 < len(span.doc) else ""
    return not (follows == "-" and not end.whitespace_)


def _is_place(span: Span, subject: Subject, people: set[str], curated: bool) -> bool:
    """The model's reading and the position agree enough that this names a place.

    A curated name stands unless the model reads it as a person or a people where the text
    also names such a person ("Gorky" after "Maxim Gorky") and nothing places it. A name
    only the world list knows needs the model's reading as a place, or a place's position
    ("in Rivera" is a town; "a break with Rivera" is not).
    """
    if any(subject.is_name(t) for t in span):
        return False
    before = span.doc[span[0].i - 1] if span[0].i > 0 else None
    if before is not None and before.pos_ == "PROPN" and span[0].ent_type_ == "PERSON" and (
        span[0].ent_iob_ == "I"
    ):
        return False  # the tail of a person's name: "Maxim Gorky"
    after = span.doc[span[-1].i + 1] if span[-1].i + 1 < len(span.doc) else None
    if after is not None and after.text == "-" and not span[-1].whitespace_:
        return False  # a word made of the name: "London-based"
    if not curated and (_vessel(span) or _building(span)):
        return False
    if _names_a_firm(span):
        return False
    labels = {t.ent_type_ for t in span if t.ent_type_}
    if span[0].ent_iob_ == "I" and _inside_institution(span):
        return False  # "University College London": the college, not the city
    geo = bool(labels & {"GPE", "LOC", "FAC"})
    located = _located(span) or span.root.dep_ == "conj"
    if curated:
        if labels & {"PERSON", "NORP"} and not geo:
            return located or span.text not in people
        return True
    if len(span) == 1 and span.text in people:
        # "leaving Mao out": the text names a Mao, and no place; "a trip to England and
        # Engels was a guide": being listed after a place is not enough for a known person
        return geo and _located(span)
    if span.root.pos_ == "ADJ":
        return located
    if labels & _NOT_PLACES and not geo:
        return located
    return geo or located


def _names_a_firm(span: Span) -> bool:
    """The name, alone or in a list of names, is part of a firm's: "the Philadelphia,
    Wilmington and Baltimore Railroad" names a railway, not three stops."""
    doc, index = span.doc, span.end
    while index < len(doc):
        token = doc[index]
        if token.text in FIRMS:
            return True
        if not (token.text in {",", "and", "&"} or token.text[:1].isupper()):
            return False
        index += 1
    return False


def _building(span: Span) -> bool:
    """ "the White House", "the Town Hall": a building's name after "the", not a town of that
    name (a town is not "the X House")."""
    return (
        span[0].i > 0
        and span.doc[span[0].i - 1].lower_ == "the"
        and span[-1].lower_ in PLACE_NOUNS
    )


def _vessel(span: Span) -> bool:
    """A town's name after "the" that a journey is made on or boards is a ship's:
    "set sail on the Cambria for Liverpool", "boarded the Ypiranga"."""
    if span[0].i == 0 or span.doc[span[0].i - 1].lower_ != "the":
        return False
    root = span.root
    if root.dep_ == "dobj":
        return root.head.lemma_.lower() in BOARDING
    return (
        root.dep_ == "pobj"
        and root.head.lower_ in {"on", "aboard"}
        and root.head.head.lemma_.lower() in MOTION | BOARDING
    )


def _inside_institution(span: Span) -> bool:
    """The span continues an entity whose earlier words name an institution, as a word of
    its name ("University College London"), not as its place ("University of Zurich")."""
    token = span[0]
    if token.i > 0 and span.doc[token.i - 1].lower_ == "of":
        return False
    while token.i > 0 and token.ent_iob_ == "I":
        token = span.doc[token.i - 1]
        if token.text in INSTITUTIONS:
            return True
    return False


def _surnames(doc: Doc, subject: Subject) -> set[str]:
    """Other people's names in the whole text: last words of full names ("Stalin" of "Joseph
    Stalin"), and one-word names read as a person's every time."""
    names = set()
    alone: Counter[str] = Counter()
    places = set()
    for ent in doc.ents:
        if ent.label_ in {"GPE", "LOC"}:
            places.add(ent.text)
        if ent.label_ != "PERSON" or any(subject.is_name(t) for t in ent):
            continue
        if len(ent) > 1:
            names.add(ent[-1].text)
        else:
            alone[ent.text] += 1
    # a one-word name the model reads as a person again and again, never as a place: "Mao"
    names.update(n for n, count in alone.items() if count >= _PERSON_AGAIN and n not in places)
    return names


def _in_context(
    document: Document, toponyms: list[Toponym], gazetteer: Gazetteer
) -> list[Toponym]:
    """Rank namesakes by the countries named so far, just before, and right after: "Halifax,
    Nova Scotia"."""
    # what its qualifier rules out ("Switzerland's Lake Lucerne" in Florida) sets no context
    fitting = {m.start for m in qualified(document.doc.text, [t.mention for t in toponyms])}
    toponyms = [t for t in toponyms if t.mention.start in fitting]
    seen: Counter[str] = Counter()
    before: deque[str] = deque(maxlen=RECENT_PLACES)
    ranked: list[Toponym] = []
    for toponym in toponyms:
        mention = toponym.mention
        recent = frozenset(before)
        if gazetteer.curated(mention.text):
            mention = gazetteer.ranked(mention, seen, recent)
            # the state or country of a curated city's name, for "Elmira, New York" to pick
            areas = gazetteer.world(mention.text, alternates=False)
            extra = [p for p in areas if p.type is not PlaceType.CITY]
            if extra:
                candidates = (*mention.candidates, *extra)
                mention = PlaceMention(mention.text, mention.start, mention.end, candidates)
        else:
            again = gazetteer.world(
                mention.text, alternates=_alternates(toponym.span), countries=seen, recent=recent
            )
            if again:
                mention = PlaceMention(mention.text, mention.start, mention.end, again)
        ranked.append(Toponym(toponym.span, mention))
        seen.update(context_keys(mention.place))
        if mention.place.country:
            before.append(mention.place.country)
    by_start = {t.mention.start: t for t in ranked}
    mentions = qualified(document.doc.text, [t.mention for t in ranked])
    result = []
    # a town's name keeps the sense the text first gave it ("Cork and Waterford, Ireland",
    # later "Waterford City Hall"), unless a qualifier says otherwise
    settled: dict[str, Place] = {}
    for mention in mentions:
        old = by_start[mention.start]
        first = settled.get(mention.text)
        if mention.candidates == old.mention.candidates and first in mention.candidates[1:]:
            mention = preferring(mention, [first])
        if mention.place.type is PlaceType.CITY:  # not a state that qualified a town
            settled[mention.text] = mention.place
        start = document.offset(old.span[0])
        result.append(
            Toponym(
                old.span,
                PlaceMention(mention.text, start, start + len(mention.text), mention.candidates),
            )
        )
    return result
