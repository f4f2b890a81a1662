"""Load a validated bank into the database, updating what is there in place."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..articles.models import Article
from ..articles.service import INSTRUCTOR_MARK, apply_layout, instructor_slug, is_builtin_id
from ..db import replace_in_place
from .files import Problem, article_folders, read_article_folder
from .kinds import Status
from .models import Evidence, Option, Question
from .validate import IDENT, QuestionSpec, ValidatedArticle, validate_article

log = logging.getLogger(__name__)


class BankInvalid(Exception):
    """The bank has problems; nothing of it was loaded."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the question bank")
        self.problems = problems


@dataclass
class SyncReport:
    articles: int = 0
    questions: int = 0
    retired: int = 0
    # Instructors' articles that held an id the bank now uses, as (old id, new id).
    moved: list[tuple[str, str]] = field(default_factory=list)


def read_bank(path: Path) -> list[ValidatedArticle]:
    """Read and validate every article folder under path."""
    if path.is_file():
        folder = "the folder that holds article.yaml and questions.yaml, or the questions/ folder above it"
        raise BankInvalid([Problem(str(path), f"this is a file: give {folder}")])
    if not path.is_dir():
        raise BankInvalid([Problem(str(path), "no such folder")])
    articles = []
    for folder in article_folders(path):
        article = validate_article(read_article_folder(folder))
        if not (IDENT.match(folder.name) and is_builtin_id(folder.name)):
            article.problems.insert(0, Problem(
                str(folder),
                "the folder's name is the article's id: use letters, digits, '.' and '-', starting with a letter"
                f" or digit ({INSTRUCTOR_MARK!r} is kept for instructors' articles, so that theirs never meet the bank's)",
            ))
        articles.append(article)
    return articles


def sync_bank(session: Session, path: Path) -> SyncReport:
    """Bring the built-in articles and questions in the database in line with the bank at path.

    All or nothing: any problem anywhere in the bank raises BankInvalid before anything changes.
    Questions that left the bank are retired, not deleted, since earlier answers refer to them.
    """
    articles = read_bank(path)
    problems = [problem for article in articles for problem in article.problems]
    if problems:
        raise BankInvalid(problems)
    report = SyncReport()
    for validated in articles:
        article = _sync_article(session, validated, report)
        report.articles += 1
        report.questions += len(validated.questions)
        report.retired += _sync_questions(session, article, validated.questions)
    session.flush()
    return report


def _sync_article(session: Session, validated: ValidatedArticle, report: SyncReport) -> Article:
    # Only a built-in article is the bank's to update: an instructor's article is never taken over.
    article = session.scalar(select(Article).where(Article.slug == validated.slug, Article.owner_id.is_(None)))
    if article is None:
        squatter = session.scalar(select(Article).where(Article.slug == validated.slug))
        if squatter is not None:
            # An instructor's article got this id before the bank had it (an imported bundle keeps
            # its ids; older versions made ids without the mark). It keeps everything but the id,
            # which it gives up: the bank's id is fixed by its folder name, the instructor's is not.
            squatter.slug = instructor_slug(session, squatter.headline)
            report.moved.append((validated.slug, squatter.slug))
            log.warning("instructor's article %r is now %r: the bank has an article with its old id", validated.slug, squatter.slug)
            session.flush()
        article = Article(slug=validated.slug, builtin=True, text="", headline="")
        session.add(article)
    for key, value in validated.metadata.items():
        setattr(article, key, value)
    if article.headline is None:
        article.headline = validated.slug
    if article.text != validated.text or not article.blocks:
        apply_layout(article, validated.layout)
    session.flush()
    return article


def _sync_questions(session: Session, article: Article, specs: list[QuestionSpec]) -> int:
    existing = {
        question.ident: question
        for question in session.scalars(select(Question).where(Question.article_id == article.id))
    }
    for number, spec in enumerate(specs, start=1):
        question = existing.pop(spec.ident, None)
        if question is None:
            question = Question(article=article, ident=spec.ident)
            session.add(question)
        apply_spec(question, spec, position=number)
    for gone in existing.values():
        gone.status = Status.RETIRED.value
    return len(existing)


def apply_spec(question: Question, spec: QuestionSpec, position: int) -> None:
    """Make question say what spec says; options keep their ids where their position stays."""
    question.position = position
    question.kind = spec.kind.value
    question.skill = spec.skill
    question.prompt = spec.prompt
    question.verdict = spec.verdict.value if spec.verdict else None
    question.explanation = spec.explanation
    question.teacher_note = spec.teacher_note
    question.status = spec.status.value
    replace_in_place(
        question.options,
        Option,
        [{"text": o.text, "correct": o.correct, "feedback": o.feedback} for o in spec.options],
    )
    replace_in_place(
        question.evidence,
        Evidence,
        [
            {"exact": s.exact, "prefix": s.prefix, "suffix": s.suffix, "start": s.start, "end": s.end}
            for s in spec.evidence
        ],
    )
