"""No request holds a worker: size limits refuse before heavy work, and heavy work has a time limit."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from io import BytesIO

import pytest
import yaml
from sqlalchemy import select

from quiz import bounded, db
from quiz.articles.models import Article
from quiz.articles.text import Block, BlockKind, SentenceSplitError, canonical_text, sentence_spans
from quiz.authoring.interchange import import_gift

from .conftest import PROJECT_ROOT, soup
from .test_authoring import ARTICLE_TEXT, claim_form, count, paste_article, review_form_data, token, upload

# pysbd's time grows with the square of a block of these: 10,000 characters take about a second.
SLOW_TO_SPLIT = ("a. " * 3400)[:10_000]


def alert(response) -> str:
    return " ".join(soup(response).select_one("[role=alert]").get_text().split())


def long_page(paragraphs: int) -> bytes:
    body = "".join(f"<p>Paragraph {n} says a good deal about the council and its vote.</p>" for n in range(paragraphs))
    return f"<html><head><title>Long</title></head><body><article><h1>Long</h1>{body}</article></body></html>".encode()


# --------------------------------------------------------------------------------------------
# quiz.bounded


def _answer(value):
    return {"value": value, "pid": os.getpid()}


def _refuse(message):
    raise LookupError(message)


def _sleep_and_say(seconds):
    time.sleep(seconds)
    return "done"


def _die():
    os._exit(3)


def _own_pid_then_sleep(path, seconds):
    with open(path, "w") as out:
        out.write(str(os.getpid()))
    time.sleep(seconds)


def test_bounded_work_runs_in_another_process_and_gives_back_its_answer_or_its_error():
    answer = bounded.run(_answer, [1, "two"], seconds=10)
    assert answer["value"] == [1, "two"] and answer["pid"] != os.getpid()
    with pytest.raises(LookupError, match="not here") as raised:
        bounded.run(_refuse, "not here", seconds=10)
    assert any("In the bounded child process" in note for note in raised.value.__notes__)
    with pytest.raises(bounded.WorkFailed):
        bounded.run(_die, seconds=10)


def test_bounded_work_that_overruns_is_killed_on_time(tmp_path):
    pid_file = tmp_path / "pid"
    started = time.monotonic()
    with pytest.raises(bounded.WorkTooSlow):
        bounded.run(_own_pid_then_sleep, str(pid_file), 60, seconds=0.5)
    assert time.monotonic() - started < 3
    with pytest.raises(ProcessLookupError):  # gone, not left running
        os.kill(int(pid_file.read_text()), 0)
    assert bounded.run(_sleep_and_say, 0.1, seconds=5) == "done"


def test_a_gevent_worker_keeps_serving_while_it_waits_for_bounded_work():
    # As in a gunicorn gevent worker: everything monkey-patched, and a greenlet that must keep its beat.
    script = textwrap.dedent(
        """
        from gevent import monkey
        monkey.patch_all()
        import time, gevent
        from quiz import bounded
        from quiz.articles.text import Block, BlockKind, canonical_text, sentence_spans

        gaps, last = [], [time.monotonic()]
        def beat():
            while True:
                gevent.sleep(0.01)
                now = time.monotonic()
                gaps.append(now - last[0])
                last[0] = now
        ticker = gevent.spawn(beat)
        text, spans = canonical_text([Block(BlockKind.PARAGRAPH, ("a. " * 3400)[:10_000])])
        started = time.monotonic()
        try:
            sentence_spans(text, spans)  # about a second of pysbd, in a child
        except Exception as error:
            print("failed", error)
        ticker.kill()
        print(f"{time.monotonic() - started:.2f} {max(gaps):.3f} {len(gaps)}")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    elapsed, longest_gap, beats = result.stdout.split()
    assert float(elapsed) > 0.3  # the work really took a while...
    assert float(longest_gap) < 0.2 and int(beats) > 20  # ...and the loop went on meanwhile


# --------------------------------------------------------------------------------------------
# Sentence splitting


def test_sentence_splitting_that_runs_too_long_is_stopped(app):
    text, spans = canonical_text([Block(BlockKind.PARAGRAPH, SLOW_TO_SPLIT)] * 3)
    app.config["WORK_TIME_LIMIT_SECONDS"] = 0.3
    with app.app_context():
        started = time.monotonic()
        with pytest.raises(SentenceSplitError, match="Split its longest paragraphs"):
            sentence_spans(text, spans)
        assert time.monotonic() - started < 2.5


