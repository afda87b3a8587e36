"""Writing to and verifying the hash-chained audit log.

Entries hold who (officer id), what (an action name), on what (type and id) and
categorical details. Never an identity, complaint text or receipt code.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from . import clock
from .crypto import audit_chain
from .extensions import db
from .models import AuditEntry

MAX_APPEND_ATTEMPTS = 5


def record(
    action: str,
    *,
    actor_id: int | None = None,
    actor_type: str = "officer",
    object_type: str | None = None,
    object_id: str | int | None = None,
    commit: bool = True,
    **details: str | int | bool | None,
) -> AuditEntry:
    """Append one entry. Details must be categorical (enum values, ids, counts)."""
    for attempt in range(MAX_APPEND_ATTEMPTS):
        try:
            with db.session.begin_nested():
                _lock_chain()
                last = db.session.execute(
                    select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
                ).first()
                entry = AuditEntry(
                    seq=(last.seq + 1) if last else 1,
                    occurred_at=clock.utcnow(),
                    actor_type=actor_type,
                    actor_id=actor_id,
                    action=action,
                    object_type=object_type,
                    object_id=None if object_id is None else str(object_id),
                    details=dict(details),
                )
                entry.entry_hash = audit_chain.entry_hash(
                    bytes(last.entry_hash) if last else None, entry.chained_content()
                )
                db.session.add(entry)
            if commit:
                db.session.commit()
            return entry
        except IntegrityError:
            # Another writer took this sequence number first: read the new tail and retry.
            if attempt == MAX_APPEND_ATTEMPTS - 1:
                raise
    raise RuntimeError("unreachable")


def _lock_chain() -> None:
    # On PostgreSQL serialise appenders for the rest of the transaction; SQLite has a
    # single writer already. The unique seq column is the backstop either way.
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(727274)"))


def _rows() -> Iterator[tuple[int, dict[str, Any], bytes]]:
    result = db.session.execute(select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=1000))
    try:
        for entry in result.scalars():
            yield entry.id, entry.chained_content(), bytes(entry.entry_hash)
    finally:
        result.close()  # a server-side cursor on PostgreSQL: release it even when stopped early


def verify() -> audit_chain.ChainResult:
    """Walk the chain in insertion order; names the first entry whose link is broken."""
    rows = _rows()
    try:
        return audit_chain.verify_chain(rows)
    finally:
        rows.close()
