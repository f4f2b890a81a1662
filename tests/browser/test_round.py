"""Whole rounds in a real browser: by mouse, by keyboard alone, with axe-core on every page."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from quiz import db
from quiz.study.service import find_attempt

pytestmark = pytest.mark.browser

AXE = Axe()
SERIOUS = {"serious", "critical"}


def axe_problems(page: Page) -> list[str]:
    """Return axe-core's serious and critical violations on the page, one line each."""
    results = AXE.run(page)
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


def key_for(app, page: Page):
    """Return the current question's item, read from the database the way the test's player knows it."""
    token, position = re.search(r"/rounds/([^/]+)/(\d+)", page.url).groups()
    with app.app_context():
        attempt = find_attempt(db.session(), token)
        item = attempt.item_at(int(position))
        question = item.question
        evidence = question.evidence[0]
        sentence = next(s for s in question.article.sentences if s.start <= evidence.start < s.end)
        return {
            "kind": question.kind,
            "correct_text": question.correct_option.text if question.kind == "multiple_choice" else None,
            "verdict": question.verdict,
            "sentence": sentence.position,
        }


VERDICT_LABELS = {
    "supported": "Supported by the article",
    "contradicted": "Contradicted by the article",
    "not_in_article": "Not in the article",
}


def evidence_in_view(page: Page) -> bool:
    """Say whether the first evidence mark is inside the visible part of the article panel."""
    return page.evaluate(
        """() => {
            const pane = document.querySelector('.article-scroll');
            const mark = document.getElementById('evidence-1');
            const a = pane.getBoundingClientRect(), b = mark.getBoundingClientRect();
            return b.top >= a.top && b.bottom <= a.bottom;
        }"""
    )


def test_a_whole_round_by_mouse_with_axe_on_every_page(app, live_server, page, artifacts):
    problems: list[str] = []
    page.goto(live_server + "/")
    problems += axe_problems(page)
    page.get_by_label("Mixed").check()
    page.get_by_role("button", name="Start the round").click()
    for position in range(1, 11):
        expect(page.locator("#progress-label")).to_contain_text(f"Question {position} of 10")
        problems += axe_problems(page)
        key = key_for(app, page)
        if key["kind"] == "multiple_choice":
            page.get_by_label(key["correct_text"], exact=True).check()
        else:
            page.get_by_label(VERDICT_LABELS[key["verdict"]], exact=True).check()
            if key["verdict"] != "not_in_article":
                # Click the sentence in the article itself; the no-JavaScript list follows it.
                page.locator(f"#s{key['sentence']}").click()
                expect(page.locator("#sentence")).to_have_value(str(key["sentence"]))
                expect(page.locator("#picked-status")).to_have_text(f"Sentence {key['sentence']} chosen as your evidence.")
                expect(page.locator(f"#s{key['sentence']}")).to_have_class(re.compile(r"\bchosen\b"))
        page.get_by_role("button", name="Submit answer").click()
        expect(page.locator("#result")).to_contain_text("Right")
        expect(page.locator("#result")).to_contain_text("100 points")
        expect(page.locator("mark#evidence-1")).to_be_visible()
        assert evidence_in_view(page), "the article panel is not scrolled to the evidence"
        if position == 1:
            page.screenshot(path=str(artifacts / "feedback.png"), full_page=False)
        problems += axe_problems(page)
        page.get_by_role("link", name="See your results" if position == 10 else "Next question").click()
    expect(page.get_by_role("heading", name="Your results", level=1)).to_be_visible()
    expect(page.locator(".score-total")).to_contain_text("1000 of 1000 points")
    expect(page.locator("ol.review-list > li")).to_have_count(10)
    problems += axe_problems(page)
    page.locator("ol.review-list a").first.click()
    expect(page.locator("mark#evidence-1")).to_be_visible()
    page.goto(live_server + "/articles/amazon-rekognition-letter")
    problems += axe_problems(page)
    assert problems == []
    assert (artifacts / "feedback.png").stat().st_size > 10_000


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches selector, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_a_whole_round_by_keyboard_alone(app, live_server, page):
    page.goto(live_server + "/")
    tab_to(page, "input[name=round]")
    # Arrow keys move through a radio group: multiple choice, claims, mixed.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Mixed")).to_be_checked()
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    for position in range(1, 11):
        expect(page.locator("#progress-label")).to_contain_text(f"Question {position} of 10")
        key = key_for(app, page)
        if key["kind"] == "multiple_choice":
            labels = page.locator(".answer-form .choice label").all_inner_texts()
            target = labels.index(key["correct_text"])
            tab_to(page, "input[name=choice]")
            page.keyboard.press("Space")
            for _ in range(target):
                page.keyboard.press("ArrowDown")
            expect(page.get_by_label(key["correct_text"], exact=True)).to_be_checked()
        else:
            order = ["supported", "contradicted", "not_in_article"]
            tab_to(page, "input[name=verdict]")
            page.keyboard.press("Space")
            for _ in range(order.index(key["verdict"])):
                page.keyboard.press("ArrowDown")
            expect(page.get_by_label(VERDICT_LABELS[key["verdict"]], exact=True)).to_be_checked()
            if key["verdict"] != "not_in_article":
                # The numbered list of sentences: typing a sentence's number selects it.
                tab_to(page, "select#sentence")
                page.keyboard.type(f"{key['sentence']}.")
                expect(page.locator("#sentence")).to_have_value(str(key["sentence"]))
                expect(page.locator(f"#s{key['sentence']}")).to_have_class(re.compile(r"\bchosen\b"))
        tab_to(page, "button[type=submit]")
        page.keyboard.press("Enter")
        expect(page.locator("#result")).to_contain_text("Right")
        expect(page.locator("#result")).to_be_focused()
        tab_to(page, "nav.next a")
        page.keyboard.press("Enter")
    expect(page.locator(".score-total")).to_contain_text("1000 of 1000 points")


def test_the_evidence_list_works_without_javascript(app, live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/")
    page.get_by_label("Claims").check()
    page.get_by_role("button", name="Start the round").click()
    key = key_for(app, page)
    page.get_by_label(VERDICT_LABELS[key["verdict"]], exact=True).check()
    if key["verdict"] != "not_in_article":
        page.get_by_label("The sentence that shows it").select_option(str(key["sentence"]))
    page.get_by_role("button", name="Submit answer").click()
    expect(page.locator("#result")).to_contain_text("Right")
    context.close()


def test_the_axe_scan_does_find_problems(page):
    # Guards the scans above against passing because axe never ran.
    page.set_content("<html><body><img src='x.png'><button></button></body></html>")
    problems = axe_problems(page)
    assert any("image-alt" in problem for problem in problems)
    assert any("button-name" in problem for problem in problems)
