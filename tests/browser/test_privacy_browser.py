"""Deleting a live game in real browsers: the host confirms in one tab while the projector (another
tab) and a phone follow the game; both say it was deleted and stop following it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from quiz import db
from quiz.accounts.service import create_instructor
from quiz.live.service import GAME_DELETED

from .test_round import axe_problems

pytestmark = pytest.mark.browser

PASSWORD = "projector password"


def test_deleting_an_open_game_tells_the_projector_and_the_phones(app, live_server, browser, artifacts):
    with app.app_context():
        create_instructor(db.session(), "host@example.org", PASSWORD)
        db.session().commit()
    teacher = browser.new_context(viewport={"width": 1366, "height": 900})
    projector = teacher.new_page()
    projector.goto(live_server + "/host/")
    projector.get_by_label("Email").fill("host@example.org")
    projector.get_by_label("Password").fill(PASSWORD)
    projector.get_by_role("button", name="Sign in").click()
    projector.get_by_label("Question set").select_option("amazon-rekognition-letter:mixed")
    projector.get_by_role("button", name="Open the lobby").click()
    game_id = int(re.search(r"/host/games/(\d+)", projector.url).group(1))
    pin = re.sub(r"\D", "", projector.locator(".pin").inner_text())

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    phone.goto(f"{live_server}/join?pin={pin}")
    phone.get_by_label("Nickname").fill("Ada")
    phone.get_by_role("button", name="Join", exact=True).click()
    expect(phone.get_by_role("heading", name="You're in!")).to_be_visible()
    expect(projector.locator(".chip")).to_have_count(1)

    # From the list of games, in another tab of the teacher's browser.
    desk = teacher.new_page()
    desk.goto(live_server + "/host/")
    desk.get_by_role("link", name=re.compile(f"^Delete .*PIN {pin}")).click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Delete the game")
    expect(desk.locator("main")).to_contain_text("still in the lobby")
    problems = axe_problems(desk)
    desk.screenshot(path=str(artifacts / "delete-game.png"), full_page=True)
    desk.get_by_role("button", name="Delete the game and its players' data").click()
    expect(desk).to_have_url(re.compile(r"/host/$"))
    expect(desk.locator("main")).to_contain_text("Deleted the game")
    problems += axe_problems(desk)

    expect(phone.get_by_role("heading", name=GAME_DELETED)).to_be_visible(timeout=10_000)
    expect(phone.get_by_role("link", name="Play on your own instead")).to_be_visible()
    expect(projector.locator("#stage")).to_contain_text(GAME_DELETED, timeout=10_000)
    expect(projector.locator("#host-controls button")).to_have_count(0)
    expect(projector.locator("#join-banner")).to_have_count(0)
    phone.screenshot(path=str(artifacts / "deleted-game-phone.png"))
    # A reload says the same, and the results are gone.
    phone.reload()
    expect(phone.locator("main")).to_contain_text(GAME_DELETED)
    assert desk.goto(f"{live_server}/host/games/{game_id}/results").status == 404
    assert problems == [], "\n".join(problems)
