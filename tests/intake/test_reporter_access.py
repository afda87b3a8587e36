"""Reporter access codes: issuing, checking, slow-down, and saying nothing about existence."""
from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import select

from gratifikasi.crypto import receipt_codes
from gratifikasi.crypto.errors import CryptoError
from gratifikasi.crypto.text_codes import ALPHABET
from gratifikasi.extensions import db
from gratifikasi.intake import reporter_access
from gratifikasi.models import AccessThrottle
from gratifikasi.security.client_key import hashed_client_key
from tests.scan import database_hits

DEK = bytes(range(32))
TYPO = "Periksa kembali kode; ada salah ketik."
WRONG = "Nomor atau kode tidak cocok. Periksa kembali kode Anda."


class Records:
    """A stand-in for the complaint/report table: locator -> stored credentials."""

    def __init__(self) -> None:
        self.rows: dict[str, reporter_access.Candidate] = {}
        self.lookups = 0

    def add(self, name: str, issued: reporter_access.IssuedCredentials, ref: str) -> None:
        self.rows[issued.locator] = reporter_access.Candidate(
            record=name, record_ref=ref, verifier=issued.verifier, salt=issued.salt,
            wrapped_dek=issued.wrapped_dek, one_time=issued.one_time,
        )

    def find(self, locator: str) -> reporter_access.Candidate | None:
        self.lookups += 1
        return self.rows.get(locator)


@contextmanager
def from_client(app, address: str = "10.0.0.1"):
    with app.test_request_context(environ_base={"REMOTE_ADDR": address}):
        yield


def _wrong_secret(code: receipt_codes.ReceiptCode) -> str:
    """The same locator with another secret: a well-formed code that does not match."""
    return receipt_codes.ReceiptCode(code.locator, receipt_codes.new_receipt_code().secret).display


def _unknown_locator_code(records: Records) -> str:
    while True:
        code = receipt_codes.new_receipt_code()
        if code.locator not in records.rows:
            return code.display


def _issue(app, records: Records, name: str = "aduan-1", **options) -> reporter_access.IssuedCredentials:
    with app.app_context():
        issued = reporter_access.issue_credentials(f"complaint:{name}", DEK, **options)
    records.add(name, issued, f"complaint:{name}")
    return issued


def _check(app, records: Records, text: str, address: str = "10.0.0.1") -> reporter_access.AccessResult:
    with from_client(app, address):
        return reporter_access.check_code(text, records.find, client=hashed_client_key())


def _throttle_rows(app) -> list[tuple[int, object]]:
    with app.app_context():
        rows = db.session.execute(select(AccessThrottle)).scalars().all()
        return sorted((row.failures, row.locked_until) for row in rows)


def test_right_code_opens_the_record_and_its_dek(app, frozen_clock):
    records = Records()
    issued = _issue(app, records)
    result = _check(app, records, issued.code.display)
    assert result.ok and result.record == "aduan-1" and result.dek == DEK
    assert result.error is None and result.must_rotate is False
    # Typing it in lower case without dashes works too.
    assert _check(app, records, issued.code.compact.lower()).ok


def test_credentials_hold_no_secret_and_unwrap_only_with_the_right_code(app):
    records = Records()
    issued = _issue(app, records)
    secret = issued.code.secret
    assert issued.locator == issued.code.locator and len(issued.salt) == 16 and len(issued.verifier) == 32
    assert secret.encode() not in issued.verifier + issued.wrapped_dek + issued.salt
    assert secret not in repr(issued)
    assert receipt_codes.unwrap_data_key(secret, issued.salt, issued.wrapped_dek, record_ref="complaint:aduan-1") == DEK
    other = receipt_codes.new_receipt_code().secret
    with pytest.raises(CryptoError):
        receipt_codes.unwrap_data_key(other, issued.salt, issued.wrapped_dek, record_ref="complaint:aduan-1")
    with pytest.raises(CryptoError):  # moved to another record
        receipt_codes.unwrap_data_key(secret, issued.salt, issued.wrapped_dek, record_ref="complaint:aduan-2")
    result = _check(app, records, _wrong_secret(issued.code))
    assert not result.ok and result.dek is None and result.record is None


