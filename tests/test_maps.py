"""The folium map as rendered HTML: markers, legend, escaped evidence, legs, the app's layer."""

from __future__ import annotations

import itertools
import json
import re

import pytest
from conftest import (
    NEW_YORK,
    NORDERHOV,
    ODESSA,
    PARIS,
    ST_PETERSBURG,
    TAMPICO,
    VIENNA,
    YANOVKA,
    day,
    event,
    month,
    span,
    year,
)
from markupsafe import escape

from trotsky_geo import bundled_text, extract
from trotsky_geo.events import EventKind
from trotsky_geo.gazetteer import Place, PlaceType
from trotsky_geo.itinerary import build_itinerary
from trotsky_geo.maps import (
    EXPORT_NOTE,
    KIND_STYLES,
    base_map,
    build_map,
    great_circle,
    journey_layer,
    marker_kind,
    popup_html,
    recorded_in,
    save_html,
    spatial_precision,
    year_caption,
)


def layer_data(rendered: str, call: str) -> list[dict]:
    """The GeoJSON features handed to ``L.timeline(`` or ``L.geoJSON(`` in a rendered page."""
    features: list[dict] = []
    for match in re.finditer(re.escape(call) + r"(?=\{)", rendered):
        data, _ = json.JSONDecoder().raw_decode(rendered, match.end())
        features += data["features"]
    return features


def popups_of(rendered: str) -> dict[str, str]:
    """Every stop's popup HTML in a rendered page, by stop index."""
    popups: dict[str, str] = {}
    for match in re.finditer(r"\(function \(popups\)", rendered):
        start = rendered.index("})(", match.end()) + 3
        data, _ = json.JSONDecoder().raw_decode(rendered, start)
        popups.update(data)
    return popups


def stops_of(features: list[dict], state: str | None = None) -> list[dict]:
    return [
        f["properties"] for f in features
        if f["properties"]["role"] == "stop" and state in (None, f["properties"]["state"])
    ]


def legs_of(features: list[dict]) -> list[list[list[float]]]:
    return [f["geometry"]["coordinates"] for f in features if f["properties"]["role"] == "leg"]


@pytest.fixture(scope="module")
def animated(sample_itinerary) -> str:
    return build_map(sample_itinerary).get_root().render()


@pytest.fixture(scope="module")
def static(sample_itinerary) -> str:
    return build_map(sample_itinerary, animate=False).get_root().render()


def test_the_animated_map_has_one_marker_per_stop_at_any_time(animated, sample_itinerary):
    features = layer_data(animated, "L.timeline(")
    current = stops_of(features, "current")
    assert sorted(p["stop"] for p in current) == list(range(len(sample_itinerary.stops)))
    for stop in current:
        later = [p for p in stops_of(features, "visited") if p["stop"] == stop["stop"]]
        assert all(p["start"] > stop["end"] for p in later), "a stop is drawn twice at once"


def test_the_static_map_has_one_marker_per_stop(static, sample_itinerary):
    stops = stops_of(layer_data(static, "L.geoJSON("))
    assert len(stops) == len(sample_itinerary.stops)
    assert [p["kind"] for p in stops] == [s.kind.value for s in sample_itinerary.stops]


def test_markers_are_coloured_by_kind(static):
    for stop in stops_of(layer_data(static, "L.geoJSON(")):
        assert stop["colour"] == KIND_STYLES[EventKind(stop["kind"])].colour
    assert len({style.colour for style in KIND_STYLES.values()}) == len(KIND_STYLES)


def test_legend_lists_the_kinds_shown_and_says_the_export_needs_internet(static):
    assert EXPORT_NOTE in static
    assert "needs internet" in EXPORT_NOTE
    for kind in ("birth", "exile", "death", "hospital"):
        assert f'"label":"{kind}"' in static
    assert '"label":"burial"' not in static


