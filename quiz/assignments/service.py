"""Assignments: make one from a set or a built-in round, let students in, deal their attempts,
decide which attempt counts, and report it with the same module as live games (quiz/reports.py)."""

from __future__ import annotations

import random
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from .. import reports
from ..articles.models import utcnow
from ..bank.kinds import Verdict
from ..bank.models import Question
from ..study.models import Answer, Attempt, AttemptItem
from .classes import code_matches, name_key
from .models import Assignment, AssignmentItem, AssignmentStudent, Counting, Feedback, Roster, RosterStudent

# Codes students type: no 0/O, 1/I/L, 2/Z, 5/S, 8/B look-alikes.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6
CODE_TRIES = 20

MAX_ATTEMPTS = 10
MAX_TIME_LIMIT_MINUTES = 240
MAX_TITLE = 200
MAX_NAME = 80
MAX_CLASS = 80
MAX_NUMBER = 30
# Students per assignment: a class, a year group, a whole school's year at most.
MAX_STUDENTS = 2000
# An answer sent this long after the deadline still counts: the network, not the student, took it.
GRACE = timedelta(seconds=5)


class AssignmentRefused(Exception):
    """A request that cannot be honoured; nothing was recorded."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def aware(moment: datetime | None) -> datetime | None:
    """Return the time as UTC-aware: SQLite hands back naive datetimes for what was stored in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=timezone.utc)


def clean_text(value: str, limit: int, what: str, required: bool = False) -> str:
    """Return the value with its spaces collapsed; refuse control characters and overlong text."""
    value = " ".join(unicodedata.normalize("NFKC", value or "").split())
    if required and not value:
        raise AssignmentRefused(400, f"Type your {what}.")
    if len(value) > limit:
        raise AssignmentRefused(400, f"Keep your {what} to {limit} characters.")
    if any(unicodedata.category(ch).startswith("C") for ch in value):
        raise AssignmentRefused(400, f"Your {what} has characters that cannot be shown.")
    return value


# ---------------------------------------------------------------------------------------------
# Making and changing an assignment


@dataclass
class AssignmentOptions:
    title: str = ""
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    timezone: str = "UTC"
    attempts_allowed: int = 1
    counting: str = Counting.BEST
    feedback: str = Feedback.EACH
    time_limit: int | None = None
    shuffle: bool = False
    roster_id: int | None = None

    def checked(self) -> AssignmentOptions:
        if len(self.title) > MAX_TITLE:
            raise AssignmentRefused(400, f"Keep the title to {MAX_TITLE} characters.")
        if not 1 <= self.attempts_allowed <= MAX_ATTEMPTS:
            raise AssignmentRefused(400, f"Attempts allowed must be 1 to {MAX_ATTEMPTS}.")
        if self.counting not in tuple(Counting):
            raise AssignmentRefused(400, "Choose whether the best or the last attempt counts.")
        if self.feedback not in tuple(Feedback):
            raise AssignmentRefused(400, "Choose when students see feedback.")
        if self.time_limit is not None and not 1 <= self.time_limit <= MAX_TIME_LIMIT_MINUTES:
            raise AssignmentRefused(400, f"The time limit must be 1 to {MAX_TIME_LIMIT_MINUTES} minutes, or none.")
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise AssignmentRefused(400, "The closing time must come after the opening time.")
        zone(self.timezone)
        return self


def zone(name: str) -> ZoneInfo:
    # An overlong or odd name makes the file lookup itself fail (OSError): unknown all the same.
    if not name or len(name) > 64:
        raise AssignmentRefused(400, "That time zone is unknown; reload the page and try again.")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise AssignmentRefused(400, "That time zone is unknown; reload the page and try again.") from None


def parse_local(raw: str, zone_name: str, what: str) -> datetime | None:
    """Return a datetime-local field's value ("2026-12-05T17:00") in UTC, read in the teacher's
    time zone; None when empty."""
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        local = datetime.fromisoformat(raw)
    except ValueError:
        raise AssignmentRefused(400, f"The {what} is not a date and time.") from None
    if local.tzinfo is None:
        local = local.replace(tzinfo=zone(zone_name))
    if not 2000 <= local.year <= 2100:
        raise AssignmentRefused(400, f"The {what} must be between the years 2000 and 2100.")
    return local.astimezone(timezone.utc)


