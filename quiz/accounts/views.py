"""Sign-up, sign-in and sign-out pages."""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from .. import db
from ..extensions import limiter
from .service import AccountError, authenticate, create_instructor, normalise_email

bp = Blueprint("accounts", __name__, url_prefix="/account")


def _safe_next(target: str | None) -> str:
    """Return target when it is a path on this site, else the hosting page."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("live_host.new_game")


def _account_key() -> str:
    return "sign-in:" + normalise_email(request.form.get("email", ""))


def _failed(response) -> bool:
    return response.status_code >= 400


@bp.get("/sign-up")
def sign_up_form():
    return render_template("accounts/sign_up.html", needs_code=bool(current_app.config["INSTRUCTOR_INVITE_CODE"]))


@bp.post("/sign-up")
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"], deduct_when=_failed)
def sign_up():
    needs_code = bool(current_app.config["INSTRUCTOR_INVITE_CODE"])
    email = request.form.get("email", "")
    error = None
    if needs_code and not hmac.compare_digest(
        request.form.get("invite_code", "").strip().encode(), current_app.config["INSTRUCTOR_INVITE_CODE"].encode()
    ):
        error = "That invite code is not right. Ask whoever runs this site for the code."
    elif request.form.get("password", "") != request.form.get("password_again", ""):
        error = "The two passwords differ."
    else:
        try:
            instructor = create_instructor(db.session(), email, request.form.get("password", ""))
        except AccountError as refused:
            error = str(refused)
    if error:
        return render_template("accounts/sign_up.html", needs_code=needs_code, error=error, email=email), 400
    db.session().commit()
    session.clear()
    login_user(instructor)
    flash("Your instructor account is ready.")
    return redirect(url_for("live_host.new_game"), code=303)


@bp.get("/sign-in")
def sign_in_form():
    return render_template("accounts/sign_in.html", next=request.args.get("next", ""))


@bp.post("/sign-in")
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT_PER_ACCOUNT"], key_func=_account_key, deduct_when=_failed)
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"], deduct_when=_failed)
def sign_in():
    instructor = authenticate(db.session(), request.form.get("email", ""), request.form.get("password", ""))
    if instructor is None:
        error = "That email and password do not match an account."
        return render_template(
            "accounts/sign_in.html", error=error, email=request.form.get("email", ""), next=request.form.get("next", "")
        ), 400
    # A fresh session on sign-in: nothing set before it (a planted session id, say) carries over.
    session.clear()
    login_user(instructor)
    return redirect(_safe_next(request.form.get("next")), code=303)


@bp.post("/sign-out")
def sign_out():
    logout_user()
    session.clear()
    flash("You are signed out.")
    return redirect(url_for("study.home"), code=303)


@bp.app_context_processor
def _user():
    return {"current_user": current_user}
