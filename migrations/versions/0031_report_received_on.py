"""One name for the day a record reached the agency: gratification_report.tanggal_lapor -> received_on

Revision ID: 0031_report_received_on
Revises: 0030_status_in_case_file
Create Date: 2026-12-07

A complaint and every case file call the day the agency received the record `received_on`;
a gratification report called the same day (the UPG's receipt, Asia/Jakarta) `tanggal_lapor`.
One concept, one name. Not to be confused with `tanggal_penerimaan`, the day the reporter
received the gift. The dashboard indexes on the column follow it.
"""
from alembic import op
import sqlalchemy as sa


revision = "0031_report_received_on"
down_revision = "0030_status_in_case_file"
branch_labels = None
depends_on = None


def _rename(old, new):
    with op.batch_alter_table("gratification_report") as batch:
        batch.alter_column(old, new_column_name=new, existing_type=sa.Date(), existing_nullable=False)


def upgrade():
    _rename("tanggal_lapor", "received_on")


def downgrade():
    _rename("received_on", "tanggal_lapor")
