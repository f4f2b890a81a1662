"""A live game's results as the teacher gets them: the page, the CSV and the XLSX (Flask test client)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from quiz import db
from quiz.live import service as live_service

from .conftest import add_instructor, form_fields, sign_in, soup
from .test_live import Phone, act, host_csrf, key_of, open_game

BOM = b"\xef\xbb\xbf"
FLAG = "Fewer than 20% right: check the wording or the key"


@pytest.fixture
def host(author):
    return author


def end_game(host, game_id):
    """End the game as the host's plain form does, confirming when the app asks."""
    response = host.post(f"/host/games/{game_id}/end", data={"csrf_token": host_csrf(host, game_id)})
    assert response.status_code == 303
    if "/confirm/" in response.headers["Location"]:
        form = soup(host.get(response.headers["Location"])).select_one("main form")
        response = host.post(form["action"], data=form_fields(form))
        assert response.status_code == 303
    assert act(host, game_id, "next", expect=409)["error"] == "This game has ended."


def labels(app, game_id) -> list[str]:
    """Return "Q<n>: <prompt> [<ident>]" for each of the game's questions, from the database."""
    with app.app_context():
        game = live_service.load_game(db.session(), game_id)
        return [f"Q{gq.position}: {gq.question.prompt} [{gq.question.ident}]" for gq in game.questions]


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))


def cell_text(cell) -> str:
    return cell.get_text(" ", strip=True)


def plain_text(element) -> str:
    """Return the text as read on the page: inline elements joined without added spaces."""
    return " ".join(element.get_text().split())


@pytest.fixture
def ended_after_four(host, app):
    """A game of 10 questions ended during question 4.

    Ada: right on 1 to 3, no answer to 4. Zoë: wrong, right, no answer, wrong. "=cmd()": nothing.
    """
    game_id, pin = open_game(host)
    ada, zoe, _formula = Phone(app, pin, "Ada"), Phone(app, pin, "Zoë"), Phone(app, pin, "=cmd()")
    for position in range(1, 5):
        state = act(host, game_id, "next")
        assert (state["phase"], state["position"]) == ("question", position)
        right = key_of(app, game_id, position)
        wrong = right % 3 + 1
        if position < 4:
            assert ada.answer(position, choice=right).status_code == 200
        if position in (1, 4):
            assert zoe.answer(position, choice=wrong).status_code == 200
        elif position == 2:
            assert zoe.answer(position, choice=right).status_code == 200
        if position < 4:
            act(host, game_id, "skip")
            assert act(host, game_id, "next")["phase"] == "leaderboard"
    # Question 4 is open: ending the game closes it, and it counts as played.
    assert host.get(f"/host/games/{game_id}/state").get_json()["phase"] == "question"
    end_game(host, game_id)
    return game_id, pin


