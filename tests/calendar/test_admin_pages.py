"""/admin/kalender and /admin/pengaturan: admin only, forms, errors re-shown."""
from __future__ import annotations

import io
from datetime import date

import pytest
from sqlalchemy import func, select

from gratifikasi.extensions import db
from gratifikasi.models import CalendarDay, CalendarDayKind, Role, Setting
from tests.conftest import make_app
from tests.helpers import login, make_officer


@pytest.fixture
def admin_client(app):
    make_officer(app, "admin1", Role.admin)
    client = app.test_client()
    assert login(client, "admin1").status_code == 302
    return client


def _rows(app) -> dict[date, CalendarDay]:
    with app.app_context():
        return {r.day: r for r in db.session.execute(select(CalendarDay)).scalars()}


@pytest.mark.parametrize("path", ["/admin/kalender", "/admin/pengaturan"])
def test_pages_refuse_other_roles(app, client, path):
    assert client.get(path).status_code == 302  # to the login page
    make_officer(app, "upg1", Role.upg)
    login(client, "upg1")
    assert client.get(path).status_code == 403
    assert client.post(path if path.endswith("pengaturan") else path + "/tambah").status_code == 403


def test_calendar_page_lists_library_and_admin_days(app, admin_client):
    response = admin_client.get("/admin/kalender?tahun=2026")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Hari Suci Nyepi" in page and "Cuti Bersama Hari Raya Idul Fitri" in page
    assert "Pustaka hari libur" in page
    assert 'class="table-wrap"' in page and "<script" not in page and "style=" not in page


def test_add_day_post_stores_it_and_shows_it(app, admin_client):
    response = admin_client.post(
        "/admin/kalender/tambah?tahun=2026",
        data={"tanggal": "2026-03-10", "nama": "Hari Jadi Kota Pasuruan", "jenis": "libur"},
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("tahun=2026")
    row = _rows(app)[date(2026, 3, 10)]
    assert row.kind is CalendarDayKind.libur and row.created_by_id is not None
    page = admin_client.get("/admin/kalender?tahun=2026").get_data(as_text=True)
    assert "Hari Jadi Kota Pasuruan" in page and "Tanggal 10 Maret 2026 disimpan." in page


def test_failed_add_day_reshows_what_was_typed(app, admin_client):
    response = admin_client.post(
        "/admin/kalender/tambah", data={"tanggal": "10-03-2026x", "nama": "Hari Jadi Kota", "jenis": "libur"}
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "TTTT-BB-HH" in page and 'value="Hari Jadi Kota"' in page and 'value="10-03-2026x"' in page
    response = admin_client.post("/admin/kalender/tambah", data={"tanggal": "2026-03-10", "nama": "", "jenis": "libur"})
    assert response.status_code == 400 and "Nama hari libur wajib diisi." in response.get_data(as_text=True)
    response = admin_client.post(
        "/admin/kalender/tambah", data={"tanggal": "2026-03-10", "nama": "x" * 201, "jenis": "libur"}
    )
    assert response.status_code == 400 and "Maksimal 200 karakter." in response.get_data(as_text=True)
    assert _rows(app) == {}


def test_remove_turns_a_library_holiday_into_a_working_day_and_back(app, admin_client):
    response = admin_client.post("/admin/kalender/hapus?tahun=2026", data={"tanggal": "2026-03-18"})
    assert response.status_code == 302
    assert _rows(app)[date(2026, 3, 18)].kind is CalendarDayKind.hari_kerja
    admin_client.post("/admin/kalender/hapus?tahun=2026", data={"tanggal": "2026-03-18"})
    assert _rows(app) == {}
    response = admin_client.post("/admin/kalender/hapus", data={"tanggal": "2026-03-11"}, follow_redirects=True)
    assert "bukan hari libur" in response.get_data(as_text=True)


def test_csv_upload_good_and_bad(app, admin_client):
    bad = b"tanggal,nama,jenis\n2026-03-10,Hari jadi,libur\n2026-02-30,Salah,libur\n"
    response = admin_client.post(
        "/admin/kalender/impor?tahun=2026",
        data={"berkas": (io.BytesIO(bad), "kalender.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "Baris 3" in response.get_data(as_text=True)
    assert _rows(app) == {}
    good = b"\xef\xbb\xbftanggal;nama;jenis\n10/03/2026;Hari jadi;libur\n"
    response = admin_client.post(
        "/admin/kalender/impor?tahun=2026",
        data={"berkas": (io.BytesIO(good), "kalender.csv")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "1 tanggal baru" in response.get_data(as_text=True)
    assert date(2026, 3, 10) in _rows(app)


def test_seed_button(app, admin_client):
    response = admin_client.post("/admin/kalender/isi", data={"tahun": "2026"}, follow_redirects=True)
    assert "25 hari libur tahun 2026" in response.get_data(as_text=True)
    assert len(_rows(app)) == 25


def test_settings_page_shows_registry_and_saves(app, admin_client):
    page = admin_client.get("/admin/pengaturan").get_data(as_text=True)
    assert "Batas lapor ke UPG" in page and "Perban BPIP 4/2021" in page
    assert 'name="pengaduan__respon_hk"' in page and 'value="10"' in page
    form = {"receipt_to_upg_hk": "7", "upg_to_kpk_hk": "10", "soon_within_hk": "3",
            "gratifikasi__kelengkapan_hk": "20", "gratifikasi__penetapan_kpk_hk": "30",
            "gratifikasi__serah_milik_negara_hk": "7", "pengaduan__respon_hk": "5",
            "pengaduan__selesai_tidak_berkadar_hk": "14", "pengaduan__selesai_berkadar_hk": "60"}
    response = admin_client.post("/admin/pengaturan", data=form)
    assert response.status_code == 302
    with app.app_context():
        rows = db.session.execute(select(Setting)).scalars().all()
        assert [(r.key, r.value) for r in rows] == [("receipt_to_upg_hk", 7)]
        assert rows[0].updated_by_id is not None
    response = admin_client.post("/admin/pengaturan", data={**form, "upg_to_kpk_hk": "0", "soon_within_hk": "dua"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Isi bilangan bulat dari 1 sampai 30." in page and 'value="dua"' in page
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(Setting)).scalar_one() == 1


def test_forms_need_a_csrf_token(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    make_officer(app, "admin1", Role.admin)
    client = app.test_client()
    response = client.post("/admin/kalender/tambah", data={"tanggal": "2026-03-10", "nama": "X", "jenis": "libur"})
    assert response.status_code in (302, 400)  # not logged in or no token: never stored
    assert _rows(app) == {}


def test_settings_page_in_english(app, admin_client):
    admin_client.set_cookie("bahasa", "en")
    page = admin_client.get("/admin/pengaturan").get_data(as_text=True)
    assert "Report to the UPG (working days from receipt)" in page and "Save settings" in page
