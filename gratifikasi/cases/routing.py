"""Routing new intake records to a handling queue, with recusal (issue 6 §1).

The rule itself is pure (``rules.routing``); what an administrator can change lives in the
``routing_rule`` table: which unit's officers handle a kind of case (optionally per OPD),
who heads them (reminders), and the UU 19/2019 thresholds of the KPK/APH flag.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from .. import audit, clock
from ..extensions import db
from ..models import Officer, Role, Unit, UnitKind
from ..models.case import CaseKind, RoutingRule
from ..rules.routing import RoutingRules
from ..settings.cache import bump, cached

_RULES = "_gratifikasi_routing_rules"


class RoutingError(ValueError):
    """A refused routing-rule change; the message is Indonesian."""


@dataclass(frozen=True)
class Rule:
    """A routing rule as plain data (kept in the per-process reference cache)."""

    kind: CaseKind
    source_unit_id: int | None
    handling_unit_id: int
    head_officer_id: int | None
    kpk_loss_threshold: int
    flag_penyelenggara_negara: bool
    flag_law_enforcer: bool


def _read_rules() -> list[Rule]:
    rows = db.session.execute(select(RoutingRule).order_by(RoutingRule.id)).scalars()
    return [Rule(row.kind, row.source_unit_id, row.handling_unit_id, row.head_officer_id, row.kpk_loss_threshold,
                 row.flag_penyelenggara_negara, row.flag_law_enforcer) for row in rows]


def rule_for(kind: CaseKind, source_unit_id: int | None) -> Rule | None:
    """The OPD's own rule if there is one, else the kind's default rule (or None)."""
    rows = [rule for rule in cached(_RULES, _read_rules) if rule.kind == kind]
    own = [rule for rule in rows if source_unit_id is not None and rule.source_unit_id == source_unit_id]
    default = [rule for rule in rows if rule.source_unit_id is None]
    return own[0] if own else (default[0] if default else None)


def default_handling_unit(queue: str) -> int | None:
    """Without a rule: the Inspektorat (where the UPG usually sits, domain.md §2.1) if officers
    of the queue work there, else the unit of the queue's first officer, else any active
    Inspektorat: a citizen's complaint must be stored even before the first officer exists."""
    return cached(f"{_RULES}.default.{queue}", lambda: _read_default_handling_unit(queue))


def _read_default_handling_unit(queue: str) -> int | None:
    officers = select(Officer.unit_id).where(Officer.role == Role(queue), Officer.disabled_at.is_(None))
    inspektorat = (
        select(Unit.id).where(Unit.kind == UnitKind.inspektorat, Unit.active.is_(True)).order_by(Unit.id).limit(1)
    )
    staffed = db.session.execute(inspektorat.where(Unit.id.in_(officers))).scalar_one_or_none()
    if staffed is not None:
        return staffed
    first_officer_unit = db.session.execute(officers.order_by(Officer.id).limit(1)).scalar_one_or_none()
    if first_officer_unit is not None:
        return first_officer_unit
    return db.session.execute(inspektorat).scalar_one_or_none()


def rules_of(rule: Rule | None) -> RoutingRules:
    if rule is None:
        return RoutingRules()
    return RoutingRules(
        kpk_loss_threshold=rule.kpk_loss_threshold,
        flag_penyelenggara_negara=rule.flag_penyelenggara_negara,
        flag_law_enforcer=rule.flag_law_enforcer,
    )


def list_rules() -> list[RoutingRule]:
    return list(db.session.execute(
        select(RoutingRule).order_by(RoutingRule.kind, RoutingRule.source_unit_id.is_not(None), RoutingRule.id)
    ).scalars())


