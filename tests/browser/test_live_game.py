"""A whole live game in real browsers: the host's projector and three phones, one of which reloads."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from quiz import db
from quiz.accounts.service import create_instructor
from quiz.live.models import Game
from quiz.live.service import load_game

from .test_round import VERDICT_LABELS, axe_problems

pytestmark = pytest.mark.browser

PASSWORD = "projector password"


def current_key(app, game_id: int) -> dict:
    with app.app_context():
        session = db.session()
        game = load_game(session, game_id)
        game_question = game.question_at(game.position)
        question = game_question.question
        if question.kind == "multiple_choice":
            return {"kind": "multiple_choice", "text": question.correct_option.text, "choices": len(question.options)}
        evidence = question.evidence[0]
        sentence = next(s for s in game.article.sentences if s.start <= evidence.start < s.end)
        return {"kind": "claim", "verdict": question.verdict, "sentence": sentence.position}


# Given to the first question during the game: the host's state reads it afresh at the reveal.
NOTE = "Discuss why the key is right.\nThen ask who checked the source."


def give_a_teacher_note(app, game_id: int) -> None:
    with app.app_context():
        session = db.session()
        load_game(session, game_id).question_at(1).question.teacher_note = NOTE
        session.commit()


def answer(phone: Page, key: dict) -> None:
    if key["kind"] == "multiple_choice":
        phone.locator(".answer-button", has_text=key["text"]).click()
    else:
        phone.get_by_role("button", name=VERDICT_LABELS[key["verdict"]]).click()
        if key["verdict"] != "not_in_article":
            phone.locator(f'#phone-article .sentence[data-sentence="{key["sentence"]}"]').click()
        phone.get_by_role("button", name="Send answer").click()
    # The phone says the answer went, unless it was the last one and the reveal came at once.
    expect(phone.locator(".sent, .phone-result").first).to_be_visible()


def test_a_whole_live_game_with_a_reload(app, live_server, browser, artifacts):
    with app.app_context():
        create_instructor(db.session(), "host@example.org", PASSWORD)
        db.session().commit()
    problems: list[str] = []
    projector = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    projector.goto(live_server + "/host/")
    expect(projector).to_have_url(re.compile(r"/account/sign-in"))
    projector.get_by_label("Email").fill("host@example.org")
    projector.get_by_label("Password").fill(PASSWORD)
    projector.get_by_role("button", name="Sign in").click()
    projector.get_by_label("Question set").select_option("amazon-rekognition-letter:mixed")
    projector.get_by_label("Seconds per multiple-choice question").fill("60")
    projector.get_by_label("Seconds per claim").fill("60")
    problems += axe_problems(projector)
    projector.get_by_role("button", name="Open the lobby").click()
    game_id = int(re.search(r"/host/games/(\d+)", projector.url).group(1))
    pin = re.sub(r"\D", "", projector.locator(".pin").inner_text())
    expect(projector.get_by_role("img", name=re.compile("QR code"))).to_be_visible()

    phones: dict[str, Page] = {}
    for name in ("Ada", "Ben", "Cy"):
        phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
        phone.goto(f"{live_server}/join?pin={pin}")
        if name == "Cy":
            phone.get_by_role("button", name="Pick a name for me").click()
            expect(phone.get_by_role("status")).to_contain_text("How about")
            problems += axe_problems(phone)
        phone.get_by_label("Nickname").fill(name)
        phone.get_by_role("button", name="Join", exact=True).click()
        expect(phone.get_by_role("heading", name="You're in!")).to_be_visible()
        expect(phone.locator("#me-nickname")).to_have_text(name)
        phones[name] = phone
    # The lobby fills in as players join, without a reload.
    expect(projector.locator(".chip")).to_have_count(3)
    expect(projector.locator(".chip > span")).to_have_text(["Ada", "Ben", "Cy"])
    problems += axe_problems(projector)
    problems += axe_problems(phones["Ada"])

    projector.get_by_role("button", name="Start the game").click()
    ben_points = 0
    for position in range(1, 11):
        expect(projector.locator(".question-count")).to_have_text(re.compile(f"^Question {position} of 10"))
        expect(projector.locator(".answered")).to_have_text("0 of 3 answered")
        key = current_key(app, game_id)
        prompt = projector.locator(".big-prompt").inner_text()
        for phone in phones.values():
            expect(phone.locator(".clock-label")).to_have_text(f"Question {position} of 10")
            expect(phone.locator(".phone-prompt")).to_have_text(prompt)
        if position == 1:
            problems += axe_problems(phones["Ben"])
            problems += axe_problems(projector)
            # No note while the question is open: the projector is the class's screen.
            give_a_teacher_note(app, game_id)
            expect(projector.locator("#teacher-note")).to_be_hidden()
        answer(phones["Ada"], key)
        expect(projector.locator(".answered")).to_have_text("1 of 3 answered")
        if position == 4:
            # Ben's phone reloads in the middle of the game, before he answers.
            phones["Ben"].reload()
            expect(phones["Ben"].locator("#me-nickname")).to_have_text("Ben")
            expect(phones["Ben"].locator("#me-score")).to_contain_text(f"{ben_points} points")
            expect(phones["Ben"].locator(".clock-label")).to_have_text("Question 4 of 10")
        if position == 6:
            # Ada reloads after answering: her answer is remembered, not asked for again.
            phones["Ada"].reload()
            expect(phones["Ada"].locator(".sent")).to_be_visible()
        # Ben answers only even questions (wrongly on 2), Cy every one, right.
        if position % 2 == 0:
            if position == 2 and key["kind"] == "multiple_choice":
                phones["Ben"].locator(".answer-button", has_not_text=key["text"]).first.click()
            else:
                answer(phones["Ben"], key)
        answer(phones["Cy"], key)
        if position % 2 == 1:
            projector.get_by_role("button", name="Close the question").click()
        expect(projector.locator(".reveal-answer")).to_be_visible()
        # A bar per option (3 to 5), or per verdict.
        expect(projector.locator(".distribution li")).to_have_count(key.get("choices", 3))
        expect(projector.locator(".passage mark")).not_to_have_count(0)
        expect(phones["Ada"].locator(".phone-result")).to_have_text(re.compile(r"✓ Right \+100 points"))
        expect(phones["Cy"].locator(".phone-result")).to_contain_text("Right")
        ben_result = "No answer" if position % 2 else ("Wrong" if position == 2 and key["kind"] == "multiple_choice" else "Right")
        expect(phones["Ben"].locator(".phone-result")).to_contain_text(ben_result)
        ben_points += 100 if ben_result == "Right" else 0
        expect(phones["Ben"].locator(".reveal-answer")).to_be_visible()
        if position == 1:
            projector.screenshot(path=str(artifacts / "live-reveal-projector.png"))
            phones["Ada"].screenshot(path=str(artifacts / "live-reveal-phone.png"), full_page=True)
            problems += axe_problems(projector)
            problems += axe_problems(phones["Ada"])
            # The teacher note: on the host's controls, closed until the teacher opens it.
            note = projector.locator("#teacher-note")
            expect(note).to_be_visible()
            expect(note).not_to_have_attribute("open", "")
            expect(projector.locator("#teacher-note-text")).to_be_hidden()
            note.get_by_text("Teacher note", exact=True).click()
            expect(projector.locator("#teacher-note-text")).to_have_text(NOTE)
            projector.screenshot(path=str(artifacts / "live-reveal-teacher-note.png"))
            problems += axe_problems(projector)
            for phone in phones.values():
                expect(phone.locator("body")).not_to_contain_text("Then ask who checked the source")
        projector.get_by_role("button", name="Show the leaderboard").click()
        expect(projector.locator("table.leaderboard tbody tr")).to_have_count(3)
        expect(projector.locator("table.leaderboard tbody tr").first).to_contain_text(str(100 * position))
        expect(phones["Cy"].locator(".standing")).to_contain_text("1st of 3")
        if position == 1:
            problems += axe_problems(projector)
        next_label = "Show the podium" if position == 10 else "Next question"
        projector.get_by_role("button", name=next_label).click()
        if position == 1:
            expect(projector.locator("#teacher-note")).to_be_hidden()

    expect(projector.get_by_role("heading", name="Podium")).to_be_visible()
    expect(projector.locator(".podium li")).to_have_count(3)
    expect(projector.locator(".podium li").nth(2)).to_contain_text("Ben")
    for phone in phones.values():
        expect(phone.get_by_role("heading", name="Game over")).to_be_visible()
    expect(phones["Ada"].locator(".standing")).to_contain_text("1st of 3 with 1000 points")
    expect(phones["Ben"].locator(".standing")).to_contain_text(f"3rd of 3 with {ben_points} points")
    problems += axe_problems(projector)
    problems += axe_problems(phones["Ben"])

    projector.get_by_role("link", name="Results and downloads").click()
    expect(projector.locator("table.results tbody tr")).to_have_count(3)
    with projector.expect_download() as download:
        projector.get_by_role("link", name="Download the results (CSV)").click()
    from pathlib import Path

    csv_text = Path(download.value.path()).read_text(encoding="utf-8")
    assert csv_text.startswith("\ufeffNickname,Rank,Accuracy over played questions (%),Fully right,Questions played,Accuracy points,Game points,") and "Q1: " in csv_text.splitlines()[0]
    problems += axe_problems(projector)
    with app.app_context():
        assert db.session().get(Game, game_id).phase == "ended"
    assert problems == []
