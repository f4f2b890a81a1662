"""Validate an article folder of the bank and compute what loading needs: text, spans, anchors.

The loader, `check-bank` and (later) imports all go through `validate_article`, so a bank that
passes `check-bank` is exactly a bank that loads.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..articles.anchoring import AnchorError, Selector, locate
from ..articles.service import Layout
from ..articles.text import Block, BlockKind, Span, canonical_text, normalise, sentence_spans
from .files import LINE_KEY, ArticleSource, Problem
from .kinds import MAX_OPTIONS, MIN_OPTIONS, Kind, Status, Verdict
from .skills import SKILLS

IDENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
METADATA_KEYS = ("headline", "publisher", "author", "published", "url")
# Quotes one question may cite: each is looked for in the article, so a file must not ask for more.
MAX_EVIDENCE = 10
# A teacher note is a few sentences for discussing the answer with the class, not a lesson plan.
MAX_TEACHER_NOTE = 2000
COMMON_KEYS = {"id", "kind", "skill", "explanation", "teacher_note", "evidence", "status", LINE_KEY}
KIND_KEYS = {
    Kind.MULTIPLE_CHOICE: COMMON_KEYS | {"question", "options"},
    Kind.CLAIM: COMMON_KEYS | {"claim", "verdict"},
}
AUTHOR_STATUSES = (Status.PUBLISHED, Status.DRAFT)


@dataclass
class OptionSpec:
    text: str
    correct: bool
    feedback: str | None


@dataclass
class QuestionSpec:
    ident: str
    kind: Kind
    skill: str
    prompt: str
    explanation: str
    evidence: list[Selector]
    status: Status = Status.PUBLISHED
    verdict: Verdict | None = None
    options: list[OptionSpec] = field(default_factory=list)
    teacher_note: str | None = None
    line: int | None = None


@dataclass
class ValidatedArticle:
    slug: str
    metadata: dict[str, str | None]
    blocks: list[Block]
    text: str
    block_spans: list[Span]
    sentence_spans: list[Span]
    questions: list[QuestionSpec]
    problems: list[Problem]

    @property
    def layout(self) -> Layout:
        return Layout(self.blocks, self.text, self.block_spans, self.sentence_spans)

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.slug,
            "headline": self.metadata.get("headline"),
            "questions": len(self.questions),
            "by_kind": dict(Counter(q.kind.value for q in self.questions)),
            "by_verdict": dict(Counter(q.verdict.value for q in self.questions if q.verdict)),
            "by_skill": dict(Counter(q.skill for q in self.questions)),
        }


def _text(value: Any) -> str | None:
    """Return value as stripped text, or None when it is not a non-empty string."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _metadata(raw: dict, problem) -> dict[str, str | None]:
    metadata: dict[str, str | None] = {}
    for key in METADATA_KEYS:
        value = raw.get(key)
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        if value is not None and not _text(value):
            problem(f"`{key}` must be text, or null when the article does not say")
            value = None
        metadata[key] = _text(value)
    return metadata


def _blocks(raw: Any, problem) -> list[Block]:
    if not isinstance(raw, list) or not raw:
        problem("`blocks` must be a non-empty list of `- <kind>: <text>` items")
        return []
    blocks: list[Block] = []
    kinds = ", ".join(kind.value for kind in BlockKind)
    for item in raw:
        line = item.get(LINE_KEY) if isinstance(item, dict) else None
        entries = {k: v for k, v in item.items() if k != LINE_KEY} if isinstance(item, dict) else {}
        if len(entries) != 1:
            problem(f"each block is one `<kind>: <text>` pair (kinds: {kinds})", line)
            continue
        ((kind, text),) = entries.items()
        if kind not in BlockKind.__members__.values():
            problem(f"unknown block kind {kind!r} (kinds: {kinds})", line)
        elif not _text(text):
            problem(f"the {kind} block has no text", line)
        else:
            blocks.append(Block(BlockKind(kind), _text(text)))
    return blocks


