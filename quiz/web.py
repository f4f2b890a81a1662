"""What every page shares: error pages and template helpers."""

from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .bank.kinds import KIND_LABELS, VERDICT_LABELS
from .bank.skills import SKILLS


def init_app(app: Flask) -> None:
    @app.context_processor
    def _labels():
        return {"SKILLS": SKILLS, "KIND_LABELS": KIND_LABELS, "VERDICT_LABELS": VERDICT_LABELS}

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
