"""The case page: decrypted content for ring members, identity panel, notes, attachments."""
from __future__ import annotations

import io

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from gratifikasi.extensions import db
from gratifikasi.models import AuditEntry, Role
from tests.cases.conftest import SECRET_NAME, SECRET_TEXT, submit_report
from tests.helpers import login, make_officer
from tests.scan import database_hits
from tests.uploads.samples import png


def test_ring_members_read_the_content_others_see_a_notice(app, world):
    case = submit_report(app)
    make_officer(app, "upgbaru", Role.upg)  # same unit, not yet in the case ring
    member, newcomer = app.test_client(), app.test_client()
    login(member, "upg"), login(newcomer, "upgbaru")
    html = member.get(f"/perkara/{case.id}").get_data(as_text=True)
    assert SECRET_TEXT in html and "CV Pemberi" in html
    assert SECRET_NAME not in html  # identity only on request
    other = newcomer.get(f"/perkara/{case.id}")
    assert other.status_code == 200
    text = other.get_data(as_text=True)
    assert SECRET_TEXT not in text and "Isi perkara tidak dapat dibuka" in text
    with app.app_context():
        viewed = db.session.execute(select(AuditEntry).where(AuditEntry.action == "case.viewed")).scalars().all()
        assert [e.actor_id for e in viewed] == [world.officer("upg").id]


def test_identity_is_shown_on_request_and_every_view_is_audited(app, world):
    case = submit_report(app)
    client = app.test_client()
    login(client, "upg")
    assert SECRET_NAME not in client.get(f"/perkara/{case.id}").get_data(as_text=True)
    shown = client.post(f"/perkara/{case.id}/identitas")
    assert shown.status_code == 200 and SECRET_NAME in shown.get_data(as_text=True)
    assert SECRET_NAME not in client.get(f"/perkara/{case.id}").get_data(as_text=True)  # not kept anywhere
    with app.app_context():
        views = db.session.execute(select(AuditEntry).where(AuditEntry.action == "identity.viewed")).scalars().all()
        assert len(views) == 1 and views[0].actor_id == world.officer("upg").id
        assert views[0].object_id == str(case.record_id) and views[0].details["ring"] == "gratification-identity"


def test_officers_outside_the_identity_ring_are_refused(app, world):
    case = submit_report(app)
    make_officer(app, "upgbaru", Role.upg)
    client = app.test_client()
    login(client, "upgbaru")
    response = client.post(f"/perkara/{case.id}/identitas", follow_redirects=True)
    assert SECRET_NAME not in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(AuditEntry).where(AuditEntry.action == "identity.viewed")).first() is None


def test_internal_notes_are_sealed_and_the_form_keeps_input_on_error(app, world):
    case = submit_report(app)
    client = app.test_client()
    login(client, "upg")
    empty = client.post(f"/perkara/{case.id}/catatan", data={"body": ""})
    assert empty.status_code == 400 and "Tulis catatannya." in empty.get_data(as_text=True)
    long_text = "x" * 4001
    too_long = client.post(f"/perkara/{case.id}/catatan", data={"body": long_text})
    assert too_long.status_code == 400 and long_text in too_long.get_data(as_text=True)
    note = "Penandacatatan: klarifikasi lewat telepon hari Senin."
    assert client.post(f"/perkara/{case.id}/catatan", data={"body": note}).status_code == 302
    assert note in client.get(f"/perkara/{case.id}").get_data(as_text=True)
    with app.app_context():
        assert database_hits(["Penandacatatan"]) == []
        entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "case.note_added")).scalar_one()
        assert set(entry.details) == {"case_id", "note_id"}


def test_attachments_are_listed_and_follow_recusal(app, world):
    image = FileStorage(io.BytesIO(png()), filename="foto-amplop.png", content_type="image/png")
    case = submit_report(app, files=[image])
    member, recused = app.test_client(), app.test_client()
    login(member, "upg"), login(recused, "upg2")
    html = member.get(f"/perkara/{case.id}").get_data(as_text=True)
    assert "foto-amplop.png" in html
    import re

    link = re.search(r'href="(/lampiran/\d+)"', html).group(1)
    download = member.get(link)
    assert download.status_code == 200 and download.data.startswith(b"\x89PNG")
    from gratifikasi import clock
    from gratifikasi.cases.recusals import add_recusal
    from gratifikasi.models.case import CaseFile, RecusalBasis

    with app.app_context():
        add_recusal(db.session.get(CaseFile, case.id), world.officer("upg2").id, RecusalBasis.konflik, clock.utcnow())
        db.session.commit()
    assert recused.get(link).status_code == 404  # a case-ring member, but recused
