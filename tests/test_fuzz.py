"""Malformed input gets a 4xx, never a 500: ids too large for the database, files the importer
and the bank loader cannot use, and a property-based fuzz of every route of the URL map.

The fuzz (Hypothesis) sends every route, GET and POST as it allows, malformed ids (huge, negative,
not numbers, other scripts' digits), malformed path values where a route takes text, and malformed
forms and query strings (missing, empty, huge, unicode, repeated, uploads), as an anonymous
visitor, a signed-in instructor with content of their own (an article, a question, a set, a live
game) and a player of that game. It is deterministic (derandomize, a fresh copy of one seeded
database per route) and bounded (MAX_EXAMPLES per route, DEADLINE per request).
"""

from __future__ import annotations

import functools
import inspect
import io
import re
import shutil
import socket
import tempfile
import traceback
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from sqlalchemy import select

from quiz import create_app, db
from quiz.authoring import fetch as fetch_module
from quiz.authoring.native import import_native, read_bundle
from quiz.bank.files import MAX_DEPTH
from quiz.bank.models import Question
from quiz.converters import MAX_ID
from quiz.sets.models import QuestionSet

from .conftest import PASSWORD, SEED_FOLDER, add_instructor, make_app, round_token, sign_in, soup, start_round
from .test_authoring import claim_form, paste_article, token
from .test_live import Phone, open_game

MAX_EXAMPLES = 50
DEADLINE = timedelta(seconds=5)
HUGE_IDS = [str(2**63), str(10**20), "9" * 400, str(2**64 + 1)]

# --------------------------------------------------------------------------------------------
# Ids the database cannot hold are not found, on every route that takes one


def _fill(rule: str, value: str, round_token_: str) -> str:
    """The rule's address with value for every id, a real round's token, and 'up' for any action."""
    texts = {"token": round_token_}
    return re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: value if m.group(1) == "int" else texts.get(m.group(2), "up"), rule)


def test_ids_too_large_for_the_database_are_not_found(author):
    routes = [
        (method, rule.rule)
        for rule in author.application.url_map.iter_rules()
        if "<int:" in rule.rule
        for method in sorted(rule.methods & {"GET", "POST"})
    ]
    assert len(routes) >= 18  # the count of routes that failed
    # A real round, for the routes of a round's questions: the id is the only thing wrong.
    round_token_ = round_token(start_round(author).request.path)
    csrf = {"csrf_token": token(author)}
    wrong = []
    for method, rule in routes:
        for value in HUGE_IDS:
            address = _fill(rule, value, round_token_)
            status = author.open(address, method=method, data=csrf).status_code
            # 405 where another rule has the same shape for other methods: Werkzeug checks the method first.
            if status not in (404, 405):
                wrong.append((method, address, status))
        # The largest id the database holds is matched (and, not being there, not found by the view).
        status = author.open(_fill(rule, str(MAX_ID), round_token_), method=method, data=csrf).status_code
        if status not in (302, 303, 400, 403, 404):
            wrong.append((method, rule, status))
    assert not wrong


def test_numbers_too_large_in_forms_are_refused(author):
    """Ids in forms and query strings reach the database from the views; one too large for it is
    the request's fault (4xx), wherever a view does not check it itself."""
    response = author.post("/author/sets", data={"csrf_token": token(author), "title": "Week 3"})
    set_id = response.headers["Location"].rsplit("/", 1)[1]
    huge = str(2**63)
    responses = [
        author.get(f"/author/export?format=native&set={huge}"),
        author.get(f"/host/?set=set:{huge}"),
        author.post(f"/author/sets/{set_id}/items", data={"csrf_token": token(author), "question": huge}, follow_redirects=True),
    ]
    # The views read such a number as naming nothing: no server error, and nothing chosen.
    assert [response.status_code < 500 for response in responses] == [True, True, True]
    assert not soup(responses[1]).select("select#set option[selected]")
    assert "Choose a question to add." in soup(responses[2]).get_text()


def test_the_export_command_refuses_a_set_id_too_large(app, tmp_path):
    add_instructor(app)
    args = ["export-questions", "--format", "gift", "--owner", "teacher@example.org", "--set", str(2**63), "-o", str(tmp_path / "q.gift")]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 2 and "Invalid value for '--set'" in result.output, result.output


