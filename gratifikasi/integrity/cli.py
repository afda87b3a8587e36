"""`flask integrity …`: maintenance of the dashboard totals."""
from __future__ import annotations

import time

import click
from flask.cli import AppGroup

from .. import audit
from ..extensions import db
from .totals import catch_up, rebuild

integrity_cli = AppGroup("integrity", help="Skor integritas (integrity score dashboards).")


@integrity_cli.command("refresh-totals")
def refresh_totals_command() -> None:
    """Recount the dashboard totals of every month from the case tables.

    Every change made through the app marks its month and the dashboard recounts marked
    months when read, so this is needed only after cases were loaded or changed outside the
    app (an import, a restore, SQL by hand) or to make the months counted before an upgrade
    fast. Until a month is counted the dashboard reads it from the case tables: the numbers
    are the same, only slower. Safe to run while the app serves (one transaction; a change
    committed meanwhile stays marked and is counted at the next read).
    """
    started = time.perf_counter()
    slices = rebuild()
    audit.record("integrity.totals_refreshed", actor_type="system", commit=False, slices=slices)
    db.session.commit()
    click.echo(f"Total dasbor dihitung ulang untuk {slices} bulan (laporan gratifikasi dan pengaduan "
               f"dihitung terpisah) dalam {time.perf_counter() - started:.1f} detik.")


@integrity_cli.command("catch-up")
def catch_up_command() -> None:
    """Count the months changed since the dashboard last read them (optional, for cron).

    Every change made through the app marks its month, and the dashboard recounts marked
    months when it is opened; the first reader after new cases waits for that recount (about
    a tenth of a second per month at a million cases). Run this every few minutes from cron
    to do the recount beforehand. Nothing is lost without it.
    """
    started = time.perf_counter()
    slices = catch_up()
    db.session.commit()
    click.echo(f"{slices} bulan dihitung ulang dalam {time.perf_counter() - started:.1f} detik.")