def test_a_single_typo_is_reported_as_a_typo_and_not_counted(app, frozen_clock):
    records = Records()
    issued = _issue(app, records)
    compact = issued.code.compact
    position = 10
    replacement = ALPHABET[(ALPHABET.index(compact[position]) + 1) % len(ALPHABET)]
    typed = compact[:position] + replacement + compact[position + 1 :]
    result = _check(app, records, typed)
    assert not result.ok and result.error == TYPO
    with app.test_request_context(headers={"Cookie": "bahasa=en"}):
        assert result.message() == "Check the code again; there is a typo."
    assert records.lookups == 0  # nothing was looked up
    assert _throttle_rows(app) == []
    assert _check(app, records, compact[:-3]).error.startswith("Periksa kembali kode; kode terdiri dari 28")
    assert "tidak dipakai" in _check(app, records, "0" + compact[1:]).error


def test_unknown_locator_behaves_exactly_like_a_wrong_secret(app, frozen_clock, monkeypatch):
    records = Records()
    issued = _issue(app, records)
    checks = []
    real_verify = receipt_codes.verify_secret
    monkeypatch.setattr(receipt_codes, "verify_secret", lambda *args: checks.append(1) or real_verify(*args))

    wrong = _check(app, records, _wrong_secret(issued.code), address="10.0.0.1")
    missing = _check(app, records, _unknown_locator_code(records), address="10.0.0.2")
    assert (wrong.ok, wrong.error, wrong.retry_after) == (False, WRONG, None)
    assert (missing.ok, missing.error, missing.retry_after) == (wrong.ok, wrong.error, wrong.retry_after)
    assert checks == [1, 1] and records.lookups == 2  # the same work on both paths
    # Same throttle effect: one failure on the locator and one on the client, each time.
    assert _throttle_rows(app) == [(1, None)] * 4

    # And after the free failures both lock for the same time.
    for attempt in range(5):
        wrong = _check(app, records, _wrong_secret(issued.code), address=f"10.1.0.{attempt}")
    missing_code = _unknown_locator_code(records)
    missing = _check(app, records, missing_code, address="10.2.0.0")
    for attempt in range(5):
        missing = _check(app, records, missing_code, address=f"10.2.0.{attempt + 1}")
    # wrong: 1 + 5 failures on that locator; missing: 6 on its own locator.
    assert wrong.retry_after == missing.retry_after == 60
    assert wrong.error == missing.error == WRONG


def test_slow_down_per_locator(app, frozen_clock):
    records = Records()
    issued = _issue(app, records)
    # Each attempt from another address, so only the locator's counter adds up.
    results = [_check(app, records, _wrong_secret(issued.code), address=f"10.0.1.{i}") for i in range(5)]
    assert [r.retry_after for r in results] == [None] * 5  # 5 free failures
    sixth = _check(app, records, _wrong_secret(issued.code), address="10.0.1.99")
    assert sixth.error == WRONG and sixth.retry_after == 60

    # While locked a wrong code is refused with the wait, and not counted again.
    locked = _check(app, records, _wrong_secret(issued.code), address="10.0.2.1")
    assert not locked.ok and locked.retry_after == 60
    assert str(locked.error) == "Terlalu banyak percobaan kode yang salah. Coba lagi dalam 1 menit."
    with app.test_request_context(headers={"Cookie": "bahasa=en"}):
        assert locked.message() == "Too many wrong codes. Try again in 1 minute."
    frozen_clock.advance(seconds=59)
    assert _check(app, records, _wrong_secret(issued.code), address="10.0.2.1").retry_after == 1
    frozen_clock.advance(seconds=1)
    seventh = _check(app, records, _wrong_secret(issued.code), address="10.0.1.100")
    assert seventh.retry_after == 120  # doubling: 60, 120, 240 ...
    # The right code is accepted at once, during the wait (issue 17 item 5).
    assert _check(app, records, issued.code.display, address="10.0.2.2").ok
    # Success clears the locator's counter; the 7 failing clients' rows stay (one failure each).
    assert _throttle_rows(app) == [(1, None)] * 7