def test_ids_are_ascii_digits(author):
    article_id = paste_article(author)
    assert author.get(f"/author/articles/{article_id}").status_code == 200
    arabic = "".join(chr(0x0660 + int(digit)) for digit in str(article_id))
    fullwidth = "".join(chr(0xFF10 + int(digit)) for digit in str(article_id))
    assert author.get(f"/author/articles/{quote(arabic)}").status_code == 404
    assert author.get(f"/author/articles/{quote(fullwidth)}").status_code == 404


# --------------------------------------------------------------------------------------------
# Native import and the bank loader: keys that are not text, lists for one value, deep nesting

BUNDLE = """format: evidence-quiz-bank
version: 1
articles:
  - id: library-vote
    headline: Council votes to close the library
    blocks:
      - paragraph: The council voted on Tuesday to close the Mill Street library.
    questions:
      - id: claim-vote
        kind: claim
        skill: {skill}
        claim: The council voted to close the library.
        verdict: supported
        explanation: The report says so.
        evidence:
          - quote: The council voted on Tuesday
{extra}"""


def bundle(skill="attribution", extra="") -> str:
    return BUNDLE.format(skill=skill, extra=extra)


def import_file(author, text: str, name="bank.yaml"):
    data = {"csrf_token": token(author, "/author/import"), "format": "native", "file": (io.BytesIO(text.encode()), name)}
    return author.post("/author/import", data=data, content_type="multipart/form-data")


def errors_of(response) -> list[str]:
    return [item.get_text(" ", strip=True) for item in soup(response).select("main li")]


def test_a_valid_bundle_checks(author):
    response = import_file(author, bundle())
    assert response.status_code == 200, errors_of(response)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (bundle(extra="    1: a number for a key\n"), 17, "the key `1` reads as a number: every key must be text"),
        (bundle(extra="        ~: a null key\n"), 17, "the key `~` reads as null: every key must be text"),
        (bundle(extra="        null: a null key\n"), 17, "the key `null` reads as null"),
        (bundle(extra="        yes: a key YAML reads as true\n"), 17, "the key `yes` reads as true or false"),
        (bundle(skill="[attribution, dates]"), 9, "question 'claim-vote': `skill` must be one value, not a list"),
        (bundle(skill="{a: b}"), 9, "question 'claim-vote': `skill` must be one value, not a mapping"),
        (bundle().replace("kind: claim", "kind: [claim]"), 9, "`kind` must be one value, not a list"),
        ("format: evidence-quiz-bank\nversion: 1\narticles: " + "[" * 1000 + "]" * 1000 + "\n", 3, f"nested more than {MAX_DEPTH} levels deep"),
        ("a:\n" + "".join("  " * depth + "- \n" for depth in range(1, 400)), None, f"nested more than {MAX_DEPTH} levels deep"),
        # Values YAML cannot make were 500s: an impossible date, a tag on the wrong text.
        (bundle().replace("headline: Council", "published: 2020-02-30\n    headline: Council"), None, "a value cannot be read"),
        (bundle(skill="!!int abc"), None, "a value cannot be read"),
        (bundle(skill="!!bool maybe"), None, "a value cannot be read"),
        # Aliases let a small file stand for thousands of quotes to look for.
        (bundle().replace("- quote: The council voted on Tuesday", "- &q {quote: e, prefix: zz}" + "\n          - *q" * 20), None, "anchors and aliases"),
        (bundle().replace("- quote: The council voted on Tuesday", "\n          ".join(["- quote: e"] * 11)), 9, "a question cites at most 10"),
    ],
    ids=["int-key", "tilde-key", "null-key", "bool-key", "skill-list", "skill-mapping", "kind-list", "deep-flow", "deep-block",
         "impossible-date", "int-tag", "bool-tag", "aliases", "too-many-quotes"],
)
def test_import_names_the_line_and_field_it_cannot_use(author, app, text, line, message):
    response = import_file(author, text)
    assert response.status_code == 400
    errors = errors_of(response)
    assert any(message in error for error in errors), errors
    if line:
        assert any(f"line {line}:" in error.lower() and message in error for error in errors), errors
    with app.app_context():
        assert db.session().scalar(select(Question).where(Question.ident == "claim-vote")) is None


