"""Identifier and money rules of the report form (pure, hand-written expectations)."""
from datetime import date

import pytest

from gratifikasi.rules.report_fields import (
    JenisObjek,
    JenisPenerimaan,
    NipParts,
    RupiahError,
    check_nik,
    check_nip,
    jenis_objek_for,
    parse_nip,
    parse_rupiah,
)

TODAY = date(2026, 3, 2)


@pytest.mark.parametrize("nik", ["3575014507850003", "1101010101900001"])
def test_valid_nik(nik):
    assert check_nik(nik) is None


@pytest.mark.parametrize(
    ("nik", "fragment"),
    [
        ("357501450785000", "16 angka"),     # 15 digits
        ("35750145078500031", "16 angka"),   # 17 digits
        ("35750145078500O3", "16 angka"),    # letter O
        ("3575 0145 0785 0003", "16 angka"),
        ("0075014507850003", "kode provinsi"),
    ],
)
def test_invalid_nik(nik, fragment):
    assert fragment in check_nik(nik)


def test_nip_parts():
    assert parse_nip("198507152010012003") == NipParts(date(1985, 7, 15), 2010, 1, 2, 3)


@pytest.mark.parametrize(
    ("nip", "fragment"),
    [
        ("19850715201001200", "18 angka"),
        ("198513152010012003", "tanggal lahir"),  # month 13
        ("198502302010012003", "tanggal lahir"),  # 30 February
        ("198507152010132003", "bulan TMT"),      # TMT month 13
        ("198507152010002003", "bulan TMT"),      # TMT month 00
        ("198507151995012003", "terlalu dekat"),  # TMT at age 9
        ("198507152010013003", "angka ke-15"),    # sex digit 3
        ("198507152010012000", "000"),            # sequence 000
    ],
)
def test_invalid_nip_structure(nip, fragment):
    assert fragment in check_nip(nip, today=TODAY)


def test_nip_cannot_lie_in_the_future_or_disagree_with_the_birth_date():
    assert "belum terjadi" in check_nip("198507152026122003", today=TODAY)  # TMT December 2026
    assert check_nip("198507152026032003", today=TODAY) is None  # TMT this month
    assert "berbeda" in check_nip("198507152010012003", today=TODAY, birth_date=date(1985, 7, 16))
    assert check_nip("198507152010012003", today=TODAY, birth_date=date(1985, 7, 15)) is None


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.500.000", 1_500_000),
        ("Rp 1.500.000", 1_500_000),
        ("Rp1.500.000,00", 1_500_000),
        ("rp. 750.000", 750_000),
        ("1500000", 1_500_000),
        ("0", 0),
        ("999", 999),
        (" 12.345.678 ", 12_345_678),
    ],
)
def test_rupiah_parsing(text, amount):
    assert parse_rupiah(text) == amount


@pytest.mark.parametrize("text", ["", "Rp", "1,5 juta", "1.50", "1.500.000,50", "-5", "1.5000.000", "1 500 000 juta",
                                  "1e6", "10000000000000000000"])
def test_rupiah_rejects_ambiguous_or_invalid_text(text):
    with pytest.raises(RupiahError):
        parse_rupiah(text)


def test_advisor_gift_forms_map_onto_report_object_kinds():
    assert {jenis_objek_for(j) for j in JenisPenerimaan} <= set(JenisObjek)
    assert jenis_objek_for(JenisPenerimaan.RABAT) is JenisObjek.RABAT
    assert jenis_objek_for(None) is None