def local_input(moment: datetime | None, zone_name: str) -> str:
    """Return a UTC time as a datetime-local field's value in the given time zone."""
    moment = aware(moment)
    if moment is None:
        return ""
    return moment.astimezone(zone(zone_name)).strftime("%Y-%m-%dT%H:%M")


def shown_time(moment: datetime | None, zone_name: str) -> str:
    """Return a time for a page: "Fri 5 Dec 2026, 17:00 (Europe/London)"."""
    moment = aware(moment)
    if moment is None:
        return ""
    local = moment.astimezone(zone(zone_name))
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M} ({zone_name})"


def new_code(session: Session) -> str:
    for _ in range(CODE_TRIES):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if session.scalar(select(Assignment.id).where(Assignment.code == code)) is None:
            return code
    raise AssignmentRefused(503, "Could not find a free code; try again.")


def normal_code(raw: str) -> str:
    """Return a typed assignment code as stored: capitals, letters and digits only."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", raw or "").upper() if ch.isascii() and ch.isalnum())[: CODE_LENGTH * 2]


def create_assignment(
    session: Session, owner_id: int, source_key: str, options: AssignmentOptions, rng: random.Random | None = None
) -> Assignment:
    """Make an assignment of a set ("set:ID") or a built-in round ("slug:kind"), its questions
    fixed now so that every student gets the same ones."""
    from ..live.service import LiveRefused, _deal

    rng = rng or random.SystemRandom()
    options = options.checked()
    try:
        article, timed, label = _deal(session, source_key, False, rng, owner_id)
    except LiveRefused as refused:
        raise AssignmentRefused(refused.status, refused.message) from None
    if options.roster_id is not None:
        roster = session.get(Roster, options.roster_id)
        if roster is None or roster.owner_id != owner_id:
            raise AssignmentRefused(400, "Choose one of your class lists, or none.")
    source = f"{article.headline}: {label}" if article else label
    assignment = Assignment(
        owner_id=owner_id,
        title=options.title or source,
        code=new_code(session),
        set_id=int(source_key.split(":")[1]) if article is None else None,
        article_id=article.id if article else None,
        source=source[:300],
        roster_id=options.roster_id,
        opens_at=options.opens_at,
        closes_at=options.closes_at,
        timezone=options.timezone,
        attempts_allowed=options.attempts_allowed,
        counting=options.counting,
        feedback=options.feedback,
        time_limit=options.time_limit,
        shuffle=options.shuffle,
    )
    for position, (question, _own_time) in enumerate(timed, start=1):
        assignment.items.append(AssignmentItem(position=position, question_id=question.id))
    session.add(assignment)
    session.flush()
    return assignment


def update_assignment(session: Session, assignment: Assignment, options: AssignmentOptions) -> None:
    """Change an assignment's title, times and rules; attempts under way get the new closing time."""
    options = options.checked()
    if options.roster_id != assignment.roster_id and assignment.students:
        raise AssignmentRefused(409, "Students have started: the class list can no longer change.")
    if options.roster_id is not None and options.roster_id != assignment.roster_id:
        roster = session.get(Roster, options.roster_id)
        if roster is None or roster.owner_id != assignment.owner_id:
            raise AssignmentRefused(400, "Choose one of your class lists, or none.")
    for name in ("opens_at", "closes_at", "timezone", "attempts_allowed", "counting", "feedback", "time_limit", "shuffle", "roster_id"):
        setattr(assignment, name, getattr(options, name))
    if options.title:
        assignment.title = options.title
    # An attempt under way ends at its own time limit or the (new) closing time, whichever is first.
    for attempt in session.scalars(
        select(Attempt)
        .join(AssignmentStudent, Attempt.assignment_student_id == AssignmentStudent.id)
        .where(AssignmentStudent.assignment_id == assignment.id, Attempt.finished_at.is_(None))
    ):
        attempt.deadline = attempt_deadline(assignment, aware(attempt.created_at))


def owned_assignments(session: Session, owner_id: int) -> list[Assignment]:
    return list(
        session.scalars(
            select(Assignment)
            .where(Assignment.owner_id == owner_id)
            .order_by(Assignment.id.desc())
            .options(selectinload(Assignment.items))
        )
    )


