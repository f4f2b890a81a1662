"""A live game as a classroom plays it: a 1920×1080 projector and three phones, the article on
every screen, claims answered by tapping the sentence, a reload mid-claim, extra time, and the
projector's sizes read from the back of the room."""

from __future__ import annotations

import io
import re
import time

import pytest
from playwright.sync_api import Page, expect

from quiz import db
from quiz.accounts.service import create_instructor
from quiz.live.models import Game, LiveAnswer, Player
from quiz.live.service import load_game

from .test_round import VERDICT_LABELS, axe_problems

pytestmark = pytest.mark.browser

PASSWORD = "projector password"
PROJECTOR = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
# Long enough for the axe scans and the reload before the deadline on a slow machine.
CLAIM_SECONDS = 25


def claim_key(app, game_id: int) -> dict:
    """Return the open claim's verdict and the number of its evidence sentence."""
    with app.app_context():
        game = load_game(db.session(), game_id)
        question = game.question_at(game.position).question
        assert question.kind == "claim"
        evidence = question.evidence[0]
        sentence = next(s for s in question.article.sentences if s.start <= evidence.start < s.end)
        return {"verdict": question.verdict, "sentence": sentence.position, "needs_sentence": question.verdict != "not_in_article"}


def evidence_text(app, game_id: int) -> str:
    """Return the open question's evidence quotes, in the article's order, without white space."""
    with app.app_context():
        game = load_game(db.session(), game_id)
        quotes = sorted(game.question_at(game.position).question.evidence, key=lambda e: e.start)
        return re.sub(r"\s+", "", "".join(e.exact for e in quotes))


def marked_text(page: Page, scope: str) -> str:
    """Return the article text inside the evidence marks, without their badges or white space."""
    text = page.locator(f"{scope} mark.live-evidence").evaluate_all(
        "marks => marks.map(mark => Array.from(mark.childNodes)"
        ".filter(n => !(n.classList && n.classList.contains('live-badge'))).map(n => n.textContent).join('')).join('')"
    )
    return re.sub(r"\s+", "", text)


def font_px(page: Page, selector: str) -> float:
    return page.locator(selector).first.evaluate("node => parseFloat(getComputedStyle(node).fontSize)")


def box_px(page: Page, selector: str) -> float:
    return page.locator(selector).first.evaluate("node => node.getBoundingClientRect().width")


def choose_claim(phone: Page, key: dict, by_tap: bool = True) -> None:
    """Choose verdict and evidence on the phone's one screen, without sending."""
    phone.get_by_role("button", name=re.compile(VERDICT_LABELS[key["verdict"]])).click()
    if key["needs_sentence"]:
        if by_tap:
            sentence = phone.locator(f'#phone-article .live-article:not([hidden]) .sentence[data-sentence="{key["sentence"]}"]')
            sentence.scroll_into_view_if_needed()
            sentence.click()
        else:
            phone.get_by_label("The sentence that shows it").select_option(str(key["sentence"]))


