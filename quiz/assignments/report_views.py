"""Reports over time: a set's and a student's results across live games and assignments.

Only the signed-in instructor's own games and assignments are read (quiz/assignments/over_time.py);
a set of someone else's, or a student seen in none of this instructor's, is not found (404).
"""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_login import current_user, login_required

from .. import charts, db, reports
from ..sets.models import QuestionSet
from . import over_time
from .service import aware, zone

bp = Blueprint("over_time", __name__, url_prefix="/reports")

# A name or class longer than this matches no student (both are stored in 80 characters).
MAX_QUERY = 80


@bp.before_request
@login_required
def _instructors_only():
    """Every page here needs a signed-in instructor."""


def day(moment: datetime | None) -> str:
    """Return a date as the pages show it, in the instance's time zone: "5 Dec 2026"."""
    moment = aware(moment)
    if moment is None:
        return ""
    local = moment.astimezone(zone(current_app.config.get("TIMEZONE", "UTC")))
    return f"{local.day} {local:%b %Y}"


def student_url(name: str, class_name: str = "") -> str:
    """The student's page: their name and class in the query, as typed (compared as name_key does)."""
    return url_for("over_time.student", name=name, **({"class": class_name} if class_name else {}))


def report_url(entry) -> str:
    """The report of a game's or an assignment's entry."""
    if entry.is_game:
        return url_for("live_host.results", game_id=entry.id)
    return url_for("assignments.report", assignment_id=entry.id)


def _timeline_chart(timeline: over_time.Timeline, title: str):
    if not any(entry.accuracy.total for entry in timeline.entries):
        return None
    return charts.percent_line(
        title,
        [f"{number}. {day(entry.when)}" for number, entry in enumerate(timeline.entries, start=1)],
        [entry.accuracy.percent for entry in timeline.entries],
    )


def _page(template: str, **context):
    return render_template(
        template,
        day=day,
        report_url=report_url,
        student_url=student_url,
        skill_label=reports.skill_label,
        **context,
    )


@bp.get("/")
def index():
    return _page("reports/index.html", overview=over_time.overview(db.session(), current_user.id))


@bp.get("/sets/<int:set_id>")
def set_over_time(set_id: int):
    session = db.session()
    question_set = session.get(QuestionSet, set_id)
    if question_set is None or question_set.owner_id != current_user.id:
        abort(404, description="You have no question set at this address.")
    timeline = over_time.set_timeline(session, current_user.id, set_id)
    return _page(
        "reports/set.html",
        question_set=question_set,
        timeline=timeline,
        chart=_timeline_chart(timeline, "Class accuracy"),
    )


@bp.get("/students")
def student():
    name = request.args.get("name", "")
    class_name = request.args.get("class", "")
    if not name.strip() or len(name) > MAX_QUERY or len(class_name) > MAX_QUERY:
        abort(404, description="You have no student by that name.")
    timeline = over_time.student_timeline(db.session(), current_user.id, name, class_name)
    if timeline is None:
        abort(404, description="You have no student by that name.")
    by_skill = timeline.by_skill
    return _page(
        "reports/student.html",
        timeline=timeline,
        chart=_timeline_chart(timeline, "Accuracy"),
        skills_chart=charts.percent_bars(
            "Accuracy per skill", [reports.skill_label(skill) for skill in by_skill], [rate.percent for rate in by_skill.values()]
        )
        if any(rate.total for rate in by_skill.values())
        else None,
    )
