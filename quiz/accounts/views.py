"""Sign-up, sign-in, sign-out, password change and password reset pages."""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from .. import db
from ..extensions import limiter
from .service import (
    AccountError,
    EmailTaken,
    WrongPassword,
    authenticate,
    change_password,
    create_instructor,
    instructor_for_reset_token,
    set_password,
)
from .throttle import SignInThrottle

bp = Blueprint("accounts", __name__, url_prefix="/account")

# The same for a new address and for one that already has an account (see sign_up).
SIGNED_UP = (
    "Sign-up done: now sign in with your email address and the password you chose. "
    "If this address already had an account, its password has not changed."
)


def _safe_next(target: str | None) -> str:
    """Return target when it is a path on this site, else the hosting page."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("live_host.new_game")


def _failed(response) -> bool:
    return response.status_code >= 400


def _sign_in(instructor) -> None:
    # A fresh session on sign-in: nothing set before it (a planted session id, say) carries over.
    session.clear()
    login_user(instructor)


@bp.get("/sign-up")
def sign_up_form():
    return render_template("accounts/sign_up.html", needs_code=bool(current_app.config["INSTRUCTOR_INVITE_CODE"]))


@bp.post("/sign-up")
@limiter.limit(lambda: current_app.config["SIGN_UP_LIMIT_PER_ADDRESS"])
def sign_up():
    """Create an account, then ask to sign in.

    A sign-up for an address that already has an account answers exactly as a new one does (the
    same redirect and message, nobody signed in, the password hashed either way), and changes
    nothing: the page does not tell whether an address has an account. Each sign-up, whatever
    its outcome, counts against SIGN_UP_LIMIT_PER_ADDRESS.
    """
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
            create_instructor(db.session(), email, request.form.get("password", ""))
        except EmailTaken:
            pass
        except AccountError as refused:
            error = str(refused)
    if error:
        return render_template("accounts/sign_up.html", needs_code=needs_code, error=error, email=email), 400
    db.session().commit()
    session.clear()
    flash(SIGNED_UP)
    return redirect(url_for("accounts.sign_in_form"), code=303)


@bp.get("/sign-in")
def sign_in_form():
    return render_template("accounts/sign_in.html", next=request.args.get("next", ""))


@bp.post("/sign-in")
def sign_in():
    email = request.form.get("email", "")
    page = {"email": email, "next": request.form.get("next", "")}
    throttle = SignInThrottle(email)
    blocked = throttle.check()
    if blocked:
        return render_template("accounts/sign_in.html", error=blocked.message, **page), 429, {
            "Retry-After": str(blocked.retry_after)
        }
    instructor = authenticate(db.session(), email, request.form.get("password", ""))
    if instructor is None:
        throttle.failed()
        return render_template("accounts/sign_in.html", error="That email and password do not match an account.", **page), 400
    _sign_in(instructor)
    return redirect(_safe_next(request.form.get("next")), code=303)


@bp.post("/sign-out")
def sign_out():
    """Sign out, ending every session of the account: a copy of this browser's cookie, or another
    browser still signed in, no longer opens anything."""
    if current_user.is_authenticated:
        current_user.end_sessions()
        db.session().commit()
    logout_user()
    session.clear()
    flash("You are signed out.")
    return redirect(url_for("study.home"), code=303)


@bp.get("/password")
@login_required
def password_form():
    return render_template("accounts/password.html")


@bp.post("/password")
@login_required
def password():
    instructor = current_user._get_current_object()
    throttle = SignInThrottle(instructor.email)
    blocked = throttle.check()
    if blocked:
        return render_template("accounts/password.html", error=blocked.message), 429, {"Retry-After": str(blocked.retry_after)}
    error = None
    if request.form.get("password", "") != request.form.get("password_again", ""):
        error = "The two new passwords differ."
    else:
        try:
            change_password(instructor, request.form.get("current_password", ""), request.form.get("password", ""))
        except WrongPassword as wrong:
            throttle.failed()
            error = str(wrong)
        except AccountError as refused:
            error = str(refused)
    if error:
        db.session().rollback()
        return render_template("accounts/password.html", error=error), 400
    db.session().commit()
    # Every other session has ended with the old session version; this browser gets the new one.
    login_user(instructor)
    flash("Your password is changed. Any other browser signed in to your account is now signed out.")
    return redirect(url_for("live_host.new_game"), code=303)


@bp.get("/reset-password")
def reset_password_form():
    # The code travels in the link's fragment (#...), which browsers never send: no server or proxy
    # log holds it. The page's script copies it into the form; without script, it is pasted.
    return render_template("accounts/reset_password.html")


@bp.post("/reset-password")
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"], deduct_when=_failed)
def reset_password():
    instructor = instructor_for_reset_token(db.session(), request.form.get("code", ""))
    if instructor is None:
        error = (
            "This reset code is not right, has expired or has already been used. Nothing was changed. "
            "Ask whoever runs this site for a new link."
        )
        return render_template("accounts/reset_password.html", error=error), 400
    if request.form.get("password", "") != request.form.get("password_again", ""):
        error = "The two passwords differ."
    else:
        try:
            set_password(instructor, request.form.get("password", ""))
            error = None
        except AccountError as refused:
            error = str(refused)
    if error:
        db.session().rollback()
        return render_template("accounts/reset_password.html", error=error, code=request.form.get("code", "")), 400
    db.session().commit()
    logout_user()
    session.clear()
    flash("Your password is changed, and every browser that was signed in to your account is signed out. Sign in with the new password.")
    return redirect(url_for("accounts.sign_in_form"), code=303)


@bp.app_context_processor
def _user():
    return {"current_user": current_user}
