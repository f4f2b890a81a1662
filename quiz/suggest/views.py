"""Reviewing suggested questions in authoring: the list (filtered by skill and kind), accept as a
draft or published, edit then accept, reject and undo; built-in articles are copied first."""

from __future__ import annotations

import re

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from .. import bounded, db
from ..articles.anchoring import locate_each
from ..articles.models import Article
from ..articles.render import render_article
from ..articles.text import Span
from ..authoring import service
from ..authoring.service import AuthoringError
from ..authoring.views import _article, _flash_saved, _question_form, _raw_from_form
from ..bank.kinds import Kind, Status, Verdict
from ..bank.models import Question
from ..bank.skills import SKILLS
from . import review
from .models import Decision
from .review import Filters, ReviewError

bp = Blueprint("suggestions", __name__, url_prefix="/author")

TOO_SLOW = (
    "Suggesting questions for this article took too long, so there are none to show. The server may be busy:"
    " try again in a minute. A very long article may need to be cut into parts."
)


@bp.before_request
@login_required
def _instructors_only():
    """Reviewing suggestions is for signed-in instructors only."""


def _filters() -> Filters:
    """The list's filters from the query string (a form's own fields, such as the question's
    skill, are not filters); unknown values are ignored."""
    skill, kind, show = (request.args.get(name, "") for name in ("skill", "kind", "show"))
    return Filters(
        skill if skill in SKILLS else "",
        kind if kind in Kind.__members__.values() else "",
        show if show in Decision.__members__.values() else "",
    )


def _list_url(article_id: int, filters: Filters | None = None, **more) -> str:
    """The list's address with its filters (by default this request's), changed by more."""
    args = (filters or _filters()).args() | more
    return url_for(".suggestions", article_id=article_id, **{name: value for name, value in args.items() if value})


def _back(article: Article, message: str, **more):
    flash(message)
    return _to_next_card(article, **more)


def _to_next_card(article: Article, **more):
    """Back to the list at the card that took the decided one's place, that card's evidence
    marked in the article as if chosen."""
    after = _at_card()
    if after and "focus" not in more:
        more["focus"] = after.removeprefix("#card-")
    return redirect(_list_url(article.id, **more) + after, code=303)


def _at_card() -> str:
    """The anchor of the card to come back to after a decision: the one that took the decided
    card's place (sent by the form), so that the instructor does not start again at the top."""
    after = request.form.get("after", "")
    return f"#card-{after}" if re.fullmatch(r"[a-z0-9-]{1,80}", after) else ""


def _suggestion(article: Article, key: str):
    """Return the article's suggestion with this key, made again now; raises ReviewError or bounded.WorkError."""
    return review.find(review.suggestions_for(article), key)


def _evidence_spans(article: Article, suggestion) -> list[Span]:
    """Where the suggestion's quotes are in the article, for the marks beside the list."""
    # The generator offers only quotes that are there; a list made before an edit may not be.
    return [Span(s.start, s.end) for s in locate_each(article.text, suggestion.raw()["evidence"])]


