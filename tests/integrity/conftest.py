"""Fixtures of the integrity tests: an app with officers of every role and logged-in clients."""
from __future__ import annotations

import pytest

from gratifikasi.models import Role
from tests.helpers import login, make_officer

ROLES = {"admin1": Role.admin, "upg1": Role.upg, "irban1": Role.inspektorat, "pimpinan1": Role.pimpinan,
         "kustodian1": Role.custodian}


@pytest.fixture
def officers(app):
    for username, role in ROLES.items():
        make_officer(app, username, role, keys=False)
    return ROLES


@pytest.fixture
def client_for(app, officers):
    """``client_for("pimpinan1")``: a test client logged in as that officer (one per officer:
    each TOTP code is accepted once and tests may freeze the clock)."""
    clients: dict[str, object] = {}

    def make(username: str):
        if username in clients:
            return clients[username]
        client = clients[username] = app.test_client()
        response = login(client, username)
        assert response.status_code == 302, response.get_data(as_text=True)[:300]
        return client
    return make
