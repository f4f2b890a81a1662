"""What an instructor decided about a suggested question, as stored.

Suggestions themselves are never stored: the generator makes the same ones from the same text,
so a decision is remembered by the suggestion's key, and only questions the instructor accepted
(saved through the authoring service, like any question) can ever be played.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..articles.models import utcnow
from ..db import Base

# Longer keys than this are not the generator's: refused before they reach the database.
MAX_KEY = 200


class Decision(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class SuggestionDecision(Base):
    __tablename__ = "suggestion_decision"
    # Decided once: a second accept (another tab, a double click) finds this row and stops.
    __table_args__ = (UniqueConstraint("article_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(MAX_KEY))
    decision: Mapped[str] = mapped_column(String(10))
    # The question an accepted suggestion became; None once that question is deleted (the
    # suggestion stays accepted: deleting the question was a decision too).
    question_id: Mapped[int | None] = mapped_column(ForeignKey("question.id", ondelete="SET NULL"), index=True)
    instructor_id: Mapped[int | None] = mapped_column(ForeignKey("instructor.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
