"""`flask calendar …` and `flask settings …`."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from gratifikasi.extensions import db
from gratifikasi.models import CalendarDay, Role, Setting
from tests.helpers import make_officer


@pytest.mark.parametrize(
    "command",
    [["calendar"], ["calendar", "seed"], ["calendar", "import"], ["calendar", "list"],
     ["settings"], ["settings", "list"], ["settings", "set"]],
)
def test_every_command_has_help(app, command):
    result = app.test_cli_runner().invoke(args=[*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and len(result.output.splitlines()) > 3


def _count(app) -> int:
    with app.app_context():
        return db.session.execute(select(func.count()).select_from(CalendarDay)).scalar_one()


def test_seed_and_list(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["calendar", "seed", "--year", "2026"])
    assert result.exit_code == 0, result.output
    assert "25 tanggal disimpan" in result.output
    result = runner.invoke(args=["calendar", "list", "--year", "2026"])
    assert result.exit_code == 0
    assert "2026-03-19  libur        seed     Hari Suci Nyepi" in result.output
    assert "25 tanggal pada 2026." in result.output
    assert runner.invoke(args=["calendar", "seed", "--year", "1999"]).exit_code != 0


def test_import_good_and_bad(app, tmp_path):
    make_officer(app, "admin1", Role.admin)
    runner = app.test_cli_runner()
    bad = tmp_path / "bad.csv"
    bad.write_text("tanggal,nama,jenis\n2026-03-10,Hari jadi,libur\n2026-03-11,,libur\n", encoding="utf-8")
    result = runner.invoke(args=["calendar", "import", str(bad)])
    assert result.exit_code != 0 and "Baris 3" in result.output
    assert _count(app) == 0
    good = tmp_path / "good.csv"
    good.write_text("2026-03-10,Hari jadi,libur\n2026-03-18,,hari_kerja\n", encoding="utf-8")
    result = runner.invoke(args=["calendar", "import", str(good), "--by", "admin1"])
    assert result.exit_code == 0, result.output
    assert "Tanggal baru: 2" in result.output
    with app.app_context():
        row = db.session.execute(select(CalendarDay).where(CalendarDay.day == date(2026, 3, 10))).scalar_one()
        assert row.created_by_id is not None
    result = runner.invoke(args=["calendar", "list", "--year", "2026"])
    assert "2026-03-18  hari_kerja   import" in result.output
    assert runner.invoke(args=["calendar", "import", str(good), "--by", "nobody"]).exit_code != 0


def test_settings_list_and_set(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["settings", "list"])
    assert result.exit_code == 0
    assert "upg_to_kpk_hk" in result.output and "pengaduan.respon_hk" in result.output
    result = runner.invoke(args=["settings", "set", "upg_to_kpk_hk", "7"])
    assert result.exit_code == 0 and "upg_to_kpk_hk = 7" in result.output
    result = runner.invoke(args=["settings", "set", "upg_to_kpk_hk", "0"])
    assert result.exit_code != 0 and "paling kecil 1" in result.output
    result = runner.invoke(args=["settings", "set", "tidak_ada", "3"])
    assert result.exit_code != 0 and "tidak dikenal" in result.output
    with app.app_context():
        assert db.session.execute(select(Setting.value)).scalar_one() == 7
