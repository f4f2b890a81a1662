"""Load a validated bank into the database, updating what is there in place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..articles.models import Article
from ..articles.service import apply_layout
from ..db import replace_in_place
from .files import Problem, article_folders, read_article_folder
from .kinds import Status
from .models import Evidence, Option, Question
from .validate import QuestionSpec, ValidatedArticle, validate_article


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


def read_bank(path: Path) -> list[ValidatedArticle]:
    """Read and validate every article folder under path."""
    if not path.is_dir():
        raise BankInvalid([Problem(str(path), "no such folder")])
    return [validate_article(read_article_folder(folder)) for folder in article_folders(path)]


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
        article = _sync_article(session, validated)
        report.articles += 1
        report.questions += len(validated.questions)
        report.retired += _sync_questions(session, article, validated.questions)
    session.flush()
    return report


def _sync_article(session: Session, validated: ValidatedArticle) -> Article:
    article = session.scalar(select(Article).where(Article.slug == validated.slug))
    if article is None:
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
