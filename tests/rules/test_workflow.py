"""State machines: every legal transition, every illegal one, roles, reasons, labels, SLAs.

The expected tables below are written out by hand from domain.md §1.7/§3.2 and
the design, not read from the module, so a change to the machines makes
these tests fail.
"""

from __future__ import annotations

from datetime import date

import pytest

from gratifikasi.rules.state_machine import (
    ROLES,
    IllegalTransition,
    Sla,
    State,
    StateMachine,
    Transition,
    effective_sla_days,
    transition,
)
from gratifikasi.rules.workflow import COMPLAINT, GRATIFICATION

from .english import english

UPG = {"upg"}
INSP = {"inspektorat"}

# (from_state, action) -> (to_state, roles allowed, reason required)
GRATIFICATION_LEGAL: dict[tuple[str, str], tuple[str, set[str], bool]] = {
    ("diterima_upg", "minta_kelengkapan"): ("perlu_dilengkapi", UPG, True),
    ("perlu_dilengkapi", "lengkapi"): ("diterima_upg", {"reporter", "upg"}, False),
    ("perlu_dilengkapi", "tutup_tidak_dilengkapi"): ("tidak_ditindaklanjuti", {"system", "upg"}, False),
    ("diterima_upg", "verifikasi_lengkap"): ("diverifikasi", UPG, False),
    ("diverifikasi", "analisis"): ("dianalisis_upg", UPG, False),
    ("dianalisis_upg", "teruskan_kpk"): ("diteruskan_kpk", UPG, False),
    ("diterima_upg", "nyatakan_tidak_dapat_ditindaklanjuti"): ("tidak_dapat_ditindaklanjuti", UPG, True),
    ("diverifikasi", "nyatakan_tidak_dapat_ditindaklanjuti"): ("tidak_dapat_ditindaklanjuti", UPG, True),
    ("dianalisis_upg", "nyatakan_tidak_dapat_ditindaklanjuti"): ("tidak_dapat_ditindaklanjuti", UPG, True),
    ("diteruskan_kpk", "nyatakan_tidak_dapat_ditindaklanjuti"): ("tidak_dapat_ditindaklanjuti", UPG, True),
    ("diterima_upg", "catat_penolakan"): ("penolakan_dicatat", UPG, False),
    ("diverifikasi", "catat_penolakan"): ("penolakan_dicatat", UPG, False),
    ("dianalisis_upg", "catat_penolakan"): ("penolakan_dicatat", UPG, False),
    ("diteruskan_kpk", "tetapkan_milik_penerima"): ("milik_penerima", UPG, False),
    ("diteruskan_kpk", "tetapkan_milik_negara"): ("milik_negara", UPG, False),
    ("diteruskan_kpk", "tetapkan_milik_negara_kompensasi"): ("milik_negara_dapat_dikompensasi", UPG, False),
    ("milik_negara", "serahkan_barang"): ("tindak_lanjut", UPG, False),
    ("milik_negara_dapat_dikompensasi", "serahkan_barang"): ("tindak_lanjut", UPG, False),
    ("milik_negara", "setor_uang"): ("tindak_lanjut", UPG, False),
    ("milik_negara_dapat_dikompensasi", "setor_kompensasi"): ("tindak_lanjut", UPG, False),
    ("milik_penerima", "kembalikan_ke_pelapor"): ("tindak_lanjut", UPG, False),
    ("tindak_lanjut", "selesaikan"): ("selesai", UPG, False),
    ("milik_penerima", "selesaikan"): ("selesai", UPG, False),
}
GRATIFICATION_STATES = {
    "diterima_upg", "perlu_dilengkapi", "diverifikasi", "dianalisis_upg", "diteruskan_kpk", "milik_penerima",
    "milik_negara", "milik_negara_dapat_dikompensasi", "tindak_lanjut", "selesai", "tidak_ditindaklanjuti",
    "tidak_dapat_ditindaklanjuti", "penolakan_dicatat",
}
GRATIFICATION_FINAL = {"selesai", "tidak_ditindaklanjuti", "tidak_dapat_ditindaklanjuti", "penolakan_dicatat"}

