"""Reviewing suggested questions: the list, accept (as a draft or published), edit then accept,
reject and undo, each decided once; the bank's validation on every accepted question; and who
may do what.

The flow is tested on a fixed list of suggestions (the generator is replaced: these tests are of
the review, not of the rules), and once at the end with the real generator.
"""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from quiz import db
from quiz.articles.models import Article
from quiz.bank.models import Question
from quiz.suggest import review
from quiz.suggest.model import Option, Suggestion
from quiz.suggest.models import SuggestionDecision

from .conftest import add_instructor, sign_in, soup
from .test_authoring import claim_form, paste_article, token

SUGGESTIONS = [
    Suggestion(
        key="attribution-ana-ruiz", rule="attribution-said", kind="claim", skill="attribution",
        text="Ana Ruiz chairs the Friends of the Library.", verdict="supported", confidence=0.9,
        explanation="The article names her as its chair when it quotes her.",
        evidence=["said Ana Ruiz, who chairs the Friends of the Library"],
    ),
    Suggestion(
        key="numbers-vote", rule="numbers-count", kind="multiple_choice", skill="numbers",
        text="How did the council's vote go?", confidence=0.7,
        explanation="The last paragraph gives the count.",
        evidence=["The vote was seven to two."],
        options=[Option("Seven to two", True), Option("Five to four", False, "That is not the count the article gives."),
                 Option("Unanimously", False, "Two members voted against.")],
        teacher_note="Ask who the two might be.",
    ),
    Suggestion(
        key="dates-monday", rule="dates-weekday", kind="claim", skill="dates",
        text="The council voted on Monday.", verdict="contradicted", confidence=0.6,
        explanation="The article says Tuesday.",
        evidence=["The council voted on Tuesday"],
    ),
    Suggestion(
        key="attribution-mayor", rule="attribution-said", kind="claim", skill="attribution",
        text="The mayor said the building was too costly to repair.", verdict="supported", confidence=0.4,
        explanation="The article reports what the mayor said.",
        evidence=["The mayor said the building was too costly to repair."],
    ),
    # Wrong options without feedback: a draft may be saved, a published question may not.
    Suggestion(
        key="numbers-no-feedback", rule="numbers-count", kind="multiple_choice", skill="numbers",
        text="How many members voted against closing it?", confidence=0.5,
        explanation="Seven to two: two voted against.",
        evidence=["The vote was seven to two."],
        options=[Option("Two", True), Option("Seven"), Option("None")],
    ),
]
KEYS = [s.key for s in SUGGESTIONS]


@pytest.fixture
def fixed(monkeypatch):
    """The generator, replaced with the list above (in the child process too: it is forked)."""
    made = list(SUGGESTIONS)
    monkeypatch.setattr(review, "suggest", lambda source, limit=None: list(made))
    return made


@pytest.fixture
def article_id(author, fixed):
    return paste_article(author)


def url(article_id, tail=""):
    return f"/author/articles/{article_id}/suggestions{tail}"


def post(client, article_id, key, what, **data):
    return client.post(url(article_id, f"/{key}/{what}"), data={"csrf_token": token(client)} | data)


def cards(response) -> list:
    return soup(response).select("article.suggestion")


def flashes(response) -> str:
    return " ".join(p.get_text(" ", strip=True) for p in soup(response).select(".flashes p"))


def questions(app, article_id) -> list[Question]:
    with app.app_context():
        query = select(Question).where(Question.article_id == article_id).order_by(Question.id)
        return list(db.session().scalars(query.options(selectinload(Question.options), selectinload(Question.evidence))))


def decisions(app) -> dict[str, tuple]:
    with app.app_context():
        rows = db.session().scalars(select(SuggestionDecision))
        return {row.key: (row.decision, row.question_id, row.instructor_id) for row in rows}


# --------------------------------------------------------------------------------------------
# The list


def test_the_list_shows_each_suggestion_as_a_teacher_reviews_it(author, app, article_id):
    response = author.get(url(article_id))
    assert response.status_code == 200
    page = soup(response)
    shown = cards(response)
    assert [c.select_one("h3").get_text(" ", strip=True) for c in shown] == [
        "Claim: " + SUGGESTIONS[0].text, SUGGESTIONS[1].text, "Claim: " + SUGGESTIONS[2].text,
        "Claim: " + SUGGESTIONS[3].text, SUGGESTIONS[4].text,
    ]
    first, choice = shown[0].get_text(" ", strip=True), shown[1]
    assert "Claim · Attribution" in first and "Supported by the article" in first
    assert "How sure the rule is: high" in first and "Made by the rule for attribution said (attribution-said)" in first
    assert shown[0].select_one("meter")["value"] == "0.9"
    assert "said Ana Ruiz, who chairs the Friends of the Library" in shown[0].select_one("blockquote").get_text()
    # The right option is marked; each wrong one says why it is wrong.
    assert choice.select_one("li.correct").get_text(" ", strip=True) == "Right answer: Seven to two"
    assert "Why not: Two members voted against." in choice.get_text(" ", strip=True)
    assert "Teacher note: Ask who the two might be." in choice.get_text(" ", strip=True)
    assert "How sure the rule is: low" in shown[3].get_text(" ", strip=True)
    # The first one's evidence is marked in the article beside; another's on asking.
    assert page.select_one("mark#evidence-1").get_text(" ", strip=True).endswith("said Ana Ruiz, who chairs the Friends of the Library")
    focused = soup(author.get(url(article_id, "?focus=dates-monday")))
    assert "The council voted on Tuesday" in focused.select_one("mark#evidence-1").get_text()
    assert "marked in the article" in focused.select("article.suggestion")[2].get_text()
    buttons = [b.get_text(" ", strip=True) for b in shown[0].select("button, a.button")]
    assert buttons == ["Accept as draft (suggestion 1)", "Accept and publish (suggestion 1)", "Edit, then accept (suggestion 1)", "Reject suggestion 1"]
    # Viewing saved nothing: suggestions are not questions until accepted.
    assert questions(app, article_id) == [] and decisions(app) == {}


