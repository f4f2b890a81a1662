"""Check a player's response against a question's kind and grade it: shared by every mode."""

from __future__ import annotations

from dataclasses import dataclass

from .articles.models import Article, Sentence
from .articles.text import Span
from .bank.kinds import Kind, Verdict
from .bank.models import Question
from .scoring import Grade, grade_claim, grade_multiple_choice


class InvalidResponse(ValueError):
    """A response no honest form can send: an option or verdict that does not exist."""


class MissingResponse(ValueError):
    """A response with a required choice left out; the player can be asked again."""


@dataclass(frozen=True)
class Response:
    """What the player chose: a place in the shown option order, or a verdict and a sentence."""

    choice: int | None = None
    verdict: str | None = None
    sentence: int | None = None


@dataclass(frozen=True)
class Graded:
    grade: Grade
    option_id: int | None = None
    verdict: Verdict | None = None
    sentence: Sentence | None = None

    def same_as(self, option_id: int | None, verdict: str | None, sentence_position: int | None) -> bool:
        """Say whether this is the response already recorded as these fields."""
        return (
            self.option_id == option_id
            and (self.verdict.value if self.verdict else None) == verdict
            and (self.sentence.position if self.sentence else None) == sentence_position
        )


def grade_response(question: Question, option_order: list[int], article: Article, response: Response) -> Graded:
    """Check the response and grade it; raise InvalidResponse or MissingResponse when it cannot count."""
    if question.kind == Kind.MULTIPLE_CHOICE:
        if response.choice is None:
            raise MissingResponse("Choose one of the answers.")
        if not 1 <= response.choice <= len(option_order):
            raise InvalidResponse("That option is not one of this question's options.")
        option_id = option_order[response.choice - 1]
        return Graded(grade_multiple_choice(option_id, question.correct_option.id), option_id=option_id)

    if response.verdict is None:
        raise MissingResponse("Choose a verdict: supported, contradicted, or not in the article.")
    try:
        verdict = Verdict(response.verdict)
    except ValueError:
        raise InvalidResponse("That verdict is not one of the three this game uses.") from None
    sentence = None
    if verdict.needs_evidence:
        if response.sentence is None:
            raise MissingResponse("Pick the sentence of the article that shows your verdict.")
        sentence = article.sentence_at(response.sentence)
        if sentence is None:
            raise InvalidResponse("That sentence is not in this article.")
    grade = grade_claim(
        verdict,
        Span(sentence.start, sentence.end) if sentence else None,
        question.verdict_enum,
        [Span(evidence.start, evidence.end) for evidence in question.evidence],
    )
    return Graded(grade, verdict=verdict, sentence=sentence)
