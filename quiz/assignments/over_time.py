"""Results over time, and a question's statistics across everything it was played in.

For one instructor only: every query here is limited to the games they hosted and the assignments
they set, so no other instructor's players or students are ever read.

- A set over time: every live game and assignment of the set, each summed up from its own report
  (quiz/live/host_views.game_report, quiz/assignments/service.assignment_report) so the figures
  agree with those pages.
- A student over time: the assignments where a student of that name and class (compared as
  quiz/assignments/classes.name_key compares them) handed in, and the live games where a player's
  nickname compares equal to the name (games ask no class: they match by nickname only).
- A question's statistics: every answer given to it in the instructor's games and assignments, in
  a fixed number of queries however often it was played.

A report is built per game or assignment, so the number of queries grows with them: only the most
recent MAX_OCCASIONS are read, and the pages say so when there were more.

The functions take the request's session (quiz.db.session()): game_report reads through it.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, distinct, func, select
from sqlalchemy.orm import Session, selectinload

from .. import reports
from ..bank.kinds import Kind, Verdict
from ..bank.models import Question
from ..bank.skills import SKILLS
from ..live.models import Game, GameQuestion, LiveAnswer, Player
from ..scoring import Rate
from ..sets.models import QuestionSet
from ..study.models import Answer, Attempt, AttemptItem
from .classes import name_key
from .models import Assignment, AssignmentItem, AssignmentStudent
from .service import assignment_report, aware

# Games and assignments read for one page, the most recent first: each needs its own report.
MAX_OCCASIONS = 50
# Students listed on the index page.
MAX_STUDENTS_LISTED = 1000
# Recent games and assignments listed on the index page.
RECENT = 20
# Places listed under a question's statistics (its figures count them all).
MAX_PLACES = 50

GAME = "live game"
ASSIGNMENT = "assignment"


def _skill_order(skill: str) -> tuple[int, str]:
    """The eleven skills in their usual order, any other after them."""
    order = list(SKILLS)
    return (order.index(skill), "") if skill in order else (len(order), skill)


def _sum_rates(rates) -> Rate:
    rates = list(rates)
    return Rate(sum(r.right for r in rates), sum(r.total for r in rates))


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def _points(value: float | None) -> int | None:
    return None if value is None else round(100 * value)


# ---------------------------------------------------------------------------------------------
# One game or assignment, and a series of them


@dataclass(frozen=True)
class Occasion:
    """One live game or assignment, summed up for the class: its players (students in the game, or
    who handed in), questions played, accuracy (fully right answers over players x questions
    played), the mean of the players' discernment on claims (those for whom it is measured) and
    the accuracy per skill."""

    kind: str
    id: int
    title: str
    when: datetime
    players: int
    played: int
    accuracy: Rate
    discernment: float | None
    by_skill: dict[str, Rate]

    @property
    def is_game(self) -> bool:
        return self.kind == GAME

    @property
    def discernment_points(self) -> int | None:
        return _points(self.discernment)


@dataclass(frozen=True)
class StudentResult:
    """One student's result in one game or assignment; report is None for an assignment the
    student has not handed in yet."""

    kind: str
    id: int
    title: str
    when: datetime
    name: str
    class_name: str = ""
    number: str = ""
    removed: bool = False
    report: reports.StudentReport | None = None

    @property
    def is_game(self) -> bool:
        return self.kind == GAME

    @property
    def accuracy(self) -> Rate:
        return self.report.accuracy if self.report else Rate(0, 0)

    @property
    def by_skill(self) -> dict[str, Rate]:
        return self.report.by_skill if self.report else {}

    @property
    def discernment_points(self) -> int | None:
        return self.report.discernment_points if self.report else None


@dataclass(frozen=True)
class Timeline:
    """Games and assignments in date order, oldest first; total is how many there are in all,
    of which only the most recent were read (capped)."""

    entries: tuple
    total: int

    @property
    def capped(self) -> bool:
        return self.total > len(self.entries)

    @property
    def skills(self) -> list[str]:
        return sorted({skill for entry in self.entries for skill in entry.by_skill}, key=_skill_order)

    @property
    def accuracy(self) -> Rate:
        return _sum_rates(entry.accuracy for entry in self.entries)

    @property
    def by_skill(self) -> dict[str, Rate]:
        """Return each skill's accuracy over every entry: right answers over questions, summed."""
        return {skill: _sum_rates(e.by_skill[skill] for e in self.entries if skill in e.by_skill) for skill in self.skills}

    @property
    def games(self) -> int:
        return sum(entry.is_game for entry in self.entries)

    @property
    def assignments(self) -> int:
        return len(self.entries) - self.games


