"""First run on a fresh clone: an instance folder with no database. Every command either sets the
database up or says what to run; every page says what to run instead of a 500."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from quiz.install import head_revision, needs_setup, schema_revision

from .conftest import BANK, PASSWORD, make_app, sign_in, soup
from .test_bank import SEED

NOT_SET_UP = "The database is not set up: run `flask --app quiz init-db`, then reload this page."


@pytest.fixture
def fresh(tmp_path):
    """The app of a fresh clone: an empty instance folder, no database file."""
    instance = tmp_path / "instance"
    application = make_app(instance, LIVE_BACKGROUND=False)
    assert not (instance / "quiz.sqlite").exists()
    yield application
    application.extensions["quiz.hub"].stop()
    application.extensions["quiz.engine"].dispose()


def run(app, *args, input=None):
    return app.test_cli_runner().invoke(args=list(args), input=input)


def test_create_instructor_sets_the_database_up_first(fresh):
    result = run(fresh, "create-instructor", "first@example.org", "--password-stdin", input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert "Setting up the database first" in result.stderr
    assert f"Database schema: empty -> {head_revision()}" in result.stderr
    assert "Instructor first@example.org created." in result.stdout
    assert not needs_setup(fresh)
    # The built-in content came with it, as with init-db, and the new account signs in.
    assert sign_in(fresh.test_client(), "first@example.org").status_code == 303
    assert "Amazon" in fresh.test_client().get("/").get_data(as_text=True)
    # Once set up, commands say nothing about setup.
    again = run(fresh, "create-instructor", "second@example.org", "--password-stdin", input=PASSWORD + "\n")
    assert again.exit_code == 0 and "Setting up" not in again.output


def test_import_questions_sets_the_database_up_and_keeps_json_output_json(fresh):
    result = run(fresh, "import-questions", str(BANK), "--format", "native", "--owner", "nobody@example.org", "--json")
    # The database is there now; the owner is not, and the command says how to make one.
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1
    assert "there is no instructor 'nobody@example.org'" in result.output and "Traceback" not in result.output
    assert not needs_setup(fresh)
    run(fresh, "create-instructor", "owner@example.org", "--password-stdin", input=PASSWORD + "\n")
    imported = run(fresh, "import-questions", str(BANK), "--format", "native", "--owner", "owner@example.org", "--json")
    assert imported.exit_code == 0, imported.output
    assert json.loads(imported.stdout)["imported"] == len(SEED.questions)


@pytest.mark.parametrize(
    "args",
    [["export-questions", "--format", "gift", "--owner", "x@example.org", "-o", "out.gift"], ["reset-password", "x@example.org"]],
    ids=["export-questions", "reset-password"],
)
def test_commands_on_a_fresh_clone_set_up_then_answer(fresh, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = run(fresh, *args)
    assert result.exit_code == 1 and "there is no instructor 'x@example.org'" in result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    assert not needs_setup(fresh)


@pytest.mark.parametrize("path", ["/", "/articles/amazon-rekognition-letter", "/sets/no-such-link", "/rounds/no-such-round"])
def test_pages_on_an_unset_database_say_what_to_run(fresh, path):
    response = fresh.test_client().get(path)
    assert response.status_code == 503
    assert soup(response).select_one("main p").get_text() == NOT_SET_UP
    # Nothing was set up behind the user's back: the app factory and pages do no migration.
    assert schema_revision(fresh) is None


def test_a_signed_in_browser_after_the_database_was_deleted(fresh):
    """README: "to start again from an empty database, delete instance/quiz.sqlite*". A browser
    still signed in then names an instructor the page header cannot look up."""
    run(fresh, "create-instructor", "first@example.org", "--password-stdin", input=PASSWORD + "\n")
    browser = fresh.test_client()
    assert sign_in(browser, "first@example.org").status_code == 303
    fresh.extensions["quiz.engine"].dispose()
    for path in Path(fresh.instance_path).glob("quiz.sqlite*"):
        path.unlink()
    response = browser.get("/")
    assert response.status_code == 503
    assert NOT_SET_UP in response.get_data(as_text=True)


def test_an_older_schema_says_what_to_run(fresh):
    assert run(fresh, "init-db").exit_code == 0
    with fresh.extensions["quiz.engine"].begin() as connection:
        # As after `git pull` brought a migration: the tables are not what the code expects.
        connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
        connection.execute(text("ALTER TABLE article RENAME TO article_before"))
    response = fresh.test_client().get("/")
    assert response.status_code == 503
    assert "The database is older than this version of the app: run `flask --app quiz init-db`" in response.get_data(as_text=True)


def test_other_database_errors_are_still_errors(fresh):
    """Only a missing or old schema is a 503: any other database error is a fault, a 500."""
    from sqlalchemy.exc import OperationalError

    assert run(fresh, "init-db").exit_code == 0

    @fresh.get("/test-broken")
    def broken():
        raise OperationalError("SELECT 1", {}, Exception("disk I/O error"))

    fresh.config["PROPAGATE_EXCEPTIONS"] = False
    assert fresh.test_client().get("/test-broken").status_code == 500
