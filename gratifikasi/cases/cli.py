"""`flask cases …`: the daily deadline reminder and the closing of reports not completed in
time (both run from cron once a day)."""
from __future__ import annotations

from datetime import date

import click
from flask.cli import AppGroup

from .lapsed import close_lapsed_completions
from .reminders import send_reminders

cases_cli = AppGroup("cases", help="Perkara UPG dan Inspektorat (case workspace).")


@cases_cli.command("remind")
@click.option("--date", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Hitung untuk tanggal ini (YYYY-MM-DD); bawaan: hari ini di Asia/Jakarta.")
@click.option("--base-url", default=None,
              help="Alamat situs untuk tautan di e-mail; bawaan: pengaturan BASE_URL (variabel GRATIFIKASI_BASE_URL).")
@click.option("--force", is_flag=True, help="Kirim lagi walau pengingat hari ini sudah diantrekan.")
def remind_command(on, base_url: str | None, force: bool) -> None:
    """Queue deadline reminders for due-soon and overdue cases.

    Recomputes the due dates of open cases (settings and calendar may have changed), then
    queues one e-mail per handling officer and per head of a handling unit with the number
    of overdue and due-soon cases and a link to the queue. No case number, content or
    identity is ever put in the e-mail. Run once a day from cron; `flask outbox run` sends.
    """
    day: date | None = on.date() if on is not None else None
    result = send_reminders(day, force=force, base_url=base_url)
    if result.already_sent_today:
        click.echo("Pengingat untuk hari ini sudah diantrekan; tidak dikirim lagi (pakai --force).")
        return
    click.echo(
        f"Tenggat diperbarui: {result.refreshed}; perkara segera/terlambat: {result.cases}; "
        f"e-mail diantrekan: {result.sent}; petugas tanpa e-mail: {result.without_email}."
    )


@cases_cli.command("tutup-tidak-dilengkapi")
@click.option("--date", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Tutup per tanggal ini (YYYY-MM-DD); bawaan: hari ini di Asia/Jakarta.")
def close_lapsed_command(on) -> None:
    """Close returned reports whose completion deadline has passed ("tidak dilengkapi").

    A gratification report the UPG returned for completion and that the reporter did not
    complete by its deadline (PerKPK 1/2026 Ps. 9: 20 working days from the date of the report;
    2019 rules: 30 from receipt) is closed as not followed up, by the system, with a case
    history entry and an audit entry; never before the deadline. Safe to run more than once a
    day (a closed report is not closed again). Run daily from cron, after midnight.
    """
    day: date | None = on.date() if on is not None else None
    result = close_lapsed_completions(day)
    click.echo(
        f"Tanggal {result.day.isoformat()}: menunggu kelengkapan {result.waiting}; "
        f"ditutup tidak dilengkapi: {len(result.closed)}."
    )
