"""A question's teacher note: in bank files, the authoring form, native and GIFT files, on the
host's controls at the reveal and in reports; never on a player's or a student's screen."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import re
import shutil

import pytest
import yaml
from openpyxl import load_workbook
from sqlalchemy import select

from quiz import db
from quiz.accounts.models import Instructor
from quiz.articles.models import Article
from quiz.assignments.models import Assignment
from quiz.authoring import gift
from quiz.authoring.interchange import export_gift, import_gift
from quiz.authoring.native import import_native, read_bundle
from quiz.bank.files import read_article_folder
from quiz.bank.models import Question
from quiz.bank.sync import sync_bank
from quiz.bank.validate import MAX_TEACHER_NOTE, validate_article
from quiz.live.host_views import game_report
from quiz.live.models import Game, Player
from quiz.live.push import hub
from quiz.live.service import load_game
from quiz.reports import csv_bytes, questions_table
from quiz.sets.models import QuestionSet

from .conftest import SEED_FOLDER, form_fields, soup
from .test_assignments import current_question, enter, set_assignment
from .test_authoring import claim_form, paste_article, token
from .test_live import Phone, act
from .test_study import right_answer

IDENT = "claim-reporter-interviewed"
# Two lines, the way an author writes one; each has words found nowhere else in the app.
NOTE = "Why not in the article, and not contradicted?\nThe article never says whether anyone was interviewed."
# What must never reach a player: each line of the note.
SECRETS = ("Why not in the article, and not contradicted", "never says whether anyone was interviewed")


# The built-in bank gives some questions notes of its own; MISSING leaves IDENT without one.
MISSING = object()


@pytest.fixture
def bank(tmp_path):
    """A copy of the built-in bank; bank(value) sets the teacher note of IDENT and returns the bank.

    The file is read and written as YAML, not edited as text: the bank is rewritten often, and
    IDENT may have a note already."""
    root = tmp_path / "bank"
    shutil.copytree(SEED_FOLDER, root / SEED_FOLDER.name)
    path = root / SEED_FOLDER.name / "questions.yaml"
    pristine = yaml.safe_load(path.read_text(encoding="utf-8"))

    def noted(value=MISSING):
        document = copy.deepcopy(pristine)
        (question,) = [q for q in document["questions"] if q["id"] == IDENT]
        question.pop("teacher_note", None)
        if value is not MISSING:
            question["teacher_note"] = value
        path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
        return root

    return noted


def validated(root):
    return validate_article(read_article_folder(root / SEED_FOLDER.name))


def stored_note(app) -> str | None:
    with app.app_context():
        return db.session().scalar(select(Question.teacher_note).where(Question.ident == IDENT))


@pytest.fixture
def noted(app, bank) -> int:
    """The app's built-in bank, loaded again with NOTE on IDENT; return that question's id."""
    with app.app_context():
        sync_bank(db.session(), bank(NOTE))
        db.session().commit()
        return db.session().scalar(select(Question.id).where(Question.ident == IDENT))


# --------------------------------------------------------------------------------------------
# Bank files


def note_of(article) -> str | None:
    return next(question for question in article.questions if question.ident == IDENT).teacher_note


def test_a_bank_question_may_have_a_teacher_note(bank):
    article = validated(bank(NOTE))
    assert article.problems == [] and note_of(article) == NOTE
    # Windows line breaks, outer blank lines and spaces go; blank lines inside stay.
    article = validated(bank("\r\n  Line one.  \r\n\r\nLine two.\n\n"))
    assert article.problems == [] and note_of(article) == "Line one.\n\nLine two."
    assert note_of(validated(bank())) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (42, "`teacher_note` must be text"),
        (True, "`teacher_note` must be text"),
        (dt.date(2024, 5, 1), "`teacher_note` must be text"),
        (["a", "b"], "`teacher_note` must be one value, not a list"),
        ({"a": "b"}, "`teacher_note` must be one value, not a mapping"),
        ("x" * (MAX_TEACHER_NOTE + 1), f"`teacher_note` has 2,001 characters; a note may have at most {MAX_TEACHER_NOTE:,}"),
    ],
    ids=["number", "boolean", "date", "list", "mapping", "too-long"],
)
def test_a_teacher_note_that_is_not_text_or_too_long_is_a_problem(bank, value, message):
    (problem,) = validated(bank(value)).problems
    assert problem.question == IDENT and problem.message.startswith(message), problem


def test_a_note_of_the_longest_length_is_kept_and_an_empty_one_is_none(bank):
    article = validated(bank("x" * MAX_TEACHER_NOTE))
    assert article.problems == [] and note_of(article) == "x" * MAX_TEACHER_NOTE
    for empty in ("", "  \n ", None):
        article = validated(bank(empty))
        assert article.problems == [] and note_of(article) is None


def test_loading_the_bank_stores_the_note_and_changes_it_with_the_file(app, bank):
    for value, stored in ((NOTE, NOTE), ("Another note.", "Another note."), (MISSING, None)):
        with app.app_context():
            sync_bank(db.session(), bank(value))
            db.session().commit()
        assert stored_note(app) == stored


# --------------------------------------------------------------------------------------------
# Authoring


def my_question(app, article_id) -> Question:
    with app.app_context():
        return db.session().scalar(select(Question).where(Question.article_id == article_id))


def test_the_form_saves_edits_and_previews_the_note(author, app):
    article_id = paste_article(author)
    form = soup(author.get(f"/author/articles/{article_id}/questions/new?kind=claim"))
    field = form.select_one("textarea#teacher-note[name=teacher_note]")
    assert form.select_one("label[for=teacher-note]").get_text() == "Teacher note (optional)"
    assert "Never on students' phones" in form.select_one(f"#{field['aria-describedby']}").get_text()
    assert field["maxlength"] == str(MAX_TEACHER_NOTE)
    # A browser sends a textarea's line breaks as CRLF.
    assert claim_form(author, article_id, teacher_note="  Ask what the vote was.\r\nThen ask who said so.  ").status_code == 303
    question = my_question(app, article_id)
    assert question.teacher_note == "Ask what the vote was.\nThen ask who said so."
    edit = soup(author.get(f"/author/questions/{question.id}/edit"))
    assert edit.select_one("textarea#teacher-note").get_text() == question.teacher_note
    data = form_fields(edit.select_one("form.question-form")) | {
        "prompt": "The council voted to close the library.", "verdict": "supported", "skill": "attribution",
        "explanation": "The report says so.", "quote_1": "The council voted on Tuesday to close the Mill Street library.",
        "teacher_note": "Only one line now.", "action": "publish",
    }
    assert author.post(f"/author/questions/{question.id}/edit", data=data).status_code == 303
    assert my_question(app, article_id).teacher_note == "Only one line now."
    # The preview shows it with the reveal, for the teacher, and not with the question.
    assert "Only one line now." not in author.get(f"/author/questions/{question.id}/preview").get_data(as_text=True)
    reveal = soup(author.get(f"/author/questions/{question.id}/preview?reveal=1"))
    section = reveal.select_one("section.teacher-note")
    assert section.h2.get_text() == "Teacher note" and "Never on students' phones" in section.get_text()
    assert section.select_one(".teacher-note-text").get_text() == "Only one line now."
    # Emptied, it is gone.
    assert author.post(f"/author/questions/{question.id}/edit", data=data | {"teacher_note": "  "}).status_code == 303
    assert my_question(app, article_id).teacher_note is None
    assert not soup(author.get(f"/author/questions/{question.id}/preview?reveal=1")).select("section.teacher-note")


def test_publishing_a_draft_keeps_its_note(author, app):
    article_id = paste_article(author)
    assert claim_form(author, article_id, action="draft", teacher_note="Kept on publishing.").status_code == 303
    question = my_question(app, article_id)
    assert question.status == "draft"
    response = author.post(f"/author/questions/{question.id}/status", data={"csrf_token": token(author), "status": "published"})
    assert response.status_code == 303
    after = my_question(app, article_id)
    assert (after.status, after.teacher_note) == ("published", "Kept on publishing.")


def test_a_note_too_long_is_refused_and_changes_nothing(author, app):
    article_id = paste_article(author)
    claim_form(author, article_id, teacher_note="Kept.")
    question = my_question(app, article_id)
    data = {"csrf_token": token(author), "prompt": "Changed.", "verdict": "supported", "skill": "attribution",
            "explanation": "The report says so.", "quote_1": "The vote was seven to two.",
            "teacher_note": "x" * (MAX_TEACHER_NOTE + 1), "action": "publish"}
    response = author.post(f"/author/questions/{question.id}/edit", data=data)
    assert response.status_code == 400
    assert f"a note may have at most {MAX_TEACHER_NOTE:,}" in soup(response).select_one("#form-errors").get_text()
    # The form comes back with what was sent, to be shortened.
    assert soup(response).select_one("textarea#teacher-note").get_text() == "x" * (MAX_TEACHER_NOTE + 1)
    after = my_question(app, article_id)
    assert (after.teacher_note, after.prompt) == ("Kept.", question.prompt)


def test_duplicating_or_copying_keeps_the_note(author, app, noted):
    with app.app_context():
        article_id = db.session().get(Question, noted).article_id
    response = author.post(f"/author/articles/{article_id}/copy", data={"csrf_token": token(author)})
    copy_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        copied = db.session().scalar(select(Question).where(Question.article_id == copy_id, Question.ident == IDENT))
        assert copied.teacher_note == NOTE
        copied_id = copied.id
    response = author.post(f"/author/questions/{copied_id}/duplicate", data={"csrf_token": token(author)})
    assert response.status_code == 303
    with app.app_context():
        duplicate = db.session().scalar(select(Question).where(Question.ident == f"{IDENT}-copy1"))
        assert duplicate.teacher_note == NOTE


# --------------------------------------------------------------------------------------------
# Native and GIFT files


def instructor_id(session) -> int:
    return session.scalar(select(Instructor.id).where(Instructor.email == "teacher@example.org"))


def my_copy(app, author, question_id) -> int:
    """Copy the question's article into the author's own; return the id of the copy's article."""
    with app.app_context():
        article_id = db.session().get(Question, question_id).article_id
    response = author.post(f"/author/articles/{article_id}/copy", data={"csrf_token": token(author)})
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_a_native_bundle_carries_the_note_both_ways(author, app, noted):
    copy_id = my_copy(app, author, noted)
    response = author.get("/author/export?format=native")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "teacher_note:" in text
    with app.app_context():
        session = db.session()
        sources, problems = read_bundle(text, "questions.yaml")
        report = import_native(session, instructor_id(session), sources, problems)
        assert report.errors == []
        imported = session.scalars(
            select(Question).where(Question.ident == IDENT, Question.article_id.not_in([copy_id, session.get(Question, noted).article_id]))
        ).all()
        assert [question.teacher_note for question in imported] == [NOTE]


