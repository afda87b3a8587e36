"""`flask demo seed`'s sample year: reports, complaints and integrity evidence.

Everything goes through the services the web pages call (submission, the case workflow,
the KPK steps, the mailbox, evidence records), with the clock moved to each step, so case
files, histories, due dates, the audit chain, queued e-mails and the dashboard's monthly
totals are what a year of real use would leave. Only the seed's own officers act.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import force_locale

from .. import clock
from ..integrity import evidence_records as evidence
from ..integrity import lke_worksheet, totals
from ..models.integrity import ActivityKind, DocumentKind, MonevScope
from .crew import Crew, gather
from .replay import Story, at, replay, workday
from .sample_complaints import COMPLAINT_PLANS, complaint_stories
from .sample_reports import REPORT_PLANS, report_stories


@dataclass(frozen=True)
class SampleSummary:
    reports: int
    complaints: int
    evidence: int
    steps: int


def _evidence_story(crew: Crew, today: date) -> Story:
    """The agency's integrity evidence through the year (documents, campaigns, monev, recaps)."""
    officer = crew.upg
    start = workday(today - timedelta(days=350))
    yield at(start, 5)
    evidence.add_document(officer, unit_id=None, kind=DocumentKind.sk_upg, number="188/001/423.011/CONTOH",
                          title="SK Wali Kota tentang Unit Pengendalian Gratifikasi (contoh)",
                          document_date=start, reference=None)
    yield at(start, 10)
    evidence.add_document(officer, unit_id=None, kind=DocumentKind.sop, number="SOP/UPG/01/CONTOH",
                          title="SOP penanganan laporan gratifikasi (contoh)", document_date=start, reference=None)
    yield at(start, 15)
    evidence.add_document(officer, unit_id=None, kind=DocumentKind.kebijakan_wbs, number="PERWALI/WBS/CONTOH",
                          title="Peraturan Wali Kota tentang WBS (contoh)", document_date=start, reference=None)
    for days_ago, kind, title, participants in (
        (300, ActivityKind.sosialisasi, "Sosialisasi pengendalian gratifikasi untuk kepala OPD (contoh)", 45),
        (200, ActivityKind.public_campaign, "Kampanye 'Tolak Gratifikasi' di Car Free Day (contoh)", None),
        (120, ActivityKind.sosialisasi, "Sosialisasi WBS di kecamatan (contoh)", 60),
        (40, ActivityKind.public_campaign, "Spanduk dan unggahan media sosial hari antikorupsi (contoh)", None),
    ):
        day = workday(today - timedelta(days=days_ago))
        yield at(day, 200)
        evidence.add_activity(officer, unit_id=None, kind=kind, activity_date=day, title=title,
                              participants=participants, reference=None)
    for days_ago in (270, 90):
        day = workday(today - timedelta(days=days_ago))
        yield at(day, 240)
        evidence.add_monev(officer, unit_id=None, scope=MonevScope.keduanya, held_on=day,
                           title="Rapat monev pengaduan dan WBS (contoh)",
                           recommendations="Percepat telaah pengaduan (contoh)\nPerbarui SOP WBS (contoh)")
    for year, semester in _past_semesters(today):
        due = date(year, 7, 10) if semester == 1 else date(year + 1, 1, 10)
        yield at(workday(due), 120)
        evidence.add_recap(officer, unit_id=None, year=year, semester=semester, sent_on=workday(due),
                           reference=f"REKAP/UPG/{year}-S{semester}/CONTOH")
    # The unit proposed for WBK: the survey results (IPAK, IPKP) and performance grade that
    # come from outside the app, so its LKE page shows a whole worksheet.
    yield at(workday(today - timedelta(days=20)), 300)
    # save_lke_entry reads officer.id after adding a new entry; an expired officer would be
    # reloaded there and autoflush the half-filled entry, so load it first.
    assert officer.id is not None
    lke_worksheet.save_lke_entry(crew.unit("DPMPTSP"), today.year, {}, {}, ipak=3.62, ipkp=3.48, capaian="B",
                                 officer=officer)


EVIDENCE_RECORDS = 3 + 4 + 2  # documents, activities, monev meetings (recaps come on top)


def _past_semesters(today: date) -> list[tuple[int, int]]:
    """Semesters of the sample year whose recap was already due (10th of the next month)."""
    found = []
    for year, semester in ((today.year - 1, 1), (today.year - 1, 2), (today.year, 1), (today.year, 2)):
        due = date(year, 7, 10) if semester == 1 else date(year + 1, 1, 10)
        if today - timedelta(days=350) <= due <= today:
            found.append((year, semester))
    return found


def year_start() -> datetime:
    """When the sample year begins: the demo agency and its officers are set up then."""
    return at(clock.local_today() - timedelta(days=365))


def seed_year(password: str) -> SampleSummary:
    """Replay the sample year up to now. Call once, on a database holding only the demo agency."""
    now = clock.utcnow()
    today = clock.local_today()
    crew = gather(password)
    stories: list[Story] = [*report_stories(crew, today), *complaint_stories(crew, today)]
    stories.append(_evidence_story(crew, today))
    # Outside a request no visitor's language exists; a few services translate a message for
    # the receipt page (a late report's warning), so the seed speaks Indonesian.
    with force_locale("id"):
        steps = replay(stories, until=now)
    totals.catch_up()  # the dashboard opens on counted months
    return SampleSummary(len(REPORT_PLANS), len(COMPLAINT_PLANS),
                         EVIDENCE_RECORDS + len(_past_semesters(today)), steps)

