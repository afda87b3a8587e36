"""What happens to a gratification report after the UPG: forwarding to KPK through GOL,
KPK's status decision (SK), its follow-up, and objects deposited at the UPG (barang titipan).

Everything here is categorical or an official document number (GOL reference, SK number,
deposit receipt number), so it stays plaintext (design.md T1): no identity or free text.
One forwarding and one decision per report; follow-ups and deposits may be several.
"""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import BigInteger, Date, DateTime, Enum, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from .officer import Officer
from .report import GiftObject, GratificationReport


class KpkDecision(str, enum.Enum):
    """The ownership status KPK sets in its SK (UU 30/2002 Ps. 17; domain.md §1.7, §1.9)."""

    milik_penerima = "milik_penerima"
    milik_negara = "milik_negara"
    milik_negara_dapat_dikompensasi = "milik_negara_dapat_dikompensasi"


class FollowUpKind(str, enum.Enum):
    """The follow-up variants; same names as the workflow's transitions."""

    serahkan_barang = "serahkan_barang"
    setor_uang = "setor_uang"
    setor_kompensasi = "setor_kompensasi"
    kembalikan_ke_pelapor = "kembalikan_ke_pelapor"


class ReleaseKind(str, enum.Enum):
    """Where a deposited object went when it left the UPG."""

    diserahkan_kpk = "diserahkan_kpk"              # handed to KPK / the state (milik negara)
    dikembalikan_pelapor = "dikembalikan_pelapor"  # returned to the reporter (milik penerima, compensated)


def _enum(cls: type[enum.Enum], length: int) -> Enum:
    return Enum(cls, native_enum=False, length=length, validate_strings=True)


class KpkForwarding(Model):
    """The report was forwarded to KPK (via GOL-UPG), with KPK's reference and the date."""

    __tablename__ = "kpk_forwarding"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("gratification_report.id", ondelete="CASCADE"), unique=True)
    gol_reference: Mapped[str] = mapped_column(String(64))
    forwarded_on: Mapped[date] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)

    report: Mapped[GratificationReport] = relationship()
    recorded_by: Mapped[Officer | None] = relationship()


class KpkDecisionRecord(Model):
    """KPK's SK as received by the UPG: number, date and the ownership decision."""

    __tablename__ = "kpk_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("gratification_report.id", ondelete="CASCADE"), unique=True)
    sk_number: Mapped[str] = mapped_column(String(100))
    sk_date: Mapped[date] = mapped_column(Date)
    decision: Mapped[KpkDecision] = mapped_column(_enum(KpkDecision, 40))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)

    report: Mapped[GratificationReport] = relationship()
    recorded_by: Mapped[Officer | None] = relationship()


class KpkFollowUp(Model):
    """A follow-up of the decision: goods handed over, money or compensation paid, goods returned."""

    __tablename__ = "kpk_follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("gratification_report.id", ondelete="CASCADE"), index=True)
    kind: Mapped[FollowUpKind] = mapped_column(_enum(FollowUpKind, 30))
    done_on: Mapped[date] = mapped_column(Date)
    # Berita acara number, NTPN of a state-treasury deposit, or similar official reference.
    reference: Mapped[str] = mapped_column(String(100))
    amount: Mapped[int | None] = mapped_column(BigInteger)  # whole Rupiah, for money paid
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)

    report: Mapped[GratificationReport] = relationship()


class DepositedObject(Model):
    """An object of a report deposited at the UPG against a numbered receipt until KPK decides."""

    __tablename__ = "deposited_object"
    __table_args__ = (
        # Receipt numbers are "max + 1 per year, retry on conflict": this is the guard.
        UniqueConstraint("receipt_year", "receipt_seq", name="uq_deposited_object_receipt_year_seq"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("gratification_report.id", ondelete="CASCADE"), index=True)
    gift_object_id: Mapped[int] = mapped_column(ForeignKey("gift_object.id", ondelete="CASCADE"), unique=True)
    receipt_year: Mapped[int] = mapped_column(Integer)
    receipt_seq: Mapped[int] = mapped_column(Integer)
    receipt_number: Mapped[str] = mapped_column(String(30), unique=True)  # TTP-2026-0001
    deposited_on: Mapped[date] = mapped_column(Date)
    received_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    released_on: Mapped[date | None] = mapped_column(Date)
    release_kind: Mapped[ReleaseKind | None] = mapped_column(_enum(ReleaseKind, 30))
    released_by_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))

    report: Mapped[GratificationReport] = relationship()
    gift_object: Mapped[GiftObject] = relationship()
    received_by: Mapped[Officer | None] = relationship(foreign_keys=[received_by_id])

    @property
    def is_held(self) -> bool:
        return self.released_on is None
