"""Read and change the per-tenant settings stored in the ``setting`` table.

Values are read once per request (cached in ``flask.g``) rather than per process: with several
gunicorn workers a process cache would keep serving an old value after an admin changed it.
"""
from __future__ import annotations

import logging

from flask import g
from sqlalchemy import select

from . import clock
from .extensions import db
from .models import Officer, Setting
from .rules.deadlines import DeadlineSettings
from .settings_registry import REGISTRY, SLA_ALIASES, SettingValueError, canonical_key, spec_for, workflow_sla_keys

__all__ = [
    "SettingError",
    "all_settings",
    "deadline_settings",
    "get_setting",
    "set_setting",
    "setting_rows",
    "sla_overrides",
]

SettingError = SettingValueError  # the message is Indonesian and may be shown as is

_CACHE = "_gratifikasi_settings"
log = logging.getLogger(__name__)


def setting_rows() -> dict[str, Setting]:
    """The stored rows by key (for showing who changed what and when)."""
    return {row.key: row for row in db.session.execute(select(Setting)).scalars()}


def all_settings() -> dict[str, int]:
    """Every registry key with its current value (stored or default)."""
    cached = g.get(_CACHE)
    if cached is not None:
        return cached
    stored = {key: row.value for key, row in setting_rows().items()}
    values: dict[str, int] = {}
    for key, spec in REGISTRY.items():
        if key not in stored:
            values[key] = spec.default
            continue
        try:
            values[key] = spec.parse(stored[key])
        except SettingValueError:
            # A limit tightened after the value was saved: keep working on the default and
            # say so in the log instead of failing every page that shows a deadline.
            log.warning("setting %s: stored value %r is out of range; using default", key, stored[key])
            values[key] = spec.default
    g.setdefault(_CACHE, values)
    return values


def get_setting(key: str) -> int:
    """The current value of ``key`` (a workflow alias such as gratifikasi.upg_ke_kpk_hk works too)."""
    spec_for(key)  # raises SettingError for an unknown key
    return all_settings()[canonical_key(key)]


def set_setting(key: str, value: object, officer: Officer | None = None) -> int:
    """Validate and store ``value``; returns the stored int. Raises SettingError."""
    spec = spec_for(key)
    parsed = spec.parse(value)
    row = db.session.execute(select(Setting).where(Setting.key == spec.key)).scalar_one_or_none()
    if row is None:
        row = Setting(key=spec.key)
        db.session.add(row)
    row.value = parsed
    row.updated_by_id = officer.id if officer is not None else None
    row.updated_at = clock.utcnow()
    db.session.commit()
    g.pop(_CACHE, None)
    return parsed


def deadline_settings() -> DeadlineSettings:
    values = all_settings()
    return DeadlineSettings(
        receipt_to_upg_hk=values["receipt_to_upg_hk"],
        upg_to_kpk_hk=values["upg_to_kpk_hk"],
        soon_within_hk=values["soon_within_hk"],
    )


def sla_overrides() -> dict[str, int]:
    """Every workflow SLA key with its value, for ``rules.workflow.effective_sla_days``."""
    values = all_settings()
    return {key: values[SLA_ALIASES.get(key, key)] for key in workflow_sla_keys()}
