"""Results a teacher can grade with: per student and per question, from questions and answer records.

Pure functions of plain dataclasses, with no request and no database in sight: a live game builds
its inputs from its tables (quiz/live/host_views.py), and anything else that collects answers to a
fixed list of questions (homework, say) can build the same inputs and get the same report, table
and downloads.

Only played questions count. A question that was never asked (a game ended early) is reported as
not played and weighs on no one's accuracy; a played question left unanswered counts as not right.
"""

from __future__ import annotations

import csv
import io
import statistics
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .bank.kinds import KIND_LABELS, Kind, Verdict
from .bank.skills import SKILLS
from .scoring import Rate

# A question fewer than this percentage of the players got right is flagged for the teacher.
HARD_PERCENT = 20
HARD_FLAG = "Fewer than 20% right: check the wording or the key"
# A question the stronger players got wrong more often than the weaker ones is flagged too.
NEGATIVE_FLAG = "Negative discrimination: the stronger players did worse on it; check the key or the wording"

NOT_PLAYED = "not played"
NO_ANSWER = "no answer"

# Spreadsheets run a cell that starts with one of these as a formula (tab and CR too, per OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# ---------------------------------------------------------------------------------------------
# Inputs


@dataclass(frozen=True)
class OptionInfo:
    text: str
    correct: bool = False


@dataclass(frozen=True)
class QuestionInfo:
    """One question as it was asked: its place, its key and, for multiple choice, its options in
    the order the players saw them (answers name a 1-based place in that order)."""

    position: int
    id: int
    ident: str
    prompt: str
    kind: Kind
    skill: str
    verdict: Verdict | None = None
    options: tuple[OptionInfo, ...] = ()
    # The author's note for the teacher; reports are the teacher's, so it is shown there.
    teacher_note: str | None = None

    @property
    def needs_evidence(self) -> bool:
        """Say whether full credit needed a sentence as well as the verdict."""
        return self.kind == Kind.CLAIM and self.verdict is not None and Verdict(self.verdict).needs_evidence

    @property
    def label(self) -> str:
        """Return the question's heading in a spreadsheet: "Q3: <prompt> [<ident>]"."""
        return f"Q{self.position}: {self.prompt} [{self.ident}]"


@dataclass(frozen=True)
class StudentInfo:
    """One student (a live game's player): key, the name shown, and standing from elsewhere.

    points are game points (bonuses included); in_game is False for a player the host removed,
    who is still listed but left out of the per-question figures.
    """

    key: str
    name: str
    rank: int | None = None
    points: int = 0
    in_game: bool = True
    # Homework: the class and student number the student gave, and which attempt counts.
    class_name: str = ""
    number: str = ""
    attempt: int | None = None


@dataclass(frozen=True)
class AnswerRecord:
    """One student's answer to the question at position: a choice (1-based place among its
    options) or a verdict with the sentence picked, and how it was graded."""

    student: str
    position: int
    choice: int | None = None
    verdict: Verdict | None = None
    sentence: int | None = None
    correct: bool = False
    accuracy_points: int = 0
    elapsed_ms: int = 0


# ---------------------------------------------------------------------------------------------
# Outputs


@dataclass(frozen=True)
class StudentReport:
    student: StudentInfo
    # Fully right answers over the played questions.
    accuracy: Rate
    accuracy_points: int
    answered: int
    # Share of supported claims judged supported minus share of the other claims judged supported,
    # from -1 to 1; None when this student's played claims lack one of the two groups.
    discernment: float | None
    # Skill -> fully right over the played questions of that skill, in the questions' order.
    by_skill: dict[str, Rate]
    # Position -> this student's answer, played questions only.
    answers: dict[int, AnswerRecord] = field(default_factory=dict)
    # Time spent: the sum of this student's answer times over the played questions.
    time_ms: int = 0

    @property
    def discernment_points(self) -> int | None:
        """Return discernment in percentage points, -100 to 100."""
        return None if self.discernment is None else round(100 * self.discernment)


@dataclass(frozen=True)
class Tally:
    """How many chose one option or verdict; value is the place or the verdict."""

    value: int | str
    text: str
    count: int
    correct: bool


