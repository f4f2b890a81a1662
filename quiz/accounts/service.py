"""Create and authenticate instructors; passwords are hashed with werkzeug's scrypt."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from .models import Instructor

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Checked against when the address is unknown, so that a wrong address costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")


class AccountError(ValueError):
    """A sign-up that cannot be accepted; the message says why."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def check_new_credentials(email: str, password: str) -> str:
    """Return the normalised email, or raise AccountError saying what is wrong."""
    email = normalise_email(email)
    if not _EMAIL.match(email) or len(email) > 254:
        raise AccountError("Enter an email address such as name@school.org.")
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise AccountError(f"Use a password of {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters.")
    return email


def create_instructor(session: Session, email: str, password: str) -> Instructor:
    email = check_new_credentials(email, password)
    instructor = Instructor(email=email, password_hash=generate_password_hash(password, method="scrypt"))
    session.add(instructor)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise AccountError("There is already an account for that email address.") from None
    return instructor


def authenticate(session: Session, email: str, password: str) -> Instructor | None:
    instructor = session.scalar(select(Instructor).where(Instructor.email == normalise_email(email)))
    if instructor is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(instructor.password_hash, password):
        return None
    return instructor