def test_gift_carries_the_note_in_comments_moodle_ignores(author, app, noted):
    copy_id = my_copy(app, author, noted)
    with app.app_context():
        session = db.session()
        question = session.scalar(select(Question).where(Question.article_id == copy_id, Question.ident == IDENT))
        text = export_gift([question])
        # One comment line per line of the note, directly before the question's title.
        lines = text.splitlines()
        title = next(n for n, line in enumerate(lines) if line.startswith(f"::{IDENT}::"))
        assert lines[title - 2 : title] == [f"// teacher_note: {line}" for line in NOTE.split("\n")]
        assert all(line.startswith("//") for line in lines if any(part in line for part in SECRETS))
        # Moodle's rules: comments are no part of the question, its text or its feedback.
        (item,) = gift.parse(text).questions
        shown = " ".join([item.text, item.general_feedback or ""] + [a.text + (a.feedback or "") for a in item.answers])
        assert not any(part in shown for part in SECRETS)
        report = import_gift(session, instructor_id(session), text, question.article)
        assert report.errors == [] and report.imported == 1
        back = session.scalar(
            select(Question).where(Question.article_id == copy_id, Question.id != question.id).order_by(Question.id.desc())
        )
        assert (back.ident, back.status, back.teacher_note) == ("q1", "draft", NOTE)


