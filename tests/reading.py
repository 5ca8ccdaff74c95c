"""Reading a text as the tests do: the events of a document, of an article's section, of
a plain text, and what they say."""

from trotsky_geo import nlp
from trotsky_geo.document import parse_document
from trotsky_geo.events import EventKind
from trotsky_geo.pipeline import default_gazetteer
from trotsky_geo.reader import read_events
from trotsky_geo.subject import Subject

HEADER = "= Leon Trotsky =\n\n"


def extract_events(document, gazetteer) -> list:
    return read_events(document, gazetteer, nlp.load(), Subject.from_document(document))


def events_of(body: str, heading: str = "== Exile (1929–1940) ==") -> list:
    document = parse_document(f"{HEADER}{heading}\n{body}\n", nlp.load())
    return extract_events(document, default_gazetteer())


def places(events) -> list[str]:
    return [e.place.name for e in events]


def where_and_when(events, kind: EventKind) -> list[tuple[str, str]]:
    return [(e.place.name_today, e.when.iso_start) for e in events if e.kind is kind]


def extract_plain(text: str) -> list:
    return extract_events(parse_document(text, nlp.load()), default_gazetteer())
