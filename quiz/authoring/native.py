"""The native format moved in and out: a bundle file holding articles and their questions.

A bundle is the content of questions/ in one YAML file:

    format: evidence-quiz-bank
    version: 1
    articles:
      - id: <article id>
        headline: ...            # and the rest of article.yaml: metadata and blocks
        blocks: [...]
        questions: [...]         # as in questions.yaml

It is read through the same validation as the bank's folders, so what exports imports back as
the same questions and anchors, and errors name their line in the bundle.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ..articles.models import Article
from ..bank.files import ARTICLE_FILE, LINE_KEY, ArticleSource, Problem, article_document, article_folders, dump_yaml, one_value_fields, parse_yaml, read_article_folder
from ..bank.models import Question
from ..bank.sync import apply_spec
from ..bank.validate import IDENT, ValidatedArticle, validate_article
from .service import ArticleLimits, article_blocks, create_article, question_fields

FORMAT = "evidence-quiz-bank"
VERSION = 1


@dataclass
class ImportReport:
    """What an import did or would do; the keys of `as_json` are the CLI's --json output."""

    imported: int = 0
    articles: int = 0
    by_kind: Counter = field(default_factory=Counter)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"imported": self.imported, "by_kind": dict(self.by_kind), "skipped": self.skipped, "errors": self.errors}


def _problem_json(problem: Problem) -> dict[str, Any]:
    where = f"question {problem.question!r}: " if problem.question else ""
    return {"line": problem.line, "message": where + problem.message, "file": problem.file}


def export_bundle(articles: Iterable[tuple[Article, list[Question]]]) -> str:
    entries = []
    for article, questions in articles:
        document = article_document({key: getattr(article, key) for key in ("headline", "publisher", "author", "published", "url")}, article_blocks(article))
        entries.append({"id": article.slug, **document, "questions": [question_fields(q) for q in questions]})
    header = "# Evidence Quiz question bank: import with `flask --app quiz import-questions FILE --format native`.\n"
    return dump_yaml({"format": FORMAT, "version": VERSION, "articles": entries}, header)


@dataclass(frozen=True)
class BundleLimits:
    """How much one bundle may hold (IMPORT_MAX_* and ARTICLE_MAX_* in quiz/config.py)."""

    articles: int
    questions: int
    article: ArticleLimits

    @classmethod
    def from_config(cls, config: Any) -> BundleLimits:
        return cls(config["IMPORT_MAX_ARTICLES"], config["IMPORT_MAX_QUESTIONS"], ArticleLimits.from_config(config))


def _too_large(entries: list, label: str, limits: BundleLimits, line: int | None) -> list[Problem]:
    """Name each way the bundle holds more than the limits, before any of it is validated."""
    if len(entries) > limits.articles:
        return [Problem(label, f"the file holds {len(entries):,} articles; import at most {limits.articles:,} at a time", line)]
    problems = []
    questions = 0
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        if isinstance(entry.get("questions"), list):
            questions += len(entry["questions"])
        blocks = entry.get("blocks")
        if not isinstance(blocks, list):
            continue
        where, name = entry.get(LINE_KEY), f"article {entry.get('id')!r}"
        texts = [value for block in blocks if isinstance(block, dict) for value in block.values() if isinstance(value, str)]
        if len(blocks) > limits.article.blocks:
            problems.append(Problem(label, f"{name} has {len(blocks):,} blocks; an article may have at most {limits.article.blocks:,}", where))
        if sum(map(len, texts)) > limits.article.chars:
            problems.append(Problem(label, f"{name} has more than {limits.article.chars:,} characters of text", where))
        if any(len(text) > limits.article.block_chars for text in texts):
            problems.append(Problem(label, f"{name} has a block longer than {limits.article.block_chars:,} characters; split it", where))
    if questions > limits.questions:
        problems.append(Problem(label, f"the file holds {questions:,} questions; import at most {limits.questions:,} at a time", line))
    return problems