def test_an_unusable_question_does_not_hide_the_others_errors(app):
    extra = "      - id: second\n        kind: claim\n        skill: dates\n"
    sources, problems = read_bundle(bundle(skill="[a]", extra=extra), "bank.yaml")
    with app.app_context():
        report = import_native(db.session(), 1, sources, problems, dry_run=True)
    messages = [error["message"] for error in report.errors]
    assert "question 'claim-vote': `skill` must be one value, not a list" in messages
    assert "question 'second': `explanation` is missing" in messages


@pytest.mark.parametrize(
    ("questions", "message"),
    [
        ("questions: " + "[" * 1000 + "]" * 1000 + "\n", f"questions.yaml:1: nested more than {MAX_DEPTH} levels deep"),
        ("questions:\n  - id: q\n    3: x\n", "questions.yaml:3: the key `3` reads as a number"),
        ("questions:\n  - id: q\n    kind: claim\n    skill: [dates]\n", "questions.yaml:2: question 'q': `skill` must be one value, not a list"),
    ],
    ids=["deep", "int-key", "skill-list"],
)
def test_the_bank_loader_names_the_file_and_line(tmp_path, questions, message):
    bank = tmp_path / "bank"
    shutil.copytree(SEED_FOLDER, bank / SEED_FOLDER.name)
    (bank / SEED_FOLDER.name / "questions.yaml").write_text(questions, encoding="utf-8")
    result = make_app(tmp_path / "instance", BANK_PATH=str(bank)).test_cli_runner().invoke(args=["check-bank", str(bank)])
    assert isinstance(result.exception, SystemExit) and result.exit_code == 1, result.output
    assert message in result.output and "Traceback" not in result.output


YAML_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.sampled_from(["", "x", "claim", "attribution", "supported", "draft", "The council voted"])
)
# Keys are text: the loader refuses others before anything reads them (the tests above).
YAML_KEYS = st.sampled_from(["text", "quote", "kind", "id", "correct", "feedback", "paragraph"])
YAML_VALUES = st.recursive(YAML_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(YAML_KEYS, inner, max_size=3), max_leaves=6)
QUESTION_KEYS = st.sampled_from(["id", "skill", "claim", "question", "verdict", "explanation", "teacher_note", "status", "options", "evidence"])


@settings(max_examples=200, deadline=DEADLINE, derandomize=True, database=None)
@given(
    kind=st.sampled_from(["claim", "multiple_choice"]) | YAML_VALUES,
    question=st.dictionaries(QUESTION_KEYS, YAML_VALUES, max_size=8),
    metadata=st.dictionaries(st.sampled_from(["headline", "author", "published", "blocks", "url"]), YAML_VALUES, max_size=3),
)
def test_import_of_any_shape_reports_instead_of_failing(kind, question, metadata):
    """Whatever the YAML holds where a bundle expects text, importing reports errors, never raises."""
    import yaml

    entry = {"id": "a", "blocks": [{"paragraph": "The council voted on Tuesday."}], **metadata, "questions": [{"kind": kind, **question}]}
    text = yaml.safe_dump({"format": "evidence-quiz-bank", "version": 1, "articles": [entry]}, sort_keys=False)
    sources, problems = read_bundle(text, "bank.yaml")
    report = import_native(None, 1, sources, problems, dry_run=True)
    assert report.errors or report.imported == 1


# --------------------------------------------------------------------------------------------
# The fuzz: every route of the URL map


@dataclass
class Seed:
    database: Path
    known: dict[str, list[str]]
    cookies: dict[str, dict[str, str]]


def _cookies(client, names) -> dict[str, str]:
    found = {name: client.get_cookie(name) for name in names}
    return {name: cookie.value for name, cookie in found.items() if cookie is not None}