def assignment_by_code(session: Session, raw: str) -> Assignment | None:
    code = normal_code(raw)
    if not code:
        return None
    return session.scalar(select(Assignment).where(Assignment.code == code))


# ---------------------------------------------------------------------------------------------
# Open and closed


def state(assignment: Assignment, now: datetime | None = None) -> str:
    """Return "not open yet", "open" or "closed"."""
    now = now or utcnow()
    if assignment.opens_at is not None and now < aware(assignment.opens_at):
        return "not open yet"
    if assignment.closes_at is not None and now >= aware(assignment.closes_at):
        return "closed"
    return "open"


def attempt_deadline(assignment: Assignment, started: datetime) -> datetime | None:
    """Return when an attempt started then ends: its time limit or the closing time, the first."""
    ends = [aware(assignment.closes_at)] if assignment.closes_at else []
    if assignment.time_limit:
        ends.append(started + timedelta(minutes=assignment.time_limit))
    return min(ends) if ends else None


def attempt_over(attempt: Attempt, now: datetime | None = None) -> bool:
    """Say whether an attempt is handed in: every question answered, or its time is up."""
    if attempt.finished_at is not None:
        return True
    return attempt.deadline is not None and (now or utcnow()) >= aware(attempt.deadline)


def too_late(attempt: Attempt, now: datetime | None = None) -> bool:
    """Say whether an answer sent now comes after the attempt's deadline and its grace."""
    return attempt.deadline is not None and (now or utcnow()) > aware(attempt.deadline) + GRACE


def refuse_if_not_open(assignment: Assignment, now: datetime | None = None) -> None:
    current = state(assignment, now)
    if current == "not open yet":
        raise AssignmentRefused(
            403, f"This assignment opens on {shown_time(assignment.opens_at, assignment.timezone)}. Come back then."
        )
    if current == "closed":
        raise AssignmentRefused(
            403,
            f"This assignment closed on {shown_time(assignment.closes_at, assignment.timezone)}: "
            "no more attempts can be started or answered. Ask your teacher if you need more time.",
        )


# ---------------------------------------------------------------------------------------------
# Students


@dataclass(frozen=True)
class Entry:
    """What a student typed (or picked) to enter an assignment."""

    name: str = ""
    class_name: str = ""
    number: str = ""
    roster_student: str = ""
    code: str = ""


def enter(session: Session, assignment: Assignment, entry: Entry) -> AssignmentStudent:
    """Return the assignment's student for this entry, made now if new.

    With a class list the student picks their name from it (and types their personal code when the
    list asks for codes); without one they type a name and, optionally, a class and a number. The
    same browser keeps its student (quiz/assignments/student_views.py); another browser may
    continue as an existing student only with the class list's personal code, so that nobody can
    walk into someone else's attempt by typing their name.
    """
    refuse_if_not_open(assignment)
    roster_student = None
    if assignment.roster_id is not None:
        roster = session.get(Roster, assignment.roster_id)
        from ..converters import parse_id

        picked = parse_id(entry.roster_student)
        roster_student = session.get(RosterStudent, picked) if picked is not None else None
        if roster_student is None or roster_student.roster_id != roster.id:
            raise AssignmentRefused(400, "Pick your name from the list.")
        if roster.codes and not code_matches(roster_student, entry.code):
            raise AssignmentRefused(
                400, "That is not your personal code. Type the code your teacher gave you, or ask them for it."
            )
        name, class_name, number = roster_student.name, roster.name, ""
    else:
        name = clean_text(entry.name, MAX_NAME, "name", required=True)
        class_name = clean_text(entry.class_name, MAX_CLASS, "class")
        number = clean_text(entry.number, MAX_NUMBER, "student number")
    key, class_key = name_key(name), name_key(class_name)
    existing = session.scalar(
        select(AssignmentStudent).where(
            AssignmentStudent.assignment_id == assignment.id,
            AssignmentStudent.name_key == key,
            AssignmentStudent.class_key == class_key,
            AssignmentStudent.number == number,
        )
    )
    if existing is not None:
        if roster_student is not None and roster.codes:
            # The personal code proves who this is: they continue on this device.
            return existing
        raise AssignmentRefused(
            409,
            "Someone has already started this assignment under that name on another device. Go back to "
            "that device to continue"
            + (", or ask your teacher." if roster_student is not None else
               "; if that was not you, add your student number (or ask your teacher)."),
        )
    count = session.scalar(
        select(func.count()).select_from(AssignmentStudent).where(
            AssignmentStudent.assignment_id == assignment.id
        )
    )
    if count >= MAX_STUDENTS:
        raise AssignmentRefused(409, "This assignment has as many students as it can take. Tell your teacher.")
    student = AssignmentStudent(
        assignment_id=assignment.id,
        name=name,
        name_key=key,
        class_name=class_name,
        class_key=class_key,
        number=number,
        roster_student_id=roster_student.id if roster_student else None,
        token=secrets.token_urlsafe(24),
    )
    session.add(student)
    try:
        session.flush()
    except IntegrityError:
        # The same student entered at the same moment from another request: use theirs.
        session.rollback()
        return session.scalar(
            select(AssignmentStudent).where(
                AssignmentStudent.assignment_id == assignment.id,
                AssignmentStudent.name_key == key,
                AssignmentStudent.class_key == class_key,
                AssignmentStudent.number == number,
            )
        )
    return student


