"""Deal a round: which questions, in which order, with which option order."""

from __future__ import annotations

import random
from enum import StrEnum
from typing import Sequence

from ..bank.kinds import Kind, Verdict
from ..bank.models import Question


class RoundKind(StrEnum):
    MULTIPLE_CHOICE = "multiple_choice"
    CLAIMS = "claims"
    MIXED = "mixed"

    @property
    def label(self) -> str:
        return {"multiple_choice": "Multiple choice", "claims": "Claims", "mixed": "Mixed"}[self.value]

    @property
    def description(self) -> str:
        return {
            "multiple_choice": "Pick the one right answer; every wrong one tells you why.",
            "claims": "Decide whether the article supports a claim, contradicts it, or does not say, "
            "and point at the sentence that shows it.",
            "mixed": "Half multiple choice, half claims.",
        }[self.value]


def _claims_balanced(claims: Sequence[Question], count: int, rng: random.Random) -> list[Question]:
    """Take claims verdict by verdict in turn, so a round never leans on one verdict."""
    by_verdict: dict[str, list[Question]] = {verdict.value: [] for verdict in Verdict}
    for claim in claims:
        by_verdict[claim.verdict].append(claim)
    for group in by_verdict.values():
        rng.shuffle(group)
    order = list(by_verdict)
    rng.shuffle(order)
    chosen: list[Question] = []
    while len(chosen) < count and any(by_verdict.values()):
        for verdict in order:
            if by_verdict[verdict] and len(chosen) < count:
                chosen.append(by_verdict[verdict].pop())
    return chosen


def deal(questions: Sequence[Question], round_kind: RoundKind, size: int, rng: random.Random) -> list[Question]:
    """Choose and shuffle up to `size` questions of the round's kind."""
    multiple_choice = [q for q in questions if q.kind == Kind.MULTIPLE_CHOICE]
    claims = [q for q in questions if q.kind == Kind.CLAIM]
    if round_kind is RoundKind.MULTIPLE_CHOICE:
        chosen = rng.sample(multiple_choice, min(size, len(multiple_choice)))
    elif round_kind is RoundKind.CLAIMS:
        chosen = _claims_balanced(claims, size, rng)
    else:
        claim_count = min(len(claims), max(size // 2, size - len(multiple_choice)))
        chosen = _claims_balanced(claims, claim_count, rng)
        chosen += rng.sample(multiple_choice, min(size - len(chosen), len(multiple_choice)))
    rng.shuffle(chosen)
    return chosen


def available(questions: Sequence[Question], round_kind: RoundKind) -> int:
    """Return how many questions a round of this kind can draw on."""
    if round_kind is RoundKind.MULTIPLE_CHOICE:
        return sum(q.kind == Kind.MULTIPLE_CHOICE for q in questions)
    if round_kind is RoundKind.CLAIMS:
        return sum(q.kind == Kind.CLAIM for q in questions)
    return len(questions)
