"""Lay an article's blocks out as canonical text, blocks and sentences, and store that layout;
say who may read an article, and give instructors' articles ids of their own."""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

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


# ---------------------------------------------------------------------------------------------
# Who may read an article, and under which id


def readable_by(article: Article, user) -> bool:
    """Built-in articles are public; an instructor's own only to that instructor. Players meet an
    instructor's article only inside what it was shared through: a game they joined, a set's link."""
    if article.owner_id is None:
        return True
    return bool(getattr(user, "is_authenticated", False)) and user.id == article.owner_id


def readable_article(session: Session, slug: str, user) -> Article | None:
    """Return the article with this id if user may read it; None alike for missing and private,
    so that an answer never tells whether someone else's article exists."""
    article = session.scalar(select(Article).where(Article.slug == slug))
    return article if article is not None and readable_by(article, user) else None


# Every instructor's article id holds this mark and no built-in id may (the bank refuses folder
# names with it), so a bank folder added later can never need an id an instructor already has.
INSTRUCTOR_MARK = "_"


def is_builtin_id(slug: str) -> bool:
    return INSTRUCTOR_MARK not in slug


def instructor_slug(session: Session, headline: str) -> str:
    """Return a new id for an instructor's article: the headline's words, the mark, a random part."""
    ascii_only = unicodedata.normalize("NFKD", headline).encode("ascii", "ignore").decode()
    # Only letters, digits and single hyphens: the mark is never part of the words.
    base = re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")[:50].strip("-") or "article"
    while True:
        slug = f"{base}{INSTRUCTOR_MARK}{secrets.token_hex(3)}"
        if not session.scalar(select(exists().where(Article.slug == slug))):
            return slug
