"""Authoring through the test client: bringing articles in, writing questions, sets, re-anchoring."""

from __future__ import annotations


import pytest
from sqlalchemy import func, select

from quiz import db
from quiz.articles.models import Article
from quiz.bank.models import Question
from quiz.sets.models import QuestionSet

from .conftest import form_fields, soup
from .test_bank import SEED

ARTICLE_TEXT = (
    "Council votes to close the library\n\n"
    "• The branch on Mill Street will shut in June.\n\n"
    "The council voted on Tuesday to close the Mill Street library. The mayor said the building was too costly to repair.\n\n"
    "\u201cWe will fight this,\u201d said Ana Ruiz, who chairs the Friends of the Library.\n\n"
    "The vote was seven to two.\n\n"
    "READ MORE: Parks budget cut by a third"
)


def token(client, url="/author/") -> str:
    return soup(client.get(url)).select_one("input[name=csrf_token]")["value"]


def count(app, model) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(model))


def review_form_data(page) -> dict:
    form = page.select_one("form.review-form")
    data = {i["name"]: i.get("value", "") for i in form.select("input") if i.get("type") != "checkbox"}
    data["block_kind"] = [s.select_one("option[selected]")["value"] for s in form.select("select[name=block_kind]")]
    data["block_text"] = [t.get_text() for t in form.select("textarea[name=block_text]")]
    return data


def paste_article(client, text=ARTICLE_TEXT, **metadata) -> int:
    page = soup(client.post("/author/articles/review", data={"csrf_token": token(client), "source": "paste", "text": text}))
    data = review_form_data(page) | metadata
    response = client.post("/author/articles", data=data)
    assert response.status_code == 303, soup(response).get_text()
    return int(response.headers["Location"].rsplit("/", 1)[1])


def claim_form(client, article_id, **fields):
    data = {"csrf_token": token(client), "kind": "claim", "prompt": "The council voted to close the library.",
            "verdict": "supported", "explanation": "The report says so.", "skill": "attribution",
            "quote_1": "The council voted on Tuesday to close the Mill Street library.", "action": "publish"}
    return client.post(f"/author/articles/{article_id}/questions", data=data | fields)


# --------------------------------------------------------------------------------------------
# Bringing an article in


def test_pasted_text_is_reviewed_before_anything_is_saved(author, app):
    response = author.post("/author/articles/review", data={"csrf_token": token(author), "source": "paste", "text": ARTICLE_TEXT})
    page = soup(response)
    assert response.status_code == 200 and count(app, Article) == 1  # only the built-in one
    kinds = [s.select_one("option[selected]")["value"] for s in page.select("select[name=block_kind]")]
    # The quoted sentence goes on after the quotation marks ("said Ana Ruiz"): a paragraph.
    assert kinds == ["headline", "summary", "paragraph", "paragraph", "paragraph", "clutter"]
    assert page.select_one("#headline")["value"] == "Council votes to close the library"
    assert page.select_one("#author")["value"] == "" and page.select_one("#published")["value"] == ""
    # The instructor fixes the metadata and drops a block before saving.
    data = review_form_data(page) | {"publisher": "Mill Valley Gazette", "published": "2026-06-02", "block_drop": "5"}
    response = author.post("/author/articles", data=data)
    assert response.status_code == 303
    with app.app_context():
        article = db.session().scalar(select(Article).where(Article.owner_id.is_not(None)))
        assert (article.publisher, article.published, article.author) == ("Mill Valley Gazette", "2026-06-02", None)
        assert [b.kind for b in article.blocks] == ["headline", "summary", "paragraph", "paragraph", "clutter"]
        assert "seven to two" not in article.text and article.source == "paste"
        assert len(article.sentences) == 6


