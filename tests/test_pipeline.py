"""The one entry point on any text: an itinerary, or a clear InputError, never a crash."""

import contextlib
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trotsky_geo import bundled_text, extract
from trotsky_geo.errors import InputError

WORDS = bundled_text().split()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=200), st.sampled_from([" ", "\n", "\n\n"]))
def test_shuffled_article_words_give_an_itinerary_or_a_clear_error(words, joint):
    try:
        itinerary = extract(joint.join(words))
    except InputError as error:
        assert str(error)
    else:
        assert len(itinerary.stops) >= 1
        starts = [e.when.start for e in itinerary]
        assert all(e.when.start <= e.when.end for e in itinerary) and starts


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes(text):
    with contextlib.suppress(InputError):
        extract(text)


@pytest.mark.parametrize("text", ["", "   \n\t", "\x00\x01binary"])
def test_unusable_input_is_an_input_error(text):
    with pytest.raises(InputError):
        extract(text)


def test_progress_is_told_from_the_first_character_to_the_last():
    text = bundled_text()
    told: list[tuple[int, int]] = []
    extract(text, progress=lambda done, total: told.append((done, total)))
    assert told[0] == (0, len(text))
    assert told[-1] == (len(text), len(text))
    assert all(a[0] <= b[0] for a, b in pairwise(told))
    assert {total for _, total in told} == {len(text)}


def test_a_text_longer_than_spacys_limit_is_read_whole():
    """Over a million characters parsed (spaCy's limit for one call): every stay is read."""
    filler = "Letters came from Rome. " * 22_000  # each names a place, so each is parsed
    text = (
        "= Ada Example =\n\nAda Example was born in Bristol in 1901.\n\n"
        f"{filler}\n\nIn 1920 she moved to Paris.\n\n{filler}\n\nIn 1931 she settled in Lyon.\n"
    )
    assert len(text) > 1_000_000
    itinerary = extract(text)
    assert [s.place.name for s in itinerary.stops] == ["Bristol", "Paris", "Lyon"]
