"""`flask keys …` from the command line: init, grant, revoke with progress, status."""
from __future__ import annotations

from gratifikasi.auth.services import find_officer
from gratifikasi.crypto.rings import RingPurpose
from gratifikasi.extensions import db
from gratifikasi.keyring import rings, vault
from gratifikasi.models import Role
from tests.helpers import PASSWORD, make_officer


def test_init_enrols_the_first_admin_and_creates_every_ring(app):
    make_officer(app, "admin", Role.admin, keys=False)
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["keys", "init", "--admin", "admin"], input=f"{PASSWORD}\nn\n")
    assert refused.exit_code != 0 and "belum disimpan" in refused.output
    result = runner.invoke(args=["keys", "init", "--admin", "admin"], input=f"{PASSWORD}\ny\n")
    assert result.exit_code == 0, result.output
    assert "Kunci pemulihan" in result.output
    assert "case, gratification-identity, whistleblower-identity" in result.output
    status = runner.invoke(args=["keys", "status"])
    assert "case" in status.output and "anggota: admin" in status.output


def test_grant_and_revoke_from_the_command_line(app, crew):
    runner = app.test_cli_runner()
    wrong = runner.invoke(args=["keys", "grant", "case", "upg", "--by", "admin"], input="salah-kata-sandi\n")
    assert wrong.exit_code != 0 and "Kata sandi salah" in wrong.output
    granted = runner.invoke(args=["keys", "grant", "case", "upg", "--by", "admin"], input=f"{PASSWORD}\n")
    assert granted.exit_code == 0, granted.output
    not_member = runner.invoke(args=["keys", "grant", "case", "irban", "--by", "kustodian"], input=f"{PASSWORD}\n")
    assert not_member.exit_code != 0
    with app.app_context():
        for i in range(1, 4):
            vault.seal_record("laporan", i, {"uraian": f"catatan {i}"})
        db.session.commit()
    revoked = runner.invoke(
        args=["keys", "revoke", "case", "upg", "--by", "admin", "--batch-size", "2"], input=f"{PASSWORD}\n"
    )
    assert revoked.exit_code == 0, revoked.output
    assert "Menyegel ulang" in revoked.output and "versi 2; 3 kunci data disegel ulang" in revoked.output
    with app.app_context():
        ring = rings.current_ring(RingPurpose.CASE)
        assert rings.membership(ring, find_officer("upg")) is None
        assert rings.membership(ring, find_officer("admin")) is not None


def test_every_keys_and_audit_command_has_help(app):
    runner = app.test_cli_runner()
    commands = (["keys", "init"], ["keys", "grant"], ["keys", "revoke"], ["keys", "resume"], ["keys", "status"],
                ["audit", "verify"], ["audit", "checkpoint"])
    for command in commands:
        result = runner.invoke(args=[*command, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output
