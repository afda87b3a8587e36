"""`flask demo seed` on a fresh database: a sample year that fills the pages a newcomer opens
first (issue 16 item 6), a DEMO banner, and the notifications readable at /admin/email."""
from __future__ import annotations

import re
from collections import Counter

from sqlalchemy import func, select

from gratifikasi import clock
from gratifikasi.auth import totp
from gratifikasi.demo import DEMO_OFFICERS, DEMO_PASSWORD
from gratifikasi.extensions import db
from gratifikasi.models import Complaint, ComplaintChannel, ComplaintMessage, GratificationReport, OutboxMessage, Unit
from gratifikasi.models.audit import AuditEntry
from gratifikasi.models.case import CaseFile
from gratifikasi.outbox import run_once
from tests.conftest import make_app
from tests.helpers import login

CASE_LINK = re.compile(r'href="/perkara/(\d+)"')
COUNTED_CELL = re.compile(r"<td>(?:&lt;3|[1-9]\d*)</td>")


def _login_demo(app, username: str):
    secret = next(o.totp_secret for o in DEMO_OFFICERS if o.username == username)
    client = app.test_client()
    response = login(client, username, DEMO_PASSWORD, totp.code_at(secret, clock.utcnow()))
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


def _seeded(tmp_path):
    app = make_app(tmp_path, MAIL_FILE_DIR=str(tmp_path / "mail"))
    result = app.test_cli_runner().invoke(args=["demo", "seed", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "Contoh setahun" in result.output
    with app.app_context():
        while run_once(batch=200).claimed:  # the e-mail worker ./serve.sh runs beside the app
            pass
    return app


def test_fresh_demo_seed_shows_work_figures_banner_and_mail(tmp_path):
    app = _seeded(tmp_path)
    today = clock.local_today()

    with app.app_context():
        statuses = Counter(db.session.execute(select(CaseFile.kind, CaseFile.status)).all())
        report_states = {status for (kind, status) in statuses if kind.value == "gratifikasi"}
        complaint_states = {status for (kind, status) in statuses if kind.value == "pengaduan"}
        # Reports in every stage: new, returned for completion, forwarded, KPK decided and
        # handed over, closed, refused; complaints from new to concluded.
        assert {"diterima_upg", "perlu_dilengkapi", "diteruskan_kpk", "tindak_lanjut", "selesai",
                "penolakan_dicatat", "tidak_ditindaklanjuti"} <= report_states
        assert {"baru", "ditelaah", "diteruskan_opd", "dalam_pemeriksaan", "selesai",
                "tidak_dapat_ditindaklanjuti"} <= complaint_states
        overdue = db.session.execute(select(func.count()).select_from(CaseFile).where(
            CaseFile.is_open.is_(True), CaseFile.due_on < today)).scalar_one()
        assert overdue > 0
        # A year of it, not one afternoon: submissions spread over many months.
        months = {(r.year, r.month) for r in db.session.execute(select(GratificationReport.received_on)).scalars()}
        assert len(months) >= 8
        assert db.session.execute(select(func.count()).select_from(ComplaintMessage)).scalar_one() > 0
        staff = db.session.execute(select(func.count()).select_from(Complaint).where(
            Complaint.channel != ComplaintChannel.portal)).scalar_one()
        assert staff > 0
        assert db.session.execute(select(func.count()).select_from(OutboxMessage)).scalar_one() > 0
        # Replayed in time order across all stories: the audit chain reads like a real year.
        moments = list(db.session.execute(select(AuditEntry.occurred_at).order_by(AuditEntry.seq)).scalars())
        assert moments == sorted(moments) and (max(moments) - min(moments)).days > 300
    verify = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert verify.exit_code == 0, verify.output

    upg = _login_demo(app, "upg")
    queue = upg.get("/perkara/").get_data(as_text=True)
    assert len(set(CASE_LINK.findall(queue))) >= 5
    assert 'data-testid="demo-banner"' in queue
    dashboard = upg.get("/integritas/").get_data(as_text=True)
    assert "Belum ada laporan." not in dashboard and 'data-testid="demo-banner"' in dashboard
    with app.app_context():
        unit_id = db.session.execute(select(Unit.id).where(Unit.code == "DPMPTSP")).scalar_one()
    lke = upg.get(f"/integritas/lke/{unit_id}/{today.year}").get_data(as_text=True)
    total = re.search(r'data-testid="lke-total">([\d.]+) / 100', lke)
    # Computed indicators plus the unit's survey results and grade: a whole worksheet, not ~6 points.
    assert total and float(total.group(1)) > 25

    irban = _login_demo(app, "irban")
    assert len(set(CASE_LINK.findall(irban.get("/perkara/").get_data(as_text=True)))) >= 5

    public = app.test_client().get(f"/transparansi?tahun={today.year}").get_data(as_text=True)
    assert COUNTED_CELL.search(public) and 'data-testid="demo-banner"' in public
    lebaran = app.test_client().get("/transparansi?tahun=%d" % (today.year - 1)).get_data(as_text=True)
    assert COUNTED_CELL.search(public + lebaran)

    admin = _login_demo(app, "admin")
    mail_page = admin.get("/admin/email").get_data(as_text=True)
    assert 'data-testid="delivered-mail"' in mail_page
    assert "Laporan gratifikasi GRT-" in mail_page or "Pengaduan baru masuk" in mail_page
    assert "pe***@contoh.example" in mail_page
    assert not re.search(r"pelapor\d+@", mail_page), "recipients are masked"


def test_demo_seed_without_sample_data_leaves_the_queue_empty(tmp_path):
    app = make_app(tmp_path)
    result = app.test_cli_runner().invoke(args=["demo", "seed", "--no-sample-data"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(CaseFile)).scalar_one() == 0
