"""Who can read an instructor's article: its owner, and players through what it was shared in.

Issue 8, Medium 1: after importing an article, an anonymous visitor opened it by its id and played
its questions. Built-in articles stay public; anyone else asking for a private one gets the answer
a missing article gets, so that nothing says it exists.
"""

from __future__ import annotations

from sqlalchemy import func, select

from quiz import db
from quiz.articles.models import Article
from quiz.bank.models import Question
from quiz.sets.models import QuestionSet
from quiz.study.models import Attempt

from .conftest import add_instructor, form_fields, sign_in, soup
from .test_authoring import claim_form, paste_article, token
from .test_live import Phone, act, open_game

BUILTIN = "amazon-rekognition-letter"


def private_article(author, app) -> tuple[int, str]:
    """The signed-in instructor's pasted article with one published claim: (id, slug)."""
    article_id = paste_article(author)
    assert claim_form(author, article_id).status_code == 303
    with app.app_context():
        return article_id, db.session().get(Article, article_id).slug


def other_instructor(app):
    add_instructor(app, "other@example.org")
    client = app.test_client()
    assert sign_in(client, "other@example.org").status_code == 303
    return client


def attempts(app) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(Attempt))


def start_from_home(client, slug: str):
    """Post the home page's round form with another article's id in it, as a hand-made form would."""
    form = soup(client.get("/")).select_one(f"form:has(input[name=article][value='{BUILTIN}'])")
    return client.post(form["action"], data=form_fields(form) | {"article": slug, "round": "claims"})


def test_a_private_article_page_is_its_owners_alone(author, app):
    _article_id, slug = private_article(author, app)
    page = author.get(f"/articles/{slug}")
    assert page.status_code == 200 and soup(page).h1.get_text() == "Council votes to close the library"
    missing = app.test_client().get("/articles/no-such-article_000000")
    assert missing.status_code == 404
    for stranger in (app.test_client(), other_instructor(app)):
        response = stranger.get(f"/articles/{slug}")
        assert response.status_code == 404
        # Word for word what a missing article gets: nothing tells that this one exists.
        assert soup(response).select_one("main").get_text() == soup(missing).select_one("main").get_text()
        assert "Council" not in response.get_data(as_text=True)
    # Built-in articles stay public.
    builtin = app.test_client().get(f"/articles/{BUILTIN}")
    assert builtin.status_code == 200 and soup(builtin).select("main .sentence")


def test_a_round_of_a_private_article_starts_for_its_owner_alone(author, app):
    _article_id, slug = private_article(author, app)
    for stranger in (app.test_client(), other_instructor(app)):
        response = start_from_home(stranger, slug)
        assert response.status_code == 400
        assert soup(response).select_one("[role=alert]").get_text() == "Choose an article from the list."
        assert "Council" not in response.get_data(as_text=True)
        assert attempts(app) == 0
    # The same refusal as for an article that does not exist.
    missing = start_from_home(app.test_client(), "no-such-article")
    assert missing.status_code == 400 and soup(missing).select_one("[role=alert]").get_text() == "Choose an article from the list."
    # The owner may play their own article alone.
    response = start_from_home(author, slug)
    assert response.status_code == 303 and attempts(app) == 1
    first = soup(author.get(response.headers["Location"]))
    assert "The council voted to close the library." in first.h1.get_text(" ", strip=True)


def test_the_home_page_offers_only_built_in_articles(author, app):
    _article_id, slug = private_article(author, app)
    for client in (app.test_client(), author):
        home = soup(client.get("/"))
        assert [i["value"] for i in home.select("input[name=article]")] == [BUILTIN]
        assert not home.select(f"a[href*='{slug}']")


def shared_set(author, app, article_id) -> tuple[int, str]:
    response = author.post("/author/sets", data={"csrf_token": token(author), "title": "Local news"})
    set_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        question_id = db.session().scalar(select(Question.id).where(Question.article_id == article_id))
    added = author.post(f"/author/sets/{set_id}/items", data={"csrf_token": token(author), "question": str(question_id)})
    assert added.status_code == 303
    with app.app_context():
        return set_id, db.session().get(QuestionSet, set_id).share_token


def test_players_reach_a_private_article_through_a_shared_set(author, app):
    article_id, slug = private_article(author, app)
    _set_id, share = shared_set(author, app, article_id)
    player = app.test_client()
    page = soup(player.get(f"/sets/{share}"))
    response = player.post("/rounds", data=form_fields(page.select_one("main form")), follow_redirects=True)
    question = soup(response)
    assert question.select_one("#progress-label").get_text().startswith("Question 1 of 1")
    # The round shows the article beside the question, though its own page stays closed.
    assert "The vote was seven to two." in question.select_one("main").get_text()
    assert player.get(f"/articles/{slug}").status_code == 404


def test_the_live_results_link_to_the_evidence_opens_for_the_host(author, app):
    article_id, _slug = private_article(author, app)
    set_id, _share = shared_set(author, app, article_id)
    game_id, pin = open_game(author, set=f"set:{set_id}")
    Phone(app, pin, "Ada")
    assert act(author, game_id, "next")["phase"] == "question"
    act(author, game_id, "end")
    results = soup(author.get(f"/host/games/{game_id}/results"))
    link = results.select_one("table.question-results tbody tr a")
    path, anchor = link["href"].split("#")
    article = author.get(path)
    assert article.status_code == 200
    sentence = soup(article).find(id=anchor)
    assert sentence is not None and "The council voted on Tuesday" in sentence.get_text()
    # The players of that game, and everyone else, do not get the page by its address.
    assert app.test_client().get(path).status_code == 404
