"""Articles as stored: canonical text, block and sentence spans."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Article(Base):
    __tablename__ = "article"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable public id: the folder name in questions/ for built-in articles.
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    headline: Mapped[str] = mapped_column(Text)
    # Each may be unknown: the article text does not always say.
    publisher: Mapped[str | None] = mapped_column(String(200))
    author: Mapped[str | None] = mapped_column(String(200))
    published: Mapped[str | None] = mapped_column(String(40))
    url: Mapped[str | None] = mapped_column(Text)
    # Canonical text: NFC, blocks in order joined by a blank line. Anchors count code points into it.
    text: Mapped[str] = mapped_column(Text)
    builtin: Mapped[bool] = mapped_column(default=False)
    # The instructor who brought it; None for the built-in articles, which nobody may change.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("instructor.id", ondelete="CASCADE"), index=True)
    # How it came in: builtin, paste, upload or url.
    source: Mapped[str] = mapped_column(String(20), default="builtin")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    blocks: Mapped[list[Block]] = relationship(
        back_populates="article", order_by="Block.position", cascade="all, delete-orphan"
    )
    sentences: Mapped[list[Sentence]] = relationship(
        back_populates="article", order_by="Sentence.position", cascade="all, delete-orphan"
    )

    def sentence_at(self, position: int) -> Sentence | None:
        if 1 <= position <= len(self.sentences):
            return self.sentences[position - 1]
        return None


class Block(Base):
    __tablename__ = "block"
    __table_args__ = (UniqueConstraint("article_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    # 1-based order in the article; rendered as the element id "b<position>".
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    start: Mapped[int]
    end: Mapped[int]

    article: Mapped[Article] = relationship(back_populates="blocks")


class Sentence(Base):
    __tablename__ = "sentence"
    __table_args__ = (UniqueConstraint("article_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    # 1-based order in the article; rendered as the element id "s<position>".
    position: Mapped[int]
    block_position: Mapped[int]
    start: Mapped[int]
    end: Mapped[int]

    article: Mapped[Article] = relationship(back_populates="sentences")

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]
