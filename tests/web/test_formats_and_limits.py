"""Indonesian formats for money and dates, and the 429 page."""
from __future__ import annotations

from datetime import date, datetime

from tests.conftest import make_app


def test_rupiah_and_dates_in_indonesian_format(app):
    from gratifikasi.i18n import rupiah, tanggal

    with app.test_request_context():
        assert rupiah(1500000) == "Rp1.500.000"
        assert rupiah(0) == "Rp0"
        assert rupiah(None) == "–"
        assert tanggal(date(2026, 8, 17), "long") == "17 Agustus 2026"
        # One style (issue 16): long dates; stored times are UTC, shown in WIB (UTC+7).
        assert tanggal(datetime(2026, 12, 31, 20, 30), "short") == "1 Januari 2027 pukul 03.30 WIB"
        assert tanggal(date(2026, 8, 17)) == tanggal(date(2026, 8, 17), "short") == "17 Agustus 2026"
        assert tanggal(date(2026, 8, 17), "full") == "Senin, 17 Agustus 2026"
    with app.test_request_context(headers={"Cookie": "bahasa=en"}):
        assert tanggal(datetime(2026, 12, 31, 20, 30)) == "1 January 2027, 03:30 WIB"


def test_rate_limited_login_shows_the_429_page(tmp_path):
    app = make_app(tmp_path, RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="2 per minute")
    client = app.test_client()
    for _ in range(2):
        assert client.post("/masuk", data={"username": "x", "password": "y"}).status_code == 200
    limited = client.post("/masuk", data={"username": "x", "password": "y"})
    assert limited.status_code == 429
    html = limited.get_data(as_text=True)
    assert "Terlalu banyak permintaan" in html and 'class="site-header"' in html


def test_public_submissions_are_rate_limited_per_client(tmp_path):
    """Both public forms stop a client at the configured limit (a 429 page, nothing stored)."""
    app = make_app(tmp_path, RATELIMIT_ENABLED=True, PUBLIC_SUBMIT_RATE_LIMIT="2 per hour")
    client = app.test_client()
    for path in ("/laporan-gratifikasi", "/pengaduan/formulir"):
        statuses = [client.post(path, data={}).status_code for _ in range(3)]
        assert statuses[:2] != [429, 429] and statuses[2] == 429, (path, statuses)