def _occasion(kind: str, id: int, title: str, when: datetime, report: reports.Report) -> Occasion:
    in_game = [s for s in report.students if s.student.in_game]
    return Occasion(
        kind=kind,
        id=id,
        title=title,
        when=aware(when),
        players=report.players,
        played=report.played,
        accuracy=_sum_rates(s.accuracy for s in in_game),
        discernment=_mean(s.discernment for s in in_game),
        by_skill=report.by_skill,
    )


def _games(session: Session, ids) -> dict[int, Game]:
    """Load the games with their questions and options in a few queries (game_report reads them)."""
    if not ids:
        return {}
    loaded = session.scalars(
        select(Game)
        .where(Game.id.in_(list(ids)))
        .options(selectinload(Game.questions).selectinload(GameQuestion.question).selectinload(Question.options))
    ).all()
    return {game.id: game for game in loaded}


def _assignments(session: Session, ids) -> dict[int, Assignment]:
    if not ids:
        return {}
    loaded = session.scalars(
        select(Assignment)
        .where(Assignment.id.in_(list(ids)))
        .options(selectinload(Assignment.items).selectinload(AssignmentItem.question).selectinload(Question.options))
    ).all()
    return {assignment.id: assignment for assignment in loaded}


def _game_report(game: Game) -> reports.Report:
    # Imported here: the rest of this module needs none of the live host's views.
    from ..live.host_views import game_report

    return game_report(game)


def _latest(dated: list[tuple[str, int, datetime]], limit: int) -> list[tuple[str, int, datetime]]:
    """Return the most recent `limit` of (kind, id, when), then in date order, oldest first."""
    newest = sorted(dated, key=lambda item: (aware(item[2]), item[0], item[1]), reverse=True)[:limit]
    return list(reversed(newest))


def set_timeline(session: Session, owner_id: int, set_id: int, limit: int | None = None) -> Timeline:
    """Return every live game and assignment of the set that this instructor hosted or set, in
    date order, each summed up from its report; only the most recent `limit` (MAX_OCCASIONS) are read."""
    limit = limit or MAX_OCCASIONS
    game_where = (Game.host_id == owner_id, Game.set_id == set_id)
    assignment_where = (Assignment.owner_id == owner_id, Assignment.set_id == set_id)
    total = session.scalar(select(func.count()).select_from(Game).where(*game_where)) + session.scalar(
        select(func.count()).select_from(Assignment).where(*assignment_where)
    )
    dated = [
        (GAME, id, when)
        for id, when in session.execute(
            select(Game.id, Game.created_at).where(*game_where).order_by(Game.created_at.desc(), Game.id.desc()).limit(limit)
        )
    ] + [
        (ASSIGNMENT, id, when)
        for id, when in session.execute(
            select(Assignment.id, Assignment.created_at)
            .where(*assignment_where)
            .order_by(Assignment.created_at.desc(), Assignment.id.desc())
            .limit(limit)
        )
    ]
    chosen = _latest(dated, limit)
    games = _games(session, [id for kind, id, _ in chosen if kind == GAME])
    assignments = _assignments(session, [id for kind, id, _ in chosen if kind == ASSIGNMENT])
    entries = []
    for kind, id, when in chosen:
        if kind == GAME:
            game = games[id]
            entries.append(_occasion(GAME, id, game.title, when, _game_report(game)))
        else:
            assignment = assignments[id]
            entries.append(_occasion(ASSIGNMENT, id, assignment.title, when, assignment_report(session, assignment)))
    return Timeline(entries=tuple(entries), total=total)


@dataclass(frozen=True)
class StudentTimeline(Timeline):
    name: str = ""
    class_name: str = ""


