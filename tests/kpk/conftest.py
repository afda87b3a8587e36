"""Fixtures for the KPK pages: the keyring crew, with the UPG officer in both rings."""
from __future__ import annotations

import pytest

from gratifikasi.crypto.rings import RingPurpose
from gratifikasi.keyring import rings
from tests.keyring.conftest import crew  # noqa: F401


@pytest.fixture
def upg_crew(crew):  # noqa: F811
    """The crew with 'upg' granted the case and gratification-identity rings by the admin."""
    with crew.app.app_context():
        for purpose in (RingPurpose.CASE, RingPurpose.GRATIFICATION_IDENTITY):
            rings.grant(purpose, crew.officer("admin"), crew.key("admin"), crew.officer("upg"))
    return crew
