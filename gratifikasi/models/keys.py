"""Key material stored by the server: only public keys and sealed or wrapped secrets.

Nothing here opens anything without an officer's password (or recovery key) first.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .officer import Officer


class OfficerKey(Model):
    """An officer's HPKE key pair: the private key wrapped under the password and a recovery key."""

    __tablename__ = "officer_key"

    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id", ondelete="CASCADE"), primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    password_wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    recovery_wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # Until the officer confirms they stored the recovery key, they cannot join a ring.
    recovery_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)


class KeyRing(Model):
    """One version of a ring. Rotation adds a version; the old one is retired when done."""

    __tablename__ = "key_ring"
    __table_args__ = (UniqueConstraint("purpose", "version", name="uq_key_ring_purpose_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    # Set when a rotation to a newer version has re-sealed every data key.
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)


class RingMembership(Model):
    """A ring version's private key sealed to one member officer."""

    __tablename__ = "ring_membership"

    ring_id: Mapped[int] = mapped_column(ForeignKey("key_ring.id", ondelete="CASCADE"), primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id", ondelete="CASCADE"), primary_key=True)
    sealed_ring_key: Mapped[bytes] = mapped_column(LargeBinary)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    granted_at: Mapped[datetime] = mapped_column(DateTime)

    ring: Mapped[KeyRing] = relationship()
    officer: Mapped[Officer] = relationship(foreign_keys=[officer_id])


class RecordKey(Model):
    """A record's data key sealed to a ring. Deleting it crypto-shreds the record."""

    __tablename__ = "record_key"
    __table_args__ = (
        UniqueConstraint("record_type", "record_id", "purpose", name="uq_record_key_record"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(String(40))
    ring_id: Mapped[int] = mapped_column(ForeignKey("key_ring.id"), index=True)
    sealed_dek: Mapped[bytes] = mapped_column(LargeBinary)