def read_bundle(text: str, label: str, limits: BundleLimits | None = None) -> tuple[list[ArticleSource], list[Problem]]:
    """Return the bundle's articles as sources for validation, or the problems that stop reading it.

    With limits, a bundle that holds more is refused as a whole. YAML is read at about a megabyte
    a second: the web import runs this through quiz.bounded.
    """
    problems: list[Problem] = []
    data = parse_yaml(text, label, problems)
    if problems:
        return [], problems
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return [], [Problem(label, f"not a native bundle: the file must start with `format: {FORMAT}`", 1)]
    if data.get("version") != VERSION:
        return [], [Problem(label, f"this app reads bundle version {VERSION}, not {data.get('version')!r}", data.get(LINE_KEY))]
    entries = data.get("articles")
    if not isinstance(entries, list) or not entries:
        return [], [Problem(label, "`articles` must list at least one article", data.get(LINE_KEY))]
    if limits is not None and (refusals := _too_large(entries, label, limits, data.get(LINE_KEY))):
        return [], refusals
    sources, seen = [], {}
    for entry in entries:
        line = entry.get(LINE_KEY) if isinstance(entry, dict) else None
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not IDENT.match(entry["id"]):
            problems.append(Problem(label, "each article needs an `id` of letters, digits, '.', '_' or '-'", line))
            continue
        if entry["id"] in seen:
            problems.append(Problem(label, f"duplicate article id {entry['id']!r} (first on line {seen[entry['id']]})", line))
            continue
        seen[entry["id"]] = line
        questions = entry.get("questions", [])
        if not isinstance(questions, list):
            problems.append(Problem(label, "`questions` must be a list", line))
            continue
        article = {key: value for key, value in entry.items() if key not in ("id", "questions")}
        sources.append(one_value_fields(ArticleSource(entry["id"], Path(label), article, questions, article_file=label, questions_file=label)))
    return sources, problems


def read_and_validate(text: str, label: str, limits: BundleLimits | None = None) -> tuple[list[Problem], list[ValidatedArticle]]:
    """Read a bundle and validate its articles: the costly part of an import (finding every
    evidence quote in its article), run by the web import through quiz.bounded."""
    sources, problems = read_bundle(text, label, limits)
    return problems, [validate_article(source) for source in sources]


def read_folder(path: Path) -> list[ArticleSource]:
    """Return the article folders at path (a questions/ folder, or one article folder)."""
    return [read_article_folder(folder) for folder in article_folders(path)]


def read_native(path: Path) -> tuple[list[ArticleSource], list[Problem]]:
    if path.is_dir():
        sources = read_folder(path)
        if not sources:
            return [], [Problem(str(path), f"no article folders (with {ARTICLE_FILE}) here")]
        return sources, []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [], [Problem(str(path), f"cannot read the file: {error}")]
    return read_bundle(text, str(path))


def import_native(
    session: Session,
    owner_id: int,
    sources: list[ArticleSource],
    problems: list[Problem],
    dry_run: bool = False,
    validated: list[ValidatedArticle] | None = None,
) -> ImportReport:
    """Import every article and question, or nothing when anything is wrong; validated, when
    given, is the sources' validation done already (see read_and_validate)."""
    if validated is None:
        validated = [validate_article(source) for source in sources]
    problems = list(problems) + [problem for article in validated for problem in article.problems]
    report = ImportReport()
    if problems:
        report.errors = [_problem_json(problem) for problem in problems]
        return report
    for article in validated:
        report.articles += 1
        report.imported += len(article.questions)
        report.by_kind.update(question.kind.value for question in article.questions)
    if dry_run:
        return report
    for article in validated:
        metadata = article.metadata | {"headline": article.metadata["headline"] or article.slug}
        created = create_article(session, owner_id, metadata, article.blocks, source="import")
        # Keep the bundle's article id when no article has it yet.
        if not session.scalar(select(exists().where(Article.slug == article.slug))):
            created.slug = article.slug
        for position, spec in enumerate(article.questions, start=1):
            question = Question(article=created, ident=spec.ident)
            apply_spec(question, spec, position)
            session.add(question)
    session.flush()
    return report