@pytest.fixture(scope="module")
def seed(template_database, tmp_path_factory) -> Seed:
    """One database with an instructor's content: an imported article, a published question, a
    set holding it, a live game with a player, and a self-study round."""
    instance = tmp_path_factory.mktemp("fuzz-seed")
    shutil.copy(template_database, instance / "quiz.sqlite")
    app = make_app(instance, LIVE_BACKGROUND=False)
    add_instructor(app)
    author = app.test_client()
    assert sign_in(author).status_code == 303
    article_id = paste_article(author)
    assert claim_form(author, article_id).status_code == 303
    response = author.post("/author/sets", data={"csrf_token": token(author), "title": "Week 3"})
    set_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        question_id = db.session().scalar(select(Question.id).join(Question.article).where(Question.article_id == article_id))
        builtin_id = db.session().scalar(select(Question.id).where(Question.article_id != article_id).limit(1))
    for value in (question_id, builtin_id):
        assert author.post(f"/author/sets/{set_id}/items", data={"csrf_token": token(author), "question": str(value)}).status_code == 303
    with app.app_context():
        question_set = db.session().get(QuestionSet, set_id)
        item_id, share = question_set.items[0].id, question_set.share_token
        slug = question_set.items[0].question.article.slug
    game_id, pin = open_game(author)
    phone = Phone(app, pin, "Ada")
    assert phone.join_response.status_code == 303
    with app.app_context():
        from quiz.live.models import Player

        player_id = db.session().scalar(select(Player.id).where(Player.game_id == game_id))
    # The article's suggested questions (the real generator's), for the review routes' <key>.
    from quiz.articles.models import Article
    from quiz.suggest.review import suggestions_for

    with app.app_context():
        suggestion_keys = [s.key for s in suggestions_for(db.session().get(Article, article_id))][:2] or ["no-suggestion"]
    visitor = app.test_client()
    round_url = start_round(visitor).request.path
    # An assignment of the set with a class list, and a student of it on the visitor's browser.
    page = author.get("/classes/")
    response = author.post("/classes/", data={"csrf_token": token(author), "name": "9B", "names": "Ana Ruiz\nBo Li"})
    roster_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    response = author.post(
        "/assignments/",
        data={"csrf_token": token(author), "source": f"set:{set_id}", "attempts_allowed": "2", "counting": "best", "feedback": "each"},
    )
    assignment_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    with app.app_context():
        from quiz.assignments.models import Assignment, Roster

        code = db.session().get(Assignment, assignment_id).code
        student_id = db.session().get(Roster, roster_id).students[0].id
    assert visitor.post(f"/a/{code}", data={"csrf_token": token(visitor, "/"), "name": "Cy"}).status_code == 303
    known = {
        "article_id": [str(article_id), "1"],
        "question_id": [str(question_id), str(builtin_id)],
        "set_id": [str(set_id)],
        "item_id": [str(item_id)],
        "game_id": [str(game_id)],
        "player_id": [str(player_id)],
        "position": ["1", "2", "10", "0"],
        "token": [round_token(round_url), share],
        "slug": [slug, "amazon-rekognition-letter"],
        "assignment_id": [str(assignment_id)],
        "code": [code],
        "roster_id": [str(roster_id)],
        "student_id": [str(student_id)],
        "pin": [pin],
        "action": ["next", "screen", "skip", "pause", "resume", "end", "lock", "unlock", "up", "down", "remove"],
        "filename": ["css/app.css", "js/live.js", "../quiz.sqlite"],
        "key": suggestion_keys,
        # For forms (see VALID).
        "builtin_question_id": [str(builtin_id)],
        "share": [share],
    }
    cookies = {
        "instructor": _cookies(author, ["session"]),
        "player": _cookies(phone.client, ["session", f"quiz_player_{game_id}"]),
        "visitor": _cookies(visitor, ["session"]),
    }
    app.extensions["quiz.hub"].stop()
    app.extensions["quiz.engine"].dispose()
    return Seed(instance / "quiz.sqlite", known, cookies)


def url_routes() -> list[tuple[str, str, tuple[str, ...]]]:
    """Every (method, rule, form fields its view reads) of the URL map, from a throw-away app."""
    with tempfile.TemporaryDirectory(prefix="quiz-fuzz-routes-") as instance:
        app = create_app({"TESTING": True, "SECRET_KEY": "x" * 40, "INSTANCE_PATH": instance, "LIVE_BACKGROUND": False})
        app.extensions["quiz.engine"].dispose()
    routes = []
    for rule in app.url_map.iter_rules():
        source = _source(app.view_functions[rule.endpoint])
        names = sorted(name for name in VALID if _reads(source, name))
        routes += [(method, rule.rule, tuple(names)) for method in sorted(rule.methods & {"GET", "POST"})]
    return sorted(routes)


