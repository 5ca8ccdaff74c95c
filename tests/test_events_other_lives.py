"""Events in sentences of other lives, in the phrasing real biographies use (the corpus's),
with invented people: which phrases put the subject at a place, and which do not."""

import pytest
from reading import events_of, extract_plain

from trotsky_geo import extract
from trotsky_geo.events import EventKind


def test_a_country_toured_town_by_town_is_the_towns():
    found = extract_plain(
        "Ada Example was a writer. She was born in Bristol in 1820. In 1852 she made a tour "
        "of Italy, visiting Milan and Turin."
    )
    assert [e.place.name_today for e in found] == ["Bristol", "Milan", "Turin"]


def test_a_known_persons_name_after_a_place_is_the_person():
    found = extract_plain(
        "Ada Example was a writer. She was born in Bristol in 1820. She met Friedrich Engels "
        "in 1844. This was her first trip to England and Engels was an ideal guide."
    )
    assert "Engels" not in [e.place.name for e in found]


def test_a_death_the_sentence_only_mentions_is_not_at_a_town_named_after_it():
    found = extract_plain(
        "Ada Example was a writer. She was born in Bristol in 1820. In 1870 she moved to "
        "Leeds. The world reacted to her death in 1871: the papers in York wrote of it."
    )
    assert [e.place.name_today for e in found if e.kind is EventKind.DEATH] == ["Leeds"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # a meeting placed by the sentence before, attended without a place
            "In August 1903 Iskra convened the RSDLP's Second Congress in London. Trotsky "
            "attended with other Iskra editors.",
            ("London", EventKind.CONFERENCE, "1903-08"),
        ),
        (  # the small model hangs the name on the adverb; the school says what he did there
            "In 1896 he went to Nikolayev. Trotsky briefly attended Odessa University, "
            "studying engineering and mathematics.",
            ("Odessa University", EventKind.EDUCATION, "1896"),
        ),
        (  # "back in" a town is being there, whatever he did
            "In August 1920 the offensive failed. Back in Moscow, Trotsky again argued for "
            "peace, and this time prevailed.",
            ("Moscow", EventKind.TRAVEL, "1920-08"),
        ),
        (  # the prison of the time spent gives the towns' kind
            "In 1898 he spent the next two years in prison awaiting trial, first in Nikolayev, "
            "then Kherson.",
            ("Nikolayev", EventKind.IMPRISONMENT, "1898"),
        ),
        (  # the purpose phrase gives the journey's kind
            "In 1887 his father sent Trotsky to Odessa for education.",
            ("Odessa", EventKind.EDUCATION, "1887"),
        ),
    ],
)
def test_meetings_placed_before_stray_names_and_circumstances(body, expected):
    found = events_of(body, "== Life (1879–1940) ==")
    assert expected in [(e.place_text, e.kind, e.when.iso_start) for e in found]


def test_a_departure_recalled_by_a_pluperfect_sentence_is_not_a_new_stop():
    found = extract_plain(
        "Ada Example was a writer. In 1843 she moved to Dresden. In 1849 she fled to Zurich. "
        "In 1850 she wrote a play. Before leaving Dresden, she had drafted a novel."
    )
    assert [(e.place.name_today, e.when.iso_start) for e in found] == [
        ("Dresden", "1843"),
        ("Zürich", "1849"),
    ]


def test_there_does_not_reach_back_to_another_paragraph():
    found = extract_plain(
        "Ada Example was a writer. She was born in Bristol in 1820. In 1850 she visited "
        "Lisbon.\n\nIn 1869 she was sent to a factory. In her four years there, she wrote."
    )
    assert [e.place.name_today for e in found] == ["Bristol", "Lisbon"]


def test_a_park_of_a_city_no_list_knows_is_in_that_city():
    found = extract_plain(
        "Ada Example was a writer. She was born in Chicago in 1820. In 1851 she spoke at a "
        "rally in Boston's Lincoln Park."
    )
    rally = [e for e in found if e.when.iso_start == "1851"]
    assert [(e.place.name_today, e.place.country, e.place_text) for e in rally] == [
        ("Boston", "US", "Lincoln Park")
    ]


def test_a_destination_after_for_and_an_area_named_after_colony_of():
    found = extract_plain(
        "Ada Example was a lawyer. She was born in Porbandar in 1869. In April 1893 she "
        "accepted a year's contract and sailed for Durban in the Colony of Natal."
    )
    stops = [(e.place.name_today, e.place.country, e.when.iso_start) for e in found[1:]]
    assert stops == [("Durban", "ZA", "1893-04")]  # not Natal, the town in Brazil


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "In August 1942, on her way to Chongqing, she was arrested in Qinlandia and held "
            "for a year.",
            EventKind.ARREST,
        ),
        (
            "In 1917 she moved to Jefferson City. On 21 December 1919 she was deported from "
            "Qinlandia Island.",
            EventKind.DEPORTATION,
        ),
    ],
)
def test_an_event_at_a_place_no_list_knows_is_not_put_at_another_town(text, kind):
    found = extract_plain(f"Ada Example was a writer. She was born in Bristol in 1870. {text}")
    assert kind not in [e.kind for e in found]