@bp.get("/articles/<int:article_id>/suggestions")
def suggestions(article_id: int):
    article = _article(article_id)
    filters = _filters()
    try:
        made = review.suggestions_for(article)
    except bounded.WorkError:
        made, problem = [], TOO_SLOW
    else:
        problem = None
    decided = review.decisions(db.session(), article)
    # Those the article asks already (a copied built-in article's questions) are left out.
    alike = review.like_existing(db.session(), article, made, decided)
    made = [s for s in made if s.key not in alike or s.key in decided]
    shown = [s for s in made if filters.matches(s, decided.get(s.key))]
    # The counts beside each filter are of what the other filter leaves (what choosing it would show).
    in_state = [s for s in made if Filters(show=filters.show).matches(s, decided.get(s.key))]
    skill_counts = {skill: sum(s.skill == skill for s in in_state if not filters.kind or s.kind == filters.kind) for skill in SKILLS}
    kind_counts = {kind.value: sum(s.kind == kind for s in in_state if not filters.skill or s.skill == filters.skill) for kind in Kind}
    # Every skill and kind that has suggestions here is offered whatever the other filter is (its
    # count may then be 0), so that choosing a kind never hides a skill, nor the reverse.
    skills_offered = [skill for skill in SKILLS.values() if filters.skill == skill.id or any(s.skill == skill.id for s in in_state)]
    kinds_offered = [kind for kind in (Kind.CLAIM, Kind.MULTIPLE_CHOICE) if filters.kind == kind.value or any(s.kind == kind for s in in_state)]
    state_counts = {state.value: sum(1 for s in made if s.key in decided and decided[s.key].decision == state) for state in Decision}
    focus = next((s for s in shown if s.key == request.args.get("focus")), shown[0] if shown else None)
    highlights = _evidence_spans(article, focus) if focus else []
    return render_template(
        "authoring/suggestions.html",
        article=article,
        mine=service.can_change(article, current_user.id),
        problem=problem,
        total=len(made),
        shown=shown,
        decided=decided,
        filters=filters,
        skill_counts=skill_counts,
        kind_counts=kind_counts,
        skills_offered=skills_offered,
        kinds_offered=kinds_offered,
        all_skills_count=sum(1 for s in in_state if not filters.kind or s.kind == filters.kind),
        all_kinds_count=sum(1 for s in in_state if not filters.skill or s.skill == filters.skill),
        passages={s.key: _evidence_spans(article, s) for s in shown},
        state_counts=state_counts,
        focus=focus,
        nearest=bool(focus and focus.verdict == Verdict.NOT_IN_ARTICLE),
        blocks=render_article(article, highlights),
        confidence_words=review.confidence_words,
        rule_label=review.rule_label,
        published=_published_count(article),
        alike={key: ident for key, ident in alike.items() if key not in decided},
        my_copy=_my_copy(article) if not service.can_change(article, current_user.id) else None,
        accepted=_accepted_questions(decided),
        list_url=lambda **more: _list_url(article.id, filters, **more),
    )


def _published_count(article: Article) -> int:
    return db.session().scalar(select(func.count()).select_from(Question).where(Question.article_id == article.id, Question.status == Status.PUBLISHED)) or 0


def _accepted_questions(decided: dict) -> dict[int, Question]:
    ids = [d.question_id for d in decided.values() if d.question_id]
    return {q.id: q for q in db.session().scalars(select(Question).where(Question.id.in_(ids)))} if ids else {}


def _why(error: Exception) -> str:
    """What a refused decision tells the instructor."""
    if isinstance(error, IntegrityError):  # decided in another request between the check and the save
        return "That suggestion was decided already. Nothing was changed."
    if isinstance(error, bounded.WorkError):
        return TOO_SLOW + " Nothing was changed."
    return str(error)


@bp.post("/articles/<int:article_id>/suggestions/<key>/accept")
def accept(article_id: int, key: str):
    article = _article(article_id, change=True)
    session = db.session()
    try:
        suggestion = _suggestion(article, key)
        question = review.accept(session, article, suggestion, current_user.id, request.form.get("action") == "publish")
        session.commit()
    except AuthoringError as error:
        session.rollback()
        # The bank's checks refuse it as it is: the form lets the instructor fix it.
        return _form(article, suggestion, suggestion.raw(), error.problems, 400)
    except (ReviewError, IntegrityError, bounded.WorkError) as error:
        session.rollback()
        return _back(article, _why(error))
    _flash_saved(question)
    return _to_next_card(article)


@bp.post("/articles/<int:article_id>/suggestions/<key>/reject")
def reject(article_id: int, key: str):
    article = _article(article_id, change=True)
    session = db.session()
    try:
        suggestion = _suggestion(article, key)
        review.reject(session, article, suggestion, current_user.id)
        session.commit()
    except (ReviewError, IntegrityError, bounded.WorkError) as error:
        session.rollback()
        return _back(article, _why(error))
    return _back(article, f"Rejected: \u201c{suggestion.text}\u201d. It is hidden now; “Rejected” above the list shows it again, with a way to undo.")


