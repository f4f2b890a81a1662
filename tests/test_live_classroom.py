"""The live game in a classroom, through the Flask test client: the article on the pages, reading
time, time per kind and per question, extra time, the projector's screen, and "are you sure?"."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select, update

from quiz import db
from quiz.accounts.models import Instructor
from quiz.bank.models import Question
from quiz.live import service as live_service
from quiz.live.models import Game, LiveAnswer, Player
from quiz.live.push import hub, sse
from quiz.live.state import public_state
from quiz.sets import service as sets_service

from .conftest import add_instructor, sign_in, soup
from .test_live import Phone, act, count_answers, game_row, key_of, open_game


@pytest.fixture
def host(author):
    return author


def claim_game(host, **options) -> tuple[int, str]:
    return open_game(host, set="amazon-rekognition-letter:claims", **options)


def push_of(app, game_id) -> dict:
    with app.app_context():
        session = db.session()
        return public_state(session, live_service.load_game(session, game_id))


def claim_answer(app, game_id, position) -> dict:
    """Return the form fields of the right answer to a claim, as the server grades it."""
    with app.app_context():
        game = live_service.load_game(db.session(), game_id)
        question = game.question_at(position).question
        fields = {"verdict": question.verdict}
        if question.verdict != "not_in_article":
            evidence = question.evidence[0]
            fields["sentence"] = next(s.position for s in question.article.sentences if s.start <= evidence.start < s.end)
        return fields


def move_deadline(app, game_id, ms_from_now: int) -> int:
    """Put the open question's deadline for everyone ms_from_now away, keeping each player's extra."""
    with app.app_context():
        session = db.session()
        game = session.get(Game, game_id)
        extra = game.closes_ms - game.deadline_ms
        deadline = live_service.now_ms() + ms_from_now
        session.execute(update(Game).where(Game.id == game_id).values(deadline_ms=deadline, closes_ms=deadline + extra))
        session.commit()
        return deadline


def give_extra_time(host, app, game_id: int, nickname: str, percent: str, **post):
    """Give a player extra time from the host's players page, as the teacher does; return the response."""
    with app.app_context():
        player_id = db.session().scalar(select(Player.id).where(Player.game_id == game_id, Player.nickname == nickname))
    token = soup(host.get(f"/host/games/{game_id}/players")).select_one("input[name=csrf_token]")["value"]
    return host.post(f"/host/games/{game_id}/players/{player_id}/extra-time", data={"csrf_token": token, "extra_time": percent}, **post)


# --------------------------------------------------------------------------------------------
# The article on the page, not in the pushes


def test_the_phone_page_holds_the_article_and_no_site_menu(host, app):
    game_id, pin = claim_game(host)
    ada = Phone(app, pin, "Ada")
    page = soup(ada.client.get(f"/play/{pin}"))
    assert page.select_one(".site-header") is None and page.select_one(".site-nav") is None
    sentences = page.select("#phone-article .sentence[data-sentence][data-start]")
    with app.app_context():
        article = db.session().get(Game, game_id).article
        expected = [(s.position, s.start) for s in article.sentences]
    assert [(int(s["data-sentence"]), int(s["data-start"])) for s in sentences] == expected
    assert len(page.select("#phone-article .sentence-number")) == len(expected)
    # The projector has it too, beside the question.
    projector = soup(host.get(f"/host/games/{game_id}"))
    assert len(projector.select("#projector-article .sentence")) == len(expected)
    assert projector.select_one(".site-header") is None


def test_pushes_do_not_grow_with_the_article(host, app):
    game_id, pin = claim_game(host)
    Phone(app, pin, "Ada")
    act(host, game_id, "next")
    state = push_of(app, game_id)
    question = state["question"]
    assert question["kind"] == "claim" and "sentences" not in question
    with app.app_context():
        article = db.session().get(Game, game_id).article
        assert question["article_id"] == article.id
        text = article.text
    message = sse("state", state)
    # The prompt and a few fixed fields: far below the article's own length.
    assert len(message) < 1200 < len(text)


def test_the_reveal_names_the_evidence_by_position_in_the_article(host, app):
    game_id, pin = claim_game(host)
    ada = Phone(app, pin, "Ada")
    act(host, game_id, "next")
    assert ada.answer(1, **claim_answer(app, game_id, 1)).status_code == 200
    reveal = ada.state()["reveal"]
    with app.app_context():
        game = live_service.load_game(db.session(), game_id)
        question = game.question_at(1).question
        text = question.article.text
        evidence = [e.exact for e in sorted(question.evidence, key=lambda e: e.start)]
    assert [passage["exact"] for passage in reveal["passages"]] == evidence
    for passage in reveal["passages"]:
        assert text[passage["start"] : passage["end"]] == passage["exact"]