def test_they_after_others_lead_the_sentence_are_the_others():
    found = extract_plain(
        "Ada Example was a writer. She was born in Bristol in 1870. In 1928 she was jailed in "
        "Zagreb. Her husband and son returned to Kumrovec, where they were looked after by "
        "locals, but then they suddenly left and returned to the Soviet Union."
    )
    assert [e.place.name_today for e in found] == ["Bristol", "Zagreb"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("She was shot on 15 March 1938.", EventKind.DEATH),  # executed
        ("On 30 August 1938 she was shot twice by a gunman.", EventKind.ATTACK),
        ("On 30 August 1938 she was shot and wounded.", EventKind.ATTACK),
    ],
)
def test_shot_with_no_shooter_and_no_wound_is_an_execution(text, kind):
    found = extract_plain(
        f"Ada Example was a writer. She was born in Bristol in 1888. In 1936 she moved to "
        f"Moscow. {text}"
    )
    assert [(e.kind, e.place.name_today) for e in found if e.when.start.year == 1938] == [
        (kind, "Moscow")
    ]



@pytest.mark.parametrize(
    ("visit", "expected"),
    [
        ("During the visit strict security was imposed in Washington.", ["Washington"]),
        ("During her stay a monument was unveiled in Washington.", ["Washington"]),
        # another person's doing during the visit is theirs
        ("During the visit Nixon flew to Moscow.", []),
    ],
)
def test_what_happened_at_a_place_during_the_subjects_visit_puts_the_subject_there(
    visit, expected
):
    found = extract_plain(
        "Ada Example was a writer. She was born in Bristol in 1870. In 1978, she travelled to "
        f"the U.S. {visit}"
    )
    assert [e.place.name for e in found if e.when.start.year == 1978][1:] == expected


def test_a_place_after_an_abbreviation_the_model_ends_a_sentence_at_is_read():
    # the model's own sentences split "the U.S. During ..."; the document's do not
    found = extract_plain(
        "Ada Example was a writer. She was born in Bristol in 1870. In 1978, she travelled to "
        "the U.S. During her stay she lectured in Boston."
    )
    assert "Boston" in [e.place.name for e in found]


def test_a_trip_used_to_examine_what_is_in_two_cities_is_a_visit_to_both():
    found = extract_plain(
        "Karl Marx (5 May 1818 – 14 March 1883) was a German philosopher. In mid-July 1845, "
        "Marx and Engels left Brussels for England. Marx used the trip as an opportunity to "
        "examine the economic resources available for study in various libraries in London "
        "and Manchester."
    )
    stops = [(e.place.name, e.kind.value, e.when.start.year) for e in found]
    assert ("London", "travel", 1845) in stops
    assert ("Manchester", "travel", 1845) in stops


def test_a_chance_someone_else_holds_is_not_the_subjects():
    found = extract_plain(
        "Ada Example was a writer. She was born in Bristol in 1870. In 1900 her brother used "
        "the trip as an opportunity to examine the archives in Vienna."
    )
    assert "Vienna" not in [e.place.name for e in found]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the town a rising is named after is where its leader was; the province only says
        # where the town is
        (
            "In 1929 Zhou led the Baise Uprising in Guangxi province against the government.",
            [("Baise", "travel", 1929)],
        ),
        ("In 1927 he took part in the Nanchang Uprising.", [("Nanchang", "travel", 1927)]),
        # condemning or writing about a rising puts no one there
        ("In 1930 Zhou condemned the Nanchang Uprising.", []),
        ("In 1931 Zhou wrote a history of the Nanchang Uprising.", []),
    ],
)
def test_a_rising_the_subject_led_or_joined_is_at_the_town_it_is_named_after(
    sentence, expected
):
    found = extract_plain(
        f"Zhou Wen (1900–1980) was a Chinese revolutionary. In 1910 he lived in Beijing. "
        f"{sentence}"
    )
    assert [(e.place.name, e.kind.value, e.when.start.year) for e in found][1:] == expected


