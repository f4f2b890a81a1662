"""Set up an installation's database: migrate the schema to the newest revision, load the bank.

Run by `flask --app quiz init-db` and before the server starts (`flask --app quiz serve`, and the
gunicorn configuration's start hook), never by create_app: importing the app touches no database.
"""

from __future__ import annotations

import fcntl
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterator

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from .bank.sync import SyncReport, sync_bank

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any constant will do: it only has to be the same in every process of the installation.
POSTGRES_SETUP_LOCK = 0x5155495A


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


@dataclass
class SetupReport:
    revision_before: str | None
    revision_after: str | None
    bank: SyncReport


@contextmanager
def _setup_lock(app: Flask, connection: Connection) -> Iterator[None]:
    """Let one process at a time set up the database, however many start together."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({POSTGRES_SETUP_LOCK})")
        yield
        return
    with open(Path(app.instance_path) / ".setup.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


@cache
def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def schema_revision(app: Flask) -> str | None:
    """Return the database's schema revision: None when it has never been set up."""
    with app.extensions["quiz.engine"].connect() as connection:
        return current_revision(connection)


def needs_setup(app: Flask) -> bool:
    """Whether the database lacks the newest schema (a fresh clone, or an update with migrations)."""
    return schema_revision(app) != head_revision()


def setup_database(app: Flask) -> SetupReport:
    """Migrate to the newest schema and load the built-in bank, in one transaction."""
    engine = app.extensions["quiz.engine"]
    config = alembic_config(app.config["DATABASE_URL"])
    with engine.begin() as connection, _setup_lock(app, connection):
        before = current_revision(connection)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        after = current_revision(connection)
        # The session joins the connection's transaction: schema and content commit together.
        with Session(bind=connection) as session:
            report = sync_bank(session, Path(app.config["BANK_PATH"]))
            session.flush()
    return SetupReport(before, after, report)
