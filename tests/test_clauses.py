"""Tree rules on exact hand-built parses (spaCy's ``Doc(vocab, words=..., heads=..., deps=...)``),
so each rule is tested on the tree it is about, whatever the model would make of the words."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from trotsky_geo import nlp
from trotsky_geo.reader.clauses import attach, by_agent, clause_subject, mover, unreal


def parse(*tokens: tuple[str, str, str, int, str]) -> Doc:
    """A Doc from (word, pos, dep, head, lemma) rows; heads are token indices."""
    words, pos, deps, heads, lemmas = zip(*tokens, strict=True)
    return Doc(
        nlp.load().vocab, words=list(words), pos=list(pos), deps=list(deps),
        heads=list(heads), lemmas=list(lemmas),
    )


MOVED_TO_PARIS = parse(
    ("He", "PRON", "nsubj", 1, "he"), ("moved", "VERB", "ROOT", 1, "move"),
    ("to", "ADP", "prep", 1, "to"), ("Paris", "PROPN", "pobj", 2, "Paris"),
    (".", "PUNCT", "punct", 1, "."),
)


def test_a_place_belongs_to_the_verb_its_preposition_hangs_from():
    reading = attach(MOVED_TO_PARIS[3], {3})
    assert (reading.verb.text, reading.preposition) == ("moved", "to")
    assert clause_subject(reading.verb).text == "He"


def test_every_place_of_a_list_hangs_from_the_first_ones_verb():
    doc = parse(
        ("He", "PRON", "nsubj", 1, "he"), ("lectured", "VERB", "ROOT", 1, "lecture"),
        ("in", "ADP", "prep", 1, "in"), ("London", "PROPN", "pobj", 2, "London"),
        (",", "PUNCT", "punct", 3, ","), ("Glasgow", "PROPN", "conj", 3, "Glasgow"),
        ("and", "CCONJ", "cc", 5, "and"), ("Edinburgh", "PROPN", "conj", 5, "Edinburgh"),
    )
    for index in (3, 5, 7):
        reading = attach(doc[index], {3, 5, 7})
        assert (reading.verb.text, reading.preposition) == ("lectured", "in")


def test_a_place_that_only_says_where_another_is_belongs_to_no_verb():
    doc = parse(
        ("He", "PRON", "nsubj", 1, "he"), ("moved", "VERB", "ROOT", 1, "move"),
        ("to", "ADP", "prep", 1, "to"), ("Brussels", "PROPN", "pobj", 2, "Brussels"),
        ("in", "ADP", "prep", 3, "in"), ("Belgium", "PROPN", "pobj", 4, "Belgium"),
    )
    assert attach(doc[3], {3, 5}).verb.text == "moved"
    assert attach(doc[5], {3, 5}) is None


def test_the_town_of_a_place_is_passed_on_the_way_to_the_verb():
    doc = parse(
        ("He", "PRON", "nsubj", 1, "he"), ("moved", "VERB", "ROOT", 1, "move"),
        ("to", "ADP", "prep", 1, "to"), ("the", "DET", "det", 4, "the"),
        ("town", "NOUN", "pobj", 2, "town"), ("of", "ADP", "prep", 4, "of"),
        ("Nikolayev", "PROPN", "pobj", 5, "Nikolayev"),
    )
    reading = attach(doc[6], {6})
    assert (reading.verb.text, reading.preposition, [n.text for n in reading.nouns]) == (
        "moved", "to", ["town"],
    )


def test_a_place_in_a_noun_that_is_not_a_stay_belongs_to_no_verb():
    doc = parse(
        ("He", "PRON", "nsubj", 1, "he"), ("signed", "VERB", "ROOT", 1, "sign"),
        ("the", "DET", "det", 3, "the"), ("Treaty", "PROPN", "dobj", 1, "Treaty"),
        ("of", "ADP", "prep", 3, "of"), ("Versailles", "PROPN", "pobj", 4, "Versailles"),
    )
    assert attach(doc[5], {5}) is None


@pytest.mark.parametrize(
    ("rows", "verb"),
    [
        (  # He planned to go to Rome: a plan, not a journey
            [("He", "PRON", "nsubj", 1, "he"), ("planned", "VERB", "ROOT", 1, "plan"),
             ("to", "PART", "aux", 3, "to"), ("go", "VERB", "xcomp", 1, "go")],
            3,
        ),
        (  # He did not go
            [("He", "PRON", "nsubj", 3, "he"), ("did", "AUX", "aux", 3, "do"),
             ("not", "PART", "neg", 3, "not"), ("go", "VERB", "ROOT", 3, "go")],
            3,
        ),
        (  # He could go
            [("He", "PRON", "nsubj", 2, "he"), ("could", "AUX", "aux", 2, "could"),
             ("go", "VERB", "ROOT", 2, "go")],
            2,
        ),
    ],
)
def test_plans_negations_and_modals_are_not_events(rows, verb):
    assert unreal(parse(*rows)[verb])


def test_a_plain_statement_is_an_event():
    assert not unreal(MOVED_TO_PARIS[1])


def test_the_one_a_verb_of_motion_moves_is_its_object():
    doc = parse(
        ("They", "PRON", "nsubj", 1, "they"), ("exiled", "VERB", "ROOT", 1, "exile"),
        ("him", "PRON", "dobj", 1, "he"), ("to", "ADP", "prep", 1, "to"),
        ("Siberia", "PROPN", "pobj", 3, "Siberia"),
    )
    assert mover(doc[1]).text == "him"


def test_a_passives_agent_is_found():
    doc = parse(
        ("It", "PRON", "nsubjpass", 2, "it"), ("was", "AUX", "auxpass", 2, "be"),
        ("assembled", "VERB", "ROOT", 2, "assemble"), ("by", "ADP", "agent", 2, "by"),
        ("Tito", "PROPN", "pobj", 3, "Tito"),
    )
    assert by_agent(doc[2]).text == "Tito"


def test_the_subject_of_a_following_clause_is_the_main_clauses():
    doc = parse(
        ("After", "ADP", "prep", 4, "after"), ("arriving", "VERB", "pcomp", 0, "arrive"),
        (",", "PUNCT", "punct", 4, ","), ("Broz", "PROPN", "nsubjpass", 4, "Broz"),
        ("employed", "VERB", "ROOT", 4, "employ"),
    )
    assert clause_subject(doc[1]).text == "Broz"


def _with_org(doc: Doc, index: int) -> Doc:
    """The same Doc with one token read by the model as an organisation."""
    doc.ents = [doc.char_span(doc[index].idx, doc[index].idx + len(doc[index]), label="ORG")]
    return doc


def test_a_place_after_an_opponent_says_where_the_struggle_was():
    doc = _with_org(parse(
        ("he", "PRON", "nsubj", 1, "he"), ("participated", "VERB", "ROOT", 1, "participate"),
        ("in", "ADP", "prep", 1, "in"), ("the", "DET", "det", 4, "the"),
        ("struggle", "NOUN", "pobj", 2, "struggle"), ("against", "ADP", "prep", 4, "against"),
        ("the", "DET", "det", 7, "the"), ("Kuomintang", "PROPN", "pobj", 5, "Kuomintang"),
        ("in", "ADP", "prep", 7, "in"), ("Guangxi", "PROPN", "pobj", 8, "Guangxi"),
    ), 7)
    reading = attach(doc[9], {9})
    assert (reading.verb.text, reading.preposition) == ("participated", "in")
    assert [n.text for n in reading.nouns] == ["struggle"]


def test_a_place_after_an_institution_one_is_in_still_places_the_institution():
    doc = _with_org(parse(
        ("She", "PRON", "nsubj", 1, "she"), ("served", "VERB", "ROOT", 1, "serve"),
        ("a", "DET", "det", 3, "a"), ("sentence", "NOUN", "dobj", 1, "sentence"),
        ("in", "ADP", "prep", 1, "in"), ("the", "DET", "det", 6, "the"),
        ("Penitentiary", "PROPN", "pobj", 4, "Penitentiary"), ("at", "ADP", "prep", 6, "at"),
        ("Jefferson", "PROPN", "compound", 9, "Jefferson"), ("City", "PROPN", "pobj", 7, "City"),
    ), 6)
    reading = attach(doc[9], {9})
    assert (reading.verb.text, reading.preposition) == ("served", "in")
