"""A student's way into an assignment: the code or link, the name once, then the questions.

No account: the browser keeps, in its (signed) session cookie, which student it is for each
assignment, so a reload or a later visit resumes. The questions themselves are the study pages
(quiz/study/views.py), which know an attempt is homework and apply its rules.
"""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, session, url_for

from .. import db
from ..articles.models import utcnow
from . import service
from .models import Feedback, Roster
from .service import AssignmentRefused, Entry

bp = Blueprint("homework", __name__)

# Assignments a browser remembers being a student of.
REMEMBERED = 30


def remembered_student(assignment):
    """Return the assignment's student this browser is, or None."""
    return _remembered(assignment)


def _remembered(assignment) -> service.AssignmentStudent | None:
    token = session.get("homework", {}).get(assignment.code)
    student = service.student_by_token(db.session(), token) if token else None
    if student is not None and student.assignment_id != assignment.id:
        return None
    return student


def _remember(assignment, student) -> None:
    known = {code: token for code, token in session.get("homework", {}).items() if code != assignment.code}
    known = dict(list(known.items())[-(REMEMBERED - 1):])
    known[assignment.code] = student.token
    session["homework"] = known
    session.permanent = True


def _assignment_or_404(code: str):
    assignment = service.assignment_by_code(db.session(), code)
    if assignment is None:
        abort(404, description=f"No assignment has the code {service.normal_code(code) or code[:12]}. Check the code with your teacher.")
    return assignment


@bp.get("/a")
def find():
    """The "type your code" page; the home page's form sends the code here."""
    code = request.args.get("code", "")
    error = None
    if code:
        assignment = service.assignment_by_code(db.session(), code)
        if assignment is not None:
            return redirect(url_for(".landing", code=assignment.code))
        error = "No assignment has that code. Check it with your teacher: it is 6 letters and digits."
    return render_template("homework/find.html", code=code[:20], error=error), (404 if error else 200)


@bp.get("/a/<code>")
def landing(code: str):
    assignment = _assignment_or_404(code)
    if code != assignment.code:
        return redirect(url_for(".landing", code=assignment.code))
    return _landing(assignment)


def _landing(assignment, error: str | None = None, entry: Entry | None = None, status: int = 200):
    student = _remembered(assignment)
    attempts = service.attempts_of(db.session(), student) if student else []
    now = utcnow()
    roster = db.session().get(Roster, assignment.roster_id) if assignment.roster_id else None
    return (
        render_template(
            "homework/landing.html",
            assignment=assignment,
            state=service.state(assignment, now),
            student=student,
            attempts=attempts,
            under_way=service.current_attempt(attempts, now),
            counted=service.counted_attempt(assignment, attempts, now),
            attempt_over=lambda attempt: service.attempt_over(attempt, now),
            points_of=service.points_of,
            roster=roster,
            entry=entry or Entry(),
            error=error,
            show_scores=True,
            Feedback=Feedback,
            question_count=len(assignment.items),
        ),
        status,
    )


@bp.post("/a/<code>")
def start(code: str):
    """Enter (the first time) and start or continue an attempt."""
    assignment = _assignment_or_404(code)
    student = _remembered(assignment)
    entry = Entry(
        name=request.form.get("name", "")[:500],
        class_name=request.form.get("class_name", "")[:500],
        number=request.form.get("number", "")[:500],
        roster_student=request.form.get("roster_student", "")[:20],
        code=request.form.get("code", "")[:50],
    )
    try:
        if student is None:
            student = service.enter(db.session(), assignment, entry)
            attempts = service.attempts_of(db.session(), student)
            if attempts and service.current_attempt(attempts) is None:
                # Back on a new device after an attempt: show what they did, and let them choose
                # whether to start another, rather than spend an attempt on a visit.
                db.session().commit()
                _remember(assignment, student)
                return redirect(url_for(".landing", code=assignment.code), code=303)
        attempt = service.start_attempt(db.session(), assignment, student)
    except AssignmentRefused as refused:
        db.session().rollback()
        return _landing(assignment, error=refused.message, entry=entry, status=refused.status)
    db.session().commit()
    _remember(assignment, student)
    return redirect(url_for("study.resume", token=attempt.token), code=303)


@bp.post("/a/<code>/forget")
def forget(code: str):
    """"Not you?": this browser forgets which student it was, so another name can be entered."""
    assignment = _assignment_or_404(code)
    student = _remembered(assignment)
    known = dict(session.get("homework", {}))
    known.pop(assignment.code, None)
    session["homework"] = known
    if student is not None:
        # A shared device: the next student must not find this one's rounds on the home page.
        theirs = {attempt.token for attempt in service.attempts_of(db.session(), student)}
        session["rounds"] = [token for token in session.get("rounds", []) if token not in theirs]
    return redirect(url_for(".landing", code=assignment.code), code=303)