COMPLAINT_LEGAL: dict[tuple[str, str], tuple[str, set[str], bool]] = {
    ("baru", "telaah"): ("ditelaah", INSP, False),
    ("baru", "nyatakan_tidak_dapat_ditindaklanjuti"): ("tidak_dapat_ditindaklanjuti", INSP, True),
    ("ditelaah", "nyatakan_tidak_dapat_ditindaklanjuti"): ("tidak_dapat_ditindaklanjuti", INSP, True),
    ("baru", "tandai_duplikat"): ("tidak_dapat_ditindaklanjuti", INSP, True),
    ("ditelaah", "tandai_duplikat"): ("tidak_dapat_ditindaklanjuti", INSP, True),
    ("ditelaah", "teruskan_opd"): ("diteruskan_opd", INSP, False),
    ("ditelaah", "mulai_pemeriksaan"): ("dalam_pemeriksaan", INSP, False),
    ("dalam_pemeriksaan", "simpulkan_terbukti"): ("terbukti", INSP, True),
    ("dalam_pemeriksaan", "simpulkan_tidak_terbukti"): ("tidak_terbukti", INSP, True),
    ("ditelaah", "teruskan_kpk_aph"): ("diteruskan_kpk_aph", INSP, True),
    ("dalam_pemeriksaan", "teruskan_kpk_aph"): ("diteruskan_kpk_aph", INSP, True),
    ("terbukti", "teruskan_kpk_aph"): ("diteruskan_kpk_aph", INSP, True),
    ("diteruskan_opd", "catat_tindak_lanjut_opd"): ("selesai", INSP, True),
    ("terbukti", "selesaikan"): ("selesai", INSP, False),
    ("tidak_terbukti", "selesaikan"): ("selesai", INSP, False),
    ("diteruskan_kpk_aph", "selesaikan"): ("selesai", INSP, False),
}
COMPLAINT_STATES = {
    "baru", "ditelaah", "tidak_dapat_ditindaklanjuti", "diteruskan_opd", "dalam_pemeriksaan", "terbukti",
    "tidak_terbukti", "diteruskan_kpk_aph", "selesai",
}
COMPLAINT_FINAL = {"tidak_dapat_ditindaklanjuti", "selesai"}

CASES = [
    (GRATIFICATION, GRATIFICATION_LEGAL, GRATIFICATION_STATES, GRATIFICATION_FINAL),
    (COMPLAINT, COMPLAINT_LEGAL, COMPLAINT_STATES, COMPLAINT_FINAL),
]
ALL_ROLES = ["upg", "inspektorat", "reporter", "system"]

# Facts under which the guards let each kind of step run (written out by hand): a receipt
# report within its completion period, a receipt report after it, a refusal report.
DUE = date(2026, 4, 7)
WITHIN = {"jenis_laporan": "penerimaan", "today": DUE, "completion_due": DUE}
LAPSED = {"jenis_laporan": "penerimaan", "today": date(2026, 4, 8), "completion_due": DUE}
REFUSAL = {"jenis_laporan": "penolakan", "today": DUE, "completion_due": DUE}


def facts_allowing(action: str) -> dict:
    return {"tutup_tidak_dilengkapi": LAPSED, "catat_penolakan": REFUSAL}.get(action, WITHIN)


def _legal_params():
    for machine, legal, _, _ in CASES:
        for (src, action), (dst, roles, needs_reason) in legal.items():
            for role in sorted(roles):
                yield pytest.param(machine, src, action, role, dst, needs_reason,
                                   id=f"{machine.name}:{src}-{action}-{role}")


def _illegal_params():
    for machine, legal, states, _ in CASES:
        actions = sorted({a for (_, a) in legal})
        for src in sorted(states):
            for action in actions:
                if (src, action) not in legal:
                    yield pytest.param(machine, src, action, id=f"{machine.name}:{src}-{action}")


def _wrong_role_params():
    for machine, legal, _, _ in CASES:
        for (src, action), (_, roles, _) in legal.items():
            for role in ALL_ROLES:
                if role not in roles:
                    yield pytest.param(machine, src, action, role, id=f"{machine.name}:{src}-{action}-{role}")


@pytest.mark.parametrize(("machine", "legal", "states", "final"), CASES, ids=["gratifikasi", "pengaduan"])
def test_machine_shape_matches_the_design(machine, legal, states, final):
    assert set(machine.states) == states
    assert machine.actions == {a for (_, a) in legal}
    assert {s for s in states if machine.state(s).final} == final
    # No legal transition leaves a final state.
    assert not any(src in final for (src, _) in legal)


def test_initial_states():
    assert GRATIFICATION.initial == "diterima_upg"
    assert COMPLAINT.initial == "baru"


@pytest.mark.parametrize(("machine", "src", "action", "role", "dst", "needs_reason"), list(_legal_params()))
def test_every_legal_transition(machine, src, action, role, dst, needs_reason):
    facts = facts_allowing(action)
    assert transition(machine, src, action, role, reason="alasan tertulis", facts=facts) == dst
    if not needs_reason:
        assert transition(machine, src, action, role, facts=facts) == dst


