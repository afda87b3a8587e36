"""Default ring membership by role (issue 17 item 1): admins and custodians do not hold the
`case` ring, since the case rule refuses them every case page and attachment anyway."""
from __future__ import annotations

from gratifikasi.auth.services import find_officer
from gratifikasi.keyring import RingPurpose, rings
from gratifikasi.keyring.defaults import default_rings, grant_default_rings
from gratifikasi.models import Role
from tests.helpers import PASSWORD, make_officer


def _holders(purpose: RingPurpose) -> set[str]:
    ring = rings.current_ring(purpose)
    assert ring is not None
    names = ("admin", "upg", "irban", "kustodian", "pimpinan")
    return {name for name in names if (o := find_officer(name)) is not None and rings.membership(ring, o)}


def test_demo_seed_gives_case_content_only_to_the_handlers_and_the_founding_admin(app):
    """The custodian does not hold the case ring; the admin founds every ring and keeps it only
    to hand rings on from the admin pages (only a member can)."""
    result = app.test_cli_runner().invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert _holders(RingPurpose.CASE) == {"admin", "upg", "irban"}
        assert _holders(RingPurpose.GRATIFICATION_IDENTITY) == {"admin", "upg"}
        assert _holders(RingPurpose.WHISTLEBLOWER_IDENTITY) == {"admin", "kustodian"}


def test_default_rings_per_role():
    assert RingPurpose.CASE not in default_rings(Role.admin)
    assert RingPurpose.CASE not in default_rings(Role.custodian)
    assert default_rings(Role.pimpinan) == ()
    assert set(default_rings(Role.upg)) == {RingPurpose.CASE, RingPurpose.GRATIFICATION_IDENTITY}
    assert default_rings(Role.custodian) == (RingPurpose.WHISTLEBLOWER_IDENTITY,)


def test_grant_defaults_gives_a_new_officer_its_roles_rings_only(crew):
    """The one function officer creation (CLI, admin pages) calls once the officer has a key."""
    make_officer(crew.app, "kustodian2", Role.custodian)
    make_officer(crew.app, "admin2", Role.admin)
    make_officer(crew.app, "irban2", Role.inspektorat)
    with crew.app.app_context():
        admin, key = crew.officer("admin"), crew.key("admin")
        custodian = grant_default_rings(crew.officer("kustodian2"), admin, key)
        assert custodian.granted == [RingPurpose.WHISTLEBLOWER_IDENTITY] and custodian.missing == []
        assert grant_default_rings(crew.officer("admin2"), admin, key).granted == []
        # A granter outside the ring cannot hand it on: named as missing, nothing granted.
        irban = grant_default_rings(crew.officer("irban2"), crew.officer("kustodian2"), crew.key("kustodian2"))
        assert irban.granted == [] and irban.missing == [RingPurpose.CASE]
        case = rings.current_ring(RingPurpose.CASE)
        assert rings.membership(case, crew.officer("kustodian2")) is None
        assert rings.membership(case, crew.officer("admin2")) is None
        assert rings.membership(case, crew.officer("irban2")) is None


def test_grant_defaults_command(crew):
    make_officer(crew.app, "upg2", Role.upg)
    result = crew.app.test_cli_runner().invoke(args=["keys", "grant-defaults", "upg2", "--by", "admin"],
                                               input=f"{PASSWORD}\n")
    with crew.app.app_context():
        upg2 = crew.officer("upg2")
        held = {p for p in RingPurpose if rings.membership(rings.current_ring(p), upg2) is not None}
    assert result.exit_code == 0, result.output
    assert held == {RingPurpose.CASE, RingPurpose.GRATIFICATION_IDENTITY}
