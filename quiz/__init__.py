"""Media-literacy quiz: questions about a real article, every answer tied to its evidence."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping

from flask import Flask

from . import config as default_config
from . import db
from .converters import IdConverter

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create the app: defaults, then instance/config.py, then QUIZ_* variables, then test overrides.

    The instance folder is instance/ in the clone unless QUIZ_INSTANCE_PATH (or INSTANCE_PATH in
    test_config) names another.
    """
    instance_path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get("QUIZ_INSTANCE_PATH")
    app = Flask(
        __name__,
        instance_path=str(Path(instance_path).resolve()) if instance_path else str(PROJECT_ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    # Before any route is added: every `<int:...>` id is bounded to what the database holds.
    app.url_map.converters["int"] = IdConverter
    app.config.from_object(default_config)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("QUIZ")
    if test_config is not None:
        app.config.from_mapping(test_config)

    # Private to the account that runs the app: it holds the database and the secret key.
    os.makedirs(app.instance_path, mode=0o700, exist_ok=True)
    if not app.config.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = f"sqlite:///{Path(app.instance_path) / 'quiz.sqlite'}"
    if not app.config.get("BANK_PATH"):
        app.config["BANK_PATH"] = str(PROJECT_ROOT / "questions")
    if not app.config.get("SECRET_KEY"):
        from .security import instance_secret_key

        app.config["SECRET_KEY"] = instance_secret_key(Path(app.instance_path))

    db.init_app(app)

    from . import cli, extensions, retention, security, web
    from .accounts.views import bp as accounts_bp
    from .articles.views import bp as articles_bp
    from .live import push
    from .live.host_views import bp as live_host_bp
    from .live.play_views import bp as live_play_bp
    from .assignments.class_views import bp as classes_bp
    from .assignments.report_views import bp as over_time_bp
    from .assignments.student_views import bp as homework_bp
    from .assignments.views import bp as assignments_bp
    from .authoring.views import bp as authoring_bp
    from .sets.views import bp as sets_bp
    from .study.views import bp as study_bp
    from .suggest.views import bp as suggestions_bp

    security.init_app(app)
    extensions.init_app(app)
    web.init_app(app)
    cli.init_app(app)
    push.init_app(app)
    retention.init_app(app)  # deletes students' data past STUDENT_DATA_RETENTION_DAYS
    for blueprint in (study_bp, articles_bp, accounts_bp, live_host_bp, live_play_bp, authoring_bp, sets_bp, assignments_bp, homework_bp, classes_bp, over_time_bp, suggestions_bp):
        app.register_blueprint(blueprint)
    return app