@dataclass(frozen=True)
class QuestionReport:
    question: QuestionInfo
    played: bool
    # Among the students in the game: all of them, and those who answered.
    players: int = 0
    answered: int = 0
    right: Rate = Rate(0, 0)
    distribution: tuple[Tally, ...] = ()
    # Claims needing evidence: answers with the right verdict, and those that also had the sentence.
    verdict_right: int | None = None
    evidence_found: int | None = None
    median_ms: float | None = None
    # Point-biserial correlation between being right on this question and the score over the other
    # played questions, among the students in the game; None when undefined (no variance either side).
    discrimination: float | None = None
    # The reasons this question is flagged, in words (HARD_FLAG, NEGATIVE_FLAG); empty if none.
    flags: tuple[str, ...] = ()

    @property
    def flagged(self) -> bool:
        return bool(self.flags)


@dataclass(frozen=True)
class Report:
    questions: tuple[QuestionReport, ...]
    students: tuple[StudentReport, ...]

    @property
    def played(self) -> int:
        return sum(question.played for question in self.questions)

    @property
    def skills(self) -> list[str]:
        """Return the skills of the played questions, in the questions' order."""
        return list(dict.fromkeys(q.question.skill for q in self.questions if q.played))

    @property
    def players(self) -> int:
        """Return the number of students in the game (removed ones left out)."""
        return sum(s.student.in_game for s in self.students)

    @property
    def by_skill(self) -> dict[str, Rate]:
        """Return the class's accuracy on each skill played: see class_by_skill."""
        return class_by_skill(self.questions)


# ---------------------------------------------------------------------------------------------
# Computing


def played_positions(phase: str, position: int, total: int) -> frozenset[int]:
    """Return the positions of a live game's played questions: opened, then closed.

    Everything up to the current question once it is closed (reveal, leaderboard, the end), the
    ones before it while it is open, none before the first question (lobby, reading time).
    """
    if phase in ("reveal", "leaderboard", "ended"):
        last = position
    elif phase == "question":
        last = position - 1
    else:
        last = 0
    return frozenset(range(1, min(last, total) + 1))


def answer_text(question: QuestionInfo, answer: AnswerRecord) -> str:
    """Return what the answer chose, in words: the option's text, or the verdict and sentence."""
    if answer.choice is not None:
        if 1 <= answer.choice <= len(question.options):
            return question.options[answer.choice - 1].text
        return f"option {answer.choice}"
    if answer.verdict is not None:
        return Verdict(answer.verdict).label + (f" (sentence {answer.sentence})" if answer.sentence else "")
    return ""


def result_text(answer: AnswerRecord) -> str:
    """Return "right", "partly right" (points without full credit) or "wrong"."""
    if answer.correct:
        return "right"
    return "partly right" if answer.accuracy_points else "wrong"


def discernment(claims: Sequence[QuestionInfo], answers: dict[int, AnswerRecord]) -> float | None:
    """Return the share of supported claims judged supported minus the share of the other claims
    judged supported (an unanswered claim was not judged supported); None when either group is empty."""
    supported = [q for q in claims if q.verdict == Verdict.SUPPORTED]
    others = [q for q in claims if q.verdict != Verdict.SUPPORTED]
    if not supported or not others:
        return None

    def judged_supported(group: list[QuestionInfo]) -> float:
        said = sum(1 for q in group if (a := answers.get(q.position)) is not None and a.verdict == Verdict.SUPPORTED)
        return said / len(group)

    return judged_supported(supported) - judged_supported(others)


def student_report(
    student: StudentInfo, questions: Sequence[QuestionInfo], answers: Iterable[AnswerRecord], played: frozenset[int]
) -> StudentReport:
    """Report one student over the played questions; answers may include other students' (ignored)."""
    counted = [q for q in questions if q.position in played]
    mine = {a.position: a for a in answers if a.student == student.key and a.position in played}
    by_skill: dict[str, Rate] = {}
    for skill in dict.fromkeys(q.skill for q in counted):
        of_skill = [q for q in counted if q.skill == skill]
        by_skill[skill] = Rate(sum(_right(mine, q) for q in of_skill), len(of_skill))
    return StudentReport(
        student=student,
        accuracy=Rate(sum(_right(mine, q) for q in counted), len(counted)),
        accuracy_points=sum(a.accuracy_points for a in mine.values()),
        answered=len(mine),
        discernment=discernment([q for q in counted if q.kind == Kind.CLAIM], mine),
        by_skill=by_skill,
        answers=mine,
        time_ms=sum(a.elapsed_ms for a in mine.values()),
    )