def test_saving_an_article_too_slow_to_split_saves_nothing(author, app):
    page = soup(author.post("/author/articles/review", data={"csrf_token": token(author), "source": "paste", "text": ARTICLE_TEXT}))
    data = review_form_data(page)
    data["block_text"] = data["block_text"] + [SLOW_TO_SPLIT, SLOW_TO_SPLIT]
    data["block_kind"] = data["block_kind"] + ["paragraph", "paragraph"]
    app.config["WORK_TIME_LIMIT_SECONDS"] = 0.3
    response = author.post("/author/articles", data=data)
    assert response.status_code == 422 and "took too long" in alert(response)
    # The form comes back with what was sent, to fix it.
    assert len(soup(response).select("textarea[name=block_text]")) == len(data["block_text"])
    assert count(app, Article) == 1


def test_editing_an_article_into_one_too_slow_to_split_changes_nothing(author, app):
    article_id = paste_article(author)
    with app.app_context():
        before = db.session().get(Article, article_id).text
    page = soup(author.get(f"/author/articles/{article_id}/edit"))
    data = review_form_data(page)
    data["block_text"] = data["block_text"] + [SLOW_TO_SPLIT, SLOW_TO_SPLIT]
    data["block_kind"] = data["block_kind"] + ["paragraph", "paragraph"]
    data["headline"] = "A new headline"
    app.config["WORK_TIME_LIMIT_SECONDS"] = 0.3
    response = author.post(f"/author/articles/{article_id}/edit", data=data)
    assert response.status_code == 422 and "took too long" in alert(response)
    with app.app_context():
        article = db.session().get(Article, article_id)
        assert (article.text, article.headline) == (before, "Council votes to close the library")


def test_editing_an_article_whose_quotes_take_too_long_to_find_again_changes_nothing(author, app):
    quote = (
        "The council voted on Tuesday to close the Mill Street library, which has served the town for"
        " ninety years, and to move its books to the school. The mayor said the building was too costly"
        " to repair and that the school would open its own library to everyone on weekday evenings."
    )
    article_id = paste_article(author, text=f"Library to close\n\n{quote}")
    assert claim_form(author, article_id, quote_1=quote).status_code == 303
    data = review_form_data(soup(author.get(f"/author/articles/{article_id}/edit")))
    # The quote is gone, and something like it is everywhere: each place is weighed, for seconds.
    data["block_text"] = ["Library to close"] + [quote.replace("voted", "votes").replace("said", "says")] * 200
    data["block_kind"] = ["headline"] + ["paragraph"] * 200
    app.config["WORK_TIME_LIMIT_SECONDS"] = 1.0  # the sentences take a tenth of that
    started = time.monotonic()
    response = author.post(f"/author/articles/{article_id}/edit", data=data)
    assert time.monotonic() - started < 4
    assert response.status_code == 400
    assert "Finding the evidence quotes again in the changed text took too long" in alert(response)
    with app.app_context():
        article = db.session().get(Article, article_id)
        assert article.text == f"Library to close\n\n{quote}"


# --------------------------------------------------------------------------------------------
# Bringing an article in


def test_pasted_text_longer_than_an_article_may_be_is_refused(author, app):
    app.config["ARTICLE_MAX_CHARS"] = 2_000
    text = "Headline\n\n" + "The council met again on Tuesday. " * 60  # 2,049 characters without the last space
    response = author.post("/author/articles/review", data={"csrf_token": token(author), "source": "paste", "text": text})
    assert response.status_code == 413
    assert alert(response) == "That text is 2,049 characters long; an article may have at most 2,000."
    assert count(app, Article) == 1


def test_pasted_text_of_more_blocks_than_an_article_may_have_is_refused(author):
    text = "\n\n".join(f"Paragraph {n}." for n in range(401))
    response = author.post("/author/articles/review", data={"csrf_token": token(author), "source": "paste", "text": text})
    assert response.status_code == 413
    assert alert(response) == "The article has 401 blocks; it may have at most 400."


def test_a_page_with_more_elements_than_the_limit_is_refused_before_it_is_read(author, app):
    app.config["PAGE_MAX_ELEMENTS"] = 100
    response = upload(author, long_page(100))  # html, head, title, body, article, h1 and 100 paragraphs
    assert response.status_code == 422
    assert alert(response) == (
        "That page has more than 100 HTML elements, too many to read. Paste the article's text instead."
    )
    assert upload(author, long_page(90)).status_code == 200


