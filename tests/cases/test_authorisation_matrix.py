"""Authorisation matrix: every officer route (read from app.url_map) x every role x an officer
of the handling unit ("own") and of another unit ("other"), for a UPG case (gratification
report) and an Inspektorat case (complaint).

Officer routes are the workspace's own and every route of any blueprint that names an intake
record (``report_id``/``complaint_id``): recusal and unit scope must hold on all of them.
"""
from __future__ import annotations

import pytest

from gratifikasi.models import Role
from tests.cases.conftest import submit_complaint, submit_report
from tests.helpers import login, make_officer

UNITS = {"own": "INSPEKTORAT", "other": "DINKES"}
RECORD_ARGS = ("report_id", "complaint_id")


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
    # A route on a case: only an officer of the case's queue in its handling unit.
    return "allowed" if role.value == queue and unit == "own" else "denied"


def _targets(rule: str, cases: dict[str, dict[str, int]]) -> list[tuple[str | None, str]]:
    """(queue of the case in the path or None, path) for each case the rule can name."""
    if "<int:case_id>" not in rule and not any(f"<int:{arg}>" in rule for arg in RECORD_ARGS):
        return [(None, rule)]
    targets = []
    for queue, ids in cases.items():
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
    report_case = submit_report(app)
    complaint_case, _code = submit_complaint(app)
    cases = {
        "upg": {"case_id": report_case.id, "report_id": report_case.record_id},
        "inspektorat": {"case_id": complaint_case.id, "complaint_id": complaint_case.record_id},
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
            want = expected(endpoint, queue, role, unit)
            got = ("denied" if response.status_code in (403, 404)
                   else "error" if response.status_code >= 500 or response.status_code == 401 else "allowed")
            if response.status_code == 302 and "/masuk" in response.headers.get("Location", ""):
                got = "login"
            outcomes[want] += 1
            if got != want:
                failures.append((role.value, unit, method, rule, response.status_code))
            if role is Role.admin:  # once is enough: nobody logged in is sent to the login page
                anon = anonymous.open(path, method=method, data={})
                if not (anon.status_code == 302 and "/masuk" in anon.headers["Location"]):
                    failures.append(("anonymous", unit, method, rule, anon.status_code))
    assert failures == []
    # 5 roles x (2 global routes + 2 cases x 10 case routes + the intake modules' record pages):
    # the own unit's UPG and Inspektorat officers reach every route of their case.
    assert outcomes["denied"] >= 80 and outcomes["allowed"] >= (20 if unit == "own" else 3)
