"""Self-study pages: home, start a round, question, feedback, summary."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from .. import db
from ..articles.models import utcnow
from ..assignments import service as homework
from ..assignments.models import Feedback
from ..articles.models import Article
from ..articles.render import render_article
from ..articles.service import readable_article
from ..articles.text import Span
from ..bank.kinds import Kind, Verdict
from ..bank.skills import SKILLS

SKILL_ORDER = list(SKILLS)
from .models import Attempt, AttemptItem
from .rounds import RoundKind, available
from ..sets.service import set_by_token
from .service import (
    Incomplete,
    Refused,
    Submission,
    find_attempt,
    playable_questions,
    record_answer,
    start_round,
    start_set_round,
    summary_of,
)

bp = Blueprint("study", __name__)

# How many of a browser's recent rounds the home page offers to resume.
REMEMBERED_ROUNDS = 10


def _int_or_none(form: MultiDict, key: str) -> int | None:
    """Return the field as an int, None when absent; a non-number is tampering."""
    value = form.get(key, "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 6:
        raise Refused(400, f"The form's {key!r} field is not a number.")
    return int(value)


def parse_submission(form: MultiDict) -> Submission:
    return Submission(
        question=form.get("question", ""),
        choice=_int_or_none(form, "choice"),
        verdict=form.get("verdict") or None,
        sentence=_int_or_none(form, "sentence"),
    )


def _remember(token: str) -> None:
    tokens = [t for t in session.get("rounds", []) if t != token]
    session["rounds"] = [token, *tokens][:REMEMBERED_ROUNDS]
    # Kept across browser restarts, so that finished rounds' results can be found again.
    session.permanent = True


@bp.get("/")
def home():
    # The home page offers the built-in articles; instructors' own material is shared as sets.
    articles = db.session().scalars(select(Article).where(Article.owner_id.is_(None)).order_by(Article.id)).all()
    offers = []
    for article in articles:
        questions = playable_questions(db.session(), article)
        rounds = [(kind, available(questions, kind)) for kind in RoundKind]
        offers.append((article, rounds))
    recent = [a for a in (find_attempt(db.session(), token) for token in session.get("rounds", [])) if a is not None]
    return render_template(
        "study/home.html", offers=offers, recent=recent, round_size=current_app.config["ROUND_SIZE"]
    )


@bp.post("/rounds")
def start():
    if request.form.get("set"):
        question_set = set_by_token(db.session(), request.form["set"])
        if question_set is None:
            raise Refused(404, "There is no question set at that address.")
        attempt = start_set_round(db.session(), question_set)
        db.session().commit()
        _remember(attempt.token)
        return redirect(url_for(".question", token=attempt.token, position=1), code=303)
    # A built-in article, or the instructor's own; another's is refused as if it did not exist
    # (its questions reach players only through what it was shared in: a set's link, a game).
    article = readable_article(db.session(), request.form.get("article", ""), current_user)
    if article is None:
        raise Refused(400, "Choose an article from the list.")
    try:
        round_kind = RoundKind(request.form.get("round", ""))
    except ValueError:
        raise Refused(400, "Choose multiple choice, claims, or mixed.") from None
    attempt = start_round(db.session(), article, round_kind, current_app.config["ROUND_SIZE"])
    db.session().commit()
    _remember(attempt.token)
    return redirect(url_for(".question", token=attempt.token, position=1), code=303)


def _attempt_or_404(token: str) -> Attempt:
    attempt = find_attempt(db.session(), token)
    if attempt is None:
        abort(404, description="There is no round at this address. Start a new one from the home page.")
    student = attempt.assignment_student
    if student is not None and session.get("homework", {}).get(student.assignment.code) != student.token:
        # Homework is the student's own: its address alone does not open it on another device.
        abort(
            403,
            description="This homework attempt was started on another device or under another name. "
            "Open your assignment's link (or type its code on the home page) and enter your name there.",
        )
    return attempt


def _homework(attempt: Attempt):
    """Return the attempt's assignment when it is homework, else None."""
    student = attempt.assignment_student
    return student.assignment if student is not None else None


def _feedback_now(attempt: Attempt) -> bool:
    """Say whether the player may see right and wrong now: always in self-study; in homework
    after each question, or at the end only, as the teacher chose."""
    assignment = _homework(attempt)
    if assignment is None or assignment.feedback_enum is Feedback.EACH:
        return True
    return homework.attempt_over(attempt)


def _key_visible(attempt: Attempt) -> bool:
    """Say whether the right answers and their evidence may be shown. With feedback at the end
    and attempts left, a student sees what they got right, not the key: the next attempt has the
    same questions. The key comes with the last attempt, or when the assignment closes."""
    assignment = _homework(attempt)
    if assignment is None or assignment.feedback_enum is Feedback.EACH:
        return True
    if not homework.attempt_over(attempt):
        return False
    if homework.state(assignment) == "closed":
        return True
    used = len(homework.attempts_of(db.session(), attempt.assignment_student))
    return used >= assignment.attempts_allowed


def _over(attempt: Attempt) -> bool:
    """Say whether the round is over: every question answered, or a homework attempt's time is up."""
    if attempt.next_position is None:
        return True
    return _homework(attempt) is not None and homework.attempt_over(attempt)