def test_results_page_counts_accuracy_over_the_questions_played(host, app, ended_after_four):
    game_id, _pin = ended_after_four
    page = soup(host.get(f"/host/games/{game_id}/results"))
    assert "4 of 10 questions played" in cell_text(page.select_one(".lead"))

    players = page.select_one("table.results")
    assert players.select_one("caption").get_text(strip=True)
    assert [th["scope"] for th in players.select("thead th")] == ["col"] * 8
    columns = [cell_text(th) for th in players.select("thead th")]
    assert columns == ["Rank", "Nickname", "Game points", "Accuracy points", "Accuracy", "Discernment on claims", "Accuracy by skill", "Time spent"]
    rows = {cell_text(tr.select_one("th[scope=row]")): dict(zip(columns, map(cell_text, tr.select("td, th")))) for tr in players.select("tbody tr")}
    assert list(rows) == ["Ada", "Zoë", "=cmd()"]
    ada = rows["Ada"]
    assert (ada["Rank"], ada["Game points"], ada["Accuracy points"]) == ("1", "300", "300")
    assert ada["Accuracy"] == "75% 3 right of 4 played"
    assert rows["Zoë"]["Accuracy"] == "25% 1 right of 4 played"
    assert rows["=cmd()"]["Accuracy"] == "0% 0 right of 4 played"
    # Multiple choice only: discernment on claims is not measured.
    assert ada["Discernment on claims"] == "not measured"
    skills = players.select("tbody tr")[0].select(".skill-rates li")
    assert skills and sum(int(re.search(r"of (\d+)", cell_text(li)).group(1)) for li in skills) == 4

    questions = page.select_one("table.question-results")
    assert questions.select_one("caption").get_text(strip=True)
    assert all(th["scope"] == "col" for th in questions.select("thead th"))
    body = questions.select("tbody tr")
    assert [cell_text(tr.select_one("th[scope=row]")) for tr in body] == [f"Q{n}" for n in range(1, 11)]
    for row in body[4:]:
        assert "Not played" in cell_text(row) and FLAG not in cell_text(row)
    q1, q2, q3, q4 = body[:4]
    assert cell_text(q1.select("td")[1]) == "33% 1 of 3"
    assert cell_text(q2.select("td")[1]) == "67% 2 of 3"
    assert cell_text(q4.select("td")[1]) == "0% 0 of 3"
    # Only question 4 (nobody right) is flagged, in words.
    assert [FLAG in cell_text(row) for row in body[:4]] == [False, False, False, True]
    # The right option is marked in words, with its count.
    right = q1.select(".tally li.right-answer")
    assert len(right) == 1 and plain_text(right[0]).endswith("(right answer): 1")
    assert sum(int(plain_text(li).rsplit(": ", 1)[1]) for li in q1.select(".tally li")) == 2
    assert "1 did not answer" in cell_text(q1)
    assert re.fullmatch(r"\d+(\.\d)? s", cell_text(q1.select("td")[4]))

    links = {cell_text(a): a["href"] for a in page.select("a")}
    assert "Host another game" in links
    assert links["Download the results (CSV)"].endswith(f"/host/games/{game_id}/results.csv")
    assert links["Download the results (XLSX)"].endswith(f"/host/games/{game_id}/results.xlsx")


def test_each_question_links_to_its_evidence_in_the_article(host, app, ended_after_four):
    game_id, _pin = ended_after_four
    page = soup(host.get(f"/host/games/{game_id}/results"))
    link = page.select_one("table.question-results tbody tr").select_one("a")
    assert cell_text(link) == "Show the evidence for question 1"
    path, anchor = link["href"].split("#")
    article = host.get(path)
    assert article.status_code == 200
    sentence = soup(article).find(id=anchor)
    assert sentence is not None and "sentence" in sentence["class"]
    with app.app_context():
        question = live_service.load_game(db.session(), game_id).question_at(1).question
        evidence = sorted(question.evidence, key=lambda e: e.start)[0]
    # The anchored sentence holds the start of the evidence.
    assert evidence.exact.split()[0] in sentence.get_text()


