"""Who may do what: every authoring route against anonymous, another instructor and the owner.

Each route is tried by all three, with a valid CSRF token of their own session, and every state
change is tried once more by the owner without a token, which must be refused and change nothing.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from quiz import db
from quiz.articles.models import Article
from quiz.bank.models import Question
from quiz.sets.models import QuestionSet, QuestionSetItem

from .conftest import add_instructor, sign_in, soup
from .test_authoring import ARTICLE_TEXT, claim_form, paste_article

# (method, path, data, expected status for: anonymous, another instructor, the owner)
ROUTES = [
    ("GET", "/author/", None, (302, 200, 200)),
    ("GET", "/author/articles/new", None, (302, 200, 200)),
    ("POST", "/author/articles/review", {"source": "paste", "text": ARTICLE_TEXT}, (302, 200, 200)),
    ("POST", "/author/articles", {"source": "paste", "headline": "H", "block_kind": "paragraph", "block_text": "Some text."}, (302, 303, 303)),
    ("GET", "/author/articles/{article}", None, (302, 404, 200)),
    ("GET", "/author/articles/{article}/edit", None, (302, 404, 200)),
    ("POST", "/author/articles/{article}/edit", {"headline": "New", "block_kind": "paragraph", "block_text": "Changed."}, (302, 404, 200)),
    ("POST", "/author/articles/{article}/delete", {}, (302, 404, 303)),
    ("POST", "/author/articles/{article}/copy", {}, (302, 404, 303)),
    ("GET", "/author/articles/{article}/questions/new?kind=claim", None, (302, 404, 200)),
    ("POST", "/author/articles/{article}/questions", {"kind": "claim", "prompt": "A draft.", "verdict": "supported", "action": "draft"}, (302, 404, 303)),
    ("GET", "/author/questions/{question}/edit", None, (302, 404, 200)),
    ("POST", "/author/questions/{question}/edit", {"prompt": "Reworded.", "verdict": "supported", "action": "draft"}, (302, 404, 303)),
    ("GET", "/author/questions/{question}/preview", None, (302, 404, 200)),
    ("POST", "/author/questions/{question}/duplicate", {}, (302, 404, 303)),
    ("POST", "/author/questions/{question}/delete", {}, (302, 404, 303)),
    ("POST", "/author/questions/{question}/status", {"status": "draft"}, (302, 404, 303)),
    ("POST", "/author/sets", {"title": "Another set"}, (302, 303, 303)),
    ("GET", "/author/sets/{set}", None, (302, 404, 200)),
    ("POST", "/author/sets/{set}", {"title": "Renamed", "time_limit": "30"}, (302, 404, 303)),
    ("POST", "/author/sets/{set}/items", {"question": "{question}"}, (302, 404, 303)),
    ("POST", "/author/sets/{set}/items/{item}/time", {"time_limit": "45"}, (302, 404, 303)),
    ("POST", "/author/sets/{set}/items/{item}/down", {}, (302, 404, 303)),
    ("POST", "/author/sets/{set}/items/{item}/remove", {}, (302, 404, 303)),
    ("POST", "/author/sets/{set}/delete", {}, (302, 404, 303)),
    # A set of an article's published questions: the owner's article only (or a built-in one).
    ("POST", "/author/articles/{article}/set", {}, (302, 404, 303)),
    ("GET", "/author/import", None, (302, 200, 200)),
    ("POST", "/author/import", {"format": "native"}, (302, 400, 400)),
    ("GET", "/author/export", None, (302, 200, 200)),
    ("GET", "/author/export?format=native&set={set}", None, (302, 404, 200)),
    ("GET", "/author/export?format=gift&set={set}", None, (302, 404, 200)),
    ("GET", "/host/", None, (302, 200, 200)),
    ("GET", "/host/?set=set:{set}", None, (302, 200, 200)),
]


def snapshot(app) -> tuple:
    """Return counts and texts that any state change would alter."""
    with app.app_context():
        session = db.session()
        return (
            session.scalar(select(func.count()).select_from(Article)),
            session.scalar(select(func.count()).select_from(Question)),
            session.scalar(select(func.count()).select_from(QuestionSet)),
            session.scalar(select(func.count()).select_from(QuestionSetItem)),
            tuple(session.scalars(select(Article.text).order_by(Article.id))),
            tuple(session.scalars(select(Question.prompt + Question.status).order_by(Question.id))),
            tuple(session.scalars(select(QuestionSet.title))),
            tuple(session.scalars(select(QuestionSetItem.position).order_by(QuestionSetItem.id))),
        )


@pytest.fixture
def world(app):
    """The owner's article with a published claim, in a set; another instructor; a visitor."""
    add_instructor(app, "owner@example.org")
    add_instructor(app, "other@example.org")
    owner, other, anonymous = app.test_client(), app.test_client(), app.test_client()
    sign_in(owner, "owner@example.org")
    sign_in(other, "other@example.org")
    article_id = paste_article(owner)
    claim_form(owner, article_id)
    claim_form(owner, article_id, prompt="Second claim.", quote_1="The vote was seven to two.")
    token = soup(owner.get("/author/")).select_one("input[name=csrf_token]")["value"]
    set_id = int(owner.post("/author/sets", data={"csrf_token": token, "title": "Mine"}).headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        questions = db.session().scalars(select(Question.id).where(Question.article_id == article_id).order_by(Question.id)).all()
    for question_id in questions:
        owner.post(f"/author/sets/{set_id}/items", data={"csrf_token": token, "question": str(question_id)})
    with app.app_context():
        item_id = db.session().scalar(select(QuestionSetItem.id).where(QuestionSetItem.set_id == set_id).order_by(QuestionSetItem.position))
    ids = {"article": article_id, "question": questions[1], "set": set_id, "item": item_id}
    return {"anonymous": anonymous, "other": other, "owner": owner}, ids


def call(client, method, path, data, ids, csrf=True):
    url = path.format(**ids)
    if method == "GET":
        return client.get(url)
    payload = {key: (value.format(**ids) if isinstance(value, str) else value) for key, value in (data or {}).items()}
    if csrf:
        # The token of this client's own session, as its browser would have it.
        page = client.get("/join")
        payload["csrf_token"] = soup(page).select_one("input[name=csrf_token]")["value"]
    return client.post(url, data=payload)


@pytest.mark.parametrize(("method", "path", "data", "expected"), ROUTES, ids=[f"{m} {p}" for m, p, _, _ in ROUTES])
def test_route_access(app, world, method, path, data, expected):
    clients, ids = world
    for role, status in zip(("anonymous", "other"), expected[:2]):
        before = snapshot(app)
        response = call(clients[role], method, path, data, ids)
        assert response.status_code == status, f"{role}: {response.status_code}"
        if role == "anonymous":
            assert "/account/sign-in" in response.headers["Location"]
        if method == "POST" and status != 303:
            assert snapshot(app) == before, f"{role} changed something"
    if method == "POST":
        before = snapshot(app)
        refused = call(clients["owner"], method, path, data, ids, csrf=False)
        assert refused.status_code == 400 and "security token is missing" in refused.get_data(as_text=True)
        assert snapshot(app) == before
    response = call(clients["owner"], method, path, data, ids)
    assert response.status_code == expected[2], soup(response).get_text()[:500]


def test_every_authoring_route_is_in_the_matrix(app):
    covered = {(method, path.split("?")[0]) for method, path, _, _ in ROUTES}
    placeholders = {
        "<int:article_id>": "{article}", "<int:question_id>": "{question}", "<int:set_id>": "{set}",
        "<int:item_id>": "{item}", "<action>": "down",
    }
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith(("authoring.", "sets.")) or rule.rule.startswith("/sets/"):
            continue
        path = rule.rule
        for name, value in placeholders.items():
            path = path.replace(name, value)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if (method, path) not in covered:
                missing.append((method, path))
    assert missing == []
