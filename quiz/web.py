"""What every page shares: error pages and template helpers."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError
from werkzeug.exceptions import HTTPException, ServiceUnavailable

from .bank.kinds import KIND_LABELS, VERDICT_LABELS
from .bank.skills import SKILLS

# An option that opens with one of these is itself a quotation.
QUOTES = "\"'\u201c\u2018"


def init_app(app: Flask) -> None:
    @app.template_filter("quoted")
    def _quoted(text: str) -> str:
        """Return text in quotation marks, unless it already is a quotation ("Why not “...”")."""
        return text if text[:1] in QUOTES else f"\u201c{text}\u201d"

    @app.context_processor
    def _labels():
        return {"SKILLS": SKILLS, "KIND_LABELS": KIND_LABELS, "VERDICT_LABELS": VERDICT_LABELS}

    @app.before_request
    def _no_nul_characters():
        """Refuse a request whose form or query string has a NUL character: nobody types one,
        PostgreSQL cannot store one (it would fail as a 500 on saving), and SQLite would keep
        text that every other tool cuts short. Nothing is changed."""
        values = request.args.listvalues()
        if request.method != "GET" and request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            values = [*values, *request.form.listvalues()]
        if any("\x00" in value for group in values for value in group):
            message = "A field of this request has a NUL character (\\0) in it, which no field accepts. Nothing was changed."
            return render_template("errors/refused.html", message=message, back=None), 400
        return None

    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError):
        message = (
            "This form could not be accepted: its security token is missing or has expired. "
            "Nothing was recorded. Go back, reload the page and try again."
        )
        return render_template("errors/refused.html", message=message, back=None), 400

    @app.errorhandler(413)
    def _too_large(error):
        from .authoring.views import size_text

        message = f"That upload is larger than the {size_text(app.config['UPLOAD_LIMIT_BYTES'])} limit. Nothing was saved."
        return render_template("errors/refused.html", message=message, back=None), 413

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException):
        return render_template("errors/http.html", error=error), error.code

    @app.errorhandler(OverflowError)
    def _number_too_large(error: OverflowError):
        """A number from a form or query string too large for the database (an id ≥ 2**63): the
        request is wrong, not the server. Ids in addresses never get here (see converters.py);
        views should refuse such numbers themselves, this is the net under those that do not."""
        app.logger.warning("a number in %s %s is out of range: %s", request.method, request.path, error)
        message = "A number in this request is too large to be an id or a count. Nothing was changed."
        return render_template("errors/refused.html", message=message, back=None), 400

    @app.errorhandler(OperationalError)
    @app.errorhandler(ProgrammingError)
    def _database(error: DBAPIError):
        """A database without the app's schema ("no such table" on a fresh clone, after an update
        with migrations, or after instance/quiz.sqlite was deleted) says what to run; any other
        database error stays what it is, a 500."""
        from .install import needs_setup, schema_revision

        try:
            unset = needs_setup(app)
            never = unset and schema_revision(app) is None
        except DBAPIError:
            unset = False  # the database cannot even be asked: the first error is the one to see
        if not unset:
            raise error
        what = "not set up" if never else "older than this version of the app"
        unavailable = ServiceUnavailable(f"The database is {what}: run `flask --app quiz init-db`, then reload this page.")
        # Nobody is signed in on this answer: the page and its headers would otherwise look the
        # session's instructor up again, in a table that is not there.
        app.login_manager._update_request_context_with_user()
        return render_template("errors/http.html", error=unavailable), 503
