"""`flask outbox run|status|retry`: the e-mail worker and its maintenance commands."""
from __future__ import annotations

import logging
import signal
import threading
from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy.exc import OperationalError

from ..extensions import db
from .queue import OutboxError, requeue, status_counts
from .recipients import create_key_files
from .worker import default_worker_id, run_once

log = logging.getLogger(__name__)

outbox_cli = AppGroup(
    "outbox",
    help="Kotak keluar e-mail: kirim pesan yang antre, lihat jumlahnya, kirim ulang yang gagal. "
    "(E-mail outbox: send queued mail, show counts, retry failed messages.)",
)


@outbox_cli.command("run")
@click.option("--once", is_flag=True, help="Kirim satu kelompok lalu berhenti (untuk cron). Send one batch and exit.")
@click.option("--interval", default=10.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Jeda dalam detik bila tidak ada pesan yang jatuh tempo. Seconds to wait when idle.")
@click.option("--batch", default=20, show_default=True, type=click.IntRange(min=1, max=1000),
              help="Jumlah pesan paling banyak per putaran. Messages claimed per round.")
@click.option("--worker-id", default=None, help="Nama pekerja di kolom locked_by (bawaan: host:pid:acak).")
def run_command(once: bool, interval: float, batch: int, worker_id: str | None) -> None:
    """Kirim e-mail yang antre; berjalan terus sampai dihentikan (Ctrl-C / SIGTERM).

    Send queued e-mail in a loop. Several workers, on one or more machines, may run at
    once on PostgreSQL; a worker that is killed mid-send loses nothing.
    """
    worker_id = worker_id or default_worker_id()
    if once:
        _echo_result(run_once(batch=batch, worker_id=worker_id))
        return
    click.echo(f"Pekerja kotak keluar '{worker_id}' berjalan (Ctrl-C untuk berhenti).")
    stop = threading.Event()
    # SIGTERM (systemd, docker stop) finishes the batch in hand, then stops: no lease
    # is left to expire, so nothing is resent as a possible duplicate.
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.is_set():
            try:
                result = run_once(batch=batch, worker_id=worker_id)
            except OperationalError as error:  # database restarting: wait and carry on
                db.session.rollback()
                log.warning("outbox worker: database unavailable (%s)", type(error).__name__)
                result = None
            if result is None or result.claimed < batch:  # a full batch means more may be due
                stop.wait(interval)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    click.echo("Pekerja kotak keluar berhenti.")


def _echo_result(result) -> None:
    click.echo(
        f"Diambil: {result.claimed}, terkirim: {result.sent}, "
        f"dijadwalkan ulang: {result.retried}, gagal: {result.failed}."
    )


@outbox_cli.command("status")
def status_command() -> None:
    """Tampilkan jumlah pesan per status (pending, sending, sent, failed).

    Show the number of messages per status.
    """
    for status, count in status_counts().items():
        click.echo(f"{status.value:8} {count}")


@outbox_cli.command("retry")
@click.argument("message_id", type=int)
def retry_command(message_id: int) -> None:
    """Antrekan ulang pesan yang gagal (ID dari `flask outbox status` atau /admin/email).

    Requeue a failed message with a fresh set of attempts, due now.
    """
    try:
        requeue(message_id)
    except OutboxError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Pesan {message_id} diantrekan ulang.")


@outbox_cli.command("keygen")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def keygen_command(path: Path) -> None:
    """Buat pasangan kunci kotak keluar di PATH (privat, mode 600) dan PATH.pub (publik).

    Create the outbox key pair: reporters' addresses wait sealed to it. Keep PATH outside the
    database and instance/, on the mail worker's host; set GRATIFIKASI_OUTBOX_KEY_FILE=PATH there
    (and GRATIFIKASI_OUTBOX_PUBLIC_KEY_FILE=PATH.pub on a web host without the private half).
    """
    if path.exists():
        raise click.ClickException(f"{path} sudah ada; kunci lama tidak ditimpa.")
    public = create_key_files(path)
    click.echo(f"Kunci privat: {path}\nKunci publik: {public}")
