"""Admin and maintenance commands: `flask officers …`, `flask units …`, `flask demo …`."""
from __future__ import annotations

import time
from contextlib import nullcontext
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from . import clock, demo
from .admin import services
from .audit.cli import audit_cli
from .auth import sessions, totp
from .calendar.cli import calendar_cli
from .cases.cli import cases_cli
from .demo import guard, sample
from .extensions import db
from .intake import browser_access, idempotency
from .integrity.cli import integrity_cli
from .keyring.cli import keys_cli
from .models import ROLES, Role, Unit
from .outbox.cli import outbox_cli
from .retention.cli import retention_cli
from .settings.cli import settings_cli

officers_cli = AppGroup("officers", help="Kelola akun petugas (officer accounts).")
units_cli = AppGroup("units", help="Kelola unit/OPD (agency units).")
demo_cli = AppGroup("demo", help="Data demo Pemerintah Kota Pasuruan (jangan dipakai di produksi).")
sessions_cli = AppGroup("sessions", help="Sesi petugas (officer sessions).")


def _fail(error: Exception) -> None:
    raise click.ClickException(str(error))


@officers_cli.command("create")
@click.argument("username")
@click.option("--name", "full_name", required=True, help="Nama lengkap petugas.")
@click.option("--role", type=click.Choice(ROLES), required=True, help="Peran petugas.")
@click.option("--unit", "unit_code", required=True, help="Kode unit asal (lihat `flask units list`).")
@click.option("--email", default=None, help="Alamat e-mail untuk notifikasi.")
@click.option("--nip", default=None, help="NIP 18 angka (untuk pencocokan konflik kepentingan).")
@click.option("--set-password", is_flag=True, help="Ketik kata sandi sekarang; tanpa ini dibuat kata sandi sementara.")
def create_officer_command(
    username: str, full_name: str, role: str, unit_code: str, email: str | None, nip: str | None, set_password: bool
) -> None:
    """Create an officer account. The officer enrols TOTP at first login."""
    password = click.prompt("Kata sandi", hide_input=True, confirmation_prompt=True) if set_password else None
    try:
        officer, temporary = services.create_officer(
            username=username, full_name=full_name, role=Role(role), unit_code=unit_code,
            password=password, email=email, nip=nip,
        )
    except services.AdminError as error:
        _fail(error)
        return
    click.echo(f"Petugas '{officer.username}' ({role}) dibuat.")
    if temporary:
        click.echo(f"Kata sandi sementara (sampaikan langsung, hanya ditampilkan sekali): {temporary}")


@officers_cli.command("disable")
@click.argument("username")
def disable_officer_command(username: str) -> None:
    """Disable an officer account and end all of its sessions."""
    try:
        services.disable_officer(username)
    except services.AdminError as error:
        _fail(error)
    click.echo(f"Akun '{username}' dinonaktifkan; semua sesinya diakhiri.")


@officers_cli.command("reset-password")
@click.argument("username")
@click.option("--by", "by_admin", required=True, help="Nama pengguna admin yang melakukan reset.")
@click.option("--reset-totp", is_flag=True, help="Juga minta petugas mendaftarkan ulang autentikator.")
def reset_password_command(username: str, by_admin: str, reset_totp: bool) -> None:
    """Set a temporary password (an admin's action); the officer must change it at login."""
    try:
        password = services.reset_password(username, by_admin=by_admin, reset_totp=reset_totp)
    except services.AdminError as error:
        _fail(error)
        return
    click.echo(f"Kata sandi sementara untuk '{username}' (hanya ditampilkan sekali): {password}")


@officers_cli.command("enable")
@click.argument("username")
def enable_officer_command(username: str) -> None:
    """Re-enable a disabled officer account."""
    try:
        services.enable_officer(username)
    except services.AdminError as error:
        _fail(error)
    click.echo(f"Akun '{username}' diaktifkan kembali.")


@officers_cli.command("change")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True, help="Peran baru (atau yang sama).")
@click.option("--unit", "unit_code", required=True, help="Kode unit baru (atau yang sama).")
def change_officer_command(username: str, role: str, unit_code: str) -> None:
    """Change an officer's role or unit; their sessions end. Ring memberships are not changed:
    grant or revoke them with `flask keys`."""
    try:
        services.change_officer(username, role=Role(role), unit_id=services.unit_by_code(unit_code).id)
    except services.AdminError as error:
        _fail(error)
    click.echo(f"Petugas '{username}': peran {role}, unit {unit_code.upper()}.")


