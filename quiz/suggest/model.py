"""What the generator works on and what it proposes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..articles.text import Block, BlockKind, Span, blocks_from_plain_text, canonical_text, normalise, sentence_spans

# A byline line at the top of a pasted text: "By Jane Doe", "By Jane Doe and John Roe".
_BYLINE = re.compile(r"^by\s+([A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von|der))*)\s*$", re.IGNORECASE)
_MONTHS = "january february march april may june july august september october november december".split()
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
# A date line: "21 June 2018", "June 21, 2018", "2018-06-21", optionally after "Published" or "Updated".
_DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|posted)(?:\s+on)?:?\s+)?{_WEEKDAY}"
    rf"(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))"
    rf"(?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}\s*(?:am|pm|[A-Z]{{2,4}})?.*)?$",
    re.IGNORECASE,
)
# Lines looked at for a byline or a date: the first few of the text.
_HEAD_LINES = 6


@dataclass(frozen=True)
class ArticleText:
    """An article as the rules read it: metadata, blocks, canonical text and sentence spans.

    Built from a stored Article (`from_article`) or from a file (`from_text` / `from_html`), so
    the CLI can suggest for a file that is not in the database.
    """

    headline: str | None
    author: str | None
    publisher: str | None
    published: str | None
    blocks: list[Block]
    text: str
    block_spans: list[Span]
    sentences: list[Span]

    # --- builders --------------------------------------------------------------------------

    @classmethod
    def from_blocks(
        cls,
        blocks: list[Block],
        headline: str | None = None,
        author: str | None = None,
        publisher: str | None = None,
        published: str | None = None,
    ) -> ArticleText:
        """Lay out blocks as the bank does (canonical text, sentences by pysbd, bounded in time);
        the headline defaults to the headline block's text."""
        blocks = [Block(block.kind, normalise(block.text)) for block in blocks if normalise(block.text)]
        text, block_spans = canonical_text(blocks)
        sentences = sentence_spans(text, block_spans) if text else []
        if headline is None:
            headline = next((block.text for block in blocks if block.kind is BlockKind.HEADLINE), None)
        return cls(headline, author, publisher, published, blocks, text, block_spans, sentences)

    @classmethod
    def from_article(cls, article: Any) -> ArticleText:
        """Read a stored Article (quiz.articles.models): its own text, blocks and sentences."""
        text = article.text
        blocks = [Block(BlockKind(row.kind), text[row.start : row.end]) for row in article.blocks]
        block_spans = [Span(row.start, row.end) for row in article.blocks]
        sentences = [Span(row.start, row.end) for row in article.sentences]
        return cls(article.headline, article.author, article.publisher, article.published, blocks, text, block_spans, sentences)

    @classmethod
    def from_text(cls, text: str) -> ArticleText:
        """Read plain text as authoring does (blocks_from_plain_text); a "By Name" line near the
        top becomes the author and a date line the publication date, and neither stays a block."""
        lines = normalise(text).split("\n")
        author = published = None
        for number, line in enumerate(lines[:_HEAD_LINES]):
            stripped = line.strip()
            byline = _BYLINE.match(stripped)
            if author is None and byline and len(stripped) <= 80:
                author, lines[number] = byline.group(1).strip(), ""
                continue
            date = _DATE_LINE.match(stripped)
            if published is None and date:
                published, lines[number] = _iso_date(date) or stripped, ""
        return cls.from_blocks(blocks_from_plain_text("\n".join(lines)), author=author, published=published)

    @classmethod
    def from_html(cls, html: str | bytes, url: str | None = None) -> ArticleText:
        """Read a saved web page through authoring's extractor (quiz.authoring.extract)."""
        from ..authoring.extract import extract_html

        page = extract_html(html, url=url)
        return cls.from_blocks(page.blocks, headline=page.headline, author=page.byline, publisher=page.publisher, published=page.date)

    # --- reading -----------------------------------------------------------------------------

    def sentence_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def block_of(self, span: Span) -> Block:
        """Return the block a span of the text lies in."""
        for block, block_span in zip(self.blocks, self.block_spans):
            if block_span.start <= span.start < block_span.end:
                return block
        raise ValueError("span outside the article")

    def content_sentences(self) -> list[Span]:
        """Sentences that are the report itself: not clutter."""
        return [s for s in self.sentences if self.block_of(s).kind is not BlockKind.CLUTTER]


def _iso_date(match: re.Match) -> str | None:
    """Return a date line's date as YYYY-MM-DD, or None when it is no real date."""
    parts = match.groupdict()
    year = parts["y1"] or parts["y2"] or parts["y3"]
    day = parts["d1"] or parts["d2"] or parts["d3"]
    month_text = (parts["m1"] or parts["m2"] or "").lower().rstrip(".")
    month = int(parts["m3"]) if parts["m3"] else next((n for n, name in enumerate(_MONTHS, 1) if name.startswith(month_text[:3])), 0)
    try:
        return dt.date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


@dataclass
class Option:
    text: str
    correct: bool = False
    feedback: str | None = None


@dataclass
class Suggestion:
    """One proposed question, in the bank's terms.

    `key` is stable for the same article text (rule + what it is about), so a review decision
    (accepted, rejected) can be remembered and the same suggestion not offered again.
    """

    key: str
    rule: str
    kind: str  # "multiple_choice" or "claim"
    skill: str
    text: str  # the question, or the claim
    explanation: str
    evidence: list[str]  # exact quotes from the article's text, each occurring once (or with context below)
    confidence: float  # 0..1: how sure the rule is that the suggestion is right and worth asking
    verdict: str | None = None
    options: list[Option] = field(default_factory=list)
    teacher_note: str | None = None
    # Optional context for quotes that occur more than once: {quote: (prefix, suffix)}.
    context: dict[str, tuple[str, str]] = field(default_factory=dict)
    # What it tests (one sentence's speaker, one number, one clutter line): the generator keeps
    # one suggestion per fact. Neither this nor `position` is part of the bank's format.
    fact: str | None = None
    # Where in the article's text it is about, for listing suggestions in article order.
    position: int = 0

    def raw(self, ident: str | None = None) -> dict[str, Any]:
        """Return the suggestion in the bank's question format, for validate_question and the
        authoring service (which saves it as a draft or a published question)."""
        raw: dict[str, Any] = {"id": ident or self.key, "kind": self.kind, "skill": self.skill}
        if self.kind == "multiple_choice":
            raw["question"] = self.text
            raw["options"] = [
                {"text": o.text, **({"correct": True} if o.correct else {}), **({"feedback": o.feedback} if o.feedback else {})}
                for o in self.options
            ]
        else:
            raw["claim"] = self.text
            raw["verdict"] = self.verdict
        raw["explanation"] = self.explanation
        evidence = []
        for quote in self.evidence:
            entry: dict[str, Any] = {"quote": quote}
            if quote in self.context:
                entry["prefix"], entry["suffix"] = self.context[quote]
            evidence.append(entry)
        raw["evidence"] = evidence
        if self.teacher_note:
            raw["teacher_note"] = self.teacher_note
        return raw

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.key, "kind": self.kind, "skill": self.skill, "rule": self.rule, "text": self.text}
        if self.kind == "multiple_choice":
            data["options"] = [{"text": o.text, "correct": o.correct, "feedback": o.feedback} for o in self.options]
        else:
            data["verdict"] = self.verdict
        data |= {"evidence": list(self.evidence), "explanation": self.explanation, "confidence": round(self.confidence, 2)}
        return data
