"""`flask calendar …`: the working-day calendar (holidays, cuti bersama, substitute working days)."""
from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from .. import clock
from ..auth.services import find_officer
from ..models import Officer, Role
from . import service as cal

calendar_cli = AppGroup("calendar", help="Kalender hari kerja: hari libur, cuti bersama, hari kerja pengganti.")

_year_option = click.option(
    "--year", "year", type=click.IntRange(cal.MIN_YEAR, cal.MAX_YEAR), default=None,
    help="Tahun (bawaan: tahun ini).",
)
by_option = click.option("--by", "by_admin", default=None, help="Nama pengguna admin yang dicatat sebagai pengubah.")


def admin_named(username: str | None) -> Officer | None:
    if username is None:
        return None
    officer = find_officer(username)
    if officer is None or not officer.has_role(Role.admin) or not officer.is_active:
        raise click.ClickException(f"'{username}' bukan admin aktif.")
    return officer


@calendar_cli.command("seed")
@_year_option
@by_option
def seed_command(year: int | None, by_admin: str | None) -> None:
    """Store the national holidays and cuti bersama of a year from the holidays package.

    Dates that already have an entry (an admin's decision) are left unchanged.
    """
    year = year or clock.utcnow().year
    result = cal.seed_calendar(year, admin_named(by_admin))
    click.echo(f"Tahun {year}: {result.created} tanggal disimpan, {result.skipped} sudah ada (tidak diubah).")


@calendar_cli.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@by_option
def import_command(csv_file: Path, by_admin: str | None) -> None:
    """Import days from a CSV with columns tanggal,nama,jenis (all rows or none)."""
    try:
        result = cal.import_calendar_csv(csv_file.read_text(encoding="utf-8-sig"), admin_named(by_admin))
    except UnicodeDecodeError:
        raise click.ClickException("Berkas harus teks UTF-8.") from None
    except cal.CalendarError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Tanggal baru: {result.created}, diperbarui: {result.updated}.")


@calendar_cli.command("list")
@_year_option
def list_command(year: int | None) -> None:
    """List the days off and working-day overrides of a year, with their source."""
    year = year or clock.utcnow().year
    days = cal.year_listing(year)
    for day in days:
        click.echo(f"{day.day.isoformat()}  {day.kind:12} {day.source:8} {day.name}")
    click.echo(f"{len(days)} tanggal pada {year}.")


@calendar_cli.command("check")
@click.option("--days", "warn_days", type=click.IntRange(0, 366), default=cal.WARN_DAYS, show_default=True,
              help="Peringatkan tahun berikutnya sejak sekian hari sebelum tahun itu mulai.")
def check_command(warn_days: int) -> None:
    """Exit 1 when this year, or next year from --days before it starts, has no confirmed calendar.

    Deadlines counted through such a year are estimates (the holidays package guesses Islamic
    dates ahead and has no cuti bersama for later years). Enter the year's official SKB dates on
    /admin/kalender to replace the estimate. Meant for a daily cron job.
    """
    today = clock.local_today()
    missing = cal.years_to_confirm(today, warn_days)
    if not missing:
        click.echo(f"Kalender {today.year} sudah sesuai SKB resmi.")
        return
    for state in missing:
        what = "tidak ada data sama sekali" if not state.available else "masih perkiraan"
        click.echo(f"PERINGATAN: kalender hari kerja tahun {state.year} {what}; batas waktu yang melewati "
                   f"tahun itu ditandai perkiraan. Isi tanggal resmi SKB 3 Menteri di /admin/kalender.", err=True)
    raise SystemExit(1)
