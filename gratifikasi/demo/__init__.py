"""Demo agency: Pemerintah Kota Pasuruan, its ZI units (shared/seeds/) and one officer per role.

Demo officers have known passwords and TOTP secrets so a newcomer can log in at once;
`flask demo totp USER` prints the current code. Never run this on a real deployment.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from ..admin.services import create_officer, import_units_csv
from ..extensions import db
from ..keyring import RingPurpose, rings
from ..keyring import officers as key_officers
from ..keyring.defaults import default_members
from ..models import Officer, Role

# Units named in the 2018 and 2021 news articles (seeds). The two Puskesmas are not named
# there; the names below are examples.
DEMO_UNITS_CSV = """kode,nama,jenis
INSPEKTORAT,Inspektorat Daerah,inspektorat
DISPENDUKCAPIL,Dinas Kependudukan dan Pencatatan Sipil,dinas
DPMPTSP,Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu,dinas
BAPENDA,Badan Pendapatan Daerah,badan
RSUD,RSUD dr. R. Soedarsono,rsud
KEC-GADINGREJO,Kecamatan Gadingrejo,kecamatan
KEC-PURWOREJO,Kecamatan Purworejo,kecamatan
KEC-BUGULKIDUL,Kecamatan Bugul Kidul,kecamatan
KEC-PANGGUNGREJO,Kecamatan Panggungrejo,kecamatan
PKM-GADINGREJO,Puskesmas Gadingrejo,puskesmas
PKM-KEBONSARI,Puskesmas Kebonsari,puskesmas
"""


# One password for every demo account, so the README can state it once.
DEMO_PASSWORD = "pasuruan-demo-2026"


@dataclass(frozen=True)
class DemoOfficer:
    username: str
    full_name: str
    role: Role
    unit_code: str
    password: str
    totp_secret: str


DEMO_OFFICERS = (
    DemoOfficer("admin", "Admin Sistem (demo)", Role.admin, "INSPEKTORAT", DEMO_PASSWORD,
                "DEMOADMINPASURUANTOTPKEY2345ABCD"),
    DemoOfficer("upg", "Petugas UPG (demo)", Role.upg, "INSPEKTORAT", DEMO_PASSWORD,
                "DEMOUPGPASURUANTOTPKEY2345ABCDEF"),
    DemoOfficer("irban", "Irban Khusus (demo)", Role.inspektorat, "INSPEKTORAT", DEMO_PASSWORD,
                "DEMOIRBANPASURUANTOTPKEY2345ABCD"),
    DemoOfficer("kustodian", "Pemegang Kunci Identitas (demo)", Role.custodian, "INSPEKTORAT", DEMO_PASSWORD,
                "DEMOKUSTODIANPASURUANTOTPKEY2345"),
    DemoOfficer("pimpinan", "Pimpinan (demo)", Role.pimpinan, "DISPENDUKCAPIL", DEMO_PASSWORD,
                "DEMOPIMPINANPASURUANTOTPKEY2345A"),
)


def is_empty() -> bool:
    return db.session.execute(select(func.count()).select_from(Officer)).scalar_one() == 0


def other_officers() -> list[str]:
    """User names of officers that are not demo accounts: a database with any of them is a
    real agency's, which must never receive accounts with a published password."""
    demo_names = [officer.username for officer in DEMO_OFFICERS]
    return list(db.session.execute(
        select(Officer.username).where(Officer.username.not_in(demo_names)).order_by(Officer.username)
    ).scalars())


def seed() -> list[DemoOfficer]:
    """Create the demo units, officers (with key pairs) and key rings.

    Officers that already exist are left alone; rings are only created when none exist.
    """
    import_units_csv(DEMO_UNITS_CSV)
    created = []
    for demo in DEMO_OFFICERS:
        exists = db.session.execute(select(Officer).where(Officer.username == demo.username)).scalar_one_or_none()
        if exists is None:
            officer, _ = create_officer(
                username=demo.username,
                full_name=demo.full_name,
                role=demo.role,
                unit_code=demo.unit_code,
                password=demo.password,
                email=f"{demo.username}@demo-pasuruan.example",  # reserved domain: demo mail stays local
                totp_secret=demo.totp_secret,
            )
            # Demo only: the recovery key is discarded; demo officers log in with the known password.
            key_officers.enrol(officer, demo.password)
            key_officers.confirm_recovery_stored(officer)
            created.append(demo)
    if any(demo.username == "admin" for demo in created) and rings.current_ring(RingPurpose.CASE) is None:
        # Each ring goes to the roles that hold it by default (keyring.defaults): the UPG
        # and the Irban read case content, the UPG gratification reporters' identities and
        # the custodian whistleblowers' identities; the custodian no longer holds the case
        # ring. The admin founds every ring and keeps it, so that the admin pages can hand
        # rings to new officers (only a member can); /admin/petugas lists those rings as not
        # needed by the role, to revoke once the handlers can hand them on themselves.
        admin = _officer("admin")
        members = default_members([_officer(demo.username) for demo in DEMO_OFFICERS])
        rings.init_rings(admin, {purpose: [admin, *members[purpose]] for purpose in RingPurpose})
    return created


def _officer(username: str) -> Officer:
    return db.session.execute(select(Officer).where(Officer.username == username)).scalar_one()