def test_every_evidence_sentence_is_in_the_popups_escaped(static, sample_itinerary):
    popups = "".join(popups_of(static).values())
    for recorded in sample_itinerary.events:
        assert str(escape(recorded.evidence.sentence)) in popups
        assert str(escape(recorded.evidence.section)) in popups


def test_popup_gives_names_as_written_today_and_marks_inferred_dates(sample_itinerary):
    prinkipo = next(s for s in sample_itinerary.stops if "Prinkipo" in s.names_written)
    text = " ".join(popup_html(prinkipo).split())
    assert "Büyükada / Prinkipo" in text
    assert "Apr 1929 <i>(inferred from context)</i>" in text
    birth = " ".join(popup_html(sample_itinerary.stops[0]).split())
    assert "today: Bereslavka" in birth
    assert "7 Nov 1879" in birth
    assert "inferred" not in birth.split("until")[1]


HOSTILE = (
    "Lev Bronstein was born in Yanovka on 7 November 1879 <script>alert(1)</script>. "
    "He studied in Odessa in 1887 <img src=x onerror=alert(2)>."
)


def test_markup_in_the_text_never_reaches_the_page_as_markup(tmp_path):
    born, studied = HOSTILE.split(". ", 1)
    hostile = build_itinerary([
        event(EventKind.BIRTH, YANOVKA, "Yanovka</script><script>alert(4)//", day(1879, 11, 7),
              born + ".", "<i>Childhood</i>", text=HOSTILE),
        event(EventKind.EDUCATION, ODESSA, "Odessa", year(1887), studied, "Childhood",
              text=HOSTILE),
    ])
    saved = save_html(build_map(hostile), tmp_path / "hostile.html").read_text()
    assert "<script>alert" not in saved
    assert "</script><script>" not in saved
    assert "<img src=x" not in saved
    assert "<i>Childhood" not in saved
    popups = "".join(popups_of(saved).values())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in popups
    assert "&lt;img src=x onerror=alert(2)&gt;" in popups


@pytest.mark.parametrize(
    ("origin", "destination"),
    [
        ((NEW_YORK.lat, NEW_YORK.lon), (ST_PETERSBURG.lat, ST_PETERSBURG.lon)),
        ((NORDERHOV.lat, NORDERHOV.lon), (TAMPICO.lat, TAMPICO.lon)),
        ((43.1155, 131.8855), (37.7749, -122.4194)),  # Vladivostok to San Francisco
        ((-33.87, 151.21), (-33.45, -70.66)),  # Sydney to Santiago
    ],
)
def test_great_circle_legs_are_smooth_and_never_jump_round_the_world(origin, destination):
    points = great_circle(origin, destination)
    assert len(points) > 50
    assert points[0] == origin
    assert points[-1][0] == destination[0]
    assert (points[-1][1] - destination[1]) % 360 == pytest.approx(0)
    assert all(abs(b[1] - a[1]) < 180 for a, b in itertools.pairwise(points))
    total = sum(abs(b[1] - a[1]) for a, b in itertools.pairwise(points))
    assert total < 180, "the arc goes the long way round"


def test_transatlantic_legs_cross_the_atlantic_on_an_arc(static):
    legs = legs_of(layer_data(static, "L.geoJSON("))
    atlantic = [leg for leg in legs if leg[0][0] < -60 and leg[-1][0] > 20]
    atlantic += [leg for leg in legs if leg[0][0] > 0 and leg[-1][0] < -90]
    assert len(atlantic) == 2  # Amherst → Petrograd, Hurum → Tampico
    for leg in atlantic:
        assert len(leg) > 50
        assert all(abs(b[0] - a[0]) < 180 for a, b in itertools.pairwise(leg))
        assert max(lat for _, lat in leg) > max(leg[0][1], leg[-1][1]) + 3, "not a great circle"
    for leg in legs:
        assert all(abs(b[0] - a[0]) < 180 for a, b in itertools.pairwise(leg))


