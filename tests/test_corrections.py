"""Corrections: typed dates, anchoring to the evidence, applying them, the user's own places."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import replace

import pytest
from conftest import TEXT, trotsky_events

from trotsky_geo import extract
from trotsky_geo.corrections import (
    Action,
    Anchor,
    Correction,
    apply_corrections,
    edit_row,
    locate_sentence,
    new_stop,
    parse_dates,
    reading,
    user_place,
)
from trotsky_geo.dates import Precision
from trotsky_geo.errors import CorrectionError
from trotsky_geo.events import EventKind, Evidence
from trotsky_geo.gazetteer import Gazetteer
from trotsky_geo.itinerary import build_itinerary
from trotsky_geo.pipeline import default_gazetteer

VIENNA = "In October he moved to Vienna in Austria-Hungary."
NEW_YORK = (
    "He left New York aboard SS Kristianiafjord on 27 March 1917, but his ship was intercepted "
    "by the Royal Navy at Halifax, Nova Scotia."
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


@pytest.fixture(scope="module")
def reading_one():
    return build_itinerary(trotsky_events(), subject="Leon Trotsky")


def corrected(itinerary, corrections, gazetteer):
    return apply_corrections(itinerary, corrections, gazetteer=gazetteer, text=TEXT)


def row_for(result, place_text, sentence_start):
    return next(
        row
        for row in result.rows
        if row.anchor.place_text == place_text and row.anchor.sentence.startswith(sentence_start)
    )


@pytest.mark.parametrize(
    ("typed", "start", "end", "precision", "label"),
    [
        ("summer 1902", dt.date(1902, 6, 1), dt.date(1902, 8, 31), Precision.SEASON, "summer 1902"),
        ("1917-03-27", dt.date(1917, 3, 27), dt.date(1917, 3, 27), Precision.DAY, "27 Mar 1917"),
        ("1917-03", dt.date(1917, 3, 1), dt.date(1917, 3, 31), Precision.MONTH, "Mar 1917"),
        ("1929-1933", dt.date(1929, 1, 1), dt.date(1933, 12, 31), Precision.YEAR, "1929–1933"),
        ("1929–1933", dt.date(1929, 1, 1), dt.date(1933, 12, 31), Precision.YEAR, "1929–1933"),
        ("7 November 1879", dt.date(1879, 11, 7), dt.date(1879, 11, 7), Precision.DAY, None),
        ("  early   1897 ", dt.date(1897, 1, 1), dt.date(1897, 4, 30), Precision.SEASON, None),
        ("1905", dt.date(1905, 1, 1), dt.date(1905, 12, 31), Precision.YEAR, "1905"),
        ("2 Feb 1917 to 3 Mar 1918", dt.date(1917, 2, 2), dt.date(1918, 3, 3), Precision.DAY, None),
        ("1917-03-27 to 1917-04-02", dt.date(1917, 3, 27), dt.date(1917, 4, 2), Precision.DAY,
         None),
    ],
)
def test_dates_are_typed_in_the_readers_grammar_or_iso(typed, start, end, precision, label):
    span = parse_dates(typed)
    assert (span.start, span.end, span.precision) == (start, end, precision)
    if label is not None:
        assert span.label == label


@pytest.mark.parametrize(
    "typed", ["", "   ", "sommer 1902", "1917-13-01", "1917-02-30", "that summer", "1902 and 1905",
              "next to 1902 something", "<script>1902</script>"]
)
def test_unreadable_dates_are_refused(typed):
    with pytest.raises(CorrectionError):
        parse_dates(typed)


def test_kinds_and_places_are_checked(gazetteer):
    row = corrected(build_itinerary(trotsky_events()), [], gazetteer).rows[0]
    with pytest.raises(CorrectionError, match="unknown kind"):
        edit_row(row, gazetteer=gazetteer, kind="holiday")
    with pytest.raises(CorrectionError, match="add it as your own place"):
        edit_row(row, gazetteer=gazetteer, place="Xqzzyville Nowhere")


def test_without_corrections_nothing_changes(reading_one, gazetteer):
    result = corrected(reading_one, [], gazetteer)
    assert result.itinerary.events == reading_one.events
    assert [r["status"] for r in result.itinerary.rows()] == ["extracted"] * len(reading_one)
    assert result.review == ()


def test_drop_change_place_dates_and_kind(reading_one, gazetteer):
    base = corrected(reading_one, [], gazetteer)
    vienna = row_for(base, "Vienna", "In October")
    halifax = row_for(base, "Halifax", "He left New York")
    edits = [
        edit_row(vienna, gazetteer=gazetteer, place="Zurich", dates="1908-1912",
                 kind="exile", note="Bronstein's own memoir says Zurich"),
        edit_row(halifax, gazetteer=gazetteer, keep=False),
    ]
    corrections = [c for edit in edits for c in edit.set]
    result = corrected(reading_one, corrections, gazetteer)
    places = [e.place.name for e in result.itinerary.events]
    assert "Halifax" not in places and "Vienna" not in places
    zurich = next(e for e in result.itinerary.events if e.place.name == "Zürich")
    assert zurich.kind is EventKind.EXILE and zurich.when.label == "1908–1912"
    assert zurich.evidence.sentence == VIENNA  # the evidence stays the text's sentence
    assert len(result.itinerary) == len(reading_one) - 1
    rows = {r["name"]: r for r in result.itinerary.rows()}
    assert rows["Zürich"]["status"] == "corrected"
    assert rows["Zürich"]["note"] == "Bronstein's own memoir says Zurich"
    assert rows["London"]["status"] == "extracted"
    dropped = row_for(result, "Halifax", "He left New York")
    assert not dropped.kept and dropped.status == "corrected"
    assert dropped.event.place.name == "Halifax"  # the original reading is kept beside it
    assert all(c.original == reading(dropped.original) for c in dropped.corrections)


def test_a_field_set_back_to_the_reading_clears_its_correction(reading_one, gazetteer):
    base = corrected(reading_one, [], gazetteer)
    vienna = row_for(base, "Vienna", "In October")
    edit = edit_row(vienna, gazetteer=gazetteer, place="Vienna", dates=vienna.event.when.label,
                    kind="residence", keep=True, note="")
    assert edit.set == ()
    assert set(edit.clear) == {Action.PLACE, Action.DATES, Action.KIND, Action.DROP, Action.NOTE}


def test_only_the_fields_given_are_touched(reading_one, gazetteer):
    vienna = row_for(corrected(reading_one, [], gazetteer), "Vienna", "In October")
    edit = edit_row(vienna, gazetteer=gazetteer, dates="1908")
    assert [c.action for c in edit.set] == [Action.DATES] and edit.clear == ()


def test_corrections_survive_a_new_reader_with_other_offsets(reading_one, gazetteer):
    base = corrected(reading_one, [], gazetteer)
    vienna = row_for(base, "Vienna", "In October")
    corrections = list(edit_row(vienna, gazetteer=gazetteer, place="Zurich").set)
    # A newer reader: other offsets, the sentence split over two lines, another confidence,
    # and events in another order.
    rewritten = [
        replace(
            event,
            evidence=Evidence(
                event.evidence.sentence.replace(" moved to ", " moved\n  to "),
                event.evidence.section,
                event.evidence.start + 7,
                event.evidence.end + 9,
            ),
            place_start=event.place_start + 7,
            confidence=0.5,
        )
        for event in reversed(trotsky_events())
    ]
    result = corrected(build_itinerary(rewritten), corrections, gazetteer)
    assert result.review == ()
    assert "Zürich" in {e.place.name for e in result.itinerary.events}
    assert "Vienna" not in {e.place.name for e in result.itinerary.events}


def test_a_correction_that_cannot_be_anchored_needs_review(reading_one, gazetteer):
    lost = Correction(Action.DATES, Anchor("A sentence the reader no longer reads.", "Paris"),
                      dates="1915", original="residence at Paris, Jan 1915")
    bad = Correction(Action.DATES, Anchor(VIENNA, "Vienna"), dates="sommer 1908")
    result = corrected(reading_one, [lost, bad], gazetteer)
    assert [r.correction for r in result.review] == [lost, bad]
    assert all(r.reason.startswith("needs review") for r in result.review)
    assert "no longer finds 'Paris'" in result.review[0].reason
    assert len(result.itinerary) == len(reading_one)


def test_same_sentence_and_place_are_told_apart_by_order(gazetteer):
    itinerary = build_itinerary(trotsky_events())
    rows = corrected(itinerary, [], gazetteer).rows
    tampico = [r for r in rows if r.anchor.sentence.startswith("President Lázaro")]
    assert {r.anchor.place_text for r in tampico} == {"Tampico", "Mexico City"}
    assert all(r.anchor.nth == 0 for r in tampico)
    assert len({r.anchor for r in rows}) == len(rows)


def test_an_added_stop_is_anchored_to_a_sentence_of_the_text(reading_one, gazetteer):
    stop = new_stop(gazetteer=gazetteer, text=TEXT, sentence="he   moved to\nVienna",
                    place="Vienna", dates="1908", kind="residence", note="a second stay")
    assert stop.anchor.sentence == VIENNA
    result = corrected(reading_one, [stop], gazetteer)
    added = [r for r in result.rows if r.original is None]
    assert len(added) == 1 and added[0].status == "corrected"
    event = added[0].event
    assert event.evidence.sentence == VIENNA and event.when.label == "1908"
    assert TEXT[event.evidence.start : event.evidence.end] == VIENNA
    assert event.evidence.section  # the section of the events around it
    assert len(result.itinerary) == len(reading_one) + 1
    assert result.itinerary.status(event) == "corrected"


def test_an_added_stop_needs_a_sentence_of_the_text(gazetteer):
    with pytest.raises(CorrectionError, match="no such sentence"):
        new_stop(gazetteer=gazetteer, text=TEXT, sentence="He flew to the Moon.",
                 place="Vienna", dates="1908", kind="travel")
    with pytest.raises(CorrectionError, match="cannot read the date"):
        new_stop(gazetteer=gazetteer, text=TEXT, sentence=VIENNA, place="Vienna",
                 dates="whenever", kind="travel")


def test_locate_sentence_extends_a_fragment_to_its_sentence():
    found, start, end = locate_sentence(TEXT, "intercepted by the Royal Navy")
    assert found == NEW_YORK and TEXT[start:end] == NEW_YORK


def test_user_places_come_ahead_of_the_world_list():
    villa = user_place("Villa Pinheiro", 40.8601, 29.1265, country="TR",
                       source="survey of 1930, p. 4")
    prison = user_place("Springfield", 48.0, 32.0, taken=[villa.id])
    gazetteer = Gazetteer.load(extra_places=[(villa, ("Pinheiro villa",)), (prison, ())])
    assert gazetteer.resolve("Pinheiro villa")[0] == villa
    assert gazetteer.resolve("Springfield")[0] == prison  # ahead of every world Springfield
    text = ("Leon Trotsky was born in Yanovka in 1879. In 1929 Trotsky moved to the Pinheiro "
            "villa on Prinkipo.")
    itinerary = extract(text, gazetteer=gazetteer)
    assert villa in {event.place for event in itinerary.events}


@pytest.mark.parametrize(
    ("lat", "lon", "message"),
    [(95, 10, "latitude"), (10, 200, "longitude"), ("north", 1, "not numbers"), ("", "", "not")],
)
def test_user_place_coordinates_are_checked(lat, lon, message):
    with pytest.raises(CorrectionError, match=message):
        user_place("Hamlet", lat, lon)


def test_user_place_needs_a_name_and_gets_a_free_id():
    with pytest.raises(CorrectionError, match="name"):
        user_place("  ", 1, 1)
    first = user_place("Villa Ávila", 1, 1)
    assert first.id == "user:villa-avila"
    assert user_place("Villa Ávila", 1, 1, taken=[first.id]).id == "user:villa-avila-2"


def test_markup_in_notes_stays_text_in_every_export(reading_one, gazetteer):
    note = "<script>alert(1)</script> ${x} \"quoted\" 'single'\nsecond line"
    vienna = row_for(corrected(reading_one, [], gazetteer), "Vienna", "In October")
    result = corrected(reading_one, list(edit_row(vienna, gazetteer=gazetteer, note=note).set),
                       gazetteer)
    itinerary = result.itinerary
    [row] = [r for r in itinerary.rows() if r["note"]]
    assert row["note"] == note and row["status"] == "extracted"
    assert [r["note"] for r in csv.DictReader(io.StringIO(itinerary.to_csv())) if r["note"]] == [
        note
    ]
    assert [r["note"] for r in json.loads(itinerary.to_json()) if r["note"]] == [note]
    features = json.loads(itinerary.to_geojson())["features"]
    assert [f["properties"]["note"] for f in features if f["properties"]["note"]] == [note]
