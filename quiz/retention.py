"""Deleting students' data after a number of days (STUDENT_DATA_RETENTION_DAYS).

What goes, once it is older than the cut-off:
- a live game's players, with their answers, for games created before it: the game itself, its
  questions and its host stay, so the teacher's list of games still shows it (with no players);
- an assignment's students, with their attempts and answers, whose last activity (their entry,
  their latest attempt's start or their latest answer) came before it: the assignment stays, and
  a student still at work is not cut off mid-attempt.

Nothing else is about a student by name: self-study rounds played without an assignment are
anonymous, and class lists are the teacher's own (deleted with the class).

It runs from `flask --app quiz purge-student-data` and, when the setting is on, by itself at most
once an hour per server process (see init_app). Running it again deletes nothing more, so several
processes each running it is harmless.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Mapping

from flask import Flask, current_app, request
from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from .articles.models import utcnow

log = logging.getLogger(__name__)

# The automatic purge runs at most this often in one process.
AUTOMATIC_EVERY_SECONDS = 3600
MAX_DAYS = 36500


class RetentionSettingInvalid(ValueError):
    pass


def retention_days(config: Mapping[str, Any]) -> int | None:
    """Return STUDENT_DATA_RETENTION_DAYS as a whole number of days, or None to keep students'
    data. It may come from instance/config.py or QUIZ_STUDENT_DATA_RETENTION_DAYS, which Flask
    reads as JSON: "30" is the number 30, "null" or "" is unset."""
    value = config.get("STUDENT_DATA_RETENTION_DAYS")
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "none", "null")):
        return None
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_DAYS:
        raise RetentionSettingInvalid(
            f"STUDENT_DATA_RETENTION_DAYS (QUIZ_STUDENT_DATA_RETENTION_DAYS) must be a whole number of days "
            f"from 1 to {MAX_DAYS}, or unset to keep students' data; it is {value!r}."
        )
    return value


@dataclass(frozen=True)
class PurgeReport:
    days: int
    cutoff: datetime
    games: int = 0
    players: int = 0
    live_answers: int = 0
    assignments: int = 0
    students: int = 0
    attempts: int = 0
    answers: int = 0

    @property
    def deleted_anything(self) -> bool:
        return bool(self.players or self.students)

    def lines(self) -> list[str]:
        since = f"{self.cutoff:%Y-%m-%d %H:%M} UTC"
        return [
            f"Students' data older than {self.days} day{'' if self.days == 1 else 's'} (before {since}):",
            f"  live games: {self.players} player(s) with {self.live_answers} answer(s), from {self.games} game(s)",
            f"  assignments: {self.students} student(s) with {self.attempts} attempt(s) and {self.answers} answer(s), "
            f"from {self.assignments} assignment(s)",
        ]


def purge_student_data(session: Session, days: int, now: datetime | None = None) -> PurgeReport:
    """Delete students' data older than `days` days (see the module's docstring) and return what
    went; the caller commits."""
    from .assignments.models import AssignmentStudent
    from .live.models import Game, LiveAnswer, Player
    from .study.models import Answer, Attempt, AttemptItem

    if days < 1:
        raise ValueError("days must be 1 or more")
    cutoff = (now or utcnow()) - timedelta(days=days)

    # Live games created before the cut-off: their players and answers.
    old_games = select(Game.id).where(Game.created_at < cutoff)
    games = session.scalar(select(func.count(func.distinct(Player.game_id))).where(Player.game_id.in_(old_games)))
    players = session.scalar(select(func.count()).select_from(Player).where(Player.game_id.in_(old_games)))
    live_answers = session.scalar(select(func.count()).select_from(LiveAnswer).where(LiveAnswer.game_id.in_(old_games)))
    if players or live_answers:
        # The answers first, though the foreign key would cascade: the same on every database.
        session.execute(delete(LiveAnswer).where(LiveAnswer.game_id.in_(old_games)), execution_options={"synchronize_session": False})
        session.execute(delete(Player).where(Player.game_id.in_(old_games)), execution_options={"synchronize_session": False})

    # Assignments' students with nothing done since the cut-off.
    recent_attempt = exists().where(Attempt.assignment_student_id == AssignmentStudent.id, Attempt.created_at >= cutoff)
    recent_answer = exists().where(
        Attempt.assignment_student_id == AssignmentStudent.id,
        AttemptItem.attempt_id == Attempt.id,
        Answer.item_id == AttemptItem.id,
        Answer.answered_at >= cutoff,
    )
    # correlate(None): used inside queries on the same table, it stays a query of its own.
    stale = select(AssignmentStudent.id).where(AssignmentStudent.created_at < cutoff, ~recent_attempt, ~recent_answer).correlate(None)
    assignments, students = session.execute(
        select(func.count(func.distinct(AssignmentStudent.assignment_id)), func.count()).where(AssignmentStudent.id.in_(stale))
    ).one()
    attempts = answers = 0
    if students:
        attempts = session.scalar(select(func.count()).select_from(Attempt).where(Attempt.assignment_student_id.in_(stale)))
        answers = session.scalar(
            select(func.count())
            .select_from(Answer)
            .join(AttemptItem, Answer.item_id == AttemptItem.id)
            .join(Attempt, AttemptItem.attempt_id == Attempt.id)
            .where(Attempt.assignment_student_id.in_(stale))
        )
        # Their attempts, the attempts' items and answers go with them (the foreign keys cascade).
        session.execute(delete(AssignmentStudent).where(AssignmentStudent.id.in_(stale)), execution_options={"synchronize_session": False})
    session.flush()
    return PurgeReport(
        days=days,
        cutoff=cutoff,
        games=games or 0,
        players=players or 0,
        live_answers=live_answers or 0,
        assignments=assignments or 0,
        students=students or 0,
        attempts=attempts or 0,
        answers=answers or 0,
    )


# The automatic purge ---------------------------------------------------------------------------


@dataclass
class _Throttle:
    """When this process last ran the automatic purge. Kept in the process, not the database: each
    server process (a gunicorn worker) runs it at most once an hour, which is harmless because a
    second run finds nothing more to delete."""

    last: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def due(self, now: float) -> bool:
        """Claim this hour's run; False when it ran within the hour or is running now."""
        if self.last is not None and now - self.last < AUTOMATIC_EVERY_SECONDS:
            return False
        if not self.lock.acquire(blocking=False):
            return False
        try:
            if self.last is not None and now - self.last < AUTOMATIC_EVERY_SECONDS:
                return False
            self.last = now
            return True
        finally:
            self.lock.release()


def init_app(app: Flask) -> None:
    """Check the setting now, so that a bad value stops the app at start with a clear message, and
    purge by itself from the first request on, at most once an hour, when the setting is on."""
    try:
        retention_days(app.config)
    except RetentionSettingInvalid as invalid:
        raise RuntimeError(str(invalid)) from None
    app.extensions["quiz.retention"] = _Throttle()
    app.before_request(_purge_when_due)


def _purge_when_due() -> None:
    """Run the purge if the setting is on and this process has not run it within the hour. Cheap
    when off: a look at the setting. A failure is logged; the request goes on."""
    app = current_app._get_current_object()
    if app.config.get("STUDENT_DATA_RETENTION_DAYS") is None or request.endpoint == "static":
        return
    throttle: _Throttle = app.extensions["quiz.retention"]
    if not throttle.due(time.monotonic()):
        return
    try:
        days = retention_days(app.config)
        if days is None:
            return
        # A session of its own: the request's is left as it was.
        with app.extensions["quiz.sessionmaker"]() as session:
            report = purge_student_data(session, days)
            session.commit()
        if report.deleted_anything:
            log.info(" ".join(line.strip() for line in report.lines()))
    except Exception:
        log.exception("could not delete students' data past the retention setting; trying again in an hour")