def student_timeline(
    session: Session, owner_id: int, name: str, class_name: str, limit: int | None = None
) -> StudentTimeline | None:
    """Return one student's results over this instructor's assignments (same name and class, as
    name_key compares them) and live games (a nickname that compares equal to the name), in date
    order; None when nothing matches. Only the most recent `limit` (MAX_OCCASIONS) are read."""
    limit = limit or MAX_OCCASIONS
    from ..live import nicknames

    key, class_key = name_key(name), name_key(class_name)
    if not key:
        return None
    nickname_key = nicknames.key(nicknames.clean(name))
    students = session.execute(
        select(AssignmentStudent, Assignment.created_at)
        .join(Assignment, AssignmentStudent.assignment_id == Assignment.id)
        .where(Assignment.owner_id == owner_id, AssignmentStudent.name_key == key, AssignmentStudent.class_key == class_key)
        .order_by(Assignment.created_at.desc(), AssignmentStudent.id.desc())
        .limit(limit)
    ).all()
    players = session.execute(
        select(Player, Game.created_at)
        .join(Game, Player.game_id == Game.id)
        .where(Game.host_id == owner_id, Player.nickname_key == nickname_key)
        .order_by(Game.created_at.desc(), Player.id.desc())
        .limit(limit)
    ).all()
    total = session.scalar(
        select(func.count())
        .select_from(AssignmentStudent)
        .join(Assignment, AssignmentStudent.assignment_id == Assignment.id)
        .where(Assignment.owner_id == owner_id, AssignmentStudent.name_key == key, AssignmentStudent.class_key == class_key)
    ) + session.scalar(
        select(func.count())
        .select_from(Player)
        .join(Game, Player.game_id == Game.id)
        .where(Game.host_id == owner_id, Player.nickname_key == nickname_key)
    )
    if not total:
        return None
    by_key = {(ASSIGNMENT, s.id): s for s, _ in students} | {(GAME, p.id): p for p, _ in players}
    chosen = _latest([(ASSIGNMENT, s.id, when) for s, when in students] + [(GAME, p.id, when) for p, when in players], limit)
    games = _games(session, {by_key[(kind, id)].game_id for kind, id, _ in chosen if kind == GAME})
    assignments = _assignments(session, {by_key[(kind, id)].assignment_id for kind, id, _ in chosen if kind == ASSIGNMENT})
    # One report per game or assignment, even when the same one holds two matches.
    built: dict[tuple[str, int], reports.Report] = {}
    entries = []
    for kind, id, when in chosen:
        row = by_key[(kind, id)]
        if kind == GAME:
            game = games[row.game_id]
            if (GAME, game.id) not in built:
                built[(GAME, game.id)] = _game_report(game)
            mine = next((s for s in built[(GAME, game.id)].students if s.student.key == str(row.id)), None)
            entries.append(
                StudentResult(GAME, game.id, game.title, aware(when), row.nickname, removed=row.removed, report=mine)
            )
        else:
            assignment = assignments[row.assignment_id]
            if (ASSIGNMENT, assignment.id) not in built:
                built[(ASSIGNMENT, assignment.id)] = assignment_report(session, assignment)
            mine = next((s for s in built[(ASSIGNMENT, assignment.id)].students if s.student.key == str(row.id)), None)
            entries.append(
                StudentResult(
                    ASSIGNMENT, assignment.id, assignment.title, aware(when), row.name, row.class_name, row.number, report=mine
                )
            )
    return StudentTimeline(
        entries=tuple(entries), total=total, name=" ".join(name.split()), class_name=" ".join(class_name.split())
    )


# ---------------------------------------------------------------------------------------------
# The index: sets, students, recent games and assignments


@dataclass(frozen=True)
class SetRow:
    question_set: QuestionSet
    games: int
    assignments: int


@dataclass(frozen=True)
class StudentRow:
    name: str
    class_name: str
    assignments: int


@dataclass(frozen=True)
class ClassGroup:
    class_name: str
    students: tuple[StudentRow, ...]


@dataclass(frozen=True)
class Overview:
    sets: tuple[SetRow, ...]
    classes: tuple[ClassGroup, ...]
    students_capped: bool
    games: tuple[Game, ...]
    assignments: tuple[Assignment, ...]


