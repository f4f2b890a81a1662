"""Suggested questions in a real browser, with the real generator: import a saved page, open its
suggestions, accept three, edit one then accept it, reject one, publish the drafts, and play the
four in a set's self-study round; axe on the list and the edit form, at desktop and phone widths."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from quiz import db
from quiz.accounts.service import create_instructor
from quiz.bank.models import Question

from ..conftest import PROJECT_ROOT
from .test_round import VERDICT_LABELS, axe_problems, key_for

pytestmark = pytest.mark.browser

PAGE = PROJECT_ROOT / "bench" / "pages" / "byline-box" / "source.html"
PHONE = {"width": 390, "height": 844}


def card(page: Page, number: int = 1):
    return page.locator("article.suggestion").nth(number - 1)


def test_review_suggestions_then_play_them(app, live_server, page, artifacts):
    with app.app_context():
        create_instructor(db.session(), "author@example.org", "a long enough password")
        db.session().commit()
    problems: list[str] = []
    page.goto(live_server + "/account/sign-in")
    page.get_by_label("Email").fill("author@example.org")
    page.get_by_label("Password").fill("a long enough password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Your articles").click()
    page.get_by_role("link", name="Bring in an article").click()
    page.get_by_label("Web page (.html)").set_input_files(str(PAGE))
    page.get_by_role("button", name="Read the page").click()
    page.get_by_role("button", name="Save the article").click()
    article_url = page.url

    # The list: every suggestion with its evidence; the first one's marked in the article.
    page.get_by_role("link", name="Suggest questions").click()
    expect(page.get_by_role("heading", name="Suggested questions", level=1)).to_be_visible()
    total = page.locator("article.suggestion").count()
    assert total >= 5, f"only {total} suggestions"
    expect(page.locator("mark#evidence-1")).to_be_visible()
    page.screenshot(path=str(artifacts / "suggestions-desktop.png"), full_page=False)
    problems += axe_problems(page)

    # Accept three as drafts: each leaves the list, which then starts with the next one.
    for accepted in range(1, 4):
        prompt = card(page).locator("h3").inner_text()
        card(page).get_by_role("button", name="Accept as draft").click()
        expect(page.locator(".flashes")).to_contain_text("saved as a draft")
        expect(page.locator("article.suggestion")).to_have_count(total - accepted)
        expect(page.locator("article.suggestion h3").first).not_to_have_text(prompt)
    expect(page.locator(".decided-links")).to_contain_text("Accepted (3): show")

    # Edit one, then accept it as published.
    card(page).get_by_role("link", name="Edit, then accept").click()
    expect(page.get_by_role("heading", name="Edit the suggestion, then accept it")).to_be_visible()
    problems += axe_problems(page)
    page.screenshot(path=str(artifacts / "suggestion-edit.png"), full_page=False)
    page.get_by_label("Explanation, shown after answering").fill("Reworded by the teacher: the article's words decide it.")
    page.get_by_role("button", name="Accept and publish").click()
    expect(page.locator(".flashes")).to_contain_text("saved as published")
    expect(page.locator("article.suggestion")).to_have_count(total - 4)

    # Reject one; it can be shown again, with a way to undo.
    rejected = card(page).locator("h3").inner_text()
    card(page).get_by_role("button", name="Reject").click()
    expect(page.locator(".flashes")).to_contain_text("Rejected:")
    expect(page.locator("article.suggestion")).to_have_count(total - 5)
    page.get_by_role("link", name="show the rejected suggestions").click()
    expect(page.locator("article.suggestion h3")).to_have_text([rejected])
    expect(page.get_by_role("button", name="Undo the rejection")).to_be_visible()
    problems += axe_problems(page)

    # At a phone's width, the list comes first and the article after it.
    page.get_by_role("link", name="Back to the suggestions to review").click()
    page.set_viewport_size(PHONE)
    card(page).scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "suggestions-phone.png"), full_page=False)
    problems += axe_problems(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # Publish the three drafts on the article's page.
    page.goto(article_url)
    rows = page.locator("table.questions tbody tr")
    expect(rows).to_have_count(4)
    with app.app_context():
        article_id = int(article_url.rstrip("/").rsplit("/", 1)[1])
        drafts = db.session().scalars(select(Question.ident).where(Question.article_id == article_id, Question.status == "draft")).all()
    assert len(drafts) == 3
    for ident in drafts:
        page.get_by_role("button", name=f"Publish {ident}", exact=True).click()
        expect(page.locator(".flashes")).to_contain_text(f"Question {ident} is published")
    expect(page.locator("table.questions .status-published")).to_have_count(4)

    # Play the four: a set, then its self-study round, answered right from what the questions say.
    page.get_by_role("link", name="Your articles").click()
    page.get_by_label("New set's title").fill("Suggested, reviewed")
    page.get_by_role("button", name="Create the set").click()
    with app.app_context():
        ids = db.session().scalars(select(Question.id).where(Question.article_id == article_id).order_by(Question.position)).all()
    for question_id in ids:
        page.get_by_label("Add a published question").select_option(str(question_id))
        page.get_by_role("button", name="Add to the set").click()
    expect(page.locator("ol.set-items li")).to_have_count(4)
    page.get_by_role("link", name="Play it in self-study").click()
    page.get_by_role("button", name="Start").click()
    for position in range(1, 5):
        expect(page.locator("#progress-label")).to_contain_text(f"Question {position} of 4")
        key = key_for(app, page)
        if key["kind"] == "multiple_choice":
            page.get_by_label(key["correct_text"], exact=True).check()
        else:
            page.get_by_label(VERDICT_LABELS[key["verdict"]], exact=True).check()
            if key["verdict"] != "not_in_article":
                page.get_by_label("The sentence that shows it").select_option(str(key["sentence"]))
        page.get_by_role("button", name="Submit answer").click()
        expect(page.locator("#result")).to_contain_text("Right")
        page.get_by_role("link", name="See your results" if position == 4 else "Next question").click()
    expect(page.locator(".score-total")).to_contain_text("400 of 400 points")
    assert problems == []
