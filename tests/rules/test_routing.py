"""Routing (UU 19/2019 jurisdiction flag) and recusal of officers named in a case."""

from __future__ import annotations

import pytest

from gratifikasi.rules.routing import (
    REASON_LABELS,
    NamedPerson,
    OfficerRef,
    RoutingRules,
    eligible_officers,
    normalise_nip,
    normalise_person_name,
    officers_to_recuse,
    route_complaint,
    route_gratification,
)

from .english import english

SATU_MILIAR = 1_000_000_000


def test_gratification_goes_to_upg():
    for kind in ("penerimaan", "penolakan"):
        route = route_gratification(kind)
        assert route.queue == "upg"
        assert route.flag_kpk_aph is False
    with pytest.raises(ValueError):
        route_gratification("pengaduan")


def test_loss_exactly_one_billion_is_flagged():
    route = route_complaint(False, False, SATU_MILIAR, RoutingRules())
    assert route.queue == "inspektorat"
    assert route.flag_kpk_aph is True
    assert "kerugian_negara" in route.reasons


def test_loss_one_rupiah_below_is_not_flagged():
    route = route_complaint(False, False, SATU_MILIAR - 1, RoutingRules())
    assert route.queue == "inspektorat"
    assert route.flag_kpk_aph is False
    assert route.reasons == ["pengaduan_inspektorat"]


def test_unknown_loss_is_not_flagged_by_itself():
    assert route_complaint(False, False, None, RoutingRules()).flag_kpk_aph is False


def test_subject_status_flags_regardless_of_loss():
    pn = route_complaint(True, False, 0, RoutingRules())
    assert pn.flag_kpk_aph and pn.reasons == ["pengaduan_inspektorat", "penyelenggara_negara"]
    aph = route_complaint(False, True, None, RoutingRules())
    assert aph.flag_kpk_aph and aph.reasons == ["pengaduan_inspektorat", "aparat_penegak_hukum"]
    all_three = route_complaint(True, True, 2 * SATU_MILIAR, RoutingRules())
    assert all_three.reasons == ["pengaduan_inspektorat", "penyelenggara_negara", "aparat_penegak_hukum",
                                 "kerugian_negara"]
    # Flagged cases still land in the Inspektorat queue: a person decides the referral.
    assert all_three.queue == "inspektorat"


def test_every_reason_has_labels():
    route = route_complaint(True, True, SATU_MILIAR, RoutingRules())
    for code in route.reasons + route_gratification().reasons:
        label = REASON_LABELS[code]
        assert label and english(label) != label


def test_rules_are_data_an_admin_can_change():
    rules = RoutingRules(kpk_loss_threshold=500_000_000, flag_penyelenggara_negara=False)
    assert route_complaint(False, False, 500_000_000, rules).flag_kpk_aph is True
    assert route_complaint(False, False, 499_999_999, rules).flag_kpk_aph is False
    assert route_complaint(True, False, None, rules).flag_kpk_aph is False
    assert route_complaint(False, True, None, rules).flag_kpk_aph is True


@pytest.mark.parametrize("bad", [0, -1, True])
def test_rules_reject_bad_threshold(bad):
    with pytest.raises(ValueError):
        RoutingRules(kpk_loss_threshold=bad)


@pytest.mark.parametrize("bad", [-1, True])
def test_negative_or_bool_loss_rejected(bad):
    with pytest.raises(ValueError):
        route_complaint(False, False, bad, RoutingRules())


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Drs. H. AHMAD  Fauzi, S.H., M.Si.", "ahmad fauzi"),
        ("Dr.Ir.H.Ahmad Fauzi", "ahmad fauzi"),
        ("ahmad fauzi SH MSi", "ahmad fauzi"),
        ("Hj. Siti Aminah, S.Kep., Ns.", "siti aminah"),
        ("Prof. Dr. Ir. H. Bambang Widodo, M.Sc., Ph.D.", "bambang widodo"),
        ("dr. Budi Santoso, Sp.PD", "budi santoso"),
        ("  Ma'ruf   Amin ", "maruf amin"),
        ("Siti-Aminah", "siti aminah"),
        ("Dra. Ni Putu Évi, S.Sos", "ni putu evi"),
        ("Ahmad S.Kom", "ahmad"),
        # Short bare words that are also names are kept.
        ("Jack Ma", "jack ma"),
        ("Haji", "haji"),
        ("Hamdan", "hamdan"),
        ("H.", ""),
    ],
)
def test_normalise_person_name(raw, expected):
    assert normalise_person_name(raw) == expected


def test_normalise_nip():
    assert normalise_nip("19700101 199503 1 001") == "197001011995031001"
    assert normalise_nip("  ") is None
    assert normalise_nip(None) is None


OFFICERS = [
    OfficerRef("o1", "Ahmad Fauzi, S.H.", "197001011995031001"),
    OfficerRef("o2", "Ahmad Fauzan, S.E.", "198001012005011002"),
    OfficerRef("o3", "Hj. Siti Aminah Rahayu, M.Si", None),
    OfficerRef("o4", "Budi Santoso", "199001012015031003"),
    OfficerRef("o5", "Dewi Lestari", None),
]


def test_recuse_by_nip_even_with_other_name_spelling():
    named = [NamedPerson("A. Fauzi", "19700101 199503 1 001")]
    assert officers_to_recuse(named, OFFICERS) == {"o1"}


def test_recuse_by_name_with_titles_case_and_spacing():
    named = [NamedPerson("DRS.  H.  AHMAD   FAUZI,  M.Si.", None, "unit-7")]
    assert officers_to_recuse(named, OFFICERS) == {"o1"}
    named = [NamedPerson("siti aminah rahayu", None)]
    assert officers_to_recuse(named, OFFICERS) == {"o3"}


def test_similar_name_is_not_recused():
    assert officers_to_recuse([NamedPerson("Ahmad Fauzi")], OFFICERS) == {"o1"}  # not Ahmad Fauzan
    assert officers_to_recuse([NamedPerson("Siti Aminah")], OFFICERS) == set()  # not Siti Aminah Rahayu
    assert officers_to_recuse([NamedPerson("Budi Santosa")], OFFICERS) == set()


def test_empty_names_never_match():
    officers = [OfficerRef("x", "H.", None)]
    assert officers_to_recuse([NamedPerson("Drs.", None)], officers) == set()
    assert officers_to_recuse([NamedPerson("", "")], OFFICERS) == set()


def test_several_people_named():
    named = [NamedPerson("Budi Santoso"), NamedPerson("Orang Lain", "198001012005011002")]
    assert officers_to_recuse(named, OFFICERS) == {"o2", "o4"}


def test_eligible_officers_excludes_recused_and_declared_conflicts_keeping_order():
    named = [NamedPerson("Ahmad Fauzi, S.H.")]
    eligible = eligible_officers(named, OFFICERS, declared_conflicts={"o4"})
    assert [o.id for o in eligible] == ["o2", "o3", "o5"]
    assert [o.id for o in eligible_officers([], OFFICERS)] == ["o1", "o2", "o3", "o4", "o5"]
