"""The teacher's side of assignments: set one, share it, watch submissions arrive, read the report."""

from __future__ import annotations

import segno
from flask import Blueprint, Response, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from .. import db, reports
from ..articles.models import utcnow
from ..bank.kinds import KIND_LABELS
from ..live.addresses import join_address
from ..live.host_views import evidence_links_for, report_charts
from . import service
from .models import Assignment, Counting, Feedback, Roster
from .report_views import student_url
from .service import AssignmentOptions, AssignmentRefused

bp = Blueprint("assignments", __name__, url_prefix="/assignments")

# How often the teacher's page asks for new submissions, in seconds.
SUBMISSIONS_POLL_SECONDS = 5


@bp.app_template_filter("local_time")
def local_time(moment, zone_name: str = "UTC") -> str:
    return service.shown_time(moment, zone_name)


@bp.before_request
@login_required
def _instructors_only():
    """Every page here needs a signed-in instructor."""


def _mine(assignment_id: int) -> Assignment:
    assignment = service.load_assignment(db.session(), assignment_id)
    if assignment is None or assignment.owner_id != current_user.id:
        abort(404, description="You have no assignment at this address.")
    return assignment


def _rosters() -> list[Roster]:
    return list(db.session().scalars(select(Roster).where(Roster.owner_id == current_user.id).order_by(Roster.name_key)))


