"""Tenant settings: registry, validation, and their effect on computed deadlines."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select, update

from gratifikasi.calendar import service as cal
from gratifikasi.extensions import db
from gratifikasi.models import Officer, ReferenceGeneration, Role, Setting
from gratifikasi.rules.deadlines import DeadlineSettings
from gratifikasi.rules.state_machine import effective_sla_days
from gratifikasi.rules.workflow import COMPLAINT, GRATIFICATION
from gratifikasi.settings import service as settings
from gratifikasi.settings.registry import REGISTRY, SLA_ALIASES, workflow_sla_keys
from tests.helpers import make_officer


def test_registry_covers_the_deadline_settings_and_every_workflow_sla_key():
    assert {"receipt_to_upg_hk", "upg_to_kpk_hk", "soon_within_hk"} <= set(REGISTRY)
    for key in workflow_sla_keys():
        assert key in REGISTRY or SLA_ALIASES[key] in REGISTRY
    defaults = DeadlineSettings()
    assert REGISTRY["receipt_to_upg_hk"].default == defaults.receipt_to_upg_hk == 10
    assert REGISTRY["upg_to_kpk_hk"].default == defaults.upg_to_kpk_hk == 10
    assert REGISTRY["soon_within_hk"].default == defaults.soon_within_hk == 3
    assert REGISTRY["pengaduan.selesai_berkadar_hk"].default == 60
    for spec in REGISTRY.values():
        assert spec.label and spec.help and spec.legal_basis and spec.minimum <= spec.default <= spec.maximum


def test_defaults_without_rows(app):
    with app.app_context():
        assert settings.get_setting("receipt_to_upg_hk") == 10
        assert settings.deadline_settings() == DeadlineSettings()


def test_below_minimum_and_above_maximum_are_refused_with_a_message(app):
    with app.app_context():
        with pytest.raises(settings.SettingError, match="paling kecil 1 hari kerja"):
            settings.set_setting("upg_to_kpk_hk", 0)
        with pytest.raises(settings.SettingError, match="paling besar 30 hari kerja"):
            settings.set_setting("receipt_to_upg_hk", 31)
        with pytest.raises(settings.SettingError, match="bilangan bulat"):
            settings.set_setting("receipt_to_upg_hk", "7 hari")
        with pytest.raises(settings.SettingError, match="bilangan bulat"):
            settings.set_setting("receipt_to_upg_hk", True)
        with pytest.raises(settings.SettingError, match="tidak dikenal"):
            settings.set_setting("retensi_hari", 5)
        assert db.session.execute(select(Setting)).first() is None


def test_changed_upg_to_kpk_hk_changes_the_computed_deadline(app):
    make_officer(app, "admin1", Role.admin)
    with app.app_context():
        admin = db.session.execute(select(Officer).where(Officer.username == "admin1")).scalar_one()
        upg_received = date(2026, 3, 9)  # Monday
        assert cal.deadline_calculator().upg_forward_to_kpk(upg_received).due == date(2026, 3, 30)
        assert settings.set_setting("upg_to_kpk_hk", "5", admin) == 5
        # 10,11,12,13,16 March.
        assert cal.deadline_calculator().upg_forward_to_kpk(upg_received).due == date(2026, 3, 16)
        settings.set_setting("upg_to_kpk_hk", 7)
        # 10,11,12,13,16,17 then 18–24 off, 25 March.
        assert cal.deadline_calculator().upg_forward_to_kpk(upg_received).due == date(2026, 3, 25)
        row = db.session.execute(select(Setting).where(Setting.key == "upg_to_kpk_hk")).scalar_one()
        assert row.value == 7 and row.updated_by_id is None
    with app.app_context():  # a fresh context (another worker) sees the stored value
        assert settings.get_setting("upg_to_kpk_hk") == 7


def test_receipt_to_upg_and_soon_settings(app):
    with app.app_context():
        settings.set_setting("receipt_to_upg_hk", 7)
        settings.set_setting("soon_within_hk", 0)
        deadline = cal.deadline_calculator().report_to_upg(date(2026, 3, 2))
        assert deadline.due == date(2026, 3, 11)  # 3,4,5,6,9,10,11
        assert deadline.status_on(date(2026, 3, 10)) == "aman"
        assert deadline.status_on(date(2026, 3, 11)) == "segera"


def test_workflow_alias_and_sla_overrides(app):
    with app.app_context():
        settings.set_setting("gratifikasi.upg_ke_kpk_hk", 8)  # the alias sets the deadline setting
        assert settings.get_setting("upg_to_kpk_hk") == 8
        settings.set_setting("pengaduan.respon_hk", 3)
        overrides = settings.sla_overrides()
        assert set(overrides) == workflow_sla_keys()
        assert effective_sla_days(GRATIFICATION.state("diterima_upg"), overrides) == 8
        assert effective_sla_days(COMPLAINT.state("baru"), overrides) == 3
        assert effective_sla_days(COMPLAINT.state("dalam_pemeriksaan"), overrides) == 60


def test_a_stored_value_out_of_range_falls_back_to_the_default(app, caplog):
    with app.app_context():
        settings.set_setting("soon_within_hk", 5)
        row = db.session.execute(select(Setting)).scalar_one()
        row.value = 99
        db.session.commit()
    with app.app_context():
        assert settings.get_setting("soon_within_hk") == 3
    assert "out of range" in caplog.text


def test_settings_come_from_the_process_cache_until_another_worker_bumps_the_generation(app):
    """Another worker's change (its service bumps the reference generation) is not seen halfway
    through a transaction, and is seen by the next one; without a change the next transaction
    reads no setting row at all (no request needed)."""
    with app.app_context():
        first = settings.all_settings()
        assert settings.all_settings() is first  # one read per transaction
        db.session.commit()
        assert settings.all_settings() is first  # and none in the next: nothing changed
        with db.engine.begin() as other_worker:
            other_worker.execute(Setting.__table__.insert().values(key="upg_to_kpk_hk", value=7,
                                                                   updated_at=datetime(2026, 3, 2)))
            other_worker.execute(update(ReferenceGeneration).values(value=ReferenceGeneration.value + 1))
        assert settings.get_setting("upg_to_kpk_hk") == 10  # the same transaction: the same values
        db.session.commit()
        assert settings.get_setting("upg_to_kpk_hk") == 7  # the next transaction reads again
        assert settings.all_settings() is not first
