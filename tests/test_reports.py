"""Results a teacher grades with (quiz/reports.py): pure functions of questions and answer records."""

from __future__ import annotations

import csv
import io

import pytest

from quiz.bank.kinds import Kind, Verdict
from quiz.reports import (
    HARD_FLAG,
    NEGATIVE_FLAG,
    NO_ANSWER,
    NOT_PLAYED,
    AnswerRecord,
    OptionInfo,
    QuestionInfo,
    StudentInfo,
    build_report,
    csv_bytes,
    discernment,
    played_positions,
    point_biserial,
    question_report,
    questions_table,
    report_json,
    results_table,
    spreadsheet_safe,
    student_report,
    xlsx_bytes,
)
from quiz.scoring import Rate


def mc(position: int, skill: str = "sourcing", right: int = 2) -> QuestionInfo:
    options = tuple(OptionInfo(f"Option {n}", n == right) for n in range(1, 5))
    return QuestionInfo(position, 100 + position, f"mc-{position}", f"Question {position}?", Kind.MULTIPLE_CHOICE, skill, None, options)


def claim(position: int, verdict: Verdict, skill: str = "attribution") -> QuestionInfo:
    return QuestionInfo(position, 100 + position, f"claim-{position}", f"Claim {position}.", Kind.CLAIM, skill, verdict)


def picked(student: str, position: int, choice: int, right: bool, ms: int = 1000) -> AnswerRecord:
    return AnswerRecord(student, position, choice=choice, correct=right, accuracy_points=100 if right else 0, elapsed_ms=ms)


def judged(student: str, question: QuestionInfo, verdict: Verdict, sentence_right: bool = True, ms: int = 1000) -> AnswerRecord:
    verdict_right = verdict == question.verdict
    correct = verdict_right and (sentence_right or not verdict.needs_evidence)
    points = 100 if correct else (50 if verdict_right else 0)
    sentence = 3 if verdict.needs_evidence else None
    return AnswerRecord(student, question.position, verdict=verdict, sentence=sentence, correct=correct, accuracy_points=points, elapsed_ms=ms)


ADA = StudentInfo("1", "Ada", rank=1, points=300)
BEN = StudentInfo("2", "Ben", rank=2, points=100)


# --------------------------------------------------------------------------------------------
# Which questions were played


@pytest.mark.parametrize(
    ("phase", "position", "expected"),
    [
        ("lobby", 0, set()),
        ("reading", 0, set()),
        ("question", 1, set()),
        ("question", 5, {1, 2, 3, 4}),
        ("reveal", 5, {1, 2, 3, 4, 5}),
        ("leaderboard", 5, {1, 2, 3, 4, 5}),
        ("ended", 4, {1, 2, 3, 4}),
        ("ended", 0, set()),
        ("ended", 12, set(range(1, 11))),
    ],
)
def test_played_questions_are_the_opened_and_closed_ones(phase, position, expected):
    assert played_positions(phase, position, 10) == frozenset(expected)


# --------------------------------------------------------------------------------------------
# Per student


def test_accuracy_counts_only_the_played_questions():
    questions = [mc(n) for n in range(1, 11)]
    # Three right, the fourth unanswered, an answer to the open fifth that does not count yet.
    answers = [picked("1", n, 2, True) for n in (1, 2, 3)] + [picked("1", 5, 2, True)]
    report = student_report(ADA, questions, answers, played_positions("question", 5, 10))
    assert (report.accuracy.right, report.accuracy.total, report.accuracy.percent) == (3, 4, 75)
    assert report.accuracy_points == 300 and report.answered == 3
    assert sorted(report.answers) == [1, 2, 3]


def test_accuracy_with_nothing_played_is_unknown_not_zero():
    report = student_report(ADA, [mc(1)], [], frozenset())
    assert report.accuracy.total == 0 and report.accuracy.percent is None
    assert report.by_skill == {} and report.discernment is None


