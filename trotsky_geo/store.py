"""The library: biographies, their corrections and the user's own places, in one SQLite file.

The file lives in the user's data directory (``$XDG_DATA_HOME/trotsky-geo/library.sqlite``,
moved by ``$TROTSKY_GEO_LIBRARY`` or a path given by the caller). It is opened in WAL mode
with full synchronous commits, so an edit that returned is on disk; the schema is versioned
with ``PRAGMA user_version``; every write is one transaction. A file that is locked,
read-only, from a newer version or not SQLite at all raises a StoreError and is left as it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from trotsky_geo.corrections import Action, Anchor, Correction, Edit
from trotsky_geo.errors import (
    NotAStoreError,
    StoreError,
    StoreLockedError,
    StoreReadOnlyError,
    StoreSchemaError,
)
from trotsky_geo.gazetteer import Place, PlaceType

ENV_VAR = "TROTSKY_GEO_LIBRARY"
SCHEMA_VERSION = 1
_SQLITE_HEADER = b"SQLite format 3\x00"
_MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE biography (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            sha256 TEXT NOT NULL UNIQUE,
            added TEXT NOT NULL,
            removed TEXT
        )""",
        """CREATE TABLE correction (
            id INTEGER PRIMARY KEY,
            biography INTEGER NOT NULL REFERENCES biography(id) ON DELETE CASCADE,
            action TEXT NOT NULL,
            sentence TEXT NOT NULL,
            place_text TEXT NOT NULL,
            nth INTEGER NOT NULL DEFAULT 0,
            kind TEXT NOT NULL DEFAULT '',
            place TEXT NOT NULL DEFAULT '',
            place_id TEXT NOT NULL DEFAULT '',
            dates TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            original TEXT NOT NULL DEFAULT '',
            changed TEXT NOT NULL
        )""",
        """CREATE UNIQUE INDEX correction_field ON correction
            (biography, sentence, place_text, nth, action) WHERE action != 'add'""",
        "CREATE INDEX correction_biography ON correction (biography)",
        """CREATE TABLE place (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]',
            lat REAL NOT NULL,
            lon REAL NOT NULL,
            country TEXT NOT NULL DEFAULT '',
            type TEXT NOT NULL DEFAULT 'building',
            source TEXT NOT NULL DEFAULT '',
            added TEXT NOT NULL
        )""",
    ),
}
_FIELDS = "action, sentence, place_text, nth, kind, place, place_id, dates, note, original"


def default_path() -> Path:
    """Where the library is kept: $TROTSKY_GEO_LIBRARY, else the XDG data directory."""
    if override := os.environ.get(ENV_VAR):
        return Path(override).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "trotsky-geo" / "library.sqlite"