@pytest.mark.parametrize(("machine", "src", "action"), list(_illegal_params()))
def test_every_illegal_state_action_pair_raises(machine, src, action):
    for role in ALL_ROLES:
        with pytest.raises(IllegalTransition) as info:
            transition(machine, src, action, role, reason="alasan")
        assert info.value.kind == "not_from_state"
        assert "tidak dapat dilakukan" in str(info.value)


def test_illegal_product_is_not_empty():
    # Guards the generator: 13 states × 16 actions − 23 legal pairs, and 9 × 10 − 16.
    assert len(list(_illegal_params())) == (13 * 16 - 23) + (9 * 10 - 16)


@pytest.mark.parametrize(("machine", "src", "action", "role"), list(_wrong_role_params()))
def test_roles_not_allowed(machine, src, action, role):
    with pytest.raises(IllegalTransition) as info:
        transition(machine, src, action, role, reason="alasan")
    assert info.value.kind == "role_not_allowed"
    assert f"Peran '{role}' tidak berwenang" in str(info.value)


def _reason_params():
    for machine, legal, _, _ in CASES:
        for (src, action), (_, roles, needs_reason) in legal.items():
            if needs_reason:
                yield pytest.param(machine, src, action, sorted(roles)[0], id=f"{machine.name}:{src}-{action}")


@pytest.mark.parametrize(("machine", "src", "action", "role"), list(_reason_params()))
@pytest.mark.parametrize("reason", [None, "", "   \n"])
def test_reason_required(machine, src, action, role, reason):
    with pytest.raises(IllegalTransition) as info:
        transition(machine, src, action, role, reason=reason, facts=facts_allowing(action))
    assert info.value.kind == "reason_required"
    assert "wajib disertai alasan" in str(info.value)


def test_unknown_state_and_action():
    with pytest.raises(IllegalTransition) as info:
        transition(GRATIFICATION, "draft", "verifikasi_lengkap", "upg")
    assert info.value.kind == "unknown_state"
    with pytest.raises(IllegalTransition) as info:
        transition(COMPLAINT, "baru", "hapus", "inspektorat")
    assert info.value.kind == "unknown_action"
    # An action of the *other* machine is unknown here.
    with pytest.raises(IllegalTransition) as info:
        transition(COMPLAINT, "baru", "teruskan_kpk", "inspektorat")
    assert info.value.kind == "unknown_action"


def test_refusal_is_indonesian_and_translatable():
    with pytest.raises(IllegalTransition) as info:
        transition(COMPLAINT, "baru", "telaah", "reporter")
    assert str(info.value) == "Peran 'reporter' tidak berwenang melakukan tindakan 'telaah' (hanya: inspektorat)."
    assert english(info.value.message) == "Role 'reporter' may not perform 'telaah' (only: inspektorat)."
    # The state named in the refusal is translated with it.
    with pytest.raises(IllegalTransition) as info:
        transition(GRATIFICATION, "dianalisis_upg", "lengkapi", "upg")
    assert str(info.value) == "Tindakan 'lengkapi' tidak dapat dilakukan pada status 'Dianalisis UPG'."
    assert english(info.value.message) == "Action 'lengkapi' is not possible in state 'Under UPG analysis'."


def test_full_gratification_path_with_compensation():
    state = GRATIFICATION.initial
    for action, role in [
        ("minta_kelengkapan", "upg"), ("lengkapi", "reporter"), ("verifikasi_lengkap", "upg"),
        ("analisis", "upg"), ("teruskan_kpk", "upg"), ("tetapkan_milik_negara_kompensasi", "upg"),
        ("setor_kompensasi", "upg"), ("selesaikan", "upg"),
    ]:
        state = transition(GRATIFICATION, state, action, role, reason="kurang foto barang", facts=WITHIN)
    assert state == "selesai"


def test_available_actions_by_role():
    names = {t.name for t in GRATIFICATION.available_actions("perlu_dilengkapi", "reporter")}
    assert names == {"lengkapi"}
    assert {t.name for t in GRATIFICATION.available_actions("perlu_dilengkapi", "system")} == {
        "tutup_tidak_dilengkapi"}
    assert COMPLAINT.available_actions("selesai") == []


