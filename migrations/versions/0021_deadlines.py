"""deadlines: the receipt → UPG deadline kept on each report; years with official calendars

Revision ID: 0021_deadlines
Revises: 0019_sealed_recipients
Create Date: 2026-12-07

Issue 15 items 4 and 5.

`gratification_report.upg_due_on` keeps the receipt → UPG deadline (the tenant's
`receipt_to_upg_hk`, 10 HK by default) as counted when the report was filed, so the dashboard's
"Dilaporkan ke UPG tepat waktu" compares the filing day with the UPG deadline instead of the
30-day KPK limit. Existing reports of accepted gifts get it counted here, with the stored
calendar over the `holidays` package (the same pure calendar the app uses); a report whose
receipt year the calendar cannot count stays NULL and falls back to the old measure.

`calendar_year` records the years whose official SKB dates an administrator entered: those
rows then replace the package's estimate for that year.

The downgrade drops both; nothing else depended on them.
"""
from datetime import date

import sqlalchemy as sa
from alembic import op

# The pure rules module (no Flask, no SQLAlchemy), so the migration counts as the app does.
from gratifikasi.rules.calendar import CalendarEntry, CalendarUnavailable, WorkingDayCalendar

revision = "0021_deadlines"
down_revision = "0019_sealed_recipients"
branch_labels = None
depends_on = None

DEFAULT_RECEIPT_TO_UPG_HK = 10


def upgrade():
    with op.batch_alter_table("gratification_report", schema=None) as batch_op:
        batch_op.add_column(sa.Column("upg_due_on", sa.Date(), nullable=True))
    op.create_table(
        "calendar_year",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("skb_reference", sa.String(length=200), nullable=False),
        sa.Column("confirmed_by_id", sa.Integer(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["confirmed_by_id"], ["officer.id"],
                                name=op.f("fk_calendar_year_confirmed_by_id_officer"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_year")),
        sa.UniqueConstraint("year", name=op.f("uq_calendar_year_year")),
    )
    _backfill()


def _backfill():
    connection = op.get_bind()
    reports = connection.execute(sa.text(
        "SELECT id, tanggal_penerimaan FROM gratification_report WHERE jenis_laporan = 'penerimaan'"
    )).all()
    if not reports:
        return
    hk = connection.execute(sa.text("SELECT value FROM setting WHERE key = 'receipt_to_upg_hk'")).scalar()
    hk = int(hk) if hk is not None else DEFAULT_RECEIPT_TO_UPG_HK
    entries = [
        CalendarEntry(_as_date(day), name, kind)
        for day, name, kind in connection.execute(sa.text("SELECT day, name, kind FROM calendar_day"))
    ]
    calendar = WorkingDayCalendar.from_entries(entries)
    update = sa.text("UPDATE gratification_report SET upg_due_on = :due WHERE id = :id")
    for report_id, received in reports:
        try:
            due = calendar.add_working_days(_as_date(received), hk)
        except CalendarUnavailable:
            continue
        connection.execute(update, {"due": due, "id": report_id})


def _as_date(value):
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def downgrade():
    op.drop_table("calendar_year")
    with op.batch_alter_table("gratification_report", schema=None) as batch_op:
        batch_op.drop_column("upg_due_on")