def text_sha256(text: str) -> str:
    """The fingerprint that says two copies are the same text (a colleague's, an import's)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    """A biography as the library lists it, without its text."""

    id: int
    title: str
    source: str
    added: str
    chars: int
    corrections: int
    sha256: str


@dataclass(frozen=True)
class Biography:
    """A biography of the library with its text."""

    id: int
    title: str
    text: str
    source: str
    added: str
    sha256: str


class NotInLibraryError(StoreError, LookupError):
    """No biography of the library has that id (or it was removed)."""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Store:
    """One library file, opened once; safe to share between threads of one process."""

    def __init__(self, path: Path, connection: sqlite3.Connection, *, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only
        self._db = connection
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: Path | str | None = None, *, timeout: float = 5.0) -> Store:
        """Open (creating if need be) the library; StoreError when it cannot be used."""
        where = Path(path) if path is not None else default_path()
        if where.is_dir():
            raise StoreError(f"{where}: is a directory, not a library file")
        if where.exists():
            _check_header(where)
            read_only = not os.access(where, os.W_OK)
        else:
            try:
                where.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(f"{where.parent}: cannot create ({error.strerror})") from error
            read_only = False
            if not os.access(where.parent, os.W_OK):
                raise StoreReadOnlyError(f"{where.parent}: cannot create the library there")
        connection = _connect(where, timeout=timeout, read_only=read_only)
        try:
            read_only = _prepare(connection, where, read_only=read_only)
        except BaseException:
            connection.close()
            raise
        return cls(where, connection, read_only=read_only)

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once so two writers queue instead of failing."""
        if self.read_only:
            raise StoreReadOnlyError(f"{self.path}: the library is read-only; edits are not kept")
        with self._lock, _translated(self.path):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.rollback()
                raise
            self._db.commit()

    def _read(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple]:
        with self._lock, _translated(self.path):
            return self._db.execute(sql, parameters).fetchall()

    # --- biographies ------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        """Every biography kept, oldest first, with its number of corrections."""
        rows = self._read(
            """SELECT b.id, b.title, b.source, b.added, length(b.text),
                      (SELECT count(*) FROM correction c WHERE c.biography = b.id), b.sha256
               FROM biography b WHERE b.removed IS NULL ORDER BY b.id"""
        )
        return [Entry(*row) for row in rows]

    def add(self, text: str, *, title: str, source: str = "") -> int:
        """Keep a biography and return its id; the same text again returns the same id."""
        if not text.strip():
            raise StoreError("an empty text is not kept")
        sha = text_sha256(text)
        with self._write() as db:
            found = db.execute("SELECT id FROM biography WHERE sha256 = ?", (sha,)).fetchone()
            if found is not None:
                db.execute("UPDATE biography SET removed = NULL WHERE id = ?", (found[0],))
                return int(found[0])
            cursor = db.execute(
                "INSERT INTO biography (title, text, source, sha256, added) VALUES (?, ?, ?, ?, ?)",
                (title.strip() or "Untitled biography", text, source, sha, _now()),
            )
            return int(cursor.lastrowid or 0)

    def find(self, text: str) -> int | None:
        """The id of the kept biography with exactly this text, if any."""
        return self.find_sha(text_sha256(text))

    def find_sha(self, sha256: str) -> int | None:
        """The id of the kept biography whose text has this SHA-256, if any."""
        rows = self._read(
            "SELECT id FROM biography WHERE sha256 = ? AND removed IS NULL", (sha256,)
        )
        return int(rows[0][0]) if rows else None

    def biography(self, biography_id: int) -> Biography:
        """One biography with its text; NotInLibraryError if there is none."""
        rows = self._read(
            """SELECT id, title, text, source, added, sha256 FROM biography
               WHERE id = ? AND removed IS NULL""",
            (biography_id,),
        )
        if not rows:
            raise NotInLibraryError(f"the library has no biography {biography_id}")
        return Biography(*rows[0])

    def rename(self, biography_id: int, title: str) -> None:
        """Give a biography another title."""
        if not title.strip():
            raise StoreError("a title cannot be empty")
        with self._write() as db:
            cursor = db.execute(
                "UPDATE biography SET title = ? WHERE id = ? AND removed IS NULL",
                (title.strip(), biography_id),
            )
            if cursor.rowcount == 0:
                raise NotInLibraryError(f"the library has no biography {biography_id}")

    def remove(self, biography_id: int) -> None:
        """Take a biography out of the list; its text and corrections stay until restored."""
        with self._write() as db:
            cursor = db.execute(
                "UPDATE biography SET removed = ? WHERE id = ? AND removed IS NULL",
                (_now(), biography_id),
            )
            if cursor.rowcount == 0:
                raise NotInLibraryError(f"the library has no biography {biography_id}")

    def restore(self, biography_id: int) -> None:
        """Undo a remove."""
        with self._write() as db:
            cursor = db.execute(
                "UPDATE biography SET removed = NULL WHERE id = ? AND removed IS NOT NULL",
                (biography_id,),
            )
            if cursor.rowcount == 0:
                raise NotInLibraryError(f"the library has no removed biography {biography_id}")

    # --- corrections --------------------------------------------------------------------

    def corrections(self, biography_id: int) -> list[Correction]:
        """Every correction to a biography, in the order they were first made."""
        rows = self._read(
            f"SELECT id, {_FIELDS} FROM correction WHERE biography = ? ORDER BY id",
            (biography_id,),
        )
        return [_correction(row) for row in rows]

    def save_edit(self, biography_id: int, edit: Edit) -> None:
        """Set and clear the fields of one event's corrections, all in one transaction."""
        with self._write() as db:
            self._known(db, biography_id)
            anchor = edit.anchor
            for action in edit.clear:
                db.execute(
                    """DELETE FROM correction WHERE biography = ? AND sentence = ?
                       AND place_text = ? AND nth = ? AND action = ?""",
                    (biography_id, anchor.sentence, anchor.place_text, anchor.nth, action.value),
                )
            for correction in edit.set:
                _upsert(db, biography_id, correction)

    def add_correction(self, biography_id: int, correction: Correction) -> int:
        """Keep one correction (an added stop, or one field) and return its id."""
        with self._write() as db:
            self._known(db, biography_id)
            return _upsert(db, biography_id, correction)

    def delete_correction(self, biography_id: int, correction_id: int) -> None:
        """Forget one correction (an added stop removed, a change undone)."""
        with self._write() as db:
            db.execute(
                "DELETE FROM correction WHERE biography = ? AND id = ?",
                (biography_id, correction_id),
            )

    def import_corrections(
        self,
        biography_id: int,
        corrections: Sequence[Correction],
        *,
        places: Sequence[tuple[Place, Sequence[str]]] = (),
    ) -> tuple[int, int]:
        """Add a colleague's corrections and the places they use, in one transaction.

        A field already corrected here, or a place id already kept, stays as it is.
        Returns how many corrections were added and how many were skipped.
        """
        added = skipped = 0
        with self._write() as db:
            self._known(db, biography_id)
            for place, aliases in places:
                if not db.execute("SELECT 1 FROM place WHERE id = ?", (place.id,)).fetchone():
                    _insert_place(db, place, aliases)
            for correction in corrections:
                a = correction.anchor
                if correction.action is Action.ADD:
                    clash = db.execute(
                        """SELECT 1 FROM correction WHERE biography = ? AND action = 'add'
                           AND sentence = ? AND place_text = ? AND kind = ? AND dates = ?""",
                        (biography_id, a.sentence, a.place_text, correction.kind,
                         correction.dates),
                    ).fetchone()
                else:
                    clash = db.execute(
                        """SELECT 1 FROM correction WHERE biography = ? AND sentence = ?
                           AND place_text = ? AND nth = ? AND action = ?""",
                        (biography_id, a.sentence, a.place_text, a.nth, correction.action.value),
                    ).fetchone()
                if clash is not None:
                    skipped += 1
                    continue
                _upsert(db, biography_id, correction)
                added += 1
        return added, skipped

    def _known(self, db: sqlite3.Connection, biography_id: int) -> None:
        row = db.execute(
            "SELECT 1 FROM biography WHERE id = ? AND removed IS NULL", (biography_id,)
        ).fetchone()
        if row is None:
            raise NotInLibraryError(f"the library has no biography {biography_id}")

    # --- the user's own places -------------------------------------------------------------

    def places(self) -> list[tuple[Place, tuple[str, ...]]]:
        """The user's own places with their other names, for ``Gazetteer.load(extra_places=)``."""
        rows = self._read(
            "SELECT id, name, aliases, lat, lon, country, type, source FROM place ORDER BY added"
        )
        return [
            (
                Place(pid, name, name, lat, lon, country, PlaceType(kind), source=source),
                tuple(json.loads(aliases)),
            )
            for pid, name, aliases, lat, lon, country, kind, source in rows
        ]

    def add_place(self, place: Place, aliases: Sequence[str] = ()) -> None:
        """Keep one of the user's own places (a new id: an existing one is never replaced)."""
        with self._write() as db:
            if db.execute("SELECT 1 FROM place WHERE id = ?", (place.id,)).fetchone():
                raise StoreError(f"the library already has a place {place.id!r}")
            _insert_place(db, place, aliases)


