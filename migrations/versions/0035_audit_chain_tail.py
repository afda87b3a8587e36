"""The audit chain's tail under its lock in one round trip: audit_chain_tail() (PostgreSQL)

Revision ID: 0035_audit_chain_tail
Revises: 0034_reference_generation
Create Date: 2026-12-07

Every append to the hash-chained audit log takes the chain's advisory lock, reads the last
entry and inserts the next; the lock is held until COMMIT, so this is the one serial section
every submission passes (issue 14 §3). The lock and the read were two statements: they cannot
be one plain statement, because a statement reads with the snapshot taken when it starts, before
the lock is granted, and would miss the entry the previous holder just committed. A PL/pgSQL
function can: each statement inside it takes a fresh snapshot, so its read, after the lock,
sees every entry committed before. The serial section is now this call, the INSERT and COMMIT.
Nothing on SQLite (one writer at a time; the unique seq is the guard there).
"""
from alembic import op


revision = "0035_audit_chain_tail"
down_revision = "0034_reference_generation"
branch_labels = None
depends_on = None

def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    # 727274: the audit chain's advisory lock key.
    op.execute("""
        CREATE FUNCTION audit_chain_tail() RETURNS TABLE (seq integer, entry_hash bytea)
        LANGUAGE plpgsql VOLATILE AS $$
        BEGIN
            PERFORM pg_advisory_xact_lock(727274);
            RETURN QUERY SELECT a.seq, a.entry_hash FROM audit_entry a ORDER BY a.seq DESC LIMIT 1;
        END
        $$
    """)


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP FUNCTION audit_chain_tail()")
