"""A recorded SK can be corrected (number or date), with a reason from a fixed list that goes
to the audit log; the decision and the case's status stay as they were."""
from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select

from gratifikasi.cases.queries import case_of_record
from gratifikasi.extensions import db
from gratifikasi.kpk import services
from gratifikasi.models import AuditEntry, GratificationReport
from tests.helpers import login
from tests.kpk.helpers import make_report


def _decided_report(crew, frozen_clock):
    frozen_clock.now = datetime(2026, 5, 4, 3)
    app = crew.app
    with app.test_request_context():
        report_id = make_report()
    client = app.test_client()
    login(client, "upg")
    base = f"/perkara/gratifikasi/{report_id}/kpk"
    forwarded = client.post(f"{base}/teruskan", data={"gol_reference": "GOL-1", "forwarded_on": "2026-03-02"})
    assert forwarded.status_code == 302
    assert client.post(f"{base}/sk", data={"sk_number": "SK-5/2026", "sk_date": "2026-04-01",
                                           "decision": "milik_negara"}).status_code == 302
    return client, base, report_id


def _correct(client, base, **data):
    fields = {"koreksi-sk_number": "SK-15/2026", "koreksi-sk_date": "2026-04-02", "koreksi-reason": "salah_ketik"}
    fields.update({f"koreksi-{k}": v for k, v in data.items()})
    return client.post(f"{base}/sk/koreksi", data=fields)


def test_the_upg_corrects_a_recorded_sk_with_an_audited_reason(upg_crew, frozen_clock):
    client, base, report_id = _decided_report(upg_crew, frozen_clock)
    page = client.get(base).get_data(as_text=True)
    assert "Koreksi SK yang sudah dicatat" in page and 'value="SK-5/2026"' in page

    response = _correct(client, base)
    assert response.status_code == 302
    page = client.get(base).get_data(as_text=True)
    assert "Koreksi SK KPK disimpan" in page and "SK-15/2026" in page and "2 April 2026" in page
    with upg_crew.app.app_context():
        report = db.session.get(GratificationReport, report_id)
        record = services.records(report).decision
        assert (record.sk_number, record.sk_date.isoformat(), record.decision.value) == (
            "SK-15/2026", "2026-04-02", "milik_negara")
        assert case_of_record("gratification_report", report_id).status == "milik_negara"
        entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "kpk.sk_corrected")).scalar_one()
        assert entry.object_id == str(report_id)
        assert entry.details == {"reason": "salah_ketik", "changed": "sk_number,sk_date",
                                 "sk_date_before": "2026-04-01", "sk_date_after": "2026-04-02"}


def test_a_correction_is_refused_beside_the_field_and_changes_nothing(upg_crew, frozen_clock):
    client, base, report_id = _decided_report(upg_crew, frozen_clock)
    no_reason = _correct(client, base, reason="")
    assert no_reason.status_code == 400
    assert re.search(r'id="koreksi-reason-error">Pilih alasan koreksi', no_reason.get_data(as_text=True))
    too_early = _correct(client, base, sk_date="2026-03-01")
    assert too_early.status_code == 400
    assert re.search(r'id="koreksi-sk_date-error">Tanggal SK tidak boleh sebelum', too_early.get_data(as_text=True))
    same = _correct(client, base, sk_number="SK-5/2026", sk_date="2026-04-01")
    assert same.status_code == 400 and "tidak ada yang dikoreksi" in same.get_data(as_text=True)
    future = _correct(client, base, sk_date="2026-06-01")
    assert future.status_code == 400
    with upg_crew.app.app_context():
        record = services.records(db.session.get(GratificationReport, report_id)).decision
        assert (record.sk_number, record.sk_date.isoformat()) == ("SK-5/2026", "2026-04-01")
        assert db.session.execute(select(AuditEntry).where(AuditEntry.action == "kpk.sk_corrected")).first() is None


def test_only_a_recorded_sk_can_be_corrected_and_only_by_the_upg(upg_crew, frozen_clock):
    frozen_clock.now = datetime(2026, 5, 4, 3)
    with upg_crew.app.test_request_context():
        report_id = make_report()
    client = upg_crew.app.test_client()
    login(client, "upg")
    base = f"/perkara/gratifikasi/{report_id}/kpk"
    assert "Koreksi SK yang sudah dicatat" not in client.get(base).get_data(as_text=True)
    response = _correct(client, base)
    assert response.status_code == 400 and "Belum ada SK KPK" in response.get_data(as_text=True)
    irban = upg_crew.app.test_client()
    login(irban, "irban")
    assert _correct(irban, base).status_code in (403, 404)


def test_a_corrected_sk_date_moves_the_hand_over_deadline_of_the_case(upg_crew, frozen_clock):
    """The 7-working-day hand-over counts from the SK's date (reports.steps): correcting that
    date moves the case's due date in the queue the same day."""
    client, base, report_id = _decided_report(upg_crew, frozen_clock)
    with upg_crew.app.app_context():
        before = case_of_record("gratification_report", report_id).due_on
    assert _correct(client, base, sk_date="2026-04-08").status_code == 302
    with upg_crew.app.app_context():
        after = case_of_record("gratification_report", report_id).due_on
    assert after > before
