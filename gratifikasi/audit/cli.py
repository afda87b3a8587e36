"""`flask audit …`: write a checkpoint of the chain's head, verify the chain against them.

Settings (``instance/config.py`` or ``GRATIFIKASI_*`` env vars):

- ``AUDIT_CHECKPOINT_FILE``: the append-only checkpoint file. Set it to a path on another
  volume or host that the database's users cannot rewrite (made append-only with
  ``chattr +a``, or a mounted WORM store). Unset, ``instance/audit-checkpoints.log`` is used,
  which is weaker: whoever can rewrite ``instance/`` can also rewrite the checkpoints.
- ``AUDIT_CHECKPOINT_KEY_FILE``: the HMAC key (hex, mode 600, created on first checkpoint).
  Unset, ``instance/audit-checkpoint.key``. Never in the database.
"""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from . import checkpoints, digest

audit_cli = AppGroup("audit", help="Log audit berantai hash (hash-chained audit log).")

DEFAULT_FILE = "audit-checkpoints.log"
DEFAULT_KEY_FILE = "audit-checkpoint.key"


def _paths() -> tuple[Path, Path]:
    instance = Path(current_app.instance_path)
    configured = current_app.config.get("AUDIT_CHECKPOINT_FILE")
    if not configured:
        click.echo(f"Peringatan: AUDIT_CHECKPOINT_FILE belum diatur; memakai {instance / DEFAULT_FILE}. Siapa pun "
                   "yang dapat mengubah instance/ dapat mengubah checkpoint. Atur ke berkas append-only di volume "
                   "lain (README, Deployment).", err=True)
    key_file = current_app.config.get("AUDIT_CHECKPOINT_KEY_FILE") or instance / DEFAULT_KEY_FILE
    return Path(configured or instance / DEFAULT_FILE), Path(key_file)


def _chain_problem(result) -> str:
    return (f"Rantai audit RUSAK pada entri id={result.first_broken_id}: {result.reason} "
            f"({result.checked} entri sebelumnya utuh).")


@audit_cli.command("checkpoint")
@click.option("--email-custodians", is_flag=True,
              help="Kirim juga checkpoint ke e-mail para pemegang kunci identitas (lewat outbox).")
def checkpoint_command(email_custodians: bool) -> None:
    """Append the chain's head (sequence, hash, time; HMAC) to the checkpoint file.

    Run it from cron (e.g. hourly) and after maintenance. Verifies first: a broken chain or
    a failing checkpoint is reported (exit status 1) and nothing is written.
    """
    path, key_path = _paths()
    try:
        written = checkpoints.write(path, key_path)
    except checkpoints.CheckpointSetupError as error:
        raise click.ClickException(str(error)) from error
    if written.checkpoint is None:
        _report(checkpoints.check(path, key_path))
        click.echo("Checkpoint TIDAK ditulis.")
        raise SystemExit(1)
    click.echo(f"Checkpoint ditulis ke {path}: entri {written.checkpoint.seq}, "
               f"hash {written.checkpoint.head.hex()[:16]}….")
    if email_custodians:
        sent = digest.queue_digest(written.checkpoint, written.line)
        click.echo(f"Checkpoint diantrekan ke {sent} pemegang kunci identitas." if sent else
                   "Peringatan: tidak ada pemegang kunci identitas aktif dengan alamat e-mail.")


@audit_cli.command("verify")
@click.option("--require-checkpoint", is_flag=True, help="Gagal (status 1) bila belum ada checkpoint.")
def verify_command(require_checkpoint: bool) -> None:
    """Walk the hash chain and compare it with every checkpoint.

    Reports the first broken entry, entries cut off the end (truncation), a rewrite with
    recomputed hashes and forged checkpoint lines; exit status 1 if any is found.
    """
    path, key_path = _paths()
    try:
        report = checkpoints.check(path, key_path)
    except checkpoints.CheckpointSetupError as error:
        raise click.ClickException(str(error)) from error
    _report(report)
    if not report.ok or (require_checkpoint and report.anchor is None):
        raise SystemExit(1)


def _report(report: checkpoints.Report) -> None:
    for number, reason in report.bad_lines:
        click.echo(f"Checkpoint PALSU atau rusak di baris {number}: {reason}.")
    if not report.chain.ok:
        click.echo(_chain_problem(report.chain))
        return
    click.echo(f"Rantai audit utuh: {report.chain.checked} entri diperiksa.")
    anchor = report.anchor
    if anchor is None:
        click.echo("Belum ada checkpoint: pemotongan entri terbaru atau penulisan ulang rantai tidak dapat "
                   "dideteksi. Jalankan `flask audit checkpoint` terjadwal.")
    elif anchor.ok:
        assert anchor.checkpoint is not None
        click.echo(f"Cocok dengan checkpoint terakhir (entri {anchor.checkpoint.seq}, "
                   f"{anchor.checkpoint.at.isoformat(timespec='seconds')}Z).")
    elif anchor.reason and anchor.reason.startswith("truncated"):
        click.echo(f"Rantai audit TERPOTONG: {anchor.reason}.")
    else:
        click.echo(f"Rantai audit DITULIS ULANG: {anchor.reason}.")