@pytest.mark.parametrize(
    ("sentence", "city"),
    [
        ("In 1960 she spoke at the United Nations General Assembly.", "US"),
        ("In 1905 she spent much time in the reading room of the British Museum.", "GB"),
        ("In 1926 she attended a session of the League of Nations.", "CH"),
        ("In 1893 she met the president at the White House.", "US"),
    ],
)
def test_the_seats_of_world_bodies_and_great_libraries_are_places(sentence, city):
    found = extract_plain(f"Ada Example was a writer. She was born in Bristol in 1870. {sentence}")
    [stop] = [e for e in found if e.when.start.year > 1870]
    assert stop.place.type.value == "building" and stop.place.country == city


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # names joined by hyphens are one town
        ("In 1900 she moved to Port-au-Prince.", [("Port-au-Prince", "residence", "at")]),
        ("In 1901 she lived in Stratford-upon-Avon.", [("Stratford-upon-Avon", "residence", "at")]),
        # a way is passed through, not owned by the journey
        ("In 1902 she flew home by way of Miami.", [("Miami", "travel", "via")]),
        # a mountain range written with its "the" is crossed, not a town of that name
        ("In 1903 she crossed the Andes into Chile.", [("Chile", "travel", "at")]),
        # the city's own "the" is part of its name
        ("In 1907 she moved to the Hague.", [("The Hague", "residence", "at")]),
        # the subject's fighters taking a town put her there; an army's alone does not
        ("In 1904 her column captured the city of Santa Clara.", [("Santa Clara", "travel", "at")]),
        ("In 1904 the army captured the city of Santa Clara.", []),
        # where her husband still was is his place; where she stayed with her brother hers
        (
            "With her husband still in Massachusetts, she returned to America in 1897.",
            [("United States", "travel", "at")],
        ),
        ("In 1900 she stayed with her brother in Rome.", [("Rome", "residence", "at")]),
        # "America" is the United States, not América in Argentina; "Holland" the Netherlands
        ("In 1897 she returned to America.", [("United States", "travel", "at")]),
        ("In 1899 she moved to Holland.", [("Netherlands", "residence", "at")]),
        # refuge taken in a town is one stop there, not also a flight from the last one
        (
            "In 1901 she was stationed in Alexandria. In 1903 she took refuge in Malta.",
            [("Alexandria", "residence", "at"), ("Malta", "escape", "at")],
        ),
        ("In 1907 she was repatriated to Poland.", [("Poland", "travel", "at")]),
        # a continent is an area (not Mahdia, once "Africa"); things in it put no one there
        ("In 1913 she sailed to Africa.", [("Africa", "travel", "at")]),
        ("In 1914 she toured South America.", [("South America", "travel", "at")]),
        ("In 1933 she criticised capitalism in Europe.", []),
        ("In 1933 her account shows the same ambivalence towards Europe.", []),
        # a historical region is an area of its own
        ("In 1918 she returned to Alsace.", [("Alsace", "travel", "at")]),
        ("In 1925 she spent the winter in Sicily.", [("Sicily", "residence", "at")]),
        # a stay told twice in one sentence is one stay
        (
            "In 1891 she moved to Paris, where she studied physics at the University of Paris.",
            [("Paris", "residence", "at"), ("Paris", "education", "at")],
        ),
        # one admitted to a sanatorium or a university is there; a thesis sent there is not
        ("In 1898 she was admitted to a sanatorium near Bern.", [("Bern", "hospital", "at")]),
        ("In 1898 she was admitted to the University of Bern.", [("Bern", "education", "at")]),
        ("In 1898 she submitted her thesis to the University of Jena.", []),
        # a speech given, or a lecture delivered, is a meeting there; a child born is not hers
        ("In 1901 she gave a speech in Leeds.", [("Leeds", "conference", "at")]),
        ("In 1902 she delivered a lecture at Oxford.", [("Oxford", "conference", "at")]),
        ("In 1905 she gave birth to a daughter in Paris.", []),
        # a post taken up or accepted is a stay; one only offered is not
        ("In 1924 she accepted a post in Rome.", [("Rome", "residence", "at")]),
        ("In 1925 she took up a post in Milan.", [("Milan", "residence", "at")]),
        ("In 1926 she was offered a post in Tokyo but declined it.", []),
        ("In 1927 she was offered a chair at the University of Oslo.", []),
        # a faculty or a staff joined is a stay; an expedition led or made is a journey
        ("In 1905 she joined the faculty of the University of Chicago.",
         [("Chicago", "education", "at")]),
        ("In 1906 she joined the staff of a hospital in Chicago.", [("Chicago", "hospital", "at")]),
        ("In 1926 she led an expedition to Greenland.", [("Greenland", "travel", "at")]),
        ("In 1927 she planned an expedition to Greenland.", []),
        # work found or a job got is a stay
        ("In 1902 she found work in Basel.", [("Basel", "residence", "at")]),
        ("In 1903 she got a job in Bern.", [("Bern", "residence", "at")]),
        # a home town, named or described, is where she went back to
        ("In 1946 she returned to her hometown of Lyon.", [("Lyon", "travel", "at")]),
        # the one a passive's agent phrase describes is someone else
        ("In 1928 she was supported by a delegate sent from Moscow.", []),
        # what one remembers of a place is no stay told now
        ("In 1906 she later recalled her childhood in Zamość.", []),
        # what one argues for in a country puts no one there
        ("In 1908 she advocated a general strike in Germany and Spain.", []),
        # a journey only planned was not made
        ("In 1905 she planned a lecture tour of the United States, but it was never arranged.", []),
        # the term served says what the prison's town was
        (
            "In 1906 she served part of a three-month term in the prison at Zwickau.",
            [("Zwickau", "imprisonment", "at")],
        ),
    ],
)
def test_the_phrasings_of_other_lives_put_the_subject_where_the_text_says(sentence, expected):
    found = extract_plain(f"Ada Example was a writer. She was born in Bristol in 1870. {sentence}")
    assert [(e.place.name, e.kind.value, e.role) for e in found][1:] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("In 1931 her remains were moved to Caracas.", [("Caracas", 1931)]),
        ("Her body was taken to Lyon.", [("Lyon", 1930)]),
        # the model reads "remains" as a verb here; a building of the town is in the town
        ("In 1995 her remains were transferred to the Panthéon in Paris.", [("Paris", 1995)]),
        # the town of the where-clause is where, not the whole country
        (
            "In 1997 her remains were taken to Cuba, where they were reburied in Santa Clara.",
            [("Santa Clara", 1997)],
        ),
    ],
)
def test_where_the_body_is_taken_after_death_is_a_burial(sentence, expected):
    found = extract_plain(
        f"Ada Example was a writer. She was born in Bristol in 1870. In 1930 she died in Paris. "
        f"{sentence}"
    )
    assert [(e.place.name, e.kind.value) for e in found][1:] == [("Paris", "death")] + [
        (name, "burial") for name, _ in expected
    ]
    assert [e.when.start.year for e in found][2:] == [year for _, year in expected]


