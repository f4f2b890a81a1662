"""Homework in a real browser: a teacher makes a set and assigns it with a closing time and two
attempts; two students do it on phones, one leaving after two questions and resuming later on
the same browser; the teacher watches the submissions arrive without reloading, reads the report
and downloads the XLSX. axe-core runs on every page the assignments brought, and screenshots of
them are saved as tests/artifacts/assign-*.png."""

from __future__ import annotations

import re
from datetime import date, timedelta

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from quiz import db
from quiz.accounts.service import create_instructor

from .test_round import AXE, SERIOUS, VERDICT_LABELS, key_for

pytestmark = pytest.mark.browser

EMAIL, PASSWORD = "teacher@example.org", "a long enough password"
SET_TITLE = "Week 3: who said what"
TITLE = "Homework: who said what?"
# One of each kind the student pages ask: multiple choice, and a claim that is supported, one
# contradicted and one not in the article (the first two need a sentence as evidence).
QUESTIONS = ["mc-letter-recipient", "claim-palantir-unsourced", "claim-employees-privacy", "claim-bezos-replied"]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
WCAG = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}


def axe_violations(page: Page) -> list[str]:
    """Every axe-core violation of a WCAG 2 A or AA rule, whatever its impact, and every serious
    or critical one of the other rules (as tests/browser/test_round.py counts them)."""
    results = AXE.run(page)
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if WCAG & set(v["tags"]) or v["impact"] in SERIOUS
    ]


def assert_no_sideways_scroll(page: Page) -> None:
    """The page fits its viewport's width: nothing, not even visually hidden text, sticks out (a phone
    would otherwise lay the page out wider and shrink it)."""
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width} px wide in a {page.viewport_size['width']} px viewport"


def answer_question(app, page: Page, right: bool, tap: bool = False) -> None:
    """Answer the question on the page, right or wrong, as a student on a phone would, and submit it."""
    key = key_for(app, page)
    if key["kind"] == "multiple_choice":
        labels = page.locator(".answer-form .choice label").all_inner_texts()
        text = key["correct_text"] if right else next(label for label in labels if label != key["correct_text"])
        page.get_by_label(text, exact=True).check()
    else:
        verdict = key["verdict"] if right else ("not_in_article" if key["verdict"] != "not_in_article" else "supported")
        page.get_by_label(VERDICT_LABELS[verdict], exact=True).check()
        if verdict != "not_in_article":
            sentence = str(key["sentence"] if right else 1)
            if tap:
                # Tap the sentence in the article itself; the list below the verdicts follows it.
                page.locator(f"#s{sentence}").tap()
                expect(page.locator("#sentence")).to_have_value(sentence)
            else:
                page.get_by_label("The sentence that shows it").select_option(sentence)
    page.get_by_role("button", name="Submit answer").click()
    expect(page.locator("#result")).to_contain_text("Right" if right else "Wrong")


def go_on(page: Page) -> None:
    """From the feedback page to the next question, or to the results after the last one."""
    next_link = page.get_by_role("link", name=re.compile(r"^(Next question|See your results)$"))
    next_link.click()


