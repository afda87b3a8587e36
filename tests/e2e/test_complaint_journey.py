"""A citizen files an anonymous complaint with a photo on a phone, JavaScript off; an officer
asks a question; the citizen comes back with the receipt code and answers."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from gratifikasi.auth.services import find_officer
from gratifikasi.cases.page import case_view
from gratifikasi.cases.queries import case_of_record
from gratifikasi.cases.services import post_message
from gratifikasi.crypto.rings import RingPurpose
from gratifikasi.extensions import db
from gratifikasi.keyring import officers as key_officers
from gratifikasi.keyring import rings
from gratifikasi.models import Complaint, Role
from tests.helpers import PASSWORD, make_officer
from tests.uploads import samples

pytestmark = pytest.mark.e2e

def _shot(page, name: str) -> None:
    if os.environ.get("GRATIFIKASI_E2E_SCREENSHOTS"):
        out = Path(os.environ["GRATIFIKASI_E2E_SCREENSHOTS"])
        out.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out / f"complaint-{name}.png"), full_page=True)


PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "id-ID", "java_script_enabled": False}


def _key(username: str) -> bytes:
    key = key_officers.unlock_with_password(find_officer(username), PASSWORD)
    assert key is not None
    return key


def test_anonymous_complaint_and_mailbox_without_javascript(live_server, browser_page, tmp_path):
    base_url, app = live_server
    app.config["WTF_CSRF_ENABLED"] = True  # the real forms, tokens and all
    make_officer(app, "admin", Role.admin)
    make_officer(app, "irban", Role.inspektorat)
    with app.app_context():
        rings.init_rings(find_officer("admin"))
        rings.grant(RingPurpose.CASE, find_officer("admin"), _key("admin"), find_officer("irban"))
    photo = tmp_path / "bukti-foto.jpg"
    photo.write_bytes(samples.jpeg_with_gps())
    browser = browser_page.context.browser

    # 1. File the complaint.
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(base_url + "/pengaduan/")
    assert page.get_by_role("heading", name="Pengaduan dan whistleblowing (WBS)").is_visible()
    assert context.cookies() == []  # the explanation page sets no cookie
    page.get_by_role("button", name="Mulai mengisi pengaduan").click()
    page.wait_for_url("**/pengaduan/formulir")
    page.get_by_label("Jenis pelanggaran").select_option("suap_pemerasan")
    page.get_by_label("Apa yang terjadi?").fill("Petugas loket meminta uang pelicin untuk izin usaha saya.")
    page.get_by_label("Siapa yang Anda laporkan? (nama)").fill("Budi Santoso")
    page.get_by_label("Di mana kejadiannya?").fill("Loket 3 Mal Pelayanan Publik")
    page.get_by_label("Berapa perkiraan nilai atau kerugian? (Rp)").fill("1.500.000")
    page.get_by_label("Bukti pendukung (foto, dokumen, rekaman)").set_input_files(str(photo))
    assert page.get_by_label("Tanpa identitas (anonim)").is_checked()  # anonymous by default
    page.get_by_label("Saya menyampaikan pengaduan ini dengan itikad baik", exact=False).check()
    _shot(page, "form")
    page.get_by_role("button", name="Kirim pengaduan").click()

    page.wait_for_url("**/pengaduan/tanda-terima")
    code = page.locator("#kode-rahasia").inner_text().strip()
    assert len(code.replace("-", "")) == 28
    assert code not in page.url
    _shot(page, "receipt")
    page.get_by_label("Saya sudah menyimpannya").check()
    page.get_by_role("button", name="Lanjut").click()
    page.wait_for_url("**/pengaduan/terkirim")
    context.close()

    # 2. An officer asks a question.
    with app.app_context():
        complaint = db.session.execute(db.select(Complaint)).scalar_one()
        assert complaint.flag_kpk_aph is False and complaint.identity_given is False
        view = case_view(find_officer("irban"), _key("irban"), case_of_record("complaint", complaint.id).id)
        assert [a.filename for a in view.attachments] == ["bukti-foto.jpg"]
        post_message(find_officer("irban"), _key("irban"), view.case.id, "Apakah ada saksi lain saat uang diminta?")
        complaint_id = complaint.id

    # 3. The citizen comes back another day in a fresh browser and answers.
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(base_url + "/pengaduan/")
    page.get_by_role("link", name="Buka kotak komunikasi rahasia").click()
    page.wait_for_url("**/pengaduan/kotak")
    page.get_by_label("Kode rahasia").fill(code.lower())
    page.get_by_role("button", name="Buka").click()
    page.wait_for_url("**/pengaduan/kotak/pesan")
    assert page.get_by_text("Apakah ada saksi lain saat uang diminta?").is_visible()
    assert page.locator(".status").inner_text() == "Diterima"
    page.get_by_label("Pesan atau jawaban Anda").fill("Ada, rekan saya juga dimintai uang.")
    page.get_by_role("button", name="Kirim", exact=True).click()
    page.wait_for_url("**/pengaduan/kotak/pesan")
    assert page.get_by_text("Pesan Anda terkirim kepada petugas.").is_visible()
    assert page.get_by_text("Ada, rekan saya juga dimintai uang.").is_visible()
    _shot(page, "mailbox")
    page.get_by_role("button", name="Tutup kotak komunikasi").click()
    page.wait_for_url("**/pengaduan/")
    context.close()

    with app.app_context():
        case = case_view(find_officer("irban"), _key("irban"), case_of_record("complaint", complaint_id).id)
        assert [m.text for m in case.messages] == [
            "Apakah ada saksi lain saat uang diminta?",
            "Ada, rekan saya juga dimintai uang.",
        ]
