"""The agency dashboards fit a 390 px phone screen: no horizontal scrolling of the document
(wide tables scroll inside their own box). Measured in Chromium at 390 px."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import log_in
from tests.e2e.test_integrity_journey import seed_pimpinan_and_a_unit

pytestmark = pytest.mark.e2e

PHONE_WIDTH = 390


def _document_width(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


def test_integrity_dashboards_fit_a_390_px_phone(live_server, browser_page):
    base_url, app = live_server
    year, unit_id = seed_pimpinan_and_a_unit(app, "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu")
    page = browser_page
    assert page.viewport_size["width"] == PHONE_WIDTH
    log_in(page, base_url, "walikota")
    widths = {}
    for path in (f"/integritas/?periode={year}", f"/integritas/unit/{unit_id}?periode={year}",
                 f"/integritas/perkara?jenis=gratifikasi&ukuran=semua&periode={year}",
                 f"/integritas/lke/{unit_id}/{year}", "/integritas/bukti", "/transparansi"):
        page.goto(base_url + path)
        widths[path] = _document_width(page)
    assert all(width <= PHONE_WIDTH for width in widths.values()), widths