@pytest.mark.parametrize(
    ("fields", "message"),
    [({"headline": " "}, "Give the article a headline."), ({"url": "javascript:alert(1)"}, "must start with http"),
     ({"block_text": ["", ""]}, "The article has no text.")],
)
def test_a_bad_review_form_saves_nothing(author, app, fields, message):
    page = soup(author.post("/author/articles/review", data={"csrf_token": token(author), "source": "paste", "text": ARTICLE_TEXT}))
    response = author.post("/author/articles", data=review_form_data(page) | fields)
    assert response.status_code == 400
    assert message in soup(response).select_one("[role=alert]").get_text()
    assert count(app, Article) == 1


def upload(client, content: bytes, name="page.html"):
    from io import BytesIO

    return client.post(
        "/author/articles/review",
        data={"csrf_token": token(client), "source": "upload", "page": (BytesIO(content), name)},
        content_type="multipart/form-data",
    )


PAGE = b"""<!doctype html><html><head><title>Library to close | Mill Valley Gazette</title>
<meta property="og:site_name" content="Mill Valley Gazette"><script>steal()</script></head>
<body onload="track()"><nav><a href="/">Home</a><a href="/news">News</a></nav>
<article><h1>Library to close after council vote</h1><p class="byline">By Sam Lee</p>
<p>The council voted on Tuesday to close the Mill Street library, ending ninety years of service to the town.</p>
<p onclick="x()">The mayor said the building was too costly to repair, and that books would move to the school.</p>
<p>Readers have started a petition to keep the branch open, and say they will take it to the next meeting.</p>
</article><footer>Copyright</footer></body></html>"""


def test_an_uploaded_page_is_extracted_and_its_scripts_are_not_kept(author, app):
    response = upload(author, PAGE)
    page = soup(response)
    assert response.status_code == 200
    assert page.select_one("#headline")["value"] == "Library to close after council vote"
    texts = " ".join(t.get_text() for t in page.select("textarea[name=block_text]"))
    assert "ninety years of service" in texts and "steal()" not in texts and "Home" not in texts
    assert "Removed from the page and not kept" in page.select_one("[role=status]").get_text()
    assert count(app, Article) == 1


@pytest.mark.parametrize(
    ("content", "name", "status", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "photo.html", 422, "not a web page"),
        (b"<html><body><p>hi</p></body></html>", "notes.pdf", 415, "ending in .html"),
        (b"<html>" + b"x" * (150 * 1024) + b"</html>", "big.html", 413, "larger than 100 KB"),
    ],
)
def test_bad_uploads_get_a_clear_message_and_change_nothing(author, app, content, name, status, message):
    assert app.config["UPLOAD_LIMIT_BYTES"] == 5 * 1024 * 1024  # the default cap
    # A smaller cap keeps the oversized upload small enough for the test client to build in memory.
    app.config["UPLOAD_LIMIT_BYTES"] = 100 * 1024
    response = upload(author, content, name)
    assert response.status_code == status
    assert message in soup(response).select_one("[role=alert]").get_text()
    assert count(app, Article) == 1


def test_fetching_a_private_address_is_refused(author, app):
    response = author.post("/author/articles/review", data={"csrf_token": token(author), "source": "url", "url": "http://127.0.0.1:9/admin"})
    assert response.status_code == 422
    assert "private" in soup(response).select_one("[role=alert]").get_text().lower()
    response = author.post("/author/articles/review", data={"csrf_token": token(author), "source": "url", "url": "file:///etc/passwd"})
    assert response.status_code == 422 and "http" in soup(response).select_one("[role=alert]").get_text()


# --------------------------------------------------------------------------------------------
# Questions


