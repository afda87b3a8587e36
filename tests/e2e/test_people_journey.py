"""An admin creates an officer on the admin page; the officer logs in, enrols TOTP and keys,
and sees the case assigned to them (issue 16 items 2 and 3). The officer header names the
officer and unit and stays on one line per row at 1280 px."""
from __future__ import annotations

import pytest

from gratifikasi import clock
from gratifikasi.auth import totp
from gratifikasi.auth.services import find_officer
from gratifikasi.cases import services as case_services
from tests.cases.conftest import SECRET_TEXT, build_world, submit_report_with_code
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "pohon-mangga-di-halaman-balai-kota"


def _header_lines(page) -> dict[str, int]:
    """How many visual lines the header's top row and the officer menu take (1 each = no wrap)."""
    return page.evaluate("""() => {
        const lines = (items) => new Set(items.map(e => Math.round(e.getBoundingClientRect().top))).size;
        const row = [...document.querySelectorAll('.header-row > *')];
        const rowLines = row.some(a => row.some(b => a.getBoundingClientRect().bottom <= b.getBoundingClientRect().top))
            ? 2 : 1;
        return {row: rowLines, menu: lines([...document.querySelectorAll('.officer-nav li')]),
                account: Math.round(document.querySelector('.account-name').getBoundingClientRect().height)};
    }""")


def test_admin_creates_an_officer_who_enrols_and_sees_an_assigned_case(live_server, browser_page):
    base_url, app = live_server
    world = build_world(app)
    case, number, _code = submit_report_with_code(app)
    admin = browser_page
    admin.set_viewport_size({"width": 1280, "height": 900})
    log_in(admin, base_url, "admin")

    # The header names the officer and the unit, on one line, and the menu does not wrap.
    assert admin.get_by_test_id("account-name").inner_text() == "Petugas admin · Inspektorat Daerah"
    lines = _header_lines(admin)
    assert lines["row"] == 1 and lines["menu"] == 1, lines
    single_line = lines["account"]

    admin.get_by_role("link", name="Petugas", exact=True).click()
    admin.get_by_role("link", name="Tambah petugas").click()
    admin.get_by_label("Nama pengguna").fill("rina")
    admin.get_by_label("Nama lengkap").fill("Rina Kartika Sari")
    admin.get_by_label("Peran").select_option(label="Petugas UPG")
    admin.get_by_label("Unit").select_option(label="Inspektorat Daerah")
    admin.get_by_label("E-mail").fill("rina@pasuruankota.go.id")
    admin.get_by_role("button", name="Buat akun").click()
    temporary = admin.get_by_test_id("temporary-password").inner_text()
    assert "rina" not in admin.url and temporary not in admin.url

    # The new officer's first login: temporary password, authenticator, new password, keys.
    officer = admin.context.browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID").new_page()
    officer.goto(base_url + "/masuk")
    officer.get_by_label("Nama pengguna").fill("rina")
    officer.get_by_label("Kata sandi").fill(temporary)
    officer.get_by_role("button", name="Lanjut").click()
    officer.wait_for_url("**/masuk/daftar-autentikator")
    secret = officer.locator(".secret-key").inner_text().replace(" ", "")
    officer.get_by_label("Kode dari aplikasi autentikator").fill(totp.code_at(secret, clock.utcnow()))
    officer.get_by_role("button", name="Konfirmasi dan masuk").click()
    officer.wait_for_url("**/akun/kata-sandi")
    officer.get_by_label("Kata sandi saat ini").fill(temporary)
    officer.get_by_label("Kata sandi baru", exact=True).fill(NEW_PASSWORD)
    officer.get_by_label("Ulangi kata sandi baru").fill(NEW_PASSWORD)
    officer.get_by_role("button", name="Simpan kata sandi").click()
    officer.wait_for_url("**/akun/kunci")
    officer.get_by_label("Kata sandi").fill(NEW_PASSWORD)
    officer.get_by_role("button", name="Buat kunci pribadi").click()
    assert officer.get_by_test_id("recovery-key").inner_text()
    officer.get_by_role("checkbox").check()
    officer.get_by_role("button", name="Selesai").click()
    officer.wait_for_url("**/beranda")

    # The admin grants the rings the UPG role needs, with the admin's own key.
    admin.goto(base_url + "/admin/petugas")
    admin.get_by_role("link", name="rina").click()
    admin.get_by_role("button", name="Berikan cincin kunci").click()
    assert admin.get_by_test_id("officer-rings").inner_text() == "Isi perkara, Identitas pelapor gratifikasi"

    with app.app_context():
        case_services.assign(world.officer("upg"), world.key("upg"), case.id, find_officer("rina").id,
                             "Petugas baru menangani laporan dari OPD ini.")

    # The ring membership counts at once: the officer's unlocked key opens the ring's key.
    officer.goto(base_url + "/beranda")
    assert officer.get_by_test_id("account-name").inner_text() == "Rina Kartika Sari · Inspektorat Daerah"
    assert officer.get_by_test_id("account-name").bounding_box()["height"] == single_line
    assert officer.get_by_test_id("summary-awaiting").inner_text().startswith("1 ")
    officer.get_by_test_id("summary-awaiting").click()
    officer.get_by_role("link", name=number).click()
    assert officer.get_by_role("heading", name=f"Perkara {number}").is_visible()
    assert SECRET_TEXT in officer.locator("section[aria-labelledby=data-laporan]").inner_text()

    # On a phone the header and the work summary fit the screen (no sideways scrolling).
    officer.set_viewport_size({"width": 390, "height": 844})
    officer.goto(base_url + "/beranda")
    assert officer.evaluate("document.documentElement.scrollWidth") <= 390
    admin.set_viewport_size({"width": 390, "height": 844})
    for path in ("/admin/petugas", "/admin/petugas/baru", "/admin/unit", admin.url.replace(base_url, "")):
        admin.goto(base_url + path)
        assert admin.evaluate("document.documentElement.scrollWidth") <= 390, path
