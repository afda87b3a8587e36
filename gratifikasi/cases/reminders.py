"""The daily reminder (``flask cases remind``): due-soon and overdue cases, by e-mail.

Recipients are the handling officers of each case (its assignee, or every eligible officer of
its queue and handling unit while it is unassigned) and the head named in the routing rule.
Recused officers never get a reminder about a case. One e-mail per recipient carries only
counts and a link to the queue: no tracking number, no case content, no identity. No request
is needed: the link is built from ``base_url`` or the ``BASE_URL`` setting.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from .. import audit
from ..calendar.service import working_day_calendar
from ..extensions import db
from ..models import AuditEntry, Officer, Role
from ..models.case import CaseFile, CaseRecusal, RoutingRule
from ..outbox import enqueue
from ..outbox.links import external_url
from . import services, sla
from .transitions import refresh_due_date

BATCH = 1000


@dataclass
class Tally:
    overdue: int = 0
    due_soon: int = 0


@dataclass
class ReminderResult:
    refreshed: int = 0
    cases: int = 0
    sent: int = 0
    without_email: int = 0
    tallies: dict[int, Tally] = field(default_factory=dict)
    already_sent_today: bool = False


def refresh_open_due_dates() -> int:
    """Recompute every open case's due date (settings or calendar may have changed)."""
    changed, last_id = 0, 0
    while True:
        rows = list(db.session.execute(
            select(CaseFile).where(CaseFile.is_open.is_(True), CaseFile.id > last_id).order_by(CaseFile.id).limit(BATCH)
        ).scalars())
        if not rows:
            break
        for case in rows:
            before = case.due_on
            refresh_due_date(case)
            changed += case.due_on != before
        last_id = rows[-1].id
        db.session.commit()
    return changed


def _handlers(cases: list[CaseFile]) -> dict[int, set[int]]:
    """case id → officer ids to remind (never a recused officer)."""
    ids = [c.id for c in cases]
    recused: dict[int, set[int]] = defaultdict(set)
    for start in range(0, len(ids), BATCH):
        for case_id, officer_id in db.session.execute(
            select(CaseRecusal.case_id, CaseRecusal.officer_id).where(CaseRecusal.case_id.in_(ids[start:start + BATCH]))
        ):
            recused[case_id].add(officer_id)
    pools: dict[tuple[str, int], set[int]] = {}
    heads: dict[tuple[str, int | None], int | None] = {}
    rules = list(db.session.execute(select(RoutingRule)).scalars())
    result: dict[int, set[int]] = {}
    for case in cases:
        if case.assignee_id is not None:
            people = {case.assignee_id}
        else:
            key = (case.queue, case.handling_unit_id)
            if key not in pools:
                pools[key] = set(db.session.execute(
                    select(Officer.id).where(Officer.role == Role(case.queue), Officer.unit_id == case.handling_unit_id,
                                             Officer.disabled_at.is_(None))
                ).scalars())
            people = set(pools[key])
        head_key = (case.kind.value, case.unit_id)
        if head_key not in heads:
            own = [r for r in rules if r.kind == case.kind and r.source_unit_id == case.unit_id]
            default = [r for r in rules if r.kind == case.kind and r.source_unit_id is None]
            chosen = next(iter(own or default), None)
            heads[head_key] = chosen.head_officer_id if chosen is not None else None
        head = heads[head_key]
        if head is not None:
            people.add(head)
        result[case.id] = people - recused[case.id]
    return result


def _sent_on(day: date) -> bool:
    """Whether reminders for this day were already queued (the audit log records each run)."""
    last = db.session.execute(
        select(AuditEntry.details).where(AuditEntry.action == "cases.reminders_sent")
        .order_by(AuditEntry.seq.desc()).limit(1)
    ).scalar_one_or_none()
    if not last:
        return False
    return last.get("day") == day.isoformat() and bool(last.get("sent"))


def send_reminders(today: date | None = None, *, refresh: bool = True, force: bool = False,
                   base_url: str | None = None) -> ReminderResult:
    """Queue one reminder per officer with overdue or due-soon cases, once a day (a second
    run the same day sends nothing unless forced: cron retries must not spam). Links point
    to ``base_url`` (default: the ``BASE_URL`` setting). Commits."""
    today = today or services.today()
    result = ReminderResult()
    if not force and _sent_on(today):
        result.already_sent_today = True
        return result
    if refresh:
        result.refreshed = refresh_open_due_dates()
    limit = sla.soon_limit(today, working_day_calendar(), services.soon_within_hk())
    cases = list(db.session.execute(
        select(CaseFile).where(CaseFile.is_open.is_(True), CaseFile.due_on <= limit)
    ).scalars())
    result.cases = len(cases)
    tallies: dict[int, Tally] = defaultdict(Tally)
    handlers = _handlers(cases)
    for case in cases:
        for officer_id in handlers[case.id]:
            if case.due_on < today:
                tallies[officer_id].overdue += 1
            else:
                tallies[officer_id].due_soon += 1
    for officer_id, tally in sorted(tallies.items()):
        officer = db.session.get(Officer, officer_id)
        if officer is None or officer.disabled_at is not None:
            continue
        if not officer.email:
            result.without_email += 1
            continue
        _queue_email(officer, tally, base_url)
        result.sent += 1
    result.tallies = dict(tallies)
    audit.record("cases.reminders_sent", actor_type="system", commit=False, day=today.isoformat(),
                 cases=result.cases, sent=result.sent, without_email=result.without_email)
    db.session.commit()
    return result


def _queue_email(officer: Officer, tally: Tally, base_url: str | None) -> None:
    assert officer.email  # the caller counts officers without an address instead
    with force_locale("id"):
        link = external_url("cases.queue", base_url=base_url, tenggat="terlambat" if tally.overdue else "segera")
        subject = _("Pengingat tenggat perkara: %(late)d terlambat, %(soon)d segera jatuh tempo",
                    late=tally.overdue, soon=tally.due_soon)
        body = "\n\n".join([
            _("Yth. %(nama)s,", nama=officer.full_name),
            _("Ada %(late)d perkara yang melewati tenggat dan %(soon)d perkara yang segera jatuh tempo "
              "di antrean yang Anda tangani atau pimpin.", late=tally.overdue, soon=tally.due_soon),
            _("Buka antrean perkara setelah masuk: %(link)s", link=link),
            _("E-mail ini sengaja tidak memuat nomor atau isi perkara."),
        ])
    enqueue(officer.email, subject, body, kind="case-reminder")
