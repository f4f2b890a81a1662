"""The factory, configuration, the secret key and setting up the database."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select

from quiz import create_app, db
from quiz.bank.kinds import Status
from quiz.bank.models import Question
from quiz.bank.sync import BankInvalid
from quiz.install import head_revision, setup_database
from quiz.models import Base
from quiz.security import SECRET_KEY_FILE, instance_secret_key

from .conftest import SEED_FOLDER, make_app
from .test_bank import SEED


def test_configuration_order(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text("ROUND_SIZE = 7\nBANK_PATH = 'from-instance'\nDATABASE_URL = 'sqlite://'\n")
    monkeypatch.setenv("QUIZ_INSTANCE_PATH", str(tmp_path))
    app = create_app()
    assert app.config["ROUND_SIZE"] == 7
    assert app.config["BANK_PATH"] == "from-instance"
    monkeypatch.setenv("QUIZ_ROUND_SIZE", "8")
    assert create_app().config["ROUND_SIZE"] == 8
    assert create_app({"ROUND_SIZE": 9}).config["ROUND_SIZE"] == 9


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZ_INSTANCE_PATH", str(tmp_path))
    app = create_app()
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'quiz.sqlite'}"


def test_factory_touches_no_database(tmp_path):
    # Nothing listens on port 9: creating the app must not try to connect.
    app = make_app(tmp_path, DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:9/none")
    assert app.extensions["quiz.engine"].pool.checkedout() == 0
    assert not (tmp_path / "quiz.sqlite").exists()


def test_secret_key_is_generated_once_and_shared(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZ_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("QUIZ_SECRET_KEY", raising=False)
    first = create_app().config["SECRET_KEY"]
    second = create_app().config["SECRET_KEY"]
    assert first == second and len(first) == 64
    assert (tmp_path / SECRET_KEY_FILE).stat().st_mode & 0o077 == 0


def test_workers_starting_together_agree_on_one_key(tmp_path):
    keys: list[str] = []
    barrier = threading.Barrier(8)

    def start():
        barrier.wait()
        keys.append(instance_secret_key(tmp_path))

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(keys)) == 1 and len(keys) == 8
    assert [p.name for p in tmp_path.iterdir()] == [SECRET_KEY_FILE]


def test_a_configured_secret_key_is_used_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZ_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("QUIZ_SECRET_KEY", "configured-key")
    assert create_app().config["SECRET_KEY"] == "configured-key"
    assert not (tmp_path / SECRET_KEY_FILE).exists()


def test_setup_creates_schema_and_content_and_is_idempotent(tmp_path):
    app = make_app(tmp_path)
    first = setup_database(app)
    assert first.revision_before is None and first.revision_after == head_revision()
    second = setup_database(app)
    assert second.revision_before == second.revision_after == head_revision()
    assert first.bank.questions == second.bank.questions >= 40
    with app.app_context():
        assert db.session().scalar(select(func.count()).select_from(Question)) == first.bank.questions


def test_migrations_build_exactly_the_models_schema(tmp_path):
    app = make_app(tmp_path)
    setup_database(app)
    with app.extensions["quiz.engine"].connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_sqlite_runs_in_wal_mode(app):
    with app.extensions["quiz.engine"].connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_init_db_command(tmp_path):
    runner = make_app(tmp_path).test_cli_runner()
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    assert f"Database schema: empty -> {head_revision()}" in result.output
    assert f"1 article(s), {len(SEED.questions)} question(s)" in result.output


def copy_bank(tmp_path) -> Path:
    bank = tmp_path / "bank"
    shutil.copytree(SEED_FOLDER, bank / SEED_FOLDER.name)
    return bank


def test_a_question_removed_from_the_bank_is_retired_not_deleted(tmp_path):
    bank = copy_bank(tmp_path)
    app = make_app(tmp_path, BANK_PATH=str(bank))
    setup_database(app)
    path = bank / SEED_FOLDER.name / "questions.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: claim-see-also-related")
    end = text.index("\n- id: ", start) + 1
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    report = setup_database(app)
    assert report.bank.retired == 1
    with app.app_context():
        question = db.session().scalar(select(Question).where(Question.ident == "claim-see-also-related"))
        assert question.status == Status.RETIRED


def test_a_broken_bank_changes_nothing(tmp_path):
    bank = copy_bank(tmp_path)
    app = make_app(tmp_path, BANK_PATH=str(bank))
    setup_database(app)
    path = bank / SEED_FOLDER.name / "questions.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("explanation: The article gives the privacy-risk argument to \"some Amazon shareholders\", not to the employees.", "explanation: changed")
        .replace("- quote: They wrote to CEO Jeff Bezos\n", "- quote: They wrote to the Pope\n"),
        encoding="utf-8",
    )
    with pytest.raises(BankInvalid) as raised:
        setup_database(app)
    assert "They wrote to the Pope" in str(raised.value.problems[0])
    with app.app_context():
        question = db.session().scalar(select(Question).where(Question.ident == "claim-employees-privacy"))
        assert question.explanation == 'The article gives the privacy-risk argument to "some Amazon shareholders", not to the employees.'


def test_new_article_command_starts_a_bank_folder(tmp_path):
    bank = tmp_path / "bank"
    bank.mkdir()
    source = tmp_path / "story.txt"
    source.write_text("Council votes to close library\n\nThe council voted on Tuesday.\n\nSEE ALSO: Parks\n")
    runner = make_app(tmp_path, BANK_PATH=str(bank)).test_cli_runner()
    result = runner.invoke(args=["new-article", str(source), "library-vote"])
    assert result.exit_code == 0, result.output
    article = (bank / "library-vote" / "article.yaml").read_text()
    assert "- headline: Council votes to close library" in article
    assert "- clutter: 'SEE ALSO: Parks'" in article
    check = runner.invoke(args=["check-bank", str(bank)])
    assert check.exit_code == 0 and "library-vote" in check.output
    again = runner.invoke(args=["new-article", str(source), "library-vote"])
    assert again.exit_code != 0 and "already exists" in again.output