def _insert_place(db: sqlite3.Connection, place: Place, aliases: Sequence[str]) -> None:
    names = [" ".join(alias.split()) for alias in aliases if alias.strip()]
    db.execute(
        """INSERT INTO place (id, name, aliases, lat, lon, country, type, source, added)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (place.id, place.name, json.dumps(names, ensure_ascii=False), place.lat, place.lon,
         place.country, place.type.value, place.source, _now()),
    )


def _upsert(db: sqlite3.Connection, biography_id: int, correction: Correction) -> int:
    a = correction.anchor
    values = (
        biography_id, correction.action.value, a.sentence, a.place_text, a.nth, correction.kind,
        correction.place, correction.place_id, correction.dates, correction.note,
        correction.original, _now(),
    )
    if correction.action is Action.ADD:
        cursor = db.execute(
            f"INSERT INTO correction (biography, {_FIELDS}, changed) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            values,
        )
        return int(cursor.lastrowid or 0)
    cursor = db.execute(
        f"""INSERT INTO correction (biography, {_FIELDS}, changed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (biography, sentence, place_text, nth, action) WHERE action != 'add'
            DO UPDATE SET kind = excluded.kind, place = excluded.place,
                place_id = excluded.place_id, dates = excluded.dates, note = excluded.note,
                changed = excluded.changed
            RETURNING id""",
        values,
    )
    return int(cursor.fetchone()[0])


def _correction(row: tuple) -> Correction:
    cid, action, sentence, place_text, nth, kind, place, place_id, dates, note, original = row
    return Correction(
        Action(action), Anchor(sentence, place_text, nth), kind=kind, place=place,
        place_id=place_id, dates=dates, note=note, original=original, id=cid,
    )


def _check_header(path: Path) -> None:
    """NotAStoreError unless the file is empty or starts like an SQLite database."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
    except OSError as error:
        raise StoreError(f"{path}: cannot be read ({error.strerror})") from error
    if head and head != _SQLITE_HEADER:
        raise NotAStoreError(
            f"{path}: is not a trotsky-geo library (not an SQLite file); it was left untouched"
        )


def _connect(path: Path, *, timeout: float, read_only: bool) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode={'ro' if read_only else 'rwc'}"
    try:
        connection = sqlite3.connect(
            uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as error:
        raise StoreError(f"{path}: cannot open the library ({error})") from error
    connection.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    return connection


def _prepare(connection: sqlite3.Connection, path: Path, *, read_only: bool) -> bool:
    """Check the schema version, switch to WAL and migrate; returns whether it is read-only."""
    with _translated(path):
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreSchemaError(
                f"{path}: written by a newer trotsky-geo (schema {version}, this one reads up "
                f"to {SCHEMA_VERSION}); it was left untouched"
            )
        if read_only:
            if version < SCHEMA_VERSION:
                raise StoreReadOnlyError(f"{path}: is read-only and needs an upgrade")
            return True
        try:
            connection.execute("PRAGMA journal_mode = WAL").fetchone()
        except sqlite3.OperationalError as error:
            if "readonly" not in str(error):
                raise
            return True
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
        if version < SCHEMA_VERSION:
            _migrate(connection, path)
    return False


def _migrate(connection: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to SCHEMA_VERSION, one version per step, each in a transaction."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        for step in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _MIGRATIONS[step]:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {step}")
    except BaseException:
        connection.rollback()
        raise
    connection.commit()


@contextmanager
def _translated(path: Path) -> Iterator[None]:
    """SQLite's errors as the package's: locked, read-only, not a database."""
    try:
        yield
    except sqlite3.OperationalError as error:
        message = str(error)
        if "locked" in message or "busy" in message:
            raise StoreLockedError(
                f"{path}: the library is locked by another program; try again"
            ) from error
        if "readonly" in message or "read-only" in message:
            raise StoreReadOnlyError(
                f"{path}: the library is read-only; edits are not kept"
            ) from error
        raise StoreError(f"{path}: {message}") from error
    except sqlite3.DatabaseError as error:
        raise NotAStoreError(
            f"{path}: is not a trotsky-geo library ({error}); it was left untouched"
        ) from error
