"""Evidence records behind the LKE items (documents, activities, monev with their
recommendations, semester recaps to KPK), their files, and the generated monev report.

Each writing function is one transaction, audited with categorical details only. Evidence
files are sealed like every attachment; who may open them is decided in :mod:`.access`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from .. import audit, clock
from ..extensions import db
from ..models import Attachment, Officer
from ..models.integrity import (
    ActivityKind,
    DocumentKind,
    EvidenceActivity,
    EvidenceDocument,
    KpkRecap,
    MonevRecommendation,
    MonevRecord,
    MonevScope,
    MonevSource,
    RecommendationStatus,
)
from ..rules.periods import Period
from ..uploads import service as uploads
from .complaint_queries import complaint_counts_by_month
from .evidence_queries import evidence_unit
from .kpis import complaint_kpis
from .periods import IntegrityError, semester_due
from .queries import Scope

# Evidence is agency paperwork: the SK or SOP itself, a campaign photo or poster, the
# notulen. PDF, Office documents and images cover it; a voice note or a text file is not one.
EVIDENCE_FILE_KINDS = ("pdf", "office", "image")


def _now_record(obj: Any, officer: Officer) -> None:
    obj.created_by_id = officer.id
    obj.created_at = clock.utcnow()


def _add_evidence(officer: Officer, record: Any, action: str, object_type: str, *,
                  file: FileStorage | None = None, **details: Any) -> Any:
    """Insert an evidence record, its file and its audit entry in one transaction.

    The file must have passed ``uploads.check_files(..., kinds=EVIDENCE_FILE_KINDS)``. Raises
    UploadRejected (a damaged image fails only when re-encoded) or VaultNotReady (no case
    ring to seal to); nothing is kept then.
    """
    _now_record(record, officer)
    try:
        db.session.add(record)
        db.session.flush()
        # Sealed to the `case` ring, as store_attachments seals every file. Of the three rings
        # (design.md §3) it is the one for content that is not someone's identity; the two
        # identity rings are for reporters and whistleblowers, whose holders (custodians) have
        # no business with an SK UPG. So case-ring members open evidence files; a viewer
        # outside that ring (pimpinan, in the demo) sees their size and type only.
        stored = uploads.store_attachments(type(record).ATTACHMENT_OWNER, record.id, [file], officer,
                                           kinds=EVIDENCE_FILE_KINDS) if file is not None else []
    except Exception:
        db.session.rollback()  # the page shown next must not list the half-saved record
        raise
    audit.record(action, actor_id=officer.id, object_type=object_type, object_id=record.id, commit=False,
                 files=len(stored), **details)
    db.session.commit()
    return record


def add_document(officer: Officer, *, unit_id: int | None, kind: DocumentKind, number: str, title: str,
                 document_date: date, reference: str | None, file: FileStorage | None = None) -> EvidenceDocument:
    doc = EvidenceDocument(unit_id=unit_id, kind=kind, number=number, title=title,
                           document_date=document_date, reference=reference or None)
    return _add_evidence(officer, doc, "integrity.document_added", "evidence_document", file=file,
                         kind=kind.value, unit_id=unit_id)


def add_activity(officer: Officer, *, unit_id: int | None, kind: ActivityKind, activity_date: date, title: str,
                 participants: int | None, reference: str | None,
                 file: FileStorage | None = None) -> EvidenceActivity:
    act = EvidenceActivity(unit_id=unit_id, kind=kind, activity_date=activity_date, title=title,
                           participants=participants, reference=reference or None)
    return _add_evidence(officer, act, "integrity.activity_added", "evidence_activity", file=file,
                         kind=kind.value, unit_id=unit_id)


def _recommendation_lines(text: str | None) -> list[str]:
    return [line.strip()[:500] for line in (text or "").splitlines() if line.strip()]


def add_monev(officer: Officer, *, unit_id: int | None, scope: MonevScope, held_on: date, title: str,
              recommendations: str | None, source: MonevSource = MonevSource.rapat,
              period: Period | None = None, obstacles: str | None = None,
              solutions: str | None = None, file: FileStorage | None = None) -> MonevRecord:
    record = MonevRecord(unit_id=unit_id, scope=scope, source=source, held_on=held_on, title=title,
                         obstacles=obstacles or None, solutions=solutions or None)
    if period is not None:
        record.period_year, record.period_kind, record.period_index = period.year, period.kind, period.index
    for line in _recommendation_lines(recommendations):
        record.recommendations.append(MonevRecommendation(
            text=line, status=RecommendationStatus.terbuka, status_changed_at=clock.utcnow(),
            status_changed_by_id=officer.id))
    return _add_evidence(officer, record, "integrity.monev_added", "monev_record", file=file, scope=scope.value,
                         source=source.value, unit_id=unit_id, recommendations=len(record.recommendations))


def record_monev_report(officer: Officer, *, unit_id: int | None, period: Period, scope: MonevScope,
                        obstacles: str | None, solutions: str | None,
                        recommendations: str | None = None) -> MonevRecord:
    """Generating the app's monev report counts as a monev held today (LKE PPE3.c/PPE4.b)."""
    title = f"Laporan monev {('pengaduan dan WBS' if scope is MonevScope.keduanya else scope.value)} " \
            f"{period.label_id}"
    return add_monev(officer, unit_id=unit_id, scope=scope, held_on=clock.local_today(), title=title,
                     recommendations=recommendations, source=MonevSource.laporan_aplikasi, period=period,
                     obstacles=obstacles, solutions=solutions)


