"""Count-based LKE indicators computed from plain counts and dates (domain.md §4.4).

These are *our* proxies for the evaluator's judgement, not regulation: each
result carries the counts it used and the rule in words so that an evaluator
can redo it by hand and overrule it. ``IndicatorResult.code`` is the LKE
question code, so ``{r.code: r.answer}`` can be passed to
:func:`gratifikasi.rules.lke.compute_lke`.

Periods come from :mod:`gratifikasi.rules.periods`. Also :func:`suppress_small` for public
statistics. Pure module, no database.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from .lke import answer_score
from .lke_data import LKE_2021, LkeRuleset
from .periods import Period
from .text import N_, Text
from .workflow import COMPLAINT, COMPLAINT_CLASSES


@dataclass(frozen=True)
class IndicatorResult:
    """An indicator's answer with everything needed to check it by hand."""

    code: str
    answer: str | float
    score: float
    points: float
    counts: dict[str, object] = field(default_factory=dict)
    rule_text: Text = Text("")  # how the answer was reached (``translate`` it to show it)


def _result(code: str, answer: str | float, counts: dict[str, object], rule: Text,
            ruleset: LkeRuleset | None) -> IndicatorResult:
    rs = ruleset or LKE_2021
    score = answer_score(rs.question(code).scale, answer)
    return IndicatorResult(code, answer, score, rs.question_weight(code) * score, counts, rule)


def _non_negative(**values: int) -> None:
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"{name} must be a non-negative integer, not {value!r}")


def as_answers(results: Iterable[IndicatorResult]) -> dict[str, str | float]:
    """``{code: answer}`` ready for :func:`compute_lke`."""
    return {r.code: r.answer for r in results}


# --- Complaints ------------------------------------------------------------

def complaint_counts(classifications: Iterable[str]) -> dict[str, int]:
    """Count complaints by their workflow ``classification`` for PRE2.

    ``harus`` = every complaint not excluded (inadmissible or duplicate);
    untriaged ones count as *harus* and *diproses*, so a backlog can not be
    hidden by simply not triaging it.
    """
    counts = {c: 0 for c in COMPLAINT_CLASSES}
    for cls in classifications:
        if cls not in COMPLAINT_CLASSES:
            raise ValueError(f"unknown complaint classification {cls!r}")
        counts[cls] += 1
    harus = counts["belum_ditelaah"] + counts["harus_ditindaklanjuti"] + counts["selesai_ditindaklanjuti"]
    return {"harus": harus, "selesai": counts["selesai_ditindaklanjuti"],
            "dikecualikan": counts["tidak_dapat_ditindaklanjuti"]}


# Default first-response SLA = the complaint workflow's "baru" state (5 HK).
_baru_sla = COMPLAINT.state("baru").sla
_DEFAULT_RESPONSE_SLA_HK = _baru_sla.working_days if _baru_sla else 5


def pre2_penanganan_pengaduan(harus: int, selesai: int, ruleset: LkeRuleset | None = None) -> IndicatorResult:
    """PRE2 "Persentase penanganan pengaduan masyarakat" (bobot 3.0)."""
    _non_negative(harus=harus, selesai=selesai)
    pct = 1.0 if harus == 0 else min(1.0, selesai / harus)
    return _result(
        "PRE2.a", pct, {"harus": harus, "selesai": selesai, "diproses": max(0, harus - selesai)},
        Text(N_("% = selesai ÷ harus ditindaklanjuti (maks. 100 %); tanpa pengaduan = 100 %; nilai = 3,0 × %.")),
        ruleset,
    )


def ppe3b_pengaduan_ditindaklanjuti(harus: int, selesai: int, ruleset: LkeRuleset | None = None) -> IndicatorResult:
    """PPE3.b "Pengaduan masyarakat ditindaklanjuti": Ya if none due or ≥ 1 completed."""
    _non_negative(harus=harus, selesai=selesai)
    answer = "Ya" if harus == 0 or selesai > 0 else "Tidak"
    return _result(
        "PPE3.b", answer, {"harus": harus, "selesai": selesai},
        Text(N_("Ya bila tidak ada pengaduan yang harus ditindaklanjuti atau minimal satu sudah selesai.")),
        ruleset,
    )


