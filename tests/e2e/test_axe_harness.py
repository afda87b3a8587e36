"""The axe-core harness itself: it checks every page a journey loads, and a serious finding
is reported (so a journey that passes has really been checked)."""
from __future__ import annotations

import pytest

from tests.e2e.axe import serious_violations

pytestmark = pytest.mark.e2e


def test_every_loaded_page_is_checked_and_a_serious_violation_is_found(live_server, browser_page):
    base_url, _app = live_server
    page = browser_page
    page.goto(base_url + "/")
    page.goto(base_url + "/transparansi")
    page.check_now()
    assert page.checked_urls == [base_url + "/", base_url + "/transparansi"]
    assert page.findings == []
    # An image without a text alternative is a critical finding.
    page.evaluate("() => { const img = document.createElement('img'); img.src = '/favicon.ico';"
                  " document.querySelector('main').appendChild(img); }")
    assert "image-alt" in {v["id"] for v in serious_violations(page)}
