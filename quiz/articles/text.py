"""Turn an article's text into its canonical form: ordered blocks of a kind, and sentences."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

import pysbd

from .. import bounded


class SentenceSplitError(ValueError):
    """An article whose sentences could not be found in time; the message is for its author."""


class BlockKind(StrEnum):
    HEADLINE = "headline"
    SUMMARY = "summary"
    PARAGRAPH = "paragraph"
    QUOTATION = "quotation"
    CLUTTER = "clutter"


# Blocks are joined with a blank line in the canonical text.
BLOCK_SEPARATOR = "\n\n"

_BULLET = re.compile(r"^\s*[•◦▪‣*\-–]\s+")
_POINT = re.compile(r"^\s*[•◦▪‣]\s+")
# Page furniture that scrapers carry into the text: promotions, cross-links, calls to act.
_CLUTTER = re.compile(
    r"^(now watch|watch|see also|read more|read next|related|recommended|more from|"
    r"advertisement|sponsored|sign up|subscribe|follow us|click here|share this)\b[^\n]{0,160}$",
    re.IGNORECASE,
)
_OPENING_QUOTES = "\"“‘'«"
_CLOSING_QUOTES = "\"”’'»"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def normalise(text: str) -> str:
    """Return text in NFC with Unix newlines, no trailing spaces and no outer blank lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def _bullets_apart(chunks: list[str]) -> list[str]:
    """Split a chunk at each line that starts with a bullet: summary points are often pasted one
    per line, with no blank line between them, and each is a point of its own."""
    parts: list[str] = []
    for chunk in chunks:
        lines = chunk.strip().split("\n")
        # A dash that opens a wrapped line may be a dash in the sentence; it starts a point only
        # in a list (the chunk opens with one). A bullet character always does.
        listed = bool(_BULLET.match(lines[0]))
        start = 0
        for number, line in enumerate(lines):
            if number and (_POINT.match(line) or (listed and _BULLET.match(line))):
                parts.append("\n".join(lines[start:number]))
                start = number
        parts.append("\n".join(lines[start:]))
    return parts


def blocks_from_plain_text(text: str) -> list[Block]:
    """Split plain text on blank lines and guess each block's kind.

    The first block is the headline when it is a single short line; bullets are summary points;
    a block wholly inside quotation marks is a quotation; promotions such as "NOW WATCH:" and
    "SEE ALSO:" are clutter. Authors review the guess before it becomes an article.
    """
    blocks: list[Block] = []
    for raw in _bullets_apart(re.split(r"\n\s*\n", normalise(text))):
        chunk = " ".join(line.strip() for line in raw.strip().split("\n"))
        if not chunk:
            continue
        if _BULLET.match(raw):
            blocks.append(Block(BlockKind.SUMMARY, _BULLET.sub("", chunk, count=1)))
        elif not blocks and "\n" not in raw.strip() and len(chunk) <= 200:
            blocks.append(Block(BlockKind.HEADLINE, chunk))
        elif _CLUTTER.match(chunk):
            blocks.append(Block(BlockKind.CLUTTER, chunk))
        elif chunk[0] in _OPENING_QUOTES and chunk.rstrip(".")[-1] in _CLOSING_QUOTES:
            blocks.append(Block(BlockKind.QUOTATION, chunk))
        else:
            blocks.append(Block(BlockKind.PARAGRAPH, chunk))
    return blocks


def canonical_text(blocks: list[Block]) -> tuple[str, list[Span]]:
    """Join blocks into the canonical text and return it with each block's span."""
    spans: list[Span] = []
    parts: list[str] = []
    cursor = 0
    for block in blocks:
        block_text = normalise(block.text)
        spans.append(Span(cursor, cursor + len(block_text)))
        parts.append(block_text)
        cursor += len(block_text) + len(BLOCK_SEPARATOR)
    return BLOCK_SEPARATOR.join(parts), spans


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def sentence_spans(text: str, block_spans: list[Span]) -> list[Span]:
    """Return the sentences of every block as spans of the canonical text, in order.

    pysbd decides where sentences end (it knows "U.S." and quoted passages); the spans are found
    by searching forward from the previous sentence, so a repeated sentence is not mistaken for
    its first occurrence. pysbd's time grows with the square of a block's length (a 20,000
    character block of "a. a. a." takes seconds), so it runs in a child process with a time limit
    (quiz/bounded.py); SentenceSplitError says what to do when that runs out.
    """
    _segmenter()  # built here once, and inherited by every child
    try:
        return bounded.run(_sentence_spans, text, block_spans)
    except bounded.WorkError:
        raise SentenceSplitError(
            "Finding the sentences of this article took too long. Split its longest paragraphs"
            " into shorter ones, or shorten the article, and try again."
        ) from None


def _sentence_spans(text: str, block_spans: list[Span]) -> list[Span]:
    spans: list[Span] = []
    for block in block_spans:
        block_text = text[block.start : block.end]
        cursor = 0
        for piece in _segmenter().segment(block_text):
            piece = piece.strip()
            if not piece:
                continue
            found = block_text.find(piece, cursor)
            if found < 0:  # pysbd altered the text; fall back to the rest of the block
                found, piece = cursor, block_text[cursor:].strip()
            spans.append(Span(block.start + found, block.start + found + len(piece)))
            cursor = found + len(piece)
        if cursor < len(block_text.rstrip()):
            # Keep every character of a block inside some sentence.
            rest = block_text[cursor:].strip()
            if rest:
                found = block_text.find(rest, cursor)
                spans.append(Span(block.start + found, block.start + found + len(rest)))
    return spans
