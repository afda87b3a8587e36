"""Authorisation matrix: every officer route (read from app.url_map) x every role x an officer
of the handling unit ("own") and of another unit ("other"), for a UPG case (gratification
report) and an Inspektorat case (complaint).

Officer routes are the workspace's own, every route of any blueprint that names an intake
record (``report_id``) and the attachment download (``attachment_id``), tried with a file of
the report, of the complaint and the complaint's KTP copy: the case rule (role, unit,
handling, recusal) decides every one of them. Evidence files of the integrity pages follow
their own rule and are checked in tests/integrity.
"""
from __future__ import annotations

import io

import pytest

from gratifikasi.attachments.access import may_download
from gratifikasi.auth.services import find_officer
from gratifikasi.extensions import db
from gratifikasi.models import Attachment, Complaint, Role
from gratifikasi.uploads.service import attachments_of
from tests.cases.conftest import submit_complaint, submit_report
from tests.helpers import login, make_officer
from tests.uploads import samples

UNITS = {"own": "INSPEKTORAT", "other": "DINKES"}
RECORD_ARGS = ("report_id", "complaint_id", "attachment_id")


def officer_routes(app) -> list[tuple[str, str, str]]:
    """(endpoint, method, rule) for every officer route of the workspace or on a record."""
    routes = []
    for rule in app.url_map.iter_rules():
        on_record = any(arg in rule.arguments for arg in RECORD_ARGS)
        if not (rule.endpoint.startswith("cases.") or on_record):
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            routes.append((rule.endpoint, method, rule.rule))
    return routes


def expected(endpoint: str, queue: str | None, role: Role, unit: str) -> str:
    handler = role in (Role.upg, Role.inspektorat)
    if endpoint == "cases.queue":
        return "allowed" if handler else "denied"
    if endpoint == "cases.routing_rules":
        return "allowed" if role is Role.admin else "denied"
    if endpoint == "attachments.download":
        return "denied"  # these officers hold no ring: the key is the second gate (the rule is checked below)
    # A route on a case: only an officer of the case's queue in its handling unit.
    return "allowed" if role.value == queue and unit == "own" else "denied"


def _targets(rule: str, cases: dict[str, dict[str, int]]) -> list[tuple[str | None, str]]:
    """(queue of the case in the path or None, path) for each case the rule can name."""
    if "<int:case_id>" not in rule and not any(f"<int:{arg}>" in rule for arg in RECORD_ARGS):
        return [(None, rule)]
    targets = []
    for queue, ids in cases.items():
        if ("attachment_id" in ids) != ("<int:attachment_id>" in rule):
            continue
        path = rule
        for name, value in ids.items():
            path = path.replace(f"<int:{name}>", str(value))
        if "<" not in path:
            targets.append((queue, path))
    return targets


def test_the_matrix_covers_the_workspace(app):
    endpoints = {endpoint for endpoint, _m, _r in officer_routes(app)}
    assert {"cases.queue", "cases.case_page", "cases.change_status", "cases.assign", "cases.declare_conflict",
            "cases.add_note", "cases.post_message", "cases.show_identity", "cases.request_identity",
            "cases.routing_rules"} <= endpoints


@pytest.mark.parametrize("unit", sorted(UNITS))
def test_every_officer_route_for_every_role_and_unit(app, world, unit):
    report_case = submit_report(app, files=[_file("laporan.png")])
    complaint_case, _code = submit_complaint(app, lampiran=[(io.BytesIO(samples.png()), "bukti.png")], identitas="beri",
                                             pelapor_nama="Siti", pelapor_kontak="0812",
                                             ktp=(io.BytesIO(samples.png()), "ktp.png"))
    with app.app_context():
        (report_file,) = attachments_of("gratification_report", report_case.record_id)
        ktp_id = db.session.get(Complaint, complaint_case.record_id).ktp_attachment_id
        (complaint_file,) = [a for a in attachments_of("complaint", complaint_case.record_id) if a.id != ktp_id]
        report_file_id, complaint_file_id = report_file.id, complaint_file.id
    cases = {
        "upg": {"case_id": report_case.id, "report_id": report_case.record_id},
        "inspektorat": {"case_id": complaint_case.id, "complaint_id": complaint_case.record_id},
        # The same queues again, addressed by one of their files.
        "upg ": {"attachment_id": report_file_id},
        "inspektorat ": {"attachment_id": complaint_file_id},
        "inspektorat  ": {"attachment_id": ktp_id},  # the KTP copy: the same rule, then the identity ring
    }
    routes = officer_routes(app)
    anonymous = app.test_client()
    failures = []
    outcomes = {"allowed": 0, "denied": 0}
    for role in Role:
        username = f"m_{role.value}_{unit}"
        make_officer(app, username, role, unit_code=UNITS[unit], keys=False)
        client = app.test_client()
        login(client, username)
        for (endpoint, method, rule), (queue, path) in (
            (route, target) for route in routes for target in _targets(route[2], cases)
        ):
            response = client.open(path, method=method, data={})
            want = expected(endpoint, queue.strip() if queue else queue, role, unit)
            got = ("denied" if response.status_code in (403, 404)
                   else "error" if response.status_code >= 500 or response.status_code == 401 else "allowed")
            if response.status_code == 302 and "/masuk" in response.headers.get("Location", ""):
                got = "login"
            outcomes[want] += 1
            if got != want:
                failures.append((role.value, unit, method, rule, response.status_code))
            if endpoint == "attachments.download":
                with app.app_context():
                    row = db.session.get(Attachment, int(path.rsplit("/", 1)[1]))
                    allowed = may_download(find_officer(username), row)
                # The rule itself: exactly the officers who may open the owning case.
                if allowed != (role.value == queue.strip() and unit == "own"):
                    failures.append(("rule", role.value, unit, path, allowed))
            if role is Role.admin:  # once is enough: nobody logged in is sent to the login page
                anon = anonymous.open(path, method=method, data={})
                if not (anon.status_code == 302 and "/masuk" in anon.headers["Location"]):
                    failures.append(("anonymous", unit, method, rule, anon.status_code))
    assert failures == []
    # 5 roles x (2 global routes + 2 cases x 10 case routes + the intake modules' record pages):
    # the own unit's UPG and Inspektorat officers reach every route of their case.
    assert outcomes["denied"] >= 80 and outcomes["allowed"] >= (20 if unit == "own" else 3)


def _file(name: str):
    from werkzeug.datastructures import FileStorage

    return FileStorage(io.BytesIO(samples.png()), filename=name)