def test_stops_at_one_place_are_drawn_apart(static, sample_itinerary):
    stops = stops_of(layer_data(static, "L.geoJSON("))
    by_place: dict[str, list[tuple[float, float]]] = {}
    for stop, props in zip(sample_itinerary.stops, stops, strict=True):
        by_place.setdefault(stop.place.id, []).append((props["dx"], props["dy"]))
    assert len(by_place[ODESSA.id]) == 3
    assert len(by_place[ST_PETERSBURG.id]) == 2
    for offsets in by_place.values():
        assert len(set(offsets)) == len(offsets)
        assert all(abs(dx) <= 80 and abs(dy) <= 80 for dx, dy in offsets)


def test_the_slider_starts_at_birth_and_plays_by_itself(animated):
    features = layer_data(animated, "L.timeline(")
    assert min(p["start"] for p in stops_of(features)) == "1879-11-07"
    assert max(p["end"] for p in stops_of(features)) == "1940-08-21"
    assert '"autoPlay": true' in animated
    assert "HH:mm" not in animated


def test_filters_keep_only_the_chosen_kinds_and_years(sample_itinerary):
    deaths = stops_of(layer_data(
        build_map(sample_itinerary, kinds=["death"]).get_root().render(), "L.timeline("
    ))
    assert {p["kind"] for p in deaths} == {"death"}
    norway = build_map(sample_itinerary, start_year=1935, end_year=1936, animate=False)
    names = [p["tooltip"] for p in stops_of(layer_data(norway.get_root().render(), "L.geoJSON("))]
    assert [name.split(",")[0] for name in names] == ["Norderhov", "Oslo", "Hurum"]


def test_journey_layer_for_1917_stops_there_and_highlights_that_year(sample_itinerary):
    fmap = base_map(sample_itinerary)
    journey_layer(sample_itinerary, year=1917).add_to(fmap)
    features = layer_data(fmap.get_root().render(), "L.geoJSON(")
    current = [p["tooltip"].split(",")[0] for p in stops_of(features, "current")]
    assert current == ["New York City", "Halifax", "Amherst", "Petrograd"]
    visited = [p["tooltip"] for p in stops_of(features, "visited")]
    assert visited[0] == "Yanovka, 7 Nov 1879"
    assert len(visited) + len(current) == 18
    assert not any("19" + decade in name for name in visited for decade in "2345")
    assert len(legs_of(features)) == 17
    assert stops_of(features, "current")[0]["size"] > stops_of(features, "visited")[0]["size"]


def test_journey_layer_before_birth_is_empty(sample_itinerary):
    fmap = base_map(sample_itinerary)
    journey_layer(sample_itinerary, year=1870).add_to(fmap)
    assert layer_data(fmap.get_root().render(), "L.geoJSON(") == []


def test_base_map_is_the_same_on_every_call(sample_itinerary):
    def normalised() -> str:
        html = base_map(sample_itinerary).get_root().render()
        return re.sub(r"_[0-9a-f]{32}", "_ID", html)

    first = normalised()
    assert first == normalised()
    assert "L.timeline(" not in first
    assert "fitBounds" in first


@pytest.mark.parametrize(
    ("year", "caption"),
    [
        (1917, "1917 — New York City → New York → Halifax → Amherst → Petrograd"),
        (1879, "1879 — Yanovka"),
        (1870, "1870 — no recorded movement"),
        (1923, "1923 — no recorded movement (last recorded: Petrograd, May 1917)"),
        (1929, "1929 — Istanbul → Büyükada → Prinkipo"),
        (1940, "1940 — Avenida Viena → Mexico City"),
    ],
)
def test_year_caption(sample_itinerary, year, caption):
    assert year_caption(sample_itinerary, year) == caption


@pytest.fixture(scope="module")
def article():
    return extract(bundled_text())


def test_the_1917_caption_of_the_article_reads_as_the_text_tells_it(article):
    caption = year_caption(article, 1917)
    assert caption.startswith(
        "1917 — New York City → 1522 Vyse Avenue → New York → Halifax → "
        "Amherst Internment Camp → Russia → Petrograd"
    ), caption
    assert "Vienna" not in caption, "a friendship 'for the next 20 years' is no stay in Vienna"
    assert "United States" not in caption, "he was deported there in December 1916"