def _right(answers: dict[int, AnswerRecord], question: QuestionInfo) -> bool:
    answer = answers.get(question.position)
    return answer is not None and answer.correct


def point_biserial(right: Sequence[bool], scores: Sequence[float]) -> float | None:
    """Return the point-biserial correlation between being right (0/1) and a score: Pearson's r
    of the two, (M1 - M0) / s * sqrt(p * q) with s the population standard deviation of the scores.

    None when it is undefined: fewer than two students, or everyone right (or wrong), or every
    score the same.
    """
    n = len(right)
    if n != len(scores):
        raise ValueError("right and scores differ in length")
    if n < 2:
        return None
    xs = [1.0 if r else 0.0 for r in right]
    mean_x = sum(xs) / n
    mean_y = sum(scores) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in scores)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, scores))
    return sxy / (sxx * syy) ** 0.5


def discriminations(
    questions: Sequence[QuestionInfo], students: Sequence[StudentInfo], answers: Iterable[AnswerRecord], played: frozenset[int]
) -> dict[int, float | None]:
    """Return, by played position, the point-biserial correlation between being right on the
    question and the number right over the other played questions (the rest score, so that the
    question does not correlate with itself), among the students in the game."""
    in_game = [s.key for s in students if s.in_game]
    keys = set(in_game)
    right_on: dict[int, set[str]] = {position: set() for position in played}
    for answer in answers:
        if answer.correct and answer.position in right_on and answer.student in keys:
            right_on[answer.position].add(answer.student)
    totals = {key: 0 for key in in_game}
    for winners in right_on.values():
        for key in winners:
            totals[key] += 1
    result: dict[int, float | None] = {}
    for question in questions:
        if question.position not in played:
            continue
        winners = right_on[question.position]
        flags = [key in winners for key in in_game]
        rest = [totals[key] - flag for key, flag in zip(in_game, flags)]
        result[question.position] = point_biserial(flags, rest)
    return result


def class_by_skill(questions: Sequence[QuestionReport]) -> dict[str, Rate]:
    """Return the class's accuracy on each skill played, in the questions' order: fully right
    answers over (students in the game x played questions of the skill), so that an unanswered
    played question counts as not right, as in each student's accuracy."""
    rates: dict[str, Rate] = {}
    for item in questions:
        if not item.played:
            continue
        before = rates.get(item.question.skill, Rate(0, 0))
        rates[item.question.skill] = Rate(before.right + item.right.right, before.total + item.right.total)
    return rates


def question_report(
    question: QuestionInfo,
    students: Sequence[StudentInfo],
    answers: Iterable[AnswerRecord],
    played: bool,
    discrimination: float | None = None,
) -> QuestionReport:
    """Report one question over the students in the game: % right, the answers' spread, evidence,
    time, and flags (under 20% right; a negative discrimination, computed by the caller)."""
    if not played:
        return QuestionReport(question=question, played=False)
    in_game = {s.key for s in students if s.in_game}
    given = [a for a in answers if a.position == question.position and a.student in in_game]
    right = Rate(sum(a.correct for a in given), len(in_game))
    if question.kind == Kind.MULTIPLE_CHOICE:
        distribution = tuple(
            Tally(place, option.text, sum(a.choice == place for a in given), option.correct)
            for place, option in enumerate(question.options, start=1)
        )
    else:
        distribution = tuple(
            Tally(v.value, v.label, sum(a.verdict == v for a in given), v == question.verdict) for v in Verdict
        )
    verdict_right = evidence_found = None
    if question.needs_evidence:
        with_verdict = [a for a in given if a.verdict == question.verdict]
        verdict_right = len(with_verdict)
        evidence_found = sum(a.correct for a in with_verdict)
    return QuestionReport(
        question=question,
        played=True,
        players=len(in_game),
        answered=len(given),
        right=right,
        distribution=distribution,
        verdict_right=verdict_right,
        evidence_found=evidence_found,
        median_ms=statistics.median(a.elapsed_ms for a in given) if given else None,
        discrimination=discrimination,
        flags=tuple(
            flag
            for flag, raised in (
                (HARD_FLAG, bool(right.total) and 100 * right.right < HARD_PERCENT * right.total),
                (NEGATIVE_FLAG, discrimination is not None and discrimination < 0),
            )
            if raised
        ),
    )