def test_a_gift_note_too_long_is_reported_by_line(author, app, noted):
    copy_id = my_copy(app, author, noted)
    text = "// teacher_note: " + "x" * (MAX_TEACHER_NOTE + 1) + "\n::q::Is it? {=Yes ~No#Because. ~Maybe#Because.}\n"
    with app.app_context():
        session = db.session()
        article = session.get(Article, copy_id)
        report = import_gift(session, instructor_id(session), text, article)
    message = f"`teacher_note` has 2,001 characters; a note may have at most {MAX_TEACHER_NOTE:,}"
    assert report.imported == 0 and report.errors == [{"line": 2, "message": message}]


# --------------------------------------------------------------------------------------------
# The live game: the host sees it at the reveal; no player ever does


def noted_set(author, question_id) -> str:
    """Make a set of the noted question; return its key for the host's form."""
    response = author.post("/author/sets", data={"csrf_token": token(author), "title": "Sources"})
    set_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert author.post(f"/author/sets/{set_id}/items", data={"csrf_token": token(author), "question": str(question_id)}).status_code == 303
    return f"set:{set_id}"


def open_noted_game(author, set_key) -> tuple[int, str]:
    page = soup(author.get("/host/"))
    data = form_fields(page.select_one("form.host-form")) | {"set": set_key, "time_limit": "30", "claim_time_limit": "60", "question_on_devices": "on"}
    response = author.post("/host/games", data=data)
    assert response.status_code == 303, soup(response).get_text()
    game_id = int(response.headers["Location"].rsplit("/", 1)[1])
    pin = re.sub(r"\D", "", soup(author.get(f"/host/games/{game_id}")).select_one(".pin").get_text())
    return game_id, pin


