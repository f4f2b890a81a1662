"""`flask --app quiz report --assignment ID`: the assignment's report as JSON, CSV and XLSX, as
the teacher's downloads have it; and the choice between --game and --assignment.
(`--game` is tested in tests/test_live_results.py.)"""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from .test_assignments import answer, enter, new_assignment, report_json

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def handed_in(app, author):
    """An assignment of 10 questions: Ana (9B) all right, Bo 5 right then wrong; Cy still working."""
    assignment = new_assignment(app, author)
    for name, class_name, plan in (("Ana", "9B", [True] * 10), ("Bo", "", [True] * 5 + [False] * 5), ("Cy", "", [True] * 2)):
        student = app.test_client()
        answer(app, student, enter(student, assignment.code, name=name, class_name=class_name), plan)
    return assignment


def test_json_is_the_report_the_teacher_downloads(app, author, handed_in):
    result = app.test_cli_runner().invoke(args=["report", "--assignment", str(handed_in.id), "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures == report_json(author, handed_in.id)
    assert figures["players"] == 2
    assert [(s["name"], s["accuracy"]) for s in figures["students"]] == [("Ana", 1.0), ("Bo", 0.5)]
    assert len(figures["questions"]) == 10
    assert set(figures["questions"][0]) >= {"id", "text", "p_correct", "discrimination", "choices", "evidence_right", "median_ms"}
    assert set(figures["students"][0]) >= {"name", "score", "accuracy", "discernment", "by_skill"}


def test_csv_and_xlsx_have_the_homework_columns(app, author, handed_in, tmp_path):
    runner = app.test_cli_runner()
    out = tmp_path / "homework.csv"
    result = runner.invoke(args=["report", "--assignment", str(handed_in.id), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"assignment {handed_in.id} (2 student(s) handed in)" in result.output
    body = out.read_bytes()
    assert body.startswith(BOM)
    assert body == author.get(f"/assignments/{handed_in.id}/report.csv").data
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Name", "Class", "Student number", "Attempt counted"]
    assert [row[:2] for row in rows[1:]] == [["Ana", "9B"], ["Bo", ""]]
    # To the standard output as well.
    printed = runner.invoke(args=["report", "--assignment", str(handed_in.id), "--format", "csv"])
    assert printed.exit_code == 0 and printed.stdout_bytes == body

    xlsx = tmp_path / "homework.xlsx"
    assert runner.invoke(args=["report", "--assignment", str(handed_in.id), "--format", "xlsx", "-o", str(xlsx)]).exit_code == 0
    book = load_workbook(xlsx)
    assert book.sheetnames == ["Results", "Questions"]
    assert [cell.value for cell in book["Results"][1]][:2] == ["Name", "Class"] and book["Results"]["B2"].value == "9B"
    # XLSX is binary: not to a terminal.
    refused = runner.invoke(args=["report", "--assignment", str(handed_in.id), "--format", "xlsx"])
    assert refused.exit_code != 0 and "give -o FILE" in refused.output


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--format", "json"],
        ["report", "--game", "1", "--assignment", "1", "--format", "json"],
    ],
)
def test_exactly_one_of_game_and_assignment(app, args):
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 2
    assert "give exactly one of --game ID and --assignment ID" in result.output


def test_an_unknown_assignment_is_a_clear_error(app, tmp_path):
    out = tmp_path / "nothing.csv"
    result = app.test_cli_runner().invoke(args=["report", "--assignment", "999999", "--format", "csv", "-o", str(out)])
    assert result.exit_code == 1 and "there is no assignment 999999" in result.output
    assert not out.exists()
    assert app.test_cli_runner().invoke(args=["report", "--assignment", "0", "--format", "json"]).exit_code == 2
