"""Questions as stored, with their options and evidence anchors."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..articles.anchoring import Selector
from ..articles.models import Article
from ..db import Base
from .kinds import Kind, Status, Verdict


class Question(Base):
    __tablename__ = "question"
    __table_args__ = (UniqueConstraint("article_id", "ident"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    # The author's stable id, unique within the article.
    ident: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(20))
    skill: Mapped[str] = mapped_column(String(40))
    # The question of a multiple-choice item, or the statement of a claim.
    prompt: Mapped[str] = mapped_column(Text)
    # The reference verdict of a claim; None for multiple choice.
    verdict: Mapped[str | None] = mapped_column(String(20))
    explanation: Mapped[str] = mapped_column(Text)
    # For the teacher alone: on the host's controls after the reveal and in reports, never to a
    # player or student (a verdict that needs discussing, a likely misreading).
    teacher_note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=Status.PUBLISHED)

    article: Mapped[Article] = relationship()
    options: Mapped[list[Option]] = relationship(
        back_populates="question", order_by="Option.position", cascade="all, delete-orphan"
    )
    evidence: Mapped[list[Evidence]] = relationship(
        back_populates="question", order_by="Evidence.position", cascade="all, delete-orphan"
    )

    @property
    def kind_enum(self) -> Kind:
        return Kind(self.kind)

    @property
    def verdict_enum(self) -> Verdict | None:
        return Verdict(self.verdict) if self.verdict else None

    @property
    def correct_option(self) -> Option | None:
        return next((option for option in self.options if option.correct), None)


class Option(Base):
    __tablename__ = "option"
    __table_args__ = (UniqueConstraint("question_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    correct: Mapped[bool] = mapped_column(default=False)
    # Why a wrong option is wrong; shown to a player who chose it.
    feedback: Mapped[str | None] = mapped_column(Text)

    question: Mapped[Question] = relationship(back_populates="options")


class Evidence(Base):
    """One evidence anchor: the span of the article that decides the question."""

    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("question_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    position: Mapped[int]
    exact: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    start: Mapped[int]
    end: Mapped[int]
    # Set when the article's text changed and the quote could not be found again.
    lost: Mapped[bool] = mapped_column(default=False)

    question: Mapped[Question] = relationship(back_populates="evidence")

    @property
    def selector(self) -> Selector:
        return Selector(self.exact, self.prefix, self.suffix, self.start, self.end)
