"""Question sets: build them from published questions, order them, share them."""

from __future__ import annotations

import secrets

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from ..articles.models import Article
from ..bank.kinds import Status
from ..bank.models import Question
from .models import QuestionSet, QuestionSetItem


class SetError(ValueError):
    """A change to a set that cannot be made; nothing was changed."""


def owned_sets(session: Session, owner_id: int) -> list[QuestionSet]:
    return list(
        session.scalars(
            select(QuestionSet)
            .where(QuestionSet.owner_id == owner_id)
            .order_by(QuestionSet.id.desc())
            .options(selectinload(QuestionSet.items))
        )
    )


def set_by_token(session: Session, token: str) -> QuestionSet | None:
    return session.scalar(select(QuestionSet).where(QuestionSet.share_token == token))


def create_set(session: Session, owner_id: int, title: str) -> QuestionSet:
    title = " ".join(title.split())
    if not title:
        raise SetError("Give the set a title.")
    if len(title) > 200:
        raise SetError("Keep the title to 200 characters.")
    question_set = QuestionSet(owner_id=owner_id, title=title, share_token=secrets.token_urlsafe(16))
    session.add(question_set)
    session.flush()
    return question_set


def same_set_of_article(session: Session, owner_id: int, article: Article) -> QuestionSet | None:
    """Return the instructor's set that holds exactly the article's published questions, in
    their order, if there is one: making it again would only make a copy."""
    wanted = list(
        session.scalars(
            select(Question.id).where(Question.article_id == article.id, Question.status == Status.PUBLISHED).order_by(Question.position)
        )
    )
    if not wanted:
        return None
    for question_set in session.scalars(
        select(QuestionSet).where(QuestionSet.owner_id == owner_id).options(selectinload(QuestionSet.items)).order_by(QuestionSet.id.desc())
    ):
        if [item.question_id for item in sorted(question_set.items, key=lambda i: i.position)] == wanted:
            return question_set
    return None


def set_from_article(session: Session, owner_id: int, article: Article) -> QuestionSet:
    """Make a set of an article's published questions, in their order, titled after it; raises
    SetError when it has none."""
    questions = list(
        session.scalars(
            select(Question).where(Question.article_id == article.id, Question.status == Status.PUBLISHED).order_by(Question.position)
        )
    )
    if not questions:
        raise SetError("This article has no published question yet: publish one first.")
    title = article.headline[:200]
    titles = set(session.scalars(select(QuestionSet.title).where(QuestionSet.owner_id == owner_id)))
    for number in range(2, 1000):
        if title not in titles:
            break  # a second set of the same article gets "(2)", so that the two can be told apart
        suffix = f" ({number})"
        title = article.headline[: 200 - len(suffix)] + suffix
    question_set = create_set(session, owner_id, title)
    for position, question in enumerate(questions, 1):
        session.add(QuestionSetItem(set_id=question_set.id, position=position, question_id=question.id))
    session.flush()
    return question_set


def addable_questions(session: Session, owner_id: int) -> list[Question]:
    """Return the published questions an instructor may put in a set: their own and the built-in ones."""
    return list(
        session.scalars(
            select(Question)
            .join(Article)
            .where(Question.status == Status.PUBLISHED, or_(Article.owner_id == owner_id, Article.owner_id.is_(None)))
            .order_by(Article.owner_id.is_(None), Article.id, Question.position)
            .options(selectinload(Question.article))
        )
    )


def add_question(session: Session, question_set: QuestionSet, question: Question) -> None:
    allowed = {q.id for q in addable_questions(session, question_set.owner_id)}
    if question.id not in allowed:
        raise SetError("Only published questions of your own articles, or of the built-in ones, can go in a set.")
    position = (session.scalar(select(func.max(QuestionSetItem.position)).where(QuestionSetItem.set_id == question_set.id)) or 0) + 1
    session.add(QuestionSetItem(set_id=question_set.id, position=position, question_id=question.id))
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise SetError("That question is in the set already.") from None


def move_item(session: Session, question_set: QuestionSet, item_id: int, step: int) -> None:
    """Swap an item with its neighbour (step -1 up, +1 down)."""
    items = list(question_set.items)
    index = next((i for i, item in enumerate(items) if item.id == item_id), None)
    if index is None:
        raise SetError("That question is not in this set.")
    other = index + step
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    _renumber(session, question_set, items)


def remove_item(session: Session, question_set: QuestionSet, item_id: int) -> None:
    items = list(question_set.items)
    item = next((item for item in items if item.id == item_id), None)
    if item is None:
        raise SetError("That question is not in this set.")
    items.remove(item)
    session.delete(item)
    session.flush()
    _renumber(session, question_set, items)


def _renumber(session: Session, question_set: QuestionSet, items: list[QuestionSetItem]) -> None:
    # Two passes: positions are unique in a set, so no item may land on a place still taken.
    for offset, item in enumerate(items, start=1):
        item.position = -offset
    session.flush()
    for offset, item in enumerate(items, start=1):
        item.position = offset
    session.flush()
    session.expire(question_set, ["items"])


def playable(question_set: QuestionSet) -> list[Question]:
    """Return the set's questions that can be played now, in the set's order."""
    return [item.question for item in question_set.items if item.question.status == Status.PUBLISHED]
