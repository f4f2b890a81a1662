"""Question-set pages: build and order a set; its shared self-study link."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from .. import db
from ..converters import parse_id
from ..articles.models import Article
from ..bank.models import Question
from ..live.addresses import join_address
from ..live.service import MAX_TIME_LIMIT, MIN_TIME_LIMIT
from . import service
from .models import QuestionSet
from .service import SetError

bp = Blueprint("sets", __name__)


def _my_set(set_id: int) -> QuestionSet:
    question_set = db.session().get(QuestionSet, set_id)
    if question_set is None or question_set.owner_id != current_user.id:
        abort(404, description="You have no question set at this address.")
    return question_set


def _back(question_set: QuestionSet):
    return redirect(url_for(".edit", set_id=question_set.id), code=303)


@bp.post("/author/sets")
@login_required
def create():
    try:
        question_set = service.create_set(db.session(), current_user.id, request.form.get("title", ""))
    except SetError as error:
        flash(str(error))
        return redirect(url_for("authoring.dashboard"), code=303)
    db.session().commit()
    return _back(question_set)


@bp.post("/author/articles/<int:article_id>/set")
@login_required
def from_article(article_id: int):
    """A set of an article's published questions, ready to host, assign or share."""
    article = db.session().get(Article, article_id)
    if article is None or article.owner_id not in (None, current_user.id):
        abort(404, description="You have no article at this address.")
    same = service.same_set_of_article(db.session(), current_user.id, article)
    if same is not None:
        count = len(same.items)
        flash(f"Your set “{same.title}” has exactly {'this' if count == 1 else f'these {count}'} published question{'' if count == 1 else 's'} already: here it is.")
        return _back(same)
    try:
        question_set = service.set_from_article(db.session(), current_user.id, article)
    except SetError as error:
        flash(str(error))
        return redirect(url_for("authoring.article", article_id=article.id), code=303)
    db.session().commit()
    count = len(question_set.items)
    flash(f"A new set of the article's {count} published question{'' if count == 1 else 's'}: host it, assign it or share it from here.")
    return _back(question_set)


@bp.get("/author/sets/<int:set_id>")
@login_required
def edit(set_id: int):
    question_set = _my_set(set_id)
    in_set = {item.question_id for item in question_set.items}
    addable = [q for q in service.addable_questions(db.session(), current_user.id) if q.id not in in_set]
    # The link to share is one students' devices can open: opened on this computer's own address,
    # the page offers its network address instead, as the live game's lobby does.
    address = join_address(request.url_root, current_app.config)
    share_url = address.url + url_for("sets.shared", token=question_set.share_token)
    return render_template(
        "sets/edit.html", question_set=question_set, addable=addable, limits=(MIN_TIME_LIMIT, MAX_TIME_LIMIT),
        share_url=share_url, share_warning=address.warning,
    )


@bp.post("/author/sets/<int:set_id>")
@login_required
def update(set_id: int):
    question_set = _my_set(set_id)
    title = " ".join(request.form.get("title", "").split())
    raw_limit = request.form.get("time_limit", "").strip()
    # A form from before claims had their own time leaves it as it was.
    raw_claim_limit = request.form.get("claim_time_limit", str(question_set.claim_time_limit)).strip()
    problems = []
    if not title or len(title) > 200:
        problems.append("Give the set a title of 1 to 200 characters.")
    if not _seconds_ok(raw_limit):
        problems.append(f"Time per multiple-choice question must be {MIN_TIME_LIMIT} to {MAX_TIME_LIMIT} seconds.")
    if not _seconds_ok(raw_claim_limit):
        problems.append(f"Time per claim must be {MIN_TIME_LIMIT} to {MAX_TIME_LIMIT} seconds.")
    if problems:
        flash(" ".join(problems))
        return _back(question_set)
    question_set.title = title
    question_set.time_limit = int(raw_limit)
    question_set.claim_time_limit = int(raw_claim_limit)
    for name in ("speed_bonus", "streak_bonus", "question_on_devices", "late_join", "shuffle"):
        setattr(question_set, name, request.form.get(name) == "on")
    db.session().commit()
    flash("Set saved.")
    return _back(question_set)


@bp.post("/author/sets/<int:set_id>/items")
@login_required
def add(set_id: int):
    question_set = _my_set(set_id)
    raw = request.form.get("question", "")
    question_id = parse_id(raw)
    question = db.session().get(Question, question_id) if question_id is not None else None
    try:
        if question is None:
            raise SetError("Choose a question to add.")
        service.add_question(db.session(), question_set, question)
    except SetError as error:
        flash(str(error))
        return _back(_my_set(set_id))
    db.session().commit()
    return _back(question_set)


def _seconds_ok(raw: str) -> bool:
    return raw.isascii() and raw.isdigit() and len(raw) <= 4 and MIN_TIME_LIMIT <= int(raw) <= MAX_TIME_LIMIT


@bp.post("/author/sets/<int:set_id>/items/<int:item_id>/time")
@login_required
def item_time(set_id: int, item_id: int):
    """Give one question of a set its own time when played live; empty goes back to the default."""
    question_set = _my_set(set_id)
    item = next((item for item in question_set.items if item.id == item_id), None)
    if item is None:
        abort(404, description="That question is not in this set.")
    raw = request.form.get("time_limit", "").strip()
    if raw and not _seconds_ok(raw):
        flash(f"Time for a question must be {MIN_TIME_LIMIT} to {MAX_TIME_LIMIT} seconds, or empty for the set's default.")
        return _back(question_set)
    item.time_limit = int(raw) if raw else None
    db.session().commit()
    flash(f"Question {item.position} now has {raw + ' seconds' if raw else 'the default time for its kind'}.")
    return _back(question_set)


@bp.post("/author/sets/<int:set_id>/items/<int:item_id>/<action>")
@login_required
def change_item(set_id: int, item_id: int, action: str):
    question_set = _my_set(set_id)
    try:
        if action == "up":
            service.move_item(db.session(), question_set, item_id, -1)
        elif action == "down":
            service.move_item(db.session(), question_set, item_id, +1)
        elif action == "remove":
            service.remove_item(db.session(), question_set, item_id)
        else:
            abort(404, description="There is no such action.")
    except SetError as error:
        flash(str(error))
    db.session().commit()
    return _back(question_set)


@bp.post("/author/sets/<int:set_id>/delete")
@login_required
def delete(set_id: int):
    question_set = _my_set(set_id)
    db.session().delete(question_set)
    db.session().commit()
    flash("The set is deleted. Its questions are untouched.")
    return redirect(url_for("authoring.dashboard"), code=303)


@bp.get("/sets/<token>")
def shared(token: str):
    """The self-study link of a set: anyone with it can play the set, alone."""
    question_set = service.set_by_token(db.session(), token)
    if question_set is None:
        abort(404, description="There is no question set at this address. Ask for the link again.")
    return render_template("sets/shared.html", question_set=question_set, questions=service.playable(question_set))