def test_discernment_is_supported_judged_supported_minus_others_judged_supported():
    s1, s2 = claim(1, Verdict.SUPPORTED), claim(2, Verdict.SUPPORTED)
    c3, n4 = claim(3, Verdict.CONTRADICTED), claim(4, Verdict.NOT_IN_ARTICLE)
    claims = [s1, s2, c3, n4]

    def of(*records):
        return {record.position: record for record in records}

    perfect = of(judged("1", s1, Verdict.SUPPORTED), judged("1", s2, Verdict.SUPPORTED),
                 judged("1", c3, Verdict.CONTRADICTED), judged("1", n4, Verdict.NOT_IN_ARTICLE))
    assert discernment(claims, perfect) == 1.0
    # Says "supported" to everything: no discernment at all, though half the verdicts are right.
    credulous = of(*(judged("1", q, Verdict.SUPPORTED) for q in claims))
    assert discernment(claims, credulous) == 0.0
    # 1 of 2 supported judged supported, 1 of 2 others judged supported; the sentence does not matter.
    mixed = of(judged("1", s1, Verdict.SUPPORTED, sentence_right=False), judged("1", s2, Verdict.CONTRADICTED),
               judged("1", c3, Verdict.SUPPORTED), judged("1", n4, Verdict.NOT_IN_ARTICLE))
    assert discernment(claims, mixed) == 0.0
    # Unanswered claims were not judged supported.
    sparse = of(judged("1", s1, Verdict.SUPPORTED))
    assert discernment(claims, sparse) == 0.5
    assert discernment(claims, {}) == 0.0


def test_discernment_needs_both_groups_among_the_played_claims():
    s1, c2 = claim(1, Verdict.SUPPORTED), claim(2, Verdict.CONTRADICTED)
    answers = [judged("1", s1, Verdict.SUPPORTED), judged("1", c2, Verdict.SUPPORTED)]
    assert discernment([s1], {1: answers[0]}) is None
    assert discernment([c2], {2: answers[1]}) is None
    # c2 not played yet: only supported claims count, so no discernment; once played, -1 + 1 = 0.
    assert student_report(ADA, [s1, c2], answers, frozenset({1})).discernment is None
    both = student_report(ADA, [s1, c2], answers, frozenset({1, 2}))
    assert both.discernment == 0.0 and both.discernment_points == 0
    right = student_report(ADA, [s1, c2], [answers[0], judged("1", c2, Verdict.CONTRADICTED)], frozenset({1, 2}))
    assert right.discernment_points == 100
    # Multiple choice questions have nothing to do with it.
    assert student_report(ADA, [mc(1)], [picked("1", 1, 2, True)], frozenset({1})).discernment is None


def test_accuracy_by_skill_over_played_questions_in_question_order():
    questions = [mc(1, "numbers"), mc(2, "sourcing"), mc(3, "numbers"), mc(4, "dates")]
    answers = [picked("1", 1, 2, True), picked("1", 2, 1, False), picked("1", 3, 2, True), picked("1", 4, 2, True)]
    report = student_report(ADA, questions, answers, frozenset({1, 2, 3}))
    assert list(report.by_skill) == ["numbers", "sourcing"]
    assert [(r.right, r.total, r.percent) for r in report.by_skill.values()] == [(2, 2, 100), (0, 1, 0)]


# --------------------------------------------------------------------------------------------
# Per question


def test_distribution_follows_the_option_order_and_counts_players_in_the_game():
    question = mc(1, right=3)
    removed = StudentInfo("3", "Cy", in_game=False)
    answers = [picked("1", 1, 3, True), picked("2", 1, 1, False), picked("3", 1, 1, False), picked("1", 2, 4, False)]
    report = question_report(question, [ADA, BEN, removed, StudentInfo("4", "Di")], answers, played=True)
    assert [(t.value, t.text, t.count, t.correct) for t in report.distribution] == [
        (1, "Option 1", 1, False), (2, "Option 2", 0, False), (3, "Option 3", 1, True), (4, "Option 4", 0, False),
    ]
    # Di did not answer and counts; Cy was removed and does not.
    assert (report.players, report.answered, report.right.right, report.right.total, report.right.percent) == (3, 2, 1, 3, 33)
    assert report.verdict_right is None and report.evidence_found is None