def build_report(
    questions: Sequence[QuestionInfo],
    students: Sequence[StudentInfo],
    answers: Iterable[AnswerRecord],
    played: frozenset[int],
) -> Report:
    """Report every student (in the order given) and every question (by position)."""
    questions = sorted(questions, key=lambda q: q.position)
    answers = list(answers)
    # Grouped once: a game of a thousand players must not scan every answer for each of them.
    by_student: dict[str, list[AnswerRecord]] = {}
    by_position: dict[int, list[AnswerRecord]] = {}
    for answer in answers:
        by_student.setdefault(answer.student, []).append(answer)
        by_position.setdefault(answer.position, []).append(answer)
    discrimination = discriminations(questions, students, answers, played)
    return Report(
        questions=tuple(
            question_report(
                q, students, by_position.get(q.position, []), q.position in played, discrimination.get(q.position)
            )
            for q in questions
        ),
        students=tuple(student_report(s, questions, by_student.get(s.key, []), played) for s in students),
    )


# ---------------------------------------------------------------------------------------------
# Tables and downloads


def skill_label(skill: str) -> str:
    known = SKILLS.get(skill)
    return known.label if known else skill


def median_seconds(question: QuestionReport) -> float | None:
    return None if question.median_ms is None else round(question.median_ms / 1000, 1)


def results_table(report: Report, homework: bool = False) -> tuple[list[str], list[list]]:
    """Return the header and one row per student: standing, accuracy over the played questions,
    discernment, accuracy by skill, then each question's answer and result. Homework has the
    student's class, number and counted attempt where a game has its nickname's rank.

    Numbers stay numbers; a value that does not exist (no rank, no claims) is an empty cell.
    """
    skills = report.skills
    if homework:
        header = ["Name", "Class", "Student number", "Attempt counted", "Accuracy (%)", "Fully right", "Questions", "Points"]
    else:
        header = [
            "Nickname",
            "Rank",
            "Accuracy over played questions (%)",
            "Fully right",
            "Questions played",
            "Accuracy points",
            "Game points",
        ]
    header += ["Discernment on claims (-100 to 100)", "Time spent (s)"]
    header += [f"Accuracy on {skill_label(skill)} (%)" for skill in skills]
    for item in report.questions:
        header += [f"{item.question.label} answer", f"{item.question.label} result"]
    rows: list[list] = []
    for student in report.students:
        info = student.student
        if homework:
            row: list = [
                info.name,
                info.class_name,
                info.number,
                info.attempt,
                student.accuracy.percent,
                student.accuracy.right,
                student.accuracy.total,
                student.accuracy_points,
            ]
        else:
            row = [
                info.name + ("" if info.in_game else " (removed)"),
                info.rank,
                student.accuracy.percent,
                student.accuracy.right,
                student.accuracy.total,
                student.accuracy_points,
                info.points,
            ]
        row += [student.discernment_points, round(student.time_ms / 1000)]
        row += [student.by_skill[skill].percent if skill in student.by_skill else None for skill in skills]
        for item in report.questions:
            if not item.played:
                row += [NOT_PLAYED, NOT_PLAYED]
            elif (answer := student.answers.get(item.question.position)) is None:
                row += [NO_ANSWER, NO_ANSWER]
            else:
                row += [answer_text(item.question, answer), result_text(answer)]
        rows.append(["" if cell is None else cell for cell in row])
    return header, rows


def discrimination_text(question: QuestionReport) -> str | None:
    """Return the discrimination to two decimals ("+0.58", "-0.50", "0.00"), None when undefined."""
    if question.discrimination is None:
        return None
    value = round(question.discrimination, 2)
    return "0.00" if value == 0 else f"{value:+.2f}"


