"""Secret key, CSRF protection, trusted proxies and response headers."""

from __future__ import annotations

import ipaddress
import os
import secrets
import tempfile
from pathlib import Path

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.serving import WSGIRequestHandler

csrf = CSRFProtect()

SECRET_KEY_FILE = "secret_key"

# Strict-Transport-Security over HTTPS: a year, the usual value.
HSTS_SECONDS = 365 * 24 * 3600

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


def trusted_proxies(setting) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network] | None:
    """Parse FORWARDED_ALLOW_IPS: addresses or networks, comma-separated (or a list); "*" trusts
    every peer, which is returned as None. A wrong entry stops the app with a message naming it."""
    entries = setting.split(",") if isinstance(setting, str) else list(setting or [])
    entries = [str(entry).strip() for entry in entries if str(entry).strip()]
    if "*" in entries:
        return None
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise RuntimeError(
                f"QUIZ_FORWARDED_ALLOW_IPS: {entry!r} is not an IP address or network; "
                "give the proxy's address, e.g. 127.0.0.1 or 10.0.0.0/8, comma-separated"
            ) from None
    return networks


class TrustedProxyFix:
    """Werkzeug's ProxyFix, applied only when the request's immediate peer is a trusted proxy.

    ProxyFix alone trusts the last X-Forwarded-For entry of every request, whoever sent it. Here a
    request from a listed proxy gets the client address and scheme that proxy appended
    (X-Forwarded-For, X-Forwarded-Proto, one hop); anyone else's headers are ignored, so a client
    cannot choose the address its sign-in attempts are counted against.
    """

    def __init__(self, app, trusted: list | None) -> None:
        self.app = app
        self.fixed = ProxyFix(app, x_for=1, x_proto=1)
        self.trusted = trusted

    def _is_trusted(self, peer: str | None) -> bool:
        if self.trusted is None:
            return True
        try:
            address = ipaddress.ip_address((peer or "").split("%")[0])
        except ValueError:
            return False
        address = getattr(address, "ipv4_mapped", None) or address
        return any(address in network for network in self.trusted)

    def __call__(self, environ, start_response):
        if self._is_trusted(environ.get("REMOTE_ADDR")):
            return self.fixed(environ, start_response)
        return self.app(environ, start_response)


class QuietRequestHandler(WSGIRequestHandler):
    """The development server's request handler, without its versions in the Server header."""

    def version_string(self) -> str:
        return "Evidence Quiz"


class SessionInterface(SecureCookieSessionInterface):
    """The signed-cookie session, marked Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    app.session_interface = SessionInterface()
    app.wsgi_app = TrustedProxyFix(app.wsgi_app, trusted_proxies(app.config["FORWARDED_ALLOW_IPS"]))

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", f"max-age={HSTS_SECONDS}")
        # A signed-in instructor's pages and downloads (results, exports) stay out of every cache,
        # the browser's back/forward included, so that no one reads them after sign-out.
        if request.endpoint != "static" and current_user.is_authenticated:
            response.headers["Cache-Control"] = "no-store"
        return response
