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
