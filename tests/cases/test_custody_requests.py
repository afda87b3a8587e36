"""/kustodian/: the custodian decides with context, and the note reaches the requester
(issue 16 item 4)."""
from __future__ import annotations

from sqlalchemy import select

from gratifikasi.extensions import db
from gratifikasi.i18n import tanggal
from gratifikasi.models import IdentityRequest, RequestStatus
from tests.cases.conftest import submit_complaint
from tests.helpers import login

REASON = "Saksi kunci perlu dimintai keterangan resmi untuk pemeriksaan."
NOTE = "Disetujui hanya untuk pemanggilan saksi; jangan disalin ke berkas lain."


def _request_identity(app, case_id: int):
    officer = app.test_client()
    login(officer, "irban")
    assert officer.post(f"/perkara/{case_id}/identitas/permintaan", data={"reason": REASON}).status_code == 302
    return officer


def test_custodian_sees_case_number_kind_requester_reason_and_date(app, world):
    case, _code = submit_complaint(app, identitas="beri", pelapor_nama="Penandanama Whistleblower",
                                   pelapor_kontak="0812 0000 1111")
    _request_identity(app, case.id)
    custodian = app.test_client()
    login(custodian, "kustodian")
    page = custodian.get("/kustodian/").get_data(as_text=True)
    assert case.tracking_number in page
    assert "Pengaduan / WBS" in page
    assert "Petugas irban (Inspektorat Daerah)" in page
    assert REASON in page
    with app.test_request_context():
        requested_at = db.session.execute(select(IdentityRequest.requested_at)).scalar_one()
        assert tanggal(requested_at, "short") in page
    assert "Menunggu keputusan kustodian" in page
    assert ">pending<" not in page and "complaint #" not in page
    assert "Penandanama" not in page  # the identity itself stays sealed


def test_decision_and_note_reach_the_requesting_officer_in_indonesian(app, world):
    case, _code = submit_complaint(app, identitas="beri", pelapor_nama="Penandanama Whistleblower",
                                   pelapor_kontak="0812 0000 1111")
    officer = _request_identity(app, case.id)
    with app.app_context():
        request_id = db.session.execute(select(IdentityRequest.id)).scalar_one()
    custodian = app.test_client()
    login(custodian, "kustodian")
    response = custodian.post(f"/kustodian/{request_id}", data={"note": NOTE, "refuse": "1"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(IdentityRequest, request_id).status is RequestStatus.refused
    decided = custodian.get("/kustodian/").get_data(as_text=True)
    assert "Ditolak" in decided and NOTE in decided and case.tracking_number in decided
    page = officer.get(f"/perkara/{case.id}").get_data(as_text=True)
    assert "Ditolak" in page and NOTE in page
    assert "refused" not in page
