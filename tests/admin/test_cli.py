"""Admin CLI: officers, units, demo seed. Each command has --help."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from gratifikasi.extensions import db
from gratifikasi.models import Officer, Role, Unit
from tests.helpers import make_officer


@pytest.mark.parametrize(
    "command",
    [
        ["officers", "create"], ["officers", "disable"], ["officers", "reset-password"], ["officers", "enable"],
        ["officers", "change"], ["officers", "reset-totp"],
        ["units", "import"], ["units", "list"], ["demo", "seed"], ["demo", "logins"], ["demo", "totp"],
        ["sessions", "purge"],
    ],
)
def test_every_command_has_help(app, command):
    result = app.test_cli_runner().invoke(args=[*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output.splitlines()) > 3


def test_import_units_from_csv(app, tmp_path):
    csv_file = tmp_path / "unit.csv"
    csv_file.write_text("kode,nama,jenis\nBAPENDA,Badan Pendapatan Daerah,badan\nkec-x,Kecamatan X,kecamatan\n")
    result = app.test_cli_runner().invoke(args=["units", "import", str(csv_file)])
    assert result.exit_code == 0, result.output
    assert "Unit baru: 2" in result.output
    csv_file.write_text("kode,nama,jenis\nBAPENDA,Badan Pendapatan Daerah Kota,badan\n")
    result = app.test_cli_runner().invoke(args=["units", "import", str(csv_file)])
    assert "diperbarui: 1" in result.output
    with app.app_context():
        unit = db.session.execute(select(Unit).where(Unit.code == "KEC-X")).scalar_one()
        assert unit.kind.value == "kecamatan"


def test_import_units_refuses_bad_rows_and_changes_nothing(app, tmp_path):
    csv_file = tmp_path / "unit.csv"
    csv_file.write_text("kode,nama,jenis\nA,Satu,dinas\nB,Dua,planet\n")
    result = app.test_cli_runner().invoke(args=["units", "import", str(csv_file)])
    assert result.exit_code != 0
    assert "Baris 3" in result.output and "planet" in result.output
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(Unit)).scalar_one() == 0


def test_create_officer_with_temporary_password(app):
    make_officer(app, "admin1", Role.admin)
    result = app.test_cli_runner().invoke(
        args=["officers", "create", "budi", "--name", "Budi", "--role", "upg", "--unit", "INSPEKTORAT"]
    )
    assert result.exit_code == 0, result.output
    assert "Kata sandi sementara" in result.output
    with app.app_context():
        officer = db.session.execute(select(Officer).where(Officer.username == "budi")).scalar_one()
        assert officer.must_change_password and not officer.totp_enrolled
        assert officer.password_hash.startswith("$argon2id$")


def test_create_officer_refuses_weak_password(app):
    make_officer(app, "admin1", Role.admin)
    result = app.test_cli_runner().invoke(
        args=["officers", "create", "budi", "--name", "Budi", "--role", "upg", "--unit", "INSPEKTORAT",
              "--set-password"],
        input="password1234\npassword1234\n",
    )
    assert result.exit_code != 0
    assert "terlalu umum" in result.output


def test_create_officer_refuses_unknown_unit_and_duplicate(app):
    make_officer(app, "budi", Role.upg)
    runner = app.test_cli_runner()
    unknown = runner.invoke(args=["officers", "create", "citra", "--name", "C", "--role", "upg", "--unit", "NOPE"])
    assert unknown.exit_code != 0 and "tidak ada" in unknown.output
    duplicate = runner.invoke(
        args=["officers", "create", "BUDI", "--name", "B", "--role", "upg", "--unit", "INSPEKTORAT"]
    )
    assert duplicate.exit_code != 0 and "sudah dipakai" in duplicate.output


def test_reset_password_needs_an_admin(app):
    make_officer(app, "admin1", Role.admin)
    make_officer(app, "budi", Role.upg)
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["officers", "reset-password", "admin1", "--by", "budi"])
    assert refused.exit_code != 0 and "bukan admin" in refused.output
    done = runner.invoke(args=["officers", "reset-password", "budi", "--by", "admin1"])
    assert done.exit_code == 0 and "Kata sandi sementara" in done.output
    with app.app_context():
        officer = db.session.execute(select(Officer).where(Officer.username == "budi")).scalar_one()
        assert officer.must_change_password


def test_disable_officer(app):
    make_officer(app, "budi", Role.upg)
    result = app.test_cli_runner().invoke(args=["officers", "disable", "budi"])
    assert result.exit_code == 0
    with app.app_context():
        officer = db.session.execute(select(Officer).where(Officer.username == "budi")).scalar_one()
        assert not officer.is_active


def test_demo_seed_creates_pasuruan_units_and_one_officer_per_role(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo", "seed", "--if-empty"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        names = set(db.session.execute(select(Unit.name)).scalars())
        roles = {o.role for o in db.session.execute(select(Officer)).scalars()}
    for expected in (
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "Badan Pendapatan Daerah",
        "RSUD dr. R. Soedarsono",
        "Kecamatan Gadingrejo",
        "Inspektorat Daerah",
    ):
        assert expected in names
    assert sum(1 for n in names if n.startswith("Kecamatan")) == 4
    assert sum(1 for n in names if n.startswith("Puskesmas")) == 2
    assert roles == set(Role)
    again = runner.invoke(args=["demo", "seed", "--if-empty"])
    assert "tidak ditambahkan" in again.output


def test_demo_login_works_with_printed_totp(app, frozen_clock):
    runner = app.test_cli_runner()
    runner.invoke(args=["demo", "seed"])
    code = runner.invoke(args=["demo", "totp", "upg"]).output.strip()
    assert len(code) == 6 and code.isdigit()
    from gratifikasi.demo import DEMO_OFFICERS
    from tests.helpers import login

    password = next(o.password for o in DEMO_OFFICERS if o.username == "upg")
    response = login(app.test_client(), "upg", password, code=code)
    assert response.headers["Location"].endswith("/beranda")


def test_demo_seed_refuses_a_database_with_real_officers(app):
    """A demo must not become production by accident (issue 17 item 8): with any officer that
    is not a demo account, seeding adds no known password to the database."""
    from tests.helpers import make_officer

    make_officer(app, "siti", Role.upg, keys=False)
    result = app.test_cli_runner().invoke(args=["demo", "seed"])
    assert result.exit_code != 0 and "bukan akun demo" in result.output
    with app.app_context():
        assert set(db.session.execute(select(Officer.username)).scalars()) == {"siti"}
