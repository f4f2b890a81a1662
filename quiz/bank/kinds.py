"""Question kinds: what each one asks of its author and of the player, and how it is graded."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    MULTIPLE_CHOICE = "multiple_choice"
    CLAIM = "claim"


KIND_LABELS = {Kind.MULTIPLE_CHOICE: "Multiple choice", Kind.CLAIM: "Claim"}


class Verdict(StrEnum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    NOT_IN_ARTICLE = "not_in_article"

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self]

    @property
    def needs_evidence(self) -> bool:
        """Say whether the player must point at a sentence along with this verdict."""
        return self is not Verdict.NOT_IN_ARTICLE


VERDICT_LABELS = {
    Verdict.SUPPORTED: "Supported by the article",
    Verdict.CONTRADICTED: "Contradicted by the article",
    Verdict.NOT_IN_ARTICLE: "Not in the article",
}

MIN_OPTIONS = 3
MAX_OPTIONS = 5


class Status(StrEnum):
    PUBLISHED = "published"
    DRAFT = "draft"
    # An evidence anchor was lost when the article changed: out of play until an author fixes it.
    NEEDS_REVIEW = "needs_review"
    # Gone from the bank file; kept because earlier answers point at it.
    RETIRED = "retired"
