"""Assignments (self-paced homework) and class lists, as stored.

An assignment fixes its questions when it is made (AssignmentItem), so that every student gets
the same questions and the report compares like with like; each student's attempts are study
Attempts (quiz/study/models.py) tied to an AssignmentStudent. Deleting an assignment deletes its
students, their attempts and their answers (the foreign keys cascade).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import Instructor
from ..articles.models import Article, utcnow
from ..bank.models import Question
from ..db import Base
from ..sets.models import QuestionSet


class Counting(StrEnum):
    """Which of a student's attempts counts when several are allowed."""

    BEST = "best"
    LAST = "last"

    @property
    def label(self) -> str:
        return {"best": "The best attempt counts", "last": "The last attempt counts"}[self.value]


class Feedback(StrEnum):
    """When a student sees whether an answer was right, and why."""

    EACH = "each"
    END = "end"

    @property
    def label(self) -> str:
        return {
            "each": "After each question: right or wrong, why, and the passage that decides it",
            "end": "At the end of the attempt only: answers are recorded without feedback until then",
        }[self.value]


class Roster(Base):
    """A class list: an instructor's class and the names of its students."""

    __tablename__ = "roster"
    __table_args__ = (UniqueConstraint("owner_id", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("instructor.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(String(80))
    # On: a student who picks their name must also type the personal code the teacher printed.
    codes: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    owner: Mapped[Instructor] = relationship()
    students: Mapped[list[RosterStudent]] = relationship(
        back_populates="roster", order_by="RosterStudent.name_key", cascade="all, delete-orphan"
    )


class RosterStudent(Base):
    __tablename__ = "roster_student"
    __table_args__ = (UniqueConstraint("roster_id", "name_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    roster_id: Mapped[int] = mapped_column(ForeignKey("roster.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    # The name case-folded with its spaces collapsed: "ana  Lopez" and "Ana Lopez" are one student.
    name_key: Mapped[str] = mapped_column(String(80))
    # The short personal code a student types when the class list asks for codes.
    code: Mapped[str] = mapped_column(String(12))

    roster: Mapped[Roster] = relationship(back_populates="students")


class Assignment(Base):
    __tablename__ = "assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("instructor.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    # What students type on the home page, and the end of the link: short, no look-alike letters.
    code: Mapped[str] = mapped_column(String(12), unique=True)
    # Where its questions came from (the questions themselves are fixed in items).
    set_id: Mapped[int | None] = mapped_column(ForeignKey("question_set.id", ondelete="SET NULL"))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("article.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(String(300), default="")
    roster_id: Mapped[int | None] = mapped_column(ForeignKey("roster.id", ondelete="SET NULL"))
    opens_at: Mapped[datetime | None]
    closes_at: Mapped[datetime | None]
    # The teacher's time zone (IANA name) when they set the times: pages show the times in it.
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    attempts_allowed: Mapped[int] = mapped_column(default=1)
    counting: Mapped[str] = mapped_column(String(10), default=Counting.BEST)
    feedback: Mapped[str] = mapped_column(String(10), default=Feedback.EACH)
    # Minutes per attempt; None for no limit.
    time_limit: Mapped[int | None]
    # Each attempt deals the questions in its own order.
    shuffle: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    owner: Mapped[Instructor] = relationship()
    question_set: Mapped[QuestionSet | None] = relationship()
    article: Mapped[Article | None] = relationship()
    roster: Mapped[Roster | None] = relationship()
    items: Mapped[list[AssignmentItem]] = relationship(
        back_populates="assignment", order_by="AssignmentItem.position", cascade="all, delete-orphan"
    )
    students: Mapped[list[AssignmentStudent]] = relationship(
        back_populates="assignment", order_by="AssignmentStudent.id", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def counting_enum(self) -> Counting:
        return Counting(self.counting)

    @property
    def feedback_enum(self) -> Feedback:
        return Feedback(self.feedback)


class AssignmentItem(Base):
    __tablename__ = "assignment_item"
    __table_args__ = (UniqueConstraint("assignment_id", "position"), UniqueConstraint("assignment_id", "question_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"))
    position: Mapped[int]
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))

    assignment: Mapped[Assignment] = relationship(back_populates="items")
    question: Mapped[Question] = relationship()


class AssignmentStudent(Base):
    """A student who entered an assignment: the name given (or picked from the class list), the
    optional class and student number, and the browser key that lets the same browser resume."""

    __tablename__ = "assignment_student"
    __table_args__ = (UniqueConstraint("assignment_id", "name_key", "class_key", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(String(80))
    class_name: Mapped[str] = mapped_column(String(80), default="")
    class_key: Mapped[str] = mapped_column(String(80), default="")
    number: Mapped[str] = mapped_column(String(30), default="")
    roster_student_id: Mapped[int | None] = mapped_column(ForeignKey("roster_student.id", ondelete="SET NULL"))
    # Unguessable; the student's browser keeps it in its session cookie.
    token: Mapped[str] = mapped_column(String(40), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    assignment: Mapped[Assignment] = relationship(back_populates="students")
    roster_student: Mapped[RosterStudent | None] = relationship()
