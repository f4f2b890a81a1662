"""Self-study rounds: start one, record answers exactly once, sum it up."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from ..articles.models import Article, utcnow
from ..answers import Graded, InvalidResponse, MissingResponse, Response, grade_response
from ..bank.kinds import Status
from ..bank.models import Question
from ..scoring import Grade, Result, RoundSummary, summarise
from .models import Answer, Attempt, AttemptItem
from .rounds import RoundKind, deal


class Refused(Exception):
    """A request that cannot be honoured; nothing was recorded."""

    def __init__(self, status: int, message: str, position: int | None = None, summary: bool = False):
        super().__init__(message)
        self.status = status
        self.message = message
        # Where the player can pick up again, when there is such a place (or their summary).
        self.position = position
        self.summary = summary


class Incomplete(Exception):
    """An answer with a choice left out; the player is asked again."""


@dataclass(frozen=True)
class Submission:
    """An answer as the form sent it, before it is checked against the question."""

    question: str
    choice: int | None = None
    verdict: str | None = None
    sentence: int | None = None


def playable_questions(session: Session, article: Article) -> list[Question]:
    return list(
        session.scalars(
            select(Question)
            .where(Question.article_id == article.id, Question.status == Status.PUBLISHED)
            .order_by(Question.position)
        )
    )


def start_round(
    session: Session, article: Article, round_kind: RoundKind, size: int, rng: random.Random | None = None
) -> Attempt:
    """Deal a new round of the article's published questions, options shuffled per player."""
    rng = rng or random.SystemRandom()
    questions = deal(playable_questions(session, article), round_kind, size, rng)
    if not questions:
        raise Refused(409, f"There are no {round_kind.label.lower()} questions for this article yet.")
    attempt = Attempt(token=secrets.token_urlsafe(16), article=article, round_kind=round_kind.value)
    _deal_items(attempt, questions, rng)
    session.add(attempt)
    session.flush()
    return attempt


def _deal_items(attempt: Attempt, questions: list[Question], rng: random.Random) -> None:
    """Give the attempt its questions in this order, each with its options shuffled."""
    for position, question in enumerate(questions, start=1):
        option_ids = [option.id for option in question.options]
        rng.shuffle(option_ids)
        attempt.items.append(AttemptItem(position=position, question=question, option_order=option_ids))


def start_set_round(session: Session, question_set, rng: random.Random | None = None) -> Attempt:
    """Deal a round of a question set: its published questions in the set's order."""
    from ..sets.service import playable

    rng = rng or random.SystemRandom()
    questions = playable(question_set)
    if not questions:
        raise Refused(409, "This set has no published questions yet.")
    # The set's Shuffle is about the question order; _deal_items shuffles the options every time.
    if question_set.shuffle:
        rng.shuffle(questions)
    attempt = Attempt(token=secrets.token_urlsafe(16), set_id=question_set.id, round_kind="set")
    _deal_items(attempt, questions, rng)
    session.add(attempt)
    session.flush()
    return attempt


def find_attempt(session: Session, token: str) -> Attempt | None:
    return session.scalar(
        select(Attempt)
        .where(Attempt.token == token)
        .options(
            selectinload(Attempt.items).selectinload(AttemptItem.question).selectinload(Question.options),
            selectinload(Attempt.items).selectinload(AttemptItem.answer),
            selectinload(Attempt.items).selectinload(AttemptItem.question).selectinload(Question.article),
            selectinload(Attempt.article),
            selectinload(Attempt.question_set),
            selectinload(Attempt.assignment_student),
        )
    )


def _grade(attempt: Attempt, item: AttemptItem, submission: Submission) -> Graded:
    response = Response(submission.choice, submission.verdict, submission.sentence)
    try:
        return grade_response(item.question, item.option_order, item.question.article, response)
    except MissingResponse as missing:
        raise Incomplete(str(missing)) from None
    except InvalidResponse as invalid:
        raise Refused(400, str(invalid), item.position) from None


def _is_replay(answer: Answer, graded: Graded) -> bool:
    return graded.same_as(answer.option_id, answer.verdict, answer.sentence_position)


def record_answer(session: Session, attempt: Attempt, position: int, submission: Submission) -> AttemptItem:
    """Record the answer to the question at `position`, once; return its item.

    A replay of the recorded answer returns quietly; anything else that cannot count raises
    Refused (tampering, a different second answer, an answer out of turn) or Incomplete.
    """
    item = attempt.item_at(position)
    if item is None:
        raise Refused(404, f"This round has no question {position}.", attempt.next_position)
    if submission.question != item.question.ident:
        other = next((i for i in attempt.items if i.question.ident == submission.question), None)
        if other is None:
            raise Refused(400, "That question is not part of this round.", attempt.next_position)
        raise Refused(409, f"That answer was for question {other.position}, not question {position}.", position)
    if item.answer is None and position != attempt.next_position:
        raise Refused(409, f"Answer question {attempt.next_position} first.", attempt.next_position)
    if item.answer is not None:
        try:
            replay = _is_replay(item.answer, _grade(attempt, item, submission))
        except (Incomplete, Refused):
            replay = False
        if replay:
            return item
        raise Refused(409, "You have already answered this question; your first answer stands.", position)

    graded = _grade(attempt, item, submission)
    grade, sentence = graded.grade, graded.sentence
    answer = Answer(
        item_id=item.id,
        option_id=graded.option_id,
        verdict=graded.verdict.value if graded.verdict else None,
        sentence_position=sentence.position if sentence else None,
        evidence_start=sentence.start if sentence else None,
        evidence_end=sentence.end if sentence else None,
        correct=grade.correct,
        verdict_correct=grade.verdict_correct,
        evidence_correct=grade.evidence_correct,
        points=grade.points,
    )
    session.add(answer)
    try:
        session.flush()
    except IntegrityError:
        # Another request recorded this item's answer between our check and our insert. The
        # answer is this request's first write, so rolling back undoes nothing else.
        session.rollback()
        recorded = session.scalar(select(Answer).where(Answer.item_id == item.id))
        if recorded is not None and _is_replay(recorded, graded):
            return item
        raise Refused(409, "You have already answered this question; your first answer stands.", position) from None
    session.refresh(item, ["answer"])
    if attempt.next_position is None:
        attempt.finished_at = utcnow()
    return item


def result_of(item: AttemptItem) -> Result:
    answer = item.answer
    grade = Grade(answer.points, answer.correct, answer.verdict_correct, answer.evidence_correct)
    return Result(item.question.kind_enum, grade, item.question.verdict_enum, item.question.skill)


def summary_of(attempt: Attempt) -> RoundSummary:
    return summarise(result_of(item) for item in attempt.items if item.answer is not None)
