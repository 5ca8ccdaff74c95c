"""The library on real SQLite files in temp dirs: schema, edits, and files it must not touch."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, TEXT

from trotsky_geo.corrections import Action, Anchor, Correction, Edit, user_place
from trotsky_geo.errors import (
    NotAStoreError,
    StoreError,
    StoreLockedError,
    StoreReadOnlyError,
    StoreSchemaError,
)
from trotsky_geo.store import SCHEMA_VERSION, NotInLibraryError, Store, default_path, text_sha256

WORKER = str(ROOT / "tests" / "store_worker.py")
ANCHOR = Anchor("In October he moved to Vienna in Austria-Hungary.", "Vienna")


@pytest.fixture
def path(tmp_path) -> Path:
    return tmp_path / "data" / "library.sqlite"


@pytest.fixture
def store(path):
    with Store.open(path) as opened:
        yield opened


def worker(*args: object) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, WORKER, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def test_a_new_library_is_created_in_wal_mode_with_a_schema_version(store, path):
    assert path.exists()
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    connection.close()


def test_default_path_follows_the_setting_and_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("TROTSKY_GEO_LIBRARY", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_path() == tmp_path / "xdg" / "trotsky-geo" / "library.sqlite"
    monkeypatch.setenv("TROTSKY_GEO_LIBRARY", str(tmp_path / "mine.sqlite"))
    assert default_path() == tmp_path / "mine.sqlite"


def test_biographies_are_kept_listed_renamed_removed_and_restored(store, path):
    first = store.add(TEXT, title="Leon Trotsky", source="bundled")
    second = store.add("Emma Goldman was born in Kaunas in 1869.", title="Goldman")
    assert store.add(TEXT, title="again") == first  # the same text is one biography
    assert [e.title for e in store.entries()] == ["Leon Trotsky", "Goldman"]
    assert store.biography(first).text == TEXT
    assert store.biography(first).sha256 == text_sha256(TEXT)
    assert store.find(TEXT) == first
    store.rename(second, "Emma Goldman")
    store.remove(first)
    assert [e.id for e in store.entries()] == [second]
    with pytest.raises(NotInLibraryError):
        store.biography(first)
    store.restore(first)
    with Store.open(path) as reopened:
        assert [e.title for e in reopened.entries()] == ["Leon Trotsky", "Emma Goldman"]
    with pytest.raises(NotInLibraryError):
        store.rename(99, "x")
    with pytest.raises(StoreError):
        store.rename(second, "  ")


def test_corrections_are_kept_one_per_field_and_cleared(store):
    bio = store.add(TEXT, title="Trotsky")
    dates = Correction(Action.DATES, ANCHOR, dates="1908", original="residence at Vienna")
    place = Correction(Action.PLACE, ANCHOR, place="Zürich", place_id="geonames:2657896")
    store.save_edit(bio, Edit(ANCHOR, (dates, place), ()))
    store.save_edit(bio, Edit(ANCHOR, (Correction(Action.DATES, ANCHOR, dates="1909"),), ()))
    kept = {c.action: c for c in store.corrections(bio)}
    assert kept[Action.DATES].dates == "1909"
    assert kept[Action.DATES].original == "residence at Vienna"  # the reading it replaced
    assert kept[Action.PLACE].place_id == "geonames:2657896"
    store.save_edit(bio, Edit(ANCHOR, (), (Action.PLACE,)))
    assert [c.action for c in store.corrections(bio)] == [Action.DATES]
    assert store.entries()[0].corrections == 1
    with pytest.raises(NotInLibraryError):
        store.save_edit(42, Edit(ANCHOR, (dates,), ()))


def test_added_stops_are_separate_and_can_be_deleted(store):
    bio = store.add(TEXT, title="Trotsky")
    add = Correction(Action.ADD, ANCHOR, kind="residence", place="Vienna", dates="1908")
    first = store.add_correction(bio, add)
    second = store.add_correction(bio, add)
    assert first != second
    store.delete_correction(bio, first)
    assert [c.id for c in store.corrections(bio)] == [second]


def test_import_keeps_the_users_own_corrections(store):
    bio = store.add(TEXT, title="Trotsky")
    mine = Correction(Action.DATES, ANCHOR, dates="1908")
    store.save_edit(bio, Edit(ANCHOR, (mine,), ()))
    theirs = [Correction(Action.DATES, ANCHOR, dates="1910"),
              Correction(Action.KIND, ANCHOR, kind="exile")]
    assert store.import_corrections(bio, theirs) == (1, 1)
    kept = {c.action: c for c in store.corrections(bio)}
    assert kept[Action.DATES].dates == "1908" and kept[Action.KIND].kind == "exile"


def test_user_places_are_kept_with_aliases(store, path):
    place = user_place("Villa Pinheiro", 40.86, 29.12, source="hand-placed from a photo")
    store.add_place(place, ["Pinheiro villa", " "])
    with pytest.raises(StoreError, match="already has"):
        store.add_place(place)
    with Store.open(path) as reopened:
        assert reopened.places() == [(place, ("Pinheiro villa",))]


def test_markup_stays_text_in_the_store(store):
    hostile = "<script>alert('x')</script> ${1+1} \"q\" 'q'\nline two; DROP TABLE biography;--"
    bio = store.add(hostile + " Trotsky lived in Vienna.", title=hostile)
    note = Correction(Action.NOTE, Anchor(hostile, hostile), note=hostile)
    store.save_edit(bio, Edit(note.anchor, (note,), ()))
    assert store.entries()[0].title == hostile.strip()
    [kept] = store.corrections(bio)
    assert kept.note == hostile and kept.anchor.place_text == hostile


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(path):
    path.parent.mkdir(parents=True)
    content = b"my thesis notes, not a database\n" * 100
    path.write_bytes(content)
    with pytest.raises(NotAStoreError, match="not a trotsky-geo library"):
        Store.open(path)
    assert path.read_bytes() == content


def test_a_library_from_a_newer_version_is_refused_and_left_alone(store, path):
    store.add(TEXT, title="Trotsky")
    store.close()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(StoreSchemaError, match="newer trotsky-geo"):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_directory_is_not_a_library(tmp_path):
    with pytest.raises(StoreError, match="directory"):
        Store.open(tmp_path)


def test_a_locked_library_gives_a_clear_error_and_keeps_its_data(store, path):
    bio = store.add(TEXT, title="Trotsky")
    holder = worker("lock", path)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with Store.open(path, timeout=0.2) as waiting:
            assert [e.id for e in waiting.entries()] == [bio]  # readers still read
            with pytest.raises(StoreLockedError, match="locked by another program"):
                waiting.rename(bio, "Renamed")
    finally:
        holder.kill()
        holder.wait()
    assert store.biography(bio).title == "Trotsky"


@pytest.fixture
def read_only(path):
    """The library file made unwritable (immutable for root, who ignores file modes)."""
    with Store.open(path) as store:
        store.add(TEXT, title="Trotsky")
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
        if made.returncode != 0:
            pytest.skip("cannot make a file read-only for root here (chattr +i failed)")
        undo = ["chattr", "-i", str(path)]
    else:
        path.chmod(0o444)
        undo = ["chmod", "644", str(path)]
    yield path
    subprocess.run(undo, check=True)


def test_a_read_only_library_is_read_and_never_written(read_only):
    before = read_only.read_bytes()
    with Store.open(read_only) as store:
        assert store.read_only
        assert [e.title for e in store.entries()] == ["Trotsky"]
        with pytest.raises(StoreReadOnlyError, match="read-only"):
            store.add("Another life in Paris.", title="x")
    assert read_only.read_bytes() == before


def test_an_acknowledged_edit_survives_sigkill(store, path):
    bio = store.add(TEXT, title="Trotsky")
    writer = worker("edits", path, bio, 100_000, "dates")
    acknowledged = -1
    try:
        for line in writer.stdout:
            acknowledged = int(line.split()[1])
            if acknowledged >= 50:
                break
        writer.send_signal(signal.SIGKILL)
    finally:
        writer.wait()
    assert writer.returncode == -signal.SIGKILL
    with Store.open(path) as reopened:
        kept = {c.anchor.sentence for c in reopened.corrections(bio)}
    assert acknowledged >= 50
    assert all(f"Sentence number {n} of the text." in kept for n in range(acknowledged + 1))


def test_two_writers_at_once_lose_nothing(store, path):
    bio = store.add(TEXT, title="Trotsky")
    count = 150
    started = time.perf_counter()
    writers = [worker("edits", path, bio, count, action) for action in ("dates", "place")]
    outputs = [w.communicate(timeout=120) for w in writers]
    elapsed = time.perf_counter() - started
    for w, (out, err) in zip(writers, outputs, strict=True):
        assert w.returncode == 0, err
        assert out.count("ack") == count
    kept = store.corrections(bio)
    assert len(kept) == 2 * count  # both fields of every event: neither writer lost an edit
    assert {c.action for c in kept} == {Action.DATES, Action.PLACE}
    assert elapsed < 60


def test_an_empty_file_becomes_a_library(path):
    path.parent.mkdir(parents=True)
    path.touch()
    with Store.open(path) as store:
        assert store.add(TEXT, title="Trotsky") == 1
    with Store.open(path) as store:
        assert [e.title for e in store.entries()] == ["Trotsky"]
