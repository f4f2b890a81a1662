"""The same setup and game on PostgreSQL, by setting the database URL."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select

from quiz import db
from quiz.install import setup_database
from quiz.models import Base
from quiz.study.models import Answer

from .conftest import make_app, round_token, soup, start_round
from .test_study import post_answer, right_answer

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_app(tmp_path, postgres_url):
    app = make_app(tmp_path, DATABASE_URL=postgres_url)
    setup_database(app)
    yield app
    app.extensions["quiz.engine"].dispose()


def test_setup_on_postgres_matches_the_models(pg_app):
    report = setup_database(pg_app)  # a second time: nothing to migrate, content re-synced in place
    assert report.revision_before == report.revision_after
    with pg_app.extensions["quiz.engine"].connect() as connection:
        assert connection.dialect.name == "postgresql"
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_a_round_on_postgres_records_each_answer_once(pg_app):
    client = pg_app.test_client()
    response = start_round(client, "mixed")
    token = round_token(response.request.path)
    page = soup(response)
    data = right_answer(pg_app, token, page)
    assert post_answer(client, page, data).status_code == 303
    assert post_answer(client, page, data).status_code == 303
    feedback = soup(client.get(f"/rounds/{token}/1"))
    assert "Right" in feedback.select_one("#result .outcome").get_text()
    with pg_app.app_context():
        assert db.session().scalar(select(func.count()).select_from(Answer)) == 1
