"""Authoring: an instructor's articles and questions, checked as strictly as the bank's files."""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from .. import bounded
from ..articles.anchoring import Outcome, Reanchored, Selector, reanchor
from ..articles.models import Article
from ..articles.service import apply_layout, instructor_slug, layout
from ..articles.text import Block, BlockKind, normalise
from ..bank.files import Problem
from ..bank.kinds import Kind, Status
from ..bank.models import Evidence, Option, Question
from ..bank.sync import apply_spec
from ..bank.validate import METADATA_KEYS, validate_question
from ..live.models import GameQuestion
from ..study.models import AttemptItem


@dataclass(frozen=True)
class ArticleLimits:
    """How much text one article may have (ARTICLE_MAX_* in quiz/config.py)."""

    chars: int
    blocks: int
    block_chars: int

    @classmethod
    def from_config(cls, config: Any) -> ArticleLimits:
        return cls(config["ARTICLE_MAX_CHARS"], config["ARTICLE_MAX_BLOCKS"], config["ARTICLE_MAX_BLOCK_CHARS"])


class AuthoringError(ValueError):
    """Input that cannot be saved; problems say what to change, and nothing was changed."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


# ---------------------------------------------------------------------------------------------
# Who may see and change what


def visible_articles(session: Session, owner_id: int) -> list[Article]:
    """Return the instructor's own articles, then the built-in ones (readable, not changeable)."""
    return list(
        session.scalars(
            select(Article)
            .where(or_(Article.owner_id == owner_id, Article.owner_id.is_(None)))
            .order_by(Article.owner_id.is_(None), Article.id.desc())
        )
    )


def can_read(article: Article, owner_id: int) -> bool:
    return article.owner_id in (None, owner_id)


def can_change(article: Article, owner_id: int) -> bool:
    return article.owner_id == owner_id


# ---------------------------------------------------------------------------------------------
# Articles


def slug_for(session: Session, headline: str) -> str:
    """Return a new article id made from the headline, unique among all articles and never one
    the bank's folders could use (see articles.service.instructor_slug)."""
    return instructor_slug(session, headline)


def clean_metadata(fields: dict[str, Any]) -> dict[str, str | None]:
    """Return the metadata with text trimmed and blanks as None (unknown); a headline is required."""
    metadata: dict[str, str | None] = {}
    for key in METADATA_KEYS:
        value = fields.get(key)
        value = normalise(str(value)).strip() if value is not None else ""
        metadata[key] = value or None
    problems = []
    if not metadata["headline"]:
        problems.append("Give the article a headline.")
    if metadata["url"] and not re.match(r"^https?://", metadata["url"]):
        problems.append("The original address must start with http:// or https://.")
    for key, limit in (("publisher", 200), ("author", 200), ("published", 40)):
        if metadata[key] and len(metadata[key]) > limit:
            problems.append(f"The {key} is longer than {limit} characters.")
    if problems:
        raise AuthoringError(problems)
    return metadata


def size_problems(blocks: list[Block], limits: ArticleLimits) -> list[str]:
    """Say how an article's blocks are too many or too long in all, or return nothing."""
    problems = []
    if len(blocks) > limits.blocks:
        problems.append(f"The article has {len(blocks):,} blocks; it may have at most {limits.blocks:,}.")
    chars = sum(len(block.text) for block in blocks)
    if chars > limits.chars:
        problems.append(f"The article has {chars:,} characters of text; it may have at most {limits.chars:,}.")
    return problems


def clean_blocks(kinds: list[str], texts: list[str], limits: ArticleLimits) -> list[Block]:
    """Return the blocks of a review form, in order; empty blocks are dropped."""
    problems = []
    blocks = []
    if len(texts) > limits.blocks * 2:  # far too many even if half were empty: not worth normalising
        raise AuthoringError([f"The article has {len(texts):,} blocks; it may have at most {limits.blocks:,}."])
    for number, (kind, text) in enumerate(zip(kinds, texts), start=1):
        text = " ".join(normalise(text).split())
        if not text:
            continue
        if kind not in BlockKind.__members__.values():
            problems.append(f"Block {number} has an unknown kind {kind!r}.")
            continue
        if len(text) > limits.block_chars:
            problems.append(f"Block {number} is longer than {limits.block_chars:,} characters; split it.")
            continue
        blocks.append(Block(BlockKind(kind), text))
    if not blocks:
        problems.append("The article has no text.")
    problems += size_problems(blocks, limits)
    if problems:
        raise AuthoringError(problems)
    return blocks


