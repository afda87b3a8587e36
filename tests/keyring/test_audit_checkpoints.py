"""The audit chain anchored outside the database (issue 17 item 4): keyed checkpoints of the
head in an append-only file, and `flask audit verify` comparing the chain with them.

Each attack is done the way an attacker holding the database would: truncating the newest
entries, deleting one in the middle and renumbering and rehashing the rest, or editing an
entry and recomputing every later hash. The chain alone is consistent after each; only the
checkpoint shows it."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, func, select, update

from gratifikasi import audit
from gratifikasi.auth.services import find_officer
from gratifikasi.crypto import audit_chain
from gratifikasi.extensions import db
from gratifikasi.models import AuditEntry, OutboxMessage, Role
from tests.conftest import make_app
from tests.helpers import make_officer


def _app(tmp_path: Path):
    checkpoint_file = tmp_path / "elsewhere" / "audit.log"
    key_file = tmp_path / "keys" / "checkpoint.key"
    return make_app(tmp_path, AUDIT_CHECKPOINT_FILE=str(checkpoint_file), AUDIT_CHECKPOINT_KEY_FILE=str(key_file))


def _entries(n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        audit.record("test.event", actor_id=1, object_type="laporan", object_id=i, step=i)


def _rehash_all() -> None:
    """What an attacker with the database does after an edit: recompute every hash in order."""
    previous: bytes | None = None
    for entry in db.session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars():
        entry.entry_hash = audit_chain.entry_hash(previous, entry.chained_content())
        previous = entry.entry_hash
    db.session.commit()


def _run(app, *args: str):
    return app.test_cli_runner().invoke(args=["audit", *args])


def _checkpointed(app, n: int, start: int = 0) -> None:
    """Write ``n`` entries, then a checkpoint of the head."""
    _entries(n, start)
    assert _run(app, "checkpoint").exit_code == 0


def test_checkpoint_appends_a_keyed_line_to_the_configured_file_and_verify_agrees(tmp_path):
    app = _app(tmp_path)
    with app.app_context():
        _checkpointed(app, 3)
        _checkpointed(app, 2, start=3)
        lines = (tmp_path / "elsewhere" / "audit.log").read_text().splitlines()
        assert [line.count('"seq":') for line in lines] == [1, 1]
        assert '"seq":3' in lines[0] and '"seq":5' in lines[1]
        # The key lives in its own file (mode 600), never in the database.
        key_file = tmp_path / "keys" / "checkpoint.key"
        assert key_file.stat().st_mode & 0o777 == 0o600
        result = _run(app, "verify")
        assert result.exit_code == 0, result.output
        assert "utuh: 5 entri" in result.output and "checkpoint terakhir (entri 5" in result.output
        # Entries written after the last checkpoint are fine.
        _entries(1, start=5)
        assert _run(app, "verify").exit_code == 0


def test_truncating_the_newest_entries_is_reported(tmp_path):
    app = _app(tmp_path)
    with app.app_context():
        _checkpointed(app, 6)
        db.session.execute(delete(AuditEntry).where(AuditEntry.seq > 4))
        db.session.commit()
        assert audit.verify().ok  # the chain alone cannot tell
        result = _run(app, "verify")
        assert result.exit_code == 1
        assert "TERPOTONG" in result.output and "ends at entry 4" in result.output
        assert "recorded entry 6" in result.output


def test_deleting_an_entry_in_the_middle_and_renumbering_the_rest_is_reported(tmp_path):
    app = _app(tmp_path)
    with app.app_context():
        _checkpointed(app, 5)
        _entries(3, start=5)
        db.session.execute(delete(AuditEntry).where(AuditEntry.seq == 3))
        for seq in range(4, 9):
            db.session.execute(update(AuditEntry).where(AuditEntry.seq == seq).values(seq=seq - 1))
        db.session.commit()
        _rehash_all()
        assert audit.verify().ok  # consistent again on its own
        result = _run(app, "verify")
        assert result.exit_code == 1
        assert "DITULIS ULANG" in result.output and "entry 5" in result.output


def test_a_rewrite_with_recomputed_hashes_is_reported(tmp_path):
    app = _app(tmp_path)
    with app.app_context():
        _checkpointed(app, 4)
        db.session.execute(update(AuditEntry).where(AuditEntry.seq == 2).values(action="test.innocent"))
        db.session.commit()
        _rehash_all()
        assert audit.verify().ok
        result = _run(app, "verify")
        assert result.exit_code == 1
        assert "DITULIS ULANG" in result.output and "entry 4" in result.output
        # A tampered state is never anchored: checkpoint refuses and writes nothing.
        before = (tmp_path / "elsewhere" / "audit.log").read_text()
        assert _run(app, "checkpoint").exit_code == 1
        assert (tmp_path / "elsewhere" / "audit.log").read_text() == before


def test_a_checkpoint_line_written_without_the_key_is_reported(tmp_path):
    app = _app(tmp_path)
    with app.app_context():
        _checkpointed(app, 2)
        db.session.execute(delete(AuditEntry).where(AuditEntry.seq == 2))
        db.session.commit()
        forged = ('{"at":"2026-03-02T01:00:00Z","head":"' + "00" * 32 + '","mac":"' + "11" * 32
                  + '","seq":1,"v":1}\n')
        with (tmp_path / "elsewhere" / "audit.log").open("a") as handle:
            handle.write(forged)
        result = _run(app, "verify")
        assert result.exit_code == 1
        assert "PALSU" in result.output and "baris 2" in result.output
        assert "TERPOTONG" in result.output  # the real checkpoint still speaks


def test_without_a_checkpoint_verify_says_truncation_cannot_be_seen(tmp_path):
    app = _app(tmp_path)
    with app.app_context():
        _entries(2)
        result = _run(app, "verify")
        assert result.exit_code == 0 and "Belum ada checkpoint" in result.output
        assert _run(app, "verify", "--require-checkpoint").exit_code == 1


def test_the_default_location_under_instance_comes_with_a_warning(tmp_path):
    app = make_app(tmp_path)
    with app.app_context():
        _entries(1)
        result = _run(app, "checkpoint")
        assert result.exit_code == 0
        assert "AUDIT_CHECKPOINT_FILE belum diatur" in result.output
        assert (Path(app.instance_path) / "audit-checkpoints.log").exists()


def test_the_checkpoint_can_be_mailed_to_active_custodians_through_the_outbox(tmp_path):
    app = _app(tmp_path)
    make_officer(app, "kustodian", Role.custodian, keys=False)
    make_officer(app, "kustodian2", Role.custodian, keys=False)
    make_officer(app, "upg", Role.upg, keys=False)
    with app.app_context():
        for username in ("kustodian", "upg"):
            find_officer(username).email = f"{username}@pasuruankota.go.id"
        db.session.commit()  # kustodian2 has no address: skipped
        _entries(3)
        result = _run(app, "checkpoint", "--email-custodians")
        assert result.exit_code == 0 and "1 pemegang kunci" in result.output
        messages = list(db.session.execute(select(OutboxMessage)).scalars())
        assert [(m.to_address, m.kind) for m in messages] == [("kustodian@pasuruankota.go.id", "audit-checkpoint")]
        seq = db.session.execute(select(func.max(AuditEntry.seq))).scalar_one()  # officers' creation is audited too
        head = db.session.execute(select(AuditEntry.entry_hash).where(AuditEntry.seq == seq)).scalar_one()
        line = (tmp_path / "elsewhere" / "audit.log").read_text().strip()
        assert seq >= 3 and f"entri {seq}" in messages[0].subject
        assert bytes(head).hex() in messages[0].body_text and line in messages[0].body_text
