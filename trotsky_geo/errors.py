"""Errors raised by trotsky_geo (one root, subclasses that are also builtins) and its warning."""

from __future__ import annotations


class TrotskyGeoError(Exception):
    """Root of every error this package raises on purpose."""


class InputError(TrotskyGeoError, ValueError):
    """The input text cannot be used: empty, binary, not UTF-8, or naming no place."""


class GazetteerError(TrotskyGeoError, ValueError):
    """A gazetteer file is malformed: a missing column, a bad coordinate, a duplicate id."""


class GeocodingError(TrotskyGeoError, ConnectionError):
    """The online geocoder could not be reached or answered something unusable."""


class ModelError(TrotskyGeoError, OSError):
    """The spaCy pipeline the reader needs is not installed or cannot be loaded."""


class GeocodingWarning(UserWarning):
    """The online geocoder failed during a run: the itinerary stands on the offline places."""


class StoreError(TrotskyGeoError, OSError):
    """The library file cannot be used: locked, read-only, from a newer version, or not SQLite."""


class StoreLockedError(StoreError):
    """Another process holds the library file's write lock longer than we wait."""


class StoreReadOnlyError(StoreError):
    """The library file can be read but not written: edits cannot be kept."""


class StoreSchemaError(StoreError):
    """The library file was written by a newer trotsky-geo (its schema version is higher)."""


class NotAStoreError(StoreError):
    """The library path holds a file that is not an SQLite database."""


class CorrectionError(TrotskyGeoError, ValueError):
    """A correction cannot be made: a date the grammar cannot read, an unknown place, bad input."""
