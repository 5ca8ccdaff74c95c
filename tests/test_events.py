"""Events: whose movement a sentence states, of what kind, when; real sentences of the article."""

import pytest
from reading import HEADER, events_of, extract_events, extract_plain, places, where_and_when

from trotsky_geo import nlp
from trotsky_geo.document import parse_document
from trotsky_geo.events import EventKind
from trotsky_geo.pipeline import default_gazetteer


@pytest.mark.parametrize(
    ("sentence", "heading", "expected"),
    [
        (
            "Trotsky was exiled to Alma Ata (now Almaty), Kazakhstan, on 31 January 1928.",
            "== Defeat and exile (1927–1928) ==",
            [("Alma Ata", EventKind.EXILE, "1928-01-31")],
        ),
        (
            "In April 1929, Turkish authorities moved them to the island of Büyükada (Prinkipo), "
            "into a house called the Yanaros mansion.",
            "== Exile (1929–1940) ==",
            [
                ("Büyükada", EventKind.RESIDENCE, "1929-04"),
                ("Yanaros mansion", EventKind.RESIDENCE, "1929-04"),
            ],
        ),
        pytest.param(
            "From July 1933 to February 1934 Trotsky and his wife lived in Royan.",
            "=== France ===",
            [("Royan", EventKind.RESIDENCE, "1933-07")],
            marks=pytest.mark.xfail(
                strict=True, reason="the small model parses 'Trotsky' as the object of 'to'"
            ),
        ),
        (
            "In September 1916 Trotsky was deported from France to Spain for his anti-war "
            "activities.",
            "=== World War I (1914–1917) ===",
            [("Spain", EventKind.DEPORTATION, "1916-09")],
        ),
        (
            "Trotsky was hospitalised for a few weeks at Oslo Community Hospital from "
            "19 September 1935.",
            "=== Norway ===",
            [("Oslo Community Hospital", EventKind.HOSPITAL, "1935-09-19")],
        ),
        (
            "He left New York aboard SS Kristianiafjord on 27 March 1917, but his ship was "
            "intercepted by the Royal Navy at Halifax, Nova Scotia.",
            "=== World War I (1914–1917) ===",
            [
                ("New York", EventKind.TRAVEL, "1917-03-27"),
                ("Halifax", EventKind.ARREST, "1917-03-27"),
            ],
        ),
    ],
)
def test_subject_movements(sentence, heading, expected):
    found = events_of(sentence, heading)
    assert [(e.place_text, e.kind, e.when.iso_start) for e in found] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "In September Trotsky rushed from the eastern front to Moscow; Stalin remained in "
        "Tsaritsyn.",
        "In January 1912 most of the Bolshevik faction, led by Lenin, held a conference in "
        "Prague, broke away from the RSDLP, and formed the Russian Social Democratic Labour "
        "Party (Bolsheviks).",
        "The German Communist Party leadership requested Trotsky be sent to Germany to direct "
        "the 1923 insurrection.",
        "In July 1933 Prime Minister Édouard Daladier offered Trotsky asylum; he accepted, but "
        "was forbidden to live in Paris and was soon under French police surveillance.",
        "At Trotsky's request, the French mathematician and Trotskyist Jean Van Heijenoort, with "
        "Pierre Frank, unsuccessfully appealed to the influential Soviet author Maxim Gorky to "
        "intervene for Rakovsky, boarding Gorky's ship near Constantinople.",
        "En route to exile in Obdorsk, Siberia, in January 1907, Trotsky escaped at Berezov and "
        "made his way to London.",
    ],
)
def test_other_peoples_places_are_not_his(sentence):
    names = places(events_of(sentence, "=== Civil War (1918–1920) ==="))
    assert "Tsaritsyn" not in names
    assert "Prague" not in names
    assert "Germany" not in names
    assert "Paris" not in names
    assert "Istanbul" not in names
    assert "Obdorsk" not in names


def test_escape_and_onward_journey_keep_text_order():
    found = events_of(
        "En route to exile in Obdorsk, Siberia, in January 1907, Trotsky escaped "
        "at Berezov and made his way to London.",
        "=== Second emigration (1907–1914) ===",
    )
    assert [(e.place_text, e.kind) for e in found] == [
        ("Berezov", EventKind.ESCAPE),
        ("London", EventKind.TRAVEL),
    ]
    assert all(e.when.iso_start == "1907-01" for e in found)


