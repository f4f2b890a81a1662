"""Fixtures: a fresh app and database for every test, the way a user's installation is set up."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from quiz import PROJECT_ROOT, create_app
from quiz.install import setup_database

# In CI the services and the browser are part of the test suite: a missing one fails, never skips.
REQUIRED = os.environ.get("CI", "").lower() in ("1", "true", "yes")

BANK = PROJECT_ROOT / "questions"
SEED_FOLDER = BANK / "amazon-rekognition-letter"


def unavailable(reason: str):
    """Skip for a missing service or browser on a developer's machine; fail in CI."""
    if REQUIRED:
        pytest.fail(f"{reason} (required when CI is set)", pytrace=False)
    pytest.skip(reason)


def make_app(instance: Path, **config):
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production-000000",
        "INSTANCE_PATH": str(instance),
        "DATABASE_URL": f"sqlite:///{instance / 'quiz.sqlite'}",
    }
    settings.update(config)
    return create_app(settings)


@pytest.fixture(scope="session")
def template_database(tmp_path_factory) -> Path:
    """A database set up once by the real setup path (migrations, then the built-in bank)."""
    instance = tmp_path_factory.mktemp("template-instance")
    app = make_app(instance)
    setup_database(app)
    app.extensions["quiz.engine"].dispose()
    return instance / "quiz.sqlite"


def fresh_app(tmp_path, template_database, **config):
    instance = tmp_path / "instance"
    instance.mkdir()
    shutil.copy(template_database, instance / "quiz.sqlite")
    return make_app(instance, **config)


@pytest.fixture
def app(tmp_path, template_database):
    """A fresh app and database. The live hub's background work is off: tests that need the
    clock or pushes drive them by hand (browser tests turn it on, see tests/browser/conftest.py)."""
    application = fresh_app(tmp_path, template_database, LIVE_BACKGROUND=False)
    yield application
    application.extensions["quiz.hub"].stop()
    application.extensions["quiz.engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def form_fields(form) -> dict[str, str]:
    """Return a form's hidden fields, as a browser would send them."""
    return {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}


def start_round(client, round_kind: str = "mixed", article: str = "amazon-rekognition-letter"):
    """Start a round from the home page's form; return the response of its first question."""
    home = soup(client.get("/"))
    form = home.select_one(f"form:has(input[name=article][value='{article}'])")
    data = form_fields(form) | {"round": round_kind}
    return client.post(form["action"], data=data, follow_redirects=True)


def round_token(url: str) -> str:
    return re.search(r"/rounds/([^/]+)/", url).group(1)


PASSWORD = "correct horse battery"


def add_instructor(app, email="teacher@example.org"):
    from quiz import db
    from quiz.accounts.service import create_instructor

    with app.app_context():
        create_instructor(db.session(), email, PASSWORD)
        db.session().commit()


def sign_in(client, email="teacher@example.org", password=PASSWORD, address="127.0.0.1"):
    page = soup(client.get("/account/sign-in"))
    data = form_fields(page.select_one("main form")) | {"email": email, "password": password}
    return client.post("/account/sign-in", data=data, environ_base={"REMOTE_ADDR": address})


@pytest.fixture
def author(app):
    """A signed-in instructor's browser."""
    add_instructor(app)
    client = app.test_client()
    assert sign_in(client).status_code == 303
    return client


POSTGRES_SERVER = os.environ.get("QUIZ_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def postgres_url():
    """A fresh, empty PostgreSQL database for this test session, dropped at the end."""
    try:
        import psycopg  # noqa: F401 - only whether it can be imported
    except ImportError:
        unavailable("psycopg is not installed")
    from sqlalchemy import create_engine
    from sqlalchemy.exc import OperationalError

    server = create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT")
    name = f"quiz_test_{os.getpid()}"
    try:
        with server.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except OperationalError as error:
        server.dispose()
        unavailable(f"PostgreSQL is not reachable at {POSTGRES_SERVER}: {error.orig}")
    yield POSTGRES_SERVER.rsplit("/", 1)[0] + f"/{name}"
    with server.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    server.dispose()


REDIS_URL = os.environ.get("QUIZ_TEST_REDIS", "redis://127.0.0.1:6379/0")


@pytest.fixture(scope="session")
def redis_url():
    try:
        import redis
    except ImportError:
        unavailable("the redis client is not installed")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        unavailable(f"Redis is not reachable at {REDIS_URL}: {error}")
    finally:
        client.close()
    return REDIS_URL