def create_article(
    session: Session, owner_id: int, metadata: dict[str, str | None], blocks: list[Block], source: str
) -> Article:
    article = Article(
        slug=slug_for(session, metadata["headline"]), owner_id=owner_id, builtin=False, source=source, text=""
    )
    for key, value in metadata.items():
        setattr(article, key, value)
    apply_layout(article, layout(blocks))
    session.add(article)
    session.flush()
    return article


def article_blocks(article: Article) -> list[Block]:
    return [Block(BlockKind(block.kind), article.text[block.start : block.end]) for block in article.blocks]


@dataclass(frozen=True)
class AnchorChange:
    """What became of one evidence anchor when its article's text changed."""

    question: Question
    outcome: Outcome
    old: str
    new: str | None


def change_article(
    session: Session, article: Article, metadata: dict[str, str | None], blocks: list[Block]
) -> list[AnchorChange]:
    """Save new metadata and text, finding every evidence anchor again; return what became of each.

    An anchor that cannot be found is kept, marked lost, and its question taken out of play
    ("needs review") until its author fixes it: never silently dropped.
    """
    for key, value in metadata.items():
        setattr(article, key, value)
    new = layout(blocks)
    changes: list[AnchorChange] = []
    if new.text != article.text:
        questions = session.scalars(select(Question).where(Question.article_id == article.id)).all()
        kept = [evidence.selector for question in questions for evidence in question.evidence if not evidence.lost]
        try:
            # A quote that moved is looked for approximately all over the text: seconds per quote
            # in a long, repetitive article. In a child process with a time limit, like layout().
            found_all = iter(bounded.run(_reanchor_all, new.text, kept))
        except bounded.WorkError:
            raise AuthoringError(
                ["Finding the evidence quotes again in the changed text took too long. Change less of the"
                 " text at a time, saving after each change."]
            ) from None
        for question in questions:
            lost_any = False
            for evidence in question.evidence:
                if evidence.lost:
                    lost_any = True
                    continue
                found = next(found_all)
                changes.append(AnchorChange(question, found.outcome, evidence.exact, found.selector.exact if found.selector else None))
                if found.selector is None:
                    evidence.lost = True
                    lost_any = True
                    continue
                selector = found.selector
                evidence.exact, evidence.prefix, evidence.suffix = selector.exact, selector.prefix, selector.suffix
                evidence.start, evidence.end = selector.start, selector.end
            if lost_any and question.status in (Status.PUBLISHED, Status.DRAFT):
                question.status = Status.NEEDS_REVIEW
        apply_layout(article, new)
    session.flush()
    return changes


def _reanchor_all(text: str, selectors: list[Selector]) -> list[Reanchored]:
    return [reanchor(text, selector) for selector in selectors]


def copy_article(session: Session, article: Article, owner_id: int) -> Article:
    """Copy an article with its questions into the instructor's own material."""
    copy = create_article(
        session,
        owner_id,
        {key: getattr(article, key) for key in METADATA_KEYS},
        article_blocks(article),
        source=article.source if article.owner_id else "copy",
    )
    for question in session.scalars(
        select(Question).where(Question.article_id == article.id, Question.status != Status.RETIRED).order_by(Question.position)
    ):
        session.add(_copy_question(question, copy, question.ident, question.position, question.status))
    session.flush()
    return copy


def _copy_question(source: Question, article: Article, ident: str, position: int, status: str) -> Question:
    """Return a new question like source, with its options and evidence, on article."""
    return Question(
        article=article,
        ident=ident,
        position=position,
        kind=source.kind,
        skill=source.skill,
        prompt=source.prompt,
        verdict=source.verdict,
        explanation=source.explanation,
        teacher_note=source.teacher_note,
        status=status,
        options=[Option(position=o.position, text=o.text, correct=o.correct, feedback=o.feedback) for o in source.options],
        evidence=[
            Evidence(position=e.position, exact=e.exact, prefix=e.prefix, suffix=e.suffix, start=e.start, end=e.end, lost=e.lost)
            for e in source.evidence
        ],
    )


def played(session: Session, question_ids: list[int]) -> bool:
    """Say whether any of these questions was ever dealt in a round or a live game."""
    if not question_ids:
        return False
    return bool(
        session.scalar(select(exists().where(AttemptItem.question_id.in_(question_ids))))
        or session.scalar(select(exists().where(GameQuestion.question_id.in_(question_ids))))
    )


def delete_article(session: Session, article: Article) -> None:
    ids = list(session.scalars(select(Question.id).where(Question.article_id == article.id)))
    if played(session, ids):
        raise AuthoringError(
            ["Its questions have been played, and players' results point at them. Unpublish the questions instead."]
        )
    session.delete(article)
    session.flush()


# ---------------------------------------------------------------------------------------------
# Questions