def test_a_classroom_game_on_a_projector_and_three_phones(app, live_server, browser, artifacts):
    import zxingcpp
    from PIL import Image

    with app.app_context():
        create_instructor(db.session(), "host@example.org", PASSWORD)
        db.session().commit()
    problems: list[str] = []
    projector = browser.new_context(viewport=PROJECTOR).new_page()
    projector.goto(live_server + "/host/")
    projector.get_by_label("Email").fill("host@example.org")
    projector.get_by_label("Password").fill(PASSWORD)
    projector.get_by_role("button", name="Sign in").click()
    projector.get_by_label("Question set").select_option("amazon-rekognition-letter:claims")
    projector.get_by_label("Seconds per claim").fill(str(CLAIM_SECONDS))
    projector.get_by_label("Reading time before the first question").select_option("host")
    problems += axe_problems(projector)
    projector.get_by_role("button", name="Open the lobby").click()
    game_id = int(re.search(r"/host/games/(\d+)", projector.url).group(1))
    pin = re.sub(r"\D", "", projector.locator(".pin").inner_text())

    # The lobby, from the back of the room: sizes at 1920×1080, and a QR code a phone can use.
    assert font_px(projector, ".pin") >= 96
    assert font_px(projector, ".join-address") >= 32
    assert box_px(projector, "img.qr") >= 360
    expect(projector.locator(".site-header")).to_have_count(0)
    qr = Image.open(io.BytesIO(projector.locator("img.qr").screenshot()))
    decoded = [result.text for result in zxingcpp.read_barcodes(qr)]
    assert len(decoded) == 1 and decoded[0].endswith(f"/join?pin={pin}")
    assert not re.match(r"https?://(127\.|localhost|\[::1\])", decoded[0]), decoded[0]
    projector.screenshot(path=str(artifacts / "classroom-1-lobby-projector.png"))

    # With no one in, starting asks first.
    projector.get_by_role("button", name="Start reading time").click()
    expect(projector.get_by_role("dialog")).to_contain_text("No one has joined yet")
    projector.get_by_role("button", name="Wait for players").click()
    expect(projector.get_by_role("dialog")).to_be_hidden()

    phones: dict[str, Page] = {}
    for name in ("Ada", "Ben", "Cy"):
        phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
        phone.goto(f"{live_server}/join?pin={pin}")
        phone.get_by_label("Nickname").fill(name)
        phone.get_by_role("button", name="Join", exact=True).click()
        expect(phone.get_by_role("heading", name="You're in!")).to_be_visible()
        phones[name] = phone
    expect(projector.locator(".chip")).to_have_count(3)
    # No site menu on a phone during a game, and the article is there from the lobby on.
    expect(phones["Ada"].locator(".site-header")).to_have_count(0)
    expect(phones["Ada"].get_by_role("heading", name="The article")).to_be_visible()
    phones["Ada"].screenshot(path=str(artifacts / "classroom-1-lobby-phone.png"), full_page=True)
    problems += axe_problems(projector) + axe_problems(phones["Ada"])

    # Cy gets double time, on the host's own page, which the projector never shows.
    players = projector.context.new_page()
    players.goto(f"{live_server}/host/games/{game_id}/players")
    players.get_by_label("Extra time for Cy").select_option("100")
    players.get_by_role("button", name="Save extra time for Cy").click()
    expect(players.get_by_role("status")).to_contain_text("Cy now has +100% time")
    problems += axe_problems(players)
    players.close()
    expect(projector.locator("body")).not_to_contain_text("+100%")

    # Reading time: the article alone, on every screen.
    projector.keyboard.press("n")
    expect(projector.get_by_role("heading", name="Reading time")).to_be_visible()
    expect(projector.locator("#projector-article .live-article:not([hidden])")).to_be_visible()
    for phone in phones.values():
        expect(phone.get_by_role("heading", name="Reading time")).to_be_visible()
        expect(phone.locator("#phone-article .sentence").first).to_be_visible()
    projector.screenshot(path=str(artifacts / "classroom-2-reading-projector.png"))
    phones["Ben"].screenshot(path=str(artifacts / "classroom-2-reading-phone.png"))
    problems += axe_problems(projector) + axe_problems(phones["Ben"])
    projector.get_by_role("button", name="Start the questions").click()

    # Question 1, a claim: question and article side by side on the projector, the article under
    # the question on the phones.
    expect(projector.locator(".question-count")).to_have_text(re.compile("^Question 1 of 10"))
    key = claim_key(app, game_id)
    assert font_px(projector, ".big-prompt") >= 44
    assert font_px(projector, ".options.big li") >= 32
    expect(projector.locator("#projector-article")).to_be_visible()
    projector.screenshot(path=str(artifacts / "classroom-3-question-projector.png"))
    ada, ben, cy = phones["Ada"], phones["Ben"], phones["Cy"]
    for phone in phones.values():
        expect(phone.locator(".phone-prompt")).to_have_text(projector.locator(".big-prompt").inner_text())
        expect(phone.locator("#phone-article .sentence-number").first).to_be_visible()
    problems += axe_problems(projector) + axe_problems(ada)

    # Ada: verdict, then a tap on the sentence in the article; the countdown stays in view.
    choose_claim(ada, key)
    expect(ada.locator(".countdown")).to_be_in_viewport()
    ada.screenshot(path=str(artifacts / "classroom-3-question-phone-chosen.png"))
    problems += axe_problems(ada)
    ada.get_by_role("button", name="Send answer").click()
    expect(ada.locator(".sent")).to_be_visible()
    expect(projector.locator(".answered")).to_have_text("1 of 3 answered")

    # Ben chooses with the list, reloads before sending, and finds his choice still there.
    choose_claim(ben, key, by_tap=False)
    ben.reload()
    expect(ben.get_by_role("button", name=re.compile(VERDICT_LABELS[key["verdict"]]))).to_have_attribute("aria-pressed", "true")
    if key["needs_sentence"]:
        expect(ben.get_by_label("The sentence that shows it")).to_have_value(str(key["sentence"]))
    ben.get_by_role("button", name="Send answer").click()
    expect(ben.locator(".sent")).to_be_visible()

    # Cy answers after everyone else's time is up, within his own, and is counted.
    with app.app_context():
        deadline = db.session().get(Game, game_id).deadline_ms
    wait = deadline / 1000 - time.time() + 1.5
    if wait > 0:
        time.sleep(wait)
    expect(projector.locator(".waiting")).to_be_visible()
    choose_claim(cy, key)
    cy.get_by_role("button", name="Send answer").click()

    # The reveal: the evidence highlighted in the article, on the projector and the phones.
    expect(projector.locator(".reveal-answer")).to_be_visible()
    expect(projector.locator("#projector-article mark.live-evidence").first).to_be_visible()
    assert font_px(projector, ".explanation") >= 28
    assert font_px(projector, "#projector-article mark.live-evidence") >= 28
    projector.screenshot(path=str(artifacts / "classroom-4-reveal-projector.png"))
    for phone in phones.values():
        expect(phone.locator(".phone-result")).to_contain_text("Right")
        expect(phone.locator(".explanation")).to_be_visible()
        expect(phone.locator("#phone-article mark.live-evidence").first).to_be_attached()
    if key["needs_sentence"]:
        expect(ada.locator(".compare-yours")).to_contain_text(f"Your sentence ({key['sentence']})")
    ada.screenshot(path=str(artifacts / "classroom-4-reveal-phone.png"), full_page=True)
    problems += axe_problems(projector) + axe_problems(ada)
    with app.app_context():
        session = db.session()
        cy_id = session.query(Player.id).filter_by(game_id=game_id, nickname="Cy").scalar()
        late = session.query(LiveAnswer).filter_by(player_id=cy_id, position=1).one()
        assert late.answered_ms > deadline + app.config["LIVE_ANSWER_GRACE_MS"] and late.correct

    # The projector's screen modes, from the keyboard.
    projector.keyboard.press("1")
    expect(projector.locator("#projector-article")).to_be_hidden()
    expect(projector.locator(".reveal-passages mark").first).to_be_visible()
    projector.keyboard.press("3")
    expect(projector.locator("#projector-article")).to_be_visible()

    projector.get_by_role("button", name="Show the leaderboard").click()
    expect(projector.locator("table.leaderboard tbody tr")).to_have_count(3)
    assert font_px(projector, "table.leaderboard tbody tr") >= 32
    projector.screenshot(path=str(artifacts / "classroom-5-leaderboard-projector.png"))
    problems += axe_problems(projector)

    # Question 2: nothing of the last reveal is left in the article, and the new evidence is
    # highlighted exactly, on every screen.
    projector.keyboard.press("n")
    expect(projector.locator(".question-count")).to_have_text(re.compile("^Question 2 of 10"))
    for page in (projector, *phones.values()):
        expect(page.locator("mark.live-evidence, .live-badge")).to_have_count(0)
    assert "Evidence" not in ada.get_by_label("The sentence that shows it").inner_text()
    key = claim_key(app, game_id)
    for phone in phones.values():
        choose_claim(phone, key)
        phone.get_by_role("button", name="Send answer").click()
    expect(projector.locator(".reveal-answer")).to_be_visible()
    exact = evidence_text(app, game_id)
    assert marked_text(projector, "#projector-article") == exact
    expect(ada.locator("#phone-article mark.live-evidence").first).to_be_attached()
    assert marked_text(ada, "#phone-article") == exact
    projector.get_by_role("button", name="Show the leaderboard").click()

    # The help overlay lists the shortcuts; ending asks first.
    projector.keyboard.press("?")
    expect(projector.get_by_role("dialog", name="Keyboard shortcuts")).to_be_visible()
    projector.keyboard.press("Escape")
    projector.get_by_role("button", name="End the game…").click()
    expect(projector.get_by_role("dialog")).to_contain_text("after 2 of 10 questions")
    projector.get_by_role("button", name="Keep playing").click()
    with app.app_context():
        assert db.session().get(Game, game_id).phase == "leaderboard"
    projector.keyboard.press("e")
    projector.get_by_role("button", name="End the game", exact=True).click()

    expect(projector.get_by_role("heading", name="Podium")).to_be_visible()
    expect(projector.locator(".podium li")).to_have_count(3)
    expect(projector.locator(".join-banner")).to_have_count(0)
    expect(projector.locator(".podium li").first).to_contain_text(re.compile(r"Ada|Ben|Cy"))
    projector.screenshot(path=str(artifacts / "classroom-6-podium-projector.png"))
    for phone in phones.values():
        expect(phone.get_by_role("heading", name="Game over")).to_be_visible()
    ada.screenshot(path=str(artifacts / "classroom-6-end-phone.png"), full_page=True)
    problems += axe_problems(projector) + axe_problems(ada)

    projector.get_by_role("link", name="Results and downloads").click()
    expect(projector.locator("h1")).to_contain_text("Results")
    problems += axe_problems(projector)
    assert problems == [], "\n".join(problems)


