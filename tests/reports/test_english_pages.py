"""An English visitor reads the rules' texts (state labels, refusals, advice) from the catalogue.

The rules hand over Indonesian msgids only; each assertion below fails if the English entry is
missing from messages.po/.mo (the page would then show the Indonesian text).
"""
from __future__ import annotations

import io

from gratifikasi.rules.exemptions_data import GiftSituation as S
from tests.reports.conftest import receipt_of, submit
from tests.reports.test_advisor_pages import NEW, _post_data
from tests.rules.test_exemptions import answers
from tests.uploads import samples


def test_reporter_sees_the_status_label_and_an_upload_refusal_in_english(client, app, ready):
    client.set_cookie("bahasa", "en")
    refused = submit(client, app, files=[(io.BytesIO(samples.PE), "bukti.pdf")])
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "File &#39;bukti.pdf&#39; refused: programs and scripts are not accepted." in html
    assert "berkas program atau skrip tidak diterima" not in html

    number, code = receipt_of(submit(client, app))
    reader = app.test_client()
    reader.set_cookie("bahasa", "en")
    reader.post("/laporan-gratifikasi/status", data={"nomor": number, "kode": code})
    html = reader.get("/laporan-gratifikasi/status").get_data(as_text=True)
    assert 'data-testid="status">Report received<' in html
    assert "Laporan diterima" not in html
    # The deadline labels come from rules/deadlines.py the same way.
    assert "UPG forwards the report to KPK (10 working days from the day the UPG holds the complete report)" in html


def test_advice_in_english(client, frozen_clock):
    client.set_cookie("bahasa", "en")
    given = answers(S.REKAN_KERJA_PISAH_SAMBUT, value_rupiah=600_000, yearly_total_from_giver=600_000)
    html = client.post("/wajib-lapor/hasil", data=_post_data(given, NEW)).get_data(as_text=True)
    assert "Must report: not exempt under Art. 2(3) of PerKPK 1/2026 (item o: gift value Rp600.000 exceeds " \
           "the limit (at most Rp500.000)" in html
    assert "Item n no longer applies under PerKPK 1/2026" in html
    assert "Wajib lapor: tidak memenuhi" not in html