def test_a_paragraph_whose_only_town_follows_an_adjective_is_parsed():
    itinerary = extract(
        "Ada Example\n\nAda Example was a writer, born in Bristol in 1870.\n\n"
        "In 1946 she returned to her native Lyon."
    )
    assert [(e.place.name, e.when.start.year) for e in itinerary.events] == [
        ("Bristol", 1870),
        ("Lyon", 1946),
    ]


def test_a_small_town_in_a_country_the_text_has_not_named_is_found_where_only_a_place_stands():
    found = extract_plain(
        "Ada Example was a writer. She was born in Bristol in 1870. In 1912 she moved to Capri."
    )
    assert [(e.place.name, e.place.country) for e in found][1:] == [("Capri", "IT")]


def test_a_town_known_by_its_english_name_is_the_famous_one_even_read_as_a_noun():
    # the small model tags "Bruges" a plural noun; the English name of Brugge outranks a
    # French suburb that bears it as its own name
    found = extract_plain(
        "Ada Example was a writer. She was born in Bristol in 1870. At the age of twelve she "
        "was sent to a convent school in Bruges."
    )
    [school] = found[1:]
    assert (school.place.country, school.kind.value, school.when.start.year) == (
        "BE",
        "education",
        1882,
    )


def test_a_rendered_articles_footnote_marks_hide_no_stop():
    itinerary = extract(
        "Ada Example\n\nAda Example (10 December 1815 – 27 November 1852) was a writer.[1]\n\n"
        "Ada was born in London.[2] In 1835 she moved to Paris.[a][3]"
    )
    assert [(e.place.name, e.kind.value, e.when.start.year) for e in itinerary.events] == [
        ("London", "birth", 1815),
        ("Paris", "residence", 1835),
    ]


def test_a_birth_takes_no_date_of_the_clause_it_opens():
    itinerary = extract(
        "Ada Example\n\nAda Example (1870 – 1940) was a writer. Born to a Jewish family in "
        "Odessa, she emigrated to New York in 1891."
    )
    assert [(e.place.name, e.kind.value, e.when.start.year) for e in itinerary.events] == [
        ("Odessa", "birth", 1870),
        ("New York City", "residence", 1891),
    ]


def test_a_town_near_another_is_no_namesake_across_the_world():
    # the lists know no Clifton near Bristol, only Clifton, New Jersey: the birth is near
    # Bristol, and Bath after it is the English one, not Bath, Maine
    itinerary = extract(
        "Ada Example\n\nAda Example (3 May 1870 – 1940) was a writer. She was born on 3 May "
        "1870 in the village of Clifton near Bristol. She grew up in Bath."
    )
    assert [(e.place.name, e.place.country) for e in itinerary.events] == [
        ("Bristol", "GB"),
        ("Bath", "GB"),
    ]