def test_claims_count_verdicts_and_evidence_found_among_right_verdicts():
    question = claim(1, Verdict.CONTRADICTED)
    students = [StudentInfo(str(n), f"P{n}") for n in range(1, 6)]
    answers = [
        judged("1", question, Verdict.CONTRADICTED),
        judged("2", question, Verdict.CONTRADICTED, sentence_right=False),
        judged("3", question, Verdict.CONTRADICTED),
        judged("4", question, Verdict.SUPPORTED),
    ]
    report = question_report(question, students, answers, played=True)
    assert [(t.value, t.count, t.correct) for t in report.distribution] == [
        ("supported", 1, False), ("contradicted", 3, True), ("not_in_article", 0, False),
    ]
    assert (report.verdict_right, report.evidence_found) == (3, 2)
    assert (report.right.right, report.right.total) == (2, 5)
    # A claim the article does not make needs no sentence: nothing to count.
    absent = claim(2, Verdict.NOT_IN_ARTICLE)
    report = question_report(absent, students, [judged("1", absent, Verdict.NOT_IN_ARTICLE)], played=True)
    assert report.evidence_found is None and report.right.right == 1


def test_median_answer_time():
    question = mc(1)
    students = [StudentInfo(str(n), f"P{n}") for n in range(1, 5)]
    times = [picked("1", 1, 2, True, 4000), picked("2", 1, 2, True, 1000), picked("3", 1, 1, False, 9000)]
    assert question_report(question, students, times, True).median_ms == 4000
    assert question_report(question, students, [*times, picked("4", 1, 2, True, 2000)], True).median_ms == 3000
    assert question_report(question, students, [], True).median_ms is None


@pytest.mark.parametrize(
    ("right", "players", "flagged"),
    [(1, 6, True), (0, 3, True), (2, 10, False), (1, 5, False), (2, 7, False), (1, 3, False), (0, 0, False)],
)
def test_questions_fewer_than_20_percent_got_right_are_flagged(right, players, flagged):
    question = mc(1)
    students = [StudentInfo(str(n), f"P{n}") for n in range(players)]
    answers = [picked(str(n), 1, 2, n < right) for n in range(players)]
    assert question_report(question, students, answers, played=True).flagged is flagged


def test_an_unplayed_question_has_no_figures_and_no_flag():
    report = question_report(mc(1), [ADA], [picked("1", 1, 2, True)], played=False)
    assert report.played is False and report.flagged is False and report.distribution == () and report.median_ms is None


# --------------------------------------------------------------------------------------------
# Tables and downloads


def small_report():
    questions = [mc(1), claim(2, Verdict.SUPPORTED), mc(3)]
    formula = StudentInfo("3", "=cmd()", rank=None, points=0, in_game=False)
    answers = [picked("1", 1, 2, True), judged("1", questions[1], Verdict.SUPPORTED), picked("2", 1, 1, False)]
    return build_report(questions, [ADA, BEN, formula], answers, played_positions("ended", 2, 3))


def test_results_table_says_not_played_and_no_answer_and_leaves_missing_values_empty():
    header, rows = results_table(small_report())
    assert header[:8] == [
        "Nickname", "Rank", "Accuracy over played questions (%)", "Fully right", "Questions played",
        "Accuracy points", "Game points", "Discernment on claims (-100 to 100)",
    ]
    assert header[8] == "Time spent (s)"
    assert header[9:11] == ["Accuracy on Sourcing (%)", "Accuracy on Attribution (%)"]
    assert header[11:] == [
        "Q1: Question 1? [mc-1] answer", "Q1: Question 1? [mc-1] result",
        "Q2: Claim 2. [claim-2] answer", "Q2: Claim 2. [claim-2] result",
        "Q3: Question 3? [mc-3] answer", "Q3: Question 3? [mc-3] result",
    ]
    ada, ben, formula = rows
    assert ada == ["Ada", 1, 100, 2, 2, 200, 300, "", 2, 100, 100,
                   "Option 2", "right", "Supported by the article (sentence 3)", "right", NOT_PLAYED, NOT_PLAYED]
    assert ben[:5] == ["Ben", 2, 0, 0, 2] and ben[11:] == ["Option 1", "wrong", NO_ANSWER, NO_ANSWER, NOT_PLAYED, NOT_PLAYED]
    assert formula[:2] == ["=cmd() (removed)", ""]


