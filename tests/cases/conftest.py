"""Fixtures for the case workspace: units, officers with keys and rings, reports to handle.

Units: INSPEKTORAT (kind inspektorat: the handling unit), DINKES and DISHUB (OPDs).
Officers: upg, upg2 (UPG, Inspektorat unit, case + gratification-identity rings), upgx (UPG in
DINKES: the "other unit"), irban (Inspektorat), kustodian, pimpinan, admin (all rings).
The clock stands at Monday 2026-03-02 08:00 WIB.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from flask import Flask
from sqlalchemy import select

from gratifikasi.crypto.rings import RingPurpose
from gratifikasi.extensions import db
from gratifikasi.keyring import rings
from gratifikasi.models import Role, Unit
from gratifikasi.models.case import CaseFile
from gratifikasi.models.report import CASE_COLUMNS, IDENTITY_COLUMNS
from gratifikasi.rules.report_fields import HubunganPemberi, JenisLaporan, JenisObjek, JenisPeristiwa, LokasiObjek
from tests.conftest import make_app
from tests.helpers import make_officer, seed_unit
from tests.keyring.conftest import Crew

OFFICERS = (
    ("admin", Role.admin, "INSPEKTORAT"),
    ("upg", Role.upg, "INSPEKTORAT"),
    ("upg2", Role.upg, "INSPEKTORAT"),
    ("upgx", Role.upg, "DINKES"),
    ("irban", Role.inspektorat, "INSPEKTORAT"),
    ("irban2", Role.inspektorat, "INSPEKTORAT"),
    ("kustodian", Role.custodian, "INSPEKTORAT"),
    ("pimpinan", Role.pimpinan, "INSPEKTORAT"),
)

SECRET_TEXT = "Penandakronologi rahasia: amplop diserahkan setelah rapat pengadaan."
SECRET_NAME = "Penandanama Pelapor Rahasia"


@pytest.fixture
def app(tmp_path) -> Flask:
    return make_app(tmp_path)


@dataclass
class World(Crew):
    """The keyring tests' crew (officer, key) plus unit look-up."""

    def unit_id(self, code: str) -> int:
        return db.session.execute(select(Unit.id).where(Unit.code == code)).scalar_one()


@pytest.fixture
def world(app, frozen_clock) -> World:
    return build_world(app)


def build_world(app: Flask) -> World:
    seed_unit(app)  # INSPEKTORAT, kind inspektorat
    seed_unit(app, "DINKES", "Dinas Kesehatan", "dinas")
    seed_unit(app, "DISHUB", "Dinas Perhubungan", "dinas")
    for username, role, unit in OFFICERS:
        make_officer(app, username, role, unit_code=unit)
    w = World(app)
    with app.app_context():
        admin = w.officer("admin")
        rings.init_rings(admin)
        for name in ("upg", "upg2", "upgx"):
            for purpose in (RingPurpose.CASE, RingPurpose.GRATIFICATION_IDENTITY):
                rings.grant(purpose, admin, w.key("admin"), w.officer(name))
        for name in ("irban", "irban2"):
            rings.grant(RingPurpose.CASE, admin, w.key("admin"), w.officer(name))
        rings.grant(RingPurpose.WHISTLEBLOWER_IDENTITY, admin, w.key("admin"), w.officer("kustodian"))
        for name in ("upg", "upg2", "irban"):
            w.officer(name).email = f"{name}@pasuruankota.go.id"
        db.session.commit()
    return w


def submit_report(
    app: Flask, unit_code: str = "DINKES", jenis: str = "penerimaan", files=(), **case_overrides
) -> CaseFile:
    """A report through the reports module's own service; returns its case file."""
    return submit_report_with_code(app, unit_code, jenis, files, **case_overrides)[0]


def submit_report_with_code(
    app: Flask, unit_code: str = "DINKES", jenis: str = "penerimaan", files=(),
    received_on: date = date(2026, 2, 27), **case_overrides
) -> tuple[CaseFile, str, str]:
    """(case file, tracking number, access code)."""
    from gratifikasi.reports.services import ObjectInput, ReportInput
    from gratifikasi.reports.services import submit_report as submit

    identity = dict.fromkeys(IDENTITY_COLUMNS, None) | {
        "nik": "3575014507850003", "nama": SECRET_NAME, "nip": "198507152010012003", "tempat_lahir": "Pasuruan",
        "tanggal_lahir": "1985-07-15", "alamat": "Jl. Rahasia 7", "telepon": "0343 4210099",
        "jabatan": "Staf", "instansi": "Pemkot Pasuruan",
    }
    case = dict.fromkeys(CASE_COLUMNS, None) | {
        "pemberi_nama": "CV Pemberi", "tempat_penerimaan": "Kantor", "kronologi": SECRET_TEXT,
    } | case_overrides
    with app.test_request_context("/"):
        unit_id = db.session.execute(select(Unit.id).where(Unit.code == unit_code)).scalar_one()
        submitted = submit(ReportInput(
            jenis_laporan=JenisLaporan(jenis), identity=identity, case=case, unit_id=unit_id,
            hubungan_pemberi=HubunganPemberi.PIHAK_TERKAIT_TUGAS, jenis_peristiwa=list(JenisPeristiwa)[0],
            tanggal_penerimaan=received_on, minta_kompensasi=False,
            objects=[ObjectInput(JenisObjek.UANG, "Amplop", 500_000, LokasiObjek.DISIMPAN_PELAPOR)],
        ), files)
        case_file = db.session.execute(
            select(CaseFile).where(CaseFile.record_type == "gratification_report",
                                   CaseFile.record_id == submitted.report_id)
        ).scalar_one()
        return case_file, submitted.tracking_number, submitted.access_code


def submit_complaint(app: Flask, **overrides) -> tuple[CaseFile, str]:
    """A complaint through the public portal (the complaints module's own pages); returns
    its case file and the reporter's receipt code."""
    from tests.complaints.conftest import submit

    client = app.test_client()
    code = submit(client, **overrides)
    with app.app_context():
        case = db.session.execute(
            select(CaseFile).where(CaseFile.record_type == "complaint").order_by(CaseFile.id.desc()).limit(1)
        ).scalar_one()
        db.session.expunge(case)
    return case, code
