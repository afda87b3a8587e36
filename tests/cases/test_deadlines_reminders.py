"""Working-day due dates per state, due-soon/overdue markers and the daily reminder."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from gratifikasi.cases import sla
from gratifikasi.extensions import db
from gratifikasi.models import OutboxMessage
from gratifikasi.models.case import NO_DEADLINE, CaseFile, RoutingRule
from gratifikasi.models.report import GratificationReport
from gratifikasi.rules.calendar import WorkingDayCalendar
from gratifikasi.settings.service import set_setting
from tests.cases.conftest import SECRET_NAME, SECRET_TEXT, submit_report
from tests.helpers import login


def test_due_dates_are_counted_in_working_days():
    calendar = WorkingDayCalendar()
    # Received Monday 2 March 2026; 10 HK: 3-6 (4), 9-13 (9), 16 (10) -> 16 March.
    assert sla.due_date("gratifikasi", "diterima_upg", received_on=date(2026, 3, 2), entered_on=date(2026, 3, 9),
                        calendar=calendar) == date(2026, 3, 16)
    # The same clock runs through verification (counted from receipt, not from entry).
    assert sla.due_date("gratifikasi", "diverifikasi", received_on=date(2026, 3, 2), entered_on=date(2026, 3, 9),
                        calendar=calendar) == date(2026, 3, 16)
    # Forwarded on Tuesday 17 March; KPK's 30 HK from entry: 18-24 March is off (cuti bersama,
    # Nyepi, Idul Fitri), 25-27 (3), 30-31 (5), 1-2 Apr (7), 3 Apr Good Friday, 6-10 (12),
    # 13-17 (17), 20-24 (22), 27-30 (26), 1 May Labour Day, 4-7 May (30) -> 7 May 2026.
    assert sla.due_date("gratifikasi", "diteruskan_kpk", received_on=date(2026, 3, 2), entered_on=date(2026, 3, 17),
                        calendar=calendar) == date(2026, 5, 7)
    # An override from the settings; a state without an SLA has no deadline.
    assert sla.due_date("gratifikasi", "diteruskan_kpk", received_on=date(2026, 3, 2), entered_on=date(2026, 3, 17),
                        calendar=calendar, overrides={"gratifikasi.penetapan_kpk_hk": 1}) == date(2026, 3, 25)
    assert sla.due_date("gratifikasi", "selesai", received_on=date(2026, 3, 2), entered_on=date(2026, 3, 2),
                        calendar=calendar) == NO_DEADLINE
    # Complaints: respond within 5 HK of receipt (Friday 13 March -> Tuesday 17 March... then
    # 18-24 off -> 25, 26, 27: 16, 17, 25, 26, 27 -> 27 March).
    assert sla.due_date("pengaduan", "baru", received_on=date(2026, 3, 13), entered_on=date(2026, 3, 13),
                        calendar=calendar) == date(2026, 3, 27)


def test_markers():
    calendar = WorkingDayCalendar()
    due = date(2026, 3, 16)
    assert sla.marker(due, date(2026, 3, 17), calendar, 3) == "terlambat"
    assert sla.marker(due, date(2026, 3, 16), calendar, 3) == "segera"  # the due day is still on time
    assert sla.marker(due, date(2026, 3, 11), calendar, 3) == "segera"  # 12, 13, 16: 3 HK left
    assert sla.marker(due, date(2026, 3, 10), calendar, 3) == "aman"    # 4 HK left
    assert sla.marker(NO_DEADLINE, date(2026, 3, 10), calendar, 3) is None


def _set_due(app, case_id: int, due: date) -> None:
    with app.app_context():
        db.session.get(CaseFile, case_id).due_on = due
        db.session.commit()


def test_the_case_page_and_queue_show_the_markers(app, world, frozen_clock):
    case = submit_report(app)  # Monday 2 March, due 16 March
    assert case.due_on == date(2026, 3, 16)
    client = app.test_client()
    login(client, "upg")
    html = client.get(f"/perkara/{case.id}").get_data(as_text=True)
    assert "Terlambat</strong>" not in html and "Segera jatuh tempo</strong>" not in html
    assert "sisa 10 hari kerja" in html
    _set_due(app, case.id, date(2026, 3, 5))  # 3 HK left on Monday 2 March
    assert "Segera jatuh tempo</strong>" in client.get(f"/perkara/{case.id}").get_data(as_text=True)
    assert case.tracking_number in client.get("/perkara/?tenggat=segera").get_data(as_text=True)
    assert case.tracking_number not in client.get("/perkara/?tenggat=terlambat").get_data(as_text=True)
    _set_due(app, case.id, date(2026, 2, 27))  # Friday: Monday 2 March is 1 HK late
    html = client.get(f"/perkara/{case.id}").get_data(as_text=True)
    assert "Terlambat</strong>" in html and "lewat 1 hari kerja" in html
    assert case.tracking_number in client.get("/perkara/?tenggat=terlambat").get_data(as_text=True)
    assert case.tracking_number not in client.get("/perkara/?tenggat=segera").get_data(as_text=True)


def test_remind_sends_counts_only_to_handlers_and_the_head_never_to_the_recused(app, world, frozen_clock):
    late, soon, later = submit_report(app), submit_report(app), submit_report(app)
    with app.app_context():
        # The head of the UPG (Inspektorat) is upg2; upg2 is recused from `soon`.
        db.session.add(RoutingRule(kind="gratifikasi", source_unit_id=None,
                                   handling_unit_id=world.unit_id("INSPEKTORAT"),
                                   head_officer_id=world.officer("upg2").id, updated_at=frozen_clock.now))
        from gratifikasi.cases.recusals import add_recusal
        from gratifikasi.models.case import RecusalBasis

        add_recusal(db.session.get(CaseFile, soon.id), world.officer("upg2").id, RecusalBasis.terlapor,
                    frozen_clock.now)
        # The UPG's clock runs from the day the report was filed complete (its received_on).
        for case_id, filed in ((late.id, date(2026, 2, 16)),   # 16-17 Feb off: due 3 March
                               (later.id, date(2026, 3, 9))):  # due 30 March: not yet due soon
            case = db.session.get(CaseFile, case_id)
            case.received_on = db.session.get(GratificationReport, case.record_id).received_on = filed
        db.session.get(CaseFile, late.id).assignee_id = world.officer("upg").id
        db.session.commit()
    runner = app.test_cli_runner()
    assert "Queue deadline reminders" in runner.invoke(args=["cases", "remind", "--help"]).output
    result = runner.invoke(args=["cases", "remind", "--date", "2026-03-12"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        mails = {m.to_address: m for m in db.session.execute(select(OutboxMessage)).scalars()}
        # upg: late (assigned to them) + soon (unassigned: every eligible UPG officer of the unit);
        # upg2: late as head, soon not (recused); irban handles another queue: nothing.
        assert set(mails) == {"upg@pasuruankota.go.id", "upg2@pasuruankota.go.id"}
        assert "1 terlambat, 1 segera" in mails["upg@pasuruankota.go.id"].subject
        assert "1 terlambat, 0 segera" in mails["upg2@pasuruankota.go.id"].subject
        for mail in mails.values():
            body = mail.subject + mail.body_text
            for secret in (SECRET_TEXT, SECRET_NAME, late.tracking_number, soon.tracking_number):
                assert secret not in body
            assert "/perkara/?tenggat=terlambat" in mail.body_text
    # A second run the same day (a cron retry) queues nothing; --force does; the next day runs again.
    again = runner.invoke(args=["cases", "remind", "--date", "2026-03-12"])
    assert "sudah diantrekan" in again.output
    with app.app_context():
        assert len(db.session.execute(select(OutboxMessage)).scalars().all()) == 2
    assert "e-mail diantrekan: 2" in runner.invoke(args=["cases", "remind", "--date", "2026-03-12", "--force"]).output
    assert "e-mail diantrekan: 2" in runner.invoke(args=["cases", "remind", "--date", "2026-03-13"]).output
    with app.app_context():
        assert len(db.session.execute(select(OutboxMessage)).scalars().all()) == 6


def test_reminder_links_come_from_the_base_url_setting_or_option_not_a_request(app, world, frozen_clock):
    late = submit_report(app)
    with app.app_context():
        case = db.session.get(CaseFile, late.id)  # filed 16 February: overdue on 12 March
        case.received_on = db.session.get(GratificationReport, case.record_id).received_on = date(2026, 2, 16)
        db.session.get(CaseFile, late.id).assignee_id = world.officer("upg").id
        db.session.commit()
    app.config["BASE_URL"] = "https://wbs.example.go.id"
    runner = app.test_cli_runner()
    assert runner.invoke(args=["cases", "remind", "--date", "2026-03-12"]).exit_code == 0
    assert runner.invoke(args=["cases", "remind", "--date", "2026-03-13",
                               "--base-url", "https://intranet.example/upg/"]).exit_code == 0
    with app.app_context():
        bodies = [m.body_text for m in db.session.execute(select(OutboxMessage).order_by(OutboxMessage.id)).scalars()]
    assert len(bodies) == 2
    assert "https://wbs.example.go.id/perkara/?tenggat=terlambat" in bodies[0]
    assert "https://intranet.example/upg/perkara/?tenggat=terlambat" in bodies[1]


def test_remind_recomputes_due_dates_after_a_setting_changes(app, world, frozen_clock):
    case = submit_report(app)
    with app.test_request_context("/"):
        set_setting("upg_to_kpk_hk", 5)
    result = app.test_cli_runner().invoke(args=["cases", "remind", "--date", "2026-03-02"])
    assert "Tenggat diperbarui: 1" in result.output
    with app.app_context():
        # 5 HK from Monday 2 March -> Monday 9 March.
        assert db.session.get(CaseFile, case.id).due_on == date(2026, 3, 9)
