"""The library sidebar and "Edit the journey" as a user drives them: AppTest runs of app.py."""

from __future__ import annotations

import csv
import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TEXT
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from trotsky_geo.corrections import Action, Anchor, Correction, Edit
from trotsky_geo.store import SCHEMA_VERSION, Store

APP = str(Path(__file__).resolve().parents[1] / "app.py")
VIENNA = "In October he moved to Vienna in Austria-Hungary."
GOLDMAN = (
    "Emma Goldman was born in Kaunas in 1869. In 1885 Goldman emigrated to Rochester. "
    "She moved to New York City in 1889."
)


@pytest.fixture
def library(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "library.sqlite"
    monkeypatch.setenv("TROTSKY_GEO_LIBRARY", str(path))
    return path


@pytest.fixture
def app(library):
    return AppTest.from_file(APP, default_timeout=90).run()


@pytest.fixture
def downloads(monkeypatch):
    """What each download button would hand the user, by file name."""
    files: dict[str, bytes] = {}
    add = MediaFileManager.add

    def record(self, data, mimetype, coordinates, file_name=None, **kwargs):
        files[file_name] = data
        return add(self, data, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", record)
    return files


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def choose_stop(at: AppTest, place: str) -> AppTest:
    box = at.selectbox(key="edit_stop")
    position = next(i for i, label in enumerate(box.options) if label.endswith(f"· {place}"))
    return box.select_index(position).run()


def field(widgets, name: str):
    """The one-stop form's widget for a field (its key names the stop and the edit count)."""
    return next(w for w in widgets if w.key and w.key.startswith(f"stop_{name}_"))


def save_stop(at: AppTest, **fields: str) -> AppTest:
    for key, value in fields.items():
        if key == "keep":
            field(at.checkbox, "keep").set_value(value)
        elif key == "kind":
            field(at.selectbox, "kind").set_value(value)
        else:
            field(at.text_input, key).set_value(value)
    return button(at, "Save this stop").click().run()


def table(at: AppTest) -> list[dict]:
    return at.dataframe[0].value.to_dict("records")


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def kept_corrections(library: Path) -> list:
    with Store.open(library) as store:
        return [c for entry in store.entries() for c in store.corrections(entry.id)]


def test_the_library_opens_on_the_bundled_article(app, library):
    assert not app.exception and not errors(app)
    assert app.selectbox(key="library_choice").value == "bundled"
    assert not library.exists() or kept_corrections(library) == []  # nothing written on open


def test_editing_a_stop_changes_the_table_and_the_downloads(app, library, downloads):
    choose_stop(app, "Vienna")
    save_stop(app, dates="1908-1912", place="Zürich", note="<script>alert(1)</script> ${x}")
    assert not app.exception and not errors(app)
    assert "Saved to the library." in [s.value for s in app.success]
    rows = [r for r in table(app) if r["evidence"] == VIENNA]
    assert [(r["date"], r["place as written"]) for r in rows] == [("1908–1912", "Zürich")]
    corrections = kept_corrections(library)
    assert {c.action.value for c in corrections} == {"dates", "place", "note"}
    exported = list(csv.DictReader(io.StringIO(downloads["leon-trotsky-events.csv"].decode())))
    [zurich] = [r for r in exported if r["evidence"] == VIENNA]
    assert zurich["status"] == "corrected" and zurich["name"] == "Zürich"
    assert zurich["note"] == "<script>alert(1)</script> ${x}"
    assert {r["status"] for r in exported if r is not zurich} == {"extracted"}
    editor = app.dataframe[1].value
    assert "<script>alert(1)</script> ${x}" in set(editor["note"])  # shown as text


def test_dropping_and_adding_stops(app, library):
    before = len(table(app))
    choose_stop(app, "Vienna")
    save_stop(app, keep=False)
    assert len(table(app)) == before - 1
    app.text_input(key="add_sentence").set_value("he moved to Vienna")
    app.text_input(key="add_place").set_value("Vienna")
    app.text_input(key="add_dates").set_value("1907-10")
    button(app, "Add the stop").click().run()
    assert not app.exception and not errors(app)
    assert len(table(app)) == before
    assert [r["date"] for r in table(app) if r["evidence"] == VIENNA] == ["Oct 1907"]
    with Store.open(library) as store:
        [entry] = store.entries()
        assert entry.title.startswith("Leon Trotsky") and entry.corrections == 2


@pytest.mark.parametrize(
    ("fields", "message"),
    [({"dates": "sommer 1902"}, "cannot read the date"),
     ({"place": "Xqzzyville Nowhere"}, "add it as your own place")],
)
def test_a_bad_edit_is_shown_on_its_row_and_changes_nothing(app, library, fields, message):
    choose_stop(app, "Vienna")
    rows = table(app)
    save_stop(app, **fields)
    assert not app.exception
    assert any(message in e for e in errors(app)), errors(app)
    assert table(app) == rows
    assert not library.exists() or kept_corrections(library) == []


def test_a_place_of_ones_own_serves_the_edit(app, library):
    app.text_input(key="own_name").set_value("Villa Pinheiro")
    app.text_input(key="own_lat").set_value("95")
    app.text_input(key="own_lon").set_value("29.1")
    button(app, "Add the place").click().run()
    assert any("latitude" in e for e in errors(app))
    app.text_input(key="own_lat").set_value("40.86")
    app.text_input(key="own_aliases").set_value("Pinheiro villa, the villa")
    app.text_input(key="own_source").set_value("<b>hand-placed</b>")
    button(app, "Add the place").click().run()
    assert not errors(app)
    choose_stop(app, "Vienna")
    save_stop(app, place="Pinheiro villa")
    assert not errors(app), errors(app)
    assert [r["place as written"] for r in table(app) if r["evidence"] == VIENNA] == [
        "Pinheiro villa"
    ]
    with Store.open(library) as store:
        [(place, aliases)] = store.places()
    assert place.source == "<b>hand-placed</b>" and aliases == ("Pinheiro villa", "the villa")


def test_a_mapped_text_is_kept_renamed_removed_and_restored(app, library):
    app.text_area(key="pasted").set_value(GOLDMAN)
    button(app, "Map this text").click().run()
    assert not app.exception and not errors(app)
    with Store.open(library) as store:
        [entry] = store.entries()
    assert entry.title == "Emma Goldman"
    assert app.selectbox(key="library_choice").value == str(entry.id)
    app.text_input(key="new_title").set_value("Goldman, a life")
    button(app, "Rename").click().run()
    with Store.open(library) as store:
        assert store.entries()[0].title == "Goldman, a life"
    button(app, "Remove from the library").click().run()
    assert app.selectbox(key="library_choice").value == "bundled"
    assert "Trotsky" in app.title[0].value
    with Store.open(library) as store:
        assert store.entries() == []
    button(app, "Undo").click().run()
    assert "Goldman" in app.title[0].value
    with Store.open(library) as store:
        assert [e.title for e in store.entries()] == ["Goldman, a life"]
    app.selectbox(key="library_choice").select_index(0).run()
    assert "Trotsky" in app.title[0].value


def test_reopening_the_app_shows_the_kept_corrections(library):
    first = AppTest.from_file(APP, default_timeout=90).run()
    choose_stop(first, "Vienna")
    save_stop(first, dates="1908")
    again = AppTest.from_file(APP, default_timeout=90).run()
    assert [r["date"] for r in table(again) if r["evidence"] == VIENNA] == ["1908"]


def test_a_file_that_is_not_a_library_leaves_the_app_mapping(library):
    library.write_bytes(b"not a database" * 50)
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception
    assert any("not a trotsky-geo library" in e for e in errors(at))
    assert table(at), "the bundled article still maps"
    choose_stop(at, "Vienna")
    save_stop(at, dates="1908")
    assert any("cannot be used" in e for e in errors(at))
    assert library.read_bytes() == b"not a database" * 50


def test_a_library_from_a_newer_version_is_left_alone(library):
    Store.open(library).close()
    connection = sqlite3.connect(library)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    before = library.read_bytes()
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception and table(at)
    assert any("newer trotsky-geo" in e for e in errors(at))
    assert library.read_bytes() == before


def test_a_read_only_library_is_shown_and_not_written(library):
    with Store.open(library) as store:
        store.add(TEXT, title="Leon Trotsky")
    undo = ["chmod", "644", str(library)]
    if subprocess.run(["chattr", "+i", str(library)], capture_output=True).returncode == 0:
        undo = ["chattr", "-i", str(library)]
    else:
        library.chmod(0o444)
    try:
        before = library.read_bytes()
        at = AppTest.from_file(APP, default_timeout=90).run()
        assert not at.exception and table(at)
        assert any("read-only" in w.value for w in at.warning)
        choose_stop(at, "Vienna")
        save_stop(at, dates="1908")
        assert any("read-only" in e for e in errors(at))
        assert library.read_bytes() == before
    finally:
        subprocess.run(undo, check=True)


def test_two_sessions_editing_one_stop_keep_both_edits(library):
    first = AppTest.from_file(APP, default_timeout=90).run()
    second = AppTest.from_file(APP, default_timeout=90).run()  # opened before the first edit
    choose_stop(first, "Vienna")
    save_stop(first, dates="1908")
    choose_stop(second, "Vienna")
    save_stop(second, kind="exile")
    assert {c.action.value for c in kept_corrections(library)} == {"dates", "kind"}
    third = AppTest.from_file(APP, default_timeout=90).run()
    [row] = [r for r in table(third) if r["evidence"] == VIENNA]
    assert (row["date"], row["kind"]) == ("1908", "exile")


def test_a_correction_the_reader_cannot_anchor_is_shown_for_review(library):
    with Store.open(library) as store:
        biography = store.add(TEXT, title="Leon Trotsky")
        lost = Anchor("A sentence the article does not have.", "Paris")
        store.save_edit(biography, Edit(lost, (Correction(Action.DROP, lost,
                                                          original="residence at Paris"),), ()))
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception
    [warning] = [w.value for w in at.warning if "needs review" in w.value]
    assert "'Paris'" in warning and "residence at Paris" in warning
    assert len(kept_corrections(library)) == 1  # shown, never dropped
    button(at, "Forget this correction").click().run()
    assert not at.exception
    assert not [w for w in at.warning if "needs review" in w.value]
    assert kept_corrections(library) == []  # gone only when the user says so


def test_the_map_to_pick_coordinates_opens_on_request(app):
    app.toggle(key="pick_on_map").set_value(True).run()
    assert not app.exception and not errors(app)


def test_a_blank_title_is_refused_with_a_message(app, library):
    app.text_area(key="pasted").set_value(GOLDMAN)
    button(app, "Map this text").click().run()
    app.text_input(key="new_title").set_value("   ")
    button(app, "Rename").click().run()
    assert any("Could not rename" in e for e in errors(app))
    with Store.open(library) as store:
        assert store.entries()[0].title == "Emma Goldman"


def test_a_locked_library_says_so_and_keeps_its_data(library):
    with Store.open(library) as store:
        store.add(TEXT, title="Leon Trotsky")
    holder = subprocess.Popen(
        [sys.executable, str(Path(__file__).parent / "store_worker.py"), "lock", str(library)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        at = AppTest.from_file(APP, default_timeout=90).run()
        assert not at.exception and table(at)
        choose_stop(at, "Vienna")
        save_stop(at, dates="1908")
        assert any("locked by another program" in e for e in errors(at)), errors(at)
    finally:
        holder.kill()
        holder.wait()
    assert kept_corrections(library) == []
    retried = AppTest.from_file(APP, default_timeout=90).run()
    choose_stop(retried, "Vienna")
    save_stop(retried, dates="1908")
    assert not errors(retried) and len(kept_corrections(library)) == 1


def test_the_html_map_download_follows_the_corrections(app, monkeypatch):
    pages: dict[str, str] = {}
    deferred = MediaFileManager.add_deferred

    def record(self, make, mimetype, coordinates, file_name=None, **kwargs):
        pages[file_name] = make()
        return deferred(self, make, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    choose_stop(app, "Vienna")
    save_stop(app, place="Lisbon")
    [page] = [html for name, html in pages.items() if name.endswith(".html")]
    assert "Lisbon" in page and "38.7" in page