def _source(function, depth: int = 2) -> str:
    """The source of a view and of the functions of its module it calls, two calls deep."""
    function = inspect.unwrap(function)
    module = inspect.getmodule(function)
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return ""
    codes = [function.__code__, *(c for c in function.__code__.co_consts if inspect.iscode(c))]
    for name in sorted({name for code in codes for name in code.co_names}):
        helper = getattr(module, name, None)
        # A table of actions (name -> function) counts as the functions in it.
        for called in helper.values() if isinstance(helper, dict) else [helper]:
            if depth and inspect.isfunction(called) and called.__module__ == module.__name__ and called is not function:
                source += _source(called, depth - 1)
    return source


def _reads(source: str, name: str) -> bool:
    """Whether a module's source names a form field: "title", or f"option_{number}" for option_2."""
    base, _, number = name.rpartition("_")
    if number.isdigit():
        return f'"{base}_{{' in source or f'"{base}"' in source
    return f'"{name}"' in source


# Form and query fields: every name a view reads, each with values a page of the app would send
# ("{...}" are filled from the seeded database).
VALID = {
    "action": ["publish", "draft", "import", "join", "suggest"],
    "attempts_allowed": ["1", "3"],
    "class": ["9B"],
    "class_name": ["9B"],
    "closes_at": ["2030-06-01T17:00"],
    "code": ["{code}"],
    "codes": ["on"],
    "counting": ["best", "last"],
    "days": ["30"],
    "feedback": ["each", "end"],
    "name": ["Ana Ruiz"],
    "names": ["Ana Ruiz\nBo Li"],
    "number": ["1234"],
    "opens_at": ["2026-01-01T09:00"],
    "roster": ["{roster_id}"],
    "roster_student": ["{student_id}"],
    "timezone": ["Europe/Paris", "UTC"],
    "article": ["{slug}", "{article_id}", "amazon-rekognition-letter"],
    "author": ["Ana Ruiz"],
    "back": ["players"],
    "block_drop": ["1"],
    "block_kind": ["paragraph", "headline", "clutter"],
    "block_text": ["The vote was seven to two."],
    "choice": ["1", "2"],
    "claim_time_limit": ["30"],
    "confirmed": ["yes"],
    "correct": ["1"],
    "current_password": [PASSWORD],
    "email": ["teacher@example.org"],
    "explanation": ["The report says so."],
    "extra_time": ["50", "100"],
    "focus": ["{key}"],
    "format": ["native", "gift"],
    "headline": ["Council votes to close the library"],
    "invite_code": ["code"],
    "kind": ["claim", "multiple_choice"],
    "late_join": ["on"],
    "new_password": ["another horse battery staple"],
    "next": ["/author/"],
    "nickname": ["Bea"],
    "password": [PASSWORD],
    "password_again": [PASSWORD],
    "pin": ["{pin}"],
    "position": ["1", "2"],
    "prompt": ["The council voted to close the library."],
    "published": ["2024-05-01"],
    "publisher": ["The Gazette"],
    "question": ["{question_id}", "{builtin_question_id}"],
    "question_on_devices": ["on"],
    "reading": ["0", "1", "until_start"],
    "reveal": ["1"],
    "round": ["mixed", "claims", "multiple_choice"],
    "screen": ["question", "article", "both"],
    "sentence": ["1", "3"],
    "set": ["set:{set_id}", "amazon-rekognition-letter:mixed", "all", "{share}"],
    "show": ["accepted", "rejected"],
    "shuffle": ["on"],
    "skill": ["attribution", "dates"],
    "skip_unsupported": ["on"],
    "source": ["paste", "upload", "url", "set:{set_id}", "amazon-rekognition-letter:mixed"],
    "speed_bonus": ["on"],
    "status": ["published", "draft"],
    "streak_bonus": ["on"],
    "teacher_note": ["Ask why it is not contradicted.", "Line one.\r\nLine two."],
    "text": ["Council votes\n\nThe vote was seven to two. The mayor said so."],
    "time_limit": ["30", "5"],
    "title": ["Week 4"],
    "token": ["{token}"],
    "url": ["http://news.example/story"],
    "verdict": ["supported", "contradicted", "not_in_article"],
    **{f"option_{n}": [f"Option {n}"] for n in range(1, 6)},
    **{f"feedback_{n}": ["Why not."] for n in range(1, 6)},
    **{f"quote_{n}": ["The vote was seven to two."] for n in range(1, 4)},
    **{f"{part}_{n}": ["The "] for part in ("prefix", "suffix") for n in range(1, 4)},
}
MALFORMED_NUMBERS = ["0", "-1", "1.5", "1e9", "nan", "١٢", "１２", "0x10", str(MAX_ID), *HUGE_IDS]
MALFORMED_TEXT = [
    "", " ", "null", "[]", "{}", "on", "x" * 5000, "Ａlice", "A\u0301\u0301\u0301", "\u3164", "\u202eevil",
    "<script>alert(1)</script>", "\x00", "a\r\nb", "💥" * 3, "http://127.0.0.1:1/", "file:///etc/passwd", "../../",
]
MISSING = object()
UPLOADS = [
    b"", b"\xff\xfe\x00not utf-8", b"format: evidence-quiz-bank\nversion: 1\narticles: [[[[[[]]]]]]\n",
    b"format: evidence-quiz-bank\nversion: 1\narticles:\n  - id: a\n    1: x\n",
    b"::Q1:: What? {=yes ~no}\n", b"Q {" + b"~" * 2000, b"<html><p>" + b"A sentence. " * 200 + b"</p></html>",
    b"format: evidence-quiz-bank\nversion: 1\narticles: " + b"[" * 1000 + b"]" * 1000,
]