def test_each_mark_link_says_where_its_passages_are_for_marking_without_a_reload(author, app, article_id):
    """"Mark it in the article" stays a link that reloads the list with that suggestion marked; it
    also carries the passages' positions in the article's text, which static/js/suggestions.js
    marks in the article beside without a reload (the page's CSP runs no inline script)."""
    response = author.get(url(article_id))
    page = soup(response)
    assert page.find("script", src="/static/js/suggestions.js") is not None
    assert all(script.get("src") for script in page.find_all("script"))  # no inline script
    with app.app_context():
        text = db.session().get(Article, article_id).text
    for number, (card, suggestion) in enumerate(zip(cards(response), SUGGESTIONS), start=1):
        link = card.select_one("a.mark-link")
        assert link["href"] == url(article_id, f"?focus={suggestion.key}#suggestion-{number}")
        assert link["data-number"] == str(number) and link["data-key"] == suggestion.key
        assert link["data-nearest"] == ("yes" if suggestion.verdict == "not_in_article" else "no")
        spans = [tuple(map(int, pair.split("-"))) for pair in link["data-passages"].split()]
        assert [text[start:end] for start, end in spans] == suggestion.evidence
        # The first is the one marked now: its link is hidden and its note shown; the others the reverse.
        note = card.select_one(".marked-note")
        assert (link.has_attr("hidden"), note.has_attr("hidden")) == ((True, False) if number == 1 else (False, True))
    focused = soup(author.get(url(article_id, "?focus=dates-monday")))
    assert focused.select_one("#marked-number").get_text() == "3"
    assert focused.select_one("#back-to-card")["href"] == "#suggestion-3"
    assert focused.select("article.suggestion")[2].select_one("a.mark-link").has_attr("hidden")


def test_when_the_rules_find_nothing_the_page_says_what_they_look_for_and_what_to_do(author, article_id, fixed):
    fixed.clear()
    page = soup(author.get(url(article_id)))
    assert page.select("article.suggestion") == []
    box = page.select_one(".nothing-found")
    words = box.get_text(" ", strip=True)
    assert words.startswith("The rules found nothing to ask about this article. They look for:")
    for looked_for in ("quotation marks or credited to someone", "named sources", "figures and dates", "hedged wording",
                       "loaded words", "headline that says more than the body", "a byline, a date, the response"):
        assert looked_for in words
    assert "write a question yourself" in words
    links = {a.get_text(" ", strip=True): a["href"] for a in box.select("a")}
    assert links == {
        "Write a claim": f"/author/articles/{article_id}/questions/new?kind=claim",
        "Write a multiple-choice question": f"/author/articles/{article_id}/questions/new?kind=multiple_choice",
    }
    assert author.get(links["Write a claim"]).status_code == 200


def test_the_article_page_links_to_its_suggestions(author, article_id):
    link = soup(author.get(f"/author/articles/{article_id}")).find("a", string="Suggest questions")
    assert link["href"] == url(article_id)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?skill=attribution", [0, 3]),
        ("?kind=multiple_choice", [1, 4]),
        ("?kind=claim&skill=attribution", [0, 3]),
        ("?kind=multiple_choice&skill=dates", []),
        ("?skill=no-such-skill&kind=%F0%9F%92%A5", [0, 1, 2, 3, 4]),  # unknown filters are ignored
    ],
)
def test_filters_by_skill_and_kind(author, article_id, query, expected):
    response = author.get(url(article_id, query))
    assert response.status_code == 200
    assert [c.select_one("h3").get_text(" ", strip=True).removeprefix("Claim: ") for c in cards(response)] == [SUGGESTIONS[i].text for i in expected]


def test_the_filters_count_what_they_would_show(author, article_id):
    page = soup(author.get(url(article_id, "?kind=claim")))
    skills = [o.get_text(strip=True) for o in page.select("#filter-skill option")]
    # Numbers has no claims, but it is still offered: choosing a kind never hides a skill.
    assert skills == ["All skills (3)", "Attribution (2)", "Numbers (0)", "Dates (1)"]
    kinds = [o.get_text(strip=True) for o in page.select("#filter-kind option")]
    assert kinds == ["Claims and multiple choice (5)", "Claims (3)", "Multiple choice (2)"]
    assert page.select_one("#filter-kind option[selected]")["value"] == "claim"
    assert "To review: 3 shown by the filters of 5 suggestions" in page.select_one("#list-heading").get_text(" ", strip=True)