def prf2_responsiveness(
    first_response_days: Sequence[float],
    channel_count: int,
    sla_days: int | None = None,
    min_channels: int = 3,
    ruleset: LkeRuleset | None = None,
) -> IndicatorResult:
    """PRF2 responsiveness (area 6): median first response vs SLA, and channel count.

    A: median ≤ SLA and ≥ ``min_channels`` channels; B: ≤ SLA, fewer channels;
    C: > SLA with enough channels; D: otherwise. No complaints → nothing was
    answered late, so the speed test passes (the median is reported as None).
    """
    _non_negative(channel_count=channel_count, min_channels=min_channels)
    sla = sla_days if sla_days is not None else _DEFAULT_RESPONSE_SLA_HK
    if any(d < 0 for d in first_response_days):
        raise ValueError("response times must be ≥ 0 working days")
    median = statistics.median(first_response_days) if first_response_days else None
    quick = median is None or median <= sla
    many = channel_count >= min_channels
    answer = {(True, True): "A", (True, False): "B", (False, True): "C", (False, False): "D"}[(quick, many)]
    return _result(
        "PRF2.a", answer,
        {"jumlah_pengaduan": len(first_response_days), "median_respon_hk": median, "sla_hk": sla,
         "jumlah_kanal": channel_count, "minimal_kanal": min_channels},
        Text(N_("A: median respon ≤ %(sla)s HK dan ≥ %(kanal)s kanal; B: cepat, kanal terbatas; "
                "C: lambat, ≥ %(kanal)s kanal; D: lambat dan kanal terbatas."), {"sla": sla, "kanal": min_channels}),
        ruleset,
    )


# --- Regularity and follow-up -------------------------------------------------

def _regularity(dates: Iterable[date], period: Period, sub_kind: str, as_of: date | None) -> tuple[str, dict]:
    """A if every due sub-period has a date, B if any date in the period, else C.

    With ``as_of`` only sub-periods that ended on or before it are due, so a
    running year is not marked irregular for months still to come.
    """
    in_period = sorted(d for d in dates if period.contains(d))
    subs = period.sub_periods(sub_kind)
    due = [p for p in subs if as_of is None or p.end <= as_of]
    covered = [p for p in due if any(p.contains(d) for d in in_period)]
    if not in_period:
        answer = "C"
    elif due and len(covered) == len(due):
        answer = "A"
    else:
        answer = "B"
    counts = {
        "periode": period,  # a Period: the page names it in the visitor's language
        "jumlah_kegiatan": len(in_period),
        "subperiode_wajib": len(due),
        "subperiode_terisi": len(covered),
        "subperiode_kosong": [p for p in due if p not in covered],
    }
    return answer, counts


_MONEV_CODES = frozenset({"PPE3.c", "PPE4.b"})
_FOLLOWUP_CODES = frozenset({"PPE3.d", "PPE4.c"})
_SUB_LABEL = {"month": N_("bulan"), "quarter": N_("triwulan"), "semester": N_("semester"), "year": N_("tahun")}


def _regularity_result(code: str, dates: Iterable[date], period: Period, sub_kind: str, as_of: date | None,
                       activity: str, ruleset: LkeRuleset | None) -> IndicatorResult:
    answer, counts = _regularity(dates, period, sub_kind, as_of)
    return _result(
        code, answer, counts,
        Text(N_("A bila ada %(kegiatan)s di setiap %(sub)s dalam periode; B bila minimal satu; C bila tidak ada."),
             {"kegiatan": Text(activity), "sub": Text(_SUB_LABEL[sub_kind])}),
        ruleset,
    )


def monev_regularity(
    code: str,
    monev_dates: Iterable[date],
    period: Period,
    sub_period_kind: str = "quarter",
    as_of: date | None = None,
    ruleset: LkeRuleset | None = None,
) -> IndicatorResult:
    """PPE3.c / PPE4.b monev berkala from the dates monev reports were made."""
    if code not in _MONEV_CODES:
        raise ValueError(f"monev_regularity is for {sorted(_MONEV_CODES)}, not {code!r}")
    return _regularity_result(code, monev_dates, period, sub_period_kind, as_of,
                              N_("laporan monev"), ruleset)


def ppe1a_public_campaign(
    campaign_dates: Iterable[date],
    period: Period,
    sub_period_kind: str = "quarter",
    as_of: date | None = None,
    ruleset: LkeRuleset | None = None,
) -> IndicatorResult:
    """PPE1.a public campaign: "berkala" proxied as one activity every quarter."""
    return _regularity_result("PPE1.a", campaign_dates, period, sub_period_kind, as_of,
                              N_("kegiatan public campaign"), ruleset)


