"""What finished copy must not show (issue 16): literal backticks, developer notes, raw keys.
Used by the page crawl (tests/web/test_finished_copy.py) and the PDF tests."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

DEVELOPER_NOTES = ("belum terverifikasi", "belum terkonfirmasi", "memakai 7 hari", "domain.md", "TODO", "FIXME")
RAW_KEYS = ("report-status", "report-received", "case-reminder", "pengadaan", "suap_pemerasan",
            "jumlah_kegiatan", "subperiode_wajib", "porsi_tepat_waktu")
# A snake_case word in visible text is a key that escaped its label.
SNAKE_CASE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
# Literal values people type (the calendar import's file format names its column values).
ALLOWED = {"/admin/kalender": {"cuti_bersama", "hari_kerja"}}


def copy_problems(pages: dict[str, str]) -> list[str]:
    """What each page's (or PDF's) visible text still shows that a user should not see."""
    found = []
    for url, text in pages.items():
        if "`" in text:
            found.append(f"{url}: a literal backtick")
        found += [f"{url}: developer note {note!r}" for note in DEVELOPER_NOTES if note in text]
        found += [f"{url}: raw key {key!r}" for key in RAW_KEYS if re.search(rf"(?<![\w/-]){key}(?![\w-])", text)]
        allowed = ALLOWED.get(urlsplit(url).path, set())
        found += [f"{url}: raw key {m!r}" for m in sorted(set(SNAKE_CASE.findall(text)) - allowed)]
    return found
