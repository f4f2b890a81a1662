"""Grading and scoring: pure functions of the answer and the key, with no request in sight."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from .articles.anchoring import overlaps
from .articles.text import Span
from .bank.kinds import Kind, Verdict

FULL_POINTS = 100
# A claim with the right verdict but no sentence that shows it.
VERDICT_ONLY_POINTS = 50


@dataclass(frozen=True)
class Grade:
    points: int
    # Full credit: the right option, or the right verdict with evidence when evidence is needed.
    correct: bool
    verdict_correct: bool | None = None
    evidence_correct: bool | None = None


def grade_multiple_choice(chosen_option_id: int, correct_option_id: int) -> Grade:
    """Grade a multiple-choice answer: full points for the correct option, none otherwise."""
    correct = chosen_option_id == correct_option_id
    return Grade(points=FULL_POINTS if correct else 0, correct=correct)


def grade_claim(
    verdict: Verdict,
    evidence: Span | None,
    reference_verdict: Verdict,
    reference_evidence: Sequence[Span],
) -> Grade:
    """Grade a claim: full credit needs the right verdict and, when the verdict needs evidence,
    a picked sentence that overlaps the reference evidence; the right verdict alone earns part."""
    if verdict != reference_verdict:
        return Grade(points=0, correct=False, verdict_correct=False, evidence_correct=None)
    if not verdict.needs_evidence:
        return Grade(points=FULL_POINTS, correct=True, verdict_correct=True, evidence_correct=None)
    evidence_correct = evidence is not None and any(
        overlaps(evidence.start, evidence.end, span.start, span.end) for span in reference_evidence
    )
    points = FULL_POINTS if evidence_correct else VERDICT_ONLY_POINTS
    return Grade(points=points, correct=evidence_correct, verdict_correct=True, evidence_correct=evidence_correct)


@dataclass(frozen=True)
class Result:
    """What the round summary needs of one answered question."""

    kind: Kind
    grade: Grade
    reference_verdict: Verdict | None = None
    skill: str | None = None


@dataclass(frozen=True)
class Rate:
    right: int
    total: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.right / self.total) if self.total else None


@dataclass(frozen=True)
class RoundSummary:
    points: int
    max_points: int
    correct: int
    answered: int
    by_kind: dict[Kind, Rate]
    by_skill: dict[str, Rate]
    # Discernment: how well supported claims are told apart from the rest.
    supported: Rate
    unsupported: Rate


def summarise(results: Iterable[Result]) -> RoundSummary:
    """Sum up a round: points, full-credit answers per kind, and verdict accuracy on claims,
    supported claims apart from the others."""
    results = list(results)
    by_kind: dict[Kind, Rate] = {}
    for kind in Kind:
        of_kind = [result for result in results if result.kind is kind]
        if of_kind:
            by_kind[kind] = Rate(sum(result.grade.correct for result in of_kind), len(of_kind))
    by_skill: dict[str, Rate] = {}
    for skill in dict.fromkeys(result.skill for result in results if result.skill):
        of_skill = [result for result in results if result.skill == skill]
        by_skill[skill] = Rate(sum(result.grade.correct for result in of_skill), len(of_skill))
    claims = [result for result in results if result.kind is Kind.CLAIM]
    supported = [result for result in claims if result.reference_verdict is Verdict.SUPPORTED]
    others = [result for result in claims if result.reference_verdict is not Verdict.SUPPORTED]
    return RoundSummary(
        points=sum(result.grade.points for result in results),
        max_points=FULL_POINTS * len(results),
        correct=sum(result.grade.correct for result in results),
        answered=len(results),
        by_kind=by_kind,
        by_skill=by_skill,
        supported=Rate(sum(bool(result.grade.verdict_correct) for result in supported), len(supported)),
        unsupported=Rate(sum(bool(result.grade.verdict_correct) for result in others), len(others)),
    )


# Live games: bonuses the host may switch on. Accuracy points are reported apart from them.
STREAK_STEP = 10
STREAK_CAP = 50


def speed_points(points: int, elapsed_ms: int, limit_ms: int) -> int:
    """Apply Kahoot's published speed rule, points × (1 − (t/T)/2), with t clamped to [0, T]."""
    if limit_ms <= 0:
        return points
    ratio = min(max(elapsed_ms, 0), limit_ms) / limit_ms
    return round(points * (1 - ratio / 2))


def streak_bonus(streak: int) -> int:
    """Return the bonus for the streak-th fully right answer in a row: none for the first,
    STREAK_STEP more for each one after it, never more than STREAK_CAP."""
    return min(STREAK_CAP, STREAK_STEP * max(0, streak - 1))


def next_streak(previous_streak: int, correct: bool) -> int:
    """Return the streak after an answer: one longer when fully right, broken otherwise."""
    return previous_streak + 1 if correct else 0


def live_points(grade: Grade, elapsed_ms: int, limit_ms: int, streak: int, speed_bonus: bool, streak_on: bool) -> int:
    """Return the game points of an answer: accuracy points, timed when the speed bonus is on,
    plus the capped streak bonus when that is on and the answer is fully right."""
    points = speed_points(grade.points, elapsed_ms, limit_ms) if speed_bonus else grade.points
    if streak_on and grade.correct:
        points += streak_bonus(streak)
    return points