def evaluation_followup(
    code: str,
    monev_count: int,
    recommendations_total: int,
    recommendations_closed: int,
    ruleset: LkeRuleset | None = None,
) -> IndicatorResult:
    """PPE3.d / PPE4.c: share of monev recommendations that were closed.

    A: all closed; B: some; C: none. Without any monev there is nothing
    followed up (C); a monev with no recommendations leaves nothing open (A).
    """
    if code not in _FOLLOWUP_CODES:
        raise ValueError(f"evaluation_followup is for {sorted(_FOLLOWUP_CODES)}, not {code!r}")
    _non_negative(monev_count=monev_count, recommendations_total=recommendations_total,
                  recommendations_closed=recommendations_closed)
    if recommendations_closed > recommendations_total:
        raise ValueError("recommendations_closed cannot exceed recommendations_total")
    if monev_count == 0:
        answer = "C"
    elif recommendations_closed == recommendations_total:
        answer = "A"
    elif recommendations_closed > 0:
        answer = "B"
    else:
        answer = "C"
    return _result(
        code, answer,
        {"jumlah_monev": monev_count, "rekomendasi": recommendations_total,
         "rekomendasi_selesai": recommendations_closed},
        Text(N_("A bila seluruh rekomendasi monev selesai ditindaklanjuti; B bila sebagian; C bila belum ada "
                "atau tidak ada monev.")),
        ruleset,
    )


# --- Gratification and WBS --------------------------------------------------

def ppe4a_wbs_diterapkan(
    wbs_live: bool, policy_published: bool, innovation: bool = False, ruleset: LkeRuleset | None = None
) -> IndicatorResult:
    """PPE4.a: B when the WBS is live with a published policy; A needs a manual innovation flag."""
    applied = wbs_live and policy_published
    answer = "A" if applied and innovation else "B" if applied else "C"
    return _result(
        "PPE4.a", answer,
        {"wbs_aktif": wbs_live, "kebijakan_ditetapkan": policy_published, "inovasi": innovation},
        Text(N_("B bila WBS berjalan dan kebijakan (SK/Perkada) ditetapkan; A bila ditambah inovasi unit; "
                "selain itu C.")),
        ruleset,
    )


def ppe1b_implementasi(
    has_sk_upg: bool,
    has_sop: bool,
    reports_processed: int,
    recaps_due: int,
    recaps_sent: int,
    recaps_sent_on_time: int,
    forwarded_total: int,
    forwarded_within_sla: int,
    min_forwarded_share: float = 0.95,
    ruleset: LkeRuleset | None = None,
) -> IndicatorResult:
    """PPE1.b "Pengendalian gratifikasi telah diimplementasikan" (thresholds are ours).

    D: no SK UPG. C: SK but no SOP (or SK + SOP with no activity yet).
    B: SK + SOP and ≥ 1 report processed or ≥ 1 recap sent.
    A: SK + SOP, every due 6-monthly recap sent on time (≥ 1 due), and
    ≥ ``min_forwarded_share`` of forwarded reports sent to KPK within the
    UPG SLA (no report to forward counts as 100 %).
    """
    _non_negative(reports_processed=reports_processed, recaps_due=recaps_due, recaps_sent=recaps_sent,
                  recaps_sent_on_time=recaps_sent_on_time, forwarded_total=forwarded_total,
                  forwarded_within_sla=forwarded_within_sla)
    if forwarded_within_sla > forwarded_total or recaps_sent_on_time > recaps_sent:
        raise ValueError("an on-time count cannot exceed its total")
    if not 0.0 <= min_forwarded_share <= 1.0:
        raise ValueError("min_forwarded_share must be 0..1")
    share = 1.0 if forwarded_total == 0 else forwarded_within_sla / forwarded_total
    recaps_ok = recaps_due >= 1 and recaps_sent_on_time >= recaps_due
    if not has_sk_upg:
        answer = "D"
    elif not has_sop:
        answer = "C"
    elif recaps_ok and share >= min_forwarded_share:
        answer = "A"
    elif reports_processed >= 1 or recaps_sent >= 1:
        answer = "B"
    else:
        answer = "C"
    pct = f"{min_forwarded_share * 100:g} %"
    return _result(
        "PPE1.b", answer,
        {"sk_upg": has_sk_upg, "sop": has_sop, "laporan_diproses": reports_processed,
         "rekap_wajib": recaps_due, "rekap_dikirim": recaps_sent, "rekap_tepat_waktu": recaps_sent_on_time,
         "diteruskan": forwarded_total, "diteruskan_tepat_waktu": forwarded_within_sla,
         "porsi_tepat_waktu": share},
        Text(N_("D: belum ada SK UPG. C: SK tanpa SOP atau belum ada kegiatan. B: SK + SOP dan ada laporan "
                "diproses atau rekap dikirim. A: SK + SOP, semua rekap semesteran tepat waktu, dan ≥ %(porsi)s "
                "laporan diteruskan ke KPK tepat waktu."), {"porsi": pct}),
        ruleset,
    )


# --- Public statistics ----------------------------------------------------

def suppress_small(count: int, minimum: int = 3) -> str:
    """Show a count publicly, hiding 1..minimum-1 as ``"<minimum"``.

    Small non-zero counts could identify a reporter or a subject in a small
    unit. Zero is shown: it identifies nobody.
    """
    _non_negative(count=count, minimum=minimum)
    if 0 < count < minimum:
        return f"<{minimum}"
    return str(count)
