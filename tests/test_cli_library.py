"""The library and corrections commands through a real subprocess, on a library in a temp dir."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TEXT

from trotsky_geo.corrections import Action, Anchor, Correction, Edit
from trotsky_geo.store import Store

VIENNA = "In October he moved to Vienna in Austria-Hungary."


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    """An environment whose default library and data directory are in the temp dir."""
    return {
        **os.environ,
        "TROTSKY_GEO_LIBRARY": str(tmp_path / "env-library.sqlite"),
        "XDG_DATA_HOME": str(tmp_path / "xdg"),
    }


@pytest.fixture
def library(tmp_path) -> Path:
    return tmp_path / "library.sqlite"


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "trotsky.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def run(env, *args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "trotsky_geo", *map(str, args)],
        input=stdin, capture_output=True, text=True, timeout=120, env=env, cwd=ROOT,
    )


def one_line_error(result) -> str:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def test_add_list_remove_restore(env, library, article):
    added = run(env, "library", "add", article, "--title", "Leon Trotsky", "--store", library)
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "1"
    listed = run(env, "library", "list", "--store", library)
    assert listed.stdout.startswith("1\tLeon Trotsky\t0 corrections")
    removed = run(env, "library", "remove", "1", "--store", library)
    assert "library restore 1" in removed.stderr
    assert run(env, "library", "list", "--store", library).stdout == ""
    assert run(env, "library", "restore", "1", "--store", library).returncode == 0
    assert run(env, "library", "rename", "1", "Trotsky", "--store", library).returncode == 0
    assert run(env, "library", "list", "--store", library).stdout.startswith("1\tTrotsky\t")
    assert not Path(env["TROTSKY_GEO_LIBRARY"]).exists()  # --store was used, not the default


def test_the_setting_moves_the_library(env, article):
    assert run(env, "library", "add", article).returncode == 0
    assert Path(env["TROTSKY_GEO_LIBRARY"]).exists()
    assert not (Path(env["XDG_DATA_HOME"]) / "trotsky-geo").exists()


def test_xdg_data_home_is_the_default(env, article):
    del env["TROTSKY_GEO_LIBRARY"]
    assert run(env, "library", "add", article).returncode == 0
    assert (Path(env["XDG_DATA_HOME"]) / "trotsky-geo" / "library.sqlite").exists()


def test_extract_library_gives_the_corrected_itinerary(env, library, article):
    run(env, "library", "add", article, "--store", library)
    with Store.open(library) as store:
        anchor = Anchor(VIENNA, "Vienna")
        store.save_edit(1, Edit(anchor, (
            Correction(Action.PLACE, anchor, place="Zürich", place_id="geonames:2657896"),
            Correction(Action.DATES, anchor, dates="1908-1912"),
        ), ()))
        lost = Anchor("A sentence this text does not have.", "Paris")
        store.save_edit(1, Edit(lost, (Correction(Action.DROP, lost),), ()))
    result = run(env, "extract", "--library", "1", "--store", library)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    [zurich] = [r for r in rows if r["name"] == "Zürich"]
    assert zurich["status"] == "corrected" and zurich["start"] == "1908"
    assert zurich["end"] == "1912" and zurich["evidence"] == VIENNA
    assert {r["status"] for r in rows if r is not zurich} == {"extracted"}
    assert "needs review" in result.stderr and "'Paris'" in result.stderr
    geojson = run(env, "extract", "--library", "1", "--store", library, "--format", "geojson")
    statuses = [f["properties"]["status"] for f in json.loads(geojson.stdout)["features"]]
    assert statuses.count("corrected") == 1


def test_corrections_travel_to_a_colleagues_library(env, tmp_path, library, article):
    run(env, "library", "add", article, "--store", library)
    note = "<script>alert(1)</script> ${x} \"q\"\nline"
    with Store.open(library) as store:
        anchor = Anchor(VIENNA, "Vienna")
        store.save_edit(1, Edit(anchor, (Correction(Action.NOTE, anchor, note=note),
                                         Correction(Action.KIND, anchor, kind="exile")), ()))
    shared = tmp_path / "shared.json"
    exported = run(env, "corrections", "export", "1", "-o", shared, "--store", library)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(shared.read_text())["corrections"][0]["note"] == note
    theirs = tmp_path / "colleague.sqlite"
    other = tmp_path / "other.txt"
    other.write_text("Emma Goldman was born in Kaunas in 1869.", encoding="utf-8")
    run(env, "library", "add", other, "--store", theirs)
    message = one_line_error(run(env, "corrections", "import", shared, "--store", theirs))
    assert "add it first" in message
    run(env, "library", "add", article, "--store", theirs)
    imported = run(env, "corrections", "import", shared, "--store", theirs)
    assert imported.returncode == 0, imported.stderr
    assert "biography 2: 2 corrections imported" in imported.stderr
    again = run(env, "corrections", "import", shared, "--store", theirs)
    assert "0 corrections imported, 2 skipped" in again.stderr
    rows = json.loads(run(env, "extract", "--library", "2", "--store", theirs,
                          "--format", "json").stdout)
    [vienna] = [r for r in rows if r["evidence"] == VIENNA]
    assert vienna["kind"] == "exile" and vienna["note"] == note


@pytest.mark.parametrize(
    ("content", "expected"),
    [("{not json", "is not JSON"), ('{"format": "x"}', "not a trotsky-geo corrections file"),
     ('{"format": "trotsky-geo corrections", "version": 9}', "version 9"),
     ('{"format": "trotsky-geo corrections", "version": 1, "text_sha256": "a",'
      ' "corrections": [{"action": "explode"}]}', "malformed")],
)
def test_bad_corrections_files_change_nothing(env, tmp_path, library, article, content, expected):
    run(env, "library", "add", article, "--store", library)
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    assert expected in one_line_error(run(env, "corrections", "import", bad, "--store", library))
    with Store.open(library) as store:
        assert store.corrections(1) == []


@pytest.mark.parametrize(
    "args",
    [("extract", "--library", "9"), ("library", "remove", "9"), ("library", "restore", "1"),
     ("corrections", "export", "9"), ("library", "add", "missing.txt"),
     ("extract", "x.txt", "--library", "1"), ("library", "rename", "1", " ")],
)
def test_bad_library_input_is_one_line_and_exit_2(env, library, article, args):
    run(env, "library", "add", article, "--store", library)
    one_line_error(run(env, *args, "--store", library))


def test_a_text_naming_no_place_is_not_kept(env, tmp_path, library):
    empty = tmp_path / "nothing.txt"
    empty.write_text("This text names no place at all.", encoding="utf-8")
    assert "no place" in one_line_error(run(env, "library", "add", empty, "--store", library))
    assert run(env, "library", "list", "--store", library).stdout == ""


def test_a_bad_library_file_is_reported_and_kept(env, tmp_path, article):
    bad = tmp_path / "notes.sqlite"
    bad.write_bytes(b"not a database at all" * 10)
    for args in (("library", "list"), ("extract", "--library", "1")):
        assert "not a trotsky-geo library" in one_line_error(run(env, *args, "--store", bad))
    assert bad.read_bytes() == b"not a database at all" * 10
    plain = run(env, "extract", article, "--store", bad)  # a text still maps
    assert plain.returncode == 0, plain.stderr


def test_map_library_draws_the_corrected_journey(env, tmp_path, library, article):
    run(env, "library", "add", article, "--store", library)
    with Store.open(library) as store:
        anchor = Anchor(VIENNA, "Vienna")
        store.save_edit(1, Edit(anchor, (Correction(Action.PLACE, anchor, place="Lisbon"),), ()))
    out = tmp_path / "map.html"
    result = run(env, "map", "--library", "1", "--store", library, "-o", out)
    assert result.returncode == 0, result.stderr
    assert "Lisbon" in out.read_text(encoding="utf-8")
