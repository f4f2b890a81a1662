"""Flask extensions shared by several features, created here and bound in create_app."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address
from flask_login import LoginManager

from . import db

log = logging.getLogger(__name__)

limiter = Limiter(key_func=get_remote_address)
login_manager = LoginManager()
login_manager.login_view = "accounts.sign_in_form"
login_manager.login_message = "Sign in as an instructor to host a game."
# Drop the session when the browser's address or agent changes under it.
login_manager.session_protection = "strong"


@login_manager.user_loader
def _load_instructor(user_id: str):
    from .accounts.models import Instructor

    return db.session().get(Instructor, int(user_id)) if user_id.isdigit() else None


def init_app(app: Flask) -> None:
    redis_url = app.config.get("REDIS_URL")
    if redis_url:
        app.config["RATELIMIT_STORAGE_URI"] = redis_url
    else:
        app.config["RATELIMIT_STORAGE_URI"] = "memory://"
        app.config["RATELIMIT_PROCESS_LOCAL"] = True
    limiter.init_app(app)
    login_manager.init_app(app)

    @app.errorhandler(RateLimitExceeded)
    def _too_many(error: RateLimitExceeded):
        message = "Too many attempts. Wait a minute and try again; nothing was changed."
        return render_template("errors/refused.html", message=message, back=None), 429


def warn_if_limits_are_per_process(app: Flask, processes: int) -> None:
    """Log a clear warning when rate limits live in each process's memory but several processes
    serve, or may: a PostgreSQL database is there to be shared by several app instances."""
    if not app.config.get("RATELIMIT_PROCESS_LOCAL"):
        return
    if processes > 1:
        log.warning(
            "Sign-in rate limits are kept in each process's memory, so %d processes allow %d times the "
            "configured attempts. Set QUIZ_REDIS_URL to share them.",
            processes,
            processes,
        )
    if app.extensions["quiz.engine"].dialect.name != "sqlite":
        log.warning(
            "Each app instance on this database counts sign-in attempts on its own; with several "
            "instances, set QUIZ_REDIS_URL so that the limits hold across them."
        )
