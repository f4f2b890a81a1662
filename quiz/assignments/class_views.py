"""Class lists: an instructor's classes and their students' names and personal codes."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from .. import db
from . import classes
from .classes import MAX_CLASS_NAME, MAX_PASTE, MAX_STUDENT_NAME, MAX_STUDENTS, ClassError
from .models import Roster, RosterStudent

bp = Blueprint("classes", __name__, url_prefix="/classes")

NOT_YOURS = "You have no class at this address."


def _my_roster(roster_id: int) -> Roster:
    roster = classes.owned_roster(db.session(), current_user.id, roster_id)
    if roster is None:
        abort(404, description=NOT_YOURS)
    return roster


def _my_student(roster: Roster, student_id: int) -> RosterStudent:
    try:
        return classes.find_student(roster, student_id)
    except ClassError:
        abort(404, description="That student is not in this class.")


def _back(roster: Roster):
    return redirect(url_for(".edit", roster_id=roster.id), code=303)


def _limits() -> dict[str, int]:
    return {"class_name": MAX_CLASS_NAME, "student_name": MAX_STUDENT_NAME, "students": MAX_STUDENTS, "paste": MAX_PASTE}


def _kept(text: str) -> str:
    """What a refused form shows again in its list of names: what was sent, unless too long to be taken."""
    return text if len(text) <= MAX_PASTE else ""


def _students(count: int) -> str:
    return f"{count} student{'' if count == 1 else 's'}"


@bp.get("/")
@login_required
def index():
    return _index_page()


def _index_page(error: str | None = None, name: str = "", names: str = "", status: int = 200):
    rosters = classes.owned_rosters(db.session(), current_user.id)
    return render_template(
        "classes/index.html", rosters=rosters, error=error, name=name, names=names, limits=_limits()
    ), status


@bp.post("/")
@login_required
def create():
    name, names = request.form.get("name", ""), request.form.get("names", "")
    try:
        roster = classes.create_roster(db.session(), current_user.id, name, names)
    except ClassError as error:
        # The page again, with what was typed: a pasted list is not lost to a mistake in one line.
        db.session().rollback()
        return _index_page(str(error), name[: MAX_CLASS_NAME * 2], _kept(names), 422)
    db.session().commit()
    flash(f"The class “{roster.name}” is made, with {_students(len(roster.students))}.")
    return _back(roster)


@bp.get("/<int:roster_id>")
@login_required
def edit(roster_id: int):
    return _edit_page(_my_roster(roster_id))


def _edit_page(roster: Roster, error: str | None = None, names: str = "", status: int = 200):
    return render_template(
        "classes/edit.html",
        roster=roster,
        error=error,
        names=names,
        limits=_limits(),
        in_use=classes.assignments_using(db.session(), roster),
    ), status


@bp.post("/<int:roster_id>/students")
@login_required
def add_students(roster_id: int):
    roster = _my_roster(roster_id)
    names = request.form.get("names", "")
    try:
        added = classes.add_students(db.session(), roster, names)
    except ClassError as error:
        db.session().rollback()
        return _edit_page(_my_roster(roster_id), str(error), _kept(names), 422)
    db.session().commit()
    flash(f"Added {_students(len(added))}: {', '.join(student.name for student in added[:5])}"
          f"{' and more' if len(added) > 5 else ''}.")
    return _back(roster)


@bp.post("/<int:roster_id>/students/<int:student_id>/remove")
@login_required
def remove_student(roster_id: int, student_id: int):
    roster = _my_roster(roster_id)
    student = _my_student(roster, student_id)
    name = student.name
    classes.remove_student(db.session(), student)
    db.session().commit()
    flash(f"{name} is off the class list. Their work on assignments stays.")
    return _back(roster)


@bp.post("/<int:roster_id>/students/<int:student_id>/code")
@login_required
def new_code(roster_id: int, student_id: int):
    roster = _my_roster(roster_id)
    student = _my_student(roster, student_id)
    code = classes.new_code(db.session(), student)
    db.session().commit()
    flash(f"{student.name}'s new code is {code}; the old one no longer works.")
    return _back(roster)


@bp.post("/<int:roster_id>/name")
@login_required
def rename(roster_id: int):
    roster = _my_roster(roster_id)
    try:
        classes.rename_roster(db.session(), roster, request.form.get("name", ""))
    except ClassError as error:
        db.session().rollback()
        flash(str(error))
        return _back(roster)
    db.session().commit()
    flash(f"The class is now called “{roster.name}”.")
    return _back(roster)


@bp.post("/<int:roster_id>/settings")
@login_required
def set_codes(roster_id: int):
    roster = _my_roster(roster_id)
    on = request.form.get("codes") == "on"
    classes.set_codes(db.session(), roster, on)
    db.session().commit()
    if on:
        flash("Students of this class now type their personal code after picking their name. Print the code cards for them.")
    else:
        flash("Students of this class now pick their name without a code.")
    return _back(roster)


@bp.get("/<int:roster_id>/delete")
@login_required
def confirm_delete(roster_id: int):
    """Ask before deleting a class: a page that needs no JavaScript."""
    roster = _my_roster(roster_id)
    return render_template("classes/delete.html", roster=roster, in_use=classes.assignments_using(db.session(), roster))


@bp.post("/<int:roster_id>/delete")
@login_required
def delete(roster_id: int):
    roster = _my_roster(roster_id)
    if request.form.get("confirmed") != "yes":
        return redirect(url_for(".confirm_delete", roster_id=roster.id), code=303)
    name = roster.name
    classes.delete_roster(db.session(), roster)
    db.session().commit()
    flash(f"The class “{name}” and its list of students are deleted. Work done on assignments stays.")
    return redirect(url_for(".index"), code=303)


@bp.get("/<int:roster_id>/codes")
@login_required
def codes(roster_id: int):
    """The code cards to print and cut out: one per student."""
    return render_template("classes/codes.html", roster=_my_roster(roster_id))
