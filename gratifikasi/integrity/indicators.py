"""The LKE answers the app computes from its own data for a unit and period.

The rules (what counts, grades, ruleset versions) are in :mod:`gratifikasi.rules.indicators`
and :mod:`gratifikasi.rules.lke`; this module only feeds them the counts of the KPIs
(:mod:`.kpis`) and of the evidence records (:mod:`.evidence_queries`).
"""
from __future__ import annotations

from datetime import date

from .. import clock
from ..models.integrity import DocumentKind, MonevScope
from ..rules import indicators as ind
from ..rules.indicators import IndicatorResult
from ..rules.lke import ruleset_for
from ..rules.lke_data import LkeRuleset
from ..rules.periods import Period
from . import evidence_queries
from .complaint_queries import complaints_available
from .kpis import ComplaintKpis, ReportKpis, complaint_kpis, report_kpis
from .periods import semester_due
from .queries import Scope

# "Berkala" is proxied per quarter (domain.md §4.4).
REGULARITY_SUB_PERIOD = "quarter"


def _sub_kind(period: Period) -> str:
    # A quarter or month is "regular" with one activity inside it.
    return REGULARITY_SUB_PERIOD if period.kind in ("year", "semester") else period.kind


def computed_indicators(
    unit_id: int | None, period: Period, as_of: date | None = None,
    ruleset: LkeRuleset | None = None,
    reports: ReportKpis | None = None, complaints: ComplaintKpis | None = None,
) -> list[IndicatorResult]:
    """The LKE answers the app computes for a unit (None: agency) and period."""
    as_of = as_of or clock.local_today()
    rs = ruleset or ruleset_for(period.end)
    scope = Scope(period.start, period.end, unit_id)
    reports = reports or report_kpis(scope)
    complaints = complaints or complaint_kpis(scope)
    classes = complaints.classes
    results = [
        ind.pre2_penanganan_pengaduan(classes["harus"], classes["selesai"], ruleset=rs),
        ind.ppe3b_pengaduan_ditindaklanjuti(classes["harus"], classes["selesai"], ruleset=rs),
    ]
    for code_reg, code_fu, scope_kind in (("PPE3.c", "PPE3.d", MonevScope.pengaduan),
                                          ("PPE4.b", "PPE4.c", MonevScope.wbs)):
        dates = evidence_queries.monev_dates(unit_id, scope_kind, period.start, period.end)
        results.append(ind.monev_regularity(code_reg, dates, period, _sub_kind(period), as_of, ruleset=rs))
        recs = evidence_queries.monev_recommendation_counts(unit_id, scope_kind, period.start, period.end)
        results.append(ind.evaluation_followup(code_fu, recs["monev"], recs["rekomendasi"], recs["selesai"],
                                               ruleset=rs))
    results.append(ind.ppe4a_wbs_diterapkan(
        complaints_available(), evidence_queries.document_on_file(DocumentKind.kebijakan_wbs, unit_id, period.end),
        ruleset=rs))
    campaigns = evidence_queries.activity_dates(unit_id, period.start, period.end)
    results.append(ind.ppe1a_public_campaign(campaigns, period, _sub_kind(period), as_of, ruleset=rs))

    semesters = [p for p in period.sub_periods("semester")] if period.kind in ("year", "semester") else \
        [Period.containing(period.start, "semester")]
    due = [s for s in semesters if semester_due(s.year, s.index) <= as_of]
    sent = evidence_queries.recaps(unit_id, period.year)
    sent_due = [sent[s.index] for s in due if s.index in sent]
    forwarded = reports.counts["diteruskan"]
    within = reports.forwarded_within_sla
    results.append(ind.ppe1b_implementasi(
        has_sk_upg=evidence_queries.document_on_file(DocumentKind.sk_upg, unit_id, period.end),
        has_sop=evidence_queries.document_on_file(DocumentKind.sop, unit_id, period.end),
        reports_processed=reports.counts["diproses"],
        recaps_due=len(due), recaps_sent=len(sent_due),
        recaps_sent_on_time=sum(1 for s, d in sent_due if s <= d),
        # Every report in a forwarded state counts; only those with a recorded forwarding date
        # can be on time, so the app never claims grade A on data it does not have.
        forwarded_total=forwarded,
        forwarded_within_sla=within[0],
        ruleset=rs,
    ))
    response_values = [float(d) for d, n in complaints.response_days for _ in range(n)]
    results.append(ind.prf2_responsiveness(response_values, complaints.channels,
                                           sla_days=complaints.response_sla_hk, ruleset=rs))
    order = [question.code for question in rs.questions()]
    return sorted(results, key=lambda r: order.index(r.code))
