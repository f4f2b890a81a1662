"""What a cold trial of the authoring pages found: links named for screen readers, the article's
delete styled as destructive, feedback boxes for a sentence or two, the article's check page at
the page's width, and "Play another round" that plays the same set (or article) again."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from quiz import db
from quiz.sets.models import QuestionSet
from quiz.study.models import Attempt

from .conftest import form_fields, round_token, soup, start_round
from .test_authoring import ARTICLE_TEXT, claim_form, paste_article, token
from .test_study import post_answer, right_answer

APP_CSS = Path(__file__).resolve().parent.parent / "quiz" / "static" / "css" / "app.css"


def test_preview_and_edit_links_are_named_with_their_question(author, app):
    article_id = paste_article(author)
    claim_form(author, article_id)
    claim_form(author, article_id, prompt="The mayor said the building was too costly to repair.")
    page = soup(author.get(f"/author/articles/{article_id}"))
    rows = page.select("table.questions tbody tr")
    assert len(rows) == 2
    names = []
    for row in rows:
        ident = row.select_one("td").get_text(strip=True)
        prompt = row.select_one("th").get_text(strip=True)
        for label in ("Preview", "Edit"):
            link = row.select_one(".actions").find("a", string=lambda s, label=label: s == label) or next(
                a for a in row.select(".actions a") if a.get_text(" ", strip=True).startswith(label)
            )
            name = link.get_text(" ", strip=True)
            assert name == f"{label} {ident}: {prompt}"
            assert link.select_one(".visually-hidden")  # the words seen are still "Preview" and "Edit"
            names.append(name)
    assert len(set(names)) == len(names)  # no two links of the table read the same


def test_a_long_question_is_shortened_in_the_link_names(author):
    article_id = paste_article(author)
    long_prompt = "The council voted to close the library " + "and then it said a great many other things " * 5
    claim_form(author, article_id, prompt=long_prompt.strip())
    link = soup(author.get(f"/author/articles/{article_id}")).select(".actions a")[0]
    name = link.get_text(" ", strip=True)
    assert name.startswith("Preview ") and name.endswith("…") and len(name) < 120


def test_deleting_the_article_is_styled_as_destructive(author):
    article_id = paste_article(author)
    page = soup(author.get(f"/author/articles/{article_id}"))
    button = page.find("button", string="Delete the article")
    assert button["class"] == ["button", "danger"]
    # The project's destructive style, not a new one.
    assert ".button.danger {" in APP_CSS.read_text()
    others = [b for b in page.select(".button-row .button") if b.get_text(strip=True) != "Delete the article"]
    assert others and not any("danger" in b["class"] for b in others)


def test_why_an_option_is_wrong_is_a_box_for_a_sentence_or_two(author, app):
    article_id = paste_article(author)
    form = soup(author.get(f"/author/articles/{article_id}/questions/new?kind=multiple_choice")).select_one("form.question-form")
    for number in range(1, 6):
        box = form.select_one(f"#feedback-{number}")
        assert box.name == "textarea" and box["name"] == f"feedback_{number}" and int(box["rows"]) >= 2
        assert form.select_one(f"label[for=feedback-{number}]").get_text() == f"Why option {number} is wrong"
    # The same field names and the same checks: a wrong option with no feedback cannot be published ...
    data = {"csrf_token": token(author), "kind": "multiple_choice", "prompt": "How did the vote go?", "skill": "numbers",
            "explanation": "The last paragraph gives the count.", "quote_1": "The vote was seven to two.", "correct": "1",
            "option_1": "Seven to two", "option_2": "Five to four", "option_3": "Unanimous", "action": "publish",
            "feedback_3": "Two voted against.\nThe article gives the count."}
    refused = author.post(f"/author/articles/{article_id}/questions", data=data)
    assert refused.status_code == 400
    assert "option 2 is wrong but has no `feedback`" in refused.get_data(as_text=True)
    # ... and what was typed comes back in the boxes, line breaks and all.
    again = soup(refused)
    assert again.select_one("#feedback-3").get_text() == "Two voted against.\nThe article gives the count."
    assert author.post(f"/author/articles/{article_id}/questions", data=data | {"feedback_2": "It was seven to two."}).status_code == 303


def test_the_article_check_page_uses_the_page_width(author):
    page = soup(author.post("/author/articles/review", data={"csrf_token": token(author), "source": "paste", "text": ARTICLE_TEXT}))
    form = page.select_one("form.review-form")
    assert "stacked-form" in form["class"]
    # Its metadata in a grid of fields (two or three a row on a laptop), each label with its box.
    fields = form.select(".metadata-fields > .field-row")
    assert [f.select_one("input")["name"] for f in fields] == ["headline", "publisher", "author", "published", "url"]
    css = APP_CSS.read_text()
    assert ".stacked-form.review-form { max-width: none; }" in css  # .stacked-form alone is 40rem wide


def _play_again_form(summary):
    (button,) = [b for b in summary.select("main button") if b.get_text(" ", strip=True).startswith("Play another round")]
    return button.find_parent("form")


def _finish(app, client, response):
    token = round_token(response.request.path)
    page = soup(response)
    while page.select_one("form.answer-form"):
        post_answer(client, page, right_answer(app, token, page))
        with app.app_context():
            attempt = db.session().scalar(select(Attempt).where(Attempt.token == token))
            position = attempt.next_position
        if position is None:
            break
        page = soup(client.get(f"/rounds/{token}/{position}"))
    return token, soup(client.get(f"/rounds/{token}/summary"))


def test_play_another_round_of_a_set_plays_the_same_set(author, app):
    article_id = paste_article(author)
    claim_form(author, article_id)
    set_id = int(author.post(f"/author/articles/{article_id}/set", data={"csrf_token": token(author)}).headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        share = db.session().get(QuestionSet, set_id).share_token
    player = app.test_client()
    page = soup(player.get(f"/sets/{share}"))
    first = player.post("/rounds", data=form_fields(page.select_one("main form")), follow_redirects=True)
    first_token, summary = _finish(app, player, first)
    again = _play_again_form(summary)
    assert again["method"] == "post" and again["action"] == "/rounds"
    assert form_fields(again)["set"] == share
    response = player.post(again["action"], data=form_fields(again))
    assert response.status_code == 303
    new_token = round_token(response.headers["Location"])
    assert new_token != first_token
    with app.app_context():
        attempts = db.session().scalars(select(Attempt).where(Attempt.token.in_([first_token, new_token]))).all()
        assert {a.set_id for a in attempts} == {set_id}
    # The home page is still one click away.
    assert summary.find("a", string="Choose something else")["href"] == "/"


def test_play_another_round_of_a_builtin_article_plays_it_again_with_the_same_kind(app, client):
    _, summary = _finish(app, client, start_round(client, "claims"))
    again = _play_again_form(summary)
    fields = form_fields(again)
    assert (fields["article"], fields["round"]) == ("amazon-rekognition-letter", "claims")
    response = client.post(again["action"], data=fields)
    assert response.status_code == 303
    with app.app_context():
        attempt = db.session().scalar(select(Attempt).where(Attempt.token == round_token(response.headers["Location"])))
        assert (attempt.article.slug, attempt.round_kind) == ("amazon-rekognition-letter", "claims")


def test_the_self_study_link_is_one_students_can_open(author, app):
    """A second cold trial found the set's link to share pointing at 127.0.0.1, which no student's
    device can open: it uses the address students should use, as the live game's lobby does."""
    article_id = paste_article(author)
    claim_form(author, article_id)
    set_url = author.post(f"/author/articles/{article_id}/set", data={"csrf_token": token(author)}).headers["Location"]
    with app.app_context():
        share = db.session().get(QuestionSet, int(set_url.rsplit("/", 1)[1])).share_token
    app.config["PUBLIC_URL"] = "https://quiz.school.example"
    page = soup(author.get(set_url))
    link = next(p for p in page.select("main p") if p.get_text().startswith("Self-study link to share")).select_one("a")
    assert link["href"] == link.get_text() == f"https://quiz.school.example/sets/{share}"
    # Opened on this computer's own address with no network to offer, it says so.
    app.config["PUBLIC_URL"] = None
    app.config["LIVE_SERVING_LOOPBACK_ONLY"] = True
    page = soup(author.get(set_url))
    assert "Phones can't reach localhost" in page.select_one("main").get_text(" ", strip=True)


def test_making_a_set_of_an_article_twice_gives_the_same_set_and_a_new_one_its_own_name(author, app):
    article_id = paste_article(author)
    claim_form(author, article_id)
    make = lambda: author.post(f"/author/articles/{article_id}/set", data={"csrf_token": token(author)})  # noqa: E731
    first = make().headers["Location"]
    again = make()
    assert again.headers["Location"] == first
    assert "has exactly this published question already: here it is." in soup(author.get(first)).select_one(".flashes").get_text()
    claim_form(author, article_id, prompt="The mayor said the building was too costly to repair.")
    second = make().headers["Location"]
    assert second != first
    with app.app_context():
        titles = sorted(db.session().get(QuestionSet, int(u.rsplit("/", 1)[1])).title for u in (first, second))
    assert titles[1] == titles[0] + " (2)"
