"""Case files for intake records that have none: the backfill run by migrations 0010 and 0017.

A database made before the case workspace (or one whose records were loaded outside the app)
holds reports and complaints without a ``case_file`` row, so the officers' queue and the case
pages would not show them. :func:`backfill_case_files` adds the missing rows the way intake
does (:func:`.opening.open_case`): the kind's queue, the handling unit of the administrator's
routing rule (else the default handling unit, else the OPD's own unit), the categorical
fields, the status, the working-day due date of that status on the tenant's calendar and SLA
settings, the recusals of officers named in the record and a first history entry.

It runs on a bare Connection at a migration's point in history, so it uses SQLAlchemy Core
with the columns named here, reading the optional ones (added or dropped by later
migrations: ``status``, ``status_changed_at``, ``recused_officer_ids``) only where they
exist, never the ORM models, which describe the head schema. Only pure rules are shared with
the app. A record whose status column is gone gets its workflow's first state.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import clock
from ..rules.calendar import CalendarEntry, WorkingDayCalendar
from ..rules.workflow import MACHINES
from ..settings.registry import REGISTRY, SLA_ALIASES, SettingValueError, workflow_sla_keys
from . import sla


def backfill_action(revision: str) -> str:
    """The action of a backfilled case's history entries (never shown; a downgrade finds the
    case files its upgrade added by it)."""
    return f"diajukan:{revision}"


@dataclass(frozen=True)
class _Kind:
    """Where one kind of intake record keeps what a case file indexes."""

    kind: str
    record_type: str
    queue: str
    number: str
    category: str
    unit: str
    received: str
    submitted: str
    changed_fallback: str


KINDS = (
    _Kind("gratifikasi", "gratification_report", "upg", "tracking_number", "jenis_laporan", "unit_id",
          "tanggal_lapor", "submitted_at", "submitted_at"),
    _Kind("pengaduan", "complaint", "inspektorat", "number", "category", "terlapor_unit_id",
          "received_on", "created_at", "updated_at"),
)

_case_file = sa.table(
    "case_file", sa.column("id"), sa.column("kind"), sa.column("record_type"), sa.column("record_id"),
    sa.column("tracking_number"), sa.column("queue"), sa.column("handling_unit_id"), sa.column("unit_id"),
    sa.column("category"), sa.column("status"), sa.column("status_changed_at"), sa.column("is_open"),
    sa.column("received_on"), sa.column("due_on"), sa.column("flag_kpk_aph"), sa.column("assignee_id"),
    sa.column("created_at"),
)
_case_event = sa.table(
    "case_event", sa.column("case_id"), sa.column("occurred_at"), sa.column("actor_type"), sa.column("actor_id"),
    sa.column("action"), sa.column("from_status"), sa.column("to_status"),
)
_case_recusal = sa.table(
    "case_recusal", sa.column("case_id"), sa.column("officer_id"), sa.column("basis"), sa.column("created_at"),
)


def settings_values(stored: Mapping[str, Any]) -> dict[str, int]:
    """Every registry key with its value: the stored one if valid, else the default."""
    values: dict[str, int] = {}
    for key, spec in REGISTRY.items():
        try:
            values[key] = spec.parse(stored[key]) if key in stored else spec.default
        except SettingValueError:
            values[key] = spec.default
    return values


def sla_overrides_from(values: Mapping[str, int]) -> dict[str, int]:
    """Every workflow SLA key with its value, from :func:`settings_values`."""
    return {key: values[SLA_ALIASES.get(key, key)] for key in workflow_sla_keys()}


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _moment(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _ids(value: Any) -> set[int]:
    if isinstance(value, str):
        value = json.loads(value or "[]")
    return {int(item) for item in value or ()}


class _Tenant:
    """The tenant data a due date and a handling unit depend on, read once."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        days = conn.execute(sa.text("SELECT day, name, kind FROM calendar_day")).all()
        self.calendar = WorkingDayCalendar.from_entries(
            [CalendarEntry(_date(day), name, kind) for day, name, kind in days])
        query = sa.text("SELECT key, value FROM setting").columns(sa.column("key"), sa.column("value", sa.JSON))
        stored: dict[str, Any] = dict(conn.execute(query).tuples().all())
        self.overrides = sla_overrides_from(settings_values(stored))
        self.officer_ids = set(conn.execute(sa.text("SELECT id FROM officer")).scalars())

    def handling_unit(self, kind: str, queue: str, unit_id: int | None) -> int | None:
        rules = self.conn.execute(sa.text(
            "SELECT handling_unit_id FROM routing_rule WHERE kind = :kind AND "
            "(source_unit_id = :unit OR source_unit_id IS NULL) ORDER BY source_unit_id IS NULL, id"
        ), {"kind": kind, "unit": unit_id}).scalars().first()
        if rules is not None:
            return int(rules)
        return self.default_handling_unit(queue) or unit_id

    def default_handling_unit(self, queue: str) -> int | None:
        """As ``routing.default_handling_unit``: a staffed Inspektorat, the queue's first
        officer's unit, any active Inspektorat."""
        officers = "SELECT unit_id FROM officer WHERE role = :role AND disabled_at IS NULL"
        inspektorat = "SELECT id FROM unit WHERE kind = 'inspektorat' AND active = :yes"
        for query in (f"{inspektorat} AND id IN ({officers}) ORDER BY id",
                      f"{officers} ORDER BY id",
                      f"{inspektorat} ORDER BY id"):
            found = self.conn.execute(sa.text(query), {"role": queue, "yes": True}).scalars().first()
            if found is not None:
                return int(found)
        return None


