"""Reviewing suggested questions: make them for an article, filter them, and record what the
instructor decided (accept as a draft or published question, or reject).

An accepted suggestion is saved through the authoring service like any question the instructor
writes, so it passes the bank's validation or is not saved at all. Nothing of a suggestion is
kept but the decision: the generator gives the same suggestions for the same text, so the list
is made again on every page view (in a time-limited child process, see quiz/bounded.py) and
nothing lives in one worker's memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from .. import bounded
from ..articles.models import Article
from ..authoring import service
from ..bank.kinds import Status
from ..bank.models import Question
from .generator import suggest
from .model import ArticleText, Suggestion
from .models import Decision, SuggestionDecision
from .names import given_names


# What each rule does, in the words a teacher reads beside a suggestion (the rule's own name,
# hyphens as spaces, for any rule not listed). "attribution-restate", "numbers" and
# "missing-comment" are no longer offered; their labels stay for suggestions stored before.
RULE_LABELS = {
    "attribution-speaker": "who said it: the speaker the article names, against others it quotes",
    "attribution-restate": "a speaker's words restated in another reporting frame",
    "sourcing-outlet": "another outlet's report that the article relies on",
    "sourcing-unsourced": "a statement the article makes without a source",
    "sourcing-anonymous": "a source the article does not name",
    "sourcing-documents": "a report, study or data the article cites",
    "sourcing-quoted": "a source quoted in its own words, against one the reporter paraphrases",
    "sourcing-role": "who a quoted source is, as the article describes them",
    "unnamed-source": "a source the article does not name",
    "hedging": "a hedge word (reportedly, may, expects) kept or dropped",
    "hedging-forecast": "a forecast or a plan (\"is expected to\", \"hopes to\") reported as certain or not",
    "quote-paraphrase": "the article's quotation against its own words",
    "loaded-language": "a word that carries a judgement",
    "numbers": "a figure of the article, kept or changed",
    "count-absent": "an exact count where the article gives only a vague amount (\"several\", \"thousands\") or a bound (\"more than 100\")",
    "speaker-count": "how many spoke, where the article says only \"officials\" or \"residents\"",
    "exact-date": "an exact day where the article gives only \"last week\" or a month",
    "month-day": "a day of the month where the article gives only the month",
    "dates": "when it happened: a date the article gives or leaves out",
    "headline-body": "what the headline says against what the body says",
    "headline-cause": "a cause in the headline where the body reports a link",
    "headline-figure": "a figure the headline states flatly and the body qualifies",
    "headline-disputed": "one source's figure in the headline, disputed in the body",
    "headline-attributed": "what the headline states as fact and the body attributes",
    "headline-hedged": "what the headline states flatly and the body hedges",
    "headline-word": "a headline word stronger than the body's",
    "headline-scope": "the whole in the headline, a part in the body",
    "headline-pending": "what the headline reports as done and the body as still to come",
    "headline-backed": "whether the body backs what the headline says",
    "content-clutter": "what is article and what is page clutter",
    "missing-byline": "who wrote it: a byline the page lacks",
    "missing-response": "the response of the party the story criticises",
    "missing-reply": "a reply the article mentions but does not give",
    "missing-unsaid": "what someone declined to say or has not said",
    "missing-denial": "a word from someone accused or criticised, where the article has none",
    "missing-funder": "who paid for a study",
    "missing-study-source": "who carried out a study the article cites",
    "missing-figure-source": "where a figure comes from",
    "missing-name": "someone the story turns on but does not name",
    "missing-amount": "a sum the article calls undisclosed",
    "missing-reason": "why someone resigned or something was called off, where the article does not say",
    "missing-agent": "who did it, where the article does not say",
    "missing-comment": "a comment the article does not report",
    "lateral-reading": "what to check elsewhere, and where",
}


def rule_label(rule: str) -> str:
    """Return what a rule does, in plain words."""
    return RULE_LABELS.get(rule, rule.replace("-", " "))


class ReviewError(ValueError):
    """A decision that cannot be made; the message says why, and nothing was changed."""


def suggestions_for(article: Article) -> list[Suggestion]:
    """Return the generator's suggestions for a stored article.

    The article is read here, in this process (its blocks and sentences come from the database);
    the rules run in a child with the app's time limit. Raises bounded.WorkError when they take
    too long.
    """
    source = ArticleText.from_article(article)
    given_names()  # read once in this process (about 0.4 s), so that every forked child has them
    return bounded.run(suggest, source)


@dataclass(frozen=True)
class Filters:
    """The list's filters: a skill, a kind, and which suggestions (those to review, or those accepted or rejected)."""

    skill: str = ""
    kind: str = ""
    show: str = ""  # "" for the suggestions still to review, or a Decision

    def args(self) -> dict[str, str]:
        """The filters as query arguments, leaving out those not set."""
        return {name: value for name, value in vars(self).items() if value}

    def matches(self, suggestion: Suggestion, decision: SuggestionDecision | None) -> bool:
        state = decision.decision if decision else ""
        return (
            state == self.show
            and (not self.skill or suggestion.skill == self.skill)
            and (not self.kind or suggestion.kind == self.kind)
        )


