"""Corrected stops on the map: a ring with a popup that says what the text says, as text."""

from __future__ import annotations

import json
import re

import folium
from conftest import TEXT, trotsky_events

from trotsky_geo.correction_marks import mark_corrections
from trotsky_geo.corrections import Action, Anchor, Correction, apply_corrections
from trotsky_geo.itinerary import build_itinerary
from trotsky_geo.maps import popup_html
from trotsky_geo.pipeline import default_gazetteer

VIENNA = "In October he moved to Vienna in Austria-Hungary."


def corrected(note: str = ""):
    anchor = Anchor(VIENNA, "Vienna")
    edits = [Correction(Action.PLACE, anchor, place="Zürich", place_id="geonames:2657896",
                        original="residence at Vienna, Oct 1907")]
    if note:
        edits.append(Correction(Action.NOTE, anchor, note=note))
    return apply_corrections(build_itinerary(trotsky_events()), edits,
                             gazetteer=default_gazetteer(), text=TEXT)


def rendered(layer: folium.FeatureGroup) -> str:
    """The page, with the popups' JSON strings decoded as the browser reads them."""
    fmap = folium.Map()
    layer.add_to(fmap)
    page = fmap.get_root().render()
    popups = re.findall(r'bindPopup\(("(?:[^"\\]|\\.)*")', page)
    return page + "\n".join(json.loads(popup) for popup in popups)


def test_a_corrected_stop_is_ringed_with_what_the_text_says():
    page = rendered(mark_corrections(folium.FeatureGroup(), corrected(), year=1940))
    assert page.count("tg-corrected-mark") == 1
    assert "corrected</b>; the text says" in page
    assert "read as: residence at Vienna, Oct 1907" in page
    assert "now: residence at Zürich, Oct 1907" in page
    assert "47.36667" in page  # at the corrected place


def test_the_ring_follows_the_year_and_the_kinds():
    assert "tg-corrected-mark" not in rendered(
        mark_corrections(folium.FeatureGroup(), corrected(), year=1906)
    )
    assert "tg-corrected-mark" not in rendered(
        mark_corrections(folium.FeatureGroup(), corrected(), year=1940, kinds=["exile"])
    )


def test_markup_in_a_note_stays_text_in_the_popup():
    note = "<script>alert(1)</script> ${alert(2)} `x` \\` \"q\" 'q'"
    page = rendered(mark_corrections(folium.FeatureGroup(), corrected(note), year=1940))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "${alert(2)}" not in page  # the popup sits in a JavaScript template literal
    assert "&#36;{alert(2)} &#96;x&#96; &#92;&#96;" in page


def test_the_stops_own_popup_says_which_event_was_corrected():
    fixed = corrected()
    stop = next(s for s in fixed.itinerary.stops if s.place.name == "Zürich")
    page = popup_html(stop, corrected=fixed.itinerary.corrected)
    assert "<b>corrected</b>; the text says" in page
    untouched = next(s for s in fixed.itinerary.stops if s.place.name != "Zürich")
    assert "corrected" not in popup_html(untouched, corrected=fixed.itinerary.corrected)