def test_csv_has_a_bom_question_headers_and_no_lone_apostrophes(host, app, ended_after_four):
    game_id, pin = ended_after_four
    response = host.get(f"/host/games/{game_id}/results.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == f'attachment; filename="game-{pin}-results.csv"'
    assert response.get_data().startswith(BOM)
    header, *rows = read_csv(response)
    questions = labels(app, game_id)
    assert header[-20:] == [f"{label} {part}" for label in questions for part in ("answer", "result")]
    assert all(cell != "'" for row in rows for cell in row)
    table = {row[0]: dict(zip(header, row)) for row in rows}
    assert list(table) == ["Ada", "Zoë", "'=cmd()"]
    ada = table["Ada"]
    assert (ada["Accuracy over played questions (%)"], ada["Fully right"], ada["Questions played"]) == ("75", "3", "4")
    assert ada["Discernment on claims (-100 to 100)"] == ""
    assert ada[f"{questions[0]} result"] == "right" and ada[f"{questions[0]} answer"]
    assert (ada[f"{questions[3]} answer"], ada[f"{questions[3]} result"]) == ("no answer", "no answer")
    for label in questions[4:]:
        assert (ada[f"{label} answer"], ada[f"{label} result"]) == ("not played", "not played")
    assert table["Zoë"][f"{questions[3]} result"] == "wrong"
    assert table["'=cmd()"]["Accuracy over played questions (%)"] == "0"


def test_xlsx_opens_and_agrees_with_the_csv(host, app, ended_after_four):
    game_id, pin = ended_after_four
    response = host.get(f"/host/games/{game_id}/results.xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="game-{pin}-results.xlsx"'
    book = load_workbook(io.BytesIO(response.get_data()))
    assert book.sheetnames == ["Results", "Questions"]
    sheet = [["" if value is None else str(value) for value in row] for row in book["Results"].iter_rows(values_only=True)]
    assert sheet == read_csv(host.get(f"/host/games/{game_id}/results.csv"))
    assert all(cell.data_type != "f" for row in book["Results"].iter_rows() for cell in row)
    assert book["Results"]["A4"].value == "'=cmd()"
    header, *rows = [list(row) for row in book["Questions"].iter_rows(values_only=True)]
    assert len(rows) == 10
    by_question = {row[0]: dict(zip(header, row)) for row in rows}
    assert (by_question["Q1"]["Players"], by_question["Q1"]["Fully right"], by_question["Q1"]["Right (%)"]) == (3, 1, 33)
    assert by_question["Q4"]["Flag"] == FLAG and by_question["Q3"]["Flag"] is None
    assert by_question["Q5"]["Played"] == "not played" and by_question["Q5"]["Players"] is None


def test_results_before_the_first_question(host, app):
    game_id, pin = open_game(host)
    Phone(app, pin, "Ada")
    page = soup(host.get(f"/host/games/{game_id}/results"))
    assert "0 of 10 questions played" in cell_text(page.select_one(".lead"))
    assert "no question played" in cell_text(page.select_one("table.results tbody tr"))
    assert all("Not played" in cell_text(tr) for tr in page.select("table.question-results tbody tr"))
    header, ada = read_csv(host.get(f"/host/games/{game_id}/results.csv"))
    assert ada[0] == "Ada" and ada[2:5] == ["", "0", "0"]
    assert header[8] == "Time spent (s)" and ada[8] == "0"
    assert set(ada[9:]) == {"not played"}


def test_a_claim_game_reports_evidence_found_and_discernment(host, app):
    page = soup(host.get("/host/"))
    data = form_fields(page.select_one("form.host-form")) | {"set": "amazon-rekognition-letter:claims", "time_limit": "60"}
    response = host.post("/host/games", data=data)
    game_id = int(response.headers["Location"].rsplit("/", 1)[1])
    pin = re.sub(r"\D", "", soup(host.get(f"/host/games/{game_id}")).select_one(".pin").get_text())
    ada, ben = Phone(app, pin, "Ada"), Phone(app, pin, "Ben")
    keys = []
    with app.app_context():
        game = live_service.load_game(db.session(), game_id)
        for game_question in game.questions:
            question = game_question.question
            evidence = sorted(question.evidence, key=lambda e: e.start)[0]
            sentences = question.article.sentences
            inside = next(s.position for s in sentences if s.start < evidence.end and evidence.start < s.end)
            outside = next(s.position for s in sentences if s.end <= evidence.start or evidence.end <= s.start)
            keys.append((question.verdict, inside, outside))
    for position, (verdict, inside, outside) in enumerate(keys, start=1):
        act(host, game_id, "next")
        sentence = {} if verdict == "not_in_article" else {"sentence": inside}
        assert ada.answer(position, verdict=verdict, **sentence).status_code == 200
        # Ben says "supported" to everything, with a sentence away from the evidence.
        assert ben.answer(position, verdict="supported", sentence=outside).status_code == 200
        assert host.get(f"/host/games/{game_id}/state").get_json()["phase"] == "reveal"
        act(host, game_id, "next")
    page = soup(host.get(f"/host/games/{game_id}/results"))
    rows = {cell_text(tr.select_one("th")): [cell_text(td) for td in tr.select("td")] for tr in page.select("table.results tbody tr")}
    assert rows["Ada"][3] == "100% 10 right of 10 played" and rows["Ada"][4] == "+100"
    assert rows["Ben"][4] == "0"
    for row, (verdict, _inside, _outside) in zip(page.select("table.question-results tbody tr"), keys):
        evidence_found = cell_text(row.select("td")[3])
        if verdict == "supported":
            assert evidence_found == "1 of 2 with the right verdict"
        elif verdict == "contradicted":
            assert evidence_found == "1 of 1 with the right verdict"
        else:
            assert evidence_found == "no sentence asked"
            assert cell_text(row.select_one("a")) == f"Show the closest passage for question {cell_text(row.th)[1:]}"
        right = row.select_one(".tally li.right-answer")
        assert "(right answer):" in plain_text(right)


@pytest.mark.parametrize("suffix", ["results", "results.csv", "results.xlsx", "results.json"])
def test_another_instructor_gets_404(host, app, suffix):
    game_id, _pin = open_game(host)
    add_instructor(app, "other@example.org")
    other = app.test_client()
    sign_in(other, "other@example.org")
    assert other.get(f"/host/games/{game_id}/{suffix}").status_code == 404
    assert host.get(f"/host/games/{game_id}/{suffix}").status_code == 200


def test_results_page_has_discrimination_a_skill_table_and_charts_with_their_tables(host, app, ended_after_four):
    game_id, _pin = ended_after_four
    response = host.get(f"/host/games/{game_id}/results")
    # The policy allows styles from the site's files only: the SVG must carry none of its own.
    assert "style-src 'self'" in response.headers["Content-Security-Policy"]
    page = soup(response)

    questions = page.select_one("table.question-results")
    columns = [cell_text(th) for th in questions.select("thead th")]
    assert "Discrimination" in columns
    body = questions.select("tbody tr")
    discrimination = [cell_text(tr.select("td")[5]) for tr in body[:4]]
    # Totals Ada 3, Zoë 1, "=cmd()" 0. Q1 right (1, 0, 0) against the rest (2, 1, 0): r = sqrt(3)/2.
    # Q4: nobody right, no variance: none.
    assert discrimination[0] == "+0.87" and discrimination[3] == "none"

    skills = page.select_one("table.skill-results")
    assert skills.select_one("caption")["id"] == "skills-caption"
    rows = [[cell_text(c) for c in tr.select("th, td")] for tr in skills.select("tbody tr")]
    # Every player in the game times the questions of each skill: 3 players x 4 played questions.
    assert rows and sum(int(row[1]) for row in rows) == 4
    assert sum(int(row[2].split(" of ")[1]) for row in rows) == 12
    assert sum(int(row[2].split(" of ")[0]) for row in rows) == 4  # Ada 3, Zoë 1

    charts = page.select("figure.chart")
    assert len(charts) == 2
    for figure in charts:
        svg = figure.select_one("svg")
        assert svg is not None and svg["aria-hidden"] == "true"
        assert not svg.select("style, script") and not svg.select("[style]")
        assert svg.select("rect.rect")
        target = figure.select_one("figcaption a")["href"].lstrip("#")
        assert page.find(id=target) is not None and page.find(id=target).name == "caption"

    players = page.select_one("table.results")
    times = [cell_text(tr.select("td")[-1]) for tr in players.select("tbody tr")]
    assert all(re.fullmatch(r"\d+\.\d s", time) for time in times)


def test_cli_report_json_and_csv(host, app, ended_after_four, tmp_path):
    import json

    game_id, _pin = ended_after_four
    runner = app.test_cli_runner()
    result = runner.invoke(args=["report", "--game", str(game_id), "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert set(figures) >= {"players", "questions", "students", "skills"}
    assert figures["players"] == 3
    assert len(figures["questions"]) == 10
    assert set(figures["questions"][0]) >= {"id", "text", "p_correct", "discrimination", "choices", "evidence_right", "median_ms"}
    assert figures["questions"][0]["p_correct"] == pytest.approx(1 / 3)
    assert set(figures["students"][0]) >= {"name", "score", "accuracy", "discernment", "by_skill"}
    assert figures["students"][0]["name"] == "Ada" and figures["students"][0]["accuracy"] == 0.75
    assert sum(figures["skills"].values()) > 0

    out = tmp_path / "report.csv"
    assert runner.invoke(args=["report", "--game", str(game_id), "--format", "csv", "-o", str(out)]).exit_code == 0
    assert out.read_bytes().startswith(BOM)
    xlsx = tmp_path / "report.xlsx"
    assert runner.invoke(args=["report", "--game", str(game_id), "--format", "xlsx", "-o", str(xlsx)]).exit_code == 0
    assert load_workbook(xlsx).sheetnames == ["Results", "Questions"]

    missing = runner.invoke(args=["report", "--game", "999999", "--format", "json"])
    assert missing.exit_code != 0 and "there is no game 999999" in missing.output
