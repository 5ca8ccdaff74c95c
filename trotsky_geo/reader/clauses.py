"""Tree rules: which verb a place phrase belongs to, who that verb's subject is, and whether
the clause states something that happened."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from trotsky_geo.events import EventKind
from trotsky_geo.lexicon import (
    ATTENDING,
    BACK_TO_PLACE,
    BODY,
    CONQUERING,
    ELSEWHERE_NOUNS,
    EXPELLING,
    HANDLING,
    IRREALIS,
    KIND_OF,
    LEADING,
    LEAVING,
    MODALS,
    MOVES,
    NOUN_KIND_OF,
    OFFERING,
    OWN_DOINGS,
    PLACE_NOUNS,
    PLACE_OBJECT_VERBS,
    REPORTING,
    RISINGS,
    SPENDING,
    VEHICLES,
)
from trotsky_geo.subject import Subject

_VERBS = frozenset({"VERB", "AUX"})
_NOUNS = frozenset({"NOUN", "PROPN"})
#: Prepositions a journey is made on a vessel by.
_ABOARD = frozenset({"on", "aboard"})
#: Verbs of a wound, joined to "shot": not an execution.
_HURT = frozenset({"wound", "injure", "hurt", "survive"})
#: Adverbs by which a wish or a request came true.
_FULFILLED = frozenset({"successfully", "finally", "eventually"})
_CLIMB = 12  # no real attachment path is longer; a bound keeps odd trees finite
#: Dependents that carry a clause up to the verb that has the subject.
_SHARES_SUBJECT = frozenset({"conj", "xcomp", "advcl", "pcomp", "acomp"})
#: Prepositions by which a known place locates an unknown one ("Gilmore Place in Edinburgh").
_QUALIFYING = frozenset({"in", "near", "at", "outside"})
#: Verbs that give a place its name: "a house called X", "a village known as X".
_NAMING = frozenset({"call", "name", "know", "dub"})
#: Prepositions by which a place belongs to the noun of a stay: "a tour of", "a trip to".
_PLACING = frozenset({"of", "in", "at", "to", "into", "near", "from", "for", "on", "through"})
#: Prepositions that join two places as ends or stages of one journey.
_JOURNEY = frozenset({"from", "to", "via", "through", "for"})
#: Prepositions of the way a journey takes: "by train across the state line to Wilmington".
_WAY = frozenset({"across", "through", "over", "along", "past", "via", "by"})
#: Prepositions of a journey's end or start, which a way between it and its verb keeps.
_ENDS = frozenset({"to", "into", "from"})
#: Prepositions that only introduce examples: the place keeps the preposition before them.
_TRANSPARENT = frozenset({"including", "like", "especially"})
_UNREAL_MARKS = frozenset({"if", "unless", "whether"})
#: Nouns of a chance the holder takes: "used the trip as an opportunity to examine".
_CHANCES = frozenset({"opportunity", "chance", "occasion"})
#: Nouns of a journey whose time a clause about something else can fall in.
_VISITS = frozenset({"visit", "stay", "trip", "tour", "journey"})


@dataclass(frozen=True)
class Attachment:
    """A place phrase read from the tree: the verb it belongs to, the preposition joining them
    ("" for a direct object), and the nouns passed on the way ("the village of", "a camp in")."""

    verb: Token
    preposition: str
    nouns: tuple[Token, ...]
    own: str = ""  # the place's own preposition ("from" in "in exile from Germany"), or "back"


def attach(token: Token, places: set[int]) -> Attachment | None:
    """Climb from a place's head word to its verb; None when the place modifies something
    else (a name, another place it lies in, a noun that is not a stay)."""
    node = token
    while node.dep_ in {"conj", "appos"} and node.head.i != node.i and node.head.i in places:
        node = node.head  # "in London, Glasgow, and Edinburgh": all three hang from "in"
    preposition, nouns = "", []
    own = node.head.lower_ if node.dep_ == "pobj" else ""
    for _ in range(_CLIMB):
        head, dep = node.head, node.dep_
        if head.i == node.i:
            return None
        if dep == "pobj" or (dep == "pcomp" and node.pos_ in _NOUNS):
            if head.dep_ == "agent":
                node = head  # "intercepted by the Royal Navy at Halifax": at, not by
                continue
            if head.lower_ == "of" and head.head.lower_ == "out":
                preposition, node = "from", head.head  # "slipped out of Paris"
                continue
            if head.lower_ not in _TRANSPARENT and not (
                preposition in _ENDS and head.lower_ in _WAY
            ):  # "across the state line to Wilmington": still "to"
                preposition = head.lower_
            node = head
            continue
        if node.pos_ == "ADP" or dep in {"prep", "agent", "dative"}:
            if node.lower_ in _QUALIFYING and _bystander(head, places):
                head = head.head.head  # "the struggle against the Kuomintang in Guangxi"
            if head.pos_ in _VERBS and _describes(head):
                node = head  # "a hospital established in a monastery in Sviyazhsk"
                continue
            if head.pos_ in _VERBS and head.dep_ == "pobj":
                node = head  # "the garden of the Villa Wahnfried in": a name read as a verb
                continue
            if head.pos_ in _VERBS:
                return Attachment(head, preposition or node.lower_, tuple(nouns), own)
            if head.i in places and node.lower_ in _JOURNEY:
                node = head  # "to Mexico City from Tampico": both ends of one journey
                continue
            if head.i in places or (
                head.lower_ in RISINGS
                and any(c.dep_ == "compound" and c.i in places for c in head.children)
            ):  # "Brussels in Belgium", "the Baise Uprising in Guangxi": where the town is
                return None
            if (
                node.lower_ in _WAY | _ENDS
                and head.pos_ == "NOUN"
                and head.dep_ == "pobj"
                and head.head.lower_ in _WAY
            ):
                node = head  # "across the state line to Wilmington": the line is the way
                continue
            if any(c.dep_ == "advmod" and c.lower_ in _STILL for c in node.children):
                return None  # "with her husband still in Massachusetts": where he was
            if head.pos_ in _NOUNS and len(nouns) < 3 and _passes(head, node.lower_):
                nouns.append(head)
                node = head
                continue
            if head.pos_ == "PROPN" and node.lower_ in _QUALIFYING:
                node = head  # "at Possendorf, near Dresden": a place no list has, near one
                continue
            if head.pos_ in {"ADV", "ADJ", "ADP", "NUM"}:
                node = head  # "back in Paris", "abroad in", "from within", "one of his trips"
                continue
            return None
        if node.pos_ == "ADJ" and dep == "amod" and head.pos_ == "NOUN" and nouns:
            node, nouns = head, []  # "the resources available for study in": they are there
            continue
        if node.pos_ in {"ADV", "ADJ"} and dep in {"advmod", "acomp", "npadvmod"}:
            if head.pos_ in _VERBS:  # "Back in Moscow, Trotsky argued": back, whatever he did
                back = "back" if node.lower_ == "back" else own
                return Attachment(head, preposition, tuple(nouns), back)
            return None
        if (
            dep in {"oprd", "attr", "dobj"}
            and head.lemma_.lower() in _NAMING
            and (head.dep_ == "acl" and head.head.pos_ in _NOUNS)
        ):
            node = head.head  # "into a house called the Yanaros mansion": the house
            if stay_noun(node):
                nouns.append(node)
            continue
        if dep in {"dobj", "attr", "oprd", "nsubjpass"} and head.pos_ in _VERBS:
            if dep == "nsubjpass" and not nouns:
                return None
            lemma = head.lemma_.lower()
            if own and own not in _PLACING:
                return None  # "negotiations with the United Kingdom": not where he was
            if lemma in PLACE_OBJECT_VERBS or any(n.lemma_.lower() in KIND_OF for n in nouns):
                return Attachment(head, "", tuple(nouns), own)  # "reached the city of Split"
            if lemma in SPENDING and dep == "dobj" and nouns:
                return Attachment(head, preposition, tuple(nouns), own)  # "spent a year in"
            if lemma in HANDLING and dep == "dobj" and own in _QUALIFYING:
                return Attachment(head, own, tuple(nouns), own)  # "examine the archives in"
            if lemma in LEADING and dep == "dobj" and _rising(nouns):
                return Attachment(head, "", tuple(nouns), own)  # "led the Baise Uprising"
            if lemma in CONQUERING and dep == "dobj":
                return Attachment(head, "", tuple(nouns), own)  # "captured the city of"
            return None
        if node.pos_ in _VERBS and dep == "acl":
            if head.i in places or not (head.pos_ in _NOUNS and stay_noun(head)):
                return None
            nouns.append(head)
            node = head
            continue
        if dep == "appos" and nouns and nouns[-1].i == node.i and head.pos_ in _NOUNS:
            node = head  # "the abolitionist National Convention in Rochester": the same thing
            continue
        if dep == "conj" and head.pos_ in _VERBS and node.pos_ == "PROPN":
            # "visiting Switzerland, and then Paris and Berlin", Paris read as a second verb
            earlier = [i for i in places if head.left_edge.i <= i < node.i]
            if not earlier:
                return None
            node = node.doc[max(earlier)]
            continue
        if (
            dep in {"conj", "appos"}
            and nouns
            and (head.ent_type_ == "PERSON" or node.lower_ == "others")
        ):
            verb = governor(head)  # "met with Brown, DeBaptiste and others at a house in Detroit"
            if verb is not None:
                kept = tuple(n for n in nouns if n.i != node.i)  # not "others" itself
                return Attachment(verb, preposition, kept, own)
        if dep in {"appos", "compound", "conj"}:
            if head.i in places or not (head.pos_ in _NOUNS and stay_noun(head)):
                return None
            nouns.append(head)
            node = head
            continue
        return None
    return None


def _bystander(noun: Token, places: set[int]) -> bool:
    """An organisation or a people named as the object of a preposition, which the small
    model gives the place phrase after it: the place says where the event was, not which
    party ("fought against the Kuomintang in Guangxi", "concerts with the Society in")."""
    return (
        noun.pos_ == "PROPN"
        and noun.ent_type_ in {"ORG", "NORP"}
        and noun.dep_ == "pobj"
        and noun.head.lower_ not in _QUALIFYING | _ENDS  # not "in the State Penitentiary at"
        and noun.i not in places
        and noun.head.head.i != noun.head.i
    )


def during_a_visit(verb: Token, preposition: str) -> Token | None:
    """The visit a clause about someone or something else happens during, at a place it
    names: "During the visit strict security was imposed in Washington" (not "During the
    visit Nixon flew to Moscow", which another person did)."""
    if preposition not in {"in", "at"}:
        return None
    doer = clause_subject(verb)
    if doer is not None and (doer.ent_type_ == "PERSON" or doer.pos_ in {"PRON", "PROPN"}):
        return None
    return next(
        (
            noun
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "during"
            for noun in c.children
            if noun.dep_ == "pobj" and noun.lemma_.lower() in _VISITS
        ),
        None,
    )


def _infinitive(verb: Token) -> bool:
    """A "to" clause: "sent him to serve ... in Baltimore" (the small model's advcl)."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _describes(verb: Token) -> bool:
    """A participle that only describes a stay's noun ("a hospital established in"), not
    the one who acts in a passive ("supported by a delegate sent from Moscow": the delegate's)."""
    noun = verb.head
    by_agent = noun.dep_ == "pobj" and noun.head.dep_ == "agent"
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and stay_noun(noun) and not by_agent


#: Adverbs that make a place phrase say where another still or already was.
_STILL = frozenset({"still", "already", "meanwhile"})


def _passes(noun: Token, preposition: str) -> bool:
    """A place phrase may hang from this noun and still say where the subject was: any
    thing or event "in"/"at" the place ("a lecture in Pendleton", "Webb's house in Detroit"),
    but only a stay, a place or a vehicle "of"/"to" it ("the town of", "a train to")."""
    if stay_noun(noun):
        return True
    lemma = noun.lemma_.lower()
    if preposition in _QUALIFYING | {"on"}:
        return noun.pos_ == "NOUN" and lemma not in ELSEWHERE_NOUNS
    if preposition in {"to", "for"} and noun.dep_ == "pobj" and noun.head.lower_ in _ABOARD:
        return True  # "set sail on the Cambria for Liverpool": the ship's destination
    return preposition in {"to", "for", "from"} and lemma in VEHICLES


def stay_noun(token: Token) -> bool:
    """A noun a place phrase may hang from and still be where one stayed or went."""
    lemma = token.lemma_.lower()
    return (
        lemma in PLACE_NOUNS
        or lemma in KIND_OF
        or token.lower_ in PLACE_NOUNS
        or (token.lower_ in RISINGS and _rising((token,)))
    )


def _rising(nouns: Sequence[Token]) -> bool:
    """A rising named after a town, the town its compound: "the Baise Uprising"."""
    return bool(nouns) and nouns[-1].lower_ in RISINGS and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in nouns[-1].children
    )


def clause_subject(verb: Token) -> Token | None:
    """The subject of a verb, or of the clause it shares its subject with ("and moved to",
    "After moving to Paris, he", "decided to go"); for "sent him to serve", the object."""
    node = verb
    for _ in range(_CLIMB):
        if node.dep_ == "xcomp" or (node.dep_ == "advcl" and _infinitive(node)):
            mover = _person_object(node.head)
            if mover is not None:
                return mover
        # The small model sometimes hangs the subject on the auxiliary: "he was exiled".
        auxiliaries = [c for c in node.children if c.dep_ in {"aux", "auxpass"}]
        subjects = [
            child
            for child in [*node.children, *(g for a in auxiliaries for g in a.children)]
            if child.dep_ in {"nsubj", "nsubjpass", "expl"}
        ]
        # "Now a prisoner of war, Broz was transported": two subjects, the name is the one.
        subjects.sort(key=lambda child: child.pos_ not in {"PROPN", "PRON"})
        for child in subjects[:1]:
            if child.lower_ in {"who", "that", "which"} and node.dep_ == "relcl":
                return node.head
            return child if child.dep_ != "expl" else None
        infinitive = node.dep_ == "relcl" and _infinitive(node)
        if node.dep_ == "acl" and _infinitive(node) and node.head.lemma_.lower() in _CHANCES:
            holder = node.head.head.head if node.head.dep_ == "pobj" else node.head.head
            if holder.pos_ in _VERBS:  # "used the trip as an opportunity to examine": he
                node = holder
                continue
        if (node.dep_ == "acl" or infinitive) and node.head.pos_ in _NOUNS | {"PRON"}:
            said = node.head  # "a man living in Paris", "the only woman to attend"
            if said.dep_ == "attr":  # "she was the only woman to attend": she
                return next((c for c in said.head.children if c.dep_ == "nsubj"), said)
            return said
        if node.dep_ == "conj" and node.pos_ == "VERB" and node.head.pos_ in _NOUNS:
            above = governor(node.head)  # "visiting Zhuhai and spending the New Year in"
            if above is not None:
                node = above
                continue
        if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.i != node.i:
            node = node.head.head  # "After arriving at Lepoglava, Broz was employed"
            continue
        if node.head.i == node.i:
            return _stray_subject(node)
        if node.dep_ not in _SHARES_SUBJECT:
            return None
        node = node.head
    return None


def _stray_subject(verb: Token) -> Token | None:
    """A name before a subjectless main verb that the small model hung on an adverb:
    "Trotsky briefly attended" read as the compound of "briefly"."""
    for token in verb.lefts:
        if token.dep_ not in {"advmod", "npadvmod"}:
            continue
        for name in token.lefts:
            if name.pos_ in {"PROPN", "PRON"} and name.dep_ in {"compound", "nmod", "npadvmod"}:
                return name
    return None


def mover(verb: Token) -> Token | None:
    """Who a verb of motion moves when it has a person as object: "exiled him to Siberia"."""
    return _person_object(verb)


def _person_object(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ != "dobj":
            continue
        if child.pos_ == "PRON" or child.ent_type_ == "PERSON":
            return child
        if body_noun(child):
            return next((g for g in child.children if g.dep_ == "poss"), None)
    return None


def body_noun(token: Token) -> bool:
    """A noun for a body after death: "body", "remains" (whose lemma the model makes "remain",
    and which it sometimes reads as a verb: "her remains were moved")."""
    if token.pos_ == "VERB":
        owned = any(c.dep_ in {"poss", "det"} for c in token.children)
        return token.lower_ == "remains" and token.dep_ in {"nsubj", "nsubjpass"} and owned
    return token.pos_ == "NOUN" and (token.lower_ in BODY or token.lemma_.lower() in BODY)


def by_agent(verb: Token) -> Token | None:
    """The agent of a passive verb: "assembled in Belgrade by Tito"."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def possessor(nouns: tuple[Token, ...]) -> Token | None:
    """Whose arrival, arrest or exile a noun on the path names: "his", "Marx's", "of Marx"
    (not whose house or convention: the owner of a place is not who went there)."""
    for noun in nouns:
        lemma = noun.lemma_.lower()
        kind = NOUN_KIND_OF.get(lemma)
        if kind is None or lemma in PLACE_NOUNS or kind is EventKind.CONFERENCE:
            continue  # "Webb's house", "the Society's convention": owned, not undergone
        for child in noun.children:
            if child.dep_ == "poss":
                return child
            if child.dep_ == "prep" and child.lower_ == "of" and kind is not EventKind.RESIDENCE:
                return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def planned(verb: Token, nouns: tuple[Token, ...]) -> bool:
    """The journey or the post is the object of a plan, an offer or a wish: "planned a
    lecture tour of the United States", "was offered a post in Tokyo" (not "made a tour of",
    "took a post in"), on the place's path or the verb's own ("planned an expedition to")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.lemma_.lower() in OFFERING and objects:
        return True  # "was offered a chair at the University of Oslo": only offered
    return verb.lemma_.lower() in IRREALIS and any(
        n.dep_ == "dobj"
        and n.head.i == verb.i
        and (
            n.lemma_.lower() in MOVES
            or NOUN_KIND_OF.get(n.lemma_.lower()) in (EventKind.TRAVEL, EventKind.RESIDENCE)
        )
        for n in (*nouns, *objects)
    )


def unknown_place(verb: Token) -> bool:
    """The verb has a place phrase of its own, "in" or "from" a name no list knows: "arrested
    in Guangxi", "deported from Ellis Island" (not "died at the Palazzo Vendramin", a
    building of the town he was in)."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in {"in", "from"}
        and any(
            g.dep_ == "pobj"
            and g.pos_ == "PROPN"
            and g.ent_type_ != "DATE"
            and not any(d.dep_ == "det" for d in g.children)
            for g in c.children
        )
        for c in verb.children
    )


def unreal(verb: Token) -> bool:
    """The clause is negated, conditional, modal, or the complement of a plan or an order."""
    node = verb
    for _ in range(_CLIMB):
        for child in node.children:
            if child.dep_ == "neg" or child.lower_ == "never":
                return True
            if child.dep_ == "aux" and child.lower_ in MODALS:
                return True
            if child.dep_ == "mark" and child.lower_ in _UNREAL_MARKS:
                return True
        if node.dep_ == "acl" and node.head.lower_ == "order" and node.head.head.lower_ == "in":
            return True  # "fled to Finland in order to make his way to the United States"
        if node.dep_ == "pcomp" and node.head.lower_ == "without":
            return True  # "a degree from Jena without his ever going there"
        if node.dep_ not in {"xcomp", "ccomp", "conj", "advcl", "pcomp"} or node.head.i == node.i:
            return False
        if node.dep_ in {"xcomp", "ccomp"} and node.head.lemma_.lower() in IRREALIS:
            # "he successfully requested to serve in Zagreb": the wish came true
            return not any(c.lower_ in _FULFILLED for c in node.head.children)
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in REPORTING:
            return True  # "he said that the students escaped to Hong Kong"
        if node.dep_ == "conj" and node.tag_ == "VB" and node.head.dep_ in {"xcomp", "ccomp"}:
            node = node.head  # "unable to stay in France or to move to Germany"
            continue
        if node.dep_ in {"conj", "advcl", "pcomp"}:
            return False
        node = node.head
    return False


def passive(verb: Token) -> bool:
    """The verb is passive: its subject underwent it ("was exiled")."""
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def governor(token: Token) -> Token | None:
    """The verb a phrase (a date, a place) hangs from, climbing through prepositions and nouns."""
    node = token
    for _ in range(_CLIMB):
        if node.pos_ in _VERBS and node.i != token.i:
            return node
        if node.head.i == node.i:
            return node if node.pos_ in _VERBS else None
        node = node.head
    return None


def ancestors(token: Token) -> list[int]:
    """Indices of the token's heads up to the root, nearest first."""
    found, node = [], token
    for _ in range(64):
        if node.head.i == node.i:
            break
        node = node.head
        found.append(node.i)
    return found


def expelled(token: Token) -> bool:
    """Leaving on an order: "was ordered to leave the country" is an expulsion."""
    return (
        token.lemma_.lower() in LEAVING
        and token.dep_ == "xcomp"
        and token.head.lemma_.lower() in EXPELLING
        and passive(token.head)
    )


def executed(token: Token) -> bool:
    """ "was shot on 15 March 1938", with no one named as the shooter, no wound and no body
    part: an execution ("was shot twice by Fanny Kaplan", "shot in the leg" are attacks)."""
    if token.lemma_.lower() != "shoot" or not passive(token):
        return False
    return not any(
        c.dep_ in {"agent", "prt", "npadvmod"}
        or (c.dep_ == "prep" and c.lower_ in {"in", "through", "by"})
        or (c.dep_ == "conj" and c.lemma_.lower() in _HURT)
        or (c.dep_ == "advmod" and c.lower_ in {"twice", "again", "repeatedly"})
        for c in token.children
    )


def pointing_back(token: Token) -> Attachment | None:
    """ "lived there", "moved to the town": a word for the place last named, on its verb."""
    if token.lower_ == "there" and token.dep_ == "advmod":
        stay = token.head
        lemma = stay.lemma_.lower()
        verb = governor(stay) if lemma in OWN_DOINGS or lemma in MOVES else None
        if stay.pos_ == "NOUN" and verb is not None:
            return Attachment(verb, "in", (stay,), "there")  # "a plaque marks his stay there"
        return Attachment(stay, "in", ())
    if (
        token.lemma_.lower() in BACK_TO_PLACE
        and token.dep_ == "pobj"
        and [c.lower_ for c in token.children] == ["the"]
        and token.head.head.pos_ in {"VERB", "AUX"}
    ):
        return Attachment(token.head.head, token.head.lower_, ())
    return None


def told_by_subject_noun(verb: Token) -> Token | None:
    """The event noun a copula's subject names, as "move" in "His final move was to X"."""
    if verb.lemma_ != "be":
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.pos_ == "NOUN" and subject.lemma_.lower() in NOUN_KIND_OF:
        return subject
    return None


def sends_other(verb: Token, subject: Subject) -> bool:
    """An active sending verb whose object is someone else: they travelled ("sent his son
    to Paris"); a thing as object ("took a passage to London") leaves the subject moving."""
    people = [
        c
        for c in verb.children
        if c.dep_ in {"dobj", "dative"}
        and (
            c.pos_ in {"PRON", "PROPN"}
            or c.ent_type_ == "PERSON"
            or any(g.dep_ == "poss" for g in c.children)
        )
    ]
    return bool(people) and not any(subject.refers(o, chain=True) for o in people)


def attended_there(reading: Attachment | None) -> Attachment | None:
    """A meeting placed by a clause of its own is where its attender was: "He attended the
    Second Congress, which opened in Brussels" (the congress opened; he attended there)."""
    if reading is None or reading.verb.dep_ not in {"relcl", "conj"}:
        return None
    clause = reading.verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head  # "which opened in Brussels and ... continued in London"
    meeting = clause.head
    if (
        clause.dep_ != "relcl"
        or meeting.dep_ != "dobj"
        or meeting.head.lemma_.lower() not in ATTENDING
    ):
        return None
    return Attachment(meeting.head, reading.preposition, (*reading.nouns, meeting), reading.own)
