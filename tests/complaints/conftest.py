"""Fixtures for complaint tests: the key crew (rings initialised) and form helpers."""
from __future__ import annotations

import io

from tests.keyring.conftest import crew  # noqa: F401

VALID_FORM = {
    "kategori": "suap_pemerasan",
    "apa": "Petugas loket meminta uang pelicin untuk mempercepat izin usaha saya.",
    "terlapor_nama": "Budi Santoso",
    "terlapor_jabatan": "Petugas loket perizinan",
    "terlapor_opd": "",
    "di_mana": "Loket 3, Mal Pelayanan Publik",
    "tanggal_kejadian": "2026-02-10",
    "kapan": "sekitar pukul 10 pagi",
    "mengapa": "Biaya izin seharusnya gratis menurut perda.",
    "bagaimana": "Uang diminta lewat perantara di parkiran.",
    "berapa_nilai": "Rp 1.500.000",
    "berapa": "satu kali",
    "identitas": "anonim",
    "itikad_baik": "y",
}


def form_data(**overrides):
    data = dict(VALID_FORM)
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def start(client) -> None:
    response = client.post("/pengaduan/mulai")
    assert response.status_code == 302


def grant_case_ring(team, username: str = "irban") -> None:
    """The Inspektorat officer joins the case ring (admin is a member of every ring)."""
    from gratifikasi.crypto.rings import RingPurpose
    from gratifikasi.keyring import rings

    with team.app.app_context():
        rings.grant(RingPurpose.CASE, team.officer("admin"), team.key("admin"), team.officer(username))


def submit(client, **overrides):
    """Start, post the form, read the code from the receipt, confirm it was saved."""
    import re

    start(client)
    response = client.post("/pengaduan/formulir", data=form_data(**overrides), content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    page = client.get("/pengaduan/tanda-terima").get_data(as_text=True)
    match = re.search(r'<p class="secret-key receipt-code" id="kode-rahasia">([A-Z0-9-]+)</p>', page)
    assert match, page
    confirm = client.post("/pengaduan/tanda-terima", data={"disimpan": "y"})
    assert confirm.status_code == 302
    return match.group(1)


def latest_complaint(app):
    from sqlalchemy import select

    from gratifikasi.extensions import db
    from gratifikasi.models import Complaint

    with app.app_context():
        complaint = db.session.execute(select(Complaint).order_by(Complaint.id.desc())).scalars().first()
        db.session.expunge_all()
        return complaint


# -- the officer side goes through the case workspace (one screen, one access rule) ----------


def case_id_of(complaint_id: int) -> int:
    """Inside an app context: the case file of a complaint."""
    from gratifikasi.cases.queries import case_of_record

    return case_of_record("complaint", complaint_id).id


def officer_view(team, complaint_id: int, username: str = "irban"):
    """Inside an app context: the complaint's case page as the officer sees it (CaseNotFound
    when the case rule hides it)."""
    from gratifikasi.cases.page import case_view

    return case_view(team.officer(username), team.key(username), case_id_of(complaint_id))


def officer_asks(team, complaint_id: int, text: str, username: str = "irban"):
    """Inside an app context: the officer posts a question to the reporter's mailbox."""
    from gratifikasi.cases.services import post_message

    return post_message(team.officer(username), team.key(username), case_id_of(complaint_id), text)


def visible_complaint_ids(team, username: str = "irban") -> list[int]:
    """Inside an app context: the complaints in the officer's queue (every scope)."""
    from gratifikasi import clock
    from gratifikasi.cases.queries import QueueFilters, queue_page

    today = clock.local_today()
    page = queue_page(team.officer(username), QueueFilters(scope="semua"), today=today, soon_until=today)
    return [case.record_id for case in page.rows if case.record_type == "complaint"]
