"""Command line through a real subprocess: formats, the map, and bad input."""

import csv
import io
import json
import re
import subprocess
import sys

import pytest

from trotsky_geo import bundled_text


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "trotsky_geo", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
    )


def test_extract_defaults_to_bundled_article_as_csv():
    result = run("extract")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    assert {
        "place",
        "name",
        "lat",
        "lon",
        "start",
        "end",
        "kind",
        "inferred",
        "section",
        "evidence",
    } <= set(rows[0])
    assert any(r["place"] == "Prinkipo" or r["name_today"] == "Büyükada" for r in rows)


def test_extract_geojson_from_stdin():
    text = (
        b"Ada Example was born in Bristol on 3 May 1901. In 1920 she moved to Paris, "
        b"where she lived until 1935."
    )
    result = run("extract", "-", "--format", "geojson", stdin=text)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    names = [f["properties"]["name"] for f in data["features"]]
    assert names == ["Bristol", "Paris"]


def test_extract_json(tmp_path):
    out = tmp_path / "events.json"
    result = run("extract", "--format", "json", "-o", str(out))
    assert result.returncode == 0
    assert json.loads(out.read_text())[0]["kind"] == "birth"


def test_map_writes_standalone_html(tmp_path):
    out = tmp_path / "trotsky.html"
    result = run("map", "-o", str(out), "--from", "1917", "--to", "1929")
    assert result.returncode == 0, result.stderr
    html = out.read_text()
    assert "Halifax" in html and "leaflet" in html.lower()
    assert '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3' in html
    assert "needs internet" in result.stderr.decode()


def test_map_offline_inlines_its_scripts_and_draws_no_tiles(tmp_path):
    out = tmp_path / "offline.html"
    result = run("map", "-o", str(out), "--offline")
    assert result.returncode == 0, result.stderr
    html = out.read_text()
    assert "(offline)" in result.stderr.decode()
    assert "<script src=" not in html and "stylesheet" not in html
    assert "L.tileLayer" not in html
    assert "Natural Earth" in html and "Offline file" in html


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b""), "is empty"),
        (lambda d: _write(d / "blank.txt", b"  \n\n"), "is empty"),
        (lambda d: _write(d / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary"),
        (lambda d: _write(d / "latin1.txt", "Café in Zürich".encode("latin-1")), "not UTF-8"),
        (lambda d: _write(d / "noplace.txt", b"He liked tea. He wrote many letters."), "no place"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, make, message):
    result = run("extract", str(make(tmp_path)))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert result.stdout == b""


def test_map_rejects_inverted_year_range(tmp_path):
    result = run("map", "-o", str(tmp_path / "m.html"), "--from", "1930", "--to", "1920")
    assert result.returncode == 2
    assert "after --to" in result.stderr.decode()


def _write(path, data):
    path.write_bytes(data)
    return path


def test_a_long_input_shows_a_progress_bar_on_stderr_and_clean_csv_on_stdout(tmp_path):
    long_text = tmp_path / "long.txt"
    article = bundled_text()
    long_text.write_text("\n\n".join([article] * (200_000 // len(article) + 1)), "utf-8")
    result = run("extract", str(long_text))
    assert result.returncode == 0, result.stderr
    stderr = result.stderr.decode()
    assert re.search(r"reading: +0%\|", stderr), stderr  # tqdm's bar, as it starts
    assert re.search(r"reading: 100%\|[^|]+\| [\d.]+k/[\d.]+k", stderr), stderr
    rows = list(csv.reader(io.StringIO(result.stdout.decode())))
    assert len(rows) > 20
    assert {len(row) for row in rows} == {len(rows[0])}
    assert "reading" not in result.stdout.decode()


def test_a_short_input_prints_nothing_on_stderr():
    result = run("extract", "-", stdin=b"Ada Example was born in Bristol on 3 May 1901.")
    assert result.returncode == 0
    assert result.stderr == b""