def validate_article(source: ArticleSource) -> ValidatedArticle:
    """Check one article folder; every problem found is in the result's `problems`."""
    problems = list(source.problems)
    article_file = source.article_file
    questions_file = source.questions_file

    def article_problem(message: str, line: int | None = None) -> None:
        problems.append(Problem(article_file, message, line))

    raw = source.article if isinstance(source.article, dict) else None
    if source.article is not None and raw is None:
        article_problem("expected a mapping of metadata and `blocks`")
    raw = raw or {}
    unknown = set(raw) - set(METADATA_KEYS) - {"blocks", LINE_KEY}
    if unknown:
        article_problem(f"unknown key(s): {', '.join(sorted(unknown))}")
    metadata = _metadata(raw, article_problem)
    blocks = _blocks(raw.get("blocks"), article_problem) if raw else []
    text, block_spans = canonical_text(blocks)
    if metadata["headline"] is None:
        metadata["headline"] = next((b.text for b in blocks if b.kind is BlockKind.HEADLINE), None)
    sentences = sentence_spans(text, block_spans) if text else []

    questions: list[QuestionSpec] = []
    seen: dict[str, int | None] = {}
    for raw_question in source.questions:
        ident = raw_question.get("id") if isinstance(raw_question, dict) else None
        line = raw_question.get(LINE_KEY) if isinstance(raw_question, dict) else None
        if isinstance(ident, str) and ident in seen:
            message = f"duplicate id (first used on line {seen[ident]})"
            problems.append(Problem(questions_file, message, line, ident))
            continue
        if isinstance(ident, str):
            seen[ident] = line
        spec = validate_question(raw_question, text, questions_file, problems)
        if spec is not None:
            questions.append(spec)
    return ValidatedArticle(source.slug, metadata, blocks, text, block_spans, sentences, questions, problems)


def validate_question(
    raw: Any, text: str, file: str, problems: list[Problem], draft: bool = False
) -> QuestionSpec | None:
    """Return the question as a spec, or None after recording why it cannot be one.

    A draft may leave out what publishing needs (skill, explanation, evidence, feedback on wrong
    options); whatever it does give must still be right, and its quotes must be in the article.
    """
    if not isinstance(raw, dict):
        problems.append(Problem(file, "each question must be a mapping"))
        return None
    line = raw.get(LINE_KEY)
    ident = raw.get("id")
    ident_text = str(ident) if ident is not None else None
    count = len(problems)

    def problem(message: str) -> None:
        problems.append(Problem(file, message, line, ident_text))

    if not isinstance(ident, str) or not IDENT.match(ident):
        problem("`id` must be letters, digits, '.', '_' or '-' (at most 80), starting with a letter or digit")
    kind_value = raw.get("kind")
    if kind_value not in Kind.__members__.values():
        problem(f"`kind` must be one of: {', '.join(Kind)}")
        return None
    kind = Kind(kind_value)
    unknown = set(raw) - KIND_KEYS[kind]
    if unknown:
        problem(f"unknown key(s) for a {kind.value} question: {', '.join(sorted(map(str, unknown)))}")
    skill = raw.get("skill")
    if skill not in SKILLS and not (draft and not skill):
        problem(f"`skill` must be one of: {', '.join(SKILLS)}")
    explanation = _text(raw.get("explanation"))
    if explanation is None and not draft:
        problem("`explanation` is missing")
    teacher_note = _teacher_note(raw.get("teacher_note"), problem)
    status_value = raw.get("status", Status.PUBLISHED.value)
    if status_value not in [status.value for status in AUTHOR_STATUSES]:
        problem("`status` must be published or draft")

    prompt_key = "question" if kind is Kind.MULTIPLE_CHOICE else "claim"
    prompt = _text(raw.get(prompt_key))
    if prompt is None:
        problem(f"`{prompt_key}` is missing")

    options: list[OptionSpec] = []
    verdict: Verdict | None = None
    if kind is Kind.MULTIPLE_CHOICE:
        options = _options(raw.get("options"), problem, draft)
    else:
        verdict_value = raw.get("verdict")
        if verdict_value not in Verdict.__members__.values():
            problem(f"`verdict` must be one of: {', '.join(Verdict)}")
        else:
            verdict = Verdict(verdict_value)

    evidence = _evidence(raw.get("evidence"), text, problem, draft)
    if len(problems) > count:
        return None
    return QuestionSpec(
        ident=ident,
        kind=kind,
        skill=skill or "",
        prompt=prompt,
        explanation=explanation or "",
        evidence=evidence,
        status=Status(status_value),
        verdict=verdict,
        options=options,
        teacher_note=teacher_note,
        line=line,
    )


