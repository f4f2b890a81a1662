"""Live games as stored. Every bit of a game's state is here, none in a process's memory."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import Instructor
from ..articles.models import Article, utcnow
from ..bank.models import Option, Question
from ..db import Base


class Phase(StrEnum):
    LOBBY = "lobby"
    # The article alone on every screen before the first question, when the host asked for it.
    READING = "reading"
    QUESTION = "question"
    REVEAL = "reveal"
    LEADERBOARD = "leaderboard"
    ENDED = "ended"


class Screen(StrEnum):
    """What the projector shows while a question is open."""

    QUESTION = "question"
    ARTICLE = "article"
    BOTH = "both"

    @property
    def label(self) -> str:
        return {
            "question": "The question",
            "article": "The article",
            "both": "The question and the article, side by side",
        }[self.value]


# Extra time a host may give a player: a share of each question's time, in percent.
EXTRA_TIME_CHOICES = (0, 50, 100)


class Game(Base):
    __tablename__ = "game"
    __table_args__ = (
        # A PIN is unique among games that are not over; ended games free theirs.
        Index(
            "uq_game_open_pin",
            "pin",
            unique=True,
            sqlite_where=text("phase != 'ended'"),
            postgresql_where=text("phase != 'ended'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pin: Mapped[str] = mapped_column(String(6))
    host_id: Mapped[int] = mapped_column(ForeignKey("instructor.id", ondelete="CASCADE"))
    # Where its questions came from: a built-in round of one article, or a question set.
    article_id: Mapped[int | None] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    set_id: Mapped[int | None] = mapped_column(ForeignKey("question_set.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    # Options chosen by the host. Seconds per question by kind; a set's item may have its own.
    time_limit: Mapped[int]
    claim_time_limit: Mapped[int] = mapped_column(default=60)
    # Seconds of reading before the first question: None for none, 0 until the host starts.
    reading_seconds: Mapped[int | None]
    screen: Mapped[str] = mapped_column(String(20), default=Screen.BOTH)
    speed_bonus: Mapped[bool] = mapped_column(default=False)
    streak_bonus: Mapped[bool] = mapped_column(default=False)
    question_on_devices: Mapped[bool] = mapped_column(default=True)
    late_join: Mapped[bool] = mapped_column(default=True)
    shuffle: Mapped[bool] = mapped_column(default=True)
    locked: Mapped[bool] = mapped_column(default=False)
    # Where the game is. Times are milliseconds since the epoch by the server's clock.
    phase: Mapped[str] = mapped_column(String(20), default=Phase.LOBBY)
    position: Mapped[int] = mapped_column(default=0)
    opened_ms: Mapped[int | None] = mapped_column(BigInteger)
    # The open question's deadline for everyone (or the end of reading time)...
    deadline_ms: Mapped[int | None] = mapped_column(BigInteger)
    # ...and the last one of any player with extra time: the question closes then, or when all answered.
    closes_ms: Mapped[int | None] = mapped_column(BigInteger)
    closed_ms: Mapped[int | None] = mapped_column(BigInteger)
    # Set while paused: the time the question had left when the host paused it.
    paused_remaining_ms: Mapped[int | None] = mapped_column(BigInteger)
    # Bumped by every change players must see; pushes and polls compare it.
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]

    host: Mapped[Instructor] = relationship()
    article: Mapped[Article | None] = relationship()
    questions: Mapped[list[GameQuestion]] = relationship(
        back_populates="game", order_by="GameQuestion.position", cascade="all, delete-orphan"
    )

    @property
    def paused(self) -> bool:
        return self.paused_remaining_ms is not None

    def question_at(self, position: int) -> GameQuestion | None:
        if 1 <= position <= len(self.questions):
            return self.questions[position - 1]
        return None


class GameQuestion(Base):
    __tablename__ = "game_question"
    __table_args__ = (UniqueConstraint("game_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    game_id: Mapped[int] = mapped_column(ForeignKey("game.id", ondelete="CASCADE"))
    position: Mapped[int]
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"))
    # Option ids in the order everyone in this game sees them; answers name a place in it.
    option_order: Mapped[list[int]] = mapped_column(JSON, default=list)
    # Seconds to answer, fixed when the game is made: the set item's own, or the game's for its kind.
    time_limit: Mapped[int] = mapped_column(default=30)

    game: Mapped[Game] = relationship(back_populates="questions")
    question: Mapped[Question] = relationship()

    @property
    def options(self) -> list[Option]:
        by_id = {option.id: option for option in self.question.options}
        return [by_id[option_id] for option_id in self.option_order if option_id in by_id]


class Player(Base):
    __tablename__ = "player"
    __table_args__ = (UniqueConstraint("game_id", "nickname_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    game_id: Mapped[int] = mapped_column(ForeignKey("game.id", ondelete="CASCADE"), index=True)
    nickname: Mapped[str] = mapped_column(String(40))
    # The nickname case-folded: two players may not differ only in case.
    nickname_key: Mapped[str] = mapped_column(String(80))
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    removed: Mapped[bool] = mapped_column(default=False)
    # Extra time on every question, in percent of its time (EXTRA_TIME_CHOICES); only the host and
    # the player know it.
    extra_time: Mapped[int] = mapped_column(default=0)
    # Standing as of the last closed question, written once when it closes.
    points: Mapped[int] = mapped_column(default=0)
    accuracy_points: Mapped[int] = mapped_column(default=0)
    correct: Mapped[int] = mapped_column(default=0)
    streak: Mapped[int] = mapped_column(default=0)
    rank: Mapped[int | None]


class LiveAnswer(Base):
    """One player's answer to one question of a game; the unique pair makes it count once."""

    __tablename__ = "live_answer"
    __table_args__ = (
        UniqueConstraint("player_id", "position"),
        Index("ix_live_answer_game_position", "game_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    game_id: Mapped[int] = mapped_column(ForeignKey("game.id", ondelete="CASCADE"))
    player_id: Mapped[int] = mapped_column(ForeignKey("player.id", ondelete="CASCADE"))
    position: Mapped[int]
    # What was chosen: a place in the game's option order, or a verdict and a sentence.
    choice: Mapped[int | None]
    verdict: Mapped[str | None] = mapped_column(String(20))
    sentence_position: Mapped[int | None]
    answered_ms: Mapped[int] = mapped_column(BigInteger)
    elapsed_ms: Mapped[int]
    correct: Mapped[bool]
    verdict_correct: Mapped[bool | None]
    evidence_correct: Mapped[bool | None]
    # Accuracy points are always given; game points add the host's bonuses to them.
    accuracy_points: Mapped[int]
    points: Mapped[int]
    streak: Mapped[int]

    player: Mapped[Player] = relationship()