def malformed():
    single = st.one_of(st.sampled_from(MALFORMED_NUMBERS), st.sampled_from(MALFORMED_TEXT), st.text(max_size=30))
    return st.one_of(single, st.lists(single, min_size=2, max_size=3))


def path_value(converter: str, name: str, known: dict[str, list[str]]):
    """Values for one part of an address, already quoted: half the time one that exists, so that
    the rest of the request reaches the view."""
    if converter == "int":
        wrong = st.one_of(
            st.sampled_from(["0", "-1", "1.5", "abc", "١٢", "１", "0x10", "+1", "1 ", *HUGE_IDS]),
            st.integers(0, 2**70).map(str),
        )
    else:
        wrong = st.one_of(
            st.sampled_from(["", "0", "-1", "999999", "x" * 3000, "..", ".", "%", "%00", " ", *HUGE_IDS]),
            st.text(max_size=30),
        )
    right = st.sampled_from(known.get(name, ["1" if converter == "int" else "x"]))
    return st.one_of(right, wrong).map(lambda value: quote(value, safe="" if converter != "path" else "/"))


def identities(rule: str) -> list[str]:
    """Who sends the request: half the time the one the route is for."""
    owner = "instructor" if rule.startswith(("/author", "/host", "/assignments", "/classes", "/reports")) else "player" if rule.startswith("/play") else "visitor"
    return [owner, owner, *sorted({"visitor", "instructor", "player"} - {owner})]


def valid_values(names: tuple[str, ...], known: dict[str, list[str]]) -> dict[str, list[str]]:
    seeded = {key: values[0] for key, values in known.items()}
    return {name: [value.format(**seeded) for value in VALID[name]] for name in names}


def form(names: tuple[str, ...], known: dict[str, list[str]]):
    """A form as the app's pages send it, each field kept, made malformed, or left out."""
    valid = valid_values(names, known)
    def huge_numbers(value: str) -> str:
        return re.sub(r"[0-9]+", str(2**63), value)

    return st.fixed_dictionaries(
        {
            name: st.one_of(st.sampled_from(valid[name]), malformed(), st.sampled_from(valid[name]).map(huge_numbers), st.just(MISSING))
            for name in names
        }
    ).map(lambda fields: {name: value for name, value in fields.items() if value is not MISSING})


# One field at a time, the others valid: what random combinations of many fields reach rarely.
NASTY = [str(2**63), str(10**30), "-1", "١٢", "", "x" * 5000, "\x00", ["1", "2"], MISSING]


def send(client, method: str, path: str, fields: dict) -> int:
    """Send the request and read the answer (of a push stream, its first message); its status."""
    if method == "GET":
        response = client.get(path, query_string=fields)
    else:
        response = client.post(path, data=fields, content_type="multipart/form-data" if "file" in fields else None)
    try:
        if response.mimetype == "text/event-stream":
            # A push stream never ends: its first message is enough.
            next(iter(response.response), None)
        else:
            response.get_data()
    finally:
        response.close()
    return response.status_code


