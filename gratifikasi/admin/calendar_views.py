"""/admin/kalender: the working-day calendar of a year, with add, remove, import and seed."""
from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from .. import clock
from ..calendar import service as cal
from ..i18n import tanggal
from ..models import Role
from ..security.roles import role_required
from . import bp
from .calendar_forms import MAX_CSV_BYTES, AddDayForm, ConfirmYearForm, ImportForm, RemoveDayForm, SeedForm


def _year_from_request() -> int:
    year = request.args.get("tahun", type=int)
    if year is None or not cal.MIN_YEAR <= year <= cal.MAX_YEAR:
        return clock.utcnow().year
    return year


def _page(year: int, *, add_form: AddDayForm | None = None, import_form: ImportForm | None = None,
          confirm_form: ConfirmYearForm | None = None, status: int = 200) -> tuple[str, int]:
    seed_form = SeedForm(formdata=None, tahun=year)
    if confirm_form is None:
        confirm_form = ConfirmYearForm(formdata=None)
        confirm_form.tanggal_resmi.data = "\n".join(
            f"{d.day.isoformat()},{d.name},{d.kind}" for d in cal.year_listing(year))
    return render_template(
        "admin/calendar.html",
        year=year,
        days=cal.year_listing(year),
        add_form=add_form or AddDayForm(formdata=None),
        import_form=import_form or ImportForm(formdata=None),
        seed_form=seed_form,
        confirm_form=confirm_form,
        state=cal.year_state(year),
        to_confirm=cal.years_to_confirm(clock.local_today()),
        min_year=cal.MIN_YEAR,
        max_year=cal.MAX_YEAR,
    ), status


def _back(year: int) -> Response:
    return redirect(url_for("admin.calendar", tahun=year))


@bp.get("/kalender")
@role_required(Role.admin)
def calendar() -> tuple[str, int]:
    return _page(_year_from_request())


@bp.post("/kalender/tambah")
@role_required(Role.admin)
def calendar_add() -> tuple[str, int] | Response:
    form = AddDayForm()
    year = _year_from_request()
    if form.validate_on_submit():
        try:
            row, created = cal.add_calendar_day(
                form.tanggal.data, form.nama.data or "", form.jenis.data, current_user
            )
        except cal.CalendarError as error:
            form.nama.errors = [str(error)]
        else:
            when = tanggal(row.day)
            flash(_("Tanggal %(tanggal)s disimpan.", tanggal=when) if created
                  else _("Tanggal %(tanggal)s diperbarui.", tanggal=when), "success")
            return _back(row.day.year)
    if form.tanggal.data is not None and cal.MIN_YEAR <= form.tanggal.data.year <= cal.MAX_YEAR:
        year = form.tanggal.data.year
    return _page(year, add_form=form, status=400)


@bp.post("/kalender/hapus")
@role_required(Role.admin)
def calendar_remove() -> Response:
    form = RemoveDayForm()
    year = _year_from_request()
    day = _iso_date(form.tanggal.data) if form.validate_on_submit() else None
    if day is None:
        flash(_("Tanggal tidak valid."), "error")
        return _back(year)
    try:
        outcome = cal.remove_calendar_day(day, current_user)
    except cal.CalendarError as error:
        flash(str(error), "error")
    else:
        if outcome == "overridden":
            flash(_("Tanggal %(tanggal)s kini dihitung sebagai hari kerja.", tanggal=tanggal(day)), "success")
        else:
            flash(_("Tanggal %(tanggal)s dihapus dari kalender.", tanggal=tanggal(day)), "success")
    return _back(day.year)


@bp.post("/kalender/impor")
@role_required(Role.admin)
def calendar_import() -> tuple[str, int] | Response:
    form = ImportForm()
    year = _year_from_request()
    if form.validate_on_submit():
        raw = form.berkas.data.stream.read(MAX_CSV_BYTES + 1)
        try:
            if len(raw) > MAX_CSV_BYTES:
                raise cal.CalendarError(_("Berkas terlalu besar (maksimal %(kb)d KB).", kb=MAX_CSV_BYTES // 1024))
            text = raw.decode("utf-8-sig")
            result = cal.import_calendar_csv(text, current_user)
        except UnicodeDecodeError:
            form.berkas.errors = [_("Berkas harus teks UTF-8 (simpan dari Excel sebagai \"CSV UTF-8\").")]
        except cal.CalendarError as error:
            form.berkas.errors = str(error).splitlines()
        else:
            flash(_("Impor selesai: %(baru)d tanggal baru, %(ubah)d diperbarui.",
                    baru=result.created, ubah=result.updated), "success")
            return _back(year)
    return _page(year, import_form=form, status=400)


@bp.post("/kalender/isi")
@role_required(Role.admin)
def calendar_seed() -> Response:
    form = SeedForm()
    if not form.validate_on_submit():
        flash(_("Tahun tidak valid."), "error")
        return _back(_year_from_request())
    year = form.tahun.data
    result = cal.seed_calendar(year, current_user)
    flash(_("%(baru)d hari libur tahun %(tahun)d dari pustaka disimpan; %(lewat)d tanggal yang sudah ada tidak diubah.",
            baru=result.created, tahun=year, lewat=result.skipped), "success")
    return _back(year)


@bp.post("/kalender/resmi")
@role_required(Role.admin)
def calendar_confirm() -> tuple[str, int] | Response:
    form = ConfirmYearForm()
    year = _year_from_request()
    if form.validate_on_submit():
        try:
            result = cal.confirm_year(year, form.nomor_skb.data or "", form.tanggal_resmi.data or "", current_user)
        except cal.CalendarError as error:
            form.tanggal_resmi.errors = str(error).splitlines()
        else:
            flash(_("Kalender resmi tahun %(tahun)d disimpan (%(n)d tanggal); batas waktu tahun itu bukan lagi "
                    "perkiraan.", tahun=year, n=result.created), "success")
            return _back(year)
    return _page(year, confirm_form=form, status=400)


def _iso_date(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw or "")
    except ValueError:
        return None