def overview(session: Session, owner_id: int) -> Overview:
    """Return the instructor's sets (with how often each was played), the students seen in their
    assignments grouped by class, and their recent games and assignments; seven queries."""
    sets = session.scalars(select(QuestionSet).where(QuestionSet.owner_id == owner_id).order_by(QuestionSet.title, QuestionSet.id)).all()
    game_counts = dict(
        session.execute(
            select(Game.set_id, func.count()).where(Game.host_id == owner_id, Game.set_id.is_not(None)).group_by(Game.set_id)
        ).all()
    )
    assignment_counts = dict(
        session.execute(
            select(Assignment.set_id, func.count())
            .where(Assignment.owner_id == owner_id, Assignment.set_id.is_not(None))
            .group_by(Assignment.set_id)
        ).all()
    )
    rows = session.execute(
        select(
            AssignmentStudent.class_key,
            AssignmentStudent.name_key,
            func.min(AssignmentStudent.class_name),
            func.min(AssignmentStudent.name),
            func.count(distinct(AssignmentStudent.assignment_id)),
        )
        .join(Assignment, AssignmentStudent.assignment_id == Assignment.id)
        .where(Assignment.owner_id == owner_id)
        .group_by(AssignmentStudent.class_key, AssignmentStudent.name_key)
        .order_by(AssignmentStudent.class_key, AssignmentStudent.name_key)
        .limit(MAX_STUDENTS_LISTED + 1)
    ).all()
    groups: dict[str, tuple[str, list[StudentRow]]] = {}
    for class_key, _name_key, class_name, student_name, count in rows[:MAX_STUDENTS_LISTED]:
        groups.setdefault(class_key, (class_name, []))[1].append(StudentRow(student_name, class_name, count))
    games = session.scalars(
        select(Game).where(Game.host_id == owner_id).order_by(Game.created_at.desc(), Game.id.desc()).limit(RECENT)
    ).all()
    assignments = session.scalars(
        select(Assignment).where(Assignment.owner_id == owner_id).order_by(Assignment.created_at.desc(), Assignment.id.desc()).limit(RECENT)
    ).all()
    return Overview(
        sets=tuple(SetRow(s, game_counts.get(s.id, 0), assignment_counts.get(s.id, 0)) for s in sets),
        classes=tuple(ClassGroup(label, tuple(students)) for label, students in groups.values()),
        students_capped=len(rows) > MAX_STUDENTS_LISTED,
        games=tuple(games),
        assignments=tuple(assignments),
    )


# ---------------------------------------------------------------------------------------------
# A question's statistics


@dataclass(frozen=True)
class Place:
    """A game or assignment the question was played in, and how it went there."""

    kind: str
    id: int
    title: str
    when: datetime
    answers: int
    right: int

    @property
    def is_game(self) -> bool:
        return self.kind == GAME

    @property
    def rate(self) -> Rate:
        return Rate(self.right, self.answers)


@dataclass(frozen=True)
class QuestionStats:
    """A question across this instructor's games (where it was asked and closed) and assignments
    (that hold it): every answer given counts, each attempt of an assignment included."""

    games: int
    assignments: int
    answers: int
    right: int
    distribution: tuple[reports.Tally, ...]
    # Claims needing a sentence: answers with the right verdict, and those with the right sentence too.
    verdict_right: int | None
    evidence_found: int | None
    median_ms: float | None
    # Newest first, at most MAX_PLACES of them.
    places: tuple[Place, ...]

    @property
    def played(self) -> int:
        return self.games + self.assignments

    @property
    def rate(self) -> Rate:
        return Rate(self.right, self.answers)

    @property
    def evidence_rate(self) -> Rate | None:
        return None if self.verdict_right is None else Rate(self.evidence_found, self.verdict_right)

    @property
    def median_seconds(self) -> float | None:
        return None if self.median_ms is None else round(self.median_ms / 1000, 1)

    @property
    def places_capped(self) -> bool:
        return self.played > len(self.places)


