""""Apakah wajib lapor?": a two-step guided check over rules/exemptions.py, without JavaScript.

Step 1 asks the date of receipt (which picks the 2019 or 2026 rule set) and the situation;
step 2 asks only the questions that situation needs under that rule set (the questions are
data in the rules module, so the form is built from them). The answer names the legal item;
when a report is needed, a POST carries the categorical answers to the report form.
"""
from __future__ import annotations

from datetime import date

from flask import redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import HiddenField, RadioField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from .. import clock
from ..rules.exemptions import AdvisorAnswers, advise, questions_for
from ..rules.exemptions_data import GiftSituation, Question
from ..rules.gratification_rulesets import ruleset_for
from ..rules.report_fields import JenisPenerimaan, jenis_objek_for
from .forms import EARLIEST_DATE, AdvisorStartForm, _rupiah, situation_choices
from .views import PREFILL_KEY, bp


def _start_form() -> AdvisorStartForm:
    form = AdvisorStartForm()
    form.situation.choices = situation_choices()
    return form


def _questions_form(questions: tuple[Question, ...]) -> FlaskForm:
    """A form class built from the rule module's questions (all optional: unanswered never exempts)."""

    class QuestionsForm(FlaskForm):
        tanggal_penerimaan = HiddenField()
        situation = HiddenField()
        cek = SubmitField(_("Lihat hasil"))

    for question in questions:
        if question.key == "situation":
            continue
        text = _(question.text)
        if question.kind == "ya_tidak":
            field = RadioField(text, choices=[SelectChoice("ya", _("Ya")), SelectChoice("tidak", _("Tidak"))],
                               validators=[Optional()])
        elif question.kind == "pilihan":
            field = SelectField(
                text, validators=[Optional(), Length(max=40)],
                choices=[SelectChoice("", _("— pilih —"))]
                + [SelectChoice(code, _(option)) for code, option in question.options],
            )
        else:
            field = StringField(text, validators=[Optional(), Length(max=30), _rupiah],
                                render_kw={"inputmode": "numeric", "placeholder": "750.000"})
        setattr(QuestionsForm, question.key, field)
    return QuestionsForm()


@bp.route("/wajib-lapor", methods=["GET", "POST"])
def advisor():
    form = _start_form()
    if request.method == "POST" and form.validate():
        questions = questions_for(GiftSituation(form.situation.data), form.tanggal_penerimaan.data)
        qform = _questions_form(questions)
        qform.tanggal_penerimaan.data = form.tanggal_penerimaan.data.isoformat()
        qform.situation.data = form.situation.data
        return _questions_page(qform, questions, form.tanggal_penerimaan.data)
    return render_template("reports/advisor_start.html", form=form), 422 if request.method == "POST" else 200


def _questions_page(qform, questions, received: date, status: int = 200):
    rules = ruleset_for(received)
    situation = next(q for q in questions if q.key == "situation")
    chosen = next(_(option) for code, option in situation.options if code == qform.situation.data)
    fields = [getattr(qform, q.key) for q in questions if q.key != "situation"]
    return render_template("reports/advisor_questions.html", form=qform, fields=fields, rules=rules,
                           situation_label=chosen, received=received), status


@bp.post("/wajib-lapor/hasil")
def advisor_result():
    try:
        received = date.fromisoformat(request.form.get("tanggal_penerimaan", ""))
        situation = GiftSituation(request.form.get("situation", ""))
    except ValueError:
        return redirect(url_for("reports.advisor"))
    questions = questions_for(situation, received)
    qform = _questions_form(questions)
    if not EARLIEST_DATE <= received <= clock.local_today():  # a tampered hidden field: start again
        return redirect(url_for("reports.advisor"))
    if not qform.validate():
        return _questions_page(qform, questions, received, 422)
    try:
        # Building the answers checks them across fields (a yearly total includes this gift).
        advice = advise(_answers(qform, questions, situation), received)
    except ValueError:
        # The only cross-field rule the form's own validators leave: the yearly total.
        qform.yearly_total_from_giver.errors = [
            _("Total setahun harus termasuk nilai pemberian ini (tidak boleh lebih kecil).")
        ]
        return _questions_page(qform, questions, received, 422)
    return render_template("reports/advisor_result.html", advice=advice, received=received,
                           prefill=advice.prefill)


def _answers(qform, questions, situation: GiftSituation) -> AdvisorAnswers:
    values: dict[str, object] = {}
    for question in questions:
        if question.key == "situation":
            continue
        field = getattr(qform, question.key)
        raw = field.data
        if question.kind == "ya_tidak":
            values[question.key] = None if raw not in ("ya", "tidak") else raw == "ya"
        elif question.kind == "pilihan":
            if not raw:
                values[question.key] = None
            elif question.key == "gift_form":
                values[question.key] = JenisPenerimaan(raw)
            else:
                values[question.key] = raw
        else:
            values[question.key] = getattr(field, "parsed", None) if (raw or "").strip() else None
    return AdvisorAnswers(situation=situation, **values)  # type: ignore[arg-type]


@bp.post("/wajib-lapor/laporkan")
def advisor_to_report() -> Response:
    """Carry the advisor's categorical answers (date, kinds, value) to the report form."""
    prefill: dict[str, object] = {"tanggal_penerimaan": request.form.get("tanggal_penerimaan", "")[:10]}
    for key in ("jenis_peristiwa", "hubungan_pemberi"):
        prefill[key] = request.form.get(key, "")[:40]
    jenis = request.form.get("jenis_penerimaan", "")
    if jenis in {m.value for m in JenisPenerimaan}:
        prefill["jenis_objek"] = jenis_objek_for(JenisPenerimaan(jenis)).value  # type: ignore[union-attr]
    nilai = request.form.get("nilai", "")
    if nilai.isdigit() and len(nilai) <= 16:
        prefill["nilai"] = int(nilai)
    session[PREFILL_KEY] = prefill
    return redirect(url_for("reports.report_form"))