def test_a_page_that_takes_too_long_to_read_is_refused(author, app):
    app.config["WORK_TIME_LIMIT_SECONDS"] = 0.1
    started = time.monotonic()
    # Half a second of reading or more. Under 500 KB: the test client would leave a larger
    # upload's temporary file to the garbage collector (a ResourceWarning).
    page = long_page(5_000)
    assert len(page) < 500_000
    response = upload(author, page)
    assert response.status_code == 422
    assert alert(response) == "This page took too long to read; try pasting its text."
    assert time.monotonic() - started < 3
    assert count(app, Article) == 1


def test_a_page_whose_article_is_longer_than_an_article_may_be_is_refused(author, app):
    app.config["ARTICLE_MAX_BLOCKS"] = 20
    response = upload(author, long_page(30))
    assert response.status_code == 413
    assert "The article has 31 blocks; it may have at most 20." in alert(response)


def test_saving_more_text_than_an_article_may_have_is_refused(author, app):
    page = soup(author.post("/author/articles/review", data={"csrf_token": token(author), "source": "paste", "text": ARTICLE_TEXT}))
    data = review_form_data(page)
    data["block_text"] += ["The council met again on Tuesday, and the vote was close. " * 300] * 6  # 6 x 17,400
    data["block_kind"] += ["paragraph"] * 6
    response = author.post("/author/articles", data=data)
    assert response.status_code == 400
    assert "characters of text; it may have at most 100,000." in alert(response)
    assert count(app, Article) == 1


# --------------------------------------------------------------------------------------------
# Import files


def send_import(client, content: bytes, file_format: str, name: str, **fields):
    data = {"csrf_token": token(client), "format": file_format, "action": "check", "file": (BytesIO(content), name)} | fields
    return client.post("/author/import", data=data, content_type="multipart/form-data")


def test_a_gift_file_with_more_questions_than_the_limit_is_refused(author, app):
    app.config["IMPORT_MAX_QUESTIONS"] = 3
    text = "// four questions\n\n$CATEGORY: news\n\n" + "\n\n".join(f"Q{n}? {{=a ~b ~c}}" for n in range(4))
    response = send_import(author, text.encode(), "gift", "q.gift")
    assert response.status_code == 413
    assert alert(response) == "That file holds 4 questions; import at most 3 at a time."
    # Comments and categories are not questions.
    response = send_import(author, text.rsplit("\n\n", 1)[0].encode(), "gift", "q.gift")
    assert response.status_code == 400 and "no article of yours" in alert(response)


def test_a_gift_file_with_more_lines_than_the_limit_is_refused(author, app):
    app.config["IMPORT_MAX_LINES"] = 10
    response = send_import(author, b"Q? {=a ~b ~c}" + b"\r\n" * 10, "gift", "q.gift")
    assert response.status_code == 413
    assert alert(response) == "That file has 11 lines; import at most 10 at a time."


def test_an_import_report_lists_the_first_hundred_problems_and_counts_the_rest(author):
    text = "\n\n".join(f"Q{n}? {{=a ~b" for n in range(150))  # never closed: one problem each
    response = send_import(author, text.encode(), "gift", "q.gift")
    items = [" ".join(li.get_text().split()) for li in soup(response).select(".import-errors li")]
    assert response.status_code == 400 and len(items) == 101
    assert items[0] == "Line 1: the answer block opened on line 1 is never closed with }"
    assert items[-1] == "… and 50 more problems."


def test_untitled_gift_questions_get_their_ids_in_linear_time(app):
    # Each untitled question takes the next free "q<n>": searched from 1 each time, 20,000 of them
    # took minutes; the command line has no question limit.
    text = "\n\n".join(f"Question {n}? {{=Right ~Wrong ~Also wrong}}" for n in range(20_000))
    with app.app_context():
        session = db.session()
        article = session.scalar(select(Article))
        started = time.monotonic()
        report = import_gift(session, 1, text, article, dry_run=True)
        assert time.monotonic() - started < 10
    assert report.errors == [] and report.imported == 20_000