def test_relative_date_from_previous_sentence():
    found = events_of(
        "On 7 October railway workers of the Moscow–Kazan Railway also struck. "
        "Amidst this turmoil, Trotsky returned to Saint Petersburg on 15 October.",
        "=== 1905 revolution and trial (1905–1906) ===",
    )
    assert [(e.place_text, e.when.iso_start, e.date_inferred) for e in found] == [
        ("Saint Petersburg", "1905-10-15", False)
    ]


def test_undated_sentence_inherits_and_says_so():
    found = events_of(
        "Lenin initially responded on 18 January 1918. Trotsky, sensing "
        "disagreement, returned to Petrograd.",
        "=== Commissar for Foreign Affairs and Brest-Litovsk (1917–1918) ===",
    )
    assert [(e.place_text, e.when.iso_start, e.date_inferred) for e in found] == [
        ("Petrograd", "1918-01-18", True)
    ]


def test_objects_moved_by_others():
    found = events_of(
        "President Lázaro Cárdenas welcomed Trotsky and arranged a special train, "
        "The Hidalgo, to bring him to Mexico City from Tampico.",
        "=== Mexico (1937–1940) ===",
    )
    assert {e.place_text for e in found} == {"Mexico City", "Tampico"}
    tampico = next(e for e in found if e.place_text == "Tampico")
    assert tampico.role == "from"


def test_attack_without_a_place_happens_where_he_lives():
    found = events_of(
        "His final move, after a break with Rivera, was to a residence on Avenida "
        "Viena in April 1939. On 24 May 1940 Trotsky survived a raid on his villa "
        "by armed assassins.",
        "=== Mexico (1937–1940) ===",
    )
    attack = next(e for e in found if e.kind is EventKind.ATTACK)
    assert attack.place_inferred and attack.place.name == found[0].place.name
    assert attack.when.iso_start == "1940-05-24"


def test_one_birth_whatever_the_daughters_did():
    text = (
        f"{HEADER}- Birthname: Lev Davidovich Bronstein\n"
        "- Birth Place: Yanovka, Kherson Governorate, Russian Empire\n\n"
        "== Childhood (1879–1895) ==\nLev Davidovich Bronstein was born on 7 November 1879 "
        "in Yanovka.\n\n== Exile (1899–1902) ==\nIn 1900 Trotsky and his wife were exiled "
        "to Ust-Kut. They had two daughters, both born in Siberia.\n"
    )
    births = [
        e
        for e in extract_events(parse_document(text, nlp.load()), default_gazetteer())
        if e.kind is EventKind.BIRTH
    ]
    assert [(e.place_text, e.when.iso_start) for e in births] == [("Yanovka", "1879-11-07")]


def test_another_biography_with_she():
    text = (
        "Marie Example was born in Warsaw on 7 November 1867. In 1891 she moved to Paris to "
        "study at the Sorbonne. Her sister stayed in Warsaw."
    )
    found = extract_events(parse_document(text, nlp.load()), default_gazetteer())
    assert [(e.place.name, e.kind) for e in found] == [
        ("Warsaw", EventKind.BIRTH),
        ("Paris", EventKind.RESIDENCE),
    ]


def test_subject_known_by_birth_name_and_namesakes_are_other_people():
    found = extract_plain(
        "Marie Curie (7 November 1867 – 4 July 1934) was a physicist. Maria Skłodowska was "
        "born in Warsaw on 7 November 1867. In 1894 she met Pierre Curie. Pierre Curie moved "
        "to Lyon in 1895. In November 1891 she left Warsaw for Paris."
    )
    assert [(e.place.name, e.kind.value) for e in found] == [
        ("Warsaw", "birth"),
        ("Warsaw", "travel"),
        ("Paris", "travel"),
    ]


def test_where_clause_adds_what_happened_at_the_place():
    found = extract_plain(
        "Rosa Example was born in Zamość in 1871. During the 1905 revolution she travelled to "
        "Warsaw, where she was arrested in March 1906."
    )
    warsaw = [(e.kind.value, e.when.iso_start) for e in found if e.place.name == "Warsaw"]
    assert warsaw == [("travel", "1905"), ("arrest", "1906-03")]


def test_university_of_a_city_is_where_the_subject_studied():
    found = extract_plain("Rosa Example studied at the University of Zurich from 1890.")
    assert [(e.place.name_today, e.kind.value) for e in found] == [("Zürich", "education")]


