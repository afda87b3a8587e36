"""Finished copy (issue 16 item 5): a crawl of the pages each role reaches finds no literal
backtick, no developer note and no raw key; the icon, the meta description and the
transparency link are where visitors need them; no 404 and no icon request sets a cookie."""
from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from flask_babel import gettext

from gratifikasi import clock
from gratifikasi.crypto.rings import RingPurpose
from gratifikasi.extensions import db
from gratifikasi.keyring import rings
from gratifikasi.models import Role
from gratifikasi.outbox import enqueue
from gratifikasi.rules.workflow import COMPLAINT, GRATIFICATION
from tests.conftest import make_app
from tests.copy_checks import copy_problems
from tests.helpers import login, make_officer
from tests.integrity import factories as f
from tests.keyring.conftest import crew  # noqa: F401
from tests.kpk.helpers import make_report

SKIPPED_PATHS = ("/keluar", "/static/", "/bahasa")
PAGE_LIMIT = 80


class _Page(HTMLParser):
    """Visible text (attribute text people read included) and same-site links."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("script", "style", "title"):
            self._hidden += 1
        if tag == "a" and values.get("href") and "download" not in values:
            self.links.append(values["href"])
        for name in ("title", "aria-label", "placeholder", "alt"):
            if values.get(name):
                self.text.append(values[name])
        if tag == "meta" and values.get("name") == "description":
            self.text.append(values.get("content") or "")
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.text.append(values["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def _crawl(client, starts: list[str]) -> dict[str, str]:
    """GET every same-site page reachable from ``starts`` (HTML only); path → visible text."""
    seen: dict[str, str] = {}
    todo = list(starts)
    while todo and len(seen) < PAGE_LIMIT:
        url = urldefrag(todo.pop(0))[0]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/") or url in seen:
            continue
        if any(parts.path.startswith(p) for p in SKIPPED_PATHS):
            continue
        response = client.get(url)
        if response.status_code != 200 or response.mimetype != "text/html":
            seen[url] = ""
            continue
        page = _parse(response.get_data(as_text=True))
        seen[url] = " ".join(page.text)
        todo.extend(page.links)
    return seen


@pytest.fixture
def populated(crew):  # noqa: F811
    """A report, complaints of every kind of category on the dashboards, a queued e-mail."""
    app = crew.app
    make_officer(app, "walikota", Role.pimpinan)
    year = clock.utcnow().year
    with app.app_context():
        for purpose in (RingPurpose.CASE, RingPurpose.GRATIFICATION_IDENTITY):
            rings.grant(purpose, crew.officer("admin"), crew.key("admin"), crew.officer("upg"))
        make_report()
        unit = f.unit("DINKES", "Dinas Kesehatan")
        f.complaint(unit, date(year, 1, 8), "selesai", category="pengadaan", responded=date(year, 1, 9))
        enqueue("pelapor@example.org", "Status", "Isi", kind="report-status")
        db.session.commit()
    return app


@pytest.mark.parametrize("username", ["admin", "upg", "irban", "kustodian", "walikota"])
def test_a_crawl_of_each_roles_pages_finds_no_backtick_developer_note_or_raw_key(populated, username):
    client = populated.test_client()
    login(client, username)
    year = clock.utcnow().year
    pages = _crawl(client, ["/", "/beranda", f"/integritas/?periode={year}", "/transparansi", "/admin/email",
                            "/admin/pengaturan", "/admin/kunci", "/integritas/pengaturan"])
    assert len([t for t in pages.values() if t]) >= 5
    assert copy_problems(pages) == []


def test_a_crawl_of_the_public_pages_finds_no_backtick_developer_note_or_raw_key(populated):
    client = populated.test_client()
    pages = _crawl(client, ["/", "/wajib-lapor", "/laporan-gratifikasi", "/laporan-gratifikasi/status",
                            "/pengaduan/", "/pengaduan/kotak", "/transparansi"])
    assert len([t for t in pages.values() if t]) >= 5
    assert copy_problems(pages) == []


def test_the_crawl_check_sees_what_it_looks_for():
    assert copy_problems({"/x": "Jenis: pengadaan · `flask keys grant` · jumlah_kegiatan: 3"}) == [
        "/x: a literal backtick", "/x: raw key 'pengadaan'", "/x: raw key 'jumlah_kegiatan'",
        "/x: raw key 'jumlah_kegiatan'",
    ]
    assert copy_problems({"/x": "Pengadaan barang/jasa · masing-masing"}) == []


PUBLIC_PAGES = ("/", "/transparansi", "/wajib-lapor", "/laporan-gratifikasi/status", "/pengaduan/",
                "/pengaduan/kotak")


def test_public_pages_carry_the_icon_link_and_a_meta_description(tmp_path):
    client = make_app(tmp_path).test_client()
    for path in PUBLIC_PAGES + ("/tidak-ada",):
        html = client.get(path).get_data(as_text=True)
        assert re.search(r'<link rel="icon" href="/static/[^"]+"', html), path
        description = re.search(r'<meta name="description" content="([^"]+)">', html)
        assert description and len(description.group(1)) > 40, path


def test_transparency_is_linked_from_the_home_page_and_every_footer(tmp_path):
    client = make_app(tmp_path).test_client()
    home = client.get("/").get_data(as_text=True)
    main = home.split('<main', 1)[1].split("</main>", 1)[0]
    footer = home.split('<footer', 1)[1]
    assert 'href="/transparansi"' in main and 'href="/transparansi"' in footer
    assert 'href="/transparansi"' in client.get("/wajib-lapor").get_data(as_text=True).split("<footer", 1)[1]


def test_the_icon_is_served_and_no_404_sets_a_cookie(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    icon = app.test_client().get("/favicon.ico")
    assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"
    assert icon.headers.getlist("Set-Cookie") == []
    icon.close()
    for path in ("/tidak-ada", "/static/tidak-ada.css", "/transparansi", "/perkara/gratifikasi/999999/kpk/x"):
        response = app.test_client().get(path)
        assert response.headers.getlist("Set-Cookie") == [], path


def _indonesian_labels_with_an_english_text(app) -> set[str]:
    """Every workflow status label whose English text differs from the Indonesian."""
    with app.test_request_context(headers={"Cookie": "bahasa=en"}):
        labels = {text for machine in (GRATIFICATION, COMPLAINT) for state in machine.states.values()
                  for text in (state.label, state.public_label) if text}
        return {label for label in labels if gettext(label) != label and label not in gettext(label)}


@pytest.mark.parametrize("username", ["upg", "irban", "walikota"])
def test_english_pages_show_no_indonesian_status_label(populated, username):
    client = populated.test_client()
    login(client, username)
    client.set_cookie("bahasa", "en")
    year = clock.utcnow().year
    pages = _crawl(client, ["/beranda", f"/integritas/?periode={year}", "/perkara/"])
    labels = _indonesian_labels_with_an_english_text(populated)
    assert labels
    untranslated = sorted({f"{url}: {label!r}" for url, text in pages.items() for label in labels
                           if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text)})
    assert untranslated == []
    # Periods and months too: "Triwulan I 2026", "Tahun 2026", "Agu" are Indonesian (a law's
    # citation, "UU Nomor 20 Tahun 2001", keeps its Indonesian name).
    periods = sorted({f"{url}: {m}" for url, text in pages.items()
                      for m in re.findall(r"\b(?:Triwulan [IV]+|(?<!\d )Tahun 20\d\d|Agu|Okt|Des|Mei)\b", text)})
    assert periods == []