def test_a_teacher_assigns_a_set_two_students_do_it_and_the_teacher_reads_the_report(
    app, live_server, browser, page, artifacts, tmp_path
):
    with app.app_context():
        create_instructor(db.session(), EMAIL, PASSWORD)
        db.session().commit()
    problems: list[str] = []

    def check(tab: Page, name: str, full_page: bool = True) -> None:
        nonlocal problems
        problems += axe_violations(tab)
        # A tab's title is plain text: no markup that slipped into it (the form's page had a <script>).
        assert re.fullmatch(r"[^<>]+ · Evidence Quiz", tab.title()), tab.title()
        assert_no_sideways_scroll(tab)
        tab.screenshot(path=str(artifacts / f"assign-{name}.png"), full_page=full_page)

    # The teacher signs in and makes a set of four built-in questions.
    page.goto(live_server + "/account/sign-in")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Your articles").click()
    page.get_by_label("New set's title").fill(SET_TITLE)
    page.get_by_role("button", name="Create the set").click()
    for ident in QUESTIONS:
        value = page.locator("#question option", has_text=f"· {ident}:").get_attribute("value")
        page.get_by_label("Add a published question").select_option(value)
        page.get_by_role("button", name="Add to the set").click()
    expect(page.locator("ol.set-items > li")).to_have_count(len(QUESTIONS))

    # ... and assigns it, with a closing time a week ahead and two attempts.
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Assignments").click()
    expect(page.get_by_role("heading", name="Set an assignment")).to_be_visible()
    expect(page).to_have_title("Assignments · Evidence Quiz")
    check(page, "form")
    source = page.locator("#source option", has_text=f"Your set: {SET_TITLE}").get_attribute("value")
    page.get_by_label("Questions", exact=True).select_option(source)
    page.get_by_label("Title (optional)").fill(TITLE)
    page.get_by_label("Closes (optional)").fill(f"{date.today() + timedelta(days=7):%Y-%m-%d}T17:00")
    page.get_by_label("Attempts allowed").fill("2")
    page.get_by_label("The best attempt counts").check()
    page.get_by_role("button", name="Set the assignment").click()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    code = page.locator(".big-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{6}", code), code
    expect(page.locator(".flashes")).to_contain_text(code)
    expect(page.locator(".homework-rules")).to_contain_text("closes")
    expect(page.locator(".homework-rules")).to_contain_text("2 attempts, best counts")
    expect(page.locator("#submissions-body")).to_contain_text("No student has started yet")
    problems += axe_violations(page)
    # The teacher's page stays open from here on: a reload would lose this mark.
    page.evaluate("window.notReloaded = true")
    submissions = page.locator("#submissions-body")

    # Student A, on a phone: the home page's "Homework code" form, a name and a class, every question.
    ana_context = browser.new_context(**PHONE)
    ana = ana_context.new_page()
    ana.goto(live_server + "/")
    check(ana, "home-code", full_page=False)
    ana.get_by_label("Homework code").fill(code.lower())
    ana.get_by_role("button", name="Open", exact=True).click()
    expect(ana).to_have_url(f"{live_server}/a/{code}")
    expect(ana.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(ana.locator(".homework-rules")).to_contain_text("2 attempts; your best one counts")
    check(ana, "landing")
    ana.get_by_label("Your name").fill("Ana López")
    ana.get_by_label("Your class").fill("9B")
    ana.get_by_role("button", name="Start").click()
    for position in range(1, len(QUESTIONS) + 1):
        expect(ana.locator("#progress-label")).to_contain_text(f"Question {position} of {len(QUESTIONS)}")
        expect(ana.locator(".homework-line")).to_contain_text(f"{TITLE} · attempt 1 of 2 · Ana López")
        if position == 2:
            # A claim: verdicts, the sentence list and the article, on a phone.
            check(ana, "question")
        answer_question(app, ana, right=True, tap=True)
        go_on(ana)
    expect(ana.get_by_role("heading", name="Handed in")).to_be_visible()
    expect(ana.locator(".handed-in")).to_contain_text("Ana López (9B): your teacher has this attempt (attempt 1 of 2")
    expect(ana.locator(".score-total")).to_contain_text("400 of 400 points")
    expect(ana.get_by_role("button", name="Start attempt 2 of 2")).to_be_visible()
    check(ana, "summary")
    ana_context.close()

    # Student B, on another phone: the link, two questions, then the tab is closed mid-attempt.
    ben_context = browser.new_context(**PHONE)
    ben = ben_context.new_page()
    ben.goto(f"{live_server}/a/{code}")
    ben.get_by_label("Your name").fill("Ben Okafor")
    ben.get_by_label("Your class").fill("9B")
    ben.get_by_role("button", name="Start").click()
    answer_question(app, ben, right=False)
    go_on(ben)
    answer_question(app, ben, right=True)
    ben.close()
    # The teacher sees Ben working, without reloading.
    expect(submissions.locator("tr", has_text="Ben Okafor")).to_contain_text("working 2 of 4 answered (attempt 1)", timeout=12_000)

    # Later, a new tab in the same browser: the assignment's page offers to continue at question 3.
    ben = ben_context.new_page()
    ben.goto(f"{live_server}/a/{code}")
    expect(ben.get_by_role("heading", name="You: Ben Okafor · 9B")).to_be_visible()
    expect(ben.locator("table.attempts")).to_contain_text("under way: 2 of 4 answered")
    expect(ben.get_by_label("Your name")).to_have_count(0)
    check(ben, "resume")
    ben.get_by_role("button", name="Continue attempt 1").click()
    expect(ben).to_have_url(re.compile(r"/rounds/[^/]+/3$"))
    expect(ben.locator("#progress-label")).to_contain_text("Question 3 of 4 · 100 points so far")
    answer_question(app, ben, right=True)
    go_on(ben)
    answer_question(app, ben, right=True)
    go_on(ben)
    expect(ben.get_by_role("heading", name="Handed in")).to_be_visible()
    expect(ben.locator(".score-total")).to_contain_text("300 of 400 points")
    ben_context.close()

    # The teacher's page has updated itself: both handed in, still the same page.
    expect(page.locator("#submissions-status")).to_have_text(
        "2 students, 2 handed in. This list updates itself every 5 seconds.", timeout=12_000
    )
    expect(submissions.locator("tr", has_text="Ana López")).to_contain_text("handed in")
    expect(submissions.locator("tr", has_text="Ana López")).to_contain_text("4 of 4 right · 400 points")
    expect(submissions.locator("tr", has_text="Ben Okafor")).to_contain_text("handed in")
    expect(submissions.locator("tr", has_text="Ben Okafor")).to_contain_text("3 of 4 right · 300 points")
    assert page.evaluate("window.notReloaded === true"), "the teacher's page was reloaded"
    check(page, "show")

    # The report: both students, each question, the charts.
    page.get_by_role("link", name="Report", exact=True).click()
    expect(page.get_by_role("heading", name="Report", level=1)).to_be_visible()
    expect(page.locator(".lead")).to_contain_text("2 students handed in")
    students = page.locator("table.results tbody tr")
    expect(students).to_have_count(2)
    expect(students.nth(0)).to_contain_text("Ana López")
    expect(students.nth(0)).to_contain_text("100%")
    expect(students.nth(1)).to_contain_text("Ben Okafor")
    expect(students.nth(1)).to_contain_text("75%")
    questions = page.locator("table.question-results tbody tr")
    expect(questions).to_have_count(len(QUESTIONS))
    expect(questions.nth(0)).to_contain_text("mc-letter-recipient")
    expect(questions.nth(0).locator("td.accuracy")).to_contain_text("50%")
    expect(questions.nth(1).locator("td.accuracy")).to_contain_text("100%")
    expect(page.locator("figure.chart svg")).to_have_count(2)
    for chart in page.locator("figure.chart svg").all():
        box = chart.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 100, box
    check(page, "report")

    # The XLSX download, opened as a spreadsheet program would.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the results (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename == f"assignment-{code}-results.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    workbook = openpyxl.load_workbook(saved, read_only=True)
    assert workbook.sheetnames == ["Results", "Questions"]
    results = [cell for row in workbook["Results"].iter_rows(values_only=True) for cell in row]
    assert "Ana López" in results and "Ben Okafor" in results
    question_rows = list(workbook["Questions"].iter_rows(values_only=True))
    assert len(question_rows) == 1 + len(QUESTIONS)
    assert any("mc-letter-recipient" in str(cell) for cell in question_rows[1])
    workbook.close()

    # The report and the list of assignments on the teacher's phone: wide tables scroll in their box.
    teacher_phone = browser.new_context(**PHONE, storage_state=page.context.storage_state())
    tab = teacher_phone.new_page()
    for address in ("/assignments/", page.url):
        tab.goto(address if address.startswith("http") else live_server + address)
        assert_no_sideways_scroll(tab)
    tab.screenshot(path=str(artifacts / "assign-report-phone.png"), full_page=True)
    teacher_phone.close()

    # Class lists: make one, look at it and at its sheet of code cards, then at the list of classes.
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Classes").click()
    page.get_by_label("Class name").fill("9B English")
    page.get_by_label("Students' names").fill("Ana López\nBen Okafor\nChloé Martin\n")
    page.get_by_role("button", name="Make the class").click()
    expect(page.get_by_role("heading", name="Class: 9B English")).to_be_visible()
    expect(page.locator("table.class-students tbody tr")).to_have_count(3)
    check(page, "class")
    page.get_by_role("link", name="Print the code cards").click()
    expect(page.locator(".code-card")).to_have_count(3)
    check(page, "codes")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Classes").click()
    expect(page.locator("table.class-table tbody tr")).to_have_count(1)
    check(page, "classes")

    assert problems == []
    for name in ("form", "show", "home-code", "landing", "question", "summary", "resume", "report", "report-phone", "class", "codes", "classes"):
        assert (artifacts / f"assign-{name}.png").stat().st_size > 5_000, name