def student_by_token(session: Session, token: str) -> AssignmentStudent | None:
    if not token or len(token) > 64:
        return None
    return session.scalar(select(AssignmentStudent).where(AssignmentStudent.token == token))


def attempts_of(session: Session, student: AssignmentStudent) -> list[Attempt]:
    return list(
        session.scalars(
            select(Attempt)
            .where(Attempt.assignment_student_id == student.id)
            .order_by(Attempt.number)
            .options(selectinload(Attempt.items).selectinload(AttemptItem.answer))
        )
    )


def current_attempt(attempts: list[Attempt], now: datetime | None = None) -> Attempt | None:
    """Return the attempt under way, if any."""
    return next((a for a in attempts if not attempt_over(a, now)), None)


def start_attempt(session: Session, assignment: Assignment, student: AssignmentStudent, rng: random.Random | None = None) -> Attempt:
    """Return the attempt under way, or deal a new one if the student has attempts left."""
    from ..study.service import _deal_items

    refuse_if_not_open(assignment)
    attempts = attempts_of(session, student)
    under_way = current_attempt(attempts)
    if under_way is not None:
        return under_way
    if len(attempts) >= assignment.attempts_allowed:
        allowed = assignment.attempts_allowed
        raise AssignmentRefused(
            409, f"You have used your {allowed} attempt{'' if allowed == 1 else 's'}. Your teacher has your result."
        )
    rng = rng or random.SystemRandom()
    questions = list(
        session.scalars(
            select(Question)
            .join(AssignmentItem, AssignmentItem.question_id == Question.id)
            .where(AssignmentItem.assignment_id == assignment.id)
            .order_by(AssignmentItem.position)
            .options(selectinload(Question.options))
        )
    )
    if not questions:
        raise AssignmentRefused(409, "This assignment has no questions left. Tell your teacher.")
    if assignment.shuffle:
        rng.shuffle(questions)
    started = utcnow()
    attempt = Attempt(
        token=secrets.token_urlsafe(16),
        set_id=None,
        article_id=None,
        round_kind="assignment",
        assignment_student_id=student.id,
        number=len(attempts) + 1,
        created_at=started,
        deadline=attempt_deadline(assignment, started),
    )
    _deal_items(attempt, questions, rng)
    session.add(attempt)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise AssignmentRefused(409, "Another attempt was started at the same moment; reload the page.") from None
    return attempt


def points_of(attempt: Attempt) -> int:
    return sum(item.answer.points for item in attempt.items if item.answer is not None)


def counted_attempt(assignment: Assignment, attempts: list[Attempt], now: datetime | None = None) -> Attempt | None:
    """Return the attempt that counts among those handed in: the best (most points, the earlier
    on a tie) or the last; None when none is handed in yet."""
    handed_in = [a for a in attempts if attempt_over(a, now)]
    if not handed_in:
        return None
    if assignment.counting == Counting.LAST:
        return max(handed_in, key=lambda a: a.number or 0)
    return max(handed_in, key=lambda a: (points_of(a), -(a.number or 0)))