def question_stats(session: Session, owner_id: int, question: Question) -> QuestionStats:
    """Return how the question played in this instructor's live games and assignments, and only
    theirs, in six queries whatever the number of games, assignments and answers.

    Live answers name a place in the game's option order, mapped back to the option; assignment
    answers name the option. Answers of players the host removed are left out, as in a game's report.
    """
    options = list(question.options)
    # The games that asked it and closed it (a question still open, or never reached, is not played yet).
    game_rows = session.execute(
        select(
            GameQuestion.game_id,
            GameQuestion.position,
            GameQuestion.option_order,
            Game.title,
            Game.created_at,
            Game.phase,
            Game.position.label("game_position"),
        )
        .join(Game, GameQuestion.game_id == Game.id)
        .where(GameQuestion.question_id == question.id, Game.host_id == owner_id)
    ).all()
    played_games = {
        row.game_id: row
        for row in game_rows
        if row.position in reports.played_positions(row.phase, row.game_position, row.position)
    }
    live = session.execute(
        select(LiveAnswer.game_id, LiveAnswer.choice, LiveAnswer.verdict, LiveAnswer.correct, LiveAnswer.elapsed_ms)
        .join(GameQuestion, and_(GameQuestion.game_id == LiveAnswer.game_id, GameQuestion.position == LiveAnswer.position))
        .join(Game, LiveAnswer.game_id == Game.id)
        .join(Player, LiveAnswer.player_id == Player.id)
        .where(GameQuestion.question_id == question.id, Game.host_id == owner_id, Player.removed.is_(False))
    ).all()
    assignment_rows = session.execute(
        select(Assignment.id, Assignment.title, Assignment.created_at)
        .join(AssignmentItem, AssignmentItem.assignment_id == Assignment.id)
        .where(AssignmentItem.question_id == question.id, Assignment.owner_id == owner_id)
    ).all()
    homework = session.execute(
        select(
            AssignmentStudent.assignment_id,
            Answer.option_id,
            Answer.verdict,
            Answer.correct,
            Answer.answered_at,
            AttemptItem.shown_at,
        )
        .select_from(Answer)
        .join(AttemptItem, Answer.item_id == AttemptItem.id)
        .join(Attempt, AttemptItem.attempt_id == Attempt.id)
        .join(AssignmentStudent, Attempt.assignment_student_id == AssignmentStudent.id)
        .join(Assignment, AssignmentStudent.assignment_id == Assignment.id)
        .where(AttemptItem.question_id == question.id, Assignment.owner_id == owner_id)
    ).all()

    # Every answer as (place, option id, verdict, correct, milliseconds or None).
    given: list[tuple[tuple[str, int], int | None, str | None, bool, int | None]] = []
    for game_id, choice, verdict, correct, elapsed_ms in live:
        row = played_games.get(game_id)
        if row is None:
            continue
        order = row.option_order or []
        option_id = order[choice - 1] if choice is not None and 1 <= choice <= len(order) else None
        given.append(((GAME, game_id), option_id, verdict, bool(correct), elapsed_ms))
    for assignment_id, option_id, verdict, correct, answered_at, shown_at in homework:
        elapsed = None
        if shown_at is not None and answered_at is not None:
            elapsed = max(0, int((aware(answered_at) - aware(shown_at)).total_seconds() * 1000))
        given.append(((ASSIGNMENT, assignment_id), option_id, verdict, bool(correct), elapsed))

    if question.kind_enum == Kind.MULTIPLE_CHOICE:
        distribution = tuple(
            reports.Tally(option.id, option.text, sum(1 for g in given if g[1] == option.id), option.correct)
            for option in options
        )
    else:
        distribution = tuple(
            reports.Tally(v.value, v.label, sum(1 for g in given if g[2] == v.value), v == question.verdict)
            for v in Verdict
        )
    verdict_right = evidence_found = None
    if question.kind_enum == Kind.CLAIM and question.verdict_enum is not None and question.verdict_enum.needs_evidence:
        with_verdict = [g for g in given if g[2] == question.verdict]
        verdict_right = len(with_verdict)
        evidence_found = sum(g[3] for g in with_verdict)
    times = [g[4] for g in given if g[4] is not None]

    counts: dict[tuple[str, int], list[int]] = {}
    for g in given:
        tally = counts.setdefault(g[0], [0, 0])
        tally[0] += 1
        tally[1] += g[3]
    places = [
        Place(GAME, row.game_id, row.title, aware(row.created_at), *counts.get((GAME, row.game_id), [0, 0]))
        for row in played_games.values()
    ] + [
        Place(ASSIGNMENT, id, title, aware(created_at), *counts.get((ASSIGNMENT, id), [0, 0]))
        for id, title, created_at in assignment_rows
    ]
    places.sort(key=lambda place: (place.when, place.kind, place.id), reverse=True)
    return QuestionStats(
        games=len(played_games),
        assignments=len(assignment_rows),
        answers=len(given),
        right=sum(g[3] for g in given),
        distribution=distribution,
        verdict_right=verdict_right,
        evidence_found=evidence_found,
        median_ms=statistics.median(times) if times else None,
        places=tuple(places[:MAX_PLACES]),
    )
