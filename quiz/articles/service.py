"""Lay an article's blocks out as canonical text, blocks and sentences, and store that layout."""

from __future__ import annotations

from dataclasses import dataclass

from ..db import replace_in_place
from .models import Article, Block as BlockRow, Sentence
from .text import Block, Span, canonical_text, sentence_spans


@dataclass(frozen=True)
class Layout:
    blocks: list[Block]
    text: str
    block_spans: list[Span]
    sentence_spans: list[Span]

    def block_of(self, offset: int) -> int:
        """Return the 1-based position of the block holding offset."""
        for number, span in enumerate(self.block_spans, start=1):
            if span.start <= offset < span.end:
                return number
        raise ValueError(f"offset {offset} is in no block")


def layout(blocks: list[Block]) -> Layout:
    text, block_spans = canonical_text(blocks)
    return Layout(blocks, text, block_spans, sentence_spans(text, block_spans) if text else [])


def apply_layout(article: Article, laid_out: Layout) -> None:
    """Make the article hold this text, with its block and sentence rows updated in place."""
    article.text = laid_out.text
    replace_in_place(
        article.blocks,
        BlockRow,
        [
            {"kind": block.kind.value, "start": span.start, "end": span.end}
            for block, span in zip(laid_out.blocks, laid_out.block_spans)
        ],
    )
    replace_in_place(
        article.sentences,
        Sentence,
        [
            {"block_position": laid_out.block_of(span.start), "start": span.start, "end": span.end}
            for span in laid_out.sentence_spans
        ],
    )