def decisions(session: Session, article: Article) -> dict[str, SuggestionDecision]:
    rows = session.scalars(select(SuggestionDecision).where(SuggestionDecision.article_id == article.id))
    return {row.key: row for row in rows}


def like_existing(
    session: Session, article: Article, suggestions: list[Suggestion], decided: dict[str, SuggestionDecision]
) -> dict[str, str]:
    """Return, for each suggestion that asks what one of the article's questions asks already,
    that question's id (its ident): the same kind and nearly the same words, or the same kind and
    skill on the same evidence. A copied built-in article has 41 questions; its list offers only
    what is new. A question made from the suggestion itself is not counted."""
    made_from = {d.question_id for d in decided.values() if d.question_id}  # the article's decisions
    questions = [
        q for q in session.scalars(
            select(Question).where(Question.article_id == article.id, Question.status != Status.RETIRED).options(selectinload(Question.evidence))
        )
        if q.id not in made_from
    ]
    alike: dict[str, str] = {}
    for suggestion in suggestions:
        words = _plain(suggestion.text)
        quotes = {_plain(quote) for quote in suggestion.evidence}
        for question in questions:
            if question.kind != suggestion.kind:
                continue
            theirs = {_plain(e.exact) for e in question.evidence}
            same_words = fuzz.token_set_ratio(words, _plain(question.prompt)) >= 85
            same_evidence = question.skill == suggestion.skill and any(a in b or b in a for a in quotes for b in theirs if a and b)
            if same_words or same_evidence:
                alike[suggestion.key] = question.ident
                break
    return alike


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def find(suggestions: list[Suggestion], key: str) -> Suggestion:
    found = next((s for s in suggestions if s.key == key), None)
    if found is None:
        raise ReviewError(
            "There is no such suggestion for this article (its text may have changed since the list was shown). Nothing was changed."
        )
    return found


def undecided(session: Session, article: Article, key: str) -> None:
    """Refuse a second decision on one suggestion (a second tab, a double click)."""
    decision = session.scalar(
        select(SuggestionDecision).where(SuggestionDecision.article_id == article.id, SuggestionDecision.key == key)
    )
    if decision is None:
        return
    if decision.decision == Decision.REJECTED:
        raise ReviewError("That suggestion was rejected already. Undo the rejection first to accept it. Nothing was changed.")
    question = session.get(Question, decision.question_id) if decision.question_id else None
    became = f" as question {question.ident}" if question else ""
    raise ReviewError(f"That suggestion was accepted already{became}. Nothing was changed.")


def accept(
    session: Session, article: Article, suggestion: Suggestion, instructor_id: int, publish: bool, raw: dict | None = None
) -> Question:
    """Save the suggestion (or the instructor's edit of it, raw) as a question, and remember that it was accepted.

    raw is the bank's question format with its id; without it, the suggestion as it is. Raises
    ReviewError when it was decided already and AuthoringError when the question does not
    validate; either way nothing is saved.
    """
    undecided(session, article, suggestion.key)
    if raw is None:
        raw = suggestion.raw(service.next_ident(session, article))
    question = service.save_question(session, article, None, raw, publish)
    session.add(
        SuggestionDecision(
            article_id=article.id, key=suggestion.key, decision=Decision.ACCEPTED, question_id=question.id, instructor_id=instructor_id
        )
    )
    session.flush()
    return question


def reject(session: Session, article: Article, suggestion: Suggestion, instructor_id: int) -> None:
    undecided(session, article, suggestion.key)
    session.add(SuggestionDecision(article_id=article.id, key=suggestion.key, decision=Decision.REJECTED, instructor_id=instructor_id))
    session.flush()


def undo_rejection(session: Session, article: Article, key: str) -> None:
    """Offer a rejected suggestion again. An accepted one stays accepted: its question is the
    instructor's now, to change or delete on the article's page."""
    deleted = session.execute(
        delete(SuggestionDecision).where(
            SuggestionDecision.article_id == article.id,
            SuggestionDecision.key == key,
            SuggestionDecision.decision == Decision.REJECTED,
        )
    )
    if not deleted.rowcount:
        raise ReviewError("That suggestion is not rejected, so there is nothing to undo. Nothing was changed.")


def confidence_words(confidence: float) -> str:
    """How sure the rule is, as a teacher would say it. The rules' confidences lie between about
    0.55 (a plan read as a hedge) and 0.75 (a speaker the article names): the words split that range."""
    if confidence >= 0.72:
        return "high"
    if confidence >= 0.62:
        return "medium"
    return "low"
