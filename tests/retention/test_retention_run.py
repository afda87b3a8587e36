"""`flask retention run`: closed records past their retention period are crypto-shredded
(every copy of their data keys deleted, one audit entry each), others are left alone, a dry
run changes nothing and a second run finds nothing to do.

Records are submitted through the intake services (sealed with real keys) and closed in the
case index, which is what retention reads. Clock frozen at 2026-03-02 01:00 UTC.
"""
from __future__ import annotations

import io
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from gratifikasi import audit
from gratifikasi.cases.recusals import RECORD_TYPE as RECUSAL_TYPE
from gratifikasi.cases.recusals import recusal_reason
from gratifikasi.cases.services import declare_conflict
from gratifikasi.extensions import db
from gratifikasi.keyring import NoAccess, vault
from gratifikasi.models import Attachment, AuditEntry, Complaint, GratificationReport, RecordKey
from gratifikasi.models.case import CaseRecusal, ConflictKind
from gratifikasi.models.identity import IdentityRequest, RequestStatus
from gratifikasi.retention import service
from gratifikasi.rules.workflow import COMPLAINT, GRATIFICATION
from tests.cases.conftest import SECRET_TEXT, submit_complaint, submit_report
from tests.complaints.conftest import VALID_FORM
from tests.retention.conftest import NOW, close, keys_of, shred_entries
from tests.uploads.samples import png

REPORT = "gratification_report"
COMPLAINT_TYPE = "complaint"
SIX_YEARS_AGO = datetime(2020, 3, 1, 1, 0)    # past the 5 years of "selesai"
THREE_YEARS_AGO = datetime(2023, 3, 1, 1, 0)  # past the 2 years of "tidak_dapat_ditindaklanjuti"


def _report_text(world, report_id: int) -> str | None:
    report = db.session.get(GratificationReport, report_id)
    return vault.open_record(world.officer("upg"), world.key("upg"), REPORT, report_id,
                             {"kronologi": bytes(report.kronologi)})["kronologi"]


def _complaint_text(world, complaint_id: int) -> str | None:
    complaint = db.session.get(Complaint, complaint_id)
    return vault.open_record(world.officer("irban"), world.key("irban"), COMPLAINT_TYPE, complaint_id,
                             complaint.content_blobs())["apa"]


def _all_keys() -> int:
    return db.session.execute(select(func.count()).select_from(RecordKey)).scalar_one()


def _audit_count() -> int:
    return db.session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()


def _run(dry_run: bool = False) -> service.RetentionRun:
    return service.run(service.retention_periods(), NOW, dry_run=dry_run)


def test_a_record_closed_longer_than_its_period_is_shredded_and_audited(app, world):
    image = FileStorage(io.BytesIO(png()), filename="foto-amplop.png", content_type="image/png")
    report = submit_report(app, files=[image])
    complaint, _code = submit_complaint(app)
    with app.app_context():
        assert _report_text(world, report.record_id) == SECRET_TEXT
        assert _complaint_text(world, complaint.record_id) == VALID_FORM["apa"]
        attachment_id = db.session.execute(select(Attachment.id).where(
            Attachment.owner_type == REPORT, Attachment.owner_id == report.record_id)).scalar_one()
        assert keys_of("attachment", attachment_id) == 1
        # A custodian had granted an officer this complaint's identity key.
        db.session.add(IdentityRequest(record_type=COMPLAINT_TYPE, record_id=complaint.record_id,
                                       requested_by_id=world.officer("irban").id, requested_at=NOW, reason="-",
                                       status=RequestStatus.approved, granted_dek=b"sealed for irban"))
        close(report.id, "selesai", SIX_YEARS_AGO)
        close(complaint.id, "tidak_dapat_ditindaklanjuti", THREE_YEARS_AGO)

        result = _run()

        assert [(r.record_type, r.record_id) for r in result.due] == [
            (REPORT, report.record_id), (COMPLAINT_TYPE, complaint.record_id)]  # oldest closing first
        assert result.shredded == {REPORT: 1, COMPLAINT_TYPE: 1}
        # Every copy of the keys is gone: ring-sealed, the attachment's, the reporter's, the grant.
        assert keys_of(REPORT, report.record_id) == keys_of(COMPLAINT_TYPE, complaint.record_id) == 0
        assert keys_of("attachment", attachment_id) == 0
        assert result.keys_removed == 2 + 1 + 1  # report: case + identity ring; its file; complaint: case
        with pytest.raises(NoAccess):
            _report_text(world, report.record_id)
        with pytest.raises(NoAccess):
            _complaint_text(world, complaint.record_id)
        with pytest.raises(NoAccess):
            vault.open_data_key(world.officer("upg"), world.key("upg"), "attachment", attachment_id)
        for row in (db.session.get(GratificationReport, report.record_id),
                    db.session.get(Complaint, complaint.record_id)):
            db.session.refresh(row)
            assert (row.access_verifier, row.access_salt, row.access_wrapped_dek) == (None, None, None)
        grant = db.session.execute(select(IdentityRequest)).scalar_one()
        assert grant.granted_dek is None and grant.status is RequestStatus.approved
        # The ciphertext and the categorical columns stay (statistics still count the case).
        assert db.session.get(GratificationReport, report.record_id).status is not None

        (report_entry,) = shred_entries(REPORT, report.record_id)
        assert (report_entry.actor_type, report_entry.actor_id) == ("system", None)
        assert report_entry.details == {"keys_removed": 2, "attachment_keys_removed": 1,
                                        "closing_status": "selesai", "retention_days": 365 * 5}
        (complaint_entry,) = shred_entries(COMPLAINT_TYPE, complaint.record_id)
        assert complaint_entry.details["closing_status"] == "tidak_dapat_ditindaklanjuti"
        assert audit.verify().ok


