"""Per-tenant settings changed by an administrator (keys and limits: settings_registry.py)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model


class Setting(Model):
    """One stored value; a key without a row has its registry default."""

    __tablename__ = "setting"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    # JSON so later settings may hold more than integers without a schema change.
    value: Mapped[Any] = mapped_column(JSON)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    def __repr__(self) -> str:
        return f"<Setting {self.key}={self.value!r}>"


class ReferenceGeneration(Model):
    """One row whose number changes with every change to reference data (settings.cache).

    Units, officers, key rings, routing rules, calendar days and settings are cached per
    process; a worker compares this number, read once per transaction, with the number its
    cache was built at, so an administrator's change in any worker is seen by every worker.
    """

    __tablename__ = "reference_generation"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
