"""Shared fixtures: a hand-built Trotsky itinerary from real sentences, and a headless browser."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pytest

from trotsky_geo import nlp
from trotsky_geo.dates import DateSpan, Precision
from trotsky_geo.document import parse_document
from trotsky_geo.events import Event, EventKind, Evidence
from trotsky_geo.gazetteer import Gazetteer, Place, PlaceMention, PlaceType
from trotsky_geo.itinerary import Itinerary, build_itinerary
from trotsky_geo.subject import Subject
from trotsky_geo.toponyms import find_toponyms

ROOT = Path(__file__).resolve().parents[1]
#: A title for texts that are one sentence: the subject is nobody the sentence names.
TEST_TITLE = "= Ann Example =\n\n"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

TEXT = resources.files("trotsky_geo").joinpath("data", "trotsky_wikipedia.txt").read_text("utf-8")

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _place(
    wikidata: str, name: str, lat: float, lon: float, country: str, kind: PlaceType,
    today: str | None = None,
) -> Place:
    return Place(wikidata, name, today or name, lat, lon, country, kind, source="Wikidata")


YANOVKA = _place("Q4131180", "Yanovka", 48.0833, 32.7500, "UA", PlaceType.VILLAGE, "Bereslavka")
ODESSA = _place("Q1874", "Odessa", 46.4825, 30.7233, "UA", PlaceType.CITY, "Odesa")
NIKOLAYEV = _place("Q2092", "Nikolayev", 46.9750, 31.9946, "UA", PlaceType.CITY, "Mykolaiv")
MOSCOW = _place("Q649", "Moscow", 55.7558, 37.6173, "RU", PlaceType.CITY)
UST_KUT = _place("Q194342", "Ust-Kut", 56.7936, 105.7672, "RU", PlaceType.CITY)
LONDON = _place("Q84", "London", 51.5074, -0.1278, "GB", PlaceType.CITY)
KIEV = _place("Q1899", "Kiev", 50.4501, 30.5234, "UA", PlaceType.CITY, "Kyiv")
ST_PETERSBURG = _place("Q656", "Saint Petersburg", 59.9386, 30.3141, "RU", PlaceType.CITY)
BEREZOV = _place("Q17614", "Berezov", 63.9333, 65.0500, "RU", PlaceType.VILLAGE, "Beryozovo")
VIENNA = _place("Q1741", "Vienna", 48.2082, 16.3738, "AT", PlaceType.CITY)
PARIS = _place("Q90", "Paris", 48.8566, 2.3522, "FR", PlaceType.CITY)
NEW_YORK = _place("Q60", "New York City", 40.7128, -74.0060, "US", PlaceType.CITY)
HALIFAX = _place("Q2141", "Halifax", 44.6488, -63.5752, "CA", PlaceType.CITY)
AMHERST = _place("Q457040", "Amherst", 45.8167, -64.2167, "CA", PlaceType.CITY)
ALMA_ATA = _place("Q35493", "Alma Ata", 43.2389, 76.8897, "KZ", PlaceType.CITY, "Almaty")
ISTANBUL = _place("Q406", "Istanbul", 41.0082, 28.9784, "TR", PlaceType.CITY)
BUYUKADA = _place("Q838013", "Büyükada", 40.8586, 29.1200, "TR", PlaceType.VILLAGE)
ROYAN = _place("Q193821", "Royan", 45.6214, -1.0286, "FR", PlaceType.CITY)
NORDERHOV = _place("Q1956683", "Norderhov", 60.1333, 10.2667, "NO", PlaceType.VILLAGE)
OSLO = _place("Q585", "Oslo", 59.9139, 10.7522, "NO", PlaceType.CITY)
HURUM = _place("Q110624", "Hurum", 59.6333, 10.4333, "NO", PlaceType.VILLAGE)
TAMPICO = _place("Q216309", "Tampico", 22.2553, -97.8686, "MX", PlaceType.CITY)
MEXICO_CITY = _place("Q1489", "Mexico City", 19.4326, -99.1332, "MX", PlaceType.CITY)
COYOACAN = _place("Q1062002", "Coyoacán", 19.3467, -99.1617, "MX", PlaceType.CITY)
AVENIDA_VIENA = _place(
    "Q1191779", "Avenida Viena", 19.3553, -99.1600, "MX", PlaceType.BUILDING,
    "Museo Casa de León Trotsky",
)


def day(year: int, month: int, number: int) -> DateSpan:
    """A date the text gives to the day: "7 Nov 1879"."""
    date = dt.date(year, month, number)
    return DateSpan(date, date, Precision.DAY, f"{number} {_MONTHS[month - 1]} {year}")


def month(year: int, number: int) -> DateSpan:
    """A date the text gives to the month: "Jan 1907"."""
    start = dt.date(year, number, 1)
    end = dt.date(year + number // 12, number % 12 + 1, 1) - dt.timedelta(days=1)
    return DateSpan(start, end, Precision.MONTH, f"{_MONTHS[number - 1]} {year}")


def year(number: int) -> DateSpan:
    """A date the text gives to the year: "1887"."""
    return DateSpan(dt.date(number, 1, 1), dt.date(number, 12, 31), Precision.YEAR, str(number))


def season(start: dt.date, end: dt.date, label: str) -> DateSpan:
    """A part of a year: "summer 1902", "early 1897"."""
    return DateSpan(start, end, Precision.SEASON, label)


def span(first: DateSpan, last: DateSpan) -> DateSpan:
    """A stay the text bounds at both ends: "from 18 June 1935 to 2 September 1936"."""
    return DateSpan(first.start, last.end, first.precision, f"{first.label}–{last.label}")


def event(
    kind: EventKind,
    place: Place,
    written: str,
    when: DateSpan,
    sentence: str,
    section: str,
    *,
    date_inferred: bool = False,
    place_inferred: bool = False,
    text: str = TEXT,
) -> Event:
    """An event whose evidence is a sentence that really is in ``text`` (ValueError otherwise)."""
    start = text.index(sentence)
    return Event(
        kind=kind,
        place=place,
        place_text=written,
        when=when,
        date_inferred=date_inferred,
        place_inferred=place_inferred,
        evidence=Evidence(sentence, section, start, start + len(sentence)),
        confidence=0.9,
        subject="Leon Trotsky",
    )


K = EventKind
CHILDHOOD = "Childhood and family (1879–1895)"
ACTIVITY = "Revolutionary activity and imprisonment (1896–1898)"
SIBERIA = "First marriage and Siberian exile (1899–1902)"
EMIGRATION = "First emigration and second marriage (1902–1903)"
REVOLUTION_1905 = "1905 revolution and trial (1905–1906)"
SECOND_EMIGRATION = "Second emigration (1907–1914)"
WAR = "World War I (1914–1917)"
DEFEAT = "Defeat and exile (1927–1928)"


def trotsky_events() -> list[Event]:
    """Events of Trotsky's life, each read off one real sentence of the bundled article."""
    return [
        event(K.BIRTH, YANOVKA, "Yanovka", day(1879, 11, 7),
              "Lev Davidovich Bronstein was born on 7 November 1879 into a wealthy but illiterate "
              "Jewish farming family in Yanovka, a village in the Kherson Governorate of the "
              "Russian Empire.", CHILDHOOD),
        event(K.EDUCATION, ODESSA, "Odessa", year(1887),
              "David sent Trotsky to Odessa for education when the latter was eight years old.",
              CHILDHOOD, date_inferred=True),
        event(K.RESIDENCE, NIKOLAYEV, "Nikolayev", year(1896),
              "Trotsky became involved in revolutionary activities in 1896 after moving to the "
              "port town of Nikolayev (now Mykolaiv) on the Black Sea.", ACTIVITY),
        event(K.EDUCATION, ODESSA, "Odessa University", year(1896),
              "Trotsky briefly attended Odessa University, studying engineering and mathematics.",
              ACTIVITY, date_inferred=True),
        event(K.RESIDENCE, NIKOLAYEV, "Nikolayev",
              season(dt.date(1897, 1, 1), dt.date(1897, 4, 30), "early 1897"),
              "He dropped out in early 1897 to help to organise the South Russian Workers' Union "
              "in Nikolayev.", ACTIVITY),
        event(K.ARREST, NIKOLAYEV, "Nikolayev", month(1898, 1),
              "In January 1898 over 200 union members, including Trotsky, were arrested.",
              ACTIVITY, place_inferred=True),
        event(K.IMPRISONMENT, ODESSA, "Odessa", year(1898),
              "He spent the next two years in prison awaiting trial, first in Nikolayev, then "
              "Kherson, Odessa, and finally Moscow.", ACTIVITY, date_inferred=True),
        event(K.IMPRISONMENT, MOSCOW, "Moscow",
              season(dt.date(1900, 6, 1), dt.date(1900, 8, 31), "summer 1900"),
              "While imprisoned in Moscow in the summer of 1900, Trotsky married his "
              "fellow-Marxist Aleksandra Sokolovskaya (1872–1938) in a ceremony performed by a "
              "Jewish chaplain.", SIBERIA),
        event(K.EXILE, UST_KUT, "Ust-Kut", year(1900),
              "Due to their marriage, Trotsky and his wife were exiled together to Ust-Kut and "
              "Verkholensk in the Baikal region.", SIBERIA, date_inferred=True),
        event(K.RESIDENCE, LONDON, "London",
              season(dt.date(1902, 6, 1), dt.date(1902, 8, 31), "summer 1902"),
              "After escaping Siberia, Trotsky moved to London, joining Georgi Plekhanov, Lenin, "
              "Julius Martov and other editors of Iskra.", EMIGRATION, date_inferred=True),
        event(K.TRAVEL, KIEV, "Kiev", month(1905, 2),
              "Following Bloody Sunday, Trotsky secretly returned to Russia in February 1905 via "
              "Kiev.", REVOLUTION_1905),
        event(K.RESIDENCE, ST_PETERSBURG, "Saint Petersburg", day(1905, 10, 15),
              "Amidst this turmoil, Trotsky returned to Saint Petersburg on 15 October.",
              REVOLUTION_1905),
        event(K.ARREST, ST_PETERSBURG, "Saint Petersburg", day(1905, 12, 3),
              "The following day, 3 December 1905, government troops surrounded the Soviet, and "
              "its deputies were arrested.", REVOLUTION_1905, place_inferred=True),
        event(K.ESCAPE, BEREZOV, "Berezov", month(1907, 1),
              "En route to exile in Obdorsk, Siberia, in January 1907, Trotsky escaped at Berezov "
              "and made his way to London.", SECOND_EMIGRATION),
        event(K.RESIDENCE, VIENNA, "Vienna", month(1907, 10),
              "In October he moved to Vienna in Austria-Hungary.", SECOND_EMIGRATION,
              date_inferred=True),
        event(K.RESIDENCE, PARIS, "Paris", month(1915, 1),
              "In January 1915 in Paris he began editing Nashe Slovo (\"Our Word\"), an "
              "internationalist socialist newspaper, initially with Martov (who soon resigned as "
              "the paper moved left).", WAR),
        event(K.TRAVEL, NEW_YORK, "New York City", day(1917, 1, 13),
              "He arrived in New York City on 13 January 1917, staying for over two months at "
              "1522 Vyse Avenue in the Bronx.", WAR),
        event(K.TRAVEL, NEW_YORK, "New York", day(1917, 3, 27),
              "He left New York aboard SS Kristianiafjord on 27 March 1917, but his ship was "
              "intercepted by the Royal Navy at Halifax, Nova Scotia.", WAR),
        event(K.ARREST, HALIFAX, "Halifax", month(1917, 4),
              "He left New York aboard SS Kristianiafjord on 27 March 1917, but his ship was "
              "intercepted by the Royal Navy at Halifax, Nova Scotia.", WAR, date_inferred=True),
        event(K.IMPRISONMENT, AMHERST, "Amherst", month(1917, 4),
              "Trotsky was arrested and detained for a month at the Amherst Internment Camp in "
              "Nova Scotia.", WAR, date_inferred=True),
        event(K.RESIDENCE, ST_PETERSBURG, "Petrograd", month(1917, 5),
              "Trotsky temporarily joined the Mezhraiontsy, a regional social democratic "
              "organisation in Petrograd, becoming one of its leaders.", WAR, date_inferred=True),
        event(K.ARREST, ST_PETERSBURG, "Petrograd", day(1917, 8, 7),
              "After an unsuccessful pro-Bolshevik uprising in Petrograd in July (the July Days), "
              "Trotsky was arrested on 7 August 1917.", WAR),
        event(K.EXILE, ALMA_ATA, "Alma Ata", day(1928, 1, 31),
              "Trotsky was exiled to Alma Ata (now Almaty), Kazakhstan, on 31 January 1928.",
              DEFEAT),
        event(K.DEPORTATION, ISTANBUL, "Istanbul", month(1929, 2),
              "For his first two months, he lived with his wife and eldest son at the Soviet "
              "Consulate in Istanbul and then a nearby hotel.", "Turkey", date_inferred=True),
        event(K.RESIDENCE, BUYUKADA, "Büyükada", month(1929, 4),
              "In April 1929, Turkish authorities moved them to the island of Büyükada "
              "(Prinkipo), into a house called the Yanaros mansion.", "Turkey"),
        event(K.RESIDENCE, BUYUKADA, "Prinkipo", month(1929, 4),
              "He was also at risk from former White Army officers on Prinkipo.", "Turkey",
              date_inferred=True),
        event(K.RESIDENCE, ROYAN, "Royan", span(month(1933, 7), month(1934, 2)),
              "From July 1933 to February 1934 Trotsky and his wife lived in Royan.", "France"),
        event(K.RESIDENCE, NORDERHOV, "Norderhov", span(day(1935, 6, 18), day(1936, 9, 2)),
              "After Justice Minister Trygve Lie granted permission, Trotsky and his wife became "
              "guests of Konrad Knudsen at Norderhov, near Hønefoss, living at Knudsen's house "
              "from 18 June 1935 to 2 September 1936.", "Norway"),
        event(K.HOSPITAL, OSLO, "Oslo", day(1935, 9, 19),
              "Trotsky was hospitalised for a few weeks at Oslo Community Hospital from 19 "
              "September 1935.", "Norway"),
        event(K.ARREST, HURUM, "Hurum", day(1936, 9, 2),
              "On 2 September 1936 Trygve Lie ordered Trotsky and his wife transferred to a farm "
              "in Hurum, where they were under house arrest.", "Norway"),
        event(K.TRAVEL, TAMPICO, "Tampico", month(1937, 1),
              "President Lázaro Cárdenas welcomed Trotsky and arranged a special train, The "
              "Hidalgo, to bring him to Mexico City from Tampico.", "Mexico", date_inferred=True),
        event(K.TRAVEL, MEXICO_CITY, "Mexico City", month(1937, 1),
              "President Lázaro Cárdenas welcomed Trotsky and arranged a special train, The "
              "Hidalgo, to bring him to Mexico City from Tampico.", "Mexico", date_inferred=True),
        event(K.RESIDENCE, COYOACAN, "Coyoacán", span(month(1937, 1), month(1939, 4)),
              "From January 1937 to April 1939 Trotsky and his wife lived in Coyoacán at La Casa "
              "Azul (The Blue House), home of the painter Frida Kahlo (with whom Trotsky had an "
              "affair) and her husband, Diego Rivera, also a painter.", "Mexico"),
        event(K.RESIDENCE, AVENIDA_VIENA, "Avenida Viena", month(1939, 4),
              "His final move, after a break with Rivera, was to a residence on Avenida Viena in "
              "April 1939.", "Mexico"),
        event(K.ATTACK, AVENIDA_VIENA, "Avenida Viena", day(1940, 5, 24),
              "On 24 May 1940 Trotsky survived a raid on his villa by armed assassins led by the "
              "NKVD agent Iosif Grigulevich and the Mexican painter David Alfaro Siqueiros.",
              "Assassination", place_inferred=True),
        event(K.ATTACK, AVENIDA_VIENA, "Avenida Viena", day(1940, 8, 20),
              "On 20 August 1940 Trotsky was attacked in his study by the Spanish-born NKVD agent "
              "Ramón Mercader, who used an ice axe.", "Assassination", place_inferred=True),
        event(K.DEATH, MEXICO_CITY, "Mexico City", day(1940, 8, 21),
              "Trotsky was taken to a hospital and operated on but died at age 60 on 21 August "
              "1940 from blood loss and shock.", "Assassination", place_inferred=True),
    ]


