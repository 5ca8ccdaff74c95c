"""Document: sections with their year spans, sentences with offsets, infobox lines."""

import datetime as dt

import pytest

from trotsky_geo import bundled_text, nlp
from trotsky_geo.document import INFOBOX, parse_document


@pytest.fixture(scope="module")
def document():
    return parse_document(bundled_text(), nlp.load())


def test_title_and_sections(document):
    assert document.title == "Leon Trotsky"
    titles = [s.title for s in document.sections]
    assert "Second emigration (1907–1914)" in titles
    assert "Turkey" in titles


def test_section_span_from_heading(document):
    section = next(s for s in document.sections if s.title == "Second emigration (1907–1914)")
    assert section.span.start == dt.date(1907, 1, 1)
    assert section.span.end == dt.date(1914, 12, 31)


def test_subsection_inherits_parent_span(document):
    turkey = next(s for s in document.sections if s.title == "Turkey")
    assert turkey.span.start.year == 1929 and turkey.span.end.year == 1940


def test_sentence_offsets_slice_back(document):
    for sentence in document.sentences:
        assert document.text[sentence.start : sentence.end] == sentence.text
        if sentence.span is not None:
            assert sentence.span.text == sentence.text
            first = sentence.span[0]
            assert document.offset(first) == sentence.start


def test_infobox_lines_are_evidence(document):
    birth = [s for s in document.sentences if s.infobox_key == "Birth Place"]
    assert birth[0].text == "Yanovka, Kherson Governorate, Russian Empire"
    assert document.sections[birth[0].section].is_lead
    assert INFOBOX == "Infobox"


@pytest.mark.parametrize(
    ("paragraph", "count"),
    [
        (
            "He left New York aboard SS Kristianiafjord on 27 March 1917, but his ship was "
            "intercepted by the Royal Navy at Halifax, Nova Scotia. Trotsky was arrested.",
            2,
        ),
        (
            "According to James P. Cannon, secretary of the American Socialist Workers Party, "
            "Trotsky's last words were recorded. Mercader was convicted.",
            2,
        ),
        (
            "Anti-government unrest culminated in Saint Petersburg on 3 January 1905 (O.S.), "
            "when a strike began at the Putilov Works. This escalated into a general strike.",
            2,
        ),
        ("Representative Martin Dies Jr. sought the suppression of the party.", 1),
    ],
)
def test_sentence_split_keeps_initials_and_abbreviations(paragraph, count):
    document = parse_document(paragraph, nlp.load())
    assert len(document.sentences) == count


def test_text_without_headings_is_one_lead_section():
    text = "She was born in Bristol in 1901. In 1920 she moved to Paris."
    document = parse_document(text, nlp.load())
    assert len(document.sections) == 1
    assert len(document.sentences) == 2


def test_only_sentences_worth_parsing_are_parsed():
    text = "She was born in Bristol in 1901. Nothing happened then. In 1920 she moved to Paris."
    document = parse_document(text, nlp.load(), worth_parsing=lambda s: "Nothing" not in s)
    assert [s.span is not None for s in document.sentences] == [True, False, True]
    assert [t.text for t in document.doc][-3:] == ["to", "Paris", "."]


def test_a_footnote_inside_a_sentence_is_not_read_as_part_of_it():
    text = (
        "Wagner had to flee, first visiting Paris and then settling in Zürich{{#tag:ref|Röckel "
        "and Bakunin failed to escape in 1850.|group=n}} where he took refuge with a friend."
        "<ref>Gregor-Dellin 1983, p. 190.</ref> He stayed there."
    )
    document = parse_document(text, nlp.load())
    first = document.sentences[0]
    assert "Röckel" not in first.text and "Gregor" not in document.sentences[-1].text
    assert len(first.text) == first.end - first.start  # offsets still point into the text
    zurich = next(t for t in first.span if t.text == "Zürich")
    assert zurich.dep_ == "pobj" and zurich.head.text == "in"
    assert document.text[document.offset(zurich) :].startswith("Zürich")


def test_footnote_marks_copied_from_a_rendered_article_are_blanked_between_sentences():
    text = (
        "Ada was born in London.[2] In 1816 her mother took her to Leicester.[a][3] She "
        "spent 1826 in Genoa.[citation needed]"
    )
    document = parse_document(text, nlp.load())
    assert [s.text for s in document.sentences] == [
        "Ada was born in London.",
        "In 1816 her mother took her to Leicester.",
        "She spent 1826 in Genoa.",
    ]
    assert all(text[s.start : s.end] == s.text for s in document.sentences)


def test_the_parse_mends_the_small_models_wrong_verb_lemmas():
    parsed = nlp.load()("She hoped to go, and they installed her at the villa.")
    assert [t.lemma_ for t in parsed if t.pos_ == "VERB"] == ["hope", "go", "install"]
