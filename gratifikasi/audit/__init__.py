"""Writing to and verifying the hash-chained audit log.

Entries hold who (officer id), what (an action name), on what (type and id) and
categorical details. Never an identity, complaint text or receipt code.
"""
from __future__ import annotations

from collections.abc import Collection, Generator
from typing import Any, cast

from sqlalchemy import Executable, Table, insert, select, text
from sqlalchemy.exc import IntegrityError

from .. import clock
from ..crypto import audit_chain
from ..extensions import db, savepoint
from ..models import AuditEntry

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
    """Append one entry. Details must be categorical (enum values, ids, counts).

    With ``commit=False`` the caller should record last, just before committing: on
    PostgreSQL the chain stays locked from here until the transaction ends. The locked stretch
    is two statements (the lock with the tail read, ``audit_chain_tail()``, and the entry's
    INSERT) and the COMMIT.
    """
    fields = dict(actor_type=actor_type, actor_id=actor_id, action=action, object_type=object_type,
                  object_id=None if object_id is None else str(object_id), details=dict(details))
    if db.engine.dialect.name == "postgresql":
        # The caller's pending rows go out before the lock, so the locked stretch is short:
        # lock and read the tail, insert, commit. Every appender takes the lock: no retry.
        db.session.flush()
        entry = _append(fields, _LOCKED_TAIL)
    else:
        entry = _append_with_retry(fields)
    if commit:
        db.session.commit()
    return entry


def _append_with_retry(fields: dict[str, Any]) -> AuditEntry:
    # SQLite has a single writer; the unique seq column is the backstop if a tail read went stale.
    for attempt in range(MAX_APPEND_ATTEMPTS):
        try:
            with savepoint():
                return _append(fields)
        except IntegrityError:
            if attempt == MAX_APPEND_ATTEMPTS - 1:
                raise
    raise RuntimeError("unreachable")


# Built once (the chain's serial section runs them on every submission): the tail, and a Core
# INSERT, not the session's unit of work, so the entry is written at once, inside the lock.
# PostgreSQL: the chain's advisory lock, then the tail read with a snapshot taken after it, in
# one round trip (migration 0035_audit_chain_tail).
_LOCKED_TAIL = text("SELECT seq, entry_hash FROM audit_chain_tail()")
_TAIL = select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
_INSERT = insert(cast(Table, AuditEntry.__table__))


def _append(fields: dict[str, Any], tail: Executable = _TAIL) -> AuditEntry:
    last = db.session.execute(tail).first()
    entry = AuditEntry(seq=(last.seq + 1) if last else 1, occurred_at=clock.utcnow(), **fields)
    entry.entry_hash = audit_chain.entry_hash(bytes(last.entry_hash) if last else None, entry.chained_content())
    db.session.execute(_INSERT, {"entry_hash": entry.entry_hash, **entry.chained_content()})
    return entry


Row = tuple[int, dict[str, Any], bytes]


def _rows(keep_hashes: Collection[int], into: dict[int, bytes]) -> Generator[Row, None, None]:
    result = db.session.execute(select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=1000))
    try:
        for entry in result.scalars():
            if entry.seq in keep_hashes:
                into[entry.seq] = bytes(entry.entry_hash)
            yield entry.id, entry.chained_content(), bytes(entry.entry_hash)
    finally:
        result.close()  # a server-side cursor on PostgreSQL: release it even when stopped early


def verify_rows(keep_hashes: Collection[int] = (), into: dict[int, bytes] | None = None) -> audit_chain.ChainResult:
    """Walk the chain in insertion order; names the first entry whose link is broken.

    The stored hashes at the sequence numbers in ``keep_hashes`` are put ``into`` the dict
    (meaningful when the chain is intact: then each stored hash is the computed one).
    """
    rows = _rows(keep_hashes, into if into is not None else {})
    try:
        return audit_chain.verify_chain(rows)
    finally:
        rows.close()


def verify() -> audit_chain.ChainResult:
    """The chain on its own (``checkpoints.check`` also compares it with the checkpoints)."""
    return verify_rows()
