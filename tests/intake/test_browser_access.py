"""The browser-access store: a server row plus a key only the cookie value holds."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from gratifikasi.extensions import db
from gratifikasi.intake import browser_access
from gratifikasi.models import BrowserAccess
from tests.scan import database_hits

SECRET = b"MARKER-data-key-0123456789abcdef"


def _hold(record_id: int = 5, kind: str = browser_access.KIND_MAILBOX, minutes: int = 20) -> str:
    value = browser_access.hold("complaint", record_id, kind, SECRET, lifetime=timedelta(minutes=minutes))
    db.session.commit()
    return value


def test_round_trip_for_its_own_kind_and_record_type_only(app, frozen_clock):
    with app.app_context():
        value = _hold()
        held = browser_access.open_held(value, browser_access.KIND_MAILBOX, record_type="complaint")
        assert held is not None and (held.record_type, held.record_id, held.payload) == ("complaint", 5, SECRET)
        assert browser_access.open_held(value, browser_access.KIND_RECEIPT, record_type="complaint") is None
        assert browser_access.open_held(value, browser_access.KIND_MAILBOX, record_type="gratification_report") is None
        for junk in (None, "", "no-dot", value.partition(".")[0] + ".", 42, {"k": value}):
            assert browser_access.open_held(junk, browser_access.KIND_MAILBOX, record_type="complaint") is None
        # The database holds neither the secret nor the key nor the token.
        token, _, key_text = value.partition(".")
        assert database_hits([SECRET, token, key_text]) == []


def test_a_sealed_payload_opens_only_in_its_own_row(app, frozen_clock):
    with app.app_context():
        first, second = _hold(5), _hold(6)
        rows = {row.record_id: row for row in db.session.execute(select(BrowserAccess)).scalars()}
        rows[6].sealed = bytes(rows[5].sealed)  # the other browser's ciphertext, moved over
        db.session.commit()
        second_key = second.partition(".")[2]
        moved = first.partition(".")[0] + "." + second_key
        assert browser_access.open_held(moved, browser_access.KIND_MAILBOX, record_type="complaint") is None
        assert browser_access.open_held(second, browser_access.KIND_MAILBOX, record_type="complaint") is None
        assert browser_access.open_held(first, browser_access.KIND_MAILBOX, record_type="complaint") is not None


def test_idle_expiry_slides_but_never_past_the_lifetime(app, frozen_clock):
    with app.app_context():
        value = _hold(minutes=20)

        def still_open() -> bool:
            return browser_access.open_held(value, browser_access.KIND_MAILBOX, record_type="complaint",
                                            idle=timedelta(minutes=20), lifetime=timedelta(minutes=50)) is not None

        for _step in range(2):
            frozen_clock.advance(minutes=19)
            assert still_open()  # each use gives 20 more idle minutes (38 minutes in)
        frozen_clock.advance(minutes=11)
        assert still_open()  # 49 minutes in, capped at 50
        frozen_clock.advance(minutes=2)
        assert not still_open()
        assert db.session.execute(select(BrowserAccess)).first() is None  # deleted when presented


def test_drop_revokes_and_purge_removes_only_expired_rows(app, frozen_clock):
    with app.app_context():
        dropped, long = _hold(1), _hold(3, minutes=60)
        _hold(2, minutes=5)
        browser_access.drop(dropped, browser_access.KIND_MAILBOX)
        assert browser_access.open_held(dropped, browser_access.KIND_MAILBOX, record_type="complaint") is None
        browser_access.drop(long, browser_access.KIND_RECEIPT)  # another kind: untouched
        frozen_clock.advance(minutes=10)
        assert browser_access.purge_expired() == 1
        assert [row.record_id for row in db.session.execute(select(BrowserAccess)).scalars()] == [3]
        assert browser_access.open_held(long, browser_access.KIND_MAILBOX, record_type="complaint") is not None


def test_the_hourly_sessions_purge_also_removes_expired_browser_access(app, frozen_clock):
    with app.app_context():
        _hold(1, minutes=5)
        _hold(2, minutes=60)
    frozen_clock.advance(minutes=10)
    result = app.test_cli_runner().invoke(args=["sessions", "purge"])
    assert result.exit_code == 0, result.output
    assert "Akses pelapor kedaluwarsa dihapus: 1" in result.output
    with app.app_context():
        assert [row.record_id for row in db.session.execute(select(BrowserAccess)).scalars()] == [2]
