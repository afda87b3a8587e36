"""Read and change the per-tenant settings stored in the ``setting`` table.

Values are cached per process and reloaded when the reference generation moved
(``settings.cache``), so an admin's change in one worker is seen by every worker. No request
state is used, so commands and workers read settings the same way.
"""
from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select

from .. import clock
from ..extensions import db
from ..models import Officer, Setting
from ..rules.deadlines import DeadlineSettings
from .cache import bump, cached
from .registry import (
    REGISTRY,
    SLA_ALIASES,
    SettingValueError,
    canonical_key,
    choice_spec_for,
    spec_for,
    workflow_sla_keys,
)

__all__ = [
    "SettingError",
    "all_settings",
    "deadline_settings",
    "get_choice",
    "get_setting",
    "set_choice",
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
    return cached(_CACHE, _read_settings)


def _read_settings() -> dict[str, int]:
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
    return values


def get_setting(key: str) -> int:
    """The current value of ``key`` (a workflow alias such as gratifikasi.upg_ke_kpk_hk works too)."""
    spec_for(key)  # raises SettingError for an unknown key
    return all_settings()[canonical_key(key)]


def set_setting(key: str, value: object, officer: Officer | None = None) -> int:
    """Validate and store ``value``; returns the stored int. Raises SettingError."""
    spec = spec_for(key)
    return _store(spec.key, spec.parse(value), officer)


def _store(key: str, value: object, officer: Officer | None) -> Any:
    """Write one validated value (insert or update) and commit it with a new reference generation."""
    row = db.session.execute(select(Setting).where(Setting.key == key)).scalar_one_or_none()
    if row is None:
        row = Setting(key=key)
        db.session.add(row)
    row.value = value
    row.updated_by_id = officer.id if officer is not None else None
    row.updated_at = clock.utcnow()
    bump()
    db.session.commit()
    return value


def deadline_settings() -> DeadlineSettings:
    values = all_settings()
    return DeadlineSettings(
        receipt_to_upg_hk=values["receipt_to_upg_hk"],
        upg_to_kpk_hk=values["upg_to_kpk_hk"],
        soon_within_hk=values["soon_within_hk"],
    )


def sla_overrides() -> dict[str, int]:
    """Every workflow SLA key with its value, for ``rules.state_machine.effective_sla_days``."""
    values = all_settings()
    return {key: values[SLA_ALIASES.get(key, key)] for key in workflow_sla_keys()}


def get_choice(key: str) -> str:
    """The current value of a choice setting (``settings_registry.CHOICE_REGISTRY``)."""
    spec = choice_spec_for(key)
    row = setting_rows().get(key)
    if row is None:
        return spec.default
    try:
        return spec.parse(row.value)
    except SettingValueError:
        log.warning("setting %s: stored value %r is not a known choice; using default", key, row.value)
        return spec.default


def set_choice(key: str, value: object, officer: Officer | None = None) -> str:
    """Validate and store a choice setting; returns the stored value. Raises SettingError."""
    return _store(key, choice_spec_for(key).parse(value), officer)