def test_infobox_birth_place_is_its_first_listed_place():
    text = (
        "= Rosa Example =\n\n- Birth Place: Zamość, Congress Poland, Russian Empire\n\n"
        "Rosa Example was born on 5 March 1871 in Zamość.\n"
    )
    births = [e for e in extract_plain(text) if e.kind is EventKind.BIRTH]
    assert [(e.place.name, e.when.iso_start) for e in births] == [("Zamość", "1871-03-05")]


def test_a_man_named_by_the_previous_sentence_takes_the_next_he():
    found = events_of(
        "In April 1929 Trotsky moved to Büyükada. Rakovsky was appointed to high office in "
        "1935. However, he was arrested and imprisoned in late 1937.",
        "=== Fate of Left Oppositionists after Trotsky's exile (1929–1941) ===",
    )
    assert [(e.place.name_today, e.kind.value) for e in found] == [("Büyükada", "residence")]


def test_burial_is_dated_by_the_death_not_a_later_reburial():
    found = extract_plain(
        "Marie Example was born in Warsaw in 1867. She died on 4 July 1934 in Paris. She was "
        "buried in Sceaux, and in 1995 her remains were moved to Paris."
    )
    burial = next(e for e in found if e.kind is EventKind.BURIAL)
    assert (burial.place.name, burial.when.iso_start, burial.date_inferred) == (
        "Sceaux",
        "1934-07-04",
        True,
    )


def test_there_points_back_at_the_place_just_named():
    found = extract_plain(
        "Vladimir Example was born in Simbirsk in 1870. The editors moved the paper to London "
        "in April 1902, and Example and his wife lived there for a year. There was no "
        "newspaper in Munich."
    )
    london = [(e.kind.value, e.place_inferred) for e in found if e.place.name == "London"]
    assert london == [("residence", True)]
    assert all(e.place.name != "Munich" for e in found)


def test_a_body_without_lead_events_keeps_its_first_section():
    text = (
        "= Ada Example =\n\nAda Example was an engineer.\n\n== Early life (1869–1893) ==\n"
        "Ada Example was born in Porbandar in 1869. In September 1888 she sailed from Bombay "
        "to London.\n\n== Later life (1893–1948) ==\nIn 1915 she returned to Bombay and then "
        "went to London.\n"
    )
    found = [(e.place.name_today, e.when.iso_start) for e in extract_plain(text)]
    assert ("Mumbai", "1888-09") in found and ("London", "1888-09") in found


@pytest.mark.parametrize(
    ("sentence", "place", "start"),
    [
        (
            "He left South Africa in July 1914 and, after some months in London, landed at Bombay "
            "on 9 January 1915.",
            "Mumbai",
            "1915-01-09",
        ),
        (
            "He was first jailed in Johannesburg in January 1908 and served further sentences at "
            "Volksrust the next year.",
            "Volksrust",
            "1909",
        ),
        (
            "In 1899 he was sent to Madrid to complete his education, and there he met his wife, "
            "whom he married in May 1902.",
            "Madrid",
            "1899",
        ),
    ],
)
def test_a_place_takes_the_date_of_its_own_verb(sentence, place, start):
    found = extract_plain(f"Ada Example was born in Bristol in 1860. {sentence}")
    assert [e.when.iso_start for e in found if e.place.name_today == place][:1] == [start]


@pytest.mark.parametrize(
    ("sentence", "place", "kind", "start"),
    [
        (  # the couple is the subject and company: "they" after it are the subject too
            "By 1902 the couple had run up such debts that they fled Lyon at night.",
            "Lyon",
            "escape",
            "1902",
        ),
        (  # a unit the subject serves in carries them along
            "In March 1903 her regiment was deployed to Verona.",
            "Verona",
            "travel",
            "1903-03",
        ),
        (  # the subject goes along with others
            "In 1904 the committee travelled to Geneva, and Ada accompanied them.",
            "Geneva",
            "travel",
            "1904",
        ),
        (  # aboard a vehicle among others
            "In May 1905 the steamer sailed into Genoa with forty pilgrims aboard, including Ada.",
            "Genoa",
            "travel",
            "1905-05",
        ),
        (  # a journey's way between its verb and its end
            "In 1906 she continued by train across the border to Basel.",
            "Basel",
            "travel",
            "1906",
        ),
        (  # the time spent is the verb's object; the place hangs from it
            "Spending the summer of 1907 in Turin, Ada wrote her first book.",
            "Turin",
            "residence",
            "1907-06",  # summer: June to August
        ),
        (  # a school named for its town
            "In 1908 Ada graduated from the Lausanne School.",
            "Lausanne",
            "education",
            "1908",
        ),
        (  # "one of his trips": the trip's end
            "In one of her trips to Milan in 1909, she married Carlo Rossi.",
            "Milan",
            "travel",
            "1909",
        ),
        (  # two subjects the small model gives one verb: the name is the one
            "In 1910, now a prisoner of war, Ada was transported to a hospital in the town of "
            "Kazan.",
            "Kazan",
            "hospital",
            "1910",
        ),
    ],
)
def test_movements_told_by_company_vehicles_and_ways(sentence, place, kind, start):
    found = extract_plain(f"Ada Example was a writer. She was born in Bristol in 1880. {sentence}")
    assert (place, kind, start) in [
        (e.place.name_today, e.kind.value, e.when.iso_start) for e in found
    ]