def _missing(conn: Connection, source: _Kind, columns: set[str]) -> Iterable[Any]:
    wanted = ["id", source.number, source.category, source.unit, source.received, source.submitted,
              source.changed_fallback]
    wanted += [name for name in ("status", "status_changed_at", "recused_officer_ids", "flag_kpk_aph")
               if name in columns]
    listed = ", ".join(f"r.{name}" for name in dict.fromkeys(wanted))
    # Accepted bandit B608 (bare nosec): table and column names come from the fixed _Kind data above.
    return conn.execute(sa.text(
        f"SELECT {listed} FROM {source.record_type} r WHERE NOT EXISTS (SELECT 1 FROM case_file c "  # nosec
        f"WHERE c.record_type = :record_type AND c.record_id = r.id) ORDER BY r.id"
    ), {"record_type": source.record_type}).mappings().all()


def backfill_case_files(conn: Connection, revision: str) -> int:
    """Add a case file for every report and complaint without one; returns how many.

    ``revision``: the migration doing it, kept in the history entries' action."""
    tenant = _Tenant(conn)
    added = 0
    for source in KINDS:
        columns = {column["name"] for column in sa.inspect(conn).get_columns(source.record_type)}
        for row in _missing(conn, source, columns):
            _add_case(conn, tenant, source, row, backfill_action(revision))
            added += 1
    return added


def _add_case(conn: Connection, tenant: _Tenant, source: _Kind, row: Mapping[str, Any], action: str) -> None:
    machine = MACHINES[source.kind]
    status = row.get("status") or machine.initial
    if status not in machine.states:
        status = machine.initial
    submitted = _moment(row[source.submitted])
    changed = _moment(row.get("status_changed_at") or row[source.changed_fallback])
    received_on = _date(row[source.received])
    unit_id = row[source.unit]
    handling_unit_id = tenant.handling_unit(source.kind, source.queue, unit_id)
    if handling_unit_id is None:
        raise RuntimeError(f"{source.record_type} {row['id']}: no unit exists to handle its case")
    due_on = sla.due_date(source.kind, status, received_on=received_on, entered_on=clock.local_date(changed),
                          calendar=tenant.calendar, overrides=tenant.overrides)
    case_id = conn.execute(sa.insert(_case_file).values(
        kind=source.kind, record_type=source.record_type, record_id=row["id"],
        tracking_number=row[source.number] or "", queue=source.queue, handling_unit_id=handling_unit_id,
        unit_id=unit_id, category=str(row[source.category]), status=status, status_changed_at=changed,
        is_open=not machine.is_final(status), received_on=received_on, due_on=due_on,
        flag_kpk_aph=bool(row.get("flag_kpk_aph")), assignee_id=None, created_at=submitted,
    ).returning(_case_file.c.id)).scalar_one()
    conn.execute(sa.insert(_case_event).values(
        case_id=case_id, occurred_at=submitted, actor_type="reporter", actor_id=None, action=action,
        from_status=None, to_status=machine.initial))
    if status != machine.initial:
        conn.execute(sa.insert(_case_event).values(
            case_id=case_id, occurred_at=max(changed, submitted), actor_type="system", actor_id=None,
            action=action, from_status=machine.initial, to_status=status))
    for officer_id in sorted(_ids(row.get("recused_officer_ids")) & tenant.officer_ids):
        conn.execute(sa.insert(_case_recusal).values(
            case_id=case_id, officer_id=officer_id, basis="terlapor", created_at=submitted))


__all__ = ["backfill_action", "backfill_case_files", "settings_values", "sla_overrides_from"]
