"""Who the biography is about: the name forms and pronouns that refer to them in the parse."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from trotsky_geo.document import Document
from trotsky_geo.lexicon import UNITS, VEHICLES, words

#: Infobox keys that give another form of the subject's name.
_NAME_KEYS = frozenset({"birthname", "birth name", "birth_name", "native name", "name"})
#: "(born Lev Davidovich Bronstein;" and "Maria Skłodowska was born" in the opening sentences.
_BORN_AS = re.compile(
    r"\((?:born|née|né)\s+((?:[A-Z][\w'’\-]*\s*){1,5})[;,)]|^((?:[A-Z][\w'’\-]*\s+){1,4})"
    r"(?:was|is)\s+born\b"
)
#: A name written in capitals before its brackets in the lead, as the dump renders the
#: article's bold name: "KARL MARX (5 May 1818 – ...)", "commonly known as TITO (; , )".
_CAPITALS = re.compile(r"\b[A-Z][A-Z'’\-]{2,}(?:\s+[A-Z][A-Z'’\-]{2,})*\b(?=\s*\()")
#: Words before a name that leave it the same person: "Young Douglass", "General Tito".
TITLES = words(
    "young old little mr mrs ms miss dr doctor general marshal comrade president premier "
    "chairman professor prof sir lord lady saint st father brother sister uncle aunt king "
    "queen prince princess emperor tsar czar count countess baron colonel captain "
    "lieutenant major"
)
_PARTICLES = words("von van de del der da di du le la of the y bin ibn al")
#: Group words that include the subject when the subject leads the story: "they moved".
#: Entity types of words that sit beside a name without being part of it ("In September Trotsky").
_NOT_NAMES = frozenset({"DATE", "TIME", "ORDINAL", "CARDINAL", "GPE", "NORP", "LOC"})
#: "(...) was a German composer, theatre director, polemicist, and conductor".
_ROLE_LIST = re.compile(r"\b(?:was|is)\s+an?\s+(?:[A-Z][\w-]*\s+)*([^.;()]+?)(?:\.|;|\s\(|$)")
_NOT_ROLES = words("who which that known for of in from with serving best by as")
_GROUP = frozenset({"they", "we", "them", "us"})
_FAMILY = frozenset({"family", "couple", "pair", "household", "two"})
_PRONOUNS = {"he": ("he", "him", "himself"), "she": ("she", "her", "herself")}


@dataclass(frozen=True)
class Subject:
    """The subject: every word of their names, and the pronouns the text uses for them."""

    name: str
    names: frozenset[str]
    pronouns: frozenset[str]
    other_pronouns: frozenset[str]
    full_names: frozenset[str] = frozenset()  # every word of their names: "Davidovich" too
    roles: frozenset[str] = frozenset()  # what the lead says they were: "the composer"

    @classmethod
    def from_document(cls, document: Document) -> Subject:
        """Name forms from the title, the lead's capitalised name, "(born ...)" and the
        infobox; the pronoun is the one the text uses more ("he" or "she")."""
        forms = [document.title]
        lead = [s for s in document.sentences[:40] if s.span is not None][:6]
        for sentence in document.sentences[:40]:
            if sentence.infobox_key.lower() in _NAME_KEYS:
                forms.append(sentence.text)
        full = []
        for sentence in lead:
            for match in _BORN_AS.finditer(sentence.text):
                words = (match.group(1) or match.group(2)).split()
                forms.append(f"{words[0]} {words[-1]}".title())  # given name and surname
                full += [w.title() for w in words]
            for match in _CAPITALS.finditer(sentence.text):
                words = match.group().title().split()
                forms.append(f"{words[0]} {words[-1]}")
                full += words
        names = {
            word
            for form in forms
            for word in re.findall(r"[^\W\d_][\w'’\-]*", form)
            if word[:1].isupper() and word.lower() not in _PARTICLES
        }
        names |= {part for name in list(names) for part in name.split("-") if len(part) > 2}
        he = len(re.findall(r"\b[Hh]e\b", document.text))
        she = len(re.findall(r"\b[Ss]he\b", document.text))
        own, other = ("she", "he") if she > he else ("he", "she")
        return cls(
            document.title,
            frozenset(names),
            frozenset((*_PRONOUNS[own], "his" if own == "he" else "her")),
            frozenset(_PRONOUNS[other]),
            frozenset(full) | frozenset(names),
            _roles(document),
        )

    def is_name(self, token: Token) -> bool:
        """The token is one of the subject's name words ("Marx", "Marx's", "Deng")."""
        text = token.text
        if text.endswith(("'s", "’s", "'", "’")):
            text = text.rstrip("'’s") if text[-1] == "s" else text[:-1]
        if text in self.names or text.title() in self.names:
            return True
        return text.endswith("s") and text[:-1] in self.names  # "the Wagners"

    def names_other(self, token: Token) -> bool:
        """A name word of the subject inside someone else's full name ("Heinrich Marx")."""
        words = [t for t in _flat_name(token) if t.i != token.i]
        return any(
            t.pos_ == "PROPN"
            and t.text[:1].isupper()
            and not self.is_name(t)
            and t.text.title() not in self.full_names
            and t.lower_ not in TITLES
            and t.lower_ not in _PARTICLES
            and t.ent_type_ not in _NOT_NAMES
            for t in words
        )

    def with_company(self, token: Token) -> bool:
        """Whether a phrase names a group the subject may be in: "the couple", "Marx and his
        wife" (after it, "they" is the subject too)."""
        return token.lower_ in _FAMILY or any(c.dep_ == "conj" for c in token.children)

    def refers(self, token: Token, *, chain: bool) -> bool | None:
        """Whether a noun phrase's head means the subject: True, False (someone else), None
        (nobody: an unknown word). ``chain`` says the story is about the subject right now,
        so "he" (or "she") and "they" mean them."""
        lower = token.lower_
        if lower in self.pronouns:
            return chain
        if lower in self.other_pronouns:
            return False
        if self.is_name(token):
            return not self.names_other(token)
        if lower in _GROUP:
            return chain
        if lower in self.roles and any(c.lower_ == "the" for c in token.children):
            return chain  # "the composer settled in Biebrich"
        if lower in VEHICLES or lower in UNITS:  # "his ship was intercepted": he was aboard
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            return None if owner is None else self.refers(owner, chain=chain)
        if lower in _FAMILY:
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            return chain if owner is None else self.refers(owner, chain=chain)
        for child in token.children:
            if child.dep_ == "conj" and self.refers(child, chain=chain):
                return True  # "Marx and his wife moved"
            # "students, including Deng, went"; "students aboard including Deng"
            for prep in (child, *(g for g in child.children if child.dep_ == "prep")):
                if (
                    prep.dep_ == "prep"
                    and prep.lower_ in {"including", "among"}
                    and any(self.refers(g, chain=chain) for g in prep.children if g.dep_ == "pobj")
                ):
                    return True
        return False if token.pos_ in {"PROPN", "NOUN", "PRON"} else None


def _roles(document: Document) -> frozenset[str]:
    """What the opening sentence says the subject was: "was a German composer, theatre
    director and conductor" gives composer, director, conductor."""
    opening = [s.text for s in document.sentences if not s.infobox_key][:3]
    for text in opening:
        found = _ROLE_LIST.search(text)
        if found:
            items = re.split(r",\s*(?:and\s+)?|\s+and\s+", found.group(1))
            return frozenset(
                item.split()[-1].lower()
                for item in items
                if 0 < len(item.split()) <= 3
                and item.islower()
                and item.replace(" ", "").replace("-", "").isalpha()
                and not set(item.split()) & _NOT_ROLES
            )
    return frozenset()


def _flat_name(token: Token) -> list[Token]:
    """The words of the proper name a token belongs to: its compound and flat neighbours."""
    head = token
    while head.dep_ == "compound" and head.head.i != head.i and head.head.pos_ == "PROPN":
        head = head.head
    words = [head]
    stack = [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in {"compound", "flat"} and child.pos_ == "PROPN":
                words.append(child)
                stack.append(child)
    return words
