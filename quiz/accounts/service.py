"""Create and authenticate instructors, change and reset passwords.

Passwords are hashed with werkzeug's scrypt and must pass zxcvbn's strength estimate.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn

from .models import Instructor

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
# zxcvbn's score from 0 to 4; 3 is "safely unguessable": about 10^8 guesses or more.
MIN_PASSWORD_SCORE = 3
# No control characters either: "a@example.com\x00x" is no address, and would look like one.
_EMAIL = re.compile(r"^[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f]+\.[^@\s\x00-\x1f\x7f]+$")
# Checked against when the address is unknown, so that a wrong address costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")


class AccountError(ValueError):
    """A sign-up or password that cannot be accepted; the message says why."""


class EmailTaken(AccountError):
    """A sign-up for an address that already has an account."""


class WrongPassword(AccountError):
    """The current password, given to change it, is wrong."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def check_new_credentials(email: str, password: str) -> str:
    """Return the normalised email, or raise AccountError saying what is wrong."""
    email = normalise_email(email)
    if not _EMAIL.match(email) or len(email) > 254:
        raise AccountError("Enter an email address such as name@school.org.")
    check_password_strength(password, email)
    return email


def check_password_strength(password: str, email: str) -> None:
    """Raise AccountError saying what is wrong with a new password: its length, or that it is easy
    to guess (zxcvbn's estimate, which knows common passwords, words, names, keyboard patterns,
    repeats, dates and the account's own address)."""
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise AccountError(f"Use a password of {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters.")
    estimate = zxcvbn(
        password, user_inputs=[email, email.partition("@")[0], "evidence quiz"], max_length=MAX_PASSWORD_LENGTH
    )
    if estimate["score"] < MIN_PASSWORD_SCORE:
        feedback = estimate["feedback"]
        advice = [feedback["warning"]] if feedback["warning"] else []
        advice += feedback["suggestions"] or ["Add another word or two. Uncommon words are better."]
        raise AccountError("That password is too easy to guess. " + " ".join(advice))


def _hash(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def create_instructor(session: Session, email: str, password: str) -> Instructor:
    email = check_new_credentials(email, password)
    instructor = Instructor(email=email, password_hash=_hash(password))
    session.add(instructor)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise EmailTaken("There is already an account for that email address.") from None
    return instructor


def authenticate(session: Session, email: str, password: str) -> Instructor | None:
    instructor = session.scalar(select(Instructor).where(Instructor.email == normalise_email(email)))
    if instructor is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(instructor.password_hash, password):
        return None
    return instructor


def set_password(instructor: Instructor, password: str) -> None:
    """Give the instructor a new password and end every session the account has."""
    check_password_strength(password, instructor.email)
    instructor.password_hash = _hash(password)
    instructor.end_sessions()


def change_password(instructor: Instructor, current: str, new: str) -> None:
    """Change a signed-in instructor's password, which needs the current one."""
    if not check_password_hash(instructor.password_hash, current):
        raise WrongPassword("Your current password is not right. Nothing was changed.")
    set_password(instructor, new)


# Password reset: a signed, timed token naming the account and a fingerprint of its password hash.
# Setting a password changes the hash, so a token works once, and none outlives a password change.


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="quiz.password-reset")


def _fingerprint(instructor: Instructor) -> str:
    return hashlib.sha256(instructor.password_hash.encode()).hexdigest()[:20]


def password_reset_token(instructor: Instructor) -> str:
    return _reset_serializer().dumps([instructor.id, _fingerprint(instructor)])


def instructor_for_reset_token(session: Session, token: str) -> Instructor | None:
    """The account a reset token is for, or None when the token is wrong, expired or used."""
    try:
        account, fingerprint = _reset_serializer().loads(
            token.strip(), max_age=current_app.config["PASSWORD_RESET_SECONDS"]
        )
    except (BadSignature, ValueError, TypeError):
        return None
    if not isinstance(account, int) or isinstance(account, bool) or not 0 < account < 2**63:
        return None
    instructor = session.get(Instructor, account)
    if instructor is None or not isinstance(fingerprint, str):
        return None
    if not hmac.compare_digest(fingerprint.encode(), _fingerprint(instructor).encode()):
        return None
    return instructor
