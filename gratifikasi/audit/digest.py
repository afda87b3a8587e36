"""The checkpoint e-mailed to the custodians (``flask audit checkpoint --email-custodians``).

A second copy of each checkpoint outside the database and the server: once delivered, it sits
in the custodians' mailboxes, where nobody who rewrites the database or the checkpoint file
can reach it. Until the outbox worker sends it, it waits in the database like every e-mail,
so a fast attacker there could drop or alter it: the append-only file stays the anchor.
The message holds sequence numbers and hashes only, never a case, identity or code.
"""
from __future__ import annotations

from sqlalchemy import select

from ..crypto.audit_checkpoint import Checkpoint
from ..extensions import db
from ..models import Officer, Role
from ..outbox.queue import enqueue

KIND = "audit-checkpoint"


def custodian_addresses() -> list[str]:
    emails = db.session.execute(
        select(Officer.email).where(Officer.role == Role.custodian, Officer.disabled_at.is_(None)).order_by(Officer.id)
    ).scalars()
    return [email for email in emails if email]


def queue_digest(checkpoint: Checkpoint, line: str) -> int:
    """Queue the checkpoint to every active custodian with an address (commits); how many."""
    at = checkpoint.at.isoformat(timespec="seconds") + "Z"
    subject = f"Checkpoint log audit: entri {checkpoint.seq} ({at})"
    body = "\n\n".join([
        "Yth. pemegang kunci identitas,",
        f"Kepala rantai log audit pada {at}: entri {checkpoint.seq}, hash {checkpoint.head.hex() or '-'}.",
        "Simpan e-mail ini. Bila kelak `flask audit verify` melaporkan rantai utuh tetapi entri atau "
        "hash ini tidak lagi cocok, log audit telah dipotong atau ditulis ulang.",
        f"Baris checkpoint (dengan HMAC):\n{line}",
    ])
    addresses = custodian_addresses()
    for address in addresses:
        enqueue(address, subject, body, kind=KIND)
    db.session.commit()
    return len(addresses)
