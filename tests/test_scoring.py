"""Grading and the round summary are pure functions: no app, no database."""

from quiz.articles.text import Span
from quiz.bank.kinds import Kind, Verdict
from quiz.scoring import (
    FULL_POINTS,
    VERDICT_ONLY_POINTS,
    Grade,
    Rate,
    Result,
    grade_claim,
    grade_multiple_choice,
    summarise,
)

EVIDENCE = [Span(100, 140), Span(300, 320)]


def test_multiple_choice_right_and_wrong():
    assert grade_multiple_choice(7, 7) == Grade(points=FULL_POINTS, correct=True)
    assert grade_multiple_choice(8, 7) == Grade(points=0, correct=False)


def test_claim_with_right_verdict_and_overlapping_sentence_gets_full_credit():
    grade = grade_claim(Verdict.SUPPORTED, Span(90, 101), Verdict.SUPPORTED, EVIDENCE)
    assert grade == Grade(FULL_POINTS, True, verdict_correct=True, evidence_correct=True)


def test_claim_evidence_may_overlap_any_reference_span():
    grade = grade_claim(Verdict.CONTRADICTED, Span(310, 400), Verdict.CONTRADICTED, EVIDENCE)
    assert grade.correct and grade.points == FULL_POINTS


def test_touching_is_not_overlapping():
    grade = grade_claim(Verdict.SUPPORTED, Span(140, 200), Verdict.SUPPORTED, EVIDENCE)
    assert grade == Grade(VERDICT_ONLY_POINTS, False, verdict_correct=True, evidence_correct=False)


def test_claim_with_right_verdict_and_no_sentence_gets_partial_credit():
    grade = grade_claim(Verdict.SUPPORTED, None, Verdict.SUPPORTED, EVIDENCE)
    assert grade.points == VERDICT_ONLY_POINTS and not grade.correct and grade.evidence_correct is False


def test_claim_with_wrong_verdict_gets_nothing_even_with_the_right_sentence():
    grade = grade_claim(Verdict.SUPPORTED, Span(100, 140), Verdict.CONTRADICTED, EVIDENCE)
    assert grade == Grade(0, False, verdict_correct=False, evidence_correct=None)


def test_not_in_the_article_needs_no_evidence():
    grade = grade_claim(Verdict.NOT_IN_ARTICLE, None, Verdict.NOT_IN_ARTICLE, EVIDENCE)
    assert grade == Grade(FULL_POINTS, True, verdict_correct=True, evidence_correct=None)


def test_summary_counts_points_kinds_and_discernment():
    results = [
        Result(Kind.MULTIPLE_CHOICE, grade_multiple_choice(1, 1), skill="hedging"),
        Result(Kind.MULTIPLE_CHOICE, grade_multiple_choice(2, 1), skill="hedging"),
        Result(Kind.CLAIM, grade_claim(Verdict.SUPPORTED, Span(100, 110), Verdict.SUPPORTED, EVIDENCE), Verdict.SUPPORTED),
        Result(Kind.CLAIM, grade_claim(Verdict.SUPPORTED, None, Verdict.SUPPORTED, EVIDENCE), Verdict.SUPPORTED),
        Result(Kind.CLAIM, grade_claim(Verdict.SUPPORTED, None, Verdict.NOT_IN_ARTICLE, EVIDENCE), Verdict.NOT_IN_ARTICLE),
        Result(Kind.CLAIM, grade_claim(Verdict.CONTRADICTED, Span(300, 301), Verdict.CONTRADICTED, EVIDENCE), Verdict.CONTRADICTED),
    ]
    summary = summarise(results)
    assert summary.points == 100 + 0 + 100 + 50 + 0 + 100
    assert summary.max_points == 600
    assert summary.correct == 3
    assert summary.by_kind[Kind.MULTIPLE_CHOICE].right == 1 and summary.by_kind[Kind.MULTIPLE_CHOICE].total == 2
    assert (summary.by_kind[Kind.CLAIM].right, summary.by_kind[Kind.CLAIM].total) == (2, 4)
    # Discernment counts verdicts: both supported claims were judged supported, 1 of the 2 others right.
    assert (summary.supported.right, summary.supported.total, summary.supported.percent) == (2, 2, 100)
    assert (summary.unsupported.right, summary.unsupported.total, summary.unsupported.percent) == (1, 2, 50)
    assert summary.by_skill == {"hedging": Rate(1, 2)}


def test_summary_of_nothing():
    summary = summarise([])
    assert summary.points == summary.max_points == 0
    assert summary.by_kind == {}
    assert summary.supported.percent is None
