"""Document: a biography split into sections, paragraphs and sentences with character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from trotsky_geo.dates import DateSpan, heading_span

INFOBOX = "Infobox"
INTRODUCTION = "Introduction"

_HEADING = re.compile(r"^(={1,6})\s*(.*?)\s*\1\s*$")
_INFOBOX_LINE = re.compile(r"^- ([A-Z][\w ]*?\d?): (.+)$")
_ABBREVIATIONS = frozenset(
    [
        "St",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Jr",
        "Sr",
        "Gen",
        "Col",
        "Lt",
        "Capt",
        "Prof",
        "Rev",
        "Gov",
        "Sen",
        "Rep",
        "No",
        "Vol",
        "vs",
        "etc",
        "Co",
        "Inc",
        "Ltd",
        "Mt",
        "Ft",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "c",
        "ca",
        "cf",
        "e.g",
        "i.e",
        "U.S",
        "O.S",
        "N.S",
    ]
)
_LEADING_NAME = re.compile(r"(?:[A-Z][\w'’\-]+\s+){0,3}[A-Z][\w'’\-]+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9ÀÁÂÄÅÉÍÓÖÚÜØÆŒ])")


@dataclass(frozen=True)
class Section:
    """A heading and the year span it gives, inherited from its parent heading when silent."""

    title: str
    level: int
    span: DateSpan | None
    start: int
    end: int
    is_lead: bool = False


@dataclass(frozen=True)
class Sentence:
    """One sentence (or one infobox line) with its offsets in the whole text."""

    text: str
    start: int
    end: int
    section: int  # index into Document.sections
    paragraph: int  # index into Document.paragraphs
    infobox_key: str = ""  # "Birth Place" for the line "- Birth Place: Yanovka, ..."


@dataclass(frozen=True)
class Paragraph:
    """A block of text between blank lines, within one section."""

    text: str
    start: int
    end: int
    section: int


@dataclass(frozen=True)
class Document:
    """The parsed biography: its title, sections, paragraphs and sentences in text order."""

    text: str
    title: str
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]

    def section_of(self, sentence: Sentence) -> Section:
        """The section a sentence belongs to."""
        return self.sections[sentence.section]


def parse_document(text: str) -> Document:
    """Split a biography laid out as plain text: ``== Heading ==`` and ``- Key: value`` lines."""
    title = ""
    sections: list[Section] = [Section(INTRODUCTION, 1, None, 0, len(text), is_lead=True)]
    spans_by_level: dict[int, DateSpan | None] = {}
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    offset = 0
    block: list[tuple[str, int]] = []

    def flush() -> None:
        if not block:
            return
        start = block[0][1]
        end = block[-1][1] + len(block[-1][0])
        para_text = text[start:end]
        index = len(paragraphs)
        paragraphs.append(Paragraph(para_text, start, end, len(sections) - 1))
        for sent_text, sent_start in split_sentences(para_text):
            sentences.append(
                Sentence(
                    sent_text,
                    start + sent_start,
                    start + sent_start + len(sent_text),
                    len(sections) - 1,
                    index,
                )
            )
        block.clear()

    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        heading = _HEADING.match(stripped)
        infobox = _INFOBOX_LINE.match(stripped)
        if heading and not title and not sentences and len(heading.group(1)) == 1:
            title = heading.group(2)
        elif heading:
            flush()
            level = len(heading.group(1))
            name = heading.group(2)
            span = heading_span(name)
            if span is None:
                span = next(
                    (
                        spans_by_level[lv]
                        for lv in sorted(spans_by_level, reverse=True)
                        if lv < level
                    ),
                    None,
                )
            spans_by_level = {lv: s for lv, s in spans_by_level.items() if lv < level}
            spans_by_level[level] = span
            previous = sections[-1]
            sections[-1] = Section(
                previous.title,
                previous.level,
                previous.span,
                previous.start,
                offset,
                previous.is_lead,
            )
            sections.append(Section(name, level, span, offset, len(text)))
        elif infobox and not _in_body(sections):
            flush()
            key, value = infobox.group(1), infobox.group(2)
            value_start = offset + stripped.index(value, len(key) + 3)
            paragraphs.append(Paragraph(value, value_start, value_start + len(value), 0))
            sentences.append(
                Sentence(
                    value,
                    value_start,
                    value_start + len(value),
                    0,
                    len(paragraphs) - 1,
                    infobox_key=key,
                )
            )
        elif stripped.strip():
            if stripped.startswith("- ") and block:
                flush()
            block.append((stripped, offset))
        else:
            flush()
        offset += len(line)
    flush()
    if not title and sentences:
        name = _LEADING_NAME.match(sentences[0].text)
        title = name.group(0).strip() if name else ""
    return Document(text, title, tuple(sections), tuple(paragraphs), tuple(sentences))


def _in_body(sections: list[Section]) -> bool:
    return len(sections) > 1


def split_sentences(text: str) -> list[tuple[str, int]]:
    """Sentences of a paragraph with their offsets, keeping abbreviations and initials whole."""
    pieces: list[tuple[str, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()]
        word = re.search(r"([\w.]+)$", before)
        token = word.group(1) if word else ""
        if token.rstrip(".") in _ABBREVIATIONS or (len(token) == 1 and token.isupper()):
            continue
        end = match.end()
        piece = text[start:end].rstrip()
        if piece:
            pieces.append((piece, start))
        start = end
    tail = text[start:].rstrip()
    if tail.strip():
        pieces.append((tail, start))
    return pieces
