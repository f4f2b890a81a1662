"""Import and export: the native bundle and Moodle GIFT, through the command line and the web."""

from __future__ import annotations

import json
from collections import Counter
from io import BytesIO

import pytest
from sqlalchemy import select

from quiz import db
from quiz.articles.models import Article
from quiz.bank.models import Question

from .conftest import BANK, PROJECT_ROOT, add_instructor, soup
from .test_bank import SEED
from .test_authoring import claim_form, paste_article, token

# The built-in bank's size, as the importers should count it.
BUILTIN = len(SEED.questions)
BUILTIN_KINDS = dict(Counter(q.kind.value for q in SEED.questions))

GIFT_FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "gift"


def run(app, *args, input=None):
    return app.test_cli_runner().invoke(args=list(args), input=input)


def owned_questions(app, email):
    """Return every question of the instructor's articles as comparable tuples, with anchors."""
    from quiz.accounts.models import Instructor

    with app.app_context():
        owner = db.session().scalar(select(Instructor).where(Instructor.email == email))
        questions = db.session().scalars(
            select(Question).join(Article).where(Article.owner_id == owner.id).order_by(Question.position)
        ).all()
        return [
            (
                q.ident, q.kind, q.skill, q.prompt, q.verdict, q.explanation, q.status,
                tuple((o.text, o.correct, o.feedback) for o in q.options),
                tuple((e.exact, e.prefix, e.suffix, e.start, e.end) for e in q.evidence),
            )
            for q in questions
        ]


def builtin_questions(app):
    with app.app_context():
        questions = db.session().scalars(
            select(Question).join(Article).where(Article.owner_id.is_(None)).order_by(Question.position)
        ).all()
        return [
            (
                q.ident, q.kind, q.skill, q.prompt, q.verdict, q.explanation, q.status,
                tuple((o.text, o.correct, o.feedback) for o in q.options),
                tuple((e.exact, e.prefix, e.suffix, e.start, e.end) for e in q.evidence),
            )
            for q in questions
        ]