@pytest.mark.parametrize("query", ["?kind=claim", "?kind=multiple_choice", "?skill=dates", "?skill=numbers&kind=claim", "?kind=multiple_choice&skill=dates"])
def test_the_filters_always_offer_every_skill_and_kind_with_suggestions(author, article_id, query):
    """Whatever is chosen, every skill and kind with suggestions to review stays in its list, so a
    teacher can go from any filter to any other in one step."""
    page = soup(author.get(url(article_id, query)))
    assert [o["value"] for o in page.select("#filter-skill option")] == ["", "attribution", "numbers", "dates"]
    assert [o["value"] for o in page.select("#filter-kind option")] == ["", "claim", "multiple_choice"]


def test_the_filters_can_be_cleared(author, article_id):
    assert soup(author.get(url(article_id))).find("a", string="Clear the filters") is None
    page = soup(author.get(url(article_id, "?kind=multiple_choice&skill=dates&show=rejected")))
    clear = page.select_one(".suggestion-filters").find("a", string="Clear the filters")
    assert clear["href"] == url(article_id, "?show=rejected")  # which list stays; the filters go
    page = soup(author.get(url(article_id, "?kind=multiple_choice&skill=dates")))
    assert "Nothing left to review with these filters" in page.select_one("#main").get_text(" ", strip=True)
    (clear, again) = page.find_all("a", string=lambda text: text and text.lower() == "clear the filters")
    assert clear["href"] == again["href"] == url(article_id)
    assert len(cards(author.get(clear["href"]))) == len(SUGGESTIONS)


def test_a_filter_with_no_suggestions_left_is_not_offered(author, app, article_id):
    for key in ("numbers-vote", "numbers-no-feedback"):
        assert post(author, article_id, key, "reject").status_code == 303
    page = soup(author.get(url(article_id)))
    assert [o["value"] for o in page.select("#filter-skill option")] == ["", "attribution", "dates"]
    assert [o["value"] for o in page.select("#filter-kind option")] == ["", "claim"]
    # ... unless it is the one chosen, so that the form says what the list shows.
    page = soup(author.get(url(article_id, "?skill=numbers&kind=multiple_choice")))
    assert page.select_one("#filter-skill option[selected]")["value"] == "numbers"
    assert page.select_one("#filter-kind option[selected]")["value"] == "multiple_choice"


# --------------------------------------------------------------------------------------------
# Accept, reject, undo: each decided once


def test_accepting_saves_a_question_and_remembers_it(author, app, article_id):
    response = post(author, article_id, "dates-monday", "accept", action="draft")
    assert response.status_code == 303 and response.headers["Location"] == url(article_id)
    (draft,) = questions(app, article_id)
    assert (draft.ident, draft.status, draft.prompt, draft.verdict, draft.skill) == ("q1", "draft", "The council voted on Monday.", "contradicted", "dates")
    assert [e.exact for e in draft.evidence] == ["The council voted on Tuesday"]
    response = post(author, article_id, "numbers-vote", "accept?skill=numbers", action="publish", skill="dates")
    # The filters of the list come back with it.
    assert response.headers["Location"] == url(article_id, "?skill=numbers")
    page = author.get(response.headers["Location"])
    assert "Question q2 saved as published: “" in flashes(page)
    published = questions(app, article_id)[1]
    assert published.status == "published" and [o.correct for o in published.options] == [True, False, False]
    assert published.teacher_note == "Ask who the two might be."
    with app.app_context():
        instructor = db.session().scalar(select(Article.owner_id).where(Article.id == article_id))
    assert decisions(app) == {"dates-monday": ("accepted", draft.id, instructor), "numbers-vote": ("accepted", published.id, instructor)}
    # Decided ones leave the list, and can be shown with the question each became.
    response = author.get(url(article_id))
    assert len(cards(response)) == 3
    assert "Accepted (2): show" in soup(response).select_one(".decided-links").get_text(" ", strip=True)
    accepted = author.get(url(article_id, "?show=accepted"))
    texts = [c.get_text(" ", strip=True) for c in cards(accepted)]
    assert "question q2, published." in texts[0] and "question q1, draft." in texts[1]
    assert not cards(accepted)[0].select("form")
    # The questions are the article's like any other: on its page, editable there.
    article_page = soup(author.get(f"/author/articles/{article_id}")).get_text(" ", strip=True)
    assert "The council voted on Monday." in article_page and "How did the council's vote go?" in article_page


def test_each_suggestion_is_decided_once(author, app, article_id):
    assert post(author, article_id, "attribution-ana-ruiz", "accept", action="draft").status_code == 303
    author.get(url(article_id))  # read the flash
    for what in ("accept", "reject"):
        response = post(author, article_id, "attribution-ana-ruiz", what, action="publish")
        assert response.status_code == 303
        assert "That suggestion was accepted already as question q1. Nothing was changed." in flashes(author.get(response.headers["Location"]))
    response = author.get(url(article_id, "/attribution-ana-ruiz/edit"))
    assert response.status_code == 303 and "accepted already" in flashes(author.get(response.headers["Location"]))
    assert len(questions(app, article_id)) == 1 and questions(app, article_id)[0].status == "draft"
    # A rejected one is not accepted until the rejection is undone; an accepted one has nothing to undo.
    post(author, article_id, "dates-monday", "reject")
    author.get(url(article_id))
    response = post(author, article_id, "dates-monday", "accept", action="draft")
    assert "was rejected already. Undo the rejection first" in flashes(author.get(response.headers["Location"]))
    response = post(author, article_id, "attribution-ana-ruiz", "undo")
    assert "That suggestion is not rejected, so there is nothing to undo." in flashes(author.get(response.headers["Location"]))
    assert decisions(app).keys() == {"attribution-ana-ruiz", "dates-monday"} and len(questions(app, article_id)) == 1


