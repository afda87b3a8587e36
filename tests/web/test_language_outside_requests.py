"""Services run from the CLI and the workers too (no request): the language they use then is
the default, Indonesian, instead of an error from reading a request's language cookie."""
from __future__ import annotations

from gratifikasi.i18n import translate
from gratifikasi.rules.text import Text


def test_translation_outside_a_request_is_indonesian_not_an_error(app):
    message = Text("Laporan gratifikasi %(nomor)s: %(status)s", {"nomor": "GRT-2026-000001", "status": "Diterima"})
    with app.app_context():
        assert translate(message) == "Laporan gratifikasi GRT-2026-000001: Diterima"
        assert translate("Seluruh instansi") == "Seluruh instansi"


def test_a_request_still_gets_the_visitors_language(app):
    with app.test_request_context("/", headers={"Cookie": "bahasa=en"}):
        assert translate("Seluruh instansi") != "Seluruh instansi"
