"""Suggested questions in a real browser, with the real generator: import a saved page, open its
suggestions, accept three, edit one then accept it, reject one, publish the drafts, and play the
four in a set's self-study round; axe on the list and the edit form, at desktop and phone widths."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from quiz import db
from quiz.accounts.service import create_instructor
from quiz.bank.models import Question
from quiz.suggest import review

from ..conftest import PROJECT_ROOT
from .test_authoring import drag_select
from .test_round import VERDICT_LABELS, axe_problems, key_for

pytestmark = pytest.mark.browser

PAGE = PROJECT_ROOT / "bench" / "pages" / "byline-box" / "source.html"
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
PHONE = {"width": 390, "height": 844}


def card(page: Page, number: int = 1):
    return page.locator("article.suggestion").nth(number - 1)


def test_review_suggestions_then_play_them(app, live_server, page, artifacts):
    problems: list[str] = []
    sign_in_and_import(app, live_server, page)
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
        answer_rightly(app, page)
        page.get_by_role("button", name="Submit answer").click()
        expect(page.locator("#result")).to_contain_text("Right")
        page.get_by_role("link", name="See your results" if position == 4 else "Next question").click()
    expect(page.locator(".score-total")).to_contain_text("400 of 400 points")
    assert problems == []


def at_both_widths(page: Page, artifacts, name: str, full_page: bool = False) -> list[str]:
    """Screenshot the page on a laptop and on a phone (NAME-desktop.png, NAME-phone.png), back to
    the laptop's width after; return axe's findings at the laptop's width."""
    page.screenshot(path=str(artifacts / f"{name}-desktop.png"), full_page=full_page)
    problems = axe_problems(page)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(artifacts / f"{name}-phone.png"), full_page=full_page)
    page.set_viewport_size({"width": 1280, "height": 900})
    return problems


def answer_rightly(app, page: Page) -> None:
    """Choose the current question's right answer, and for a claim the sentence that shows it
    from the list (the way without JavaScript's click in the article)."""
    key = key_for(app, page)
    if key["kind"] == "multiple_choice":
        page.get_by_label(key["correct_text"], exact=True).check()
    else:
        page.get_by_label(VERDICT_LABELS[key["verdict"]], exact=True).check()
        if key["verdict"] != "not_in_article":
            page.get_by_label("The sentence that shows it").select_option(str(key["sentence"]))


def sign_in_and_import(app, live_server, page: Page, source: Path = PAGE) -> str:
    """Sign in as a new instructor and read in the saved page; return the address of the page
    that shows it for checking before it is saved."""
    with app.app_context():
        create_instructor(db.session(), "author@example.org", "a long enough password")
        db.session().commit()
    page.goto(live_server + "/account/sign-in")
    page.get_by_label("Email").fill("author@example.org")
    page.get_by_label("Password").fill("a long enough password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Your articles").click()
    page.get_by_role("link", name="Bring in an article").click()
    page.get_by_label("Web page (.html)").set_input_files(str(source))
    page.get_by_role("button", name="Read the page").click()
    return page.url


def option_values(page: Page, label: str) -> list[str]:
    return page.get_by_label(label).locator("option").evaluate_all("options => options.map(o => o.value)")


def marked_passages(page: Page) -> list[str]:
    """The marked words of the article, without their badges, as a reader sees them."""
    return page.locator("#suggestion-article mark.evidence").evaluate_all(
        "marks => marks.map(m => { const c = m.cloneNode(true); c.querySelectorAll('.evidence-badge').forEach(b => b.remove()); return c.textContent.trim(); })"
    )