def test_a_second_accept_racing_the_first_saves_one_question(author, app, article_id, monkeypatch):
    """Two tabs pass the check together: the database's unique key stops the second."""
    post(author, article_id, "dates-monday", "accept", action="draft")
    author.get(url(article_id))
    monkeypatch.setattr(review, "undecided", lambda *args: None)
    response = post(author, article_id, "dates-monday", "accept", action="draft")
    assert "That suggestion was decided already. Nothing was changed." in flashes(author.get(response.headers["Location"]))
    assert len(questions(app, article_id)) == 1


def test_rejecting_hides_it_and_undo_brings_it_back(author, app, article_id):
    # The form says which card takes the rejected one's place; the list comes back there.
    form = soup(author.get(url(article_id))).select_one("#card-attribution-mayor form[action$='/reject']")
    assert form.select_one("input[name=after]")["value"] == "numbers-no-feedback"
    response = post(author, article_id, "attribution-mayor", "reject", after="numbers-no-feedback")
    assert response.status_code == 303 and response.headers["Location"].endswith("#card-numbers-no-feedback")
    page = author.get(response.headers["Location"])
    assert "Rejected: “The mayor said the building was too costly to repair.”" in flashes(page)
    # ... with that card's evidence marked in the article, as if chosen.
    assert "focus=numbers-no-feedback" in response.headers["Location"]
    assert soup(page).select_one("#card-numbers-no-feedback article.suggestion.focused")
    assert len(cards(page)) == 4 and "Rejected (1): show" in soup(page).select_one(".decided-links").get_text(" ", strip=True)
    assert decisions(app)["attribution-mayor"][:2] == ("rejected", None) and questions(app, article_id) == []
    rejected = author.get(url(article_id, "?show=rejected"))
    (card,) = cards(rejected)
    assert "Rejected" in card.select_one(".decided").get_text()
    undo = card.select_one("form")
    assert undo.select_one("button").get_text(" ", strip=True) == "Undo the rejection of suggestion 1"
    response = author.post(undo["action"], data={"csrf_token": token(author)})
    # Back to the suggestions to review, at the card brought back.
    assert response.headers["Location"] == url(article_id, "?focus=attribution-mayor#card-attribution-mayor")
    page = author.get(response.headers["Location"])
    assert "The rejection is undone" in flashes(page) and soup(page).select_one("#card-attribution-mayor article.suggestion")
    assert decisions(app) == {} and len(cards(author.get(url(article_id)))) == 5


# --------------------------------------------------------------------------------------------
# Edit, then accept; the bank's validation


def test_edit_then_accept(author, app, article_id):
    response = author.get(url(article_id, "/numbers-vote/edit?kind=multiple_choice"))
    assert response.status_code == 200
    page = soup(response)
    form = page.select_one("form.question-form")
    assert page.select_one("h1").get_text() == "Edit the suggestion, then accept it"
    assert form["action"] == url(article_id, "/numbers-vote/edit?kind=multiple_choice")
    # Filled in with the suggestion, in the question form's own fields.
    assert page.select_one("#prompt").get_text() == "How did the council's vote go?"
    assert [page.select_one(f"#option-{n}")["value"] for n in (1, 2, 3, 4)] == ["Seven to two", "Five to four", "Unanimously", ""]
    assert page.select_one("#correct-1").has_attr("checked") and page.select_one("textarea#feedback-3").get_text() == "Two members voted against."
    assert page.select_one("#quote-1").get_text() == "The vote was seven to two."
    # The evidence is marked in the article beside the form (no "Evidence 1" label there: a
    # selection in the article must take only the article's words).
    assert [m.get_text(" ", strip=True) for m in page.select("#evidence-source mark.evidence")] == ["The vote was seven to two."]
    assert not page.select("#evidence-source .evidence-badge")
    assert page.select_one("#skill option[selected]")["value"] == "numbers"
    assert page.select_one("#teacher-note").get_text() == "Ask who the two might be."
    assert [b.get_text() for b in form.select("button[type=submit]")] == ["Accept as draft", "Accept and publish"]
    data = {
        "csrf_token": token(author), "kind": "multiple_choice", "prompt": "What was the council's vote?", "correct": "1",
        "option_1": "Seven to two", "option_2": "Five to four", "feedback_2": "Not the count given.", "option_3": "Nine to nothing",
        "feedback_3": "Two voted against.", "explanation": "The last paragraph gives the count.", "skill": "numbers",
        "quote_1": "The vote was seven to two.", "action": "publish",
    }
    response = author.post(form["action"], data=data)
    assert response.status_code == 303 and response.headers["Location"] == url(article_id, "?kind=multiple_choice")
    (question,) = questions(app, article_id)
    assert (question.prompt, question.status) == ("What was the council's vote?", "published")
    assert [o.text for o in question.options] == ["Seven to two", "Five to four", "Nine to nothing"]
    assert question.teacher_note is None  # emptied in the form, so not kept
    assert decisions(app)["numbers-vote"][:2] == ("accepted", question.id)
    # Among the accepted, it shows with the wording it was saved with, the suggested one beside.
    (card,) = cards(author.get(url(article_id, "?show=accepted")))
    assert card.select_one("h3").get_text(" ", strip=True) == "What was the council's vote?"
    assert f"Your wording, saved as question {question.ident}. Suggested as:" in card.get_text(" ", strip=True)