def player_sees(phone: Phone) -> str:
    """Everything a player's phone is given now: its page, the state, its own state, its stream."""
    stream = phone.client.get(f"/play/{phone.pin}/events")
    first = next(iter(stream.response))
    stream.close()
    parts = [phone.client.get(f"/play/{phone.pin}").get_data(as_text=True), json.dumps(phone.state()), json.dumps(phone.me())]
    return "\n".join(parts + [first.decode() if isinstance(first, bytes) else first])


def projector_note(author, game_id):
    """Return the projector page's teacher note element (server-rendered) and the host's JSON state."""
    page = soup(author.get(f"/host/games/{game_id}"))
    return page.select_one("#host-controls details#teacher-note"), author.get(f"/host/games/{game_id}/state").get_json()


def test_the_host_gets_the_note_at_the_reveal_and_players_never_do(author, app, noted):
    game_id, pin = open_noted_game(author, noted_set(author, noted))
    ada = Phone(app, pin, "Ada")
    the_hub = hub(app)
    with app.app_context():
        version = db.session().get(Game, game_id).version
        player_id = db.session().scalar(select(Player.id).where(Player.game_id == game_id))
    pushed = the_hub.subscribe(game_id, version, player_id)
    pushes, seen, phases = [], [], []

    def look():
        the_hub.deliver()
        while not pushed.messages.empty():
            pushes.append(pushed.messages.get_nowait())
        seen.append(player_sees(ada))
        details, state = projector_note(author, game_id)
        phases.append(state["phase"])
        return details, state

    details, state = look()
    assert state["phase"] == "lobby" and state["host"]["teacher_note"] is None and details.has_attr("hidden")
    act(author, game_id, "next")
    details, state = look()
    # Open: the projector is the class's screen, so no note yet, in its state or its page.
    assert state["phase"] == "question" and state["host"]["teacher_note"] is None
    assert details.has_attr("hidden") and details.select_one(".teacher-note-text").get_text() == ""
    assert not any(part in json.dumps(state) for part in SECRETS)
    assert ada.answer(1, verdict="not_in_article").status_code == 200
    details, state = look()
    assert state["phase"] == "reveal" and state["host"]["teacher_note"] == NOTE
    # On the host's controls, closed until the teacher opens it; in the page without JavaScript too.
    assert not details.has_attr("hidden") and not details.has_attr("open")
    assert details.summary.get_text() == "Teacher note" and details.select_one(".teacher-note-text").get_text() == NOTE
    # Not in the public part of the host's state either, which is what phones get.
    assert all(part not in json.dumps({k: v for k, v in state.items() if k != "host"}) for part in SECRETS)
    act(author, game_id, "next")
    details, state = look()
    assert state["phase"] == "leaderboard" and state["host"]["teacher_note"] is None and details.has_attr("hidden")
    act(author, game_id, "end")
    details, state = look()
    assert phases == ["lobby", "question", "reveal", "leaderboard", "ended"]
    the_hub.unsubscribe(pushed)
    assert [re.search(r'"phase":"(\w+)"', push).group(1) for push in pushes] == phases[1:]
    for part in SECRETS:
        assert not any(part in text for text in seen + pushes), part


