"""Online geocoding against a local Nominatim-shaped server: places, cache, errors, user agent."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import find

from trotsky_geo.errors import GeocodingError
from trotsky_geo.gazetteer import Gazetteer, PlaceType
from trotsky_geo.geocoders import OnlineGeocoder, is_only_adjective

GENEVA = {
    "place_id": 1, "osm_type": "relation", "osm_id": 1685488, "lat": "46.2017559",
    "lon": "6.1466014", "class": "boundary", "type": "administrative", "addresstype": "city",
    "name": "Genève", "display_name": "Genève, Schweiz/Suisse/Svizzera/Svizra",
    "address": {"city": "Genève", "country": "Schweiz/Suisse/Svizzera/Svizra",
                "country_code": "ch"},
}
ZHARKENT = {
    "place_id": 2, "osm_type": "node", "osm_id": 337538219, "lat": "44.1628", "lon": "80.0",
    "class": "place", "type": "town", "addresstype": "town", "name": "Жаркент",
    "display_name": "Жаркент, Kazakhstan", "address": {"country_code": "kz"},
}


@dataclass
class FakeNominatim:
    """What the local server was asked: query parameters and user agents, in order."""

    port: int = 0
    queries: list[dict[str, list[str]]] = field(default_factory=list)
    user_agents: list[str] = field(default_factory=list)


@pytest.fixture
def nominatim(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeNominatim]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    record = FakeNominatim()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            query = parse_qs(url.query)
            record.queries.append(query)
            record.user_agents.append(self.headers.get("User-Agent", ""))
            name = query.get("q", [""])[0]
            if url.path != "/search" or name == "Broken":
                self.send_response(500)
                self.end_headers()
                return
            answers = {"Geneva": [GENEVA], "Panfilov": [ZHARKENT]}.get(name, [])
            body = json.dumps(answers).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Keep the test output quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    record.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield record
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def geocoder(nominatim: FakeNominatim, cache: Path) -> OnlineGeocoder:
    return OnlineGeocoder(domain=f"127.0.0.1:{nominatim.port}", scheme="http", cache_path=cache,
                          min_delay_seconds=0, timeout=5)


def test_a_hit_becomes_a_place(nominatim: FakeNominatim, tmp_path: Path) -> None:
    place = geocoder(nominatim, tmp_path / "geocode.json").geocode("Geneva")
    assert place is not None
    assert (place.name, place.name_today, place.country) == ("Geneva", "Genève", "CH")
    assert (place.lat, place.lon) == pytest.approx((46.2018, 6.1466), abs=1e-3)
    assert place.type is PlaceType.CITY
    assert place.id == "osm:relation/1685488"
    assert "Nominatim" in place.source


def test_the_user_agent_names_the_product(nominatim: FakeNominatim, tmp_path: Path) -> None:
    geocoder(nominatim, tmp_path / "geocode.json").geocode("Geneva")
    assert nominatim.user_agents[0].startswith("trotsky-geo/")


def test_a_second_ask_is_answered_from_the_cache(nominatim: FakeNominatim,
                                                 tmp_path: Path) -> None:
    online = geocoder(nominatim, tmp_path / "geocode.json")
    first = online.geocode("Geneva")
    assert online.geocode("Geneva") == first
    assert online.geocode("geneva") == first
    assert len(nominatim.queries) == 1


def test_not_found_is_cached_too(nominatim: FakeNominatim, tmp_path: Path) -> None:
    online = geocoder(nominatim, tmp_path / "geocode.json")
    assert online.geocode("Atlantis") is None
    assert online.geocode("Atlantis") is None
    assert len(nominatim.queries) == 1


def test_the_cache_survives_a_new_geocoder(nominatim: FakeNominatim, tmp_path: Path) -> None:
    cache = tmp_path / "nested" / "geocode.json"
    first = geocoder(nominatim, cache).geocode("Geneva")
    geocoder(nominatim, cache).geocode("Atlantis")
    again = geocoder(nominatim, cache)
    assert again.geocode("Geneva") == first
    assert again.geocode("Atlantis") is None
    assert len(nominatim.queries) == 2
    assert [p.name for p in cache.parent.iterdir()] == ["geocode.json"]  # no temporary left


def test_the_country_hint_is_sent(nominatim: FakeNominatim, tmp_path: Path) -> None:
    geocoder(nominatim, tmp_path / "geocode.json").geocode("Geneva", country="CH")
    assert nominatim.queries[0]["countrycodes"] == ["ch"]


def test_a_server_error_is_a_fault_after_which_nothing_is_asked(
    nominatim: FakeNominatim, tmp_path: Path
) -> None:
    online = geocoder(nominatim, tmp_path / "geocode.json")
    assert online.geocode("Broken") is None
    assert isinstance(online.fault, GeocodingError)
    assert "failed" in str(online.fault)
    assert online.geocode("Geneva") is None
    assert len(nominatim.queries) == 1
    assert online.unasked == ("Broken", "Geneva")
    assert not (tmp_path / "geocode.json").exists()  # unasked is not "not found"


def test_a_cached_answer_still_comes_after_a_fault(nominatim: FakeNominatim,
                                                  tmp_path: Path) -> None:
    cache = tmp_path / "geocode.json"
    geneva = geocoder(nominatim, cache).geocode("Geneva")
    online = geocoder(nominatim, cache)
    online.geocode("Broken")
    assert online.geocode("Geneva") == geneva
    assert online.unasked == ("Broken",)


@pytest.mark.parametrize("name", ["Prussian", "Soviet", "French", "Bolsheviks", "North Korean",
                                  "Chinese", "Marxist", "Soviet Russian", "Mexican"])
def test_an_adjective_is_never_asked(nominatim: FakeNominatim, tmp_path: Path,
                                     name: str) -> None:
    assert geocoder(nominatim, tmp_path / "geocode.json").geocode(name) is None
    assert nominatim.queries == []


@pytest.mark.parametrize("name", ["Panfilov", "Milan", "Tehran", "Japan", "Munich", "Soviet Union",
                                  "New York", "North Dakota", "Alma Ata", "Wuhan", "Isfahan"])
def test_a_place_name_is_not_an_adjective(name: str) -> None:
    assert not is_only_adjective(name)


def test_an_unreadable_cache_is_reported(nominatim: FakeNominatim, tmp_path: Path) -> None:
    cache = tmp_path / "geocode.json"
    cache.write_text("{not json", encoding="utf-8")
    with pytest.raises(GeocodingError, match=r"geocode\.json"):
        geocoder(nominatim, cache)


def test_the_gazetteer_asks_online_for_unknown_places_with_a_country_hint(
        nominatim: FakeNominatim, tmp_path: Path) -> None:
    online = geocoder(nominatim, tmp_path / "geocode.json")
    gazetteer = Gazetteer.load(online=online)
    sentence = "Trotsky was exiled to Alma Ata, and his guards went on to Panfilov."
    mentions = find(gazetteer, sentence)
    assert [(m.text, m.place.country) for m in mentions] == [("Alma Ata", "KZ"),
                                                              ("Panfilov", "KZ")]
    assert nominatim.queries[0]["q"] == ["Panfilov"]
    assert nominatim.queries[0]["countrycodes"] == ["kz"]
    assert gazetteer.get(mentions[1].place.id) == mentions[1].place
    find(gazetteer, sentence)
    assert len(nominatim.queries) == 1


ADA = b"Ada Example was born in Bristol in 1901. In 1930 she moved to Panfilov."


def _cli(port: int, cache_home: Path, *args: str,
         text: bytes = ADA) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "trotsky_geo", "extract", "-", "--online",
         "--nominatim", f"http://127.0.0.1:{port}", *args],
        input=text, capture_output=True, timeout=60,
        env={**os.environ, "XDG_CACHE_HOME": str(cache_home)},
    )


def test_the_command_line_geocodes_online_only_when_asked_and_caches(
    nominatim: FakeNominatim, tmp_path: Path
) -> None:
    result = _cli(nominatim.port, tmp_path)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    panfilov = next(r for r in rows if r["place"] == "Panfilov")
    assert (float(panfilov["lat"]), float(panfilov["lon"])) == (44.1628, 80.0)
    asked = len(nominatim.queries)
    assert asked >= 1
    again = _cli(nominatim.port, tmp_path)
    assert again.returncode == 0
    assert len(nominatim.queries) == asked
    assert (tmp_path / "trotsky-geo" / "geocode.json").exists()


def test_a_bad_nominatim_address_is_one_line(tmp_path: Path) -> None:
    result = _cli(0, tmp_path, "--nominatim", "ftp://example")
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1
    assert "not a Nominatim address" in result.stderr.decode()


# Two names no offline list knows, after a place it does: the run must still give Bristol.
UNKNOWN = (b"Ada Example was born in Bristol in 1901. In 1930 she moved to Panfilov, and in "
           b"1932 to Kulja.")


def _warned_and_finished(result: subprocess.CompletedProcess[bytes]) -> str:
    """The run exited 0 with Bristol in its CSV; its stderr, one line, is returned."""
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    assert [r["name"] for r in rows] == ["Bristol"]
    stderr = result.stderr.decode()
    assert stderr.count("\n") == 1, stderr
    assert stderr.startswith("trotsky-geo: warning: ")
    assert "not asked about: Panfilov, Kulja" in stderr
    return stderr


def test_a_geocoder_that_refuses_connections_is_a_warning(tmp_path: Path) -> None:
    with socket.socket() as bound:  # bound, never listening: every connection is refused
        bound.bind(("127.0.0.1", 0))
        result = _cli(bound.getsockname()[1], tmp_path, text=UNKNOWN)
    assert "refused" in _warned_and_finished(result)
    assert not (tmp_path / "trotsky-geo" / "geocode.json").exists()


def test_a_geocoder_that_never_answers_is_asked_once(tmp_path: Path) -> None:
    connections: list[socket.socket] = []
    with socket.socket() as server:  # accepts and holds each connection, never answering
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.settimeout(0.05)
        done = threading.Event()

        def accept() -> None:
            while not done.is_set():
                try:
                    connections.append(server.accept()[0])
                except TimeoutError:
                    continue

        thread = threading.Thread(target=accept, daemon=True)
        thread.start()
        try:
            result = _cli(server.getsockname()[1], tmp_path, "--timeout", "0.5", text=UNKNOWN)
        finally:
            done.set()
            thread.join(timeout=5)
            server.setblocking(False)
            with contextlib.suppress(BlockingIOError):  # count any still waiting to be accepted
                while True:
                    connections.append(server.accept()[0])
            for connection in connections:
                connection.close()
    assert "timed out" in _warned_and_finished(result)
    assert len(connections) == 1  # no retry, and Kulja not asked once Panfilov timed out


def test_an_adjective_in_the_text_is_not_asked_online(nominatim: FakeNominatim,
                                                      tmp_path: Path) -> None:
    text = ADA + b" In 1931 she served in the Prussian army and wrote for the Soviet press."
    result = _cli(nominatim.port, tmp_path, text=text)
    assert result.returncode == 0, result.stderr
    asked = {q["q"][0] for q in nominatim.queries}
    assert "Panfilov" in asked
    assert not asked & {"Prussian", "Soviet"}