def set_recommendation_status(officer: Officer, recommendation_id: int,
                              status: RecommendationStatus) -> MonevRecommendation:
    rec = db.session.get(MonevRecommendation, recommendation_id)
    if rec is None:
        raise IntegrityError("Rekomendasi tidak ditemukan.")
    rec.status = status
    rec.status_changed_at = clock.utcnow()
    rec.status_changed_by_id = officer.id
    audit.record("integrity.recommendation_status", actor_id=officer.id, object_type="monev_recommendation",
                 object_id=rec.id, status=status.value, commit=False)
    db.session.commit()
    return rec


def add_recap(officer: Officer, *, unit_id: int | None, year: int, semester: int, sent_on: date,
              reference: str | None) -> KpkRecap:
    existing = db.session.execute(select(KpkRecap).where(
        KpkRecap.year == year, KpkRecap.semester == semester,
        KpkRecap.unit_id.is_(None) if unit_id is None else KpkRecap.unit_id == unit_id,
    )).scalar_one_or_none()
    if existing is not None:
        raise IntegrityError("Rekap semester ini sudah dicatat.")
    recap = KpkRecap(unit_id=unit_id, year=year, semester=semester, sent_on=sent_on,
                     due_on=semester_due(year, semester), reference=reference or None)
    return _add_evidence(officer, recap, "integrity.recap_added", "kpk_recap", year=year, semester=semester,
                         on_time=recap.on_time)


@dataclass(frozen=True)
class EvidenceFile:
    """An evidence record's file as one officer sees it in a list."""

    id: int
    filename: str | None  # None: this officer cannot open it (not in the case ring)
    kind: str
    mime: str
    size: int

    @property
    def kind_label(self) -> str:
        return str(uploads.KIND_LABELS.get(self.kind, self.kind))

    @property
    def size_text(self) -> str:
        return uploads.size_text(self.size)


@dataclass
class EvidenceList:
    documents: list[EvidenceDocument]
    activities: list[EvidenceActivity]
    monev: list[MonevRecord]
    recaps: list[KpkRecap]
    # (owner type, record id) -> its files; filled by with_files() for the reading officer.
    files: dict[tuple[str, int], list[EvidenceFile]] = field(default_factory=dict)

    def files_of(self, record: Any) -> list[EvidenceFile]:
        return self.files.get((type(record).ATTACHMENT_OWNER, record.id), [])


def with_files(evidence: EvidenceList, officer: Officer, private_key: bytes | None) -> EvidenceList:
    """Add the records' files: one query per kind of record, names opened for this officer."""
    def shown(row: Attachment) -> EvidenceFile:
        return EvidenceFile(row.id, uploads.readable_filename(officer, private_key, row), row.kind, row.mime,
                            row.size)

    for records in (evidence.documents, evidence.activities, evidence.monev):
        if not records:
            continue
        owner = type(records[0]).ATTACHMENT_OWNER
        for owner_id, rows in uploads.attachments_of_many(owner, (r.id for r in records)).items():
            evidence.files[(owner, owner_id)] = [shown(row) for row in rows]
    return evidence


def evidence_list(unit_id: int | None, start: date | None = None, end: date | None = None) -> EvidenceList:
    """The evidence of a unit (its own and agency-wide); documents regardless of date."""
    def scoped(model: Any) -> Any:
        return evidence_unit(model.unit_id, unit_id)

    docs = db.session.execute(select(EvidenceDocument).where(scoped(EvidenceDocument))
                              .order_by(EvidenceDocument.document_date.desc())).scalars().all()
    acts = select(EvidenceActivity).where(scoped(EvidenceActivity))
    mons = select(MonevRecord).where(scoped(MonevRecord))
    reps = select(KpkRecap).where(scoped(KpkRecap))
    if start and end:
        acts = acts.where(EvidenceActivity.activity_date.between(start, end))
        mons = mons.where(MonevRecord.held_on.between(start, end))
        reps = reps.where(KpkRecap.year.between(start.year, end.year))
    return EvidenceList(
        list(docs),
        list(db.session.execute(acts.order_by(EvidenceActivity.activity_date.desc())).scalars()),
        list(db.session.execute(mons.order_by(MonevRecord.held_on.desc())).scalars()),
        list(db.session.execute(reps.order_by(KpkRecap.year.desc(), KpkRecap.semester.desc())).scalars()),
    )


def monev_report_data(record: MonevRecord) -> dict[str, Any]:
    """What the generated monev report shows: complaints per month per category, follow-up."""
    year, kind, index = record.period_year, record.period_kind, record.period_index
    period = Period(year, kind, index) if year and kind and index else Period.containing(record.held_on, "quarter")
    scope = Scope(period.start, period.end, record.unit_id)
    per_month = complaint_counts_by_month(scope, by_category=True)
    months = period.sub_periods("month")
    categories = sorted({key[0] for key in per_month})
    table = [[per_month.get((c, m.year, m.index), 0) for m in months] for c in categories]
    kpis = complaint_kpis(scope)
    return {"period": period, "months": months, "categories": categories, "table": table, "kpis": kpis,
            "rows": list(zip(categories, table, strict=True)),
            "record": record}