def test_labels_present_and_public_labels_hide_internal_steps():
    for machine in (GRATIFICATION, COMPLAINT):
        for state in machine.states.values():
            assert state.label and state.public_label
            assert english(state.label) != state.label, state.id
    # The reporter must not learn that an audit started, or how it concluded, before closure.
    for sid in ("diteruskan_opd", "dalam_pemeriksaan", "terbukti", "tidak_terbukti", "diteruskan_kpk_aph"):
        public = (COMPLAINT.state(sid).public_label + " " + english(COMPLAINT.state(sid).public_label)).lower()
        for word in ("pemeriksaan", "berkadar", "terbukti", "opd", "kpk", "audit", "examination", "substantiated"):
            assert word not in public, (sid, word)
    assert COMPLAINT.state("diteruskan_opd").public_label == COMPLAINT.state("dalam_pemeriksaan").public_label
    assert GRATIFICATION.state("diverifikasi").public_label == GRATIFICATION.state("dianalisis_upg").public_label


def test_default_slas_and_overrides():
    def days(machine, sid):
        return effective_sla_days(machine.state(sid))

    assert days(COMPLAINT, "baru") == 5
    assert days(COMPLAINT, "diteruskan_opd") == 14
    assert days(COMPLAINT, "dalam_pemeriksaan") == 60
    assert days(COMPLAINT, "selesai") is None
    assert days(GRATIFICATION, "diterima_upg") == 10
    assert days(GRATIFICATION, "dianalisis_upg") == 10
    assert days(GRATIFICATION, "perlu_dilengkapi") == 20
    # UPG→KPK runs from receipt across three states: one shared setting.
    keys = {GRATIFICATION.state(s).sla.setting_key for s in ("diterima_upg", "diverifikasi", "dianalisis_upg")}
    assert keys == {"gratifikasi.upg_ke_kpk_hk"}
    audit = COMPLAINT.state("dalam_pemeriksaan")
    assert effective_sla_days(audit, {"pengaduan.selesai_berkadar_hk": 45}) == 45
    assert effective_sla_days(audit, {"pengaduan.respon_hk": 3}) == 60
    with pytest.raises(ValueError):
        effective_sla_days(audit, {"pengaduan.selesai_berkadar_hk": 0})


def test_complaint_classification_for_lke():
    expected = {
        "baru": "belum_ditelaah",
        "ditelaah": "belum_ditelaah",
        "tidak_dapat_ditindaklanjuti": "tidak_dapat_ditindaklanjuti",
        "diteruskan_opd": "harus_ditindaklanjuti",
        "dalam_pemeriksaan": "harus_ditindaklanjuti",
        "terbukti": "selesai_ditindaklanjuti",
        "tidak_terbukti": "selesai_ditindaklanjuti",
        "diteruskan_kpk_aph": "selesai_ditindaklanjuti",
        "selesai": "selesai_ditindaklanjuti",
    }
    assert {sid: s.classification for sid, s in COMPLAINT.states.items()} == expected
    assert all(s.classification is None for s in GRATIFICATION.states.values())


def _state(sid: str, final: bool = False) -> State:
    return State(sid, sid, sid, final=final, sla=Sla(1, "x", "state_entry", "test"))


@pytest.mark.parametrize(
    "transitions",
    [
        (Transition("go", ("a",), "zz", frozenset({"upg"})),),  # unknown target
        (Transition("go", ("zz",), "b", frozenset({"upg"})),),  # unknown source
        (Transition("go", ("b",), "a", frozenset({"upg"})),),  # leaves a final state
        (Transition("go", ("a",), "b", frozenset({"admin"})),),  # unknown role
        (Transition("go", ("a",), "b", frozenset()),),  # nobody may do it
        (Transition("go", ("a",), "b", frozenset({"upg"})), Transition("go", ("a",), "a", frozenset({"upg"}))),
    ],
)
def test_machine_definition_is_validated(transitions):
    with pytest.raises(ValueError):
        StateMachine("t", "a", {"a": _state("a"), "b": _state("b", final=True)}, transitions)


def test_roles_vocabulary():
    assert ROLES == set(ALL_ROLES)



def test_rule_modules_import_only_stdlib_and_sibling_rules():
    # The package __init__ builds the Flask app, so check the sources, not sys.modules.
    import ast
    import sys
    from pathlib import Path

    import gratifikasi.rules as rules_pkg

    folder = Path(rules_pkg.__file__).parent
    for name in ("workflow", "routing", "lke", "lke_data", "indicators"):
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative import of a sibling rules module
                    continue
                roots = [(node.module or "").split(".")[0]]
            else:
                continue
            for root in roots:
                assert root == "__future__" or root in sys.stdlib_module_names, (name, root)
