"""Students' data: deleting a live game deletes its players and answers (and tells their phones),
the retention setting and its purge, the purge command, and who may delete what."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from quiz import db
from quiz.articles.models import utcnow
from quiz.assignments.models import Assignment, AssignmentStudent
from quiz.live.models import Game, GameQuestion, LiveAnswer, Player
from quiz.live.push import GONE, hub
from quiz.live.service import GAME_DELETED
from quiz.retention import PurgeReport, purge_student_data, retention_days
from quiz.study.models import Answer, Attempt, AttemptItem

from .conftest import add_instructor, fresh_app, form_fields, sign_in, soup, start_round
from .test_assignments import answer, enter, new_assignment
from .test_live import Phone, act, key_of, open_game


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(model).where(*where))


def played_game(app, host, nicknames=("Ada", "Bo")) -> tuple[int, str, list[Phone]]:
    """A game whose first question everyone answered; it is still open (at question 1)."""
    game_id, pin = open_game(host)
    phones = [Phone(app, pin, nickname) for nickname in nicknames]
    act(host, game_id, "next")
    for phone in phones:
        assert phone.answer(1, choice=key_of(app, game_id, 1)).status_code == 200
    return game_id, pin, phones


# --------------------------------------------------------------------------------------------
# Deleting a live game


def test_deleting_a_game_deletes_its_players_and_answers(app, author):
    game_id, pin, phones = played_game(app, author)
    kept_id, _kept_pin, _ = played_game(app, author, nicknames=("Cy",))
    assert count(app, LiveAnswer, LiveAnswer.game_id == game_id) == 2

    # The results page and the games list lead to the confirmation page.
    results = soup(author.get(f"/host/games/{game_id}/results"))
    assert results.select_one(f"a[href='/host/games/{game_id}/delete']") is not None
    listing = soup(author.get("/host/"))
    assert listing.select_one(f"a[href='/host/games/{game_id}/delete']") is not None
    page = soup(author.get(f"/host/games/{game_id}/delete"))
    text = page.get_text(" ", strip=True)
    assert "cannot be undone" in text and "2 players" in text and "still being played" in text

    response = author.post(f"/host/games/{game_id}/delete", data=form_fields(page.select_one("main form")))
    assert response.status_code == 303 and response.headers["Location"].endswith("/host/")
    assert "Deleted the game" in soup(author.get("/host/")).get_text()
    for model in (Player, LiveAnswer, GameQuestion):
        assert count(app, model, model.game_id == game_id) == 0
    assert count(app, Game, Game.id == game_id) == 0
    # Another game of the same host keeps its player and answer.
    assert count(app, Player, Player.game_id == kept_id) == 1 and count(app, LiveAnswer, LiveAnswer.game_id == kept_id) == 1
    assert author.get(f"/host/games/{game_id}/results").status_code == 404

    # A phone still in the game is told so, polling or reloading, and it counts as no PIN failure.
    state = phones[0].client.get(f"/play/{pin}/state", headers={"Accept": "application/json"})
    assert state.status_code == 410 and state.get_json()["error"] == GAME_DELETED
    reloaded = phones[0].client.get(f"/play/{pin}")
    assert reloaded.status_code == 410 and GAME_DELETED in soup(reloaded).get_text()
    assert phones[1].answer(2, choice=1).status_code == 410
    # A phone whose push stream reconnects is told too, and the stream ends.
    reconnected = phones[1].client.get(f"/play/{pin}/events")
    assert reconnected.status_code == 200 and reconnected.get_data(as_text=True) == GONE
    # A browser that never joined it still gets the usual answer.
    assert app.test_client().get(f"/play/{pin}/state", headers={"Accept": "application/json"}).status_code == 403


def test_an_ended_game_can_be_deleted_too(app, author):
    game_id, _pin, _phones = played_game(app, author)
    act(author, game_id, "end")
    page = soup(author.get(f"/host/games/{game_id}/delete"))
    assert "still" not in page.select_one("main").get_text()
    assert author.post(f"/host/games/{game_id}/delete", data=form_fields(page.select_one("main form"))).status_code == 303
    assert count(app, Player) == 0 and count(app, LiveAnswer) == 0


def test_a_deleted_game_ends_its_phones_push_streams(app, author):
    game_id, pin, _phones = played_game(app, author)
    the_hub = hub(app)
    with app.app_context():
        version = db.session().get(Game, game_id).version
        players = db.session().scalars(select(Player.id).where(Player.game_id == game_id).order_by(Player.id)).all()
    subscribers = [the_hub.subscribe(game_id, version, player_id) for player_id in players]
    streams = [the_hub.stream(subscriber, "first\n\n") for subscriber in subscribers]
    assert all(next(stream).endswith("first\n\n") for stream in streams)

    page = soup(author.get(f"/host/games/{game_id}/delete"))
    author.post(f"/host/games/{game_id}/delete", data=form_fields(page.select_one("main form")))
    the_hub.deliver()
    for stream in streams:
        last = next(stream)
        assert last is GONE and "event: deleted\n" in last and "retry: 60000" in last
        with pytest.raises(StopIteration):
            next(stream)  # the stream ends: nothing left hanging
    assert game_id not in the_hub._subscribers and not the_hub._by_player and game_id not in the_hub._versions
    the_hub.deliver()  # and the hub goes on


def test_the_projector_stream_says_the_game_was_deleted(app, author):
    game_id, _pin, _phones = played_game(app, author)
    response = author.get(f"/host/games/{game_id}/events")
    stream = (chunk.decode() if isinstance(chunk, bytes) else chunk for chunk in response.response)
    assert "event: host" in next(stream)
    page = soup(author.get(f"/host/games/{game_id}/delete"))
    author.post(f"/host/games/{game_id}/delete", data=form_fields(page.select_one("main form")))
    assert next(stream) == GONE
    with pytest.raises(StopIteration):
        next(stream)
    response.close()


def test_access_matrix_of_deleting_a_game(app, author):
    game_id, _pin, _phones = played_game(app, author)
    routes = [("get", f"/host/games/{game_id}/delete"), ("post", f"/host/games/{game_id}/delete")]
    anonymous = app.test_client()
    anonymous_token = form_fields(soup(anonymous.get("/join")).select_one("form.join-form"))["csrf_token"]
    add_instructor(app, "other@example.org")
    other = app.test_client()
    assert sign_in(other, "other@example.org").status_code == 303
    other_token = soup(other.get("/host/")).select_one("form.host-form input[name=csrf_token]")["value"]
    for method, url in routes:
        response = getattr(anonymous, method)(url, data={"csrf_token": anonymous_token} if method == "post" else None)
        assert response.status_code == 302 and "/account/sign-in" in response.headers["Location"], (method, url)
        denied = getattr(other, method)(url, data={"csrf_token": other_token} if method == "post" else None)
        assert denied.status_code == 404, (method, url)
        assert "Ada" not in denied.get_data(as_text=True)
    assert author.post(f"/host/games/{game_id}/delete").status_code == 400  # no CSRF token
    assert count(app, Game, Game.id == game_id) == 1 and count(app, Player) == 2
    assert author.get(f"/host/games/{game_id}/delete").status_code == 200
    token = soup(author.get(f"/host/games/{game_id}/delete")).select_one("main form input[name=csrf_token]")["value"]
    assert author.post(f"/host/games/{game_id}/delete", data={"csrf_token": token}).status_code == 303
    assert count(app, Game, Game.id == game_id) == 0
    # Gone is gone: a second delete finds nothing.
    assert author.post(f"/host/games/{game_id}/delete", data={"csrf_token": token}).status_code == 404


# --------------------------------------------------------------------------------------------
# The retention setting and the purge


DAY = timedelta(days=1)


def age(app, model, days: float, *where, column="created_at"):
    with app.app_context():
        db.session().execute(update(model).where(*where).values({column: utcnow() - days * DAY}))
        db.session().commit()


@pytest.fixture
def students_data(app, author):
    """Old and recent students' data of every kind; returns the ids that matter.

    Live: an old game (40 days) with 2 players and 2 answers, a recent one with 1 and 1.
    Homework, one assignment: "Old" entered and answered 40 days ago (3 answers); "Back" entered
    40 days ago and started a second-chance attempt yesterday; "Slow" entered and started 40 days
    ago but answered yesterday; "New" entered today. A self-study round 40 days old, no name.
    """
    old_game, _pin, _ = played_game(app, author)
    new_game, _pin, _ = played_game(app, author, nicknames=("Cy",))
    age(app, Game, 40, Game.id == old_game)

    assignment = new_assignment(app, author, attempts_allowed=2)
    for name in ("Old", "Back", "Slow", "New"):
        student = app.test_client()
        answer(app, student, enter(student, assignment.code, name=name), [True] * 3)
    with app.app_context():
        ids = dict(db.session().execute(select(AssignmentStudent.name, AssignmentStudent.id)).all())
        attempt_of = dict(db.session().execute(select(Attempt.assignment_student_id, Attempt.id).where(Attempt.assignment_student_id.is_not(None))).all())
    for name in ("Old", "Back", "Slow"):
        age(app, AssignmentStudent, 40, AssignmentStudent.id == ids[name])
        age(app, Attempt, 40, Attempt.id == attempt_of[ids[name]])
    items = select(AttemptItem.id).where(AttemptItem.attempt_id.in_([attempt_of[ids["Old"]], attempt_of[ids["Back"]]]))
    age(app, Answer, 40, Answer.item_id.in_(items), column="answered_at")
    slow_items = select(AttemptItem.id).where(AttemptItem.attempt_id == attempt_of[ids["Slow"]])
    age(app, Answer, 1, Answer.item_id.in_(slow_items), column="answered_at")
    with app.app_context():
        back = db.session().get(Attempt, attempt_of[ids["Back"]])
        second = Attempt(token="second-chance", round_kind="assignment", assignment_student_id=ids["Back"], number=2, created_at=utcnow() - DAY)
        db.session().add(second)
        db.session().commit()
        assert back.number == 1

    start_round(app.test_client())
    age(app, Attempt, 40, Attempt.assignment_student_id.is_(None))
    return {"old_game": old_game, "new_game": new_game, "assignment": assignment.id, "students": ids}


def test_the_purge_deletes_exactly_the_old_data(app, students_data):
    ids = students_data["students"]
    with app.app_context():
        report = purge_student_data(db.session(), 30)
        db.session().commit()
    assert (report.games, report.players, report.live_answers) == (1, 2, 2)
    assert (report.assignments, report.students, report.attempts, report.answers) == (1, 1, 1, 3)
    # Live: the old game stays, with its questions, but no players or answers.
    assert count(app, Game, Game.id == students_data["old_game"]) == 1
    assert count(app, GameQuestion, GameQuestion.game_id == students_data["old_game"]) > 0
    assert count(app, Player, Player.game_id == students_data["old_game"]) == 0
    assert count(app, LiveAnswer, LiveAnswer.game_id == students_data["old_game"]) == 0
    assert count(app, Player, Player.game_id == students_data["new_game"]) == 1
    assert count(app, LiveAnswer, LiveAnswer.game_id == students_data["new_game"]) == 1
    # Homework: only "Old" went, with their attempt and answers; the assignment stays.
    with app.app_context():
        names = set(db.session().scalars(select(AssignmentStudent.name)))
    assert names == {"Back", "Slow", "New"}
    assert count(app, Attempt, Attempt.assignment_student_id == ids["Old"]) == 0
    assert count(app, Assignment, Assignment.id == students_data["assignment"]) == 1
    assert count(app, Attempt, Attempt.assignment_student_id == ids["Back"]) == 2
    assert count(app, Answer) == 3 * 3  # Back's, Slow's and New's
    # The anonymous self-study round is left alone.
    assert count(app, Attempt, Attempt.assignment_student_id.is_(None)) == 1
    # Nothing more goes the second time.
    with app.app_context():
        again = purge_student_data(db.session(), 30)
    assert not again.deleted_anything and again.answers == 0 and again.live_answers == 0


def test_a_longer_retention_keeps_everything(app, students_data):
    with app.app_context():
        report = purge_student_data(db.session(), 41)
        db.session().commit()
    assert not report.deleted_anything
    assert count(app, Player) == 3 and count(app, AssignmentStudent) == 4


def test_the_purge_command(app, students_data):
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["purge-student-data"])
    assert refused.exit_code != 0 and "--days N" in refused.output and "QUIZ_STUDENT_DATA_RETENTION_DAYS" in refused.output
    assert runner.invoke(args=["purge-student-data", "--days", "0"]).exit_code != 0
    assert count(app, Player) == 3 and count(app, AssignmentStudent) == 4
    # The setting is the default, and --days overrides it.
    app.config["STUDENT_DATA_RETENTION_DAYS"] = 41
    result = runner.invoke(args=["purge-student-data", "--days", "30"])
    assert result.exit_code == 0, result.output
    assert "older than 30 days" in result.output
    assert "2 player(s) with 2 answer(s), from 1 game(s)" in result.output
    assert "1 student(s) with 1 attempt(s) and 3 answer(s), from 1 assignment(s)" in result.output
    assert count(app, Player) == 1 and count(app, AssignmentStudent) == 3
    result = runner.invoke(args=["purge-student-data"])
    assert result.exit_code == 0 and "older than 41 days" in result.output
    assert "0 player(s)" in result.output and "0 student(s)" in result.output


def test_the_setting_from_the_environment_and_the_automatic_purge(tmp_path, template_database, monkeypatch):
    monkeypatch.setenv("QUIZ_STUDENT_DATA_RETENTION_DAYS", "30")
    app = fresh_app(tmp_path, template_database, LIVE_BACKGROUND=False)
    try:
        assert app.config["STUDENT_DATA_RETENTION_DAYS"] == 30 and retention_days(app.config) == 30
        add_instructor(app)
        author = app.test_client()
        assert sign_in(author).status_code == 303  # the first request purges: nothing yet
        game_id, _pin, _ = played_game(app, author)
        age(app, Game, 40, Game.id == game_id)
        # Within the hour, this process does not run it again...
        author.get("/host/")
        assert count(app, Player) == 2
        # ...and an hour later it does, on any page.
        app.extensions["quiz.retention"].last -= 3601
        assert app.test_client().get("/").status_code == 200
        assert count(app, Player) == 0 and count(app, Game) == 1
    finally:
        app.extensions["quiz.hub"].stop()
        app.extensions["quiz.engine"].dispose()


@pytest.mark.parametrize("value", ["soon", "0", "-3", "2.5", "true"])
def test_a_bad_setting_stops_the_app_with_a_clear_message(tmp_path, template_database, monkeypatch, value):
    monkeypatch.setenv("QUIZ_STUDENT_DATA_RETENTION_DAYS", value)
    with pytest.raises(RuntimeError, match=r"whole number of days from 1 to 36500"):
        fresh_app(tmp_path, template_database)


def test_unset_keeps_everything_and_costs_nothing(app, students_data):
    assert app.config["STUDENT_DATA_RETENTION_DAYS"] is None and retention_days(app.config) is None
    app.test_client().get("/")
    assert app.extensions["quiz.retention"].last is None
    assert count(app, Player) == 3 and count(app, AssignmentStudent) == 4


def test_the_report_of_a_purge_reads_well():
    report = PurgeReport(days=1, cutoff=utcnow(), games=1, players=2, live_answers=3, assignments=1, students=1, attempts=1, answers=4)
    assert re.match(r"Students' data older than 1 day \(before \d{4}-\d\d-\d\d \d\d:\d\d UTC\):", report.lines()[0])