def save_rule(
    admin: Officer,
    *,
    kind: CaseKind,
    source_unit_id: int | None,
    handling_unit_id: int,
    head_officer_id: int | None,
    kpk_loss_threshold: int,
    flag_penyelenggara_negara: bool,
    flag_law_enforcer: bool,
) -> RoutingRule:
    """Create or replace the rule for (kind, OPD); applies to cases routed from now on."""
    if db.session.get(Unit, handling_unit_id) is None:
        raise RoutingError("Unit penangan tidak dikenal.")
    if source_unit_id is not None and db.session.get(Unit, source_unit_id) is None:
        raise RoutingError("OPD asal tidak dikenal.")
    if head_officer_id is not None:
        head = db.session.get(Officer, head_officer_id)
        if head is None or head.unit_id != handling_unit_id:
            raise RoutingError("Pimpinan harus petugas dari unit penangan.")
    if kpk_loss_threshold < 1:
        raise RoutingError("Ambang kerugian harus lebih dari nol.")
    query = select(RoutingRule).where(RoutingRule.kind == kind)
    query = query.where(RoutingRule.source_unit_id.is_(None) if source_unit_id is None
                        else RoutingRule.source_unit_id == source_unit_id)
    rule = db.session.execute(query).scalar_one_or_none()
    if rule is None:
        rule = RoutingRule(kind=kind, source_unit_id=source_unit_id)
        db.session.add(rule)
    rule.handling_unit_id = handling_unit_id
    rule.head_officer_id = head_officer_id
    rule.kpk_loss_threshold = kpk_loss_threshold
    rule.flag_penyelenggara_negara = flag_penyelenggara_negara
    rule.flag_law_enforcer = flag_law_enforcer
    rule.updated_by_id = admin.id
    rule.updated_at = clock.utcnow()
    db.session.flush()
    audit.record("routing_rule.saved", actor_id=admin.id, object_type="routing_rule", object_id=rule.id, commit=False,
                 kind=kind.value, source_unit_id=source_unit_id, handling_unit_id=handling_unit_id,
                 head_officer_id=head_officer_id, kpk_loss_threshold=kpk_loss_threshold,
                 flag_penyelenggara_negara=flag_penyelenggara_negara, flag_law_enforcer=flag_law_enforcer)
    bump()  # rules are cached per process (settings.cache): every worker routes by the new one
    db.session.commit()
    return rule


def set_handling_unit(admin: Officer, *, kind: CaseKind, source_unit_id: int, handling_unit_id: int | None) -> None:
    """Which unit handles new cases of ``kind`` from one OPD (the admin's unit page).

    ``None`` removes the OPD's own rule, so its cases follow the kind's default rule again. A
    new OPD rule takes the default rule's thresholds and flags; an existing one keeps its own.
    """
    own = db.session.execute(
        select(RoutingRule).where(RoutingRule.kind == kind, RoutingRule.source_unit_id == source_unit_id)
    ).scalar_one_or_none()
    if handling_unit_id is None:
        if own is not None:
            db.session.delete(own)
            audit.record("routing_rule.removed", actor_id=admin.id, object_type="routing_rule", object_id=own.id,
                         commit=False, kind=kind.value, source_unit_id=source_unit_id)
            bump()
        db.session.commit()
        return
    base = own or rule_for(kind, None)
    defaults = RoutingRules()
    head = base.head_officer_id if base is not None and base.handling_unit_id == handling_unit_id else None
    save_rule(
        admin, kind=kind, source_unit_id=source_unit_id, handling_unit_id=handling_unit_id, head_officer_id=head,
        kpk_loss_threshold=base.kpk_loss_threshold if base else defaults.kpk_loss_threshold,
        flag_penyelenggara_negara=base.flag_penyelenggara_negara if base else defaults.flag_penyelenggara_negara,
        flag_law_enforcer=base.flag_law_enforcer if base else defaults.flag_law_enforcer,
    )


def own_handling_units(source_unit_id: int) -> dict[CaseKind, int]:
    """The OPD's own handling unit per kind (kinds without an OPD rule are absent)."""
    rows = db.session.execute(select(RoutingRule).where(RoutingRule.source_unit_id == source_unit_id)).scalars()
    return {row.kind: row.handling_unit_id for row in rows}
