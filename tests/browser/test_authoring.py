"""An instructor's whole path in a real browser: import a saved page, fix it, write a claim by
selecting its evidence with the mouse, publish it, put it in a set, and play the set alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from quiz import db
from quiz.accounts.service import create_instructor

from ..conftest import PROJECT_ROOT
from .test_round import axe_problems

pytestmark = pytest.mark.browser

PAGE = PROJECT_ROOT / "bench" / "pages" / "byline-box" / "source.html"
SENTENCE = "Ley Valley Water admitted three offences under environmental permitting rules at Westford magistrates court on Wednesday."


def drag_select(page: Page, selector: str, text: str) -> None:
    """Select text inside the element with the mouse: press at its first letter, release after its last."""
    box = page.evaluate(
        """([selector, text]) => {
            const root = document.querySelector(selector);
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            let node, offset = -1;
            while ((node = walker.nextNode())) { offset = node.textContent.indexOf(text); if (offset >= 0) break; }
            const range = document.createRange();
            range.setStart(node, offset);
            range.setEnd(node, offset + text.length);
            range.startContainer.parentElement.scrollIntoView({block: "center"});
            const rects = range.getClientRects();
            const first = rects[0], last = rects[rects.length - 1];
            return {x0: first.left + 1, y0: first.top + first.height / 2, x1: last.right - 1, y1: last.top + last.height / 2};
        }""",
        [selector, text],
    )
    page.mouse.move(box["x0"], box["y0"])
    page.mouse.down()
    page.mouse.move((box["x0"] + box["x1"]) / 2, (box["y0"] + box["y1"]) / 2, steps=5)
    page.mouse.move(box["x1"], box["y1"], steps=5)
    page.mouse.up()


def test_import_a_page_write_a_claim_and_play_it(app, live_server, page, artifacts):
    with app.app_context():
        create_instructor(db.session(), "author@example.org", "a long enough password")
        db.session().commit()
    problems: list[str] = []
    page.goto(live_server + "/account/sign-in")
    page.get_by_label("Email").fill("author@example.org")
    page.get_by_label("Password").fill("a long enough password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Your articles").click()
    problems += axe_problems(page)
    page.get_by_role("link", name="Bring in an article").click()
    problems += axe_problems(page)

    # Import a saved web page.
    page.get_by_label("Web page (.html)").set_input_files(str(PAGE))
    page.get_by_role("button", name="Read the page").click()
    expect(page.get_by_role("heading", name="Check the article before saving")).to_be_visible()
    expect(page.get_by_label("Headline")).to_have_value("Water company fined £4.2m after sewage spills into protected river")
    expect(page.get_by_label("Author (byline)")).to_have_value("Priya Nair")
    problems += axe_problems(page)
    # Fix its metadata: the publisher as the page's masthead gives it, and a shorter headline.
    page.get_by_label("Publisher").fill("Westford Courier")
    page.get_by_label("Headline").fill("Water company fined £4.2m over sewage in the River Ley")
    page.get_by_role("button", name="Save the article").click()
    expect(page.get_by_role("heading", name="Water company fined £4.2m over sewage in the River Ley")).to_be_visible()
    expect(page.locator("dl.metadata")).to_contain_text("Westford Courier")

    # Write a claim, picking its evidence by selecting it with the mouse.
    page.get_by_role("link", name="New claim").click()
    page.get_by_label("The claim").fill("The water company admitted the offences in court.")
    page.get_by_label("Supported by the article").check()
    page.get_by_label("Explanation, shown after answering").fill("The report says Ley Valley Water admitted three offences.")
    page.get_by_label("Skill").select_option("attribution")
    drag_select(page, "#evidence-source", SENTENCE)
    page.get_by_role("button", name="Use the selected text").click()
    expect(page.get_by_label("Quote 1")).to_have_value(SENTENCE)
    expect(page.locator("#selection-status")).to_contain_text("Quote 1 set")
    page.screenshot(path=str(artifacts / "authoring-claim.png"))
    problems += axe_problems(page)
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".flashes")).to_contain_text("saved as published")
    row = page.locator("table.questions tbody tr").first
    expect(row).to_contain_text("The water company admitted the offences in court.")
    expect(row).to_contain_text("published")
    problems += axe_problems(page)

    # Put it in a set, and play the set alone from its link.
    page.get_by_role("link", name="Your articles").click()
    page.get_by_label("New set's title").fill("Week 1: courts")
    page.get_by_role("button", name="Create the set").click()
    mine = page.locator("#question option", has_text="The water company admitted").get_attribute("value")
    page.get_by_label("Add a published question").select_option(mine)
    page.get_by_role("button", name="Add to the set").click()
    expect(page.locator("ol.set-items li")).to_have_count(1)
    problems += axe_problems(page)
    page.get_by_role("link", name="Play it in self-study").click()
    expect(page.get_by_role("heading", name="Week 1: courts")).to_be_visible()
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#progress-label")).to_contain_text("Question 1 of 1")
    page.get_by_label("Supported by the article").check()
    sentence_option = page.locator("#sentence option", has_text="Ley Valley Water admitted").get_attribute("value")
    page.get_by_label("The sentence that shows it").select_option(sentence_option)
    page.get_by_role("button", name="Submit answer").click()
    expect(page.locator("#result")).to_contain_text("Right")
    expect(page.locator("mark#evidence-1")).to_contain_text("admitted three offences")
    page.get_by_role("link", name="See your results").click()
    expect(page.locator(".score-total")).to_contain_text("100 of 100 points")
    assert problems == []
