"""Fixtures for the Flask-side key management: officers with keys, rings initialised."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from gratifikasi.auth.services import find_officer
from gratifikasi.keyring import officers as key_officers
from gratifikasi.keyring import rings
from gratifikasi.models import Officer, Role
from tests.helpers import PASSWORD, make_officer


@dataclass
class Crew:
    app: object

    def officer(self, username: str) -> Officer:
        return find_officer(username)

    def key(self, username: str) -> bytes:
        private_key = key_officers.unlock_with_password(self.officer(username), PASSWORD)
        assert private_key is not None
        return private_key


@pytest.fixture
def crew(app):
    """admin (member of every ring), upg, irban, kustodian with keys; rings initialised."""
    officers = (("admin", Role.admin), ("upg", Role.upg), ("irban", Role.inspektorat), ("kustodian", Role.custodian))
    for username, role in officers:
        make_officer(app, username, role)
    with app.app_context():
        rings.init_rings(find_officer("admin"))
    return Crew(app)
