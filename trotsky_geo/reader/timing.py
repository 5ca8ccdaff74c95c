"""Dates attached to the verbs of one sentence: which of its date expressions a place's verb
takes, and the narrative's date (inferred) where it takes none."""

from __future__ import annotations

from spacy.tokens import Span, Token

from trotsky_geo.dates import DateMention, DateSpan, Precision
from trotsky_geo.dates.span import interval_label
from trotsky_geo.reader.clauses import ancestors, governor
from trotsky_geo.reader.narrative import UNDATED
from trotsky_geo.toponyms import Toponym

#: Words that tell a date as the end of what went before: "until 1903".
_UNTIL = frozenset({"until", "till"})
#: Prepositions that use an event as a time: "before his death".
TEMPORAL = frozenset({"before", "after", "until", "till", "since", "following", "prior"})


class SentenceDates:
    """A sentence's date mentions with the tokens they cover, the verb each hangs from and
    the noun it qualifies; ``anchor`` is the narrative's date before the sentence."""

    def __init__(self, span: Span, mentions: list[DateMention], anchor: DateSpan | None) -> None:
        self.span, self.anchor = span, anchor
        self.mentions = [(m, self._date_tokens(m)) for m in mentions]

    def verbs(self) -> set[int]:
        """The verbs (token indices) that a date of the sentence hangs from."""
        return {gov for _, (_, gov, _) in self.mentions if gov is not None}

    def told_ahead(self) -> list[DateMention]:
        """Dates the sentence looks ahead to ("would be used against him during the Cultural
        Revolution"): a later time, not the story's, which stays where it was."""
        doc = self.span.doc
        return [
            mention
            for mention, (_, gov, _) in self.mentions
            if gov is not None and _looks_ahead(doc[gov])
        ]

    def of_place(
        self,
        toponym: Toponym,
        verb: Token,
        nouns: tuple[Token, ...] = (),
        *,
        own_only: bool = False,
    ) -> tuple[DateSpan | None, bool]:
        """The date of the place's own phrase, else of its verb, else of a verb above it,
        else the sentence's nearest (never another clause's for ``own_only``, as a birth),
        else the narrative's (inferred)."""
        if not self.mentions:
            return self.anchor or UNDATED, True
        place_tokens = set(range(toponym.span.start, toponym.span.end)) | {n.i for n in nouns}
        above = ancestors(verb)
        scored = []
        for mention, (tokens, gov, noun) in self.mentions:
            if noun is not None and noun in place_tokens:
                rank = 0
            elif noun is not None and self.span.doc[noun].pos_ == "NOUN":
                continue  # the date of something else the sentence names: "his friend for"
            elif gov is not None and gov == verb.i:
                rank = 1
            elif gov is not None and gov in above and not own_only:
                rank = 2 + above.index(gov)  # (not for a birth: "Born in Odessa, she left in")
            elif gov is not None and not own_only and self._continues(verb, gov):
                rank = 15  # "became guests at Norderhov, living there from 18 June 1935 ..."
            elif gov is not None and (own_only or tokens[0] > toponym.span.start):
                continue  # another clause's date, told after the place: "and in 1995 ..."
            else:
                rank = 20
            distance = abs(tokens[0] - toponym.span.start)
            before = tokens[0] < toponym.span.start
            scored.append((rank, mention.relative, not before, distance, mention, tokens))
        if not scored:
            return self.anchor or UNDATED, True
        best = min(scored, key=lambda s: s[:4])
        return self._until(best[4], best[5]), False

    def _until(self, mention: DateMention, tokens: list[int]) -> DateSpan:
        """A date told as an end ("stayed there until 1903", "until her death in 1961")
        closes a stay that began at the sentence's date before it, else the story's; other
        dates are as told."""
        told = mention.span
        earlier = [m.span for m, (t, _, _) in self.mentions if t[0] < tokens[0]]
        anchor = earlier[-1] if earlier else self.anchor
        if (
            not self._ends(tokens)
            or anchor is None
            or anchor is UNDATED
            or anchor.start >= told.start
        ):
            return told
        order = list(Precision)
        precision = max(anchor.precision, told.precision, key=order.index)
        return DateSpan(
            anchor.start, told.end, precision, interval_label(anchor.start, told.end, precision)
        )

    def _ends(self, tokens: list[int]) -> bool:
        """The date is "until" or "till" a time, or in the phrase they govern ("until her
        death in 1961")."""
        doc = self.span.doc
        if tokens[0] > 0 and doc[tokens[0] - 1].lower_ in _UNTIL:
            return True
        node = doc[tokens[0]]
        for _ in range(4):
            if node.head.i == node.i or node.head.pos_ in {"VERB", "AUX"}:
                return False
            node = node.head
            if node.lower_ in _UNTIL and node.dep_ == "prep":
                return True
        return False

    def _continues(self, verb: Token, index: int) -> bool:
        """The token at ``index`` heads a participle clause under ``verb`` that goes on with
        the same subject ("..., living at Knudsen's house from ...")."""
        node = self.span.doc[index]
        if node.dep_ not in {"acl", "advcl"} or any(c.dep_ == "nsubj" for c in node.children):
            return False
        for _ in range(6):
            node = node.head
            if node.i == verb.i:
                return True
            if node.dep_ in {"conj", "relcl"} or node.head.i == node.i:
                return False
        return False

    def _date_tokens(self, mention: DateMention) -> tuple[list[int], int | None, int | None]:
        """A date's token indices, the verb it hangs from, and the place noun it qualifies."""
        start = self.span.start_char + mention.start
        span = self.span.doc.char_span(start, start + len(mention.text), alignment_mode="expand")
        if span is None or not len(span):
            return [self.span.start], None, None
        root = span.root
        verb = governor(root)
        noun = None
        node = root
        for _ in range(4):
            if node.head.i == node.i or node.head.pos_ in {"VERB", "AUX"}:
                break
            node = node.head
            if node.pos_ in {"PROPN", "NOUN"}:
                if node.dep_ == "pobj" and node.head.lower_ in TEMPORAL | {"during", "in"}:
                    break  # "During the 1905 revolution she travelled": the verb's time
                noun = node.i  # "Paris (1843–1845)", or "his friend for the next 20 years"
                break
        return [t.i for t in span], verb.i if verb is not None else None, noun

    def of_event(self, token: Token) -> tuple[DateSpan | None, bool]:
        """The date of an event word without a place: its own (the finest), else the
        sentence's first, else the narrative's (inferred)."""
        own = [m for m, (_, gov, _) in self.mentions if gov == token.i]
        if own:  # "died at age 60 on 21 August 1940": the day
            return min(own, key=lambda m: m.span.end - m.span.start).span, False
        if self.mentions:
            return self.mentions[0][0].span, False
        return self.anchor or UNDATED, True


def _looks_ahead(verb: Token) -> bool:
    """The verb, or the verb whose subject it shares ("would be used against him to question
    his devotion"), is told with "would": the future seen from the story's time."""
    node = verb
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ == "would" for c in node.children):
            return True
        if node.dep_ not in {"xcomp", "advcl"} or any(c.dep_ == "nsubj" for c in node.children):
            return False
        node = node.head
    return False