@bp.post("/articles/<int:article_id>/suggestions/accept-shown")
def accept_shown(article_id: int):
    """Accept, as drafts, every suggestion to review that the list's filters show."""
    article = _article(article_id, change=True)
    filters = _filters()
    session = db.session()
    try:
        made = review.suggestions_for(article)
    except bounded.WorkError as error:
        return _back(article, _why(error))
    decided = review.decisions(session, article)
    alike = review.like_existing(session, article, made, decided)
    made = [s for s in made if s.key not in alike]
    to_review = Filters(filters.skill, filters.kind)
    saved, refused = [], 0
    for suggestion in made:
        if not to_review.matches(suggestion, decided.get(suggestion.key)):
            continue
        try:
            saved.append(review.accept(session, article, suggestion, current_user.id, publish=False))
        except (AuthoringError, ReviewError):  # refused before anything of it was saved
            refused += 1
    try:
        session.commit()
    except IntegrityError as error:
        session.rollback()
        return _back(article, _why(error))
    message = f"Accepted {len(saved)} suggestion{'' if len(saved) == 1 else 's'} as drafts"
    message += f": {', '.join(q.ident for q in saved)}." if saved else "."
    if refused:
        message += f" {refused} could not be saved as they are; accept them one by one to see why."
    return _back(article, message)


@bp.post("/articles/<int:article_id>/suggestions/<key>/undo")
def undo(article_id: int, key: str):
    article = _article(article_id, change=True)
    try:
        review.undo_rejection(db.session(), article, key)
    except ReviewError as error:
        db.session().rollback()
        return _back(article, str(error))
    db.session().commit()
    flash("The rejection is undone: the suggestion is back among those to review, here.")
    return redirect(_list_url(article.id, show="", focus=key) + f"#card-{key}", code=303)


@bp.route("/articles/<int:article_id>/suggestions/<key>/edit", methods=["GET", "POST"])
def edit(article_id: int, key: str):
    """The question form, filled in with the suggestion; saving it accepts the suggestion."""
    article = _article(article_id, change=True)
    try:
        suggestion = _suggestion(article, key)
        review.undecided(db.session(), article, key)
    except (ReviewError, bounded.WorkError) as error:
        return _back(article, _why(error))
    if request.method == "GET":
        return _form(article, suggestion, suggestion.raw())
    session = db.session()
    raw = _raw_from_form(suggestion.kind, service.next_ident(session, article))
    try:
        question = review.accept(session, article, suggestion, current_user.id, request.form.get("action") == "publish", raw)
        session.commit()
    except AuthoringError as error:
        session.rollback()
        return _form(article, suggestion, raw, error.problems, 400)
    except (ReviewError, IntegrityError) as error:
        session.rollback()
        return _back(article, _why(error))
    _flash_saved(question)
    return redirect(_list_url(article.id), code=303)


@bp.post("/articles/<int:article_id>/suggestions/copy")
def copy(article_id: int):
    """Copy a (built-in) article to the instructor's own, and review its suggestions there."""
    article = _article(article_id)
    existing = _my_copy(article)
    if existing is not None:  # a second click, or a second visit: the copy made before
        flash("You have a copy of this article already: here it is, with your decisions so far.")
        return redirect(_list_url(existing.id), code=303)
    copied = service.copy_article(db.session(), article, current_user.id)
    db.session().commit()
    flash("Copied to your articles: this copy is yours, with the same suggestions to accept or reject.")
    return redirect(_list_url(copied.id), code=303)


def _my_copy(article: Article) -> Article | None:
    """The instructor's copy of a built-in article (the latest, if they made several), or None."""
    if article.owner_id is not None:
        return None
    return db.session().scalar(
        select(Article)
        .where(Article.owner_id == current_user.id, Article.source == "copy", Article.headline == article.headline)
        .order_by(Article.id.desc())
        .limit(1)
    )


def _form(article: Article, suggestion, raw: dict, errors=(), status: int = 200):
    return _question_form(
        article, None, suggestion.kind, raw, errors, status,
        suggestion=suggestion,
        rule_label=review.rule_label,
        form_action=url_for(".edit", article_id=article.id, key=suggestion.key, **_filters().args()),
        back=_list_url(article.id),
    )
