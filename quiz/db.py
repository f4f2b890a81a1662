"""The database: declarative base, engine and the one session a request uses."""

from __future__ import annotations

import os
from datetime import datetime

from flask import Flask, current_app, g
from sqlalchemy import DateTime, MetaData, create_engine, event, make_url
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: DateTime(timezone=True)}


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys and a busy timeout on every connection."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 15})
        database = make_url(url).database
        event.listen(engine, "do_connect", lambda *_args: _create_private_file(database))
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # gevent serves hundreds of requests at once per worker: give them connections to share.
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def _create_private_file(database: str | None) -> None:
    """Create a SQLite database file readable and writable by its owner only (0600), just before
    SQLite would create it with the umask's mode (usually world-readable); its -wal and -shm files
    take the same mode. An existing file is left as it is."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    try:
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError:
        pass  # it exists, or its folder does not: then SQLite says so when it connects


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers go on while one writer writes: several workers share one file.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["quiz.engine"] = engine
    app.extensions["quiz.sessionmaker"] = sessionmaker(engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def engine() -> Engine:
    return current_app.extensions["quiz.engine"]


def session() -> Session:
    """Return the session of this app context, opening it on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["quiz.sessionmaker"]()
    return g.db_session


def _close_session(_exc: BaseException | None) -> None:
    db_session = g.pop("db_session", None)
    if db_session is not None:
        db_session.close()


def replace_in_place(rows: list, model: type, values: list[dict]) -> None:
    """Make the position-ordered rows hold values, updating rows in place.

    Rows keep their ids where their position stays (answers point at option ids), and no new
    row ever collides with an old one on the (parent, position) unique constraint.
    """
    for number, fields in enumerate(values, start=1):
        if number <= len(rows):
            row = rows[number - 1]
        else:
            row = model(position=number)
            rows.append(row)
        for key, value in fields.items():
            setattr(row, key, value)
    del rows[len(values) :]
