"""Error pages in the site's look, never a stack trace."""
from __future__ import annotations

import logging
import traceback

from flask import Flask, current_app, g, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from ..extensions import db

log = logging.getLogger(__name__)

ERROR_TEXT = {
    400: (_l("Permintaan tidak valid"), _l("Permintaan Anda tidak dapat diproses. Periksa isian lalu coba lagi.")),
    403: (_l("Akses ditolak"), _l("Anda tidak memiliki izin untuk membuka halaman ini.")),
    404: (_l("Halaman tidak ditemukan"), _l("Alamat yang Anda buka tidak ada atau sudah dipindahkan.")),
    405: (_l("Metode tidak diizinkan"), _l("Halaman ini tidak menerima permintaan seperti itu.")),
    413: (_l("Berkas terlalu besar"), _l("Ukuran kiriman melebihi batas yang diizinkan.")),
    429: (_l("Terlalu banyak permintaan"), _l("Tunggu sebentar lalu coba lagi.")),
    # A failure may come after the record was committed (issue 18 item 4): never claim that
    # nothing was sent; say how to see the receipt without filing twice.
    500: (_l("Terjadi kesalahan"), _l("Terjadi kesalahan pada sistem.")),
    503: (_l("Layanan sedang tidak tersedia"),
          _l("Basis data sedang tidak dapat dihubungi. Silakan coba lagi beberapa saat lagi.")),
}
# Error pages after which a reporter may not know whether a form was stored.
SUBMISSION_ADVICE_CODES = (500, 503)
RETRY_AFTER_SECONDS = 30


def render_error(code: int, detail: str | None = None) -> tuple[str, int]:
    title, message = ERROR_TEXT.get(code, ERROR_TEXT[500])
    return render_template("errors/error.html", code=code, title=str(title), message=detail or str(message),
                           submission_advice=code in SUBMISSION_ADVICE_CODES), code


def _too_large_text() -> str:
    config = current_app.config
    return _(
        "Ukuran kiriman melebihi batas: paling banyak %(files)d berkas, masing-masing paling besar "
        "%(mb)d MB. Kurangi jumlah atau ukuran lampiran lalu kirim kembali.",
        files=config["UPLOAD_MAX_FILES"], mb=config["UPLOAD_MAX_FILE_BYTES"] // (1024 * 1024),
    )


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError) -> tuple[str, int]:
        return render_error(
            400, _("Formulir kedaluwarsa atau tidak sah. Muat ulang halaman lalu kirim kembali.")
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
        code = error.code or 500
        if code < 400:
            return error
        if code == 413:
            return render_error(413, _too_large_text())
        return render_error(code if code in ERROR_TEXT else 400)

    @app.errorhandler(OperationalError)
    def database_unavailable(error: OperationalError) -> tuple[str, int, dict[str, str]]:
        # The database is down or restarting (connection refused, closed mid-transaction):
        # 503, and the reporter is told how to find a form that may have been stored.
        log.error("database unavailable: %s", type(error.orig).__name__ if error.orig is not None else "?")
        try:
            db.session.rollback()
        except OperationalError:
            pass
        # The page is drawn as for a visitor: loading the officer would ask the database again.
        g._login_user = current_app.login_manager.anonymous_user()  # type: ignore[attr-defined]
        page, code = render_error(503)
        return page, code, {"Retry-After": str(RETRY_AFTER_SECONDS)}

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> tuple[str, int]:
        # Log the exception type and where it happened, never its message or the request:
        # both may hold a reporter's text.
        frames = traceback.extract_tb(error.__traceback__)
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
        log.error("unhandled %s at %s", type(error).__name__, where)
        return render_error(500)