def bundle(articles: int = 1, questions: int = 1, blocks: list[str] | None = None) -> bytes:
    blocks = blocks or ["The council voted on Tuesday to close the library."]
    entries = [
        {
            "id": f"article-{a}",
            "headline": "Library to close",
            "blocks": [{"paragraph": text} for text in blocks],
            "questions": [
                {"id": f"q{n}", "kind": "claim", "skill": "attribution", "claim": "The council voted.",
                 "verdict": "supported", "explanation": "It says so.",
                 "evidence": [{"quote": "The council voted on Tuesday"}]}
                for n in range(questions)
            ],
        }
        for a in range(articles)
    ]
    return yaml.safe_dump({"format": "evidence-quiz-bank", "version": 1, "articles": entries}).encode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (bundle(articles=4), "Line 1: the file holds 4 articles; import at most 3 at a time"),
        (bundle(articles=2, questions=3), "Line 1: the file holds 6 questions; import at most 5 at a time"),
        (bundle(blocks=["One."] * 11), "Line 2: article 'article-0' has 11 blocks; an article may have at most 10"),
        (bundle(blocks=["Word " * 50] * 9), "Line 2: article 'article-0' has more than 2,000 characters of text"),
        (bundle(blocks=["Word " * 201]), "Line 2: article 'article-0' has a block longer than 1,000 characters; split it"),
    ],
)
def test_a_native_file_larger_than_the_limits_is_refused_whole(author, app, content, message):
    app.config.update(IMPORT_MAX_ARTICLES=3, IMPORT_MAX_QUESTIONS=5, ARTICLE_MAX_BLOCKS=10,
                      ARTICLE_MAX_CHARS=2_000, ARTICLE_MAX_BLOCK_CHARS=1_000)
    response = send_import(author, content, "native", "bank.yaml")
    assert response.status_code == 400
    assert [" ".join(li.get_text().split()) for li in soup(response).select(".import-errors li")] == [message]
    assert send_import(author, bundle(articles=3, questions=1), "native", "bank.yaml").status_code == 200


def test_a_native_file_that_takes_too_long_to_read_is_refused(author, app):
    app.config["WORK_TIME_LIMIT_SECONDS"] = 0.1
    content = bundle(questions=2_400)  # YAML read at about a megabyte a second: 0.4 s or so
    assert 400_000 < len(content) < 500_000
    response = send_import(author, content, "native", "bank.yaml")
    assert response.status_code == 422
    assert alert(response) == "That file took too long to read. Split it into smaller files and import them one by one."


def test_finding_a_native_files_quotes_runs_under_the_time_limit(author, app):
    """An independent probe killed a worker with one small file of many ambiguous quotes: finding
    each in its article now runs in the time-limited child, and the file is refused in time."""
    from .test_fuzz import bundle, import_file

    quotes = "\n          ".join(["- {quote: e, prefix: zz}"] * 10)
    questions = "".join(
        f"      - id: claim-{n}\n        kind: claim\n        skill: attribution\n        claim: The vote.\n"
        f"        verdict: supported\n        explanation: It says so.\n        evidence:\n          {quotes}\n"
        for n in range(300)
    )
    long_paragraph = "The council voted on Tuesday to close the Mill Street library. " + "Residents were there, and they spoke at the meeting. " * 150
    text = bundle(extra=questions).replace(
        "- paragraph: The council voted on Tuesday to close the Mill Street library.", f"- paragraph: {long_paragraph}"
    )
    app.config["WORK_TIME_LIMIT_SECONDS"] = 0.3
    started = time.monotonic()
    response = import_file(author, text)
    assert time.monotonic() - started < 4
    assert response.status_code == 422 and "took too long" in soup(response).get_text()


def test_a_nul_character_in_a_form_or_query_is_refused_and_changes_nothing(app, author):
    """PostgreSQL cannot store "\\x00": a question with one would fail as a 500 on saving there."""
    from quiz.bank.models import Question

    article_id = paste_article(author)
    before = count(app, Question)
    for field in ("prompt", "explanation", "teacher_note"):
        response = claim_form(author, article_id, **{field: "Before\x00after"})
        assert response.status_code == 400
        assert "NUL character" in alert(response)
    assert count(app, Question) == before
    response = author.get("/author/?q=a\x00b")
    assert response.status_code == 400 and "Nothing was changed" in alert(response)
    # The same form without it is saved.
    assert claim_form(author, article_id).status_code == 303
    assert count(app, Question) == before + 1
