"""`flask keys …`: ring set-up, membership, rotation."""
from __future__ import annotations

from typing import TYPE_CHECKING

import click
from flask.cli import AppGroup

from ..auth.services import find_officer
from ..crypto.rings import RingPurpose
from ..models import Officer
from . import KeyringError, officers, rings
from .defaults import default_rings, grant_default_rings

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar  # the type click.progressbar returns

keys_cli = AppGroup("keys", help="Kunci dan cincin kunci (key rings).")

PURPOSES = [p.value for p in RingPurpose]


def _officer(username: str) -> Officer:
    officer = find_officer(username)
    if officer is None or not officer.is_active:
        raise click.ClickException(f"Petugas aktif '{username}' tidak ditemukan.")
    return officer


def _unlock(officer: Officer) -> bytes:
    """Ask the acting officer's password and open their private key."""
    password = click.prompt(f"Kata sandi {officer.username}", hide_input=True)
    private_key = officers.unlock_with_password(officer, password)
    if private_key is None:
        raise click.ClickException("Kata sandi salah atau petugas belum memiliki kunci.")
    return private_key


@keys_cli.command("init")
@click.option("--admin", "username", required=True,
              help="Admin pertama; menjadi anggota semua cincin untuk menyerahkannya, lalu dicabut.")
def init_command(username: str) -> None:
    """Create the three key rings with the first admin as member.

    If the admin has no key pair yet, one is created and the recovery key printed once.
    The admin only founds the rings: after `flask keys grant-defaults OFFICER --by ADMIN` for
    the first UPG, Inspektorat and custodian officers, take the admin out with
    `flask keys revoke PURPOSE ADMIN --by MEMBER` (admins do not read case content).
    """
    admin = _officer(username)
    if not admin.has_role("admin"):
        raise click.ClickException(f"'{username}' bukan admin.")
    if not officers.has_confirmed_key(admin):
        password = click.prompt(f"Kata sandi {username}", hide_input=True)
        try:
            enrolment = officers.enrol(admin, password)
        except KeyringError as error:
            raise click.ClickException(str(error)) from error
        click.echo("Kunci pemulihan (tulis sekarang, hanya ditampilkan sekali):")
        click.echo(f"    {enrolment.recovery_key_text}")
        if not click.confirm("Sudah Anda simpan di tempat aman?", default=False):
            raise click.ClickException("Dibatalkan: kunci pemulihan belum disimpan. Jalankan lagi.")
        officers.confirm_recovery_stored(admin)
    created = rings.init_rings(admin)
    click.echo(f"Cincin dibuat: {', '.join(r.purpose for r in created) or 'tidak ada (sudah ada semua)'}.")


@keys_cli.command("grant")
@click.argument("purpose", type=click.Choice(PURPOSES))
@click.argument("grantee")
@click.option("--by", "granter", required=True, help="Anggota cincin yang memberikan akses.")
def grant_command(purpose: str, grantee: str, granter: str) -> None:
    """Seal a ring's key to another officer (run by a current member)."""
    by = _officer(granter)
    try:
        rings.grant(RingPurpose(purpose), by, _unlock(by), _officer(grantee))
    except KeyringError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"'{grantee}' kini anggota cincin {purpose}.")


@keys_cli.command("grant-defaults")
@click.argument("grantee")
@click.option("--by", "granter", required=True, help="Anggota cincin yang memberikan akses.")
def grant_defaults_command(grantee: str, granter: str) -> None:
    """Give an officer the rings of its role (UPG: case and gratification-identity;
    Inspektorat: case; custodian: whistleblower-identity; admin and pimpinan: none).

    Only the rings the granter holds are given; the others are named so another member can
    add them.
    """
    by, officer = _officer(granter), _officer(grantee)
    if not default_rings(officer.role):
        click.echo(f"Peran {officer.role.value} tidak memegang cincin kunci secara bawaan.")
        return
    result = grant_default_rings(officer, by, _unlock(by))
    for purpose in result.granted:
        click.echo(f"'{grantee}' kini anggota cincin {purpose.value}.")
    for purpose in result.missing:
        click.echo(f"Cincin {purpose.value} belum diberikan: minta anggotanya menjalankan "
                   f"`flask keys grant {purpose.value} {grantee} --by ANGGOTA`.")
    if result.missing:
        raise SystemExit(1)


class _ProgressBar:
    """A progress callback for a resealing pass: the bar appears at the first report, when the
    total is known, and closes when the pass reaches it."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: ProgressBar[int] | None = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=max(total, 1), label=self.label, show_percent=True, show_pos=True)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done
        if done >= total:
            self.bar.__exit__(None, None, None)


@keys_cli.command("revoke")
@click.argument("purpose", type=click.Choice(PURPOSES))
@click.argument("member")
@click.option("--by", "revoker", required=True, help="Anggota cincin lain yang menjalankan rotasi.")
@click.option("--batch-size", default=500, show_default=True, help="Kunci data per transaksi.")
def revoke_command(purpose: str, member: str, revoker: str, batch_size: int) -> None:
    """Remove a member: rotate the ring and re-seal every data key (resumable)."""
    by = _officer(revoker)
    try:
        result = rings.revoke(
            RingPurpose(purpose), by, _unlock(by), _officer(member),
            progress=_ProgressBar("Menyegel ulang"), batch_size=batch_size,
        )
    except KeyringError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Cincin {purpose} kini versi {result.new_version}; {result.resealed} kunci data disegel ulang.")


@keys_cli.command("resume")
@click.argument("purpose", type=click.Choice(PURPOSES))
@click.option("--by", "officer", required=True, help="Anggota cincin yang melanjutkan rotasi.")
@click.option("--batch-size", default=500, show_default=True, help="Kunci data per transaksi.")
def resume_command(purpose: str, officer: str, batch_size: int) -> None:
    """Finish a ring rotation that was interrupted."""
    by = _officer(officer)
    try:
        result = rings.resume_rotation(
            RingPurpose(purpose), by, _unlock(by), progress=_ProgressBar("Menyegel ulang"), batch_size=batch_size
        )
    except KeyringError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Rotasi selesai: versi {result.new_version}; {result.resealed} kunci data disegel ulang.")


@keys_cli.command("status")
def status_command() -> None:
    """Show each ring: version, members, sealed records, pending rotation."""
    for ring in rings.status():
        version = ring.version if ring.version is not None else "-"
        pending = "  (rotasi tertunda: jalankan `flask keys resume`)" if ring.rotation_pending else ""
        members = ", ".join(ring.members) or "-"
        click.echo(f"{ring.purpose:24} versi {version}  catatan {ring.records}  anggota: {members}{pending}")