# ---------------------------------------------------------------------------------------------
# Reporting


class AnswerRow(NamedTuple):
    """An answer as the teacher's pages read it (the fields of study.models.Answer they use)."""

    option_id: int | None
    verdict: str | None
    sentence_position: int | None
    correct: bool
    points: int
    answered_at: datetime


class ItemRow(NamedTuple):
    """A question of an attempt, as the teacher's pages read it, with its answer if any."""

    question_id: int
    position: int
    shown_at: datetime | None
    answer: AnswerRow | None


class AttemptRow(NamedTuple):
    """An attempt as the teacher's pages read it: what attempt_over, points_of and
    counted_attempt need of an Attempt, its items in order. Plain rows, not ORM objects: for
    1,000 students' 20 answers these take a tenth of the time."""

    id: int
    number: int | None
    created_at: datetime
    finished_at: datetime | None
    deadline: datetime | None
    items: tuple[ItemRow, ...]


@dataclass(frozen=True)
class Submission:
    """One student's standing in an assignment, for the teacher's live list and the report."""

    student: AssignmentStudent
    attempts: tuple[AttemptRow, ...]
    counted: AttemptRow | None
    under_way: AttemptRow | None
    last_activity: datetime | None


def load_assignment(session: Session, assignment_id: int) -> Assignment | None:
    return session.scalar(
        select(Assignment)
        .where(Assignment.id == assignment_id)
        .options(
            selectinload(Assignment.items).selectinload(AssignmentItem.question).selectinload(Question.options),
            selectinload(Assignment.roster),
        )
    )


def submissions(session: Session, assignment: Assignment, now: datetime | None = None) -> list[Submission]:
    """Return every student of the assignment with their attempts (read-only rows), in three
    queries whatever the number of students or questions."""
    now = now or utcnow()
    students = session.scalars(
        select(AssignmentStudent).where(AssignmentStudent.assignment_id == assignment.id).order_by(AssignmentStudent.name_key, AssignmentStudent.id)
    ).all()
    by_student: dict[int, list[AttemptRow]] = {}
    for student_id, attempt in _attempt_rows(session, assignment):
        by_student.setdefault(student_id, []).append(attempt)
    result = []
    for student in students:
        mine = by_student.get(student.id, [])
        times = [aware(a.created_at) for a in mine] + [
            aware(item.answer.answered_at) for a in mine for item in a.items if item.answer is not None
        ]
        result.append(
            Submission(
                student=student,
                attempts=tuple(mine),
                counted=counted_attempt(assignment, mine, now),
                under_way=current_attempt(mine, now),
                last_activity=max(times) if times else aware(student.created_at),
            )
        )
    return result


def _attempt_rows(session: Session, assignment: Assignment) -> list[tuple[int, AttemptRow]]:
    """Return (student id, attempt) for the assignment's attempts, by number, each with its items
    in order and their answers: two queries. (selectinload would send one query per 500 parents:
    40 for 1,000 students' 20 answers.)"""
    of_assignment = AssignmentStudent.assignment_id == assignment.id
    items: dict[int, list[ItemRow]] = {}
    for row in session.execute(
        select(
            AttemptItem.attempt_id,
            AttemptItem.question_id,
            AttemptItem.position,
            AttemptItem.shown_at,
            Answer.id.label("answer_id"),
            Answer.option_id,
            Answer.verdict,
            Answer.sentence_position,
            Answer.correct,
            Answer.points,
            Answer.answered_at,
        )
        .join(Attempt, AttemptItem.attempt_id == Attempt.id)
        .join(AssignmentStudent, Attempt.assignment_student_id == AssignmentStudent.id)
        .outerjoin(Answer, Answer.item_id == AttemptItem.id)
        .where(of_assignment)
        .order_by(AttemptItem.attempt_id, AttemptItem.position)
    ):
        answer = None
        if row.answer_id is not None:
            answer = AnswerRow(row.option_id, row.verdict, row.sentence_position, row.correct, row.points, row.answered_at)
        items.setdefault(row.attempt_id, []).append(ItemRow(row.question_id, row.position, row.shown_at, answer))
    attempts = session.execute(
        select(Attempt.id, Attempt.assignment_student_id, Attempt.number, Attempt.created_at, Attempt.finished_at, Attempt.deadline)
        .join(AssignmentStudent, Attempt.assignment_student_id == AssignmentStudent.id)
        .where(of_assignment)
        .order_by(Attempt.number)
    )
    return [
        (row.assignment_student_id, AttemptRow(row.id, row.number, row.created_at, row.finished_at, row.deadline, tuple(items.get(row.id, ()))))
        for row in attempts
    ]