@bp.get("/rounds/<token>")
def resume(token: str):
    attempt = _attempt_or_404(token)
    if _over(attempt):
        return redirect(url_for(".summary", token=token))
    return redirect(url_for(".question", token=token, position=attempt.next_position))


def _page(
    attempt: Attempt, item: AttemptItem, error: str | None = None, status: int = 200, submitted: Submission | None = None
):
    """Render the question at item, or its feedback once answered."""
    answer = item.answer
    question = item.question
    assignment = _homework(attempt)
    context = {
        "attempt": attempt,
        "item": item,
        "question": question,
        "answered": sum(i.answer is not None for i in attempt.items),
        "points": sum(i.answer.points for i in attempt.items if i.answer is not None),
        "show_points": _feedback_now(attempt),
        "assignment": assignment,
        "deadline": homework.aware(attempt.deadline) if assignment is not None and not homework.attempt_over(attempt) else None,
        "verdicts": list(Verdict),
        "Kind": Kind,
    }
    if answer is None:
        # Nothing about the key goes into this page: no marks, no explanation, no verdict.
        context["blocks"] = render_article(question.article)
        context["sentences"] = question.article.sentences
        context["error"] = error
        context["submitted"] = submitted
        return render_template("study/question.html", **context), status
    evidence = sorted(question.evidence, key=lambda e: e.start)
    context["evidence"] = evidence
    context["blocks"] = render_article(
        question.article, [Span(e.start, e.end) for e in evidence], answer.sentence_position
    )
    context["answer"] = answer
    context["evidence_sentences"] = [
        s.position for s in question.article.sentences if any(s.start < e.end and e.start < s.end for e in evidence)
    ]
    return render_template("study/feedback.html", **context), status


@bp.get("/rounds/<token>/<int:position>")
def question(token: str, position: int):
    attempt = _attempt_or_404(token)
    item = attempt.item_at(position)
    if item is None:
        abort(404, description=f"This round has no question {position}.")
    if _homework(attempt) is not None and item.answer is None and homework.attempt_over(attempt):
        # Time is up: what was answered is handed in.
        return redirect(url_for(".summary", token=token))
    if item.answer is None and position != attempt.next_position:
        # Questions are answered in order; send the player to the one that is waiting.
        return redirect(url_for(".question", token=token, position=attempt.next_position))
    if item.answer is not None and not _key_visible(attempt):
        # Feedback comes at the end: an answered question is not shown again until then.
        return redirect(url_for(".resume", token=token))
    _remember(token)
    if item.answer is None and item.shown_at is None:
        # An answer's time counts from here (homework reports a median time per question).
        item.shown_at = utcnow()
        db.session().commit()
    return _page(attempt, item)


@bp.post("/rounds/<token>/<int:position>")
def answer(token: str, position: int):
    attempt = _attempt_or_404(token)
    submission = parse_submission(request.form)
    if _homework(attempt) is not None and homework.too_late(attempt):
        raise Refused(
            409,
            "Time is up for this attempt: answers sent after its time limit or the closing time do not count. "
            "Your earlier answers are handed in.",
            summary=True,
        )
    try:
        item = record_answer(db.session(), attempt, position, submission)
    except Incomplete as missing:
        # Ask again, keeping what the player did choose.
        return _page(attempt, attempt.item_at(position), error=str(missing), status=422, submitted=submission)
    db.session().commit()
    if not _feedback_now(attempt):
        # No feedback until the end: straight on to the next question.
        return redirect(url_for(".resume", token=token), code=303)
    return redirect(url_for(".question", token=token, position=item.position, _anchor="result"), code=303)


@bp.get("/rounds/<token>/summary")
def summary(token: str):
    attempt = _attempt_or_404(token)
    if not _over(attempt):
        return redirect(url_for(".question", token=token, position=attempt.next_position))
    summary = summary_of(attempt)
    by_skill = sorted(summary.by_skill.items(), key=lambda pair: SKILL_ORDER.index(pair[0]))
    assignment = _homework(attempt)
    context = {}
    if assignment is not None:
        student = attempt.assignment_student
        attempts = homework.attempts_of(db.session(), student)
        context = {
            "assignment": assignment,
            "student": student,
            "attempts_left": max(0, assignment.attempts_allowed - len(attempts)),
            "assignment_open": homework.state(assignment) == "open",
            "counted": homework.counted_attempt(assignment, attempts),
            "unanswered": sum(item.answer is None for item in attempt.items),
            "cut_off_by_closing": attempt.finished_at is None and assignment.closes_at is not None
            and attempt.deadline is not None and homework.aware(attempt.deadline) >= homework.aware(assignment.closes_at),
        }
    context["key_visible"] = _key_visible(attempt)
    return render_template(
        "study/summary.html", attempt=attempt, summary=summary, by_skill=by_skill, Kind=Kind, **context
    )


@bp.errorhandler(Refused)
def refused(error: Refused):
    token = request.view_args.get("token") if request.view_args else None
    back, label = None, None
    if token and error.summary:
        back, label = url_for(".summary", token=token), "See what you handed in"
    elif token and error.position:
        back = url_for(".question", token=token, position=error.position)
    return render_template("errors/refused.html", message=error.message, back=back, back_label=label), error.status
