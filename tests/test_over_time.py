"""Reports over time (a set's and a student's results across games and assignments) and a
question's statistics in authoring: the numbers on a hand-computed fixture, and who may see what."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import event, select, update

from quiz import db
from quiz.articles.models import Article
from quiz.assignments import over_time
from quiz.assignments.models import Assignment
from quiz.bank.models import Question
from quiz.live import service as live_service
from quiz.live.models import Game, LiveAnswer
from quiz.study.models import AttemptItem

from .conftest import add_instructor, form_fields, sign_in, soup
from .test_assignments import current_question, enter, new_assignment, wrong_answer
from .test_live import Phone, act, host_csrf
from .test_study import right_answer

# The set, in this order: two multiple-choice questions, a supported claim, a contradicted claim.
IDENTS = ("mc-letter-recipient", "mc-who-reported-it", "claim-palantir-unsourced", "claim-google-confirmed")
# Their skills: headline-vs-body, sourcing, sourcing, hedging.
ANN, BOB, CY, DEE = "Annika Berg", "Bartholomew Quill", "Cyrilla Moss", "Delphine Ray"
# A right verdict with the wrong sentence: half the points, not fully right.
VERDICT_ONLY = "verdict only"


def cells(row) -> list[str]:
    return [" ".join(cell.get_text(" ", strip=True).split()) for cell in row.select("td, th")]


def question_ids(app) -> dict[str, int]:
    with app.app_context():
        rows = db.session().execute(
            select(Question.ident, Question.id)
            .join(Article, Question.article_id == Article.id)
            .where(Article.slug == "amazon-rekognition-letter", Article.owner_id.is_(None), Question.ident.in_(IDENTS))
        ).all()
    return dict(rows)


def make_set(app, author, title="Week 5: who said it") -> int:
    token = soup(author.get("/author/")).select_one("input[name=csrf_token]")["value"]
    response = author.post("/author/sets", data={"csrf_token": token, "title": title})
    set_id = int(response.headers["Location"].rsplit("/", 1)[1])
    ids = question_ids(app)
    for ident in IDENTS:
        added = author.post(f"/author/sets/{set_id}/items", data={"csrf_token": token, "question": str(ids[ident])})
        assert added.status_code == 303
    return set_id


def do_assignment(app, code, plan, **entry):
    """One student enters and answers in order: True right, False wrong, VERDICT_ONLY the right
    verdict with a wrong sentence."""
    client = app.test_client()
    response = enter(client, code, **entry)
    for step in plan:
        token, _position, page = current_question(client, response)
        assert token is not None, page.get_text(" ", strip=True)[:500]
        if step is False:
            data = wrong_answer(app, token, page)
        else:
            data = right_answer(app, token, page)
            if step == VERDICT_ONLY:
                data["sentence"] = "1" if data["sentence"] != "1" else "2"
        response = client.post(page.select_one("form.answer-form")["action"], data=data)
        assert response.status_code == 303, response.get_data(as_text=True)[:500]
        response = client.get(f"/rounds/{token}")
    return client


def end_game(host, game_id):
    response = host.post(f"/host/games/{game_id}/end", data={"csrf_token": host_csrf(host, game_id)})
    assert response.status_code == 303
    if "/confirm/" in response.headers["Location"]:
        form = soup(host.get(response.headers["Location"])).select_one("main form")
        assert host.post(form["action"], data=form_fields(form)).status_code == 303


def set_game(app, host, set_id) -> tuple[int, int]:
    """A live game of the set, questions in the set's order: Annika right on both multiple-choice
    questions, Delphine wrong on the first; nobody answers the claims. Return the game's id and
    the option id Delphine chose."""
    page = soup(host.get("/host/"))
    data = form_fields(page.select_one("form.host-form")) | {"set": f"set:{set_id}", "time_limit": "30"}
    response = host.post("/host/games", data=data)
    assert response.status_code == 303
    game_id = int(re.search(r"/host/games/(\d+)$", response.headers["Location"]).group(1))
    pin = re.sub(r"\D", "", soup(host.get(f"/host/games/{game_id}")).select_one(".pin").get_text())
    ann, dee = Phone(app, pin, ANN), Phone(app, pin, DEE)
    with app.app_context():
        game = live_service.load_game(db.session(), game_id)
        assert [gq.question.ident for gq in game.questions] == list(IDENTS)
        keys = {gq.position: next(n for n, o in enumerate(gq.options, start=1) if o.correct) for gq in game.questions[:2]}
        wrong = keys[1] % 4 + 1
        dee_option = game.question_at(1).options[wrong - 1].id
    for position in range(1, 5):
        assert act(host, game_id, "next")["phase"] == "question"
        if position in keys:
            assert ann.answer(position, choice=keys[position]).status_code == 200
        if position == 1:
            assert dee.answer(position, choice=wrong).status_code == 200
        if host.get(f"/host/games/{game_id}/state").get_json()["phase"] == "question":
            act(host, game_id, "skip")
        assert act(host, game_id, "next")["phase"] == "leaderboard"
    end_game(host, game_id)
    return game_id, dee_option


@pytest.fixture
def history(app, author):
    """One set played three times, dated apart:

        10 Jan, assignment 1 ("Week 5 homework"):
            Annika (9B)    right, right, right, right         4/4, discernment +1
            Bartholomew    right, wrong, right, wrong         2/4, discernment 1 - 1 = 0
            -> class 6/8 = 75%, mean discernment +50, skills headline-vs-body 2/2, sourcing 3/4, hedging 1/2
        20 Jan, live game (nicknames):
            Annika         right, right, -, -                 2/4, discernment 0
            Delphine       wrong, -, -, -                     0/4, discernment 0
            -> class 2/8 = 25%, headline-vs-body 1/2, sourcing 1/4, hedging 0/2
        10 Feb, assignment 2 ("Week 7 homework"):
            "annika  BERG" (" 9b")  right, right, wrong, right    3/4, discernment 0
            Annika (10C)   wrong x 4                          0/4, discernment 0 - 1 = -1
            Cyrilla        right, right, right, verdict only  3/4, discernment +1
            -> class 6/12 = 50%, mean 0, headline-vs-body 2/3, sourcing 3/6, hedging 1/3

    Annika of 9B over time: 4/4, 2/4, 3/4 = 9/12; headline-vs-body 3/3, sourcing 4/6, hedging 2/3. The
    Annika of 10C is another student and stays out of it.
    """
    set_id = make_set(app, author)
    first = new_assignment(app, author, source=f"set:{set_id}", title="Week 5 homework")
    do_assignment(app, first.code, [True, True, True, True], name=ANN, class_name="9B")
    do_assignment(app, first.code, [True, False, True, False], name=BOB, class_name="9B")
    game_id, dee_option = set_game(app, author, set_id)
    second = new_assignment(app, author, source=f"set:{set_id}", title="Week 7 homework")
    do_assignment(app, second.code, [True, True, False, True], name="annika  BERG", class_name=" 9b")
    do_assignment(app, second.code, [False] * 4, name=ANN, class_name="10C")
    do_assignment(app, second.code, [True, True, True, VERDICT_ONLY], name=CY)
    q1 = question_ids(app)[IDENTS[0]]
    with app.app_context():
        session = db.session()
        session.execute(update(Assignment).where(Assignment.id == first.id).values(created_at=datetime(2026, 1, 10, 9)))
        session.execute(update(Game).where(Game.id == game_id).values(created_at=datetime(2026, 1, 20, 9)))
        session.execute(update(Assignment).where(Assignment.id == second.id).values(created_at=datetime(2026, 2, 10, 9)))
        # Times on the first question: 2 s and 9 s live; 1, 3, 5, 7 and 11 s in the assignments.
        for answer, milliseconds in zip(
            session.scalars(select(LiveAnswer).where(LiveAnswer.game_id == game_id, LiveAnswer.position == 1).order_by(LiveAnswer.id)),
            (2000, 9000),
        ):
            answer.elapsed_ms = milliseconds
        shown = datetime(2026, 2, 1, 12)
        items = session.scalars(select(AttemptItem).where(AttemptItem.question_id == q1).order_by(AttemptItem.id)).all()
        assert len(items) == 5
        for item, seconds in zip(items, (1, 3, 5, 7, 11)):
            item.shown_at = shown
            item.answer.answered_at = shown + timedelta(seconds=seconds)
        session.commit()
    return {"set": set_id, "first": first.id, "second": second.id, "game": game_id, "dee_option": dee_option, "q1": q1}


def owner_id(app, email="teacher@example.org") -> int:
    from quiz.accounts.models import Instructor

    with app.app_context():
        return db.session().scalar(select(Instructor.id).where(Instructor.email == email))


# --------------------------------------------------------------------------------------------
# A set over time


def test_a_set_over_time_in_numbers(app, author, history):
    with app.app_context():
        timeline = over_time.set_timeline(db.session(), owner_id(app), history["set"])
    assert timeline.total == 3 and not timeline.capped
    assert [(e.kind, e.id) for e in timeline.entries] == [
        ("assignment", history["first"]),
        ("live game", history["game"]),
        ("assignment", history["second"]),
    ]
    assert [e.players for e in timeline.entries] == [2, 2, 3]
    assert [(e.accuracy.right, e.accuracy.total) for e in timeline.entries] == [(6, 8), (2, 8), (6, 12)]
    assert [e.discernment_points for e in timeline.entries] == [50, 0, 0]
    assert [{s: (r.right, r.total) for s, r in e.by_skill.items()} for e in timeline.entries] == [
        {"headline-vs-body": (2, 2), "sourcing": (3, 4), "hedging": (1, 2)},
        {"headline-vs-body": (1, 2), "sourcing": (1, 4), "hedging": (0, 2)},
        {"headline-vs-body": (2, 3), "sourcing": (3, 6), "hedging": (1, 3)},
    ]
    assert {s: (r.right, r.total) for s, r in timeline.by_skill.items()} == {
        "sourcing": (7, 14),
        "headline-vs-body": (5, 7),
        "hedging": (2, 7),
    }
    with app.app_context():
        recent = over_time.set_timeline(db.session(), owner_id(app), history["set"], limit=2)
    assert recent.capped and recent.total == 3 and [e.id for e in recent.entries] == [history["game"], history["second"]]


def test_the_set_page_shows_each_time_a_chart_and_each_skill(app, author, history):
    page = soup(author.get(f"/reports/sets/{history['set']}"))
    assert page.h1.get_text(strip=True) == "Week 5: who said it over time"
    table = page.select_one("table:has(caption#times-caption)")
    assert all(th["scope"] == "col" for th in table.select("thead th"))
    rows = [cells(tr) for tr in table.select("tbody tr")]
    assert [row[:7] for row in rows] == [
        ["1", "10 Jan 2026", "assignment", "Week 5 homework", "2", "75% 6 right of 8", "+50"],
        ["2", "20 Jan 2026", "live game", "Week 5: who said it", "2", "25% 2 right of 8", "0"],
        ["3", "10 Feb 2026", "assignment", "Week 7 homework", "3", "50% 6 right of 12", "0"],
    ]
    links = [a["href"] for a in table.select("tbody th a")]
    assert links == [
        f"/assignments/{history['first']}/report",
        f"/host/games/{history['game']}/results",
        f"/assignments/{history['second']}/report",
    ]
    # The chart: pygal's SVG without styles or scripts, hidden from screen readers (the table has it).
    svg = page.select_one("figure.chart svg")
    assert svg["aria-hidden"] == "true" and not svg.select("style, script") and not svg.select("[style]")
    assert [t.get_text() for t in svg.select(".text-overlay text.value")] == ["75%", "25%", "50%"]
    skills = page.select_one("table:has(caption#set-skills-caption)")
    assert skills.select_one("caption").get_text(strip=True)
    by_skill = {cells(tr)[0]: cells(tr)[1:] for tr in skills.select("tbody tr")}
    assert by_skill == {
        "Headline vs body": ["100% 2 of 2", "50% 1 of 2", "67% 2 of 3", "71% 5 of 7"],
        "Sourcing": ["75% 3 of 4", "25% 1 of 4", "50% 3 of 6", "50% 7 of 14"],
        "Hedging": ["50% 1 of 2", "0% 0 of 2", "33% 1 of 3", "29% 2 of 7"],
    }
    # The assignment's report links here, and its students to their own pages.
    report = soup(author.get(f"/assignments/{history['first']}/report"))
    assert report.find("a", string="This set over time")["href"] == f"/reports/sets/{history['set']}"
    student_links = {a.get_text(strip=True): a["href"] for a in report.select("table.results tbody th a")}
    query = parse_qs(urlsplit(student_links[ANN]).query)
    assert urlsplit(student_links[ANN]).path == "/reports/students" and query == {"name": [ANN], "class": ["9B"]}


def test_a_set_played_more_often_than_the_cap_says_so(app, author, history, monkeypatch):
    monkeypatch.setattr(over_time, "MAX_OCCASIONS", 2)
    page = soup(author.get(f"/reports/sets/{history['set']}"))
    assert "played 3 times: only the 2 most recent are shown" in page.get_text(" ", strip=True)
    assert len(page.select("table:has(caption#times-caption) tbody tr")) == 2


def test_a_set_never_played_says_so(app, author):
    set_id = make_set(app, author, "Unplayed")
    page = soup(author.get(f"/reports/sets/{set_id}"))
    assert "has not been played" in page.get_text() and not page.select("svg")


# --------------------------------------------------------------------------------------------
# A student over time


def test_a_student_over_time_in_numbers(app, author, history):
    with app.app_context():
        timeline = over_time.student_timeline(db.session(), owner_id(app), "ANNIKA berg", "9b")
    assert [(e.kind, e.id) for e in timeline.entries] == [
        ("assignment", history["first"]),
        ("live game", history["game"]),
        ("assignment", history["second"]),
    ]
    assert [(e.accuracy.right, e.accuracy.total) for e in timeline.entries] == [(4, 4), (2, 4), (3, 4)]
    assert [e.discernment_points for e in timeline.entries] == [100, 0, 0]
    assert (timeline.accuracy.right, timeline.accuracy.total) == (9, 12)
    assert {s: (r.right, r.total) for s, r in timeline.by_skill.items()} == {
        "sourcing": (4, 6),
        "headline-vs-body": (3, 3),
        "hedging": (2, 3),
    }
    # The namesake in 10C is another student: only the live game (nickname only) is common.
    with app.app_context():
        other = over_time.student_timeline(db.session(), owner_id(app), ANN, "10C")
        assert [(e.kind, e.accuracy.right) for e in other.entries] == [("live game", 2), ("assignment", 0)]
        assert over_time.student_timeline(db.session(), owner_id(app), "Nobody", "9B") is None


def test_the_student_page(app, author, history):
    page = soup(author.get("/reports/students", query_string={"name": ANN, "class": "9B"}))
    text = page.get_text(" ", strip=True)
    assert page.h1.get_text(strip=True) == f"{ANN} over time"
    assert "Live games match by nickname only" in text
    table = page.select_one("table:has(caption#times-caption)")
    rows = [cells(tr) for tr in table.select("tbody tr")]
    assert [row[1:6] + [row[6]] for row in rows] == [
        ["10 Jan 2026", "assignment", "Week 5 homework", f"{ANN}, 9B", "100% 4 right of 4", "+100"],
        ["20 Jan 2026", "live game", "Week 5: who said it", f"nickname {ANN}", "50% 2 right of 4", "0"],
        ["10 Feb 2026", "assignment", "Week 7 homework", "annika BERG, 9b", "75% 3 right of 4", "0"],
    ]
    # The namesake of 10C, and the other students, are not on Annika's page.
    assert "10C" not in text and BOB not in text and CY not in text and DEE not in text
    skills = page.select_one("table:has(caption#student-skills-caption)")
    assert {cells(tr)[0]: cells(tr)[-1] for tr in skills.select("tbody tr")} == {
        "Headline vs body": "100% 3 of 3",
        "Sourcing": "67% 4 of 6",
        "Hedging": "67% 2 of 3",
    }
    assert len(page.select("figure.chart svg[aria-hidden=true]")) == 2
    assert author.get("/reports/students", query_string={"name": "Nobody", "class": "9B"}).status_code == 404
    assert author.get("/reports/students").status_code == 404


def test_the_index_lists_sets_students_by_class_and_recent_reports(app, author, history):
    page = soup(author.get("/reports/"))
    sets = {cells(tr)[0].removesuffix(" over time"): cells(tr)[1:] for tr in page.select("table:has(caption#sets-caption) tbody tr")}
    assert sets == {"Week 5: who said it": ["1", "2"]}
    groups = {
        h3.get_text(strip=True): [li.a.get_text(strip=True) for li in h3.find_next_sibling("ul").select("li")]
        for h3 in page.select("section[aria-labelledby=students-heading] h3")
    }
    assert groups == {"No class given": [CY], "Class 10C": [ANN], "Class 9B": [ANN, BOB]}
    nine_b = page.select_one("section[aria-labelledby=students-heading] h3:-soup-contains('9B') + ul li a")
    assert author.get(nine_b["href"]).status_code == 200
    assert page.select_one(f"a[href='/host/games/{history['game']}/results']") is not None
    assert page.select_one(f"a[href='/assignments/{history['second']}/report']") is not None
    # The navigation has it, after Classes.
    nav = [a.get_text(strip=True) for a in page.select("nav.site-nav a")]
    assert nav[nav.index("Classes") + 1] == "Reports"


# --------------------------------------------------------------------------------------------
# A question's statistics in authoring


def test_a_questions_statistics_across_games_and_assignments(app, author, history):
    with app.app_context():
        session = db.session()
        question = session.get(Question, history["q1"])
        stats = over_time.question_stats(session, owner_id(app), question)
        options = [(o.id, o.correct) for o in question.options]
    # Live: Annika right, Delphine wrong; assignment 1: both right; assignment 2: two right, the 10C Annika wrong.
    assert (stats.games, stats.assignments, stats.played) == (1, 2, 3)
    assert (stats.answers, stats.right, stats.rate.percent) == (7, 5, 71)
    counts = {t.value: t.count for t in stats.distribution}
    assert [t.value for t in stats.distribution] == [option for option, _ in options]
    assert sum(counts.values()) == 7 and counts[next(o for o, right in options if right)] == 5
    assert counts[history["dee_option"]] >= 1
    assert stats.verdict_right is None and stats.evidence_found is None
    # 1, 2, 3, 5, 7, 9, 11 seconds.
    assert stats.median_ms == 5000 and stats.median_seconds == 5.0
    assert [(p.kind, p.id, p.answers, p.right) for p in stats.places] == [
        ("assignment", history["second"], 3, 2),
        ("live game", history["game"], 2, 1),
        ("assignment", history["first"], 2, 2),
    ]
    # The contradicted claim: nobody answered it live (the game still asked it); in the
    # assignments, Annika (9B) twice right, Bartholomew and the 10C Annika "supported", Cyrilla
    # the right verdict with a wrong sentence.
    with app.app_context():
        session = db.session()
        claim = session.scalar(select(Question).where(Question.id == question_ids(app)[IDENTS[3]]))
        claim_stats = over_time.question_stats(session, owner_id(app), claim)
    assert (claim_stats.played, claim_stats.answers, claim_stats.right) == (3, 5, 2)
    assert {t.value: t.count for t in claim_stats.distribution} == {"supported": 2, "contradicted": 3, "not_in_article": 0}
    assert (claim_stats.evidence_found, claim_stats.verdict_right, claim_stats.evidence_rate.percent) == (2, 3, 67)


def test_question_statistics_take_a_fixed_number_of_queries(app, author, history):
    add_instructor(app, "other@example.org")
    counts = []
    with app.app_context():
        engine = db.engine()
        for owner in (owner_id(app), owner_id(app, "other@example.org")):
            session = db.session()
            session.expire_all()
            question = session.get(Question, history["q1"])
            seen = []

            def count(*_args, seen=seen):
                seen.append(1)

            event.listen(engine, "before_cursor_execute", count)
            try:
                over_time.question_stats(session, owner, question)
            finally:
                event.remove(engine, "before_cursor_execute", count)
            counts.append(len(seen))
    # The same number with seven answers in three places as with none.
    assert counts[0] == counts[1] <= 6


def test_the_question_page_shows_how_it_played(app, author, history):
    page = soup(author.get(f"/author/questions/{history['q1']}/preview"))
    section = page.select_one("section[aria-labelledby=played-heading]")
    assert section.h2.get_text(strip=True) == "How it played"
    text = " ".join(section.get_text(" ", strip=True).split())
    assert "1 live game and 2 assignments, 7 answers" in text
    figures = cells(section.select_one("table:has(caption#played-caption) tbody tr"))
    assert figures[0] == "7" and figures[1] == "71% 5 of 7" and "Jeff Bezos (right answer) : 5" in figures[2]
    assert figures[3] == "no sentence asked" and figures[4] == "5.0 s"
    places = section.select_one("table:has(caption#places-caption)")
    assert [a["href"] for a in places.select("tbody th a")] == [
        f"/assignments/{history['second']}/report",
        f"/host/games/{history['game']}/results",
        f"/assignments/{history['first']}/report",
    ]
    claim = soup(author.get(f"/author/questions/{question_ids(app)[IDENTS[2]]}/preview?reveal=1"))
    claim_text = " ".join(claim.select_one("section[aria-labelledby=played-heading]").get_text(" ", strip=True).split())
    assert "with the right verdict" in claim_text


# --------------------------------------------------------------------------------------------
# Who may see what


def routes(history) -> list[str]:
    return [
        "/reports/",
        f"/reports/sets/{history['set']}",
        f"/reports/students?name={ANN.replace(' ', '+')}&class=9B",
        f"/reports/students?name={DEE.replace(' ', '+')}",
        f"/author/questions/{history['q1']}/preview",
    ]


def test_access_matrix(app, author, history):
    anonymous = app.test_client()
    add_instructor(app, "other@example.org")
    other = app.test_client()
    assert sign_in(other, "other@example.org").status_code == 303
    private = (ANN, BOB, CY, DEE, "Week 5 homework", "Week 7 homework", "Week 5: who said it")
    for url in routes(history):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/account/sign-in" in response.headers["Location"], url
        denied = other.get(url)
        body = denied.get_data(as_text=True)
        if url.startswith("/reports/") and url != "/reports/":
            assert denied.status_code == 404, (url, denied.status_code)
        else:
            # Their own index, and a built-in question's page: open to them, with none of the owner's plays.
            assert denied.status_code == 200, url
        assert not any(name in body for name in private), url
        assert author.get(url).status_code == 200, url
    other_question = soup(other.get(f"/author/questions/{history['q1']}/preview"))
    assert "You have not played it" in other_question.select_one("section[aria-labelledby=played-heading]").get_text()
    # A set of someone else's, or one that does not exist, is not found.
    assert author.get("/reports/sets/999999").status_code == 404
