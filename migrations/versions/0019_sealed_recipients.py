"""sealed reporter e-mail recipients, sealed recusal reasons, failed-login notice for officers

Revision ID: 0019_sealed_recipients
Revises: 0018_intake_nonce
Create Date: 2026-12-07

Issue 17 items 3 and 5. A copy of the database must name no reporter (threat T1):

- `outbox_message.sealed_recipient`: a reporter's address is stored only sealed to the outbox
  key (outbox/recipients.py, a key file outside the database and instance/), so `to_address`
  becomes nullable and holds officers' addresses only. Reporter messages already queued
  (kind `report-…`) are sealed on upgrade when the outbox key is configured; without it
  their address and body are dropped and they are marked failed with the reason (the
  reporter still sees the status with their code). Sent reporter messages lose the masked
  address and the body that named the report.
- `case_recusal.reason`: why an officer is recused (named in the case, or a declared conflict
  and its kind) is sealed under its own data key to the `case` ring; `basis` and
  `conflict_kind` go. Existing rows are sealed on upgrade with the ring's public key.
- `officer.failed_logins`, `officer.last_failed_login_at`: failed logins since the officer's
  last login, shown to them at their next login.

Downgrade restores the clear columns. Sealed reasons cannot be opened without a ring member's
key: the basis is taken from the audit log (`case.conflict_declared` by that officer on that
case: konflik, kind from the entry if it has one, else `lainnya`; otherwise terlapor).
Sealed recipients are opened with the outbox key when configured, else the message is
marked failed with `***` as its address.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from flask import current_app, has_app_context

from gratifikasi.crypto import fields
from gratifikasi.crypto import rings as ring_crypto
from gratifikasi.crypto.rings import RingPurpose
from gratifikasi.outbox import recipients as outbox_recipients

revision = "0019_sealed_recipients"
down_revision = "0018_intake_nonce"
branch_labels = None
depends_on = None

REPORTER_KINDS = "report-%"
_outbox = sa.table(
    "outbox_message", sa.column("id", sa.Integer), sa.column("kind", sa.String), sa.column("status", sa.String),
    sa.column("to_address", sa.String), sa.column("sealed_recipient", sa.LargeBinary),
    sa.column("body_text", sa.Text), sa.column("body_html", sa.Text), sa.column("last_error", sa.String),
)
_recusal = sa.table(
    "case_recusal", sa.column("case_id", sa.Integer), sa.column("officer_id", sa.Integer),
    sa.column("basis", sa.String), sa.column("conflict_kind", sa.String), sa.column("reason", sa.LargeBinary),
)
_record_key = sa.table(
    "record_key", sa.column("record_type", sa.String), sa.column("record_id", sa.Integer),
    sa.column("purpose", sa.String), sa.column("ring_id", sa.Integer), sa.column("sealed_dek", sa.LargeBinary),
)
_ring = sa.table(
    "key_ring", sa.column("id", sa.Integer), sa.column("purpose", sa.String), sa.column("version", sa.Integer),
    sa.column("public_key", sa.LargeBinary),
)
_audit = sa.table("audit_entry", sa.column("actor_id", sa.Integer), sa.column("action", sa.String),
                  sa.column("details", sa.JSON))


def _recipients():
    """The app's outbox-key functions when `flask db upgrade` runs with a configured key, else None."""
    if not has_app_context() or not current_app.config.get("OUTBOX_KEY_FILE"):
        return None
    return outbox_recipients


