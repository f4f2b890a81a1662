"""Flask extensions shared by several features, created here and bound in create_app."""

from __future__ import annotations

import ipaddress
import logging
import re

from flask import Flask, render_template, request
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_login import LoginManager

from . import db

log = logging.getLogger(__name__)


def client_address() -> str:
    """The client's address, as the key of per-address limits.

    It is REMOTE_ADDR, which ProxyFix sets from X-Forwarded-For when the request came through a
    trusted proxy (see security.py). An IPv6 client is keyed by its /64 network: one machine
    usually holds a whole /64 and could otherwise change address at every attempt.
    """
    address = request.remote_addr or ""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))


limiter = Limiter(key_func=client_address)
login_manager = LoginManager()
login_manager.login_view = "accounts.sign_in_form"
login_manager.login_message = "Sign in as an instructor to host a game."
# Drop the session when the browser's address or agent changes under it.
login_manager.session_protection = "strong"


_SESSION_ID = re.compile(r"([0-9]{1,18})\.([0-9]{1,18})")


@login_manager.user_loader
def _load_instructor(user_id: str):
    """The instructor whose id and session version the session holds (Instructor.get_id), or
    nobody: a session from before a sign-out or password change names an old version."""
    from .accounts.models import Instructor

    match = _SESSION_ID.fullmatch(user_id)
    if match is None:
        return None
    instructor = db.session().get(Instructor, int(match[1]))
    if instructor is None or instructor.session_version != int(match[2]):
        return None
    return instructor


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