# --------------------------------------------------------------------------------------------
# Time: per kind, per question of a set, reading time


def test_claims_and_multiple_choice_each_get_their_own_time(host, app):
    game_id, _pin = open_game(host, set="amazon-rekognition-letter:mixed", time_limit=20, claim_time_limit=75)
    with app.app_context():
        game = live_service.load_game(db.session(), game_id)
        times = {(gq.question.kind, gq.time_limit) for gq in game.questions}
    assert times == {("multiple_choice", 20), ("claim", 75)}
    act(host, game_id, "next", confirmed=True)
    game = game_row(app, game_id)
    first = push_of(app, game_id)["question"]
    assert game.deadline_ms - game.opened_ms == first["time_limit"] * 1000


def test_a_question_of_a_set_keeps_its_own_time(host, app):
    with app.app_context():
        session = db.session()
        owner = session.scalar(select(Instructor.id))
        question_set = sets_service.create_set(session, owner, "Timed")
        questions = session.scalars(select(Question).order_by(Question.id).limit(2)).all()
        for question in questions:
            sets_service.add_question(session, question_set, question)
        session.flush()
        set_id = question_set.id
        first_item = question_set.items[0].id
        session.commit()
    page = soup(host.get(f"/author/sets/{set_id}"))
    token = page.select_one("input[name=csrf_token]")["value"]
    assert page.select_one(f"#item-time-{first_item}") is not None
    refused = host.post(f"/author/sets/{set_id}/items/{first_item}/time", data={"csrf_token": token, "time_limit": "9999"}, follow_redirects=True)
    assert "must be 5 to 240 seconds" in soup(refused).get_text()
    host.post(f"/author/sets/{set_id}/items/{first_item}/time", data={"csrf_token": token, "time_limit": "100"})
    game_id, _pin = open_game(host, set=f"set:{set_id}", shuffle=False, time_limit=15, claim_time_limit=50)
    with app.app_context():
        game = live_service.load_game(db.session(), game_id)
        second_kind = game.questions[1].question.kind
        assert [gq.time_limit for gq in game.questions] == [100, 50 if second_kind == "claim" else 15]


def test_reading_time_runs_on_the_server_clock_then_opens_the_first_question(host, app):
    game_id, pin = open_game(host, reading="2")
    ada = Phone(app, pin, "Ada")
    state = act(host, game_id, "next")
    assert state["phase"] == "reading" and state["reading"]["seconds"] == 120
    assert ada.state()["phase"] == "reading" and "question" not in ada.state()
    # Nothing can be answered while reading, and latecomers may still join.
    refused = ada.answer(1, choice=1)
    assert refused.status_code == 409 and "not open yet" in refused.get_json()["error"]
    assert Phone(app, pin, "Ben").join_response.status_code == 303
    assert hub(app).tick() == 0 and game_row(app, game_id).phase == "reading"
    with app.app_context():
        db.session().execute(update(Game).where(Game.id == game_id).values(deadline_ms=live_service.now_ms() - 1))
        db.session().commit()
    hub(app).tick()
    game = game_row(app, game_id)
    assert (game.phase, game.position) == ("question", 1)
    version = game.version
    hub(app).tick()  # a second clock finds nothing left to do
    assert game_row(app, game_id).version == version


def test_reading_until_the_host_starts(host, app):
    game_id, pin = open_game(host, reading="host")
    Phone(app, pin, "Ada")
    assert act(host, game_id, "next")["phase"] == "reading"
    with app.app_context():
        assert game_row(app, game_id).deadline_ms is None
    hub(app).tick()
    assert game_row(app, game_id).phase == "reading"
    assert act(host, game_id, "next")["phase"] == "question"


def test_reading_time_is_checked(host, app):
    from .conftest import form_fields

    page = soup(host.get("/host/"))
    data = form_fields(page.select_one("form.host-form")) | {"set": "amazon-rekognition-letter:mixed", "time_limit": "30", "reading": "11"}
    response = host.post("/host/games", data=data)
    assert response.status_code == 400 and "Reading time must be" in soup(response).get_text()
    with app.app_context():
        assert db.session().scalar(select(Game.id)) is None