@pytest.fixture(scope="session", autouse=True)
def library_in_a_temp_dir(tmp_path_factory) -> Iterator[Path]:
    """No test ever reads or writes the user's own library: it lives in a temp dir."""
    where = tmp_path_factory.mktemp("library")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TROTSKY_GEO_LIBRARY", str(where / "library.sqlite"))
        patch.setenv("XDG_DATA_HOME", str(where / "xdg"))
        yield where


@pytest.fixture(scope="session")
def sample_itinerary() -> Itinerary:
    """Trotsky's journey built by hand from real sentences, independent of the extractor."""
    return build_itinerary(trotsky_events(), subject="Leon Trotsky")


# --- headless browser --------------------------------------------------------------------


def plain_png(
    width: int = 256, height: int = 256, rgb: tuple[int, int, int] = (226, 232, 222)
) -> bytes:
    """A PNG of one flat colour, made here so that no image file is committed for map tiles."""
    row = b"\x00" + bytes(rgb) * width
    raw = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


@dataclass
class BrowserPage:
    """A Playwright page whose network is local, with what went wrong while it ran."""

    page: object
    errors: list[str] = field(default_factory=list)
    aborted: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright (never a browser Playwright downloads)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/browser_deps.sh` (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser) -> Iterator[BrowserPage]:
    """A fresh page: CDN files from .cache/cdn, plain tiles, localhost through, the rest refused.

    Console errors, page errors, refused requests and dialogs are collected for the test to
    assert on.
    """
    from browser.cdn import CdnCache, router

    cache = CdnCache.default()
    tile = plain_png()
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    result = BrowserPage(page)

    def on_dialog(dialog) -> None:
        result.dialogs.append(dialog.message)
        dialog.dismiss()

    context.route("**/*", router(cache, tile, result.aborted))
    def on_console(message) -> None:
        if message.type == "error":
            result.errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: result.errors.append(str(error)))
    page.on("dialog", on_dialog)
    yield result
    context.close()


def find(gazetteer: Gazetteer, text: str) -> list[PlaceMention]:
    """The toponyms of a text as the reader sees them: parsed, matched, read in context;
    offsets relative to ``text``."""
    pipeline = nlp.load()
    document = parse_document(TEST_TITLE + text, pipeline)
    subject = Subject.from_document(document)
    shift = len(TEST_TITLE)
    return [
        PlaceMention(m.text, m.start - shift, m.end - shift, m.candidates)
        for m in (t.mention for t in find_toponyms(document, gazetteer, pipeline, subject))
    ]
