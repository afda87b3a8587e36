"""/admin/petugas and /admin/unit: admins manage accounts and units on the web (issue 16 item 3).

The pages call the same service functions as `flask officers …`; every change is audited,
destructive steps need the confirmation box, the key-ring rules hold (disabling offers the
ring revocation, granting needs the admin's own key).
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from gratifikasi.admin import ring_rules, services
from gratifikasi.auth.services import find_officer
from gratifikasi.crypto.rings import RingPurpose
from gratifikasi.extensions import db
from gratifikasi.keyring import officers as key_officers
from gratifikasi.keyring import rings
from gratifikasi.models import AuditEntry, Role, Unit
from gratifikasi.models.case import CaseKind, RoutingRule
from tests.conftest import make_app
from tests.helpers import PASSWORD, current_code, login, make_officer, seed_unit
from tests.keyring.conftest import Crew


@pytest.fixture
def admin_client(app):
    seed_unit(app)
    seed_unit(app, "DINKES", "Dinas Kesehatan", "dinas")
    make_officer(app, "admin", Role.admin)
    with app.app_context():
        rings.init_rings(find_officer("admin"))
    client = app.test_client()
    assert login(client, "admin").status_code == 302
    return client


def _actions(app, object_type: str) -> list[tuple[str, int | None]]:
    with app.app_context():
        rows = db.session.execute(
            select(AuditEntry).where(AuditEntry.object_type == object_type).order_by(AuditEntry.seq)
        ).scalars()
        return [(row.action, row.actor_id) for row in rows]


def _unit_id(app, code: str) -> int:
    with app.app_context():
        return db.session.execute(select(Unit.id).where(Unit.code == code)).scalar_one()


def _officer_id(app, username: str) -> int:
    with app.app_context():
        return find_officer(username).id


@pytest.mark.parametrize("path", ["/admin/petugas/baru", "/admin/unit/1", "/admin/petugas/1"])
def test_pages_are_for_admins_only(app, client, path):
    make_officer(app, "upg1", Role.upg)
    login(client, "upg1")
    assert client.get(path).status_code == 403
    assert client.post("/admin/petugas/baru", data={"username": "x"}).status_code == 403


def test_admin_creates_an_officer_who_must_enrol_at_first_login(app, admin_client):
    page = admin_client.get("/admin/petugas/baru").get_data(as_text=True)
    assert "Nama pengguna" in page and "Petugas UPG" in page
    response = admin_client.post("/admin/petugas/baru", data={
        "username": "Rina", "full_name": "Rina Kartika", "role": "upg", "unit": _unit_id(app, "DINKES"),
        "email": "rina@pasuruankota.go.id", "nip": "",
    })
    assert response.status_code == 201
    page = response.get_data(as_text=True)
    temporary = re.search(r'data-testid="temporary-password">([a-z0-9-]+)<', page).group(1)
    with app.app_context():
        rina = find_officer("rina")
        assert rina.role is Role.upg and rina.unit.code == "DINKES" and rina.email == "rina@pasuruankota.go.id"
        assert rina.must_change_password and not rina.totp_enrolled
        admin_id = find_officer("admin").id
    assert ("officer.created", admin_id) in _actions(app, "officer")
    # First login: the temporary password opens only the authenticator enrolment.
    other = app.test_client()
    response = other.post("/masuk", data={"username": "rina", "password": temporary})
    assert response.status_code == 302 and response.headers["Location"].endswith("/masuk/daftar-autentikator")


def test_create_shows_errors_beside_the_fields(app, admin_client):
    response = admin_client.post("/admin/petugas/baru", data={
        "username": "bad name!", "full_name": "", "role": "upg", "unit": _unit_id(app, "DINKES"),
        "email": "not-an-address", "nip": "123",
    })
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    for message in ("Hanya huruf, angka", "Isi nama lengkap.", "Alamat e-mail tidak sah.", "NIP harus 18 angka."):
        assert message in page
    assert 'id="username-error"' in page and 'aria-invalid="true"' in page
    taken = admin_client.post("/admin/petugas/baru", data={
        "username": "admin", "full_name": "Dua", "role": "upg", "unit": _unit_id(app, "DINKES"),
    })
    assert taken.status_code == 400 and "sudah dipakai" in taken.get_data(as_text=True)


def test_change_role_and_unit_is_audited_and_ends_sessions(app, admin_client):
    make_officer(app, "sari", Role.upg)
    sari = app.test_client()
    assert login(sari, "sari").status_code == 302
    officer_id = _officer_id(app, "sari")
    response = admin_client.post(f"/admin/petugas/{officer_id}/ubah",
                                 data={"role": "inspektorat", "unit": _unit_id(app, "DINKES")})
    assert response.status_code == 302
    with app.app_context():
        changed = find_officer("sari")
        assert changed.role is Role.inspektorat and changed.unit.code == "DINKES"
    assert "officer.changed" in [action for action, _ in _actions(app, "officer")]
    assert sari.get("/beranda").status_code == 302  # logged out
    # An admin cannot take away their own admin role.
    own = admin_client.post(f"/admin/petugas/{_officer_id(app, 'admin')}/ubah",
                            data={"role": "upg", "unit": _unit_id(app, "INSPEKTORAT")})
    assert own.status_code == 400 and "peran admin Anda sendiri" in own.get_data(as_text=True)


def test_reset_totp_needs_confirmation(app, admin_client):
    make_officer(app, "sari", Role.upg)
    officer_id = _officer_id(app, "sari")
    refused = admin_client.post(f"/admin/petugas/{officer_id}/reset-totp", data={})
    assert refused.status_code == 400 and "Centang untuk mengonfirmasi." in refused.get_data(as_text=True)
    with app.app_context():
        assert find_officer("sari").totp_enrolled
    assert admin_client.post(f"/admin/petugas/{officer_id}/reset-totp", data={"totp-confirm": "y"}).status_code == 302
    with app.app_context():
        assert not find_officer("sari").totp_enrolled
    assert "officer.totp_reset" in [action for action, _ in _actions(app, "officer")]


def test_disable_offers_ring_revocation_and_enable_restores(app, admin_client):
    make_officer(app, "sari", Role.upg)
    with app.app_context():
        admin = find_officer("admin")
        ring_rules.grant(admin, Crew(app).key("admin"), find_officer("sari"), [RingPurpose.CASE])
    officer_id = _officer_id(app, "sari")
    page = admin_client.get(f"/admin/petugas/{officer_id}").get_data(as_text=True)
    offered = re.search(r'<input[^>]*name="off-revoke"[^>]*value="case"[^>]*>', page).group(0)
    assert "checked" in offered  # disabling offers the revocation, ticked
    refused = admin_client.post(f"/admin/petugas/{officer_id}/nonaktifkan", data={"off-revoke": "case"})
    assert refused.status_code == 400
    with app.app_context():
        assert find_officer("sari").is_active
    response = admin_client.post(f"/admin/petugas/{officer_id}/nonaktifkan",
                                 data={"off-confirm": "y", "off-revoke": "case"})
    assert response.status_code == 302
    with app.app_context():
        sari = find_officer("sari")
        assert not sari.is_active
        assert rings.purposes_held(sari) == []
        assert rings.current_ring(RingPurpose.CASE).version == 2  # rotated
    actions = [action for action, _ in _actions(app, "officer")]
    assert "officer.disabled" in actions
    assert "ring.revoked" in [action for action, _ in _actions(app, "ring")]
    assert admin_client.post(f"/admin/petugas/{officer_id}/aktifkan").status_code == 302
    with app.app_context():
        assert find_officer("sari").is_active
    assert "officer.enabled" in [action for action, _ in _actions(app, "officer")]


def test_admin_grants_the_rings_of_the_role_after_key_enrolment(app, admin_client):
    make_officer(app, "baru", Role.upg, keys=False)
    officer_id = _officer_id(app, "baru")
    page = admin_client.get(f"/admin/petugas/{officer_id}").get_data(as_text=True)
    assert "belum membuat kunci pribadi" in page and 'name="grant"' not in page
    with app.app_context():
        key_officers.enrol(find_officer("baru"), PASSWORD)
        key_officers.confirm_recovery_stored(find_officer("baru"))
    page = admin_client.get(f"/admin/petugas/{officer_id}").get_data(as_text=True)
    assert 'name="grant"' in page and "Identitas pelapor gratifikasi" in page
    response = admin_client.post(f"/admin/petugas/{officer_id}/cincin/beri",
                                 data={"grant": ["case", "gratification-identity"]})
    assert response.status_code == 302
    with app.app_context():
        assert set(rings.purposes_held(find_officer("baru"))) == {
            RingPurpose.CASE, RingPurpose.GRATIFICATION_IDENTITY}
    # A ring the role does not call for cannot be granted from the page.
    assert admin_client.post(f"/admin/petugas/{officer_id}/cincin/beri",
                             data={"grant": ["whistleblower-identity"]}).status_code == 400


def test_units_add_rename_deactivate_and_handling_unit(app, admin_client):
    response = admin_client.post("/admin/unit", data={"code": "dishub", "name": "Dinas Perhubungan", "kind": "dinas"})
    assert response.status_code == 302
    unit_id = _unit_id(app, "DISHUB")
    assert admin_client.post("/admin/unit", data={"code": "DISHUB", "name": "Lagi", "kind": "dinas"}).status_code == 400
    assert admin_client.post(f"/admin/unit/{unit_id}/ubah",
                             data={"name": "Dinas Perhubungan Kota", "kind": "dinas"}).status_code == 302
    refused = admin_client.post(f"/admin/unit/{unit_id}/status", data={})
    assert refused.status_code == 400 and "Centang untuk mengonfirmasi." in refused.get_data(as_text=True)
    assert admin_client.post(f"/admin/unit/{unit_id}/status", data={"confirm": "y"}).status_code == 302
    with app.app_context():
        unit = db.session.get(Unit, unit_id)
        assert unit.name == "Dinas Perhubungan Kota" and not unit.active
    inspektorat = _unit_id(app, "INSPEKTORAT")
    assert admin_client.post(f"/admin/unit/{unit_id}/penangan",
                             data={"gratifikasi": str(inspektorat), "pengaduan": ""}).status_code == 302
    with app.app_context():
        rule = db.session.execute(select(RoutingRule).where(RoutingRule.source_unit_id == unit_id)).scalar_one()
        assert rule.kind is CaseKind.gratifikasi and rule.handling_unit_id == inspektorat
    assert admin_client.post(f"/admin/unit/{unit_id}/penangan",
                             data={"gratifikasi": "", "pengaduan": ""}).status_code == 302
    with app.app_context():
        assert db.session.execute(select(RoutingRule).where(RoutingRule.source_unit_id == unit_id)).first() is None
    actions = [action for action, _ in _actions(app, "unit")]
    assert actions == ["unit.created", "unit.renamed", "unit.deactivated"]
    assert {"routing_rule.saved", "routing_rule.removed"} <= {a for a, _ in _actions(app, "routing_rule")}


def test_admin_forms_need_csrf(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    seed_unit(app)
    make_officer(app, "admin", Role.admin)
    make_officer(app, "sari", Role.upg)
    client = app.test_client()
    login_page = client.get("/masuk").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
    client.post("/masuk", data={"username": "admin", "password": PASSWORD, "csrf_token": token})
    client.post("/masuk/kode", data={"code": current_code(), "csrf_token": token})
    officer_id = _officer_id(app, "sari")
    assert client.post(f"/admin/petugas/{officer_id}/nonaktifkan", data={"off-confirm": "y"}).status_code == 400
    assert client.post(f"/admin/petugas/{officer_id}/aktifkan").status_code == 400
    with app.app_context():
        assert find_officer("sari").is_active


def test_cli_and_web_share_the_service(app):
    """`flask officers create` goes through services.create_officer, audited as the system."""
    seed_unit(app)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["officers", "create", "budi", "--name", "Budi", "--role", "upg",
                                 "--unit", "INSPEKTORAT"])
    assert result.exit_code == 0, result.output
    assert ("officer.created", None) in _actions(app, "officer")
    with app.app_context():
        with pytest.raises(services.AdminError):
            services.create_officer(username="budi", full_name="B", role=Role.upg, unit_code="INSPEKTORAT")


def test_cli_changes_go_through_the_same_audited_services(app):
    make_officer(app, "sari", Role.upg)
    seed_unit(app, "DINKES", "Dinas Kesehatan", "dinas")
    runner = app.test_cli_runner()
    for args in (["officers", "change", "sari", "--role", "inspektorat", "--unit", "dinkes"],
                 ["officers", "reset-totp", "sari"], ["officers", "disable", "sari"], ["officers", "enable", "sari"]):
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
    with app.app_context():
        sari = find_officer("sari")
        assert sari.role is Role.inspektorat and sari.unit.code == "DINKES"
        assert sari.is_active and not sari.totp_enrolled
    assert [entry for entry in _actions(app, "officer") if entry[0] != "officer.created"] == [
        ("officer.changed", None), ("officer.totp_reset", None), ("officer.disabled", None),
        ("officer.enabled", None)]
    refused = runner.invoke(args=["officers", "change", "sari", "--role", "upg", "--unit", "NOPE"])
    assert refused.exit_code != 0 and "tidak ada" in refused.output


def test_role_change_keeps_a_since_deactivated_unit_but_refuses_moving_into_one(app):
    seed_unit(app)
    seed_unit(app, "DINKES", "Dinas Kesehatan", "dinas")
    seed_unit(app, "LAMA", "Unit Lama", "lainnya")
    make_officer(app, "sari", Role.upg, unit_code="DINKES")
    with app.app_context():
        services.set_unit_active(_unit_id(app, "DINKES"), False)
        services.set_unit_active(_unit_id(app, "LAMA"), False)
        services.change_officer("sari", role=Role.inspektorat, unit_id=_unit_id(app, "DINKES"))
        assert find_officer("sari").role is Role.inspektorat
        with pytest.raises(services.AdminError, match="unit yang aktif"):
            services.change_officer("sari", role=Role.inspektorat, unit_id=_unit_id(app, "LAMA"))
        with pytest.raises(services.AdminError, match="tidak aktif"):
            services.create_officer(username="baru", full_name="Baru", role=Role.upg, unit_code="LAMA")
