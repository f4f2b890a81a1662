"""Assignments (homework): set one, students enter, resume, attempts, times, feedback, class
lists with codes, the report's numbers, and who may see what."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from quiz import db
from quiz.articles.models import utcnow
from quiz.assignments.models import Assignment, AssignmentStudent, Roster, RosterStudent
from quiz.study.models import Answer, Attempt

from .conftest import add_instructor, form_fields, sign_in, soup
from .test_study import attempt_of, right_answer

SOURCE = "amazon-rekognition-letter:mixed"


def set_assignment(author, source=SOURCE, **fields):
    page = soup(author.get("/assignments/"))
    form = page.select_one("form.assignment-form")
    data = form_fields(form) | {"source": source, "attempts_allowed": "1", "counting": "best", "feedback": "each"}
    data.update({key: str(value) for key, value in fields.items()})
    return author.post(form["action"], data=data)


def new_assignment(app, author, **fields) -> Assignment:
    response = set_assignment(author, **fields)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    assignment_id = int(re.search(r"/assignments/(\d+)", response.headers["Location"]).group(1))
    with app.app_context():
        assignment = db.session().get(Assignment, assignment_id)
        _ = assignment.items
        return assignment


def enter(client, assignment_code, **fields):
    """Open the assignment's page and start, as a student; return the response (a redirect to a
    question). With no start button on the page (attempts used, closed), post as a tampered form would."""
    page = soup(client.get(f"/a/{assignment_code}"))
    form = page.select_one(f"form[action='/a/{assignment_code}']") or page.select_one("form[method=post]")
    assert form is not None, page.get_text(" ", strip=True)[:800]
    data = form_fields(form) | {key: str(value) for key, value in fields.items()}
    return client.post(f"/a/{assignment_code}", data=data)


def current_question(client, response):
    """Follow redirects to the question page; return (token, position, page)."""
    while response.status_code in (302, 303):
        response = client.get(response.headers["Location"])
    match = re.search(r"/rounds/([^/]+)/(\d+)", response.request.path)
    return (match.group(1), int(match.group(2)), soup(response)) if match else (None, None, soup(response))


def wrong_answer(app, token, page) -> dict[str, str]:
    data = right_answer(app, token, page)
    attempt = attempt_of(app, token)
    item = next(i for i in attempt.items if i.question.ident == data["question"])
    if item.question.kind == "multiple_choice":
        choices = [el["value"] for el in page.select("form.answer-form input[name=choice]")]
        data["choice"] = next(c for c in choices if c != data["choice"])
    else:
        data["verdict"] = "supported" if item.question.verdict != "supported" else "not_in_article"
        data.pop("sentence", None)
        if data["verdict"] == "supported":
            data["sentence"] = "1"
    return data


def answer(app, client, response, plan):
    """Answer questions one by one: plan is a list of True (right) / False (wrong), or a count
    of right answers to give; return the last response."""
    for right in plan:
        token, position, page = current_question(client, response)
        assert token is not None, page.get_text(" ", strip=True)[:500]
        data = right_answer(app, token, page) if right else wrong_answer(app, token, page)
        response = client.post(page.select_one("form.answer-form")["action"], data=data)
        assert response.status_code == 303, response.get_data(as_text=True)[:500]
        # On, as the feedback page's "Next" does: the next question, or the summary.
        response = client.get(f"/rounds/{token}")
    return response


def student_rows(app, assignment_id):
    with app.app_context():
        return db.session().scalars(select(AssignmentStudent).where(AssignmentStudent.assignment_id == assignment_id)).all()


def report_json(author, assignment_id):
    response = author.get(f"/assignments/{assignment_id}/report.json")
    assert response.status_code == 200
    return response.get_json()


# --------------------------------------------------------------------------------------------
# Setting one and sharing it


def test_a_teacher_sets_an_assignment_and_gets_a_link_a_qr_code_and_a_short_code(app, author):
    assignment = new_assignment(app, author, title="Homework: who wrote to whom?")
    assert re.fullmatch(r"[A-Z0-9]{6}", assignment.code)
    assert len(assignment.items) == 10
    page = soup(author.get(f"/assignments/{assignment.id}"))
    text = page.get_text(" ", strip=True)
    assert "Homework: who wrote to whom?" in text and assignment.code in text
    assert page.select_one(f"a[href$='/a/{assignment.code}']") is not None
    assert page.select_one("img.qr")["src"].startswith("data:image/svg+xml")
    assert "No student has started yet" in text


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"opens_at": "2026-12-10T09:00", "closes_at": "2026-12-09T09:00"}, "closing time must come after"),
        ({"attempts_allowed": "0"}, "Attempts allowed must be"),
        ({"attempts_allowed": "11"}, "Attempts allowed must be"),
        ({"time_limit": "999"}, "time limit"),
        ({"time_limit": "ten"}, "time limit"),
        ({"timezone": "Mars/Olympus"}, "time zone is unknown"),
        ({"closes_at": "tomorrow"}, "not a date and time"),
        ({"counting": "median"}, "best or the last"),
        ({"feedback": "never"}, "when students see feedback"),
        ({"source": "set:999"}, "Choose one of the question sets"),
        ({"roster": "12345"}, "class lists"),
        ({"title": "x" * 201}, "200 characters"),
    ],
)
def test_bad_assignment_options_are_refused_with_a_message_and_change_nothing(app, author, fields, message):
    response = set_assignment(author, **fields)
    assert response.status_code in (400, 409)
    assert message in soup(response).select_one("p.error").get_text()
    with app.app_context():
        assert db.session().scalar(select(func.count()).select_from(Assignment)) == 0


def test_times_are_read_in_the_teachers_time_zone(app, author):
    assignment = new_assignment(app, author, closes_at="2030-06-01T17:00", timezone="Europe/Paris")
    # 17:00 in Paris in summer is 15:00 UTC.
    closes = assignment.closes_at.replace(tzinfo=None)
    assert (closes.hour, closes.minute) == (15, 0)
    page = soup(author.get(f"/assignments/{assignment.id}/edit"))
    assert page.select_one("#closes_at")["value"] == "2030-06-01T17:00"


# --------------------------------------------------------------------------------------------
# Students


def test_a_student_finds_it_by_code_enters_a_name_once_and_hands_in(app, author):
    assignment = new_assignment(app, author)
    student = app.test_client()
    found = student.get(f"/a?code={assignment.code.lower()[:3]}-{assignment.code.lower()[3:]}")
    assert found.status_code == 302 and found.headers["Location"].endswith(f"/a/{assignment.code}")
    assert student.get("/a?code=ZZZZZZ").status_code == 404
    response = enter(student, assignment.code, name="  Ana   López ", class_name="9B", number="1234")
    last = answer(app, student, response, [True] * 10)
    summary = student.get(last.headers["Location"], follow_redirects=True)
    text = soup(summary).get_text(" ", strip=True)
    assert "Handed in" in text and "1000 of 1000 points" in text
    (row,) = student_rows(app, assignment.id)
    assert (row.name, row.class_name, row.number) == ("Ana López", "9B", "1234")
    landing = soup(student.get(f"/a/{assignment.code}")).get_text(" ", strip=True)
    assert "You: Ana López" in landing and "used your 1 attempt" in landing
    figures = report_json(author, assignment.id)
    assert figures["players"] == 1 and figures["students"][0]["accuracy"] == 1.0


def test_a_reload_or_a_later_visit_on_the_same_browser_resumes(app, author):
    assignment = new_assignment(app, author)
    student = app.test_client()
    answer(app, student, enter(student, assignment.code, name="Ben"), [True, False, True])
    landing = soup(student.get(f"/a/{assignment.code}"))
    assert "Continue attempt 1" in landing.get_text(" ", strip=True)
    assert landing.select_one("#name") is None
    token, position, _page = current_question(student, enter(student, assignment.code))
    assert position == 4
    # Another browser cannot walk into Ben's attempt: not by typing his name, not by its address.
    other = app.test_client()
    taken = enter(other, assignment.code, name="ben ")
    assert taken.status_code == 409 and "another device" in soup(taken).get_text()
    assert other.get(f"/rounds/{token}/4").status_code == 403
    assert other.get(f"/rounds/{token}/1").status_code == 403
    assert len(student_rows(app, assignment.id)) == 1
    # "Not you?" forgets on this device only, and takes Ben's rounds off its home page.
    assert f"/rounds/{token}" in student.get("/").get_data(as_text=True)
    student.post(f"/a/{assignment.code}/forget", data=form_fields(soup(student.get(f"/a/{assignment.code}")).select_one("form.not-you")))
    assert soup(student.get(f"/a/{assignment.code}")).select_one("#name") is not None
    assert f"/rounds/{token}" not in student.get("/").get_data(as_text=True)
    assert student.get(f"/rounds/{token}/4").status_code == 403


def test_before_opening_and_after_closing_attempts_are_refused_with_a_clear_message(app, author):
    later = new_assignment(app, author, opens_at="2099-01-01T09:00", timezone="UTC")
    student = app.test_client()
    page = soup(student.get(f"/a/{later.code}")).get_text(" ", strip=True)
    assert "opens" in page and "2099" in page
    refused = student.post(f"/a/{later.code}", data=form_fields(soup(student.get("/")).select_one("form[method=post]")) | {"name": "Cy"})
    assert refused.status_code == 403 and "Come back then" in soup(refused).get_text()
    assert student_rows(app, later.id) == []

    closing = new_assignment(app, author, closes_at="2099-01-01T09:00", timezone="UTC")
    response = enter(student, closing.code, name="Cy")
    response = answer(app, student, response, [True, True])
    with app.app_context():
        row = db.session().get(Assignment, closing.id)
        row.closes_at = utcnow() - timedelta(minutes=1)
        attempt = db.session().scalar(select(Attempt).where(Attempt.assignment_student_id.is_not(None)))
        attempt.deadline = row.closes_at
        db.session().commit()
    # The question page hands in what was answered; an answer sent now is refused; no new attempt.
    token, _position, summary = current_question(student, student.get(response.headers["Location"]))
    assert token is None and "Handed in" in summary.get_text(" ", strip=True)
    landing = student.get(f"/a/{closing.code}")
    late = student.post(f"/rounds/{attempt.token}/3", data=form_fields(soup(landing).select_one("form.not-you")) | {"question": "x"})
    assert late.status_code == 409 and "Time is up" in soup(late).get_text()
    assert "closed" in soup(landing).get_text(" ", strip=True)
    again = student.post(f"/a/{closing.code}", data=form_fields(soup(landing).select_one("form.not-you")))
    assert again.status_code == 403 and "closed" in soup(again).get_text()
    figures = report_json(author, closing.id)
    assert figures["players"] == 1 and figures["students"][0]["accuracy"] == pytest.approx(0.2)


def test_a_time_limit_hands_in_what_was_answered(app, author):
    assignment = new_assignment(app, author, time_limit=20)
    student = app.test_client()
    response = answer(app, student, enter(student, assignment.code, name="Dee"), [True])
    page = soup(student.get(response.headers["Location"], follow_redirects=True))
    with app.app_context():
        attempt = db.session().scalar(select(Attempt).where(Attempt.assignment_student_id.is_not(None)))
        assert attempt.deadline is not None
        limit = (attempt.deadline.replace(tzinfo=None) - attempt.created_at.replace(tzinfo=None)).total_seconds()
        assert limit == pytest.approx(20 * 60, abs=1)
        attempt.deadline = utcnow() - timedelta(seconds=30)
        db.session().commit()
        token = attempt.token
    assert student.get(f"/rounds/{token}/2").headers["Location"].endswith(f"/rounds/{token}/summary")
    refused = student.post(f"/rounds/{token}/2", data=form_fields(page.select_one("form")) | {"question": "x"})
    assert refused.status_code == 409 and "Time is up" in soup(refused).get_text()
    assert report_json(author, assignment.id)["students"][0]["accuracy"] == pytest.approx(0.1)


def test_several_attempts_count_the_best_or_the_last(app, author):
    best = new_assignment(app, author, attempts_allowed=2, counting="best")
    last = new_assignment(app, author, attempts_allowed=2, counting="last")
    for assignment, expected in ((best, 0.8), (last, 0.3)):
        student = app.test_client()
        answer(app, student, enter(student, assignment.code, name="Eve"), [True] * 8 + [False] * 2)
        landing = soup(student.get(f"/a/{assignment.code}")).get_text(" ", strip=True)
        assert "Start attempt 2 of 2" in landing
        answer(app, student, enter(student, assignment.code), [True] * 3 + [False] * 7)
        student_figures = report_json(author, assignment.id)["students"][0]
        assert student_figures["accuracy"] == pytest.approx(expected)
        assert student_figures["attempt"] == (1 if assignment is best else 2)
        third = enter(student, assignment.code)
        assert third.status_code == 409 and "used your 2 attempts" in soup(third).get_text()


def test_feedback_at_the_end_shows_nothing_until_the_attempt_is_handed_in(app, author):
    assignment = new_assignment(app, author, feedback="end")
    student = app.test_client()
    response = enter(student, assignment.code, name="Fay")
    token, position, page = current_question(student, response)
    response = student.post(page.select_one("form.answer-form")["action"], data=wrong_answer(app, token, page))
    # Straight on to question 2: no verdict, no points, and question 1's page is not shown again.
    token, position, page = current_question(student, response)
    assert position == 2
    text = page.get_text(" ", strip=True)
    assert "points so far" not in text and "results at the end" in text
    assert student.get(f"/rounds/{token}/1").status_code == 302
    assert student.get(f"/rounds/{token}/summary").status_code == 302
    answer(app, student, response, [True] * 9)
    summary = soup(student.get(f"/rounds/{token}/summary")).get_text(" ", strip=True)
    assert "900 of 1000 points" in summary and "Right answer" in summary
    assert student.get(f"/rounds/{token}/1").status_code == 200


def test_a_class_list_with_personal_codes(app, author):
    with app.app_context():
        from quiz.accounts.models import Instructor

        owner = db.session().scalar(select(Instructor))
        roster = Roster(owner_id=owner.id, name="9B", name_key="9b", codes=True)
        roster.students = [
            RosterStudent(name="Gus Hall", name_key="gus hall", code="KM7QX"),
            RosterStudent(name="Ida Moss", name_key="ida moss", code="T4RWP"),
        ]
        db.session().add(roster)
        db.session().commit()
        roster_id, gus = roster.id, roster.students[0].id
    assignment = new_assignment(app, author, roster=roster_id)
    student = app.test_client()
    page = soup(student.get(f"/a/{assignment.code}"))
    assert [o.get_text() for o in page.select("#roster_student option")][1:] == ["Gus Hall", "Ida Moss"]
    assert page.select_one("#name") is None and page.select_one("#code") is not None
    wrong = enter(student, assignment.code, roster_student=gus, code="T4RWP")
    assert wrong.status_code == 400 and "not your personal code" in soup(wrong).get_text()
    assert student_rows(app, assignment.id) == []
    assert enter(student, assignment.code, roster_student="99999", code="KM7QX").status_code == 400
    ok = enter(student, assignment.code, roster_student=gus, code="km7qx")
    assert ok.status_code == 303
    (row,) = student_rows(app, assignment.id)
    assert (row.name, row.class_name, row.roster_student_id) == ("Gus Hall", "9B", gus)


# --------------------------------------------------------------------------------------------
# The teacher's view and the report


def test_submissions_arrive_on_the_teachers_page(app, author):
    assignment = new_assignment(app, author)
    first = author.get(f"/assignments/{assignment.id}/submissions").get_json()
    assert (first["students"], first["handed_in"]) == (0, 0)
    student = app.test_client()
    answer(app, student, enter(student, assignment.code, name="Hal"), [True, True])
    working = author.get(f"/assignments/{assignment.id}/submissions").get_json()
    assert (working["students"], working["handed_in"]) == (1, 0) and "2 of 10 answered" in working["html"]
    answer(app, student, enter(student, assignment.code), [True] * 8)
    done = author.get(f"/assignments/{assignment.id}/submissions").get_json()
    assert done["handed_in"] == 1 and "10 of 10 right" in done["html"]


def test_the_report_on_a_hand_computed_class(app, author):
    """Four students on the same ten questions, right (1) or wrong (0):

        question   1  2  3  4  5  6  7  8  9  10   total
        Ann        1  1  1  1  1  1  1  1  1  1     10
        Bob        1  1  1  1  1  0  0  0  0  0      5
        Cat        1  1  0  0  0  0  0  0  0  1      3
        Dan        0  0  0  0  0  0  0  0  0  1      1

    Question 1: right A, B, C; rest scores 9, 4, 2, 1: p = 0.75, point-biserial with the rest
    score = r(x, y) for x = (1, 1, 1, 0), y = (9, 4, 2, 1). Question 10: right A, C, D, wrong B:
    negative (B's rest 5 is above C's 2 and D's 0).
    """
    assignment = new_assignment(app, author, source="amazon-rekognition-letter:claims")
    plans = {
        "Ann": [True] * 10,
        "Bob": [True] * 5 + [False] * 5,
        "Cat": [True, True] + [False] * 7 + [True],
        "Dan": [False] * 9 + [True],
    }
    for name, plan in plans.items():
        student = app.test_client()
        answer(app, student, enter(student, assignment.code, name=name), plan)
    figures = report_json(author, assignment.id)
    questions = figures["questions"]
    assert figures["players"] == 4
    assert [q["p_correct"] for q in questions[:10]] == [0.75, 0.75, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.75]

    def r(xs, ys):
        n = len(xs)
        mx, my = sum(xs) / n, sum(ys) / n
        sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
        return sxy / (sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys)) ** 0.5

    assert questions[0]["discrimination"] == pytest.approx(r([1, 1, 1, 0], [9, 4, 2, 1]))
    assert questions[9]["discrimination"] == pytest.approx(r([1, 0, 1, 1], [9, 5, 2, 0]))
    assert questions[9]["discrimination"] < 0 and any("Negative discrimination" in f for f in questions[9]["flags"])
    by_name = {s["name"]: s for s in figures["students"]}
    assert [by_name[name]["accuracy"] for name in plans] == [1.0, 0.5, 0.3, 0.1]
    # Ann judged every supported claim supported and no other claim: discernment +1. Dan's wrong
    # answers judge each supported claim not in the article and every other claim supported.
    assert by_name["Ann"]["discernment"] == pytest.approx(1.0)
    assert by_name["Dan"]["discernment"] < 0
    assert set(figures["skills"]) and all(0 <= v <= 1 for v in figures["skills"].values())
    page = soup(author.get(f"/assignments/{assignment.id}/report"))
    assert page.select_one("table.question-results") is not None and page.select("figure.chart svg")
    assert [th.get_text(strip=True) for th in page.select("table.results tbody th[scope=row]")][0].startswith("Ann")


def test_downloads_have_names_classes_and_a_byte_order_mark(app, author):
    from openpyxl import load_workbook

    assignment = new_assignment(app, author)
    student = app.test_client()
    answer(app, student, enter(student, assignment.code, name="=Jo", class_name="9B"), [True] * 10)
    body = author.get(f"/assignments/{assignment.id}/report.csv")
    assert body.headers["Content-Disposition"].startswith("attachment") and body.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.data.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Name", "Class", "Student number", "Attempt counted"]
    assert rows[1][:2] == ["'=Jo", "9B"]
    book = load_workbook(io.BytesIO(author.get(f"/assignments/{assignment.id}/report.xlsx").data))
    assert book.sheetnames == ["Results", "Questions"] and book["Results"]["B2"].value == "9B"


def test_deleting_an_assignment_deletes_its_students_data(app, author):
    assignment = new_assignment(app, author)
    student = app.test_client()
    answer(app, student, enter(student, assignment.code, name="Kim"), [True] * 3)
    page = soup(author.get(f"/assignments/{assignment.id}/delete"))
    assert "cannot be undone" in page.get_text()
    response = author.post(f"/assignments/{assignment.id}/delete", data=form_fields(page.select_one("main form")))
    assert response.status_code == 303
    with app.app_context():
        for model in (Assignment, AssignmentStudent, Attempt, Answer):
            assert db.session().scalar(select(func.count()).select_from(model)) == 0
    assert student.get(f"/a/{assignment.code}").status_code == 404


# --------------------------------------------------------------------------------------------
# Who may see what


def teacher_routes(assignment_id):
    return [
        ("get", "/assignments/"),
        ("get", f"/assignments/{assignment_id}"),
        ("get", f"/assignments/{assignment_id}/submissions"),
        ("get", f"/assignments/{assignment_id}/edit"),
        ("get", f"/assignments/{assignment_id}/delete"),
        ("get", f"/assignments/{assignment_id}/report"),
        ("get", f"/assignments/{assignment_id}/report.csv"),
        ("get", f"/assignments/{assignment_id}/report.xlsx"),
        ("get", f"/assignments/{assignment_id}/report.json"),
        ("post", "/assignments/"),
        ("post", f"/assignments/{assignment_id}/edit"),
        ("post", f"/assignments/{assignment_id}/delete"),
    ]


def test_access_matrix(app, author):
    assignment = new_assignment(app, author)
    student = app.test_client()
    answer(app, student, enter(student, assignment.code, name="Lee"), [True] * 10)
    anonymous = app.test_client()
    add_instructor(app, "other@example.org")
    other = app.test_client()
    assert sign_in(other, "other@example.org").status_code == 303
    token = form_fields(soup(author.get("/assignments/")).select_one("form.assignment-form"))["csrf_token"]
    other_token = form_fields(soup(other.get("/assignments/")).select_one("form.assignment-form"))["csrf_token"]
    for method, url in teacher_routes(assignment.id):
        response = getattr(anonymous, method)(url, data={"csrf_token": token} if method == "post" else None)
        assert response.status_code in (302, 400), (url, response.status_code)
        if response.status_code == 302:
            assert "/account/sign-in" in response.headers["Location"]
        if url != "/assignments/":
            denied = getattr(other, method)(url, data={"csrf_token": other_token} if method == "post" else None)
            assert denied.status_code == 404, (url, denied.status_code)
            assert "Lee" not in denied.get_data(as_text=True)
        if method == "post":
            assert getattr(author, method)(url, data={}).status_code == 400, url
    for method, url in teacher_routes(assignment.id):
        if method == "get":
            assert author.get(url).status_code == 200, url
    # The other instructor's list does not show it.
    assert assignment.code not in other.get("/assignments/").get_data(as_text=True)
    # Students' pages need no account, but a start or a "not you" needs the CSRF token.
    assert anonymous.get(f"/a/{assignment.code}").status_code == 200
    assert anonymous.post(f"/a/{assignment.code}", data={"name": "Mo"}).status_code == 400
    assert anonymous.post(f"/a/{assignment.code}/forget").status_code == 400
    assert len(student_rows(app, assignment.id)) == 1


def test_feedback_at_the_end_keeps_the_key_while_attempts_are_left(app, author):
    assignment = new_assignment(app, author, feedback="end", attempts_allowed=2)
    student = app.test_client()
    answer(app, student, enter(student, assignment.code, name="Ola"), [False] * 10)
    token = re.search(r"/rounds/([^/]+)/summary", student.get(f"/a/{assignment.code}").get_data(as_text=True)).group(1)
    summary = soup(student.get(f"/rounds/{token}/summary")).get_text(" ", strip=True)
    assert "0 of 1000 points" in summary and "Right answer" not in summary and "once you have used your attempts" in summary
    assert student.get(f"/rounds/{token}/1").status_code == 302
    answer(app, student, enter(student, assignment.code), [True] * 10)
    summary = soup(student.get(f"/rounds/{token}/summary")).get_text(" ", strip=True)
    assert "Right answer" in summary
    assert student.get(f"/rounds/{token}/1").status_code == 200


def test_a_student_back_on_a_new_device_with_their_code_chooses_before_an_attempt_starts(app, author):
    with app.app_context():
        from quiz.accounts.models import Instructor

        owner = db.session().scalar(select(Instructor))
        roster = Roster(owner_id=owner.id, name="8C", name_key="8c", codes=True)
        roster.students = [RosterStudent(name="Pat Kim", name_key="pat kim", code="KM7QX")]
        db.session().add(roster)
        db.session().commit()
        roster_id, pat = roster.id, roster.students[0].id
    assignment = new_assignment(app, author, roster=roster_id, attempts_allowed=2)
    phone = app.test_client()
    answer(app, phone, enter(phone, assignment.code, roster_student=pat, code="KM7QX"), [True] * 10)
    laptop = app.test_client()
    back = enter(laptop, assignment.code, roster_student=pat, code="KM7QX")
    assert back.status_code == 303 and back.headers["Location"].endswith(f"/a/{assignment.code}")
    landing = soup(laptop.get(back.headers["Location"])).get_text(" ", strip=True)
    assert "You: Pat Kim" in landing and "Start attempt 2 of 2" in landing
    with app.app_context():
        assert db.session().scalar(select(func.count()).select_from(Attempt)) == 1
    # The class list's students who have not started are on the teacher's list.
    roster_2 = author.get(f"/assignments/{assignment.id}/submissions").get_json()
    assert roster_2["not_started"] == 0 and roster_2["handed_in"] == 1