def test_the_projector_is_usable_at_1280_by_720(app, live_server, browser, artifacts):
    with app.app_context():
        create_instructor(db.session(), "small@example.org", PASSWORD)
        db.session().commit()
    projector = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    projector.goto(live_server + "/host/")
    projector.get_by_label("Email").fill("small@example.org")
    projector.get_by_label("Password").fill(PASSWORD)
    projector.get_by_role("button", name="Sign in").click()
    projector.get_by_label("Question set").select_option("amazon-rekognition-letter:mixed")
    projector.get_by_role("button", name="Open the lobby").click()
    # Everything of the lobby fits: the PIN, the QR code and the host's first control.
    for selector in (".pin", "img.qr", 'form[data-action="next"] button'):
        expect(projector.locator(selector)).to_be_in_viewport()
    projector.get_by_role("button", name="Start the game").click()
    projector.get_by_role("button", name="Start anyway").click()
    expect(projector.locator(".big-prompt")).to_be_visible()
    for selector in (".big-prompt", ".countdown", 'form[data-action="skip"] button'):
        expect(projector.locator(selector)).to_be_in_viewport()
    projector.screenshot(path=str(artifacts / "classroom-7-question-1280.png"))
    problems = axe_problems(projector)
    # With the article large, the question's clock and count still show whole.
    projector.keyboard.press("2")
    expect(projector.locator("#projector-article")).to_be_visible()
    for selector in (".question-count", ".countdown", ".answered"):
        expect(projector.locator(selector)).to_be_in_viewport(ratio=1)
    projector.screenshot(path=str(artifacts / "classroom-7-article-mode-1280.png"))
    projector.keyboard.press("3")
    # The reveal fits beside the article: the answer, the explanation and every bar of the chart.
    projector.keyboard.press("c")
    expect(projector.locator(".reveal-answer")).to_be_visible()
    for selector in (".reveal-answer", ".explanation", ".distribution li >> nth=-1"):
        expect(projector.locator(selector)).to_be_in_viewport(ratio=1)
    projector.screenshot(path=str(artifacts / "classroom-7-reveal-1280.png"))
    # Without JavaScript, "End the game" is a page that asks first.
    game_id = re.search(r"/host/games/(\d+)", projector.url).group(1)
    projector.goto(f"{live_server}/host/games/{game_id}/confirm/end")
    expect(projector.get_by_role("heading", name="End the game?")).to_be_visible()
    problems += axe_problems(projector)
    projector.get_by_role("button", name="End the game").click()
    expect(projector.get_by_role("heading", name="Podium")).to_be_visible()
    assert problems == [], "\n".join(problems)