def test_the_reports_show_the_note(author, app, noted):
    game_id, pin = open_noted_game(author, noted_set(author, noted))
    ada = Phone(app, pin, "Ada")
    act(author, game_id, "next")
    ada.answer(1, verdict="not_in_article")
    act(author, game_id, "end")
    page = soup(author.get(f"/host/games/{game_id}/results"))
    note = page.select_one("table.question-results tr#q1 .teacher-note-text")
    assert note.get_text() == f"Teacher note: {NOTE}"
    book = load_workbook(io.BytesIO(author.get(f"/host/games/{game_id}/results.xlsx").get_data()))
    header, row = [list(r) for r in book["Questions"].iter_rows(values_only=True)]
    assert dict(zip(header, row))["Teacher note"] == NOTE and header[-1] == "Teacher note"
    assert author.get(f"/host/games/{game_id}/results.json").get_json()["questions"][0]["teacher_note"] == NOTE
    # The player's results are not the teacher's: the phone after the game has no note.
    assert not any(part in player_sees(ada) for part in SECRETS)
    # Nor does anyone signed out.
    assert app.test_client().get(f"/host/games/{game_id}/results").status_code == 302


def test_the_questions_table_has_a_teacher_note_column_in_csv(author, app, noted):
    game_id, _pin = open_noted_game(author, noted_set(author, noted))
    with app.test_request_context():
        header, rows = questions_table(game_report(load_game(db.session(), game_id)))
    text = csv_bytes(header, rows).decode("utf-8-sig")
    assert text.splitlines()[0].endswith(",Teacher note")
    assert f'"{NOTE}"' in text  # quoted, its line break kept


# --------------------------------------------------------------------------------------------
# Self-study and homework: students never see it; the assignment's report does


def test_self_study_never_shows_the_note(author, app, noted):
    set_key = noted_set(author, noted)
    with app.app_context():
        share = db.session().get(QuestionSet, int(set_key.split(":")[1])).share_token
    player = app.test_client()
    landing = player.get(f"/sets/{share}")
    response = player.post("/rounds", data=form_fields(soup(landing).select_one("main form")), follow_redirects=True)
    pages = [landing, response]
    token_, page = re.search(r"/rounds/([^/]+)/", response.request.path).group(1), soup(response)
    feedback = player.post(page.select_one("form.answer-form")["action"], data=right_answer(app, token_, page), follow_redirects=True)
    pages += [feedback, player.get(f"/rounds/{token_}", follow_redirects=True), player.get(f"/rounds/{token_}/1")]
    assert "Right" in soup(feedback).select_one("#result .outcome").get_text()
    for response in pages:
        text = response.get_data(as_text=True)
        assert not any(part in text for part in SECRETS), response.request.path


def test_homework_never_shows_the_note_and_its_report_does(author, app, noted):
    response = set_assignment(author, source=noted_set(author, noted))
    assert response.status_code == 303, response.get_data(as_text=True)[:1000]
    assignment_id = int(re.search(r"/assignments/(\d+)", response.headers["Location"]).group(1))
    with app.app_context():
        code = db.session().get(Assignment, assignment_id).code
    student = app.test_client()
    pages = [student.get(f"/a/{code}")]
    token_, _position, page = current_question(student, enter(student, code, name="Ana Ruiz"))
    pages.append(student.get(f"/rounds/{token_}/1"))
    feedback = student.post(page.select_one("form.answer-form")["action"], data=right_answer(app, token_, page), follow_redirects=True)
    pages += [feedback, student.get(f"/rounds/{token_}", follow_redirects=True), student.get(f"/a/{code}")]
    for response in pages:
        text = response.get_data(as_text=True)
        assert not any(part in text for part in SECRETS), response.request.path
    report = soup(author.get(f"/assignments/{assignment_id}/report"))
    assert report.select_one("table.question-results .teacher-note-text").get_text() == f"Teacher note: {NOTE}"
    assert author.get(f"/assignments/{assignment_id}/report.json").get_json()["questions"][0]["teacher_note"] == NOTE