@officers_cli.command("reset-totp")
@click.argument("username")
def reset_totp_command(username: str) -> None:
    """Forget an officer's authenticator; they enrol a new one at their next login."""
    try:
        services.reset_totp(username)
    except services.AdminError as error:
        _fail(error)
    click.echo(f"Autentikator '{username}' direset; sesinya diakhiri.")


@units_cli.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_units_command(csv_file: Path) -> None:
    """Import or update units from a CSV with columns kode,nama,jenis."""
    try:
        result = services.import_units_csv(csv_file.read_text(encoding="utf-8-sig"))
    except (services.AdminError, UnicodeDecodeError) as error:
        _fail(error)
        return
    click.echo(f"Unit baru: {result.created}, diperbarui: {result.updated}.")


@units_cli.command("list")
def list_units_command() -> None:
    """List units with their codes."""
    for unit in db.session.execute(select(Unit).order_by(Unit.code)).scalars():
        click.echo(f"{unit.code:20} {unit.kind.value:12} {unit.name}")


@demo_cli.command("seed")
@click.option("--if-empty", is_flag=True, help="Hanya jika belum ada petugas sama sekali.")
@click.option("--sample-data/--no-sample-data", default=True, show_default=True,
              help="Isi juga contoh data setahun (laporan, pengaduan, bukti integritas). Also seed a sample year.")
def demo_seed_command(if_empty: bool, sample_data: bool) -> None:
    """Create the demo agency (Kota Pasuruan units), one demo officer per role, the key rings and,
    on a fresh database, a year of fictional sample reports, complaints and evidence."""
    if if_empty and not demo.is_empty():
        click.echo("Basis data sudah berisi petugas; data demo tidak ditambahkan.")
        return
    others = demo.other_officers()
    if others:
        raise click.ClickException(
            f"Basis data berisi petugas yang bukan akun demo ({', '.join(others[:5])}); data demo tidak "
            "ditambahkan, karena akun demo memakai kata sandi yang diketahui umum."
        )
    started = time.perf_counter()
    with_sample = sample_data and demo.is_empty()
    # With a sample year the agency is set up at its start, so every record reads in time order.
    with clock.moved_to(sample.year_start()) if with_sample else nullcontext():
        created = demo.seed()
    click.echo(f"Data demo siap: {len(created)} petugas demo baru.")
    if created and with_sample:
        summary = sample.seed_year(demo.DEMO_PASSWORD)
        click.echo(
            f"Contoh setahun: {summary.reports} laporan gratifikasi, {summary.complaints} pengaduan, "
            f"{summary.evidence} bukti integritas ({summary.steps} langkah, {time.perf_counter() - started:.1f} s)."
        )
    guard.recheck()


@demo_cli.command("logins")
def demo_logins_command() -> None:
    """Print the demo logins (user name, password, TOTP secret)."""
    for officer in demo.DEMO_OFFICERS:
        click.echo(f"  {officer.role.value:12} {officer.username:10} kata sandi: {officer.password:26} "
                   f"TOTP: {officer.totp_secret}")


@demo_cli.command("totp")
@click.argument("username")
def demo_totp_command(username: str) -> None:
    """Print the current TOTP code of a demo officer (demo only)."""
    match = next((o for o in demo.DEMO_OFFICERS if o.username == username), None)
    if match is None:
        _fail(click.ClickException(f"'{username}' bukan petugas demo."))
        return
    click.echo(totp.code_at(match.totp_secret, clock.utcnow()))


@sessions_cli.command("purge")
def purge_sessions_command() -> None:
    """Delete expired and idle officer sessions, reporters' expired browser access and the
    nonces of forms sent over a day ago (run from cron)."""
    click.echo(f"Sesi dihapus: {sessions.purge_expired()}")
    click.echo(f"Akses pelapor kedaluwarsa dihapus: {browser_access.purge_expired()}")
    click.echo(f"Penanda formulir lama dihapus: {idempotency.purge_old()}")


def init_app(app: Flask) -> None:
    for group in (officers_cli, units_cli, demo_cli, sessions_cli, outbox_cli, keys_cli, audit_cli, calendar_cli,
                  settings_cli, cases_cli, integrity_cli, retention_cli):
        app.cli.add_command(group)