def next_ident(session: Session, article: Article, base: str = "q") -> str:
    taken = set(session.scalars(select(Question.ident).where(Question.article_id == article.id)))
    number = 1
    while f"{base}{number}" in taken:
        number += 1
    return f"{base}{number}"


# The bank's messages speak of its file format; the form's words for the same problems.
_FORM_WORDS = {
    "`evidence` must list at least one `- quote: ...` from the article":
        "Give at least one evidence quote: select the deciding words in the article and press “Use the selected text”, or paste them",
}


def _for_form(message: str) -> str:
    return _FORM_WORDS.get(message, message)


def save_question(
    session: Session, article: Article, question: Question | None, raw: dict[str, Any], publish: bool
) -> Question:
    """Create or update a question from its fields in the bank's own format, validated as the bank is.

    A draft may leave out what publishing needs; publishing checks everything.
    """
    problems: list[Problem] = []
    spec = validate_question(raw, article.text, "form", problems, draft=not publish)
    if spec is None:
        raise AuthoringError([_for_form(problem.message) for problem in problems])
    spec.status = Status.PUBLISHED if publish else Status.DRAFT
    if question is None:
        position = (session.scalar(select(func.max(Question.position)).where(Question.article_id == article.id)) or 0) + 1
        question = Question(article=article, ident=spec.ident)
        session.add(question)
    else:
        position = question.position
    apply_spec(question, spec, position)
    session.flush()
    return question


def question_fields(question: Question) -> dict[str, Any]:
    """Return a question in the bank's format: what the form shows and what export writes."""
    fields: dict[str, Any] = {"id": question.ident, "kind": question.kind}
    if question.skill:
        fields["skill"] = question.skill
    fields["question" if question.kind == Kind.MULTIPLE_CHOICE else "claim"] = question.prompt
    if question.kind == Kind.MULTIPLE_CHOICE:
        fields["options"] = []
        for option in question.options:
            entry: dict[str, Any] = {"text": option.text}
            if option.correct:
                entry["correct"] = True
            if option.feedback:
                entry["feedback"] = option.feedback
            fields["options"].append(entry)
    elif question.verdict:
        fields["verdict"] = question.verdict
    if question.explanation:
        fields["explanation"] = question.explanation
    if question.teacher_note:
        fields["teacher_note"] = question.teacher_note
    evidence = []
    for item in question.evidence:
        entry = {"quote": item.exact}
        # Context only where the quote alone is ambiguous, as an author would write it.
        if question.article.text.count(item.exact) > 1 or item.lost:
            entry["prefix"], entry["suffix"] = item.prefix, item.suffix
        evidence.append(entry)
    if evidence:
        fields["evidence"] = evidence
    if question.status != Status.PUBLISHED:
        fields["status"] = Status.DRAFT.value
    return fields


def duplicate_question(session: Session, question: Question) -> Question:
    ident = next_ident(session, question.article, base=f"{question.ident}-copy")
    position = (session.scalar(select(func.max(Question.position)).where(Question.article_id == question.article_id)) or 0) + 1
    copy = _copy_question(question, question.article, ident, position, Status.DRAFT)
    session.add(copy)
    session.flush()
    return copy


def delete_question(session: Session, question: Question) -> str:
    """Delete a question, or retire it when players' results point at it; say which."""
    if played(session, [question.id]):
        question.status = Status.RETIRED
        session.flush()
        return "retired"
    session.delete(question)
    session.flush()
    return "deleted"


def set_published(session: Session, question: Question, publish: bool) -> None:
    """Publish (after full validation) or take back to draft."""
    if publish:
        save_question(session, question.article, question, question_fields(question) | {"status": "published"}, publish=True)
        if any(e.lost for e in question.evidence):
            raise AuthoringError(["An evidence quote was lost when the article changed; pick it again."])
    else:
        question.status = Status.DRAFT
        session.flush()


def exportable(session, owner_id: int, set_id: int | None = None) -> list[tuple[Article, list[Question]]]:
    """Return the owner's articles with their questions, or those of one of their sets."""
    from ..sets.models import QuestionSet

    if set_id is not None:
        question_set = session.get(QuestionSet, set_id)
        if question_set is None or question_set.owner_id != owner_id:
            raise LookupError(f"no question set {set_id} of yours")
        grouped: dict[int, tuple[Article, list[Question]]] = {}
        for question in question_set.questions:
            grouped.setdefault(question.article_id, (question.article, []))[1].append(question)
        return list(grouped.values())
    result = []
    for article in session.scalars(select(Article).where(Article.owner_id == owner_id).order_by(Article.id)):
        questions = session.scalars(
            select(Question).where(Question.article_id == article.id, Question.status != Status.RETIRED).order_by(Question.position)
        ).all()
        result.append((article, list(questions)))
    return result