def test_a_delegation_and_a_qualifying_near_place_are_not_the_subject_there():
    found = extract_plain(
        "Ada Example was a writer. In 1911 Ada lived in Paris while her delegation negotiated "
        "at Fontainebleau. In 1912 she was sent to a camp in the town of Sviyazhsk near Kazan."
    )
    names = [e.place.name_today for e in found]
    assert "Paris" in names and "Sviyazhsk" in names
    assert "Fontainebleau" not in names and "Kazan" not in names


def test_events_after_a_death_the_opening_bracket_gives_are_legacy():
    found = extract_plain(
        "Ada Example (born Ada Jones; – March 3, 1901) was a writer. In 1890 Ada moved to "
        "Boston. On May 20, 2018, Ada was awarded an honorary degree from the University of "
        "Chicago."
    )
    assert [e.place.name_today for e in found] == ["Boston"]


def test_a_subject_pronoun_before_another_name_is_still_the_subject():
    found = extract_plain(
        "Ada Example was a writer. She was born in Bristol in 1880. While in Geneva in 1913, "
        "she helped the poet Anna Petrova write an article. Upon her own death in 1920, Anna "
        "Petrova left her house in Lyon to a friend."
    )
    names = [e.place.name_today for e in found]
    assert "Geneva" in names and "Lyon" not in names


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        (  # an active arrest befalls its object, where the subject lives
            "Ada Example was a writer. In February 1845 she moved to Brussels. In 1848 the "
            "ministry accused Ada of it, subsequently arresting her. The police arrested the "
            "printers in Liège.",
            EventKind.ARREST,
            [("Brussels", "1848")],
        ),
        (  # an unplaced death months after a journey is at its end
            "Ada Example was a composer. In 1872 she moved to Bayreuth. After the festival of "
            "1882, the family journeyed to Venice for the winter. She died of a heart attack "
            "on 13 February 1883 at a palazzo on the canal.",
            EventKind.DEATH,
            [("Venice", "1883-02-13")],
        ),
        (  # a death takes its day over the age it gives
            "Ada Example (1 May 1879 – 21 August 1940) was a writer. In 1937 she moved to "
            "Mexico City. She was taken to a hospital but died at age 60 on 21 August 1940.",
            EventKind.DEATH,
            [("Mexico City", "1940-08-21")],
        ),
    ],
)
def test_an_unplaced_arrest_or_death_is_where_the_subject_was(text, kind, expected):
    assert where_and_when(extract_plain(text), kind) == expected


def test_an_arrest_by_the_subject_is_not_the_subjects_arrest():
    found = extract_plain(
        "Ada Example was a police chief. In 1901 she moved to Lyon. In 1903 she arrested the "
        "printers of the strike."
    )
    assert [e.kind for e in found] == [EventKind.RESIDENCE]


