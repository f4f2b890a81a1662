"""Lay an article out for its template: blocks, sentences, and the evidence marks inside them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from .models import Article
from .text import BlockKind, Span


@dataclass
class Piece:
    text: str
    # Number of the evidence span this piece belongs to (1-based), or None for plain text.
    evidence: int | None = None
    # Set on the first piece of each evidence span: the target of "show the evidence" links.
    anchor_id: str | None = None


@dataclass
class RenderedSentence:
    position: int
    text: str
    pieces: list[Piece]
    picked: bool = False
    # Where the sentence starts in the article's text, in code points: live pages highlight
    # evidence by position in the copy of the article they already have.
    start: int = 0

    @property
    def element_id(self) -> str:
        return f"s{self.position}"


@dataclass
class RenderedBlock:
    position: int
    kind: BlockKind
    # Sentences, with the text between them (spaces, usually) as plain strings.
    parts: list[RenderedSentence | str] = field(default_factory=list)

    @property
    def element_id(self) -> str:
        return f"b{self.position}"


def _pieces(text: str, start: int, end: int, highlights: Sequence[Span], anchored: set[int]) -> list[Piece]:
    """Cut text[start:end] into plain and highlighted pieces."""
    cuts = {start, end}
    for span in highlights:
        cuts.update(point for point in (span.start, span.end) if start < point < end)
    points = sorted(cuts)
    pieces: list[Piece] = []
    for left, right in zip(points, points[1:]):
        number = next(
            (n for n, span in enumerate(highlights, start=1) if span.start <= left and right <= span.end), None
        )
        anchor_id = None
        if number is not None and number not in anchored:
            anchored.add(number)
            anchor_id = f"evidence-{number}"
        if pieces and pieces[-1].evidence == number and anchor_id is None:
            pieces[-1].text += text[left:right]
        else:
            pieces.append(Piece(text[left:right], number, anchor_id))
    return pieces


def render_article(
    article: Article, highlights: Sequence[Span] = (), picked_sentence: int | None = None
) -> list[RenderedBlock]:
    """Return the article's blocks with sentences and evidence marks for templates/articles/_text.html.

    Evidence spans are numbered in the order given: the first piece of span n gets the element id
    "evidence-n".
    """
    text = article.text
    anchored: set[int] = set()
    blocks: list[RenderedBlock] = []
    by_block: dict[int, list] = {}
    for sentence in article.sentences:
        by_block.setdefault(sentence.block_position, []).append(sentence)
    for block in article.blocks:
        rendered = RenderedBlock(block.position, BlockKind(block.kind))
        cursor = block.start
        for sentence in by_block.get(block.position, []):
            if sentence.start > cursor:
                rendered.parts.append(text[cursor : sentence.start])
            rendered.parts.append(
                RenderedSentence(
                    position=sentence.position,
                    text=text[sentence.start : sentence.end],
                    pieces=_pieces(text, sentence.start, sentence.end, highlights, anchored),
                    picked=sentence.position == picked_sentence,
                    start=sentence.start,
                )
            )
            cursor = sentence.end
        if cursor < block.end:
            rendered.parts.append(text[cursor : block.end])
        blocks.append(rendered)
    return blocks