def report_json(report: Report) -> dict:
    """Return the report as plain JSON values: players (count), questions, students and skills.

    Rates are fractions from 0 to 1 (None when nothing counts); times are milliseconds.
    """

    def share(rate: Rate) -> float | None:
        return rate.right / rate.total if rate.total else None

    return {
        "players": report.players,
        "played": report.played,
        "questions": [
            {
                "id": item.question.id,
                "ident": item.question.ident,
                "position": item.question.position,
                "text": item.question.prompt,
                "skill": item.question.skill,
                "played": item.played,
                "p_correct": share(item.right) if item.played else None,
                "discrimination": item.discrimination,
                "choices": [
                    {"value": t.value, "text": t.text, "count": t.count, "correct": t.correct} for t in item.distribution
                ],
                "evidence_right": item.evidence_found,
                "median_ms": item.median_ms,
                "flags": list(item.flags),
                "teacher_note": item.question.teacher_note,
            }
            for item in report.questions
        ],
        "students": [
            {
                "name": s.student.name,
                "in_game": s.student.in_game,
                "rank": s.student.rank,
                "score": s.student.points,
                "accuracy_points": s.accuracy_points,
                "accuracy": share(s.accuracy),
                "discernment": s.discernment,
                "by_skill": {skill: share(rate) for skill, rate in s.by_skill.items()},
                "time_ms": s.time_ms,
                **(
                    {"class": s.student.class_name, "number": s.student.number, "attempt": s.student.attempt}
                    if s.student.attempt is not None
                    else {}
                ),
            }
            for s in report.students
        ],
        "skills": {skill: share(rate) for skill, rate in report.by_skill.items()},
    }


def distribution_text(question: QuestionReport) -> str:
    """Return the answers' spread in one line: "Jeff Bezos (right answer): 5; Satya Nadella: 1"."""
    return "; ".join(f"{t.text}{' (right answer)' if t.correct else ''}: {t.count}" for t in question.distribution)


def questions_table(report: Report) -> tuple[list[str], list[list]]:
    """Return the header and one row per question: its text, key, figures ("not played" if so)
    and teacher note."""
    header = [
        "Question",
        "Id",
        "Text",
        "Kind",
        "Skill",
        "Played",
        "Players",
        "Answered",
        "Fully right",
        "Right (%)",
        "Answers chosen",
        "Right verdict",
        "Right verdict and evidence",
        "Median time (s)",
        "Discrimination (-1 to 1)",
        "Flag",
        # Last: a long text, after the figures a spreadsheet sorts and compares.
        "Teacher note",
    ]
    rows: list[list] = []
    for item in report.questions:
        q = item.question
        row: list = [f"Q{q.position}", q.ident, q.prompt, KIND_LABELS[Kind(q.kind)], skill_label(q.skill)]
        if not item.played:
            row += [NOT_PLAYED] + [None] * 10
        else:
            row += [
                "yes",
                item.players,
                item.answered,
                item.right.right,
                item.right.percent,
                distribution_text(item),
                item.verdict_right,
                item.evidence_found,
                median_seconds(item),
                None if item.discrimination is None else round(item.discrimination, 2),
                "; ".join(item.flags) or None,
            ]
        row.append(q.teacher_note)
        rows.append(["" if cell is None else cell for cell in row])
    return header, rows


def spreadsheet_safe(cell):
    """Return the cell so that a spreadsheet shows it as typed: text that would start a formula
    gets a leading apostrophe; numbers and empty cells are left alone."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """Return the table as CSV in UTF-8 with a byte-order mark (Excel then reads accents right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([spreadsheet_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence]]]) -> bytes:
    """Return a workbook with one sheet per (title, header, rows), the header row frozen and bold.

    Every text cell is written as text, never as a formula, and neutralised as in the CSV.
    """
    # Imported here: only downloads need it, not every process start.
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in [header, *rows]:
            sheet.append([_xlsx_value(cell, ILLEGAL_CHARACTERS_RE) for cell in row])
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str):
                    # openpyxl makes a formula of any string that starts with "=": text stays text.
                    cell.data_type = "s"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(cell, illegal):
    """Return a cell for openpyxl: empty as None, text neutralised and without the control
    characters XML cannot hold."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, str):
        return illegal.sub("", spreadsheet_safe(cell))
    return cell