def test_an_edit_that_does_not_validate_shows_the_problems_and_records_nothing(author, app, article_id):
    data = {"csrf_token": token(author), "prompt": "The council voted on Monday.", "verdict": "contradicted", "skill": "dates",
            "explanation": "It says Tuesday.", "quote_1": "The council voted on Friday", "action": "publish"}
    response = author.post(url(article_id, "/dates-monday/edit"), data=data)
    assert response.status_code == 400
    page = soup(response)
    assert "Nothing was saved" in page.select_one("#form-errors").get_text() and "does not occur in the article" in page.select_one("#form-errors").get_text()
    # What was sent is shown again, to fix.
    assert page.select_one("#quote-1").get_text() == "The council voted on Friday"
    assert questions(app, article_id) == [] and decisions(app) == {}


def test_a_suggestion_that_cannot_be_published_as_it_is_opens_in_the_form(author, app, article_id):
    response = post(author, article_id, "numbers-no-feedback", "accept", action="publish")
    assert response.status_code == 400
    page = soup(response)
    errors = page.select_one("#form-errors").get_text(" ", strip=True)
    assert "option 2 is wrong but has no `feedback` explaining the mistake" in errors
    assert page.select_one("h1").get_text() == "Edit the suggestion, then accept it"
    assert page.select_one("#prompt").get_text() == "How many members voted against closing it?"
    assert questions(app, article_id) == [] and decisions(app) == {}
    # As a draft it may wait for its feedback.
    assert post(author, article_id, "numbers-no-feedback", "accept", action="draft").status_code == 303
    assert [q.status for q in questions(app, article_id)] == ["draft"]


def test_accept_all_shown_as_drafts(author, app, article_id, fixed):
    # Two steps on the page: the button that accepts them all is inside a disclosure that says
    # what it does, not one stray click away.
    bulk = soup(author.get(url(article_id))).select_one("details.bulk-form")
    assert bulk.select_one("summary").get_text(strip=True).startswith("Accept all 5 shown as drafts")
    assert bulk.select_one("form button[type=submit]").get_text(strip=True) == "Yes, accept all 5 as drafts"
    post(author, article_id, "attribution-mayor", "reject")
    # An invalid one (a quote not in the article) is left to review, and counted.
    fixed.append(Suggestion(key="bad-quote", rule="r", kind="claim", skill="attribution", text="Someone said something.",
                            verdict="supported", explanation="x", evidence=["Words the article lacks."], confidence=0.5))
    response = author.post(url(article_id, "/accept-shown?skill=attribution"), data={"csrf_token": token(author)})
    assert response.status_code == 303 and response.headers["Location"] == url(article_id, "?skill=attribution")
    message = flashes(author.get(response.headers["Location"]))
    assert message == "Accepted 1 suggestion as drafts: q1. 1 could not be saved as they are; accept them one by one to see why."
    assert [(q.prompt, q.status) for q in questions(app, article_id)] == [(SUGGESTIONS[0].text, "draft")]
    assert decisions(app).keys() == {"attribution-ana-ruiz", "attribution-mayor"}
    author.post(url(article_id, "/accept-shown"), data={"csrf_token": token(author)})
    assert len(questions(app, article_id)) == 4


# --------------------------------------------------------------------------------------------
# Bad input and slow generation


@pytest.mark.parametrize("key", ["no-such-key", "x" * 5000, "numbers-vote ", "NUMBERS-VOTE", "%F0%9F%92%A5"])
@pytest.mark.parametrize("what", ["accept", "reject", "edit", "undo"])
def test_an_unknown_key_gets_a_clear_message_and_changes_nothing(author, app, article_id, key, what):
    response = post(author, article_id, key, what, action="publish", prompt="x", verdict="supported")
    assert response.status_code == 303
    message = flashes(author.get(response.headers["Location"]))
    expected = "is not rejected, so there is nothing to undo" if what == "undo" else "There is no such suggestion for this article"
    assert expected in message and "Nothing was changed" in message
    assert questions(app, article_id) == [] and decisions(app) == {}


def test_too_long_fields_in_an_edit_are_refused(author, app, article_id):
    data = {"csrf_token": token(author), "prompt": "x", "verdict": "supported", "skill": "dates", "explanation": "e",
            "teacher_note": "n" * 100_000, "quote_1": "The council voted on Tuesday", "action": "draft"}
    response = author.post(url(article_id, "/dates-monday/edit"), data=data)
    assert response.status_code == 400 and "`teacher_note` has 100,000 characters" in soup(response).select_one("#form-errors").get_text()
    assert questions(app, article_id) == [] and decisions(app) == {}


def test_generation_that_takes_too_long_is_stopped(author, app, article_id, monkeypatch):
    def slow(source, limit=None):
        time.sleep(30)

    monkeypatch.setattr(review, "suggest", slow)
    app.config["WORK_TIME_LIMIT_SECONDS"] = 0.5
    response = author.get(url(article_id))
    assert response.status_code == 200
    assert "took too long" in soup(response).select_one(".error").get_text() and not cards(response)
    response = post(author, article_id, "dates-monday", "accept", action="draft")
    assert "took too long" in flashes(author.get(response.headers["Location"]))
    assert questions(app, article_id) == [] and decisions(app) == {}


