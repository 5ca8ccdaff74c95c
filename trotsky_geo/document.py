"""Document: a biography's layout (title, sections, paragraphs, infobox) and its one spaCy parse.

The layout is read from the plain text (``== Heading ==`` and ``- Key: value`` lines); the
paragraphs are parsed once by spaCy into one ``Doc``, whose sentences every later stage reads.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from trotsky_geo.dates import DateSpan, heading_span

if TYPE_CHECKING:  # spaCy is imported when a text is parsed, not when a kept reading is read
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

INFOBOX = "Infobox"
INTRODUCTION = "Introduction"
#: Paragraphs parsed per batch: progress is reported between batches.
BATCH = 64

_HEADING = re.compile(r"^(={1,6})\s*(.*?)\s*\1\s*$")
_INFOBOX_LINE = re.compile(r"^- ([A-Z][\w ]*?\d?): (.+)$")
_LEADING_NAME = re.compile(r"(?:[A-Z][\w'’\-]+\s+){0,3}[A-Z][\w'’\-]+")

Progress = Callable[[int, int], None]

#: Footnotes left in pasted wiki text: asides the parser must not read as part of the sentence.
_FOOTNOTE_START = re.compile(
    r"\{\{\s*(?:#tag:ref|efn|refn|sfn|notetag|cite|citation)\b|<ref\b", re.IGNORECASE
)
_REF_END = re.compile(r"/>|</ref\s*>", re.IGNORECASE)
#: The marks a rendered article copied from the web keeps where its footnotes were: "[2]",
#: "[a]", "[note 3]", "[citation needed]".
_CITATION_MARK = re.compile(
    r"\[(?:\d{1,3}|[a-z]{1,2}|(?:note|nb|n)\s?\d{1,3}|citation needed|clarification needed"
    r"|page needed|dubious|who\?|when\?|according to whom\?)\]",
    re.IGNORECASE,
)


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
    """One parsed sentence, or unparsed (``span`` None): an infobox line or a paragraph that
    names no place, with its offsets in the whole text."""

    text: str
    start: int
    end: int
    section: int  # index into Document.sections
    paragraph: int  # index into Document.paragraphs
    infobox_key: str = ""  # "Birth Place" for the line "- Birth Place: Yanovka, ..."
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Paragraph:
    """A block of text between blank lines, within one section."""

    text: str
    start: int
    end: int
    section: int


@dataclass(frozen=True)
class Document:
    """The biography: title, sections, paragraphs, sentences in text order, and the parse."""

    text: str
    title: str
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    doc: Doc | None = field(default=None, compare=False, repr=False)
    _bases: tuple[tuple[int, int], ...] = field(default=(), compare=False, repr=False)

    def section_of(self, sentence: Sentence) -> Section:
        """The section a sentence belongs to."""
        return self.sections[sentence.section]

    def offset(self, token: Token) -> int:
        """Where a token of the parse starts in the original text."""
        index = bisect_right(self._bases, (token.idx, len(self.text))) - 1
        base, start = self._bases[index]
        return start + token.idx - base


def parse_document(
    text: str,
    nlp: Language,
    *,
    worth_parsing: Callable[[str], bool] | None = None,
    progress: Progress | None = None,
) -> Document:
    """Read the layout, split the paragraphs into sentences with the pipeline's own
    sentence recogniser, and parse the sentences ``worth_parsing`` accepts (those that may
    name a place) into one ``Doc``; the others stay unparsed, still read for their dates."""
    from spacy.tokens import Doc

    title, sections, paragraphs, infobox = _layout(text)
    plain = without_footnotes(text)
    body = [(i, p) for i, p in enumerate(paragraphs) if i not in infobox]
    splitter = nlp.get_pipe("senter")
    total = len(text)
    if progress is not None:
        progress(0, total)
    pieces: list[tuple[int, int, int, bool]] = []  # paragraph, start, end, parse it
    for first in range(0, len(body), BATCH):
        batch = body[first : first + BATCH]
        for (index, paragraph), split in zip(
            batch,
            splitter.pipe(nlp.tokenizer.pipe(plain[p.start : p.end] for _, p in batch)),
            strict=True,
        ):
            for start, end in _sentence_bounds(split, paragraph.start):
                wanted = worth_parsing is None or worth_parsing(plain[start:end])
                pieces.append((index, start, end, wanted))
        if progress is not None:
            progress(batch[-1][1].end // 4, total)
    parsed = list(
        nlp.pipe((plain[a:b] for _, a, b, wanted in pieces if wanted), batch_size=BATCH)
    )
    doc = Doc.from_docs(parsed, ensure_whitespace=True) if parsed else nlp.make_doc("")
    if progress is not None:
        progress(total, total)
    bases: list[tuple[int, int]] = []
    sentences = [
        Sentence(p.text, p.start, p.end, p.section, i, infobox_key=key)
        for i, key in infobox.items()
        for p in (paragraphs[i],)
    ]
    token = 0
    docs = iter(parsed)
    for index, start, end, wanted in pieces:
        section = paragraphs[index].section
        if not wanted:
            sentences.append(Sentence(plain[start:end], start, end, section, index))
            continue
        own = next(docs)
        if len(own):
            bases.append((doc[token].idx - own[0].idx, start))
        span = doc[token : token + len(own)]
        sentences.append(Sentence(plain[start:end], start, end, section, index, span=span))
        token += len(own)
    sentences.sort(key=lambda s: s.start)
    if not title and sentences:
        name = _LEADING_NAME.match(sentences[0].text)
        title = name.group(0).strip() if name else ""
    return Document(
        text, title, tuple(sections), tuple(paragraphs), tuple(sentences), doc, tuple(bases)
    )


def without_footnotes(text: str) -> str:
    """The text with each footnote ("{{#tag:ref|...}}", "{{efn|...}}", "<ref>...</ref>")
    and each footnote mark ("[2]") blanked out by spaces, so that every offset still points
    at the same character."""
    pieces, position = [], 0
    for start in _FOOTNOTE_START.finditer(text):
        if start.start() < position:
            continue  # inside a footnote already blanked
        end = _footnote_end(text, start.start())
        pieces += [text[position : start.start()], " " * (end - start.start())]
        position = end
    plain = "".join([*pieces, text[position:]])
    return _CITATION_MARK.sub(lambda mark: " " * len(mark.group()), plain)


def _footnote_end(text: str, start: int) -> int:
    """Where the footnote opening at ``start`` closes: its braces balanced, or its ref tag."""
    if text.startswith("<", start):
        close = _REF_END.search(text, start)
        return close.end() if close else start + 4
    depth, index = 0, start
    while index < len(text) - 1:
        pair = text[index : index + 2]
        if pair == "{{":
            depth, index = depth + 1, index + 2
        elif pair == "}}":
            depth, index = depth - 1, index + 2
            if depth == 0:
                return index
        elif text[index] == "\n" and text[index + 1] == "\n":
            return index  # an unclosed footnote ends with its paragraph
        else:
            index += 1
    return len(text)


def _sentence_bounds(split: Doc, base: int) -> list[tuple[int, int]]:
    """Sentence offsets from the recogniser, never cut inside a word or before a lower-case
    continuation ("Anti" | "-government unrest"): such a cut is mended by joining."""
    bounds: list[tuple[int, int]] = []
    for sent in split.sents:
        start, end = base + sent.start_char, base + sent.end_char
        end -= len(sent.text) - len(sent.text.rstrip())  # not the blank a footnote left
        first = sent[0]
        before = split[first.i - 1]
        if bounds and (
            not (before.whitespace_ or before.is_space)  # a blanked footnote is a space
            or first.text[:1].islower()
            or (first.is_punct and first.text not in "\"“‘('")
        ):
            bounds[-1] = (bounds[-1][0], end)
        else:
            bounds.append((start, end))
    return bounds


def _layout(text: str) -> tuple[str, list[Section], list[Paragraph], dict[int, str]]:
    """Title, sections, paragraphs, and the paragraphs that are infobox values (by key)."""
    title = ""
    sections: list[Section] = [Section(INTRODUCTION, 1, None, 0, len(text), is_lead=True)]
    spans_by_level: dict[int, DateSpan | None] = {}
    paragraphs: list[Paragraph] = []
    infobox: dict[int, str] = {}
    offset = 0
    block: list[tuple[str, int]] = []

    def flush() -> None:
        if block:
            start, end = block[0][1], block[-1][1] + len(block[-1][0])
            paragraphs.append(Paragraph(text[start:end], start, end, len(sections) - 1))
            block.clear()

    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        heading = _HEADING.match(stripped)
        entry = _INFOBOX_LINE.match(stripped)
        if heading and not title and not paragraphs and len(heading.group(1)) == 1:
            title = heading.group(2)
        elif heading:
            flush()
            level, name = len(heading.group(1)), heading.group(2)
            span = heading_span(name)
            if span is None:
                outer = [lv for lv in sorted(spans_by_level, reverse=True) if lv < level]
                span = spans_by_level[outer[0]] if outer else None
            spans_by_level = {lv: s for lv, s in spans_by_level.items() if lv < level}
            spans_by_level[level] = span
            last = sections[-1]
            sections[-1] = Section(
                last.title, last.level, last.span, last.start, offset, last.is_lead
            )
            sections.append(Section(name, level, span, offset, len(text)))
        elif entry and len(sections) == 1:
            flush()
            key, value = entry.group(1), entry.group(2)
            start = offset + stripped.index(value, len(key) + 3)
            infobox[len(paragraphs)] = key
            paragraphs.append(Paragraph(value, start, start + len(value), 0))
        elif stripped.strip():
            if stripped.startswith("- ") and block:
                flush()
            block.append((stripped, offset))
        else:
            flush()
        offset += len(line)
    flush()
    return title, sections, paragraphs, infobox
