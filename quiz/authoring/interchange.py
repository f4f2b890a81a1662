"""Moodle GIFT in and out, on top of the parser and writer in gift.py.

Out: a multiple-choice question as itself (per-answer feedback, the explanation as general
feedback); a claim as multiple choice over the three verdicts, the explanation as feedback. The
question id is the title, the article id the category, and the skill, evidence quotes and teacher
note ride along as comments so that a GIFT file written here comes back complete. Moodle has no
field for a note only the teacher sees, and ignores comments, so the note stays out of its quiz.
In: multiple choice (single answer) and true/false land as drafts on an article; a multiple choice
over exactly the three verdicts, and a true/false, become claims. Their evidence still has to be
picked before they can be published.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..articles.models import Article
from ..bank.files import Problem
from ..bank.kinds import Kind, Status, Verdict
from ..bank.models import Question
from ..bank.sync import apply_spec
from ..bank.validate import IDENT, validate_question
from . import gift
from .native import ImportReport

SKILL_COMMENT = "skill:"
EVIDENCE_COMMENT = "evidence:"
# One comment per line of the note: a GIFT comment ends with its line.
TEACHER_NOTE_COMMENT = "teacher_note:"


def _comments(comments: list[str], mark: str) -> list[str]:
    """Return what the comments that start with mark say after it, in order."""
    return [c.split(":", 1)[1].strip() for c in comments if c.lower().startswith(mark)]


def export_gift(questions: list[Question]) -> str:
    items = []
    for question in questions:
        comments = [f"{SKILL_COMMENT} {question.skill}"] if question.skill else []
        comments += [f"{EVIDENCE_COMMENT} {evidence.exact}" for evidence in question.evidence]
        if question.teacher_note:
            comments += [f"{TEACHER_NOTE_COMMENT} {line}".rstrip() for line in question.teacher_note.split("\n")]
        if question.kind == Kind.MULTIPLE_CHOICE:
            answers = [gift.GiftAnswer(o.text, o.correct, o.feedback) for o in question.options]
        else:
            answers = [gift.GiftAnswer(v.label, v.value == question.verdict, None) for v in Verdict]
        items.append(
            gift.GiftQuestion(
                line=0,
                kind="multiple_choice",
                text=question.prompt,
                title=question.ident,
                category=question.article.slug,
                answers=answers,
                general_feedback=question.explanation or None,
                comments=comments,
            )
        )
    return gift.dump(items)


def _verdict_of(item: gift.GiftQuestion) -> Verdict | None:
    """Return the verdict when a multiple-choice item is a claim exported as the three verdicts."""
    labels = {v.label.casefold(): v for v in Verdict}
    if item.kind != "multiple_choice" or len(item.answers) != 3:
        return None
    if {a.text.casefold() for a in item.answers} != set(labels):
        return None
    return next(labels[a.text.casefold()] for a in item.answers if a.correct)


def _raw(item: gift.GiftQuestion, ident: str) -> dict[str, Any]:
    """Return the GIFT item in the bank's format, for the bank's own validation."""
    raw: dict[str, Any] = {"id": ident}
    skill = next(iter(_comments(item.comments, SKILL_COMMENT)), None)
    if skill:
        raw["skill"] = skill
    quotes = _comments(item.comments, EVIDENCE_COMMENT)
    if quotes:
        raw["evidence"] = [{"quote": quote} for quote in quotes]
    note = "\n".join(_comments(item.comments, TEACHER_NOTE_COMMENT))
    if note.strip():
        raw["teacher_note"] = note
    verdict = _verdict_of(item)
    if item.kind == "true_false":
        raw |= {"kind": "claim", "claim": item.text, "verdict": (Verdict.SUPPORTED if item.truth else Verdict.CONTRADICTED).value}
        explanation = item.general_feedback or (item.feedback_if_right if item.truth else item.feedback_if_wrong)
    elif verdict is not None:
        raw |= {"kind": "claim", "claim": item.text, "verdict": verdict.value}
        explanation = item.general_feedback
    else:
        raw |= {"kind": "multiple_choice", "question": item.text}
        raw["options"] = [
            {"text": a.text, "correct": a.correct, **({"feedback": a.feedback} if a.feedback else {})} for a in item.answers
        ]
        explanation = item.general_feedback
    if explanation:
        raw["explanation"] = explanation
    return raw


def import_gift(
    session: Session,
    owner_id: int,
    text: str,
    article: Article | None = None,
    skip_unsupported: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Import GIFT questions as drafts, all or nothing; every error names its line."""
    document = gift.parse(text)
    report = ImportReport()
    errors = [{"line": p.line, "message": p.message} for p in document.problems]
    for item in document.unsupported:
        entry = {"line": item.line, "kind": item.kind, "title": item.title}
        if skip_unsupported:
            report.skipped.append(entry)
        else:
            errors.append({"line": item.line, "message": f"{item.kind} questions cannot be imported; confirm to skip them"})
    mine = {a.slug: a for a in session.scalars(select(Article).where(Article.owner_id == owner_id))}
    taken: dict[int, set[str]] = {}
    next_number: dict[int, int] = {}  # per article, where the search for a free "q<n>" resumes
    seen_titles: dict[str, int] = {}
    planned: list[tuple[Article, Any]] = []
    for item in document.questions:
        target = article or mine.get((item.category or "").rsplit("/", 1)[-1].strip())
        if target is None:
            errors.append({"line": item.line, "message": "no article of yours to attach this question to: choose one (or name it in $CATEGORY)"})
            continue
        if target.id not in taken:
            taken[target.id] = set(session.scalars(select(Question.ident).where(Question.article_id == target.id)))
        ident = item.title if item.title and IDENT.match(item.title) else None
        if ident and ident in seen_titles:
            errors.append({"line": item.line, "message": f"duplicate id {ident!r} (first on line {seen_titles[ident]})"})
            continue
        if ident:
            seen_titles[ident] = item.line
        if not ident or ident in taken[target.id]:
            ident, next_number[target.id] = _fresh_ident(taken[target.id], next_number.get(target.id, 1))
        taken[target.id].add(ident)
        problems: list[Problem] = []
        spec = validate_question(_raw(item, ident), target.text, "gift", problems, draft=True)
        if spec is None:
            errors += [{"line": item.line, "message": p.message} for p in problems]
            continue
        spec.status = Status.DRAFT
        planned.append((target, spec))
        report.by_kind[spec.kind.value] += 1
    if errors:
        report.errors = sorted(errors, key=lambda e: e["line"] or 0)
        report.by_kind.clear()
        return report
    report.imported = len(planned)
    if dry_run:
        return report
    for target, spec in planned:
        position = _next_position(session, target)
        question = Question(article=target, ident=spec.ident)
        apply_spec(question, spec, position=position)
        session.add(question)
        session.flush()
    return report


def _fresh_ident(taken: set[str], number: int = 1) -> tuple[str, int]:
    """Return the first free "q<n>" from number on, and where the next search may start.

    Idents are only ever added to taken, so no number below the one found frees up again: each
    search resumes where the last ended, and n untitled questions cost n steps, not n squared.
    """
    while f"q{number}" in taken:
        number += 1
    return f"q{number}", number + 1


def _next_position(session: Session, article: Article) -> int:
    from sqlalchemy import func

    return (session.scalar(select(func.max(Question.position)).where(Question.article_id == article.id)) or 0) + 1