def test_a_state_after_a_town_qualifies_it_and_its_where_clause_is_the_towns():
    found = extract_plain(
        "Ada Example was a writer. In 1840 Ada gave a speech in Elmira, New York. In 1847 "
        "she moved to Rochester, New York, where she lived for 25 years. In 1850 she "
        "visited Boston, New York and Philadelphia."
    )
    stops = [(e.place.name_today, e.kind) for e in found]
    assert ("Elmira", EventKind.CONFERENCE) in stops
    assert ("Rochester", EventKind.RESIDENCE) in stops
    assert all(e.place.type.value == "city" for e in found)  # New York, the state, only qualifies
    boston = next(e.place for e in found if e.place.name_today == "Boston")
    assert round(boston.lat) == 42 and round(boston.lon) == -71  # Massachusetts, not a NY town
    assert "New York City" in [name for name, _ in stops]  # in a list it is the city


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("In 1917 she tried to flee to Finland in order to make her way to the United States.",
         "United States"),
        ("In 1871 she decided to move to Bayreuth, the site of her new theatre.", "Bayreuth"),
        ("In 1937 she survived by avoiding visiting Spain as much as possible.", "Spain"),
        (  # the second infinitive shares the first one's "unable"
            "Unable either to stay in France or to move to Germany, she left for Brussels in "
            "February 1845.",
            "Germany",
        ),
        ("She was baptized at St. Thomas Church.", "St. Thomas"),  # a saint's, not a town's
        ("In 1933 she married a young man she had met in Shanghai.", "Shanghai"),  # told earlier
        ("In 1938 she placed him at a boarding school at Penza.", "Penza"),  # "him" is not she
        ("In 1917 she hoped to return to Stockholm in June for a conference.", "Stockholm"),
        ("In 1863 she met President Lincoln at the White House.", "Casablanca"),  # a building
        (  # a firm's name, places and all
            "In 1838 she escaped on a train of the Philadelphia, Wilmington and Baltimore "
            "Railroad.",
            "Philadelphia",
        ),
        ("In 1841 Jena gave her a degree without her ever going to Jena.", "Jena"),
    ],
)
def test_purposes_decisions_and_avoided_events_are_not_stops(sentence, absent):
    found = extract_plain(f"Ada Example was a writer. She was born in Bristol in 1880. {sentence}")
    assert absent not in [e.place.name_today for e in found]


def test_an_avoided_arrest_is_no_arrest():
    found = extract_plain(
        "Ada Example was a writer. She was born in Bristol in 1880. In 1938, while she was "
        "avoiding arrest in Moscow, the purge went on."
    )
    assert EventKind.ARREST not in [e.kind for e in found]


def test_a_he_after_a_body_named_by_the_sentence_is_the_subject():
    found = extract_plain(
        "Ada Example was a writer. She was born in Bristol in 1880. The Politburo decided to "
        "send her to Moscow to report, and in early February 1935 she arrived there as an "
        "official."
    )
    moscow = [e for e in found if e.place.name_today == "Moscow"]
    assert [e.when.iso_start for e in moscow] == ["1935-02"]


def test_a_flight_without_a_place_is_from_where_the_subject_lives():
    found = extract_plain(
        "Ada Example was a composer. In 1846 she moved to Dresden. In May 1849 the uprising "
        "failed and she had to flee."
    )
    assert [(e.kind, e.place.name_today, e.when.iso_start) for e in found][-1] == (
        EventKind.ESCAPE, "Dresden", "1849-05"
    )


def test_a_flight_recalled_in_the_pluperfect_is_not_told_again():
    found = extract_plain(
        "Ada Example was a composer. In 1843 she moved to Dresden. The ban placed on her "
        "after she had fled Dresden was lifted in 1862."
    )
    assert [e.kind for e in found] == [EventKind.RESIDENCE]


@pytest.mark.parametrize(
    ("text", "stop"),
    [
        (  # "the town" is the town last named
            "In 1871 she planned a theatre in Bayreuth. She moved to the town the following "
            "year.",
            ("Bayreuth", "1872"),
        ),
        (  # "her stay there" is hers, at the town just named
            "A plaque on a street in Edinburgh marks her stay there in 1846.",
            ("Edinburgh", "1846"),
        ),
    ],
)
def test_words_that_point_back_at_the_town_just_named(text, stop):
    found = extract_plain(f"Ada Example was a composer. She was born in Leipzig in 1813. {text}")
    assert stop in [(e.place.name_today, e.when.iso_start) for e in found]


def test_an_unplaced_arrest_a_year_after_a_journey_is_back_at_home():
    found = extract_plain(
        "Ada Example was a writer. In 1934 she moved to Moscow. In February 1936 she "
        "travelled to Paris. On 27 February 1937 she was arrested."
    )
    arrests = [e.place.name_today for e in found if e.kind is EventKind.ARREST]
    assert arrests == ["Moscow"]