def test_writing_publishing_and_previewing_a_claim(author, app):
    article_id = paste_article(author)
    response = claim_form(author, article_id)
    assert response.status_code == 303
    with app.app_context():
        question = db.session().scalar(select(Question).where(Question.article_id == article_id))
        assert (question.ident, question.status, question.verdict) == ("q1", "published", "supported")
        evidence = question.evidence[0]
        assert question.article.text[evidence.start : evidence.end] == evidence.exact
        question_id = question.id
    preview = soup(author.get(f"/author/questions/{question_id}/preview"))
    assert preview.h1.get_text(" ", strip=True) == "Claim: The council voted to close the library."
    assert not preview.select("mark") and "The report says so." not in str(preview)
    reveal = soup(author.get(f"/author/questions/{question_id}/preview?reveal=1"))
    assert reveal.select_one("mark#evidence-1") and "The report says so." in reveal.select_one(".explanation").get_text()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"quote_1": "The council voted on Monday"}, "does not occur in the article"),
        ({"quote_1": "library"}, "occurs 2 times"),
        ({"verdict": ""}, "`verdict` must be one of"),
        ({"skill": ""}, "`skill` must be one of"),
        ({"quote_1": ""}, "Give at least one evidence quote"),
    ],
)
def test_publishing_validates_like_the_bank(author, app, fields, message):
    article_id = paste_article(author)
    response = claim_form(author, article_id, **fields)
    assert response.status_code == 400
    assert any(message in li.get_text() for li in soup(response).select("#form-errors li"))
    assert count(app, Question) == len(SEED.questions)  # the built-in bank only


def test_a_quote_made_unique_by_its_context(author, app):
    article_id = paste_article(author)
    response = claim_form(author, article_id, quote_1="library", prefix_1="close the Mill Street ", suffix_1=". The mayor")
    assert response.status_code == 303


def test_a_draft_may_wait_for_its_evidence_but_cannot_be_published_without(author, app):
    article_id = paste_article(author)
    assert claim_form(author, article_id, quote_1="", skill="", action="draft").status_code == 303
    with app.app_context():
        question = db.session().scalar(select(Question).where(Question.article_id == article_id))
        assert question.status == "draft" and not question.evidence
        question_id = question.id
    response = author.post(f"/author/questions/{question_id}/status", data={"csrf_token": token(author), "status": "published"})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/author/questions/{question_id}/edit")
    with app.app_context():
        assert db.session().get(Question, question_id).status == "draft"


def test_multiple_choice_needs_options_and_feedback(author, app):
    article_id = paste_article(author)
    data = {"csrf_token": token(author), "kind": "multiple_choice", "prompt": "How did the vote go?",
            "option_1": "Seven to two", "option_2": "Five to four", "option_3": "Unanimous", "feedback_3": "Two voted against.",
            "correct": "1", "explanation": "The vote was seven to two.", "skill": "numbers",
            "quote_1": "The vote was seven to two.", "action": "publish"}
    response = author.post(f"/author/articles/{article_id}/questions", data=data)
    assert response.status_code == 400
    assert "option 2 is wrong but has no `feedback`" in soup(response).select_one("#form-errors").get_text()
    assert author.post(f"/author/articles/{article_id}/questions", data=data | {"feedback_2": "It was seven to two."}).status_code == 303


def test_saving_a_multiple_choice_question_points_out_answer_cues(author, app):
    """The warnings `check-bank` gives a bank file, as hints when an instructor saves a question;
    the question is saved all the same."""
    article_id = paste_article(author)
    data = {"csrf_token": token(author), "kind": "multiple_choice", "prompt": "How did the vote go?",
            "option_1": "Only seven of the nine councillors voted for it, on Tuesday", "option_2": "Five to four",
            "feedback_2": "It was seven to two.", "option_3": "Unanimous", "feedback_3": "Two voted against.",
            "correct": "1", "explanation": "The vote was seven to two.", "skill": "numbers",
            "quote_1": "The vote was seven to two.", "action": "publish"}
    response = author.post(f"/author/articles/{article_id}/questions", data=data, follow_redirects=True)
    text = " ".join(soup(response).get_text(" ").split())
    assert "Question q1 saved as published: “How did the vote go?”" in text
    assert "A hint for q1: the right option is much the longest" in text
    assert "A hint for q1: the right option is the only hedged one" in text
    fair = data | {"option_1": "Seven to two"}
    response = author.post(f"/author/articles/{article_id}/questions", data=fair, follow_redirects=True)
    assert "A hint for" not in soup(response).get_text(" ")


