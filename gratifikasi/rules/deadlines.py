"""Gratification deadlines in working days (domain.md §1.5).

All deadlines use the convention of :mod:`gratifikasi.rules.calendar`: the event day is day 0
and the deadline is the n-th working day after it (that day is still on time). Which rule set
applies (2019 vs 2026) to each aspect is data (``gratification_rulesets.SELECTED_BY``): the
completion period and the late-report consequence follow the date of the report. Labels and warnings are
:mod:`gratifikasi.rules.text` messages, translated by whoever shows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from gratifikasi.rules.calendar import WorkingDayCalendar
from gratifikasi.rules.gratification_rulesets import (
    RULESETS,
    Aspect,
    CompletionStart,
    GratificationRuleset,
    ruleset_for,
    ruleset_for_aspect,
)
from gratifikasi.rules.text import N_, Joined, Text

__all__ = [
    "Deadline",
    "DeadlineCalculator",
    "DeadlineSettings",
    "DeadlineStatus",
    "LateReportWarning",
    "Period",
]

DeadlineStatus = Literal["aman", "segera", "terlambat"]

_BASIS_12C = "Pasal 12C ayat (2) UU No. 31 Tahun 1999 jo. UU No. 20 Tahun 2001"
_BASIS_UU_KPK = "UU No. 30 Tahun 2002 tentang KPK"


@dataclass(frozen=True)
class Period:
    """A deadline rule: ``hk`` working days after an event; the label (a msgid) takes ``%(hk)d``."""

    name_id: str
    hk: int
    label: str
    legal_basis: str


# Statutory periods (HIGH): UU 20/2001 Ps. 12C(2) and UU 30/2002 (UU KPK) Ps. 17.
REPORT_TO_KPK = Period(
    "lapor_ke_kpk", 30, N_("Batas lapor ke KPK (%(hk)d hari kerja sejak penerimaan)"), _BASIS_12C,
)
KPK_DECISION = Period(
    "penetapan_status_kpk", 30,
    N_("Batas penetapan status oleh KPK (%(hk)d hari kerja sejak laporan diterima KPK)"),
    f"Pasal 17 ayat (1) {_BASIS_UU_KPK}",
)
SK_TO_RECIPIENT = Period(
    "sk_ke_penerima", 7, N_("Batas penyampaian SK kepada penerima (%(hk)d hari kerja sejak ditetapkan)"),
    f"Pasal 17 ayat (5) {_BASIS_UU_KPK}",
)
HANDOVER_TO_MENKEU = Period(
    "serah_ke_menkeu", 7, N_("Batas penyerahan barang milik negara ke Menteri Keuangan (%(hk)d hari kerja)"),
    f"Pasal 17 ayat (6) {_BASIS_UU_KPK}",
)
# Instance rules: the number of days comes from DeadlineSettings (these hk are the defaults).
REPORT_TO_UPG = Period(
    "lapor_ke_upg", 10, N_("Batas lapor ke UPG (%(hk)d hari kerja sejak penerimaan)"),
    "Ketentuan internal instansi (pengaturan UPG)",
)
UPG_FORWARD_TO_KPK = Period(
    "upg_teruskan_ke_kpk", 10,
    N_("Batas UPG meneruskan laporan ke KPK (%(hk)d hari kerja sejak laporan lengkap diterima UPG)"),
    "Ketentuan internal instansi (pengaturan UPG)",
)
# The completion period is counted from receipt (2019) or from the report (2026).
_COMPLETE_LABEL = {
    False: N_("Batas melengkapi laporan (%(hk)d hari kerja sejak penerimaan; bila tidak dilengkapi, "
              "laporan tidak ditindaklanjuti)"),
    True: N_("Batas melengkapi laporan (%(hk)d hari kerja sejak pelaporan; bila tidak dilengkapi, "
             "laporan tidak ditindaklanjuti)"),
}


@dataclass(frozen=True)
class DeadlineSettings:
    """Per-tenant settings (instance rules, not national law)."""

    receipt_to_upg_hk: int = REPORT_TO_UPG.hk  # e.g. Perban BPIP 4/2021 Ps. 7(2); Kab. Pasuruan uses 7
    upg_to_kpk_hk: int = UPG_FORWARD_TO_KPK.hk  # instance practice, attributed to PerKPK 2/2019 (UNCONFIRMED)
    soon_within_hk: int = 3  # 'segera' when due within this many working days

    def __post_init__(self) -> None:
        for name in ("receipt_to_upg_hk", "upg_to_kpk_hk", "soon_within_hk"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0")


@dataclass(frozen=True)
class Deadline:
    """One deadline to show in a UI. ``name_id`` is the stable machine key."""

    name_id: str
    label: Text
    due: date
    legal_basis: str
    calendar: WorkingDayCalendar = field(compare=False, repr=False, kw_only=True)
    soon_within_hk: int = field(default=3, kw_only=True)
    # Counted through a year whose holidays are not confirmed (rules.calendar): show "perkiraan".
    estimated: bool = field(default=False, kw_only=True)

    def working_days_left(self, today: date) -> int:
        """Working days after ``today`` up to ``due`` (0 on the due day, negative when past)."""
        return self.calendar.working_days_between(today, self.due)

    def status_on(self, today: date) -> DeadlineStatus:
        """'terlambat' after ``due``; 'segera' when ≤ ``soon_within_hk`` working days remain."""
        if today > self.due:
            return "terlambat"
        if self.working_days_left(today) <= self.soon_within_hk:
            return "segera"
        return "aman"


@dataclass(frozen=True)
class LateReportWarning:
    working_days_elapsed: int
    limit_hk: int
    may_become_milik_negara: bool
    ruleset_code: str
    legal_basis: str
    message: Joined


class DeadlineCalculator:
    """Computes gratification deadlines with one calendar, tenant settings and rule sets."""

    def __init__(
        self,
        calendar: WorkingDayCalendar,
        settings: DeadlineSettings | None = None,
        rulesets: Sequence[GratificationRuleset] = RULESETS,
    ) -> None:
        self.calendar = calendar
        self.settings = settings or DeadlineSettings()
        self.rulesets = tuple(rulesets)

    def ruleset_for(self, date_of_receipt: date) -> GratificationRuleset:
        return ruleset_for(date_of_receipt, self.rulesets)

    def ruleset_of(self, aspect: Aspect, receipt_date: date, report_date: date) -> GratificationRuleset:
        """The rule set of ``aspect`` for a report with these dates (the data says which date counts)."""
        return ruleset_for_aspect(aspect, received_on=receipt_date, reported_on=report_date, rulesets=self.rulesets)

    def _deadline(self, period: Period, start: date, hk: int | None = None) -> Deadline:
        hk = period.hk if hk is None else hk
        due = self.calendar.add_working_days(start, hk)
        return Deadline(
            period.name_id,
            Text(period.label, {"hk": hk}),
            due,
            period.legal_basis,
            calendar=self.calendar,
            soon_within_hk=self.settings.soon_within_hk,
            estimated=self.calendar.estimated_between(start, due),
        )

    # -- individual deadlines ------------------------------------------------------------

    def report_to_kpk(self, receipt_date: date) -> Deadline:
        return self._deadline(REPORT_TO_KPK, receipt_date)

    def report_to_upg(self, receipt_date: date) -> Deadline:
        return self._deadline(REPORT_TO_UPG, receipt_date, self.settings.receipt_to_upg_hk)

    def upg_forward_to_kpk(self, complete_on: date) -> Deadline:
        """Counted from the day the UPG holds a complete report: the filing day, or the day the
        reporter completed it, so the reporter's completion time is not the UPG's (issue 15.4)."""
        return self._deadline(UPG_FORWARD_TO_KPK, complete_on, self.settings.upg_to_kpk_hk)

    def completion(self, receipt_date: date, report_date: date) -> Deadline:
        """Deadline to complete a report returned as incomplete: the last day (still on time)
        the reporter may complete it. The rule set is the one in force on the date of the
        report (``Aspect.COMPLETION``); 2026: 20 HK from the reporting date, 2019: 30 HK from
        the date of receipt. The legal anchor, not the day the UPG returned the report.
        """
        rules = self.ruleset_of(Aspect.COMPLETION, receipt_date, report_date)
        from_report = rules.completion_counted_from is CompletionStart.TANGGAL_PELAPORAN
        label = _COMPLETE_LABEL[from_report]
        period = Period("lengkapi_laporan", rules.completion_deadline_hk, label, rules.completion_legal_basis)
        return self._deadline(period, report_date if from_report else receipt_date)

    def kpk_decision(self, kpk_received_date: date) -> Deadline:
        return self._deadline(KPK_DECISION, kpk_received_date)

    def sk_to_recipient(self, sk_date: date) -> Deadline:
        """Counted from the SK's own date (UU KPK Ps. 17(5)), not from when the UPG recorded it."""
        return self._deadline(SK_TO_RECIPIENT, sk_date)

    def handover_to_menkeu(self, sk_date: date) -> Deadline:
        """Counted from the SK's own date (UU KPK Ps. 17(6)), not from when the UPG recorded it."""
        return self._deadline(HANDOVER_TO_MENKEU, sk_date)

    # -- all at once -----------------------------------------------------------------------

    def deadlines_for(
        self,
        receipt_date: date,
        *,
        report_date: date | None = None,
        report_returned: bool = False,
        upg_received_date: date | None = None,
        kpk_received_date: date | None = None,
        decision_date: date | None = None,
        milik_negara: bool = False,
    ) -> list[Deadline]:
        """Every deadline that the known dates allow, in process order.

        ``report_returned`` adds the completion deadline (needs ``report_date``);
        ``milik_negara`` adds the hand-over to the Minister of Finance (needs ``decision_date``).
        """
        result = [self.report_to_upg(receipt_date), self.report_to_kpk(receipt_date)]
        if upg_received_date is not None:
            result.append(self.upg_forward_to_kpk(upg_received_date))
        if report_returned:
            if report_date is None:
                raise ValueError("report_returned needs report_date")
            result.append(self.completion(receipt_date, report_date))
        if kpk_received_date is not None:
            result.append(self.kpk_decision(kpk_received_date))
        if decision_date is not None:
            result.append(self.sk_to_recipient(decision_date))
            if milik_negara:
                result.append(self.handover_to_menkeu(decision_date))
        return result

    # -- late reports ----------------------------------------------------------------------

    def is_late_report(
        self, receipt_date: date, report_date: date, *, after_audit_finding: bool = False
    ) -> LateReportWarning | None:
        """A warning when the report comes more than 30 HK after receipt (day 30 is on time).

        Under the 2026 rules a report made after it became an internal-audit finding carries
        the same consequence, hence ``after_audit_finding``.
        """
        if report_date < receipt_date:
            raise ValueError("report_date is before receipt_date")
        rules = self.ruleset_of(Aspect.LATE_REPORT, receipt_date, report_date)
        elapsed = self.calendar.working_days_between(receipt_date, report_date)
        audit_flag = after_audit_finding and rules.late_report_may_become_milik_negara
        if elapsed <= rules.late_report_hk and not audit_flag:
            return None
        if audit_flag and elapsed <= rules.late_report_hk:
            lead = Text(N_("Laporan disampaikan setelah menjadi temuan pengawas internal."))
        else:
            lead = Text(
                N_("Laporan disampaikan %(elapsed)d hari kerja setelah penerimaan (batas %(limit)d hari kerja)."),
                {"elapsed": elapsed, "limit": rules.late_report_hk},
            )
        # The legal basis is a citation, the same in every language (punctuation only, no msgid).
        basis = Text("(%(basis)s)", {"basis": rules.late_report_legal_basis})
        return LateReportWarning(
            working_days_elapsed=elapsed,
            limit_hk=rules.late_report_hk,
            may_become_milik_negara=rules.late_report_may_become_milik_negara,
            ruleset_code=rules.code,
            legal_basis=rules.late_report_legal_basis,
            message=Joined((lead, Text(rules.late_report_consequence), basis), " "),
        )