def test_a_return_within_the_year_is_kept_and_no_name_is_said_twice_in_a_row(article):
    caption = year_caption(article, 1905)
    assert "Saint Petersburg → Finland → Saint Petersburg" in caption
    for year_ in range(1879, 1941):
        names = year_caption(article, year_).split(" — ", 1)[1].split(" → ")
        assert all(a != b for a, b in itertools.pairwise(names)), names


JOFFE = (
    "In Vienna he became close to Adolph Joffe, his friend for the next 20 years, who "
    "introduced him to psychoanalysis."
)


def test_an_inferred_date_does_not_stretch_a_stay():
    stop = build_itinerary([
        event(EventKind.RESIDENCE, VIENNA, "Vienna", month(1907, 10),
              "In October he moved to Vienna in Austria-Hungary.", "Second emigration"),
        event(EventKind.RESIDENCE, VIENNA, "Vienna", span(year(1907), year(1927)), JOFFE,
              "Second emigration", date_inferred=True),
        event(EventKind.RESIDENCE, PARIS, "Paris", month(1915, 1),
              "In January 1915 in Paris he began editing Nashe Slovo (\"Our Word\"), an "
              "internationalist socialist newspaper, initially with Martov (who soon resigned "
              "as the paper moved left).", "World War I (1914–1917)"),
    ]).stops[0]
    assert recorded_in(stop, 1907)
    assert not recorded_in(stop, 1908)
    assert not recorded_in(stop, 1917)


def test_recorded_in_is_what_the_map_highlights(sample_itinerary):
    for year_ in (1887, 1905, 1917, 1929, 1936):
        fmap = base_map(sample_itinerary)
        journey_layer(sample_itinerary, year=year_).add_to(fmap)
        drawn = stops_of(layer_data(fmap.get_root().render(), "L.geoJSON("), "current")
        expected = [i for i, s in enumerate(sample_itinerary.stops) if recorded_in(s, year_)]
        assert [p["stop"] for p in drawn] == expected


def test_the_app_legend_starts_closed_and_the_export_legend_open(sample_itinerary):
    assert "!true &&" in base_map(sample_itinerary).get_root().render()
    assert "!false &&" in build_map(sample_itinerary).get_root().render()


def test_a_death_shows_on_the_marker_even_when_the_stay_began_with_travel(sample_itinerary):
    arrival, death = (e for e in sample_itinerary.events if e.place.id == "Q1489")
    stop = build_itinerary([arrival, death]).stops[0]
    assert stop.kind is EventKind.TRAVEL
    assert marker_kind(stop) is EventKind.DEATH
    assert marker_kind(stop, frozenset({EventKind.TRAVEL})) is EventKind.TRAVEL


def test_the_export_has_the_stays_strip_under_the_map(animated, sample_itinerary):
    strip = animated[animated.index('<svg class="tg-stays"') : animated.index("</svg>")]
    starts = re.findall(r'class="tg-stay" data-start="([\d-]+)"', strip)
    arrivals = [stop.arrival.start.isoformat() for stop in sample_itinerary.stops]
    assert [start for start in starts if start in arrivals] == arrivals
    assert "Büyükada" in strip and "tg-stays-now" in strip


def test_the_strip_escapes_the_text(tmp_path):
    text = "He was born in Yanovka. He studied in Odessa."
    hostile = build_itinerary([
        event(EventKind.BIRTH, YANOVKA, "<b>Yanovka</b>", day(1879, 11, 7),
              "He was born in Yanovka.", "Childhood", text=text),
        event(EventKind.EDUCATION, ODESSA, "Odessa", year(1887), "He studied in Odessa.",
              "Childhood", text=text),
    ])
    saved = save_html(build_map(hostile), tmp_path / "hostile.html").read_text()
    assert "<title>&lt;b&gt;Yanovka&lt;/b&gt;: birth" in saved
    assert "<b>Yanovka</b>" not in saved