# --------------------------------------------------------------------------------------------
# Extra time


def test_extra_time_lets_one_player_answer_after_the_others_deadline(host, app):
    game_id, pin = open_game(host)
    ada, ben, cy = Phone(app, pin, "Ada"), Phone(app, pin, "Ben"), Phone(app, pin, "Cy")
    response = give_extra_time(host, app, game_id, "Cy", "100", follow_redirects=True)
    with app.app_context():
        cy_id = db.session().scalar(select(Player.id).where(Player.nickname == "Cy"))
    assert "Cy now has +100% time" in soup(response).get_text()
    act(host, game_id, "next")
    game = game_row(app, game_id)
    limit = game.deadline_ms - game.opened_ms
    assert game.closes_ms - game.deadline_ms == limit  # +100%
    assert ada.answer(1, choice=key_of(app, game_id, 1)).status_code == 200
    # Everyone's time is up (grace included), but Cy's is not.
    move_deadline(app, game_id, -app.config["LIVE_ANSWER_GRACE_MS"] - 1000)
    late = ben.answer(1, choice=1)
    assert late.status_code == 409 and late.get_json()["error"].startswith("Time is up")
    assert hub(app).tick() == 0 and game_row(app, game_id).phase == "question"
    assert cy.answer(1, choice=key_of(app, game_id, 1)).status_code == 200
    with app.app_context():
        answer = db.session().scalar(select(LiveAnswer).where(LiveAnswer.player_id == cy_id))
        # Measured against his own, longer time: the speed bonus is not lost by using it.
        assert answer.correct and answer.elapsed_ms <= 2 * limit
    # The clock closes the question once Cy's time is up too.
    with app.app_context():
        past = live_service.now_ms() - app.config["LIVE_ANSWER_GRACE_MS"] - 1
        db.session().execute(update(Game).where(Game.id == game_id).values(closes_ms=past))
        db.session().commit()
    assert hub(app).tick() == 1 and game_row(app, game_id).phase == "reveal"
    assert cy.me()["result"]["correct"] is True


def test_extra_time_is_known_to_the_host_and_the_player_alone(host, app):
    game_id, pin = open_game(host)
    ada, cy = Phone(app, pin, "Ada"), Phone(app, pin, "Cy")
    give_extra_time(host, app, game_id, "Cy", "50")
    act(host, game_id, "next")
    assert cy.me()["extra_time"] == 50 and cy.state()["extra_time"] == 50
    assert ada.me()["extra_time"] == 0 and ada.state()["extra_time"] == 0
    for body in (json.dumps(ada.state()), json.dumps(ada.me()), ada.client.get(f"/play/{pin}").get_data(as_text=True)):
        assert "50" not in re.sub(r"\d{4,}", "", body.replace(pin, ""))
    projector = host.get(f"/host/games/{game_id}").get_data(as_text=True)
    assert "+50%" not in projector and "extra_time" not in projector
    # Given during a question, it lengthens that question too.
    game = game_row(app, game_id)
    assert game.closes_ms - game.deadline_ms == (game.deadline_ms - game.opened_ms) // 2


def test_extra_time_is_checked_and_kept_between_instructors(host, app):
    game_id, pin = open_game(host)
    Phone(app, pin, "Ada")
    with app.app_context():
        ada_id = db.session().scalar(select(Player.id))
    token = soup(host.get(f"/host/games/{game_id}/players")).select_one("input[name=csrf_token]")["value"]
    for bad in ("30", "-50", "", "1e2"):
        response = host.post(f"/host/games/{game_id}/players/{ada_id}/extra-time", data={"csrf_token": token, "extra_time": bad})
        assert response.status_code == 400 and "Extra time is none, +50% or +100%." in soup(response).get_text()
    other = app.test_client()
    add_instructor(app, "other@example.org")
    sign_in(other, "other@example.org")
    assert other.get(f"/host/games/{game_id}/players").status_code == 404
    other_token = soup(other.get("/host/")).select_one("input[name=csrf_token]")["value"]
    assert other.post(f"/host/games/{game_id}/players/{ada_id}/extra-time", data={"csrf_token": other_token, "extra_time": "100"}).status_code == 404
    with app.app_context():
        assert db.session().get(Player, ada_id).extra_time == 0