def _teacher_note(value: Any, problem) -> str | None:
    """Return the note as stored (Unix newlines, no outer blanks), None when there is none."""
    if value is None:
        return None
    if not isinstance(value, str):
        problem("`teacher_note` must be text (put it in quotes if it reads as a number, a date or true/false)")
        return None
    note = normalise(value).strip()
    if len(note) > MAX_TEACHER_NOTE:
        problem(f"`teacher_note` has {len(note):,} characters; a note may have at most {MAX_TEACHER_NOTE:,}")
        return None
    return note or None


def _options(raw: Any, problem, draft: bool = False) -> list[OptionSpec]:
    if not isinstance(raw, list) or not MIN_OPTIONS <= len(raw) <= MAX_OPTIONS:
        problem(f"`options` must list {MIN_OPTIONS} to {MAX_OPTIONS} options")
        return []
    options: list[OptionSpec] = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or _text(item.get("text")) is None:
            problem(f"option {number} needs a `text`")
            continue
        unknown = set(item) - {"text", "correct", "feedback", LINE_KEY}
        if unknown:
            problem(f"option {number} has unknown key(s): {', '.join(sorted(map(str, unknown)))}")
        correct = item.get("correct", False)
        if not isinstance(correct, bool):
            problem(f"option {number}: `correct` must be true or false")
            correct = False
        feedback = _text(item.get("feedback"))
        if not correct and feedback is None and not draft:
            problem(f"option {number} is wrong but has no `feedback` explaining the mistake")
        options.append(OptionSpec(_text(item["text"]), correct, feedback))
    if len(options) == len(raw):
        correct_count = sum(option.correct for option in options)
        if correct_count != 1:
            problem(f"exactly one option must be correct (found {correct_count})")
        texts = [option.text.casefold() for option in options]
        if len(set(texts)) != len(texts):
            problem("two options have the same text")
    return options


def _evidence(raw: Any, text: str, problem, draft: bool = False) -> list[Selector]:
    if draft and not raw:
        return []
    if not isinstance(raw, list) or not raw:
        problem("`evidence` must list at least one `- quote: ...` from the article")
        return []
    if len(raw) > MAX_EVIDENCE:
        problem(f"`evidence` lists {len(raw):,} quotes; a question cites at most {MAX_EVIDENCE}")
        return []
    selectors: list[Selector] = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("quote"), str):
            problem(f"evidence {number} needs a `quote`")
            continue
        unknown = set(item) - {"quote", "prefix", "suffix", LINE_KEY}
        if unknown:
            problem(f"evidence {number} has unknown key(s): {', '.join(sorted(map(str, unknown)))}")
        prefix, suffix = item.get("prefix", ""), item.get("suffix", "")
        if not isinstance(prefix, str) or not isinstance(suffix, str):
            problem(f"evidence {number}: `prefix` and `suffix` must be text")
            continue
        quote, prefix, suffix = (unicodedata.normalize("NFC", part) for part in (item["quote"], prefix, suffix))
        try:
            selectors.append(locate(text, quote, prefix, suffix))
        except AnchorError as error:
            problem(f"evidence {number}: {error}")
    return selectors