def test_a_deleted_question_keeps_its_suggestion_accepted(author, app, article_id):
    post(author, article_id, "dates-monday", "accept", action="draft")
    (question,) = questions(app, article_id)
    author.post(f"/author/questions/{question.id}/delete", data={"csrf_token": token(author)})
    assert decisions(app)["dates-monday"][:2] == ("accepted", None)
    (card,) = cards(author.get(url(article_id, "?show=accepted")))
    assert "its question was deleted since" in card.get_text()


def test_deleting_the_article_deletes_its_decisions(author, app, article_id):
    post(author, article_id, "attribution-mayor", "reject")
    author.post(f"/author/articles/{article_id}/delete", data={"csrf_token": token(author)})
    assert decisions(app) == {}


# --------------------------------------------------------------------------------------------
# Built-in articles: read-only, so accepting is done on a copy


def builtin_id(app) -> int:
    with app.app_context():
        return db.session().scalar(select(Article.id).where(Article.owner_id.is_(None)))


def test_a_builtin_article_shows_its_suggestions_and_copies_to_accept(author, app, fixed):
    article_id = builtin_id(app)
    with app.app_context():
        article = db.session().get(Article, article_id)
        sentence = article.text[article.sentences[3].start : article.sentences[3].end]
    fixed[:] = [Suggestion(key="dates-monday", rule="r", kind="claim", skill="dates", text="A claim.", verdict="supported",
                           explanation="It says so.", evidence=[sentence], confidence=0.5)]
    page = soup(author.get(url(article_id)))
    assert "This is a built-in article, which nobody can change." in page.select_one(".notice").get_text()
    assert len(page.select("article.suggestion")) == 1 and not page.select("article.suggestion form, article.suggestion a.button")
    assert sentence in page.select_one("mark#evidence-1").get_text()
    assert not page.select("form.bulk-form")
    before = len(questions(app, article_id))
    for what in ("accept", "reject", "edit", "undo"):
        assert post(author, article_id, "dates-monday", what, action="draft").status_code == 403
    assert author.post(url(article_id, "/accept-shown"), data={"csrf_token": token(author)}).status_code == 403
    assert decisions(app) == {} and len(questions(app, article_id)) == before
    copy = page.select_one(".notice form")
    response = author.post(copy["action"], data={"csrf_token": token(author)})
    assert response.status_code == 303
    copy_id = int(response.headers["Location"].split("/")[-2])
    assert copy_id != article_id and response.headers["Location"] == url(copy_id)
    assert "Copied to your articles" in flashes(author.get(response.headers["Location"]))
    assert post(author, copy_id, "dates-monday", "accept", action="draft").status_code == 303
    assert len(questions(app, copy_id)) == before + 1 and len(questions(app, article_id)) == before


# --------------------------------------------------------------------------------------------
# Who may do what

# (method, path, data, expected status for: anonymous, another instructor, the owner)
ROUTES = [
    ("GET", "/author/articles/{article}/suggestions", None, (302, 404, 200)),
    ("GET", "/author/articles/{builtin}/suggestions", None, (302, 200, 200)),
    ("POST", "/author/articles/{article}/suggestions/numbers-vote/accept", {"action": "publish"}, (302, 404, 303)),
    ("POST", "/author/articles/{builtin}/suggestions/numbers-vote/accept", {"action": "draft"}, (302, 403, 403)),
    ("POST", "/author/articles/{article}/suggestions/numbers-vote/reject", {}, (302, 404, 303)),
    ("POST", "/author/articles/{article}/suggestions/rejected/undo", {}, (302, 404, 303)),
    ("GET", "/author/articles/{article}/suggestions/numbers-vote/edit", None, (302, 404, 200)),
    ("POST", "/author/articles/{article}/suggestions/numbers-vote/edit",
     {"prompt": "How did it go?", "correct": "1", "option_1": "7-2", "option_2": "5-4", "option_3": "9-0", "action": "draft"}, (302, 404, 303)),
    ("POST", "/author/articles/{article}/suggestions/accept-shown", {}, (302, 404, 303)),
    ("POST", "/author/articles/{article}/suggestions/copy", {}, (302, 404, 303)),
    ("POST", "/author/articles/{builtin}/suggestions/copy", {}, (302, 303, 303)),
    # A set of an article's published questions: of one's own article, or of a built-in one.
    ("POST", "/author/articles/{article}/set", {}, (302, 404, 303)),
    ("POST", "/author/articles/{builtin}/set", {}, (302, 303, 303)),
]


def snapshot(app) -> tuple:
    with app.app_context():
        session = db.session()
        return (
            session.scalar(select(func.count()).select_from(Article)),
            tuple(session.scalars(select(Question.prompt + Question.status).order_by(Question.id))),
            tuple(session.scalars(select(SuggestionDecision.key + SuggestionDecision.decision).order_by(SuggestionDecision.id))),
        )


@pytest.fixture
def world(app, fixed):
    """The owner's article with one rejected suggestion; another instructor; a visitor."""
    add_instructor(app, "owner@example.org")
    add_instructor(app, "other@example.org")
    owner, other, anonymous = app.test_client(), app.test_client(), app.test_client()
    sign_in(owner, "owner@example.org")
    sign_in(other, "other@example.org")
    article_id = paste_article(owner)
    claim_form(owner, article_id)
    fixed.append(Suggestion(key="rejected", rule="r", kind="claim", skill="dates", text="Rejected.", verdict="supported",
                            explanation="x", evidence=["The vote was seven to two."], confidence=0.5))
    assert post(owner, article_id, "rejected", "reject").status_code == 303
    return {"anonymous": anonymous, "other": other, "owner": owner}, {"article": article_id, "builtin": builtin_id(app)}