def test_the_players_page_lists_removes_and_needs_no_javascript(host, app):
    game_id, pin = open_game(host)
    Phone(app, pin, "Ada"), Phone(app, pin, "Ben")
    page = soup(host.get(f"/host/games/{game_id}/players"))
    assert [th.get_text() for th in page.select("tbody th")] == ["Ada", "Ben"]
    form = page.select("tbody tr")[1].select_one(f"form[action$='/remove']")
    response = host.post(form["action"], data={"csrf_token": form.select_one("[name=csrf_token]")["value"], "back": "players"})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/host/games/{game_id}/players")
    assert [th.get_text() for th in soup(host.get(f"/host/games/{game_id}/players")).select("tbody th")] == ["Ada"]


# --------------------------------------------------------------------------------------------
# The projector's screen, and "are you sure?"


def test_the_host_chooses_what_the_projector_shows(host, app):
    game_id, _pin = open_game(host, screen="question")
    assert game_row(app, game_id).screen == "question"
    version = game_row(app, game_id).version
    assert act(host, game_id, "screen", screen="article")["host"]["screen"] == "article"
    # Only the host's screens follow it: players are not sent anything for it.
    assert game_row(app, game_id).version == version
    act(host, game_id, "screen", expect=400, screen="sideways")
    assert game_row(app, game_id).screen == "article"


def test_ending_asks_first_with_and_without_javascript(host, app):
    game_id, pin = open_game(host)
    Phone(app, pin, "Ada")
    act(host, game_id, "next")
    asked = act(host, game_id, "end", expect=409, confirmed=False)
    assert asked["confirm"]["title"] == "End the game?" and "after 1 of 10 questions" in asked["confirm"]["message"]
    assert game_row(app, game_id).phase == "question"
    # Without JavaScript: a plain form goes to a page that asks, whose form ends it.
    token = soup(host.get(f"/host/games/{game_id}")).select_one("form[data-action=end] input[name=csrf_token]")["value"]
    response = host.post(f"/host/games/{game_id}/end", data={"csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/host/games/{game_id}/confirm/end")
    page = soup(host.get(response.headers["Location"]))
    assert page.h1.get_text() == "End the game?"
    form = page.select_one("main form")
    fields = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    assert fields["confirmed"] == "yes"
    assert host.post(form["action"], data=fields).status_code == 303
    assert game_row(app, game_id).phase == "ended"
    # The ended game's projector has no lobby left on it.
    assert soup(host.get(f"/host/games/{game_id}")).select_one(".join-banner") is None


def test_starting_with_no_players_asks_first(host, app):
    game_id, pin = open_game(host)
    asked = act(host, game_id, "next", expect=409, confirmed=False)
    assert asked["confirm"]["title"] == "Start with no players?"
    assert game_row(app, game_id).phase == "lobby"
    Phone(app, pin, "Ada")
    assert act(host, game_id, "next", confirmed=False)["phase"] == "question"


def test_pausing_keeps_everyones_extra_time(host, app):
    game_id, pin = open_game(host)
    Phone(app, pin, "Ada")
    give_extra_time(host, app, game_id, "Ada", "100")
    act(host, game_id, "next")
    before = game_row(app, game_id)
    act(host, game_id, "pause")
    act(host, game_id, "resume")
    after = game_row(app, game_id)
    assert after.closes_ms - after.deadline_ms == before.closes_ms - before.deadline_ms
    assert after.deadline_ms >= before.deadline_ms


def test_a_removed_player_s_extra_time_no_longer_holds_the_question_open(host, app):
    game_id, pin = open_game(host)
    Phone(app, pin, "Ada"), Phone(app, pin, "Cy")
    give_extra_time(host, app, game_id, "Cy", "100")
    with app.app_context():
        cy_id = db.session().scalar(select(Player.id).where(Player.nickname == "Cy"))
    token = soup(host.get(f"/host/games/{game_id}/players")).select_one("input[name=csrf_token]")["value"]
    act(host, game_id, "next")
    game = game_row(app, game_id)
    assert game.closes_ms > game.deadline_ms
    host.post(f"/host/games/{game_id}/players/{cy_id}/remove", data={"csrf_token": token, "back": "players"})
    game = game_row(app, game_id)
    assert game.closes_ms == game.deadline_ms


def test_joining_an_ended_game_says_so(host, app):
    game_id, pin = open_game(host)
    Phone(app, pin, "Ada")
    act(host, game_id, "end")
    latecomer = Phone(app, pin, "Ben")
    assert latecomer.join_response.status_code == 404
    assert "That game has ended." in soup(latecomer.join_response).select_one("[role=alert]").get_text()
