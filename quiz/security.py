"""Secret key, CSRF protection and response headers."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

SECRET_KEY_FILE = "secret_key"

# Scripts and styles come only from our own static files: no inline script can run.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def instance_secret_key(instance_path: Path) -> str:
    """Return the installation's secret key, generating it into the instance folder once.

    Every worker of one installation reads the same file, so a session signed by one worker is
    accepted by all. The key is written to a private temporary file and hard-linked into place,
    which fails if the file exists: two workers starting at once agree on one complete key.
    """
    path = instance_path / SECRET_KEY_FILE
    if not path.exists():
        fd, tmp = tempfile.mkstemp(dir=instance_path, prefix=".secret-")
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    key = path.read_text().strip()
    if len(key) < 32:
        raise RuntimeError(f"{path} holds no usable key: delete it to have a new one generated")
    return key


class SessionInterface(SecureCookieSessionInterface):
    """The signed-cookie session, marked Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    app.session_interface = SessionInterface()

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response
