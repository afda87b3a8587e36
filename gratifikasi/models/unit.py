"""Units of the agency (OPD): dinas, badan, RSUD, kecamatan, puskesmas, Inspektorat…"""
from __future__ import annotations

import enum

from sqlalchemy import Boolean, Enum, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model


class UnitKind(str, enum.Enum):
    dinas = "dinas"
    badan = "badan"
    sekretariat = "sekretariat"
    inspektorat = "inspektorat"
    rsud = "rsud"
    kecamatan = "kecamatan"
    kelurahan = "kelurahan"
    puskesmas = "puskesmas"
    bagian = "bagian"
    lainnya = "lainnya"


UNIT_KINDS = [kind.value for kind in UnitKind]


class Unit(Model):
    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[UnitKind] = mapped_column(
        Enum(UnitKind, native_enum=False, length=20, validate_strings=True)
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def __repr__(self) -> str:
        return f"<Unit {self.code}>"
