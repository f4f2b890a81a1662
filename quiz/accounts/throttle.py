"""Slow down password guessing without letting a stranger lock an instructor out.

Only failed attempts count (a wrong password, or a wrong current password when changing it), in
the rate limiter's storage (Redis when configured, so every process shares them), three ways:

- per address, whatever the account (SIGN_IN_LIMIT_PER_ADDRESS): one machine guessing many
  accounts;
- per account and address (SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS): one machine guessing one
  account. This is the limit a lone guesser meets, and it blocks that machine only;
- per account, whatever the address (SIGN_IN_LIMIT_PER_ACCOUNT): a generous limit against
  guessing from many machines. It is enforced only on addresses that have themselves failed on
  this account, so that once it is reached each new machine gets a single guess, while the owner,
  signing in from an address that has not failed, is never blocked by a stranger.

The address is the client's, as werkzeug's ProxyFix reads it from trusted proxies (see security.py).
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from flask import current_app
from limits import RateLimitItem, parse_many

from ..extensions import client_address, limiter
from .service import normalise_email


def _account(email: str) -> str:
    # Hashed: no address book in Redis keys, and a bounded key whatever was typed.
    return hashlib.sha256(normalise_email(email).encode()).hexdigest()[:32]


def _limits(setting: str) -> list[RateLimitItem]:
    return parse_many(current_app.config[setting])


@dataclass
class Blocked:
    """A refused attempt and when to try again."""

    retry_after: int

    @property
    def message(self) -> str:
        minutes = max(1, math.ceil(self.retry_after / 60))
        wait = "a minute" if minutes == 1 else f"{minutes} minutes"
        return (
            f"Too many failed attempts. Wait {wait} and try again; nothing was changed. "
            "If you have forgotten your password, ask whoever runs this site for a reset link."
        )


class SignInThrottle:
    def __init__(self, email: str) -> None:
        self.account = _account(email)
        self.address = client_address()
        self.by_address = ("sign-in-address", self.address)
        self.by_account_and_address = ("sign-in-account-address", self.account, self.address)
        self.by_account = ("sign-in-account", self.account)

    def _address_has_failed_on_account(self) -> bool:
        return any(
            limiter.limiter.get_window_stats(item, *self.by_account_and_address).remaining < item.amount
            for item in _limits("SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS")
        )

    def check(self) -> Blocked | None:
        """Return why this attempt is refused, or None when it may go ahead."""
        if not limiter.enabled:
            return None
        checks = [
            ("SIGN_IN_LIMIT_PER_ADDRESS", self.by_address),
            ("SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS", self.by_account_and_address),
        ]
        if self._address_has_failed_on_account():
            checks.append(("SIGN_IN_LIMIT_PER_ACCOUNT", self.by_account))
        retry_after = 0
        for setting, identifiers in checks:
            for item in _limits(setting):
                if not limiter.limiter.test(item, *identifiers):
                    reset = limiter.limiter.get_window_stats(item, *identifiers).reset_time
                    retry_after = max(retry_after, math.ceil(reset - time.time()), 1)
        return Blocked(retry_after) if retry_after else None

    def failed(self) -> None:
        """Count a failed attempt against every limit."""
        if not limiter.enabled:
            return
        for setting, identifiers in (
            ("SIGN_IN_LIMIT_PER_ADDRESS", self.by_address),
            ("SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS", self.by_account_and_address),
            ("SIGN_IN_LIMIT_PER_ACCOUNT", self.by_account),
        ):
            for item in _limits(setting):
                limiter.limiter.hit(item, *identifiers)
