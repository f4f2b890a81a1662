"""Instructors: the only accounts. Players have none."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..articles.models import utcnow
from ..db import Base


class Instructor(UserMixin, Base):
    __tablename__ = "instructor"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased, so one address is one account whatever its capitals.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Part of the id kept in the session cookie (see get_id): raising it ends every session the
    # account has, since a cookie's id no longer matches. Raised on sign-out and password change.
    session_version: Mapped[int] = mapped_column(default=1)

    def get_id(self) -> str:
        return f"{self.id}.{self.session_version}"

    def end_sessions(self) -> None:
        """End every session of this account, on every browser; sign in again to get a new one."""
        self.session_version += 1