def test_slow_down_per_client(app, frozen_clock):
    records = Records()
    issued = _issue(app, records)
    # One client trying many different (unknown) locators.
    results = [_check(app, records, _unknown_locator_code(records), address="10.9.9.9") for _ in range(6)]
    assert [r.retry_after for r in results] == [None] * 5 + [60]
    refused = _check(app, records, _unknown_locator_code(records), address="10.9.9.9")
    assert not refused.ok and refused.retry_after == 60 and "Coba lagi dalam 1 menit" in str(refused.error)
    # Typos are not even parsed while the client is locked.
    assert _check(app, records, "x", address="10.9.9.9").retry_after == 60
    # Another client is not affected.
    assert _check(app, records, _wrong_secret(issued.code), address="10.9.9.8").retry_after is None


def test_the_right_code_is_always_accepted_even_from_a_slowed_client(app, frozen_clock):
    """Issue 17 item 5: six wrong codes from one address (a guesser behind the same NAT, or the
    reporter mistyping) must not refuse the reporter's right code from that address."""
    records = Records()
    issued = _issue(app, records)
    wrong = [_check(app, records, _wrong_secret(issued.code), address="10.7.7.7") for _ in range(8)]
    assert wrong[-1].retry_after is not None  # both the client and the locator are slowed down
    right = _check(app, records, issued.code.display, address="10.7.7.7")
    assert right.ok and right.dek == DEK


def test_delay_is_capped_and_forgotten_after_a_quiet_day(app, frozen_clock):
    with app.app_context():
        assert [reporter_access.delay_after(n).total_seconds() for n in (5, 6, 7, 11, 12, 40)] == [
            0, 60, 120, 1920, 3600, 3600
        ]
    records = Records()
    issued = _issue(app, records)
    for i in range(6):
        _check(app, records, _wrong_secret(issued.code), address=f"10.3.0.{i}")
    frozen_clock.advance(days=1, seconds=1)
    again = _check(app, records, _wrong_secret(issued.code), address="10.3.1.0")
    assert again.retry_after is None  # the count started again


def test_throttle_table_reveals_no_locator_or_client(app, frozen_clock):
    records = Records()
    issued = _issue(app, records)
    _check(app, records, _wrong_secret(issued.code), address="192.168.77.5")
    with app.app_context():
        assert database_hits([issued.locator, "192.168.77.5", issued.code.secret]) == []


def test_one_time_code_must_be_rotated_and_the_old_code_stops_working(app, frozen_clock):
    records = Records()
    issued = _issue(app, records, one_time=True)
    assert issued.one_time
    first = _check(app, records, issued.code.display)
    assert first.ok and first.must_rotate
    with app.app_context():
        rotated = reporter_access.rotate_credentials("complaint:aduan-1", first.dek, locator=issued.locator)
    assert rotated.locator == issued.locator and rotated.code.secret != issued.code.secret and not rotated.one_time
    records.add("aduan-1", rotated, "complaint:aduan-1")
    assert not _check(app, records, issued.code.display).ok
    second = _check(app, records, rotated.code.display, address="10.0.0.3")
    assert second.ok and second.dek == DEK and not second.must_rotate
    with app.app_context():
        fresh = reporter_access.rotate_credentials("complaint:aduan-1", DEK)
    assert fresh.locator != issued.locator or fresh.code.secret != issued.code.secret


def test_locator_taken_is_avoided(app):
    seen = []

    def taken(locator: str) -> bool:
        seen.append(locator)
        return len(seen) < 3  # the first two draws collide

    with app.app_context():
        issued = reporter_access.issue_credentials("complaint:1", DEK, locator_taken=taken)
        assert issued.locator == seen[-1] and len(seen) == 3
        with pytest.raises(RuntimeError):
            reporter_access.issue_credentials("complaint:1", DEK, locator_taken=lambda locator: True)


def test_message_follows_the_language(app):
    result = reporter_access.AccessResult(ok=False, error=TYPO)
    with app.test_request_context():
        assert result.message() == TYPO
    with app.test_request_context(headers={"Cookie": "bahasa=en"}):
        assert result.message() == "Check the code again; there is a typo."