def sweep(clients, method, rule, parts, names, known) -> list[str]:
    """Every field of the route's form malformed in turn, then every upload; the server errors."""
    who = identities(rule)[0]
    path = rule
    for converter, name in parts:
        value = quote(known.get(name, ["1" if converter == "int" else "x"])[0], safe="")
        path = re.sub(r"<(?:\w+(?:\([^)]*\))?:)?" + name + ">", lambda _m: value, path, count=1)
    base = {name: values[0] for name, values in valid_values(names, known).items()}
    attempts = [(name, value) for name in names for value in NASTY]
    # And a valid value with its number too large: "set:9223372036854775808".
    attempts += [
        (name, re.sub(r"[0-9]+", str(2**63), value))
        for name, values in valid_values(names, known).items()
        for value in values
        if re.search(r"[0-9]", value) and not value.isdigit()
    ]
    if method == "POST":
        attempts += [("file", (io.BytesIO(upload), name)) for upload in UPLOADS for name in ("bank.yaml", "page.html")]
    errors = []
    for name, value in attempts:
        fields = {key: item for key, item in base.items() if key != name}
        if value is not MISSING:
            fields[name] = value
        request = f"{method} {path} as {who} with {name}={value!r:.60}"
        try:
            status = send(clients[who], method, path, fields)
        except Exception as error:  # the test client passes on what a server would answer with a 500
            errors.append(f"{request}: {type(error).__name__}: {error} at {_where(error)}")
        else:
            if status >= 500:
                errors.append(f"{request}: {status}")
    return errors


def _where(error: BaseException) -> str:
    """The innermost line of the app's own code in the error's traceback."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if "/quiz/" in frame.filename]
    return f"{frames[-1].filename.rsplit('/quiz/', 1)[1]}:{frames[-1].lineno}" if frames else "?"


@pytest.fixture
def offline(monkeypatch):
    """Fetching an address resolves nothing and connects nowhere."""

    def no_names(*_args, **_kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "no names resolve in the fuzz test")

    monkeypatch.setattr(fetch_module, "fetch_url", functools.partial(fetch_module.fetch_url, resolve=no_names))

    def no_connections(*_args, **_kwargs):
        raise OSError("no connections in the fuzz test")

    monkeypatch.setattr(socket.socket, "connect", no_connections)


@pytest.mark.parametrize(("method", "rule", "names"), url_routes(), ids=lambda value: value if isinstance(value, str) else "")
def test_no_route_answers_malformed_input_with_a_server_error(seed, tmp_path, offline, method, rule, names):
    instance = tmp_path / "instance"
    instance.mkdir()
    shutil.copy(seed.database, instance / "quiz.sqlite")
    # No CSRF token is needed, so that malformed forms reach the views (CSRF has its own tests).
    app = make_app(instance, LIVE_BACKGROUND=False, WTF_CSRF_ENABLED=False)
    clients = {"visitor": app.test_client(), "instructor": app.test_client(), "player": app.test_client()}
    for who, cookies in seed.cookies.items():
        for name, value in cookies.items():
            clients[who].set_cookie(name, value)
    parts = re.findall(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>", rule)
    try:
        # The identities are what they say: the instructor signed in, the player in the game.
        assert clients["instructor"].get("/author/").status_code == 200
        assert clients["player"].get(f"/play/{seed.known['pin'][0]}/state").status_code == 200
        errors = sweep(clients, method, rule, parts, names, seed.known)
        assert not errors, "\n".join(errors)
        probe(clients, method, rule, parts, names, seed.known)
    finally:
        app.extensions["quiz.hub"].stop()
        app.extensions["quiz.engine"].dispose()


def probe(clients, method, rule, parts, names, known):
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=DEADLINE,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def run(data):
        who = data.draw(st.sampled_from(identities(rule)), label="as")
        path = rule
        for converter, name in parts:
            value = data.draw(path_value(converter or "default", name, known), label=name)
            path = re.sub(r"<(?:\w+(?:\([^)]*\))?:)?" + name + ">", lambda _m: value, path, count=1)
        fields = data.draw(form(names, known), label="fields")
        if method == "POST" and data.draw(st.booleans(), label="upload"):
            upload = data.draw(st.sampled_from(UPLOADS), label="file")
            fields["file"] = (io.BytesIO(upload), data.draw(st.sampled_from(["bank.yaml", "page.html", "q.gift", "", "x" * 300]), label="filename"))
        note(f"{method} {path} as {who}")
        status = send(clients[who], method, path, fields)
        assert status < 500, f"{method} {path} as {who}: {status}"

    run()