def test_the_review_pages_as_a_teacher_uses_them(app, live_server, page, browser, artifacts):
    """The points a cold trial found, in a real browser at a laptop's and a phone's width: the
    check page's width, the filters, marking a passage without a reload, the article's page, the
    feedback boxes, and playing a set again."""
    problems: list[str] = []
    sign_in_and_import(app, live_server, page)

    # Checking the article before saving: the form uses the page's width, as the other pages do.
    expect(page.get_by_role("heading", name="Check the article before saving")).to_be_visible()
    form_width = page.locator("form.review-form").bounding_box()["width"]
    main_width = page.locator("main").evaluate("m => m.clientWidth - parseFloat(getComputedStyle(m).paddingLeft) - parseFloat(getComputedStyle(m).paddingRight)")
    assert form_width >= 0.95 * main_width, (form_width, main_width)
    problems += at_both_widths(page, artifacts, "trial-article-check")
    page.get_by_role("button", name="Save the article").click()
    article_url = page.url

    # The filters: choosing a kind leaves every skill to choose, and they clear in one click.
    page.get_by_role("link", name="Suggest questions").click()
    skills, kinds = option_values(page, "Skill"), option_values(page, "Kind")
    assert len(skills) > 2 and kinds == ["", "claim", "multiple_choice"]
    page.get_by_label("Kind").select_option("multiple_choice")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name="Clear the filters")).to_be_visible()
    assert option_values(page, "Skill") == skills and option_values(page, "Kind") == kinds
    page.get_by_label("Kind").select_option("claim")
    page.get_by_role("button", name="Filter").click()
    assert option_values(page, "Skill") == skills
    claims = page.locator("article.suggestion").count()
    problems += at_both_widths(page, artifacts, "trial-suggestions-filters")
    page.get_by_role("link", name="Clear the filters").click()
    expect(page.get_by_label("Kind")).to_have_value("")
    total = page.locator("article.suggestion").count()
    assert total > claims

    # "Mark it in the article" marks the third one's passage beside the list, without a reload.
    page.evaluate("window.notReloaded = true")
    third = card(page, 3)
    third.get_by_role("link", name="Mark it in the article").click()
    expect(third.locator(".marked-note")).to_be_visible()
    expect(third).to_have_class(re.compile(r"\bfocused\b"))
    expect(card(page, 1)).not_to_have_class(re.compile(r"\bfocused\b"))
    expect(card(page, 1).get_by_role("link", name="Mark it in the article")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True
    expect(page.locator("#article-heading")).to_have_text("The article, marked for suggestion 3")
    expect(page.locator("#suggestion-article mark#evidence-1")).to_be_in_viewport()
    assert page.evaluate("document.activeElement.id") == "evidence-1"
    assert "focus=" in page.url
    quotes = [q.strip() for q in third.locator(".evidence-quotes blockquote").all_inner_texts()]
    by_script = marked_passages(page)
    assert " ".join(by_script).split() == " ".join(quotes).split()
    page.screenshot(path=str(artifacts / "trial-suggestions-marked-desktop.png"), full_page=False)
    problems += axe_problems(page)
    # The same as the server marks it (the no-JavaScript way: the link's own address).
    page.reload()
    assert marked_passages(page) == by_script
    assert page.locator("#suggestion-article .evidence-badge").all_inner_texts() == [
        f"{'Closest passage' if 'closest' in third.inner_text().lower() else 'Evidence'} {n}" for n in range(1, len(by_script) + 1)
    ][: page.locator("#suggestion-article .evidence-badge").count()]

    # On a phone the article is below the list: marking goes down to it.
    page.set_viewport_size(PHONE)
    page.evaluate("window.notReloaded = true")
    card(page, 2).get_by_role("link", name="Mark it in the article").click()
    expect(page.locator("#article-heading")).to_have_text("The article, marked for suggestion 2")
    expect(page.locator("#suggestion-article mark#evidence-1")).to_be_in_viewport()
    assert page.evaluate("window.notReloaded") is True
    page.screenshot(path=str(artifacts / "trial-suggestions-marked-phone.png"), full_page=False)
    problems += axe_problems(page)
    page.get_by_role("link", name="Back to suggestion 2").click()
    expect(card(page, 2).locator("h3")).to_be_in_viewport()
    expect(card(page, 2).locator("h3")).to_be_focused()  # and the keyboard is back there too
    page.set_viewport_size({"width": 1280, "height": 900})

    # Without JavaScript, the link reloads the list with that one marked.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False, storage_state=page.context.storage_state())
    plain = context.new_page()
    plain.goto(page.url.split("?")[0])
    card(plain, 4).get_by_role("link", name="Mark it in the article").click()
    expect(plain.locator("#article-heading")).to_have_text("The article, marked for suggestion 4")
    assert "focus=" in plain.url
    context.close()

    # The feedback boxes of the edit form are for a sentence or two.
    choice = page.locator("article.suggestion", has_text="Right answer:").first
    choice.get_by_role("link", name="Edit, then accept").click()
    box = page.get_by_label("Why option 2 is wrong")
    assert box.evaluate("b => b.tagName") == "TEXTAREA"
    line = box.evaluate("b => parseFloat(getComputedStyle(b).lineHeight)")
    assert box.bounding_box()["height"] >= 2 * line
    page.screenshot(path=str(artifacts / "trial-suggestion-edit-desktop.png"), full_page=False)
    problems += axe_problems(page)
    page.set_viewport_size(PHONE)
    box.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "trial-suggestion-edit-phone.png"), full_page=False)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Accept and publish").click()
    expect(page.locator(".flashes")).to_contain_text("saved as published")

    # The article's page: links named with their question; the delete looks destructive.
    page.goto(article_url)
    preview = page.locator("table.questions .actions a").first
    assert preview.bounding_box()["width"] < 100  # seen as "Preview"; the question is for screen readers
    name = page.locator("table.questions tbody th").first.inner_text()
    expect(page.get_by_role("link", name=re.compile(r"^Preview .+: " + re.escape(name[:30])))).to_have_count(1)
    expect(page.get_by_role("link", name=re.compile(r"^Edit .+: " + re.escape(name[:30])))).to_have_count(1)
    delete = page.get_by_role("button", name="Delete the article")
    other = page.get_by_role("button", name="Copy to my articles")
    assert delete.evaluate("b => getComputedStyle(b).color") != other.evaluate("b => getComputedStyle(b).color")
    problems += at_both_widths(page, artifacts, "trial-article")

    # A set of it, played, then played again from the results.
    page.get_by_role("button", name=re.compile(r"^Make a set of its")).first.click()
    page.get_by_role("link", name="Play it in self-study").click()
    set_url = page.url
    page.get_by_role("button", name="Start").click()
    answer_rightly(app, page)
    page.get_by_role("button", name="Submit answer").click()
    page.get_by_role("link", name="See your results").click()
    first_round = page.url
    problems += at_both_widths(page, artifacts, "trial-set-results", full_page=True)
    page.get_by_role("button", name="Play another round").click()
    expect(page.locator("#progress-label")).to_contain_text("Question 1 of 1")
    assert page.url != first_round and "/rounds/" in page.url and set_url not in page.url
    assert problems == []