def test_questions_table():
    header, rows = questions_table(small_report())
    figures = dict(zip(header, rows[0]))
    assert figures["Question"] == "Q1" and figures["Id"] == "mc-1" and figures["Kind"] == "Multiple choice"
    # Ada right, Ben wrong; the removed player does not count.
    assert (figures["Players"], figures["Fully right"], figures["Right (%)"]) == (2, 1, 50)
    assert figures["Answers chosen"] == "Option 1: 1; Option 2 (right answer): 1; Option 3: 0; Option 4: 0"
    assert figures["Median time (s)"] == 1.0 and figures["Flag"] == ""
    claim_row = dict(zip(header, rows[1]))
    assert (claim_row["Right verdict"], claim_row["Right verdict and evidence"]) == (1, 1)
    assert dict(zip(header, rows[2]))["Played"] == NOT_PLAYED


@pytest.mark.parametrize(
    ("cell", "safe"),
    [("=cmd()", "'=cmd()"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
     ("", ""), ("Ada", "Ada"), (-5, -5), (None, None)],
)
def test_spreadsheet_safe(cell, safe):
    assert spreadsheet_safe(cell) == safe


def test_csv_has_a_byte_order_mark_and_no_lone_apostrophes():
    header, rows = results_table(small_report())
    body = csv_bytes(header, rows)
    assert body.startswith(b"\xef\xbb\xbf")
    read = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert read[0] == header
    assert all(cell != "'" for row in read for cell in row)
    assert read[3][:2] == ["'=cmd() (removed)", ""]


def test_xlsx_agrees_with_the_csv_and_holds_no_formulas():
    from openpyxl import load_workbook

    report = small_report()
    header, rows = results_table(report)
    body = xlsx_bytes([("Results", header, rows), ("Questions", *questions_table(report))])
    book = load_workbook(io.BytesIO(body))
    assert book.sheetnames == ["Results", "Questions"]
    values = [["" if v is None else v for v in row] for row in book["Results"].iter_rows(values_only=True)]
    from_csv = list(csv.reader(io.StringIO(csv_bytes(header, rows).decode("utf-8-sig"))))
    assert [[str(v) for v in row] for row in values] == from_csv
    assert all(cell.data_type != "f" for row in book["Results"].iter_rows() for cell in row)
    assert book["Questions"]["A2"].value == "Q1"
    assert HARD_FLAG.startswith("Fewer than 20% right")


# --------------------------------------------------------------------------------------------
# Discrimination, time spent and the class's accuracy by skill, on a hand-computed fixture


def item_analysis_report():
    """Four players in the game (A, B, C, D) and one removed (E, right on everything, left out);
    questions 1 and 2 on sourcing, 3 on attribution, 4 not played.

        right on     Q1  Q2  Q3   total   answer times (ms)
        A             1   1   0     2     1000 + 2000 + 3000 = 6000 (and 9999 on unplayed Q4)
        B             1   0   1     2     1000 each: 3000
        C             0   0   1     1     1000 each: 3000
        D             0   0   -     0     500 + 500 = 1000 (no answer to Q3)
    """
    questions = [mc(1), mc(2), mc(3, skill="attribution"), mc(4)]
    a, b, c, d = (StudentInfo(key, key) for key in "ABCD")
    e = StudentInfo("E", "E", in_game=False)
    answers = [
        picked("A", 1, 2, True, 1000), picked("A", 2, 2, True, 2000), picked("A", 3, 1, False, 3000), picked("A", 4, 2, True, 9999),
        picked("B", 1, 2, True), picked("B", 2, 1, False), picked("B", 3, 2, True),
        picked("C", 1, 1, False), picked("C", 2, 1, False), picked("C", 3, 2, True),
        picked("D", 1, 1, False, 500), picked("D", 2, 1, False, 500),
        *(picked("E", n, 2, True) for n in range(1, 4)),
    ]
    return build_report(questions, [a, b, c, d, e], answers, frozenset({1, 2, 3}))


def test_discrimination_is_the_point_biserial_with_the_rest_score():
    # r_pb = (M1 - M0) / s * sqrt(p q), s the population SD of the rest scores (total minus this question).
    # Q1: right (A, B), wrong (C, D); rest scores A 1, B 1, C 1, D 0. M1 = 1, M0 = 0.5, p = q = 1/2,
    #     mean 0.75, s^2 = (1 + 1 + 1 + 0)/4 - 0.75^2 = 0.1875, s = 0.4330: r = 0.5 / 0.4330 * 0.5 = 0.5774 (1/sqrt 3).
    # Q2: right A only; rest A 1, B 2, C 1, D 0. M1 = 1, M0 = (2 + 1 + 0)/3 = 1: r = 0.
    # Q3: right (B, C), wrong (A, D); rest A 2, B 1, C 0, D 0. M1 = 0.5, M0 = 1, p = q = 1/2,
    #     mean 0.75, s^2 = (4 + 1)/4 - 0.5625 = 0.6875, s = 0.8292: r = -0.5 / 0.8292 * 0.5 = -0.3015 (-1/sqrt 11).
    q1, q2, q3, q4 = item_analysis_report().questions
    assert q1.discrimination == pytest.approx(1 / 3 ** 0.5)
    assert q2.discrimination == pytest.approx(0)
    assert q3.discrimination == pytest.approx(-1 / 11 ** 0.5)
    assert q4.played is False and q4.discrimination is None


def test_flags_under_20_percent_right_or_negative_discrimination():
    q1, q2, q3, q4 = item_analysis_report().questions
    assert q1.flags == () and not q1.flagged
    # Q2: 1 of 4 right (25%, not under 20%), discrimination 0: not flagged.
    assert q2.flags == ()
    # Q3: 2 of 4 right, but the stronger players got it wrong.
    assert q3.flags == (NEGATIVE_FLAG,) and "check the key or the wording" in NEGATIVE_FLAG
    assert q4.flags == ()


@pytest.mark.parametrize(
    ("right", "scores"),
    [([], []), ([True], [3]), ([True, True, True], [0, 1, 2]), ([False, False], [0, 1]), ([True, False, True], [2, 2, 2])],
)
def test_point_biserial_is_none_when_undefined(right, scores):
    assert point_biserial(right, scores) is None


def test_point_biserial_is_pearsons_r():
    # Right (1, 0, 0) against (2, 1, 0): means 1/3 and 1; covariance sum 2/3 + 0 + 1/3 = 1;
    # sums of squares 2/3 and 2: r = 1 / sqrt(4/3) = 0.8660.
    assert point_biserial([True, False, False], [2, 1, 0]) == pytest.approx(3 ** 0.5 / 2)
    assert point_biserial([False, True, True], [2, 1, 0]) == pytest.approx(-(3 ** 0.5) / 2)


def test_time_spent_sums_the_answer_times_over_played_questions():
    students = {s.student.key: s for s in item_analysis_report().students}
    assert {key: s.time_ms for key, s in students.items()} == {"A": 6000, "B": 3000, "C": 3000, "D": 1000, "E": 3000}


def test_class_accuracy_by_skill_is_right_over_players_times_played_questions():
    report = item_analysis_report()
    # Sourcing: Q1 2 of 4 + Q2 1 of 4 = 3 of 8; attribution: Q3 2 of 4. E (removed) does not count.
    assert report.by_skill == {"sourcing": Rate(3, 8), "attribution": Rate(2, 4)}
    assert report.players == 4


def test_questions_table_has_discrimination_and_every_flag():
    header, rows = questions_table(item_analysis_report())
    table = [dict(zip(header, row)) for row in rows]
    # Numbers, so that a spreadsheet sorts them (text "+0.58" would be neutralised as "'+0.58").
    assert [row["Discrimination (-1 to 1)"] for row in table] == [0.58, 0.0, -0.3, ""]
    assert [row["Flag"] for row in table] == ["", "", NEGATIVE_FLAG, ""]


def test_report_json():
    figures = report_json(item_analysis_report())
    assert figures["players"] == 4
    q1 = figures["questions"][0]
    assert {"id", "text", "p_correct", "discrimination", "choices", "evidence_right", "median_ms"} <= set(q1)
    assert (q1["id"], q1["text"], q1["p_correct"], q1["evidence_right"], q1["median_ms"]) == (101, "Question 1?", 0.5, None, 1000)
    assert q1["discrimination"] == pytest.approx(0.5774, abs=1e-4)
    assert q1["choices"][1] == {"value": 2, "text": "Option 2", "count": 2, "correct": True}
    assert figures["questions"][3]["p_correct"] is None
    a = figures["students"][0]
    assert {"name", "score", "accuracy", "discernment", "by_skill"} <= set(a)
    assert (a["name"], a["accuracy"], a["discernment"], a["by_skill"]) == ("A", 2 / 3, None, {"sourcing": 1.0, "attribution": 0.0})
    assert figures["skills"] == {"sourcing": 3 / 8, "attribution": 0.5}
