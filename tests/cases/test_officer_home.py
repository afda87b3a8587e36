"""The officer's home page summarises their own queue (issue 16 item 2): new, awaiting me, due
within the 'segera' working days (3 by default), overdue; each number links to the queue with
the same filter and lists exactly those cases (same visibility rule: role, unit, recusal)."""
from __future__ import annotations

import re
from datetime import date

from gratifikasi import clock
from gratifikasi.cases.recusals import add_recusal
from gratifikasi.extensions import db
from gratifikasi.models.case import NO_DEADLINE, CaseFile, CaseKind, RecusalBasis
from gratifikasi.rules.workflow import COMPLAINT, GRATIFICATION
from tests.helpers import login

# (tracking number, handling unit, status, handler, due date, recused officer)
CASES = (
    ("GRT-NEW", "INSPEKTORAT", "diterima_upg", None, date(2026, 3, 20), None),
    ("GRT-RECUSED", "INSPEKTORAT", "diterima_upg", None, date(2026, 3, 3), "upg"),
    ("GRT-MINE-SOON", "INSPEKTORAT", "diterima_upg", "upg", date(2026, 3, 4), None),
    ("GRT-MINE-LATE-REPORTER", "INSPEKTORAT", "perlu_dilengkapi", "upg", date(2026, 2, 27), None),
    ("GRT-OTHER-SOON", "INSPEKTORAT", "diverifikasi", "upg2", date(2026, 3, 5), None),
    ("GRT-DONE", "INSPEKTORAT", "selesai", "upg", NO_DEADLINE, None),
    ("GRT-DINKES", "DINKES", "diterima_upg", None, date(2026, 3, 3), None),
    ("GRT-LATER", "INSPEKTORAT", "dianalisis_upg", "upg", date(2026, 3, 12), None),
)


def _cases(app, world) -> None:
    with app.app_context():
        for i, (number, unit, status, handler, due, recused) in enumerate(CASES):
            case = CaseFile(
                kind=CaseKind.gratifikasi, record_type="gratification_report", record_id=500 + i,
                tracking_number=number, queue="upg", handling_unit_id=world.unit_id(unit),
                unit_id=world.unit_id("DISHUB"), category="penerimaan", status=status,
                status_changed_at=clock.utcnow(), is_open=status != "selesai", received_on=date(2026, 2, 20),
                due_on=due, assignee_id=world.officer(handler).id if handler else None, created_at=clock.utcnow(),
            )
            db.session.add(case)
            db.session.flush()
            if recused:
                add_recusal(case, world.officer(recused).id, RecusalBasis.konflik, clock.utcnow())
        db.session.commit()


def _summary(page: str) -> dict[str, tuple[int, str]]:
    found = re.findall(r'<a href="([^"]+)" data-testid="summary-(\w+)"><strong>(\d+)</strong>', page)
    return {name: (int(count), href.replace("&amp;", "&")) for href, name, count in found}


def _listed(client, href: str) -> set[str]:
    page = client.get(href).get_data(as_text=True)
    return set(re.findall(r'<a href="/perkara/\d+">([A-Z-]+)</a>', page))


def test_home_counts_the_officers_own_queue_and_links_to_the_same_cases(app, world):
    _cases(app, world)
    client = app.test_client()
    login(client, "upg")
    page = client.get("/beranda").get_data(as_text=True)
    summary = _summary(page)
    assert {name: count for name, (count, _href) in summary.items()} == {
        "new": 1, "awaiting": 2, "soon": 2, "overdue": 1}
    assert "jatuh tempo dalam 3 hari kerja" in page
    expected = {
        "new": {"GRT-NEW"},                              # not the recused one, not another unit's
        "awaiting": {"GRT-MINE-SOON", "GRT-LATER"},      # not the one waiting for the reporter
        "soon": {"GRT-MINE-SOON", "GRT-OTHER-SOON"},
        "overdue": {"GRT-MINE-LATE-REPORTER"},
    }
    for name, (count, href) in summary.items():
        assert _listed(client, href) == expected[name], name
        assert len(expected[name]) == count


def test_other_unit_and_non_handlers(app, world):
    _cases(app, world)
    other = app.test_client()
    login(other, "upgx")  # UPG in DINKES
    counts = {name: count for name, (count, _h) in _summary(other.get("/beranda").get_data(as_text=True)).items()}
    assert counts == {"new": 1, "awaiting": 0, "soon": 1, "overdue": 0}  # GRT-DINKES only
    custodian = app.test_client()
    login(custodian, "kustodian")
    page = custodian.get("/beranda").get_data(as_text=True)
    assert page.count('data-testid="summary-') == 0 and "Selamat datang" in page


def test_states_awaiting_the_officer_exclude_the_reporters_turn():
    awaiting = GRATIFICATION.states_awaiting("upg")
    assert "diterima_upg" in awaiting and "dianalisis_upg" in awaiting
    assert "perlu_dilengkapi" not in awaiting and "selesai" not in awaiting
    assert "baru" in COMPLAINT.states_awaiting("inspektorat")
    assert GRATIFICATION.states_awaiting("reporter") == frozenset()