def test_duplicate_and_delete(author, app):
    article_id = paste_article(author)
    claim_form(author, article_id)
    with app.app_context():
        question_id = db.session().scalar(select(Question.id).where(Question.article_id == article_id))
    response = author.post(f"/author/questions/{question_id}/duplicate", data={"csrf_token": token(author)})
    assert response.status_code == 303
    with app.app_context():
        idents = sorted(db.session().scalars(select(Question.ident).where(Question.article_id == article_id)))
        copy_id = db.session().scalar(select(Question.id).where(Question.ident != "q1", Question.article_id == article_id))
    assert idents == ["q1", "q1-copy1"]
    assert author.post(f"/author/questions/{copy_id}/delete", data={"csrf_token": token(author)}).status_code == 303
    with app.app_context():
        assert db.session().get(Question, copy_id) is None


# --------------------------------------------------------------------------------------------
# Editing the text re-anchors the evidence


def test_editing_the_text_reports_every_anchor_and_takes_lost_ones_out_of_play(author, app):
    article_id = paste_article(author)
    claim_form(author, article_id)  # on the vote sentence
    claim_form(author, article_id, prompt="Ana Ruiz chairs the Friends.", quote_1="who chairs the Friends of the Library")
    claim_form(author, article_id, prompt="The mayor blamed the cost.", quote_1="The mayor said the building was too costly to repair.")
    claim_form(author, article_id, prompt="It shuts in June.", quote_1="will shut in June")
    page = soup(author.get(f"/author/articles/{article_id}/edit"))
    data = review_form_data(page)
    texts = data["block_text"]
    texts[1] = "The branch on Mill Street will shut in July."            # fuzzy: one word changed inside
    texts[2] = "Breaking: " + texts[2].replace("too costly", "far too costly")  # moved, and fuzzy
    texts[3] = "Nobody commented."                                          # lost
    response = author.post(f"/author/articles/{article_id}/edit", data=data | {"block_text": texts})
    report = soup(response)
    assert response.status_code == 200
    outcomes = {row.th.get_text(strip=True): row.select("td")[0].get_text() for row in report.select("table.reanchor tbody tr")}
    assert outcomes == {"q1": "moved", "q2": "lost", "q3": "fuzzy", "q4": "fuzzy"}
    assert "1 lost" in report.select_one(".lead").get_text()
    with app.app_context():
        statuses = dict(db.session().execute(select(Question.ident, Question.status).where(Question.article_id == article_id)).all())
        q3 = db.session().scalar(select(Question).where(Question.article_id == article_id, Question.ident == "q3"))
        assert q3.evidence[0].exact == "The mayor said the building was far too costly to repair."
    assert statuses == {"q1": "published", "q2": "needs_review", "q3": "published", "q4": "published"}
    # Out of play: a set of this article's questions leaves it out.
    edit_page = soup(author.get(f"/author/questions/{_id(app, article_id, 'q2')}/edit"))
    assert "could not be found again" in edit_page.select_one("[role=alert]").get_text()


def _id(app, article_id, ident):
    with app.app_context():
        return db.session().scalar(select(Question.id).where(Question.article_id == article_id, Question.ident == ident))


# --------------------------------------------------------------------------------------------
# Built-in content and sets


def test_builtin_articles_are_read_only_but_can_be_copied(author, app):
    with app.app_context():
        builtin = db.session().scalar(select(Article).where(Article.owner_id.is_(None)))
        builtin_id = builtin.id
        question_id = builtin and db.session().scalar(select(Question.id).where(Question.article_id == builtin_id))
    assert author.get(f"/author/articles/{builtin_id}").status_code == 200
    assert author.get(f"/author/articles/{builtin_id}/edit").status_code == 403
    assert author.get(f"/author/questions/{question_id}/edit").status_code == 403
    assert author.post(f"/author/questions/{question_id}/delete", data={"csrf_token": token(author)}).status_code == 403
    response = author.post(f"/author/articles/{builtin_id}/copy", data={"csrf_token": token(author)})
    copy_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        copied = db.session().scalars(select(Question).where(Question.article_id == copy_id)).all()
        original = db.session().scalars(select(Question).where(Question.article_id == builtin_id)).all()
        assert len(copied) == len(original) == len(SEED.questions)
        assert {(q.ident, q.prompt, tuple((e.start, e.end) for e in q.evidence)) for q in copied} == {
            (q.ident, q.prompt, tuple((e.start, e.end) for e in q.evidence)) for q in original
        }
    assert author.get(f"/author/articles/{copy_id}/edit").status_code == 200


