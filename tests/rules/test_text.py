"""One translation mechanism: Indonesian msgids in the pure modules, English in the catalogue."""
from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import gratifikasi
from gratifikasi.rules.text import INDONESIAN, N_, Joined, Text, plural_text

from .english import CATALOGUE_DIR, ENGLISH, english

PACKAGE = Path(gratifikasi.__file__).parent


def test_marker_returns_the_msgid_unchanged() -> None:
    assert N_("Selesaikan") == "Selesaikan"


def test_str_is_indonesian_and_render_translates_nested_values() -> None:
    refusal = Text("Tindakan '%(action)s' tidak dapat dilakukan pada status '%(state)s'.",
                   {"action": "analisis", "state": Text("Diterima UPG")})
    assert str(refusal) == "Tindakan 'analisis' tidak dapat dilakukan pada status 'Diterima UPG'."
    assert refusal.render(INDONESIAN) == str(refusal)
    # The value "analisis" is an action code, not a msgid: it stays as it is.
    assert english(refusal) == "Action 'analisis' is not possible in state 'Received by the UPG'."


def test_joined_keeps_its_separator_in_both_languages() -> None:
    both = Joined((Text("Barang"), Text("Komisi")), "; ")
    assert str(both) == "Barang; Komisi"
    assert english(both) == "Goods; Commission"


def test_a_msgid_missing_from_the_catalogue_stays_indonesian() -> None:
    assert english(Text("(%(basis)s)", {"basis": "Pasal 12C"})) == "(Pasal 12C)"


@pytest.mark.parametrize(("minutes", "expected"), [(1, "1 minute."), (5, "5 minutes.")])
def test_plural_text_picks_the_english_form(minutes: int, expected: str) -> None:
    locked = plural_text("Terlalu banyak percobaan kode yang salah. Coba lagi dalam %(n)d menit.",
                         "Terlalu banyak percobaan kode yang salah. Coba lagi dalam %(n)d menit.", minutes)
    assert str(locked) == f"Terlalu banyak percobaan kode yang salah. Coba lagi dalam {minutes} menit."
    assert english(locked) == f"Too many wrong codes. Try again in {expected}"


def test_plural_needs_a_whole_count() -> None:
    with pytest.raises(TypeError):
        Text("%(n)s menit", {"n": "5"}, plural="%(n)s menit").render(ENGLISH)


def _marked_msgids() -> set[str]:
    """Every msgid marked with N_ or plural_text in the package, as scripts/i18n.sh extracts them."""
    found = extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords={"N_": None, "plural_text": (1, 2)},
    )
    return {message if isinstance(message, str) else message[0] for _, _, message, _, _ in found}


def test_every_marked_text_has_an_english_translation() -> None:
    with (CATALOGUE_DIR / "en" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    marked = _marked_msgids()
    assert len(marked) > 150  # the rules' labels are among them
    untranslated = sorted(
        msgid for msgid in marked
        if (entry := catalogue.get(msgid)) is None or not all(entry.string if isinstance(entry.string, tuple)
                                                               else [entry.string])
    )
    assert untranslated == [], "run scripts/i18n.sh and translate these in messages.po"
    # The compiled catalogue the app loads agrees with the source file.
    assert ENGLISH.gettext("Dalam situasi apa pemberian ini Anda terima?") == catalogue.get(
        "Dalam situasi apa pemberian ini Anda terima?").string
