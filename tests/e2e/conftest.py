"""Browser journeys in Debian's chromium, driven by Playwright (no downloaded browsers)."""
from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import make_app, requirement_missing
from tests.e2e.axe import AxeCheckedPage, axe_script

CHROMIUM = os.environ.get("GRATIFIKASI_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[tuple[str, object]]:
    app = make_app(tmp_path, SESSION_COOKIE_SECURE=False)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", app
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def browser_page(tmp_path: Path) -> Iterator[object]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        requirement_missing(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        requirement_missing("playwright is not installed")
    axe_script()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
        page = context.new_page()
        checked = AxeCheckedPage(page)
        try:
            yield checked
            checked.check_now()
            if checked.findings:
                pytest.fail("axe-core: serious or critical violations\n" + "\n".join(checked.findings))
        finally:
            if os.environ.get("GRATIFIKASI_E2E_SCREENSHOTS"):
                out = Path(os.environ["GRATIFIKASI_E2E_SCREENSHOTS"])
                out.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out / "last.png"), full_page=True)
            context.close()
            browser.close()


def log_in(page, base_url: str, username: str) -> None:
    """Password then TOTP code, as an officer does; ends on the officer's home page."""
    from tests.helpers import PASSWORD, current_code

    page.goto(base_url + "/masuk")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Lanjut").click()
    page.wait_for_url("**/masuk/kode")
    page.get_by_label("Kode dari aplikasi autentikator").fill(current_code())
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url("**/beranda")