def test_native_round_trip_of_the_whole_builtin_bank(app, tmp_path):
    add_instructor(app, "one@example.org")
    add_instructor(app, "two@example.org")
    result = run(app, "import-questions", str(BANK), "--format", "native", "--owner", "one@example.org", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report == {"imported": BUILTIN, "by_kind": BUILTIN_KINDS, "skipped": [], "errors": []}
    first = owned_questions(app, "one@example.org")
    assert first == builtin_questions(app)
    bundle = tmp_path / "bank.yaml"
    result = run(app, "export-questions", "--format", "native", "--owner", "one@example.org", "-o", str(bundle))
    assert result.exit_code == 0 and f"Wrote {BUILTIN} question(s) from 1 article(s)" in result.output
    result = run(app, "import-questions", str(bundle), "--format", "native", "--owner", "two@example.org")
    assert result.exit_code == 0, result.output
    assert owned_questions(app, "two@example.org") == first
    # The article comes back block for block.
    with app.app_context():
        texts = db.session().scalars(select(Article.text).order_by(Article.id)).all()
    assert len(set(texts)) == 1 and len(texts) == 3


def test_dry_run_imports_nothing(app):
    add_instructor(app, "one@example.org")
    result = run(app, "import-questions", str(BANK), "--format", "native", "--owner", "one@example.org", "--dry-run")
    assert result.exit_code == 0 and f"would import {BUILTIN} question(s)" in result.output
    assert owned_questions(app, "one@example.org") == []


def bundle_with(tmp_path, app, old: str, new: str) -> str:
    add_instructor(app, "one@example.org")
    run(app, "import-questions", str(BANK), "--format", "native", "--owner", "one@example.org")
    path = tmp_path / "bank.yaml"
    run(app, "export-questions", "--format", "native", "--owner", "one@example.org", "-o", str(path))
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("- id: mc-who-reported-it\n", "- id: mc-letter-recipient\n", "duplicate id"),
        ("  - quote: They wrote to CEO Jeff Bezos\n", "  - quote: They wrote to CEO Jeff Bozos\n", "does not occur in the article: 'They wrote to CEO Jeff Bozos'"),
        ("  verdict: contradicted\n", "  verdict: maybe\n", "`verdict` must be one of"),
        ("format: evidence-quiz-bank\n", "format: something-else\n", "not a native bundle"),
    ],
)
def test_a_broken_bundle_imports_nothing_and_names_the_line(tmp_path, app, old, new, message):
    path = bundle_with(tmp_path, app, old, new)
    add_instructor(app, "two@example.org")
    result = run(app, "import-questions", path, "--format", "native", "--owner", "two@example.org", "--json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["imported"] == 0 and report["errors"]
    error = next(e for e in report["errors"] if message in e["message"])
    from pathlib import Path

    lines = Path(path).read_text(encoding="utf-8").splitlines()
    assert error["line"] is not None and 1 <= error["line"] <= len(lines)
    if message != "not a native bundle":
        # The line named is the line of the question (or article) at fault.
        assert lines[error["line"] - 1].lstrip().startswith(("- id:", "id:", "- headline", "headline"))
    assert owned_questions(app, "two@example.org") == []


def test_duplicate_article_ids_in_a_bundle(tmp_path, app):
    path = bundle_with(tmp_path, app, "format: evidence-quiz-bank\n", "format: evidence-quiz-bank\n")
    from pathlib import Path

    text = Path(path).read_text(encoding="utf-8")
    articles_at = text.index("articles:\n") + len("articles:\n")
    entry = text[articles_at:]
    (tmp_path / "double.yaml").write_text(text + entry, encoding="utf-8")
    add_instructor(app, "two@example.org")
    result = run(app, "import-questions", str(tmp_path / "double.yaml"), "--format", "native", "--owner", "two@example.org", "--json")
    assert result.exit_code == 1
    assert any("duplicate article id" in e["message"] for e in json.loads(result.output)["errors"])


# --------------------------------------------------------------------------------------------
# GIFT


def test_gift_export_then_import_keeps_questions_as_drafts(app, tmp_path):
    add_instructor(app, "one@example.org")
    run(app, "import-questions", str(BANK), "--format", "native", "--owner", "one@example.org")
    path = tmp_path / "bank.gift"
    result = run(app, "export-questions", "--format", "gift", "--owner", "one@example.org", "-o", str(path))
    assert result.exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "::claim-employees-privacy::" in text and "~Supported by the article" in text and "=Contradicted by the article" in text
    # The category is the article's id: the imported copy's, since the built-in one keeps its own.
    assert "$CATEGORY: amazon-workers-wrote-to-jeff-bezos" in text
    # Into a fresh copy of the article for a second instructor.
    add_instructor(app, "two@example.org")
    with app.app_context():
        from quiz.accounts.models import Instructor
        from quiz.authoring.service import copy_article

        two = db.session().scalar(select(Instructor).where(Instructor.email == "two@example.org"))
        builtin = db.session().scalar(select(Article).where(Article.owner_id.is_(None)))
        target = copy_article(db.session(), builtin, two.id)
        db.session().execute(Question.__table__.delete().where(Question.article_id == target.id))
        db.session().commit()
        slug = target.slug
    result = run(app, "import-questions", str(path), "--format", "gift", "--owner", "two@example.org", "--article", slug, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"imported": BUILTIN, "by_kind": BUILTIN_KINDS, "skipped": [], "errors": []}
    imported = {q[0]: q for q in owned_questions(app, "two@example.org")}
    original = {q[0]: q for q in builtin_questions(app)}
    assert set(imported) == set(original)
    for ident, question in imported.items():
        # Same id, kind, skill, prompt, verdict, explanation, options and evidence quotes; a draft.
        assert question[:6] == original[ident][:6]
        assert question[6] == "draft"
        assert question[7] == original[ident][7]
        assert [e[0] for e in question[8]] == [e[0] for e in original[ident][8]]


def test_gift_fixtures_import_with_unsupported_kinds_refused_until_confirmed(author, app, tmp_path):
    article_id = paste_article(author)
    with app.app_context():
        slug = db.session().get(Article, article_id).slug
    classroom = GIFT_FIXTURES / "classroom.gift"
    result = run(app, "import-questions", str(classroom), "--format", "gift", "--owner", "teacher@example.org", "--article", slug, "--json")
    report = json.loads(result.output)
    assert result.exit_code == 0, result.output
    assert report == {"imported": 4, "by_kind": {"multiple_choice": 2, "claim": 2}, "skipped": [], "errors": []}
    with app.app_context():
        questions = {q.ident: q for q in db.session().scalars(select(Question).where(Question.article_id == article_id))}
        assert set(questions) == {"vote-count", "who-chairs", "closing-month", "q1"}
        assert {q.status for q in questions.values()} == {"draft"}
        vote = questions["vote-count"]
        assert vote.skill == "numbers" and vote.explanation == 'The report says "The vote was seven to two."'
        assert [(o.text, o.correct, o.feedback) for o in vote.options][0] == ("Seven to two", True, "Right: the report gives the count.")
        assert (questions["closing-month"].kind, questions["closing-month"].verdict) == ("claim", "supported")
        assert questions["q1"].prompt == "The mayor said repairs were cheap {as quoted}." and questions["q1"].verdict == "contradicted"
        assert all(not q.evidence for q in questions.values())
    # Moodle allows two-option multiple choice; this game needs three to five: refused, by line.
    valid = GIFT_FIXTURES / "valid.gift"
    result = run(app, "import-questions", str(valid), "--format", "gift", "--owner", "teacher@example.org", "--article", slug, "--json")
    refused = json.loads(result.output)
    assert result.exit_code == 1 and refused["imported"] == 0
    assert any("`options` must list 3 to 5 options" in e["message"] and e["line"] for e in refused["errors"])
    unsupported = GIFT_FIXTURES / "unsupported.gift"
    result = run(app, "import-questions", str(unsupported), "--format", "gift", "--owner", "teacher@example.org", "--article", slug, "--json")
    refused = json.loads(result.output)
    assert result.exit_code == 1 and refused["imported"] == 0
    assert all(e["line"] for e in refused["errors"]) and any("short answer" in e["message"] for e in refused["errors"])
    result = run(app, "import-questions", str(unsupported), "--format", "gift", "--owner", "teacher@example.org", "--article", slug,
                 "--skip-unsupported", "--json")
    confirmed = json.loads(result.output)
    assert result.exit_code == 0 and confirmed["imported"] >= 1
    assert {s["kind"] for s in confirmed["skipped"]} >= {"short answer", "matching", "numerical", "essay"}
    problems = GIFT_FIXTURES / "problems.gift"
    result = run(app, "import-questions", str(problems), "--format", "gift", "--owner", "teacher@example.org", "--article", slug, "--json")
    assert result.exit_code == 1 and all(isinstance(e["line"], int) for e in json.loads(result.output)["errors"])


def test_gift_duplicate_titles_and_missing_article(author, app, tmp_path):
    article_id = paste_article(author)
    with app.app_context():
        slug = db.session().get(Article, article_id).slug
    path = tmp_path / "dup.gift"
    path.write_text("::same:: Who voted? {=The council ~The mayor ~A reader}\n\n::same:: Again? {T}\n", encoding="utf-8")
    result = run(app, "import-questions", str(path), "--format", "gift", "--owner", "teacher@example.org", "--article", slug, "--json")
    report = json.loads(result.output)
    assert result.exit_code == 1 and report["errors"] == [{"line": 3, "message": "duplicate id 'same' (first on line 1)"}]
    result = run(app, "import-questions", str(path), "--format", "gift", "--owner", "teacher@example.org", "--json")
    assert result.exit_code == 1 and "no article of yours" in result.output


def test_importing_from_the_web_checks_first_then_imports(author, app, tmp_path):
    article_id = paste_article(author)
    gift_text = "$CATEGORY: unknown\n\n::vote:: How did the vote go? {=Seven to two#Right. ~Unanimous#No: two voted against. ~Five to four#No. ####It says seven to two.}\n"

    def send(action, **fields):
        data = {"csrf_token": token(author), "format": "gift", "article": str(article_id), "action": action,
                "file": (BytesIO(gift_text.encode()), "q.gift")} | fields
        return author.post("/author/import", data=data, content_type="multipart/form-data")

    checked = send("check")
    assert checked.status_code == 200 and "1 question(s) will be imported" in soup(checked).get_text()
    with app.app_context():
        assert db.session().scalar(select(Question).where(Question.article_id == article_id)) is None
    assert send("import").status_code == 303
    with app.app_context():
        question = db.session().scalar(select(Question).where(Question.article_id == article_id))
        assert (question.ident, question.status, question.explanation) == ("vote", "draft", "It says seven to two.")
        assert [o.feedback for o in question.options] == ["Right.", "No: two voted against.", "No."]
    broken = author.post(
        "/author/import",
        data={"csrf_token": token(author), "format": "gift", "article": str(article_id), "action": "import",
              "file": (BytesIO(b"::x:: Broken {=a ~b\n"), "bad.gift")},
        content_type="multipart/form-data",
    )
    assert broken.status_code == 400 and "Line 1" in soup(broken).select_one(".import-errors").get_text()


def test_web_export_downloads(author, app):
    article_id = paste_article(author)
    claim_form(author, article_id)
    native = author.get("/author/export?format=native")
    assert native.headers["Content-Disposition"] == 'attachment; filename="questions.yaml"'
    assert "format: evidence-quiz-bank" in native.get_data(as_text=True)
    gift_file = author.get("/author/export?format=gift")
    assert "::q1::" in gift_file.get_data(as_text=True)
