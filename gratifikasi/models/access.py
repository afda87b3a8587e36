"""Slow-down for reporter access codes, kept in the database so every worker sees it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, LargeBinary
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model


class AccessThrottle(Model):
    """Failed code attempts per hashed locator and per hashed client (HMAC under the app secret).

    Neither the locator nor the client key is stored in clear, so the table does not tell
    which cases were looked up.
    """

    __tablename__ = "access_throttle"

    key_hash: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(DateTime)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
