"""Kinds of event: what a verb, the nouns on a place's path and the phrases around them say
happened to the subject there ("exiled to", "a camp in", "two years in prison, first in")."""

from __future__ import annotations

from spacy.tokens import Token

from trotsky_geo.events import EventKind
from trotsky_geo.lexicon import (
    ATTENDING,
    CONQUERING,
    KIND_OF,
    LEADING,
    LIGHT_VERBS,
    MOTION,
    MOVES,
    NOT_PRESENCE,
    NOUN_KIND_OF,
    RISINGS,
    STRONG_NOUN_KINDS,
)
from trotsky_geo.reader.clauses import passive

#: Prepositions that put the subject at the place, whatever the verb.
AT = frozenset(
    {"in", "at", "near", "beside", "on", "inside", "within", "outside", "around", "throughout"}
)
#: Prepositions that make the place a destination or a start, with a verb of motion.
TO = frozenset({"to", "into", "for", "toward", "towards", "onto"})
FROM = frozenset({"from", "out"})
VIA = frozenset({"via", "through", "across", "by", "between"})
#: Prepositions of a phrase that says in what state the subject was at the verb's places.
_CIRCUMSTANCES = frozenset({"in", "into", "for", "under"})


def kind_of(
    verb: Token, lemma: str, preposition: str, nouns: tuple[Token, ...], own: str
) -> tuple[EventKind | None, float]:
    """The kind of the event a place phrase tells, and how sure: a strong noun on the path
    ("a camp in") over a plain verb, the verb's own kind, the circumstance around it, else a
    stay for a place the subject is "in" or "at"; None for a place that is not his stop."""
    if lemma in CONQUERING and preposition == "":
        return EventKind.TRAVEL, 0.8  # "his column captured Santa Clara": he went with it
    verb_kind = KIND_OF.get(lemma) or KIND_OF.get(verb.lower_)
    if lemma in LIGHT_VERBS:  # "set sail for", "found work in", "took up a post in"
        verb_kind = next(
            (
                KIND_OF[c.lemma_.lower()]
                for c in verb.children
                if c.dep_ == "dobj" and c.lemma_.lower() in KIND_OF
            ),
            verb_kind,
        )
    noun_kind = next(
        (NOUN_KIND_OF[n.lemma_.lower()] for n in nouns if n.lemma_.lower() in NOUN_KIND_OF),
        None,
    )
    if own in TO and lemma not in MOTION and any(_on_the_way(n) for n in nouns):
        return None, 0.0  # "on her way to Chongqing, she was arrested": not there yet
    if preposition in TO and any(
        c.dep_ == "dobj" and c.lemma_.lower() in MOVES for c in verb.children
    ):
        return EventKind.TRAVEL, 0.8  # "led an expedition to Greenland"
    if (
        preposition in TO
        and lemma not in MOTION
        and verb_kind is None
        and not any(n.lemma_.lower() in MOVES for n in nouns)
        and not (verb.dep_ == "relcl" and verb.head.lemma_.lower() in MOVES)
        and not (passive(verb) and noun_kind in STRONG_NOUN_KINDS)
    ):  # ("a visit he had made to Venice" is a move, "was admitted to a sanatorium" a stay)
        return None, 0.0  # "submitted his thesis to the University of Jena"
    if preposition not in AT | TO | FROM | VIA | {""}:
        if not (own in AT and (noun_kind is not None or verb_kind is not None)):
            return None, 0.0
        # "as head of the delegation at Brest-Litovsk", "serve with the regiment garrisoned in"
        preposition = own
    # a verb that says no more than going or staying: the nouns or the circumstance tell more
    weak = (
        verb_kind is None
        or lemma in LIGHT_VERBS
        or verb_kind in (EventKind.TRAVEL, EventKind.RESIDENCE)
    )
    if noun_kind in STRONG_NOUN_KINDS and (weak or lemma in ATTENDING):
        return noun_kind, 0.85  # "a camp in", "attended Odessa University"
    around = _circumstance(verb, nouns) if weak else None
    if around is not None:
        return around, 0.8
    if verb_kind is not None:
        return verb_kind, 0.9
    if noun_kind is not None:
        return noun_kind, 0.8
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in MOVES:
        return EventKind.TRAVEL, 0.8  # "a visit he had made to Venice"
    if lemma in LEADING and any(n.lower_ in RISINGS for n in nouns):
        return EventKind.TRAVEL, 0.8  # "led the Baise Uprising": he went to lead it
    if preposition in AT and lemma not in NOT_PRESENCE:
        return EventKind.RESIDENCE, 0.7
    if preposition in AT and own == "back":  # "Back in Moscow, Trotsky argued"
        return EventKind.TRAVEL, 0.7
    return None, 0.0


def _on_the_way(noun: Token) -> bool:
    """ "on her way to": a journey's end not yet reached (not "made his way to London")."""
    return noun.lower_ == "way" and noun.dep_ == "pobj" and noun.head.lower_ == "on"


def _circumstance(verb: Token, nouns: tuple[Token, ...]) -> EventKind | None:
    """The kind another phrase of the verb gives its places: "spent two years in prison,
    first in Nikolayev", "sent to Odessa for education", "where they were under house arrest"
    (the verb's own phrases, or those of the verb whose complement it is: "awaiting trial")."""
    verbs = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
    # "years in", "served part of a term in the prison at Zwickau" (the nouns on the way)
    heads = [*verbs, *(c for v in verbs for c in v.children if c.dep_ == "dobj"), *nouns]
    for preposition in (c for head in heads for c in head.children):
        if preposition.dep_ != "prep" or preposition.lower_ not in _CIRCUMSTANCES:
            continue
        for noun in preposition.children:
            lemma = noun.lemma_.lower()
            if noun.dep_ != "pobj" or noun.pos_ != "NOUN" or any(n.i == noun.i for n in nouns):
                continue
            if preposition.lower_ == "under" and KIND_OF.get(lemma) is EventKind.ARREST:
                return EventKind.IMPRISONMENT  # under (house) arrest: held
            kind = NOUN_KIND_OF.get(lemma)
            if kind in STRONG_NOUN_KINDS and kind is not EventKind.BURIAL:
                return kind  # (not "came for Lenin's funeral")
    return None