SWITZERLAND = Place("Q39", "Switzerland", "Switzerland", 46.8182, 8.2275, "CH", PlaceType.COUNTRY)
ZURICH = Place("Q72", "Zürich", "Zürich", 47.3769, 8.5417, "CH", PlaceType.CITY)
URALS = Place("Q35600", "Urals", "Urals", 60.0, 59.5, "RU", PlaceType.REGION)
AREA_TEXT = (
    "In 1914 he went from Vienna to Switzerland. He settled in Zürich. "
    "In 1915 he moved to Paris. In 1919 he was in the Urals."
)


def area_itinerary(*places: tuple[Place, str, int]):
    sentences = {
        "Vienna": "In 1914 he went from Vienna to Switzerland.",
        "Switzerland": "In 1914 he went from Vienna to Switzerland.",
        "Zürich": "He settled in Zürich.",
        "Paris": "In 1915 he moved to Paris.",
        "Urals": "In 1919 he was in the Urals.",
    }
    return build_itinerary([
        event(EventKind.RESIDENCE, place, written, year(when), sentences[written], "War",
              text=AREA_TEXT)
        for place, written, when in places
    ])


def test_a_country_stop_is_its_outline_and_a_region_a_circle_named_somewhere_in():
    journey = area_itinerary(
        (VIENNA, "Vienna", 1913), (SWITZERLAND, "Switzerland", 1914), (PARIS, "Paris", 1915),
        (URALS, "Urals", 1919),
    )
    stops = stops_of(layer_data(build_map(journey, animate=False).get_root().render(),
                                "L.geoJSON("))
    assert "area" not in stops[0]
    outline = stops[1]["area"]["polygons"]
    assert outline and all(45 < lat < 48.5 and 5 < lon < 11 for lat, lon in outline[0][0])
    assert stops[3]["area"] == {"radius": 350_000}
    assert stops[1]["tooltip"] == "somewhere in Switzerland, 1914"
    assert popup_html(journey.stops[3]).count("somewhere in Urals") == 1
    assert spatial_precision(SWITZERLAND) == "country"
    assert spatial_precision(URALS) == "region"
    assert spatial_precision(ZURICH) == "point"


def test_legs_meet_an_area_at_its_edge_or_at_the_place_named_next_inside_it():
    edge = area_itinerary(
        (VIENNA, "Vienna", 1913), (SWITZERLAND, "Switzerland", 1914), (PARIS, "Paris", 1915)
    )
    legs = legs_of(layer_data(build_map(edge, animate=False).get_root().render(), "L.geoJSON("))
    assert len(legs) == 2
    into, out_of = legs
    assert into[-1] != [SWITZERLAND.lon, SWITZERLAND.lat]
    assert 9 < into[-1][0] < 10.6, "the leg from Vienna stops at the Swiss border"
    assert 5.9 < out_of[0][0] < 7.5, "the leg to Paris starts at the Swiss border"
    named = area_itinerary(
        (VIENNA, "Vienna", 1913), (SWITZERLAND, "Switzerland", 1914), (ZURICH, "Zürich", 1914),
        (PARIS, "Paris", 1915),
    )
    legs = legs_of(layer_data(build_map(named, animate=False).get_root().render(), "L.geoJSON("))
    assert len(legs) == 2, "no leg from Switzerland to Zürich, inside it"
    assert legs[0][-1] == [round(ZURICH.lon, 3), round(ZURICH.lat, 3)]
    assert legs[1][0] == [round(ZURICH.lon, 3), round(ZURICH.lat, 3)]


def test_the_strip_of_a_map_of_some_years_shows_only_their_stays(sample_itinerary):
    rendered = build_map(sample_itinerary, start_year=1935, end_year=1936).get_root().render()
    strip = rendered[rendered.index('<svg class="tg-stays"') : rendered.index("</svg>")]
    assert "Norderhov" in strip and "Yanovka" not in strip
