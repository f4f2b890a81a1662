"""Self-study attempts: the questions dealt to a player, and the answers given."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..articles.models import Article, utcnow
from ..bank.models import Option, Question
from ..sets.models import QuestionSet
from ..db import Base


class Attempt(Base):
    """One player's round: the questions it deals, in order, and the answers given so far."""

    __tablename__ = "attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Unguessable public id; the round's URLs carry it.
    token: Mapped[str] = mapped_column(String(40), unique=True)
    # A round is dealt from one article, or plays a question set (which may span articles).
    article_id: Mapped[int | None] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    set_id: Mapped[int | None] = mapped_column(ForeignKey("question_set.id", ondelete="CASCADE"))
    round_kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    # Homework: the assignment's student whose attempt this is, its number among theirs, and the
    # time after which no answer counts (the attempt's time limit or the closing time).
    assignment_student_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignment_student.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int | None]
    deadline: Mapped[datetime | None]

    article: Mapped[Article | None] = relationship()
    question_set: Mapped[QuestionSet | None] = relationship()
    assignment_student: Mapped["AssignmentStudent | None"] = relationship()  # noqa: F821 (quiz.assignments.models)
    items: Mapped[list[AttemptItem]] = relationship(
        back_populates="attempt", order_by="AttemptItem.position", cascade="all, delete-orphan"
    )

    @property
    def title(self) -> str:
        if self.assignment_student is not None:
            return self.assignment_student.assignment.title
        return self.question_set.title if self.question_set else self.article.headline

    def item_at(self, position: int) -> AttemptItem | None:
        if 1 <= position <= len(self.items):
            return self.items[position - 1]
        return None

    @property
    def next_position(self) -> int | None:
        """Return the position of the first unanswered question, or None when all are answered."""
        return next((item.position for item in self.items if item.answer is None), None)


class AttemptItem(Base):
    __tablename__ = "attempt_item"
    __table_args__ = (
        UniqueConstraint("attempt_id", "position"),
        UniqueConstraint("attempt_id", "question_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"))
    position: Mapped[int]
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    # Option ids in the order this player sees them; the form sends a place in this list.
    option_order: Mapped[list[int]] = mapped_column(JSON, default=list)
    # When the question was first shown: an answer's time is counted from it.
    shown_at: Mapped[datetime | None]

    attempt: Mapped[Attempt] = relationship(back_populates="items")
    question: Mapped[Question] = relationship()
    answer: Mapped[Answer | None] = relationship(back_populates="item", cascade="all, delete-orphan")

    @property
    def options(self) -> list[Option]:
        by_id = {option.id: option for option in self.question.options}
        return [by_id[option_id] for option_id in self.option_order if option_id in by_id]


class Answer(Base):
    """A player's answer to one item; the unique item_id makes a replay impossible to count twice."""

    __tablename__ = "answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("attempt_item.id", ondelete="CASCADE"), unique=True)
    option_id: Mapped[int | None] = mapped_column(ForeignKey("option.id", ondelete="SET NULL"))
    verdict: Mapped[str | None] = mapped_column(String(20))
    # The sentence picked as evidence, and its span when picked, in case the article changes later.
    sentence_position: Mapped[int | None]
    evidence_start: Mapped[int | None]
    evidence_end: Mapped[int | None]
    correct: Mapped[bool]
    verdict_correct: Mapped[bool | None]
    evidence_correct: Mapped[bool | None]
    points: Mapped[int]
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)

    item: Mapped[AttemptItem] = relationship(back_populates="answer")
    option: Mapped[Option | None] = relationship()
