"""case files for every report and complaint still without one

Revision ID: 0017_case_backfill
Revises: 0015_browser_access
Create Date: 2026-12-07

Until now `0010_cases` created the case index empty, so a database upgraded from a release
before the case workspace kept its reports and complaints out of the officers' queue and off
the case pages (the records were intact; reporters still opened them with their codes).
`0010_cases` now fills the index; this revision does the same for databases already upgraded
past it, and for records loaded outside the app: every report and complaint without a case
file gets one, as intake would have opened it (`gratifikasi.cases.backfill`). If any was
added, the stored dashboard totals are dropped so those months are counted again with the new
cases (read from the case tables until `flask integrity refresh-totals` or the next change).

The downgrade removes the case files this revision added (their history entries carry
`diajukan:0017_case_backfill`), with their history and recusals, unless an officer has
worked on one since (an assignment, a note, a declared conflict or a further transition): that work is kept.
"""
import sqlalchemy as sa
from alembic import op

from gratifikasi.cases.backfill import backfill_action, backfill_case_files

revision = "0017_case_backfill"
down_revision = "0015_browser_access"
branch_labels = None
depends_on = None

TOTALS = ("integrity_status_total", "integrity_category_total", "integrity_duration_total", "integrity_total_month")


def _uncount():
    for table in TOTALS:
        # Accepted bandit B608 (bare nosec): table names from the fixed TOTALS tuple.
        op.execute(f"DELETE FROM {table}")  # nosec


def upgrade():
    if backfill_case_files(op.get_bind(), revision):
        _uncount()


def downgrade():
    added = sa.text(
        "SELECT e.case_id FROM case_event e WHERE e.action = :mark AND NOT EXISTS "
        "(SELECT 1 FROM case_event o WHERE o.case_id = e.case_id AND o.action <> :mark) AND NOT EXISTS "
        "(SELECT 1 FROM case_assignment a WHERE a.case_id = e.case_id) AND NOT EXISTS "
        "(SELECT 1 FROM case_note n WHERE n.case_id = e.case_id) AND NOT EXISTS "
        "(SELECT 1 FROM case_recusal r WHERE r.case_id = e.case_id AND r.basis <> 'terlapor')"
    )
    conn = op.get_bind()
    case_ids = sorted(set(conn.execute(added, {"mark": backfill_action(revision)}).scalars()))
    if not case_ids:
        return
    for table, column in (("case_event", "case_id"), ("case_recusal", "case_id"), ("case_file", "id")):
        # Accepted bandit B608 (bare nosec): table and column names from the fixed tuple above.
        conn.execute(sa.text(f"DELETE FROM {table} WHERE {column} IN :ids")  # nosec
                     .bindparams(sa.bindparam("ids", expanding=True)), {"ids": case_ids})
    _uncount()