def test_a_set_is_built_shared_and_played(author, app):
    article_id = paste_article(author)
    claim_form(author, article_id)
    claim_form(author, article_id, prompt="The vote was close.", verdict="contradicted", quote_1="The vote was seven to two.")
    claim_form(author, article_id, prompt="A draft.", action="draft")
    response = author.post("/author/sets", data={"csrf_token": token(author), "title": "Week 3: local news"})
    set_id = int(response.headers["Location"].rsplit("/", 1)[1])
    page = soup(author.get(f"/author/sets/{set_id}"))
    addable = {o.get_text(): o["value"] for o in page.select("select#question option")}
    assert not any("A draft." in label for label in addable)  # only published questions
    mine = [value for label, value in addable.items() if "Council votes" in label]
    builtin = next(value for label, value in addable.items() if "Amazon workers" in label)
    for value in [*mine, builtin]:
        assert author.post(f"/author/sets/{set_id}/items", data={"csrf_token": token(author), "question": value}).status_code == 303
    again = author.post(f"/author/sets/{set_id}/items", data={"csrf_token": token(author), "question": builtin}, follow_redirects=True)
    assert "in the set already" in again.get_data(as_text=True)
    with app.app_context():
        items = db.session().get(QuestionSet, set_id).items
        first, last = items[0].id, items[-1].id
    author.post(f"/author/sets/{set_id}/items/{last}/up", data={"csrf_token": token(author)})
    author.post(f"/author/sets/{set_id}/items/{first}/remove", data={"csrf_token": token(author)})
    with app.app_context():
        question_set = db.session().get(QuestionSet, set_id)
        assert [item.position for item in question_set.items] == [1, 2]
        assert question_set.items[0].question.article.owner_id is None  # the built-in one moved up
        share = question_set.share_token
    # Anyone with the link plays it alone, across both articles.
    player = app.test_client()
    page = soup(player.get(f"/sets/{share}"))
    assert page.h1.get_text() == "Week 3: local news" and "2 questions, from 2 articles" in page.get_text()
    response = player.post("/rounds", data=form_fields(page.select_one("main form")), follow_redirects=True)
    assert soup(response).select_one("#progress-label").get_text().startswith("Question 1 of 2")
    # And the host can run it live.
    host_page = soup(author.get(f"/host/?set=set:{set_id}"))
    assert host_page.select_one(f"option[value='set:{set_id}']").has_attr("selected")


def test_set_options_are_checked(author, app):
    response = author.post("/author/sets", data={"csrf_token": token(author), "title": "  "}, follow_redirects=True)
    assert "Give the set a title." in response.get_data(as_text=True) and count(app, QuestionSet) == 0
    set_id = int(author.post("/author/sets", data={"csrf_token": token(author), "title": "S"}).headers["Location"].rsplit("/", 1)[1])
    response = author.post(f"/author/sets/{set_id}", data={"csrf_token": token(author), "title": "S", "time_limit": "999"}, follow_redirects=True)
    assert "5 to 240 seconds" in response.get_data(as_text=True)
    author.post(f"/author/sets/{set_id}", data={"csrf_token": token(author), "title": "Renamed", "time_limit": "45", "speed_bonus": "on"})
    with app.app_context():
        question_set = db.session().get(QuestionSet, set_id)
        assert (question_set.title, question_set.time_limit, question_set.speed_bonus, question_set.shuffle) == ("Renamed", 45, True, False)