def _number(name: str, what: str, low: int, high: int, default: int | None) -> int | None:
    raw = request.form.get(name, "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 4 or not low <= int(raw) <= high:
        raise AssignmentRefused(400, f"{what} must be a whole number from {low} to {high}.")
    return int(raw)


def _options() -> AssignmentOptions:
    """Read the assignment form; anything out of bounds is refused with a message."""
    zone = request.form.get("timezone", "").strip()[:64] or current_app.config.get("TIMEZONE", "UTC")
    service.zone(zone)
    roster_raw = request.form.get("roster", "").strip()
    roster_id = None
    if roster_raw:
        if not (roster_raw.isascii() and roster_raw.isdigit()) or len(roster_raw) > 9:
            raise AssignmentRefused(400, "Choose one of your class lists, or none.")
        roster_id = int(roster_raw)
    return AssignmentOptions(
        title=" ".join(request.form.get("title", "").split())[: service.MAX_TITLE + 1],
        opens_at=service.parse_local(request.form.get("opens_at", ""), zone, "opening time"),
        closes_at=service.parse_local(request.form.get("closes_at", ""), zone, "closing time"),
        timezone=zone,
        attempts_allowed=_number("attempts_allowed", "Attempts allowed", 1, service.MAX_ATTEMPTS, 1),
        counting=request.form.get("counting", Counting.BEST),
        feedback=request.form.get("feedback", Feedback.EACH),
        time_limit=_number("time_limit", "The time limit (minutes)", 1, service.MAX_TIME_LIMIT_MINUTES, None),
        shuffle=request.form.get("shuffle") in ("on", "1", "yes"),
        roster_id=roster_id,
    )


def _form(template: str, assignment: Assignment | None = None, error: str | None = None, status: int = 200):
    from ..live.service import question_sets

    return (
        render_template(
            template,
            assignment=assignment,
            sources=question_sets(db.session(), current_user.id),
            chosen=request.values.get("source", ""),
            rosters=_rosters(),
            counting=list(Counting),
            feedback=list(Feedback),
            max_attempts=service.MAX_ATTEMPTS,
            max_minutes=service.MAX_TIME_LIMIT_MINUTES,
            local_input=service.local_input,
            form=request.form if request.method == "POST" else None,
            error=error,
            assignments=service.owned_assignments(db.session(), current_user.id) if assignment is None else [],
            state=service.state,
        ),
        status,
    )


@bp.get("/")
def index():
    return _form("assignments/index.html")


@bp.post("/")
def create():
    try:
        assignment = service.create_assignment(db.session(), current_user.id, request.form.get("source", ""), _options())
    except AssignmentRefused as refused:
        db.session().rollback()
        return _form("assignments/index.html", error=refused.message, status=refused.status)
    db.session().commit()
    flash(f"Assignment set. Share its link or its code, {assignment.code}.")
    return redirect(url_for(".show", assignment_id=assignment.id), code=303)


def student_link(assignment: Assignment) -> str:
    """The assignment's page at an address students can reach (QUIZ_PUBLIC_URL when set)."""
    base = join_address(request.url_root, current_app.config).url
    return base + url_for("homework.landing", code=assignment.code).removeprefix(request.script_root)


@bp.get("/<int:assignment_id>")
def show(assignment_id: int):
    assignment = _mine(assignment_id)
    link = student_link(assignment)
    return render_template(
        "assignments/show.html",
        assignment=assignment,
        link=link,
        home=link.rsplit("/a/", 1)[0] + "/",
        qr_svg=segno.make(link, error="m").svg_data_uri(scale=5, border=2),
        state=service.state(assignment),
        rows=_rows(assignment),
        poll_seconds=SUBMISSIONS_POLL_SECONDS,
    )


def _rows(assignment: Assignment) -> list[dict]:
    """Return the submissions table's rows, newest activity first."""
    now = utcnow()
    total = len(assignment.items)
    rows = []
    for submission in service.submissions(db.session(), assignment, now):
        counted = submission.counted
        under_way = submission.under_way
        rows.append(
            {
                "student": submission.student,
                "attempts": len(submission.attempts),
                "under_way": under_way,
                "answered": sum(item.answer is not None for item in under_way.items) if under_way else None,
                "counted": counted,
                "right": sum(bool(item.answer and item.answer.correct) for item in counted.items) if counted else None,
                "points": service.points_of(counted) if counted else None,
                "total": total,
                "last": submission.last_activity,
            }
        )
    rows.sort(key=lambda row: row["last"], reverse=True)
    if assignment.roster is not None:
        # Who on the class list has not started yet, after everyone who has.
        started = {row["student"].roster_student_id for row in rows}
        for person in assignment.roster.students:
            if person.id not in started:
                rows.append({"student": None, "name": person.name, "class_name": assignment.roster.name, "total": total})
    return rows


@bp.get("/<int:assignment_id>/submissions")
def submissions(assignment_id: int):
    """The submissions table's body, for the page to refresh itself while students work."""
    assignment = _mine(assignment_id)
    rows = _rows(assignment)
    body = render_template("assignments/_submissions.html", assignment=assignment, rows=rows)
    started = [row for row in rows if row["student"] is not None]
    handed_in = sum(row["counted"] is not None for row in started)
    return jsonify({"html": body, "students": len(started), "handed_in": handed_in, "not_started": len(rows) - len(started)})


@bp.get("/<int:assignment_id>/edit")
def edit(assignment_id: int):
    return _form("assignments/edit.html", _mine(assignment_id))


@bp.post("/<int:assignment_id>/edit")
def update(assignment_id: int):
    assignment = _mine(assignment_id)
    try:
        service.update_assignment(db.session(), assignment, _options())
    except AssignmentRefused as refused:
        db.session().rollback()
        return _form("assignments/edit.html", _mine(assignment_id), error=refused.message, status=refused.status)
    db.session().commit()
    flash("Assignment changed.")
    return redirect(url_for(".show", assignment_id=assignment.id), code=303)


@bp.get("/<int:assignment_id>/delete")
def confirm_delete(assignment_id: int):
    assignment = _mine(assignment_id)
    return render_template("assignments/delete.html", assignment=assignment, students=len(assignment.students))


@bp.post("/<int:assignment_id>/delete")
def delete(assignment_id: int):
    assignment = _mine(assignment_id)
    title = assignment.title
    service.delete_assignment(db.session(), assignment)
    db.session().commit()
    flash(f"Deleted “{title}” with its students' names and answers.")
    return redirect(url_for(".index"), code=303)


# ---------------------------------------------------------------------------------------------
# The report


@bp.get("/<int:assignment_id>/report")
def report(assignment_id: int):
    assignment = _mine(assignment_id)
    # Read once: the report and the "still working" count both come from them.
    given = service.submissions(db.session(), assignment)
    report = service.assignment_report(db.session(), assignment, given=given)
    skill_questions: dict[str, int] = {}
    for item in report.questions:
        skill_questions[item.question.skill] = skill_questions.get(item.question.skill, 0) + 1
    return render_template(
        "assignments/report.html",
        assignment=assignment,
        report=report,
        links=evidence_links_for([(item.position, item.question) for item in assignment.items]),
        charts=report_charts(report) if report.players else {},
        skill_questions=skill_questions,
        skill_label=reports.skill_label,
        median_seconds=reports.median_seconds,
        discrimination_text=reports.discrimination_text,
        KIND_LABELS=KIND_LABELS,
        state=service.state(assignment),
        under_way=sum(1 for s in given if s.counted is None),
        student_link=lambda student: student_url(student.name, student.class_name),
    )


def _download(assignment: Assignment, body: bytes, extension: str, mimetype: str) -> Response:
    filename = f"assignment-{assignment.code}-results.{extension}"
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/<int:assignment_id>/report.csv")
def report_csv(assignment_id: int):
    assignment = _mine(assignment_id)
    header, rows = reports.results_table(service.assignment_report(db.session(), assignment), homework=True)
    return _download(assignment, reports.csv_bytes(header, rows), "csv", "text/csv")


@bp.get("/<int:assignment_id>/report.xlsx")
def report_xlsx(assignment_id: int):
    assignment = _mine(assignment_id)
    report = service.assignment_report(db.session(), assignment)
    body = reports.xlsx_bytes([("Results", *reports.results_table(report, homework=True)), ("Questions", *reports.questions_table(report))])
    return _download(assignment, body, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@bp.get("/<int:assignment_id>/report.json")
def report_json(assignment_id: int):
    """The report as JSON, as `flask --app quiz report --assignment ID --format json` prints it."""
    return jsonify(reports.report_json(service.assignment_report(db.session(), _mine(assignment_id))))


@bp.errorhandler(AssignmentRefused)
def refused(error: AssignmentRefused):
    return render_template("errors/refused.html", message=error.message, back=url_for(".index"), back_label="Back to assignments"), error.status