def test_records_inside_their_period_and_open_records_are_untouched(app, world):
    inside = submit_report(app)
    still_open = submit_report(app, "DISHUB")
    complaint, _code = submit_complaint(app)
    with app.app_context():
        close(inside.id, "selesai", datetime(2022, 3, 2, 1, 0))  # 4 years of 5
        close(complaint.id, "tidak_dapat_ditindaklanjuti", NOW - timedelta(days=2 * 365) + timedelta(minutes=1))
        db.session.get(type(still_open), still_open.id).status_changed_at = datetime(2015, 1, 1)  # old, but open
        db.session.commit()
        keys, entries = _all_keys(), _audit_count()

        result = _run()

        assert result.due == [] and result.total_shredded == 0
        assert (_all_keys(), _audit_count()) == (keys, entries)
        assert _report_text(world, inside.record_id) == SECRET_TEXT
        assert _report_text(world, still_open.record_id) == SECRET_TEXT
        assert _complaint_text(world, complaint.record_id) == VALID_FORM["apa"]
        assert db.session.get(GratificationReport, inside.record_id).access_wrapped_dek is not None


def test_the_period_ends_exactly_its_days_after_closing(app, world):
    complaint, _code = submit_complaint(app)
    with app.app_context():
        close(complaint.id, "tidak_dapat_ditindaklanjuti", NOW - timedelta(days=2 * 365))
        periods = service.retention_periods()
        assert [r.record_id for r in service.due_records(periods, NOW)] == [complaint.record_id]
        assert service.due_records(periods, NOW - timedelta(seconds=1)) == []


def test_dry_run_lists_and_changes_nothing(app, world):
    report = submit_report(app)
    with app.app_context():
        close(report.id, "selesai", SIX_YEARS_AGO)
        keys, entries = _all_keys(), _audit_count()

        result = _run(dry_run=True)
        assert [r.tracking_number for r in result.due] == [report.tracking_number]
        assert result.due[0].due_at == SIX_YEARS_AGO + timedelta(days=365 * 5)
        assert result.shredded == {} and result.keys_removed == 0

        output = app.test_cli_runner().invoke(args=["retention", "run", "--dry-run"])
        assert output.exit_code == 0, output.output
        assert report.tracking_number in output.output and "ditutup 2020-03-01" in output.output
        assert "1 catatan akan dimusnahkan (uji coba: tidak ada yang diubah)." in output.output

        assert (_all_keys(), _audit_count()) == (keys, entries)
        assert _report_text(world, report.record_id) == SECRET_TEXT
        assert db.session.get(GratificationReport, report.record_id).access_wrapped_dek is not None