def call(client, method, path, data, ids, csrf=True):
    address = path.format(**ids)
    if method == "GET":
        return client.get(address)
    payload = dict(data or {})
    if csrf:
        payload["csrf_token"] = soup(client.get("/join")).select_one("input[name=csrf_token]")["value"]
    return client.post(address, data=payload)


@pytest.mark.parametrize(("method", "path", "data", "expected"), ROUTES, ids=[f"{m} {p}" for m, p, _, _ in ROUTES])
def test_route_access(app, world, method, path, data, expected):
    clients, ids = world
    for role, status in zip(("anonymous", "other", "owner"), expected):
        before = snapshot(app)
        if method == "POST" and role == "owner":
            refused = call(clients[role], method, path, data, ids, csrf=False)
            assert refused.status_code == 400 and "security token is missing" in refused.get_data(as_text=True)
            assert snapshot(app) == before
        response = call(clients[role], method, path, data, ids)
        assert response.status_code == status, f"{role}: {response.status_code} {soup(response).get_text(' ', strip=True)[:300]}"
        if role == "anonymous":
            assert "/account/sign-in" in response.headers["Location"]
        if method == "POST" and status != 303:
            assert snapshot(app) == before, f"{role} changed something"
        if method == "POST" and status == 303 and role == "owner" and "/copy" not in path and not path.endswith("/set"):
            assert snapshot(app) != before, "the owner's request changed nothing"


def test_every_suggestions_route_is_in_the_matrix(app):
    covered = {(method, path) for method, path, _, _ in ROUTES}
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("suggestions."):
            continue
        path = rule.rule.replace("<int:article_id>", "{article}")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            if not any(m == method and _same(path, p) for m, p in covered):
                missing.append((method, rule.rule))
    assert missing == []


def _same(rule: str, path: str) -> bool:
    """Whether a path of the matrix is an address of the rule (any key for <key>, any article)."""
    import re

    pattern = re.escape(rule).replace(re.escape("{article}"), r"\{(?:article|builtin)\}").replace(re.escape("<key>"), r"[^/]+")
    return re.fullmatch(pattern, path) is not None


# --------------------------------------------------------------------------------------------
# With the real generator


def test_the_generators_suggestions_all_pass_as_published_questions(author, app):
    """Every suggestion the rules offer for an imported article is accepted, published, as it is."""
    article_id = paste_article(author)
    total = len(cards(author.get(url(article_id))))
    assert total >= 3
    for remaining in range(total, 0, -1):
        page = soup(author.get(url(article_id)))
        assert len(page.select("article.suggestion")) == remaining
        accept = page.select_one("article.suggestion form")  # the first one's "Accept" buttons
        response = author.post(accept["action"], data={"csrf_token": token(author), "action": "publish"})
        assert response.status_code == 303, soup(response).get_text(" ", strip=True)[:500]
    assert [q.status for q in questions(app, article_id)] == ["published"] * total
    assert [d[0] for d in decisions(app).values()] == ["accepted"] * total
    page = author.get(url(article_id))
    assert not cards(page) and "Nothing left to review." in soup(page).get_text()
    assert f"Accepted ({total}): show" in soup(page).select_one(".decided-links").get_text(" ", strip=True)


def test_the_same_text_gives_the_same_suggestions_to_another_instructor(app, author):
    """A copy of a built-in article has the built-in one's suggestions: the decisions carry over by key."""
    builtin = builtin_id(app)
    keys = [a["href"] for a in soup(author.get(url(builtin))).select("article.suggestion a[href*='focus=']")]
    assert keys
    response = author.post(url(builtin, "/copy"), data={"csrf_token": token(author)})
    copy_id = int(response.headers["Location"].split("/")[-2])
    copied = [a["href"].replace(f"/{copy_id}/", f"/{builtin}/") for a in soup(author.get(url(copy_id))).select("article.suggestion a[href*='focus=']")]
    assert copied == keys


MALFORMED = [str(2**63), "-1", "١٢", "", "x" * 5000, "\u202eevil", "<script>alert(1)</script>", ["1", "2"]]
FORM_FIELDS = ["prompt", "verdict", "correct", "option_1", "feedback_2", "explanation", "teacher_note", "skill", "quote_1", "prefix_1", "suffix_1", "action", "kind"]


def test_malformed_edit_forms_are_refused_not_server_errors(author, app, article_id):
    """The fuzz of every route (test_fuzz.py) sends the question form's fields to the authoring
    routes that read them; the edit-then-accept route reads them through the same helper, so
    they are sent here too."""
    valid = {"prompt": "The council voted on Monday.", "verdict": "contradicted", "skill": "dates", "explanation": "Tuesday.",
             "quote_1": "The council voted on Tuesday", "action": "draft", "correct": "1", "option_1": "A", "feedback_2": "B"}
    for key in ("dates-monday", "numbers-vote"):
        for name in FORM_FIELDS:
            for value in MALFORMED:
                data = {"csrf_token": token(author)} | valid | {name: value}
                response = author.post(url(article_id, f"/{key}/edit"), data=data)
                assert response.status_code in (303, 400), (key, name, value, response.status_code)
                if response.status_code == 303:  # saved: undo, to try the next one on an undecided suggestion
                    with app.app_context():
                        session = db.session()
                        session.execute(SuggestionDecision.__table__.delete())
                        session.execute(Question.__table__.delete().where(Question.article_id == article_id))
                        session.commit()