def question_infos(assignment: Assignment) -> list[reports.QuestionInfo]:
    """Return the assignment's questions for the report, options in the author's order (each
    attempt shuffles them; answers are mapped back to this order)."""
    return [
        reports.QuestionInfo(
            position=item.position,
            id=item.question.id,
            ident=item.question.ident,
            prompt=item.question.prompt,
            kind=item.question.kind_enum,
            skill=item.question.skill,
            verdict=item.question.verdict_enum,
            options=tuple(reports.OptionInfo(option.text, option.correct) for option in item.question.options),
            teacher_note=item.question.teacher_note,
        )
        for item in assignment.items
    ]


def _places(assignment: Assignment) -> tuple[dict[int, int], dict[int, int]]:
    """Return each question's position in the assignment, and each option's place in its
    question's author order."""
    position_of = {item.question_id: item.position for item in assignment.items}
    option_place = {
        option.id: place
        for item in assignment.items
        for place, option in enumerate(item.question.options, start=1)
    }
    return position_of, option_place


def answer_records(
    assignment: Assignment, key: str, attempt: Attempt | AttemptRow, places: tuple[dict[int, int], dict[int, int]] | None = None
) -> list[reports.AnswerRecord]:
    """Return an attempt's answers as the report reads them: at the assignment's positions, the
    choice as a place in the author's option order, the time from showing to answering. places
    is _places(assignment), worked out once for a whole class."""
    position_of, option_place = places or _places(assignment)
    records = []
    previous = aware(attempt.created_at)
    for item in attempt.items:
        answer = item.answer
        if answer is None or item.question_id not in position_of:
            continue
        answered = aware(answer.answered_at)
        shown = aware(item.shown_at) or previous
        records.append(
            reports.AnswerRecord(
                student=key,
                position=position_of[item.question_id],
                choice=option_place.get(answer.option_id) if answer.option_id is not None else None,
                verdict=Verdict(answer.verdict) if answer.verdict else None,
                sentence=answer.sentence_position,
                correct=answer.correct,
                accuracy_points=answer.points,
                elapsed_ms=max(0, int((answered - shown).total_seconds() * 1000)),
            )
        )
        previous = answered
    return records


def assignment_report(
    session: Session, assignment: Assignment, now: datetime | None = None, given: list[Submission] | None = None
) -> reports.Report:
    """Build the assignment's report: every student with a handed-in attempt, on the attempt that
    counts (best or last), over all the assignment's questions (an unanswered one is not right).
    given: the assignment's submissions when the caller already has them."""
    questions = question_infos(assignment)
    places = _places(assignment)
    students: list[reports.StudentInfo] = []
    answers: list[reports.AnswerRecord] = []
    for submission in given if given is not None else submissions(session, assignment, now):
        attempt = submission.counted
        if attempt is None:
            continue
        student = submission.student
        key = str(student.id)
        students.append(
            reports.StudentInfo(
                key=key,
                name=student.name,
                points=points_of(attempt),
                class_name=student.class_name,
                number=student.number,
                attempt=attempt.number,
            )
        )
        answers.extend(answer_records(assignment, key, attempt, places))
    played = frozenset(item.position for item in assignment.items)
    report = reports.build_report(questions, students, answers, played)
    # Best first, as a teacher reads a class list of results; ties by name.
    ordered = sorted(report.students, key=lambda s: (-s.accuracy.right, -s.student.points, s.student.name.casefold()))
    return reports.Report(questions=report.questions, students=tuple(ordered))


def delete_assignment(session: Session, assignment: Assignment) -> None:
    """Delete the assignment with its students, their attempts and their answers."""
    session.delete(assignment)
    session.flush()
