"""Question sets as stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import Instructor
from ..articles.models import utcnow
from ..bank.models import Question
from ..db import Base


class QuestionSet(Base):
    __tablename__ = "question_set"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("instructor.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    # The self-study link: whoever has it can play the set, nobody can change it.
    share_token: Mapped[str] = mapped_column(String(40), unique=True)
    # Default options when the set is hosted live.
    time_limit: Mapped[int] = mapped_column(default=30)
    claim_time_limit: Mapped[int] = mapped_column(default=60)
    speed_bonus: Mapped[bool] = mapped_column(default=False)
    streak_bonus: Mapped[bool] = mapped_column(default=False)
    question_on_devices: Mapped[bool] = mapped_column(default=True)
    late_join: Mapped[bool] = mapped_column(default=True)
    shuffle: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    owner: Mapped[Instructor] = relationship()
    items: Mapped[list[QuestionSetItem]] = relationship(
        back_populates="question_set", order_by="QuestionSetItem.position", cascade="all, delete-orphan"
    )

    @property
    def questions(self) -> list[Question]:
        return [item.question for item in self.items]


class QuestionSetItem(Base):
    __tablename__ = "question_set_item"
    __table_args__ = (UniqueConstraint("set_id", "position"), UniqueConstraint("set_id", "question_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("question_set.id", ondelete="CASCADE"))
    position: Mapped[int]
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    # Seconds for this question when played live; None takes the game's time for its kind.
    time_limit: Mapped[int | None]

    question_set: Mapped[QuestionSet] = relationship(back_populates="items")
    question: Mapped[Question] = relationship()