def test_nothing_to_suggest_says_what_the_rules_look_for(app, live_server, page, artifacts, monkeypatch):
    monkeypatch.setattr(review, "suggest", lambda source, limit=None: [])
    sign_in_and_import(app, live_server, page)
    page.get_by_role("button", name="Save the article").click()
    page.get_by_role("link", name="Suggest questions").click()
    box = page.locator(".nothing-found")
    expect(box).to_contain_text("The rules found nothing to ask about this article. They look for:")
    expect(box).to_contain_text("figures and dates")
    problems = at_both_widths(page, artifacts, "trial-nothing-found")
    box.get_by_role("link", name="Write a claim").click()
    expect(page.get_by_role("heading", name="New claim")).to_be_visible()
    assert problems == []


def test_the_script_marks_every_passage_as_the_server_does(app, live_server, page, artifacts):
    """A second cold trial found the second passage of a card marked one character short
    ("Soelistyo sai|d") when marked in place: the badge's space was counted as article text. On
    a page whose cards mark a quotation and its speaker in one sentence, every card's marks made
    by the script are the server's."""
    sign_in_and_import(app, live_server, page, FIXTURES / "quoted-sources.html")
    page.get_by_role("button", name="Save the article").click()
    page.get_by_role("link", name="Suggest questions").click()
    two = 0
    for number in range(1, page.locator("article.suggestion").count() + 1):
        link = card(page, number).locator("a.mark-link")
        if not link.is_visible():
            continue  # the card marked already
        href = link.get_attribute("href")
        two += len(link.get_attribute("data-passages").split()) >= 2
        link.click()
        by_script = marked_passages(page)
        page.goto(urljoin(page.url, href))
        page.reload()  # the link's own address, loaded: the server's marks (goto alone keeps the page)
        assert marked_passages(page) == by_script, number
    assert two >= 2  # cards with a quotation and its speaker

    # After a decision the list comes back at the next card: the message saying what was saved is
    # in view, keyboard focus is on that card, and its evidence is the one marked in the article.
    page.goto(page.url.split("?")[0])
    decided = next(  # a card after the first, not the one with the speaker's passage (edited below)
        n for n in range(2, page.locator("article.suggestion").count() + 1)
        if "Soelistyo said" not in card(page, n).locator(".evidence-quotes").inner_text()
    )
    card(page, decided).get_by_role("button", name=re.compile(r"^Accept as draft")).click()
    expect(page.locator(".flashes")).to_be_in_viewport()
    expect(page.locator(".flashes")).to_contain_text("saved as a draft")
    key = page.url.split("#card-")[1]
    expect(page.locator(f"#card-{key} h3")).to_be_focused()
    assert page.evaluate("document.activeElement.closest('li') && document.activeElement.closest('li').id") == f"card-{key}"
    expect(page.locator(f"#card-{key} article.suggestion")).to_have_class(re.compile(r"\bfocused\b"))
    expect(page.locator(f"#card-{key} h3")).to_be_in_viewport()
    page.screenshot(path=str(artifacts / "trial-after-decision-desktop.png"), full_page=False)

    # Edit, then accept: the card's evidence is marked beside the form, and a passage selected
    # next to a mark is taken with the article's words around it, no label of the mark's.
    card_with_speaker = next(
        n for n in range(1, page.locator("article.suggestion").count() + 1)
        if "Soelistyo said" in card(page, n).locator(".evidence-quotes").inner_text()
    )
    card(page, card_with_speaker).get_by_role("link", name=re.compile(r"^Edit, then accept")).click()
    expect(page.locator("#evidence-source mark.evidence").first).to_be_visible()
    assert page.locator("#evidence-source .evidence-badge").count() == 0
    drag_select(page, "#evidence-source", "at a meeting in the harbour office")
    page.get_by_role("button", name="Use the selected text").click()
    expect(page.get_by_label("Quote 3")).to_have_value("at a meeting in the harbour office")
    prefix = page.locator("#prefix-3").input_value()
    assert prefix.endswith("Soelistyo said ") and "Evidence" not in prefix