@pytest.mark.parametrize(
    ("sentence", "stop"),
    [
        (  # a town's name after "the" that she sails on is her ship's
            "On 16 August 1845 she set sail on the Cambria for Liverpool.",
            ("Liverpool", "travel", "1845-08-16"),
        ),
        (  # two names joined by "of" that the world list knows as one
            "In 1877 she moved to the District of Columbia.",
            ("District of Columbia", "residence", "1877"),
        ),
        (  # a spa town's name from before it took "Bad"
            "On 19 June 1843 she married in a Protestant church in Kreuznach.",
            ("Bad Kreuznach", "travel", "1843-06-19"),
        ),
        (  # she is installed by another, and "beside" places her
            "In 1866 the king installed Ada Example at a villa beside Geneva.",
            ("Geneva", "residence", "1866"),
        ),
    ],
)
def test_ships_joined_names_old_names_and_being_installed(sentence, stop):
    found = extract_plain(f"Ada Example was a writer. She was born in Bristol in 1820. {sentence}")
    stops = [(e.place.name_today, e.kind.value, e.when.iso_start) for e in found]
    assert stop in stops
    assert "Cambria" not in [e.place.name for e in found]


@pytest.mark.parametrize(
    ("sentence", "stop"),
    [
        (  # the second of two towns hangs from the same "in" as the first
            "In 1979 she visited the headquarters of two firms in Atlanta and Seattle.",
            ("Seattle", "travel", "1979"),
        ),
        (  # a verb the small model joins to the last town of a list still has her as subject
            "In the spring of 1992 she made a tour, visiting Guangzhou, Shenzhen, Zhuhai and "
            "spending the New Year in Shanghai.",
            ("Shanghai", "residence", "1992-03"),
        ),
        (  # the "where" clause of the noun said of the town dates the stay
            "Her first job was at a plant in Colombes, a suburb of Paris where she moved in "
            "April 1921.",
            ("Colombes", "residence", "1921-04"),
        ),
        (  # a meeting named for its town (a small one, in the country of the text's places)
            "In 1847 she moved to Boston. In 1848 she was the only woman to attend the Seneca "
            "Falls Convention.",
            ("Seneca Falls", "conference", "1848"),
        ),
        (  # an attendee of a convention in a town
            "In 1853 she was a prominent attendee of the radical National Convention in "
            "Rochester.",
            ("Rochester", "conference", "1853"),
        ),
        (  # a post obtained for her by someone else is hers
            "In 1833 her brother managed to obtain for her a position as choirmaster at the "
            "theatre in Würzburg.",
            ("Würzburg", "residence", "1833"),
        ),
        (  # a visit she had made, dated in its own clause
            "She developed the idea during a visit she had made to Venice with friends in 1860.",
            ("Venice", "travel", "1860"),
        ),
        (  # leaving on an order is an expulsion, from where she lives
            "In 1848 she moved to Cologne. In 1849 the paper was suppressed and she was "
            "ordered to leave the country on 16 May.",
            ("Köln", "deportation", "1849-05-16"),
        ),
        (  # a request made "successfully" came true; the regiment places its members
            "In May 1913 she successfully requested to serve with the regiment garrisoned in "
            "Zagreb.",
            ("Zagreb", "residence", "1913-05"),
        ),
        (  # a list the small model reads as a second verb still hangs from the first verb
            "In 1895 she travelled abroad for the first time, visiting Switzerland, and then "
            "Paris and Berlin.",
            ("Berlin", "travel", "1895"),
        ),
        (  # "it" for her body, and a name the small model reads as a verb
            "She died in Venice in 1883. Her body was taken to Germany, where it was buried "
            "in the garden of the Villa Wahnfried in Bayreuth.",
            ("Bayreuth", "burial", "1883"),
        ),
        (  # a place phrase the small model hangs on the last of the people met
            "On March 12, 1859, she met with John Brown, George DeBaptiste, and others at "
            "William Webb's house in Detroit.",
            ("Detroit", "travel", "1859-03-12"),
        ),
        (  # a meeting placed by its own clause is where she attended it
            "In 1903 she attended the party's Second Congress, which opened in Brussels.",
            ("Brussels", "conference", "1903"),
        ),
    ],
)
def test_lists_participles_where_clauses_meetings_posts_and_orders(sentence, stop):
    found = extract_plain(f"Ada Example was a writer. She was born in Bristol in 1820. {sentence}")
    assert stop in [(e.place.name_today, e.kind.value, e.when.iso_start) for e in found]