def test_edit_then_accept_keeps_every_evidence_quote_of_a_suggestion(author, app, fixed, article_id):
    """The question form shows three evidence rows; a suggestion that cites more gets a row for
    each, and saving keeps them all."""
    quotes = ["The council voted on Tuesday", "The mayor said the building was too costly to repair.",
              "The vote was seven to two.", "The branch on Mill Street will shut in June."]
    fixed.append(Suggestion(key="four-quotes", rule="numbers-count", kind="claim", skill="numbers", verdict="supported",
                            text="The council decided to close the library.", confidence=0.5,
                            explanation="The vote was seven to two.", evidence=quotes))
    page = soup(author.get(url(article_id, "/four-quotes/edit")))
    assert [page.select_one(f"#quote-{n}").get_text() for n in (1, 2, 3, 4)] == quotes
    data = {"csrf_token": token(author), "prompt": "The council decided to close the library.", "verdict": "supported",
            "skill": "numbers", "explanation": "The vote was seven to two.", "action": "draft"}
    data |= {f"quote_{n}": quote for n, quote in enumerate(quotes, 1)}
    assert author.post(url(article_id, "/four-quotes/edit"), data=data).status_code == 303
    [question] = questions(app, article_id)
    assert sorted(e.exact for e in question.evidence) == sorted(quotes)


def test_published_questions_can_be_made_into_a_set_to_play(author, app, article_id):
    """Accepted and published, a question still needs a set to be played: the list says so and
    makes one of the article's published questions, in order, ready to host, assign or share."""
    assert "Make a set" not in soup(author.get(url(article_id))).get_text()
    post(author, article_id, "attribution-ana-ruiz", "accept", action="publish")
    post(author, article_id, "dates-monday", "accept", action="draft")
    page = soup(author.get(url(article_id)))
    form = page.select_one("div.play-these form")
    assert "Make a set of its 1 published question" in form.get_text()
    response = author.post(form["action"], data={"csrf_token": token(author)})
    assert response.status_code == 303 and "/author/sets/" in response.headers["Location"]
    page = soup(author.get(response.headers["Location"]))
    assert "Council votes to close the library" in page.select_one("h1").get_text()
    assert [li.get_text(" ", strip=True) for li in page.select("ol.set-items > li")][0].startswith("Ana Ruiz chairs")
    assert "Host it live" in page.get_text()


def test_a_set_cannot_be_made_of_an_article_with_nothing_published(author, app, article_id):
    response = author.post(f"/author/articles/{article_id}/set", data={"csrf_token": token(author)})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/author/articles/{article_id}")
    assert "no published question" in flashes(author.get(response.headers["Location"]))


def test_suggestions_that_ask_what_the_article_asks_already_are_left_out(author, app, fixed):
    """A copied built-in article comes with its 41 questions: a suggestion asking the same thing
    (nearly the same words, or the same skill on the same evidence) is not offered again, nor
    accepted by 'accept all'."""
    builtin = builtin_id(app)
    with app.app_context():
        asked = db.session().scalars(select(Question).where(Question.article_id == builtin, Question.kind == "claim").order_by(Question.position)).first()
        prompt, ident = asked.prompt, asked.ident
        sentence = db.session().get(Article, builtin).sentences[3]
        text = db.session().get(Article, builtin).text[sentence.start : sentence.end]
    fixed[:] = [
        Suggestion(key="same-words", rule="r", kind="claim", skill="dates", text=prompt.rstrip(".") + "!", verdict="supported",
                   explanation="It says so.", evidence=[text], confidence=0.5),
        Suggestion(key="new-one", rule="r", kind="claim", skill="hedging", text="A new claim about the letter.", verdict="supported",
                   explanation="It says so.", evidence=[text], confidence=0.5),
    ]
    response = author.post(url(builtin, "/copy"), data={"csrf_token": token(author)})
    copy_id = int(response.headers["Location"].split("/")[-2])
    page = soup(author.get(url(copy_id)))
    assert [c.select_one("h3").get_text(" ", strip=True) for c in page.select("article.suggestion")] == ["Claim: A new claim about the letter."]
    assert f"Left out: 1 suggestion asking what the article’s question {ident} asks already." in page.get_text(" ", strip=True)
    before = len(questions(app, copy_id))
    author.post(url(copy_id, "/accept-shown"), data={"csrf_token": token(author)})
    assert len(questions(app, copy_id)) == before + 1 and set(decisions(app)) == {"new-one"}


def test_copying_a_builtin_article_twice_goes_to_the_first_copy(author, app, fixed):
    builtin = builtin_id(app)
    first = author.post(url(builtin, "/copy"), data={"csrf_token": token(author)}).headers["Location"]
    page = soup(author.get(url(builtin)))
    assert not page.select(".notice form") and page.select_one(".notice a")["href"] == first
    second = author.post(url(builtin, "/copy"), data={"csrf_token": token(author)})
    assert second.headers["Location"] == first
    assert "You have a copy of this article already" in flashes(author.get(first))
    with app.app_context():
        assert db.session().scalar(select(func.count()).select_from(Article).where(Article.owner_id.is_not(None))) == 1
