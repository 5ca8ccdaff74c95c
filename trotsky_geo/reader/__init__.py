"""The reader: events of the subject's life read from the parse of one document."""

from trotsky_geo.reader.read import read_events

__all__ = ["read_events"]