def upgrade():
    with op.batch_alter_table("outbox_message") as batch_op:
        batch_op.add_column(sa.Column("sealed_recipient", sa.LargeBinary(), nullable=True))
        batch_op.alter_column("to_address", existing_type=sa.String(length=254), nullable=True)
    with op.batch_alter_table("case_recusal") as batch_op:
        batch_op.add_column(sa.Column("reason", sa.LargeBinary(), nullable=True))
    # Plain ADD COLUMN, never a table copy (see downgrade: the officer table has children).
    op.add_column("officer", sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("officer", sa.Column("last_failed_login_at", sa.DateTime(), nullable=True))
    connection = op.get_bind()
    _seal_queued_reporter_mail(connection)
    _seal_recusal_reasons(connection)
    with op.batch_alter_table("case_recusal") as batch_op:
        batch_op.drop_column("basis")
        batch_op.drop_column("conflict_kind")


def _seal_queued_reporter_mail(connection) -> None:
    recipients = _recipients()
    rows = connection.execute(
        sa.select(_outbox.c.id, _outbox.c.status, _outbox.c.to_address)
        .where(_outbox.c.kind.like(REPORTER_KINDS), _outbox.c.to_address.is_not(None))
    ).all()
    for message_id, status, address in rows:
        values: dict[str, object]
        if status == "sent" or "***" in address:
            values = {"to_address": None, "body_text": "", "body_html": None}
        elif recipients is not None:
            values = {"to_address": None, "sealed_recipient": recipients.seal_recipient(message_id, address)}
        else:
            values = {"to_address": None, "body_text": "", "body_html": None, "status": "failed",
                      "last_error": "reporter address dropped on upgrade: no outbox key configured"}
        connection.execute(sa.update(_outbox).where(_outbox.c.id == message_id).values(**values))


def _seal_recusal_reasons(connection) -> None:
    ring = connection.execute(
        sa.select(_ring.c.id, _ring.c.version, _ring.c.public_key)
        .where(_ring.c.purpose == RingPurpose.CASE.value).order_by(_ring.c.version.desc()).limit(1)
    ).first()
    if ring is None:
        return  # no ring, so no sealed case and no recusal to seal
    rows = connection.execute(sa.select(_recusal.c.case_id, _recusal.c.officer_id, _recusal.c.basis,
                                        _recusal.c.conflict_kind)).all()
    for case_id, officer_id, basis, kind in rows:
        record_type = f"case_recusal.{officer_id}"
        dek = fields.new_data_key()
        reason = basis if not kind else f"{basis}:{kind}"
        sealed_reason = fields.encrypt_field(dek, reason, table=record_type, column="reason", record_id=case_id)
        sealed_dek = ring_crypto.seal_data_key(bytes(ring.public_key), dek, purpose=RingPurpose.CASE,
                                               ring_version=ring.version, record_ref=f"{record_type}:{case_id}")
        connection.execute(sa.insert(_record_key).values(record_type=record_type, record_id=case_id,
                                                         purpose=RingPurpose.CASE.value, ring_id=ring.id,
                                                         sealed_dek=sealed_dek))
        connection.execute(sa.update(_recusal).where(_recusal.c.case_id == case_id, _recusal.c.officer_id == officer_id)
                           .values(reason=sealed_reason))


def downgrade():
    with op.batch_alter_table("case_recusal") as batch_op:
        batch_op.add_column(sa.Column("basis", sa.String(length=20), nullable=False, server_default="terlapor"))
        batch_op.add_column(sa.Column("conflict_kind", sa.String(length=20), nullable=True))
    connection = op.get_bind()
    declared = {}
    for actor_id, details in connection.execute(
        sa.select(_audit.c.actor_id, _audit.c.details).where(_audit.c.action == "case.conflict_declared")
    ).all():
        details = details or {}
        declared[(details.get("case_id"), actor_id)] = details.get("conflict") or "lainnya"
    for (case_id, officer_id), kind in declared.items():
        connection.execute(sa.update(_recusal).where(_recusal.c.case_id == case_id, _recusal.c.officer_id == officer_id)
                           .values(basis="konflik", conflict_kind=kind))
    connection.execute(sa.delete(_record_key).where(_record_key.c.record_type.like("case_recusal.%")))
    with op.batch_alter_table("case_recusal") as batch_op:
        batch_op.drop_column("reason")
        batch_op.alter_column("basis", existing_type=sa.String(length=20), server_default=None)

    recipients = _recipients()
    for message_id, sealed in connection.execute(
        sa.select(_outbox.c.id, _outbox.c.sealed_recipient).where(_outbox.c.sealed_recipient.is_not(None))
    ).all():
        try:
            if recipients is None:
                raise outbox_recipients.OutboxKeyMissing("no outbox key")
            values: dict[str, object] = {"to_address": recipients.open_recipient(message_id, sealed)}
        except Exception:  # noqa: BLE001  no key, or another key's seal: the address is gone
            values = {"to_address": "***", "status": "failed", "last_error": "recipient sealed; lost on downgrade"}
        connection.execute(sa.update(_outbox).where(_outbox.c.id == message_id).values(**values))
    connection.execute(sa.update(_outbox).where(_outbox.c.to_address.is_(None)).values(to_address="***"))
    with op.batch_alter_table("outbox_message") as batch_op:
        batch_op.drop_column("sealed_recipient")
        batch_op.alter_column("to_address", existing_type=sa.String(length=254), nullable=False)
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+), not a batch copy: on SQLite a batch
    # recreates the table, and dropping the old officer table with foreign keys on would
    # cascade to every officer's keys, sessions and ring memberships.
    op.execute("ALTER TABLE officer DROP COLUMN last_failed_login_at")
    op.execute("ALTER TABLE officer DROP COLUMN failed_logins")

