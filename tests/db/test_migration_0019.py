"""Migration 0019 seals what an older database holds in clear (issue 17 item 3): a queued
reporter e-mail's address and a recusal's reason; its downgrade restores the clear columns."""
from __future__ import annotations

from datetime import date

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from gratifikasi.cases.recusals import recusal_reason
from gratifikasi.extensions import db
from gratifikasi.keyring import rings
from gratifikasi.models import OutboxMessage, Role
from gratifikasi.models.case import CaseFile, CaseRecusal, ConflictKind, RecusalBasis
from tests.conftest import make_app
from tests.helpers import make_officer
from tests.integrity import factories as f
from tests.keyring.conftest import Crew
from tests.outbox.helpers import recipient_of
from tests.scan import database_hits

OLD_ADDRESS = "pelapor.lama@example.net"


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path, fresh_schema=True)


def test_0019_seals_queued_reporter_mail_and_recusal_reasons(app, frozen_clock):
    make_officer(app, "admin", Role.admin)
    make_officer(app, "irban", Role.inspektorat)
    crew = Crew(app)
    with app.app_context():
        rings.init_rings(crew.officer("admin"))
        complaint_id = f.complaint(f.unit("DINKES"), date(2026, 3, 2))
        db.session.commit()
        case_id = db.session.execute(select(CaseFile.id).where(CaseFile.record_id == complaint_id)).scalar_one()
        irban = crew.officer("irban").id
        db.session.commit()  # PostgreSQL: an open read would block the downgrade's DDL
        downgrade(revision="0018_intake_nonce")
        now = {"now": frozen_clock.now}
        db.session.execute(text(
            "INSERT INTO outbox_message (to_address, subject, body_text, kind, status, attempts, next_attempt_at, "
            "created_at, possible_duplicate) VALUES (:to, 'Laporan GRT-2026-000001', 'Isi', 'report-status', "
            "'pending', 0, :now, :now, false)"), {"to": OLD_ADDRESS, **now})
        db.session.execute(text(
            "INSERT INTO case_recusal (case_id, officer_id, basis, conflict_kind, created_at) "
            "VALUES (:case, :officer, 'konflik', 'keluarga', :now)"), {"case": case_id, "officer": irban, **now})
        db.session.commit()

        upgrade()
        assert database_hits([OLD_ADDRESS, "keluarga", "konflik"]) == []
        message = db.session.execute(select(OutboxMessage)).scalar_one()
        assert message.to_address is None and recipient_of(message) == OLD_ADDRESS
        recusal = db.session.execute(select(CaseRecusal)).scalar_one()
        assert recusal_reason(crew.officer("admin"), crew.key("admin"), recusal) == (
            RecusalBasis.konflik, ConflictKind.keluarga)

        db.session.commit()  # PostgreSQL: an open read would block the downgrade's DDL
        downgrade(revision="0018_intake_nonce")
        assert db.session.execute(text("SELECT to_address FROM outbox_message")).scalar_one() == OLD_ADDRESS
        # No audit entry declares this conflict (it was written by SQL), so the downgrade cannot
        # tell a declaration from a naming: the basis falls back to terlapor.
        assert db.session.execute(text("SELECT basis FROM case_recusal")).scalar_one() == "terlapor"
        db.session.commit()
        upgrade()
