"""Who is who in one sentence: whether a name, pronoun or noun phrase means the subject,
given the sentence's lead (its main clause's subject) and the story so far."""

from __future__ import annotations

from spacy.tokens import Span, Token

from trotsky_geo.lexicon import ACCOMPANYING
from trotsky_geo.reader.clauses import body_noun, clause_subject
from trotsky_geo.reader.narrative import Narrative
from trotsky_geo.subject import Subject

_PLURAL = frozenset({"they", "them", "we", "us"})


class Agency:
    """The sentence's lead and whether the subject leads it, to tell who each agent is."""

    def __init__(self, span: Span, subject: Subject, *, chain: bool) -> None:
        self.span, self.subject, self.chain = span, subject, chain
        self.lead = clause_subject(span.root)  # the main clause's subject
        self.other_leads = self._about_other()
        lead = self.lead
        # "he said ... reporters helped them escape": beside him, "they" are others.
        self.subject_leads = (
            lead is not None
            and lead.lower_ not in _PLURAL
            and not subject.with_company(lead)
            and bool(subject.refers(lead, chain=chain))
        )
        # "his wife and son returned to Kumrovec ... they left": "they" are the others
        self.others_lead = (
            lead is not None
            and lead.lower_ not in _PLURAL
            and subject.refers(lead, chain=chain) is False
        )

    def accompanied(self, agent: Token) -> bool:
        """Whether another clause says the subject went along with ``agent``: "the Politburo
        travelled to Brno, and Tito accompanied them"."""
        for token in self.span:
            if token.lemma_.lower() not in ACCOMPANYING or token.i == agent.head.i:
                continue
            companion = clause_subject(token)
            if companion is None or not self.refers(companion):
                continue
            if any(
                c.dep_ == "dobj" and (c.lower_ in _PLURAL | {"him", "her"} or c.i == agent.i)
                for c in token.children
            ):
                return True
        return False

    def aboard(self, verb: Token) -> bool:
        """Whether the subject moved "with" the mover: "the ship sailed into Marseille with
        210 students aboard including Deng", "Stalin travelled to Kiev with Trotsky"."""
        return any(
            child.dep_ == "prep"
            and child.lower_ == "with"
            and any(g.dep_ == "pobj" and self.refers(g) for g in child.children)
            for child in verb.children
        )

    def refers(self, agent: Token | None) -> bool | None:
        """Whether the agent is the subject; a pronoun subject in a sentence led by another
        named person is theirs, but an object pronoun ("Mysl sent him") is not."""
        if agent is None:
            return None
        if body_noun(agent):  # "his body was flown to Vallegrande"
            owner = next((c for c in agent.children if c.dep_ == "poss"), None)
            return self.subject.refers(owner, chain=self.chain) if owner is not None else None
        if agent.lower_ in {"it", "they"} and self._body_of_subject(plural=agent.lower_ == "they"):
            return True  # "his body was taken to Germany, where it was buried"
        if agent.lower_ in _PLURAL and (
            self.subject_leads or (self.others_lead and agent.dep_ in {"nsubj", "nsubjpass"})
        ):
            return False  # (but "the authorities moved them": them, the subject's company)
        chain = self.chain
        # a subject pronoun does not point ahead to the other person ("while in Vienna, he
        # helped Stalin write"); a possessive may ("upon his death, Engels left")
        ahead = self.lead is not None and self.lead.i < agent.i
        if (
            self.other_leads
            and (ahead or agent.dep_ == "poss")
            and agent.dep_ in {"nsubj", "nsubjpass", "poss"}
        ):
            chain = False
        elif agent.dep_ in {"dobj", "pobj", "dative"}:
            chain = True  # an object cannot be the clause's own subject: it is the one followed
        return self.subject.refers(agent, chain=chain)

    def _body_of_subject(self, *, plural: bool = False) -> bool:
        """The sentence names the subject's body ("his body", "Wagner's remains"); with
        ``plural``, by a plural noun, that "they" may stand for ("his remains ... they")."""
        return any(
            body_noun(token)
            and (not plural or token.tag_ == "NNS")
            and any(
                c.dep_ == "poss" and self.subject.refers(c, chain=self.chain)
                for c in token.children
            )
            for token in self.span
        )

    def _about_other(self) -> bool:
        """The sentence's main subject is someone else by name: the pronouns that are subjects
        of its other clauses are theirs ("Engels moved to Manchester, where he ...")."""
        agent = self.lead
        return (
            agent is not None
            and agent.pos_ == "PROPN"
            # "The Politburo decided ..., and he arrived": a body, not a person "he" could be
            and not any(c.dep_ == "det" for c in agent.children)
            and self.subject.refers(agent, chain=True) is False
        )

    def follow(self, state: Narrative) -> None:
        """Decide whether the next sentence's pronoun still means the subject: naming the
        subject sets it; two sentences running about another named person unset it (one is
        an aside: "When Chiang turned on the Communists, he fled Canton")."""
        agent = self.lead
        if agent is None:
            return
        if self.subject.refers(agent, chain=True) and agent.lower_ not in {"they", "we"}:
            if self.subject.is_name(agent) or agent.lower_ in self.subject.pronouns:
                state.about_subject, state.streak = True, 0
            return
        if agent.pos_ != "PROPN" or agent.ent_type_ not in {"PERSON", ""}:
            return
        state.streak = state.streak + 1 if agent.text == state.other else 1
        state.other = agent.text
        if state.streak >= 2:
            state.about_subject = False