def test_a_second_run_does_nothing(app, world):
    report = submit_report(app)
    complaint, _code = submit_complaint(app)
    with app.app_context():
        close(report.id, "selesai", SIX_YEARS_AGO)
        close(complaint.id, "selesai", SIX_YEARS_AGO + timedelta(days=1))

        first = app.test_cli_runner().invoke(args=["retention", "run"])
        assert first.exit_code == 0, first.output
        assert "2 catatan dimusnahkan (pengaduan 1, laporan gratifikasi 1); 3 kunci data dihapus." in first.output
        entries = _audit_count()

        second = app.test_cli_runner().invoke(args=["retention", "run"])
        assert second.exit_code == 0, second.output
        assert "0 catatan dimusnahkan; 0 kunci data dihapus." in second.output
        assert _run().due == []
        assert _audit_count() == entries
        assert len(shred_entries()) == 2


def test_the_agency_sets_the_periods(app, world):
    kept = submit_report(app)
    recent = submit_report(app, "DISHUB")
    with app.app_context():
        close(kept.id, "selesai", SIX_YEARS_AGO)
        close(recent.id, "penolakan_dicatat", NOW - timedelta(days=40))
        app.config["RETENTION_DAYS"] = {"selesai": None, "penolakan_dicatat": 30}

        result = app.test_cli_runner().invoke(args=["retention", "run"])

        assert "1 catatan dimusnahkan (laporan gratifikasi 1)" in result.output
        assert keys_of(REPORT, kept.record_id) == 2
        assert keys_of(REPORT, recent.record_id) == 0


def test_every_closing_status_has_a_default_period():
    finals = {s.id for machine in (GRATIFICATION, COMPLAINT) for s in machine.states.values() if s.final}
    assert finals == set(service.DEFAULT_RETENTION_DAYS)


def test_help_is_in_indonesian_with_english(app):
    group = app.test_cli_runner().invoke(args=["retention", "--help"])
    command = app.test_cli_runner().invoke(args=["retention", "run", "--help"])
    assert group.exit_code == command.exit_code == 0
    group_text, command_text = " ".join(group.output.split()), " ".join(command.output.split())
    assert "Retensi arsip: pemusnahan kripto (retention and crypto-shredding)." in group_text
    assert "(crypto-shred closed records past their retention period)" in command_text
    assert "--dry-run Hanya tampilkan yang akan dimusnahkan; tidak ada yang diubah (list only, change nothing)." \
        in command_text


def test_shredding_revokes_the_browsers_still_holding_the_key(app, world):
    """A reporter's mailbox open at that moment holds the record's key in a browser-access row:
    shredding deletes it, so the old cookie value opens nothing afterwards."""
    from gratifikasi.intake import browser_access

    complaint, _code = submit_complaint(app)
    with app.app_context():
        cookie = browser_access.hold(COMPLAINT_TYPE, complaint.record_id, "mailbox", b"k" * 32,
                                     lifetime=timedelta(hours=2))
        db.session.commit()
        assert browser_access.open_held(cookie, "mailbox", record_type=COMPLAINT_TYPE) is not None
        close(complaint.id, "tidak_dapat_ditindaklanjuti", THREE_YEARS_AGO)
        _run()
        assert browser_access.open_held(cookie, "mailbox", record_type=COMPLAINT_TYPE) is None


def test_shredding_a_record_shreds_the_reasons_of_its_recusals(app, world):
    """A recusal's reason is sealed under its own key (issue 17 item 3): retention deletes it too."""
    report = submit_report(app)
    with app.app_context():
        declare_conflict(world.officer("upg2"), report.id, ConflictKind.keluarga)
        recusal = db.session.execute(select(CaseRecusal)).scalar_one()
        assert recusal_reason(world.officer("upg"), world.key("upg"), recusal)[1] is ConflictKind.keluarga
        close(report.id, "selesai", SIX_YEARS_AGO)
        result = _run()
        assert result.keys_removed == 2 + 1  # the report's two ring copies, the recusal reason's key
        assert db.session.execute(select(func.count()).select_from(RecordKey)
                                  .where(RecordKey.record_type.like(f"{RECUSAL_TYPE}.%"))).scalar_one() == 0
        with pytest.raises(NoAccess):
            recusal_reason(world.officer("upg"), world.key("upg"), recusal)
