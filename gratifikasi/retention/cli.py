"""`flask retention …`: crypto-shred closed records whose retention period has passed."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from .. import clock
from ..models.case import CaseKind
from . import service

retention_cli = AppGroup("retention", help="Retensi arsip: pemusnahan kripto (retention and crypto-shredding).")

_KIND_LABELS = {CaseKind.gratifikasi.record_type: "laporan gratifikasi", CaseKind.pengaduan.record_type: "pengaduan"}


@retention_cli.command(
    "run", short_help="Musnahkan catatan tertutup yang lewat masa retensi (crypto-shred records past retention).")
@click.option("--dry-run", is_flag=True,
              help="Hanya tampilkan yang akan dimusnahkan; tidak ada yang diubah (list only, change nothing).")
def run_command(dry_run: bool) -> None:
    """Musnahkan kunci data laporan dan pengaduan yang sudah ditutup lewat masa retensinya
    (crypto-shred closed records past their retention period).

    Masa retensi per status penutupan: bawaan 5 tahun untuk "selesai" dan "penolakan_dicatat",
    2 tahun untuk "tidak_ditindaklanjuti" dan "tidak_dapat_ditindaklanjuti"; diubah lewat
    RETENTION_DAYS di konfigurasi (None: disimpan selamanya). Setiap catatan yang dimusnahkan
    dicatat sekali di log audit; yang sudah dimusnahkan tidak diproses lagi, jadi aman
    dijalankan harian dari cron (safe to run daily: idempotent).
    """
    periods = service.retention_periods(current_app.config.get("RETENTION_DAYS"))
    result = service.run(periods, clock.utcnow(), dry_run=dry_run)
    if dry_run:
        for record in result.due:
            click.echo(f"{record.tracking_number:20} {_KIND_LABELS.get(record.record_type, record.record_type):20} "
                       f"{record.status:28} ditutup {record.closed_at:%Y-%m-%d}, "
                       f"jatuh tempo {record.due_at:%Y-%m-%d}")
        click.echo(f"{len(result.due)} catatan akan dimusnahkan (uji coba: tidak ada yang diubah).")
        return
    per_kind = ", ".join(f"{_KIND_LABELS.get(kind, kind)} {n}" for kind, n in sorted(result.shredded.items()))
    click.echo(f"{result.total_shredded} catatan dimusnahkan" + (f" ({per_kind})" if per_kind else "")
               + f"; {result.keys_removed} kunci data dihapus.")
