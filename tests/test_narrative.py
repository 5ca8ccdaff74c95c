"""The story's time on real passages of the corpus: a stay the narrative dates lasts until the
next date the text states; an age is the year of life between two birthdays."""

import datetime as dt

from trotsky_geo import nlp
from trotsky_geo.document import parse_document
from trotsky_geo.pipeline import default_gazetteer
from trotsky_geo.reader import read_events
from trotsky_geo.subject import Subject

WAGNER = "Richard Wagner (22 May 1813 – 13 February 1883) was a German composer. "


def events_of(text: str) -> list:
    document = parse_document(text, nlp.load())
    return read_events(document, default_gazetteer(), nlp.load(), Subject.from_document(document))


def stay(events, name: str):
    (found,) = [e for e in events if e.place.name == name]
    return found


def test_a_stay_the_narrative_dates_lasts_until_the_next_date_stated():
    events = events_of(
        WAGNER + "In December 1865, Ludwig was finally forced to ask the composer to leave "
        "Munich.\n\nLudwig installed Wagner at the Villa Tribschen, beside Switzerland's Lake "
        "Lucerne. Die Meistersinger was completed at Tribschen in 1867."
    )
    lake = stay(events, "Lake Lucerne")
    assert lake.date_inferred
    assert (lake.when.start, lake.when.end) == (dt.date(1865, 12, 1), dt.date(1866, 12, 31))
    assert lake.when.label == "Dec 1865 – Dec 1866"


def test_a_stay_with_a_date_of_its_own_keeps_it():
    events = events_of(
        WAGNER + "In 1866 Wagner settled at Lucerne. Die Meistersinger was completed in 1867."
    )
    assert stay(events, "Luzern").when.label == "1866"


def test_a_sentence_served_lasts_until_the_next_date_but_a_stay_timed_in_weeks_does_not():
    events = events_of(
        "Emma Goldman (June 27, 1869 – May 14, 1940) was an anarchist. On June 15, 1917, she "
        "and Berkman were arrested in their New York office for opposing conscription. She "
        "served most of a two-year sentence in the Missouri State Penitentiary at Jefferson "
        "City.\n\nOn December 21, 1919, she was deported from Ellis Island. They spent some "
        "weeks in Riga and then in Stockholm before settling in Berlin in 1922."
    )
    prison = stay(events, "Jefferson City")
    assert (prison.when.start, prison.when.end) == (dt.date(1917, 6, 15), dt.date(1919, 12, 20))
    riga = stay(events, "Riga")
    assert riga.date_inferred
    assert riga.when.end < dt.date(1920, 1, 1)


def test_an_age_is_the_year_between_two_birthdays():
    events = events_of(
        "Nikolai Bukharin (9 October 1888 – 15 March 1938) was a Bolshevik. Nikolai Bukharin "
        "was born on 9 October 1888, in Moscow. Bukharin's political life began at the age of "
        "sixteen with his lifelong friend Ilya Ehrenburg when he participated in student "
        "activities at Moscow University related to the Russian Revolution of 1905."
    )
    (study,) = [e for e in events if e.kind.value == "education"]
    assert (study.when.start, study.when.end) == (dt.date(1904, 10, 9), dt.date(1905, 10, 8))


def test_a_date_the_text_looks_ahead_to_does_not_move_the_story():
    events = events_of(
        "Deng Xiaoping (22 August 1904 – 19 February 1997) was a Chinese statesman. "
        "In 1929 Deng fled to Shanghai. The episode remains unclear and would be used against "
        "him to question his devotion during the Cultural Revolution era.\n\n"
        "After returning to Shanghai, Deng discovered that his wife had died."
    )
    returned = [e for e in events if e.place.name == "Shanghai"][-1]
    assert returned.when.start.year == 1929


def test_a_section_that_goes_back_in_time_dates_its_first_stays_by_its_first_date():
    events = events_of(
        "Deng Xiaoping (22 August 1904 – 19 February 1997) was a Chinese statesman.\n\n"
        "=== Return to China ===\n\nIn 1929 Deng led an uprising in Guangxi.\n\n"
        "=== Activism in Wuhan ===\n\nAfter leaving the army, Deng ended up in the city of "
        "Wuhan. He took part in the emergency session on 7 August 1927."
    )
    wuhan = stay(events, "Wuhan")
    assert wuhan.date_inferred
    assert wuhan.when.start.year == 1927


def test_a_stay_told_until_a_date_began_at_the_storys_date():
    events = events_of(
        WAGNER + "In 1849 Wagner fled to Zürich. He stayed there until 1858."
    )
    stays = [e for e in events if e.place.name == "Zürich"]
    assert (stays[-1].when.start.year, stays[-1].when.end.year) == (1849, 1858)
    assert stays[-1].when.label == "1849–1858"


def test_a_stay_until_a_death_began_at_the_date_the_sentence_gave_before():
    events = events_of(
        WAGNER + "In 1849 Wagner fled to Zürich. He became a citizen in 1856 and lived in "
        "Venice until his death in 1883."
    )
    venice = stay(events, "Venice")
    assert (venice.when.start.year, venice.when.end.year) == (1856, 1883)
