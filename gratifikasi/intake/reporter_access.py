"""Access codes for reporters: anonymous complainants and ASN reporters following a report.

A code (:mod:`gratifikasi.crypto.receipt_codes`) is shown once. The owning record stores the
locator (to find it), a verifier of the secret, a salt and its DEK wrapped under a key from the
secret; this module issues those and checks a typed code against them.

Checking is slowed down in the database per locator and per hashed client, both keyed with
the app secret so the table says nothing about which cases were looked up (threats T3, T7).
A slow-down refuses wrong codes only: the right code is always accepted (issue 17 item 5).
The view passes the client's key (``security.client_key.hashed_client_key``): nothing here
reads the request.
A locator that matches no record costs the same work and gets the same answer and the same
throttle effect as a wrong secret, so guessing cannot tell whether a case exists.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from flask import current_app
from sqlalchemy.exc import IntegrityError

from .. import clock
from ..crypto import receipt_codes
from ..crypto.errors import CodeProblem, CryptoError, InvalidCodeFormat
from ..crypto.kdf import new_salt
from ..extensions import db
from ..i18n import translate
from ..models import AccessThrottle
from ..rules.text import N_, Text, plural_text
from ..security import slowdown

__all__ = [
    "AccessResult",
    "Candidate",
    "IssuedCredentials",
    "check_code",
    "delay_after",
    "issue_credentials",
    "rotate_credentials",
    "until_locator_free",
]

MAX_LOCATOR_DRAWS = 20
MAX_LOCATOR_CLASHES = 3
T = TypeVar("T")


def until_locator_free(store: Callable[[], T]) -> T:
    """Run ``store`` (one whole intake transaction that issues a code without looking for a free
    locator first) again when the unique index refused its code's locator: the transaction was
    rolled back whole, and the next try draws a new code. Any other clash is raised (a repeated
    form has become ``AlreadyReceived`` before this sees it)."""
    for attempt in range(MAX_LOCATOR_CLASHES):
        try:
            return store()
        except IntegrityError as error:
            if attempt == MAX_LOCATOR_CLASHES - 1 or "access_locator" not in str(error.orig):
                raise
    raise RuntimeError("unreachable")


@dataclass(frozen=True)
class IssuedCredentials:
    """What the caller stores on its record (everything but ``code``, which is shown once)."""

    code: receipt_codes.ReceiptCode = field(repr=False)
    locator: str
    verifier: bytes = field(repr=False)
    salt: bytes = field(repr=False)
    wrapped_dek: bytes = field(repr=False)
    one_time: bool = False  # staff-assisted intake: the reporter must change it at first use


@dataclass(frozen=True)
class Candidate:
    """The stored credentials of the record a locator points to (from ``find_by_locator``)."""

    record: Any  # handed back on success: the record itself, or just its id
    record_ref: str
    verifier: bytes
    salt: bytes
    wrapped_dek: bytes
    one_time: bool = False


@dataclass(frozen=True)
class AccessResult:
    ok: bool
    record: Any = None
    dek: bytes | None = field(default=None, repr=False)
    error: str | Text | None = None  # Indonesian msgid or message; see message()
    retry_after: int | None = None  # seconds, when the caller must wait before trying again
    must_rotate: bool = False       # a one-time code was used: issue a new one now

    def message(self) -> str | None:
        """The error in the request's language (Indonesian unless English is chosen)."""
        return None if self.error is None else translate(self.error)


def issue_credentials(
    record_ref: str,
    dek: bytes,
    *,
    one_time: bool = False,
    locator_taken: Callable[[str], bool] | None = None,
) -> IssuedCredentials:
    """A fresh code for the record; the DEK is wrapped under the code's secret.

    ``locator_taken`` lets the caller avoid a locator already in use (its unique index is
    still the final guard).
    """
    for _attempt in range(MAX_LOCATOR_DRAWS):
        code = receipt_codes.new_receipt_code()
        if locator_taken is None or not locator_taken(code.locator):
            break
    else:
        raise RuntimeError("no free locator found")
    return _credentials(code, record_ref, dek, one_time)


def rotate_credentials(
    record_ref: str,
    dek: bytes,
    *,
    locator: str | None = None,
    one_time: bool = False,
    locator_taken: Callable[[str], bool] | None = None,
) -> IssuedCredentials:
    """A new code for a record whose DEK the caller holds (e.g. after a one-time code was used).

    With ``locator`` the record keeps its locator and only the secret changes; the old code
    stops working either way once the caller stores the new verifier and wrapped DEK.
    """
    if locator is None:
        return issue_credentials(record_ref, dek, one_time=one_time, locator_taken=locator_taken)
    fresh = receipt_codes.new_receipt_code()
    return _credentials(receipt_codes.ReceiptCode(locator=locator, secret=fresh.secret), record_ref, dek, one_time)


def _credentials(code: receipt_codes.ReceiptCode, record_ref: str, dek: bytes, one_time: bool) -> IssuedCredentials:
    salt = new_salt()
    return IssuedCredentials(
        code=code,
        locator=code.locator,
        verifier=receipt_codes.secret_verifier(code.secret, salt),
        salt=salt,
        wrapped_dek=receipt_codes.wrap_data_key(code.secret, salt, dek, record_ref=record_ref),
        one_time=one_time,
    )


# A fixed verifier checked when no record has the locator, so both paths do the same work.
_DUMMY_SALT = b"\x00" * 16
_DUMMY_VERIFIER = b"\x00" * 32

_FORMAT_ERRORS = {
    CodeProblem.TYPO_DETECTED: N_("Periksa kembali kode; ada salah ketik."),
    CodeProblem.WRONG_LENGTH: N_(
        "Periksa kembali kode; kode terdiri dari 28 huruf dan angka (tanda hubung boleh diabaikan)."
    ),
    CodeProblem.BAD_CHARACTER: N_(
        "Periksa kembali kode; ada huruf atau tanda yang tidak dipakai dalam kode "
        "(kode tidak memakai angka 0 dan 1 atau huruf I, L, O)."
    ),
}
_WRONG_CODE = N_("Nomor atau kode tidak cocok. Periksa kembali kode Anda.")


def check_code(code_text: str, find_by_locator: Callable[[str], Candidate | None], *, client: str,
               wrong_code: str = _WRONG_CODE) -> AccessResult:
    """Check a typed code; on success the record and its DEK, else an error to show.

    ``wrong_code`` is the msgid shown when the code does not open a record, worded for the
    caller's form (the mailbox asks for a code alone, the status page for number and code).

    ``client`` is the hashed client key of the request (never an address in clear).
    Failures are committed at once (they must survive the caller rolling back), so call
    this before making other changes in the request.
    """
    now = clock.utcnow()
    client_key = _throttle_key("client", client)
    try:
        code = receipt_codes.parse_receipt_code(code_text or "")
    except InvalidCodeFormat as problem:
        code, format_problem = None, problem
    locator_key = _throttle_key("locator", code.locator) if code is not None else None
    # Both counters in one plain query (no ORM objects): this runs on every code login.
    throttles = slowdown.locks(AccessThrottle, [key for key in (client_key, locator_key) if key is not None])
    client_wait = _wait_seconds(throttles.get(client_key), now)
    if code is None or locator_key is None:
        if client_wait:  # a slowed client is told so first
            return _locked(client_wait)
        return AccessResult(ok=False, error=_FORMAT_ERRORS[format_problem.reason])
    wait = max(client_wait, _wait_seconds(throttles.get(locator_key), now))

    # The code is checked even while the client or the locator is slowed down: the right
    # code (104 secret bits, beyond any online guessing) is always accepted, so wrong tries
    # by someone else, or by the reporter at the same address, never lock the owner out.
    candidate = find_by_locator(code.locator)
    dek = None
    if candidate is None:
        receipt_codes.verify_secret(code.secret, _DUMMY_SALT, _DUMMY_VERIFIER)  # same work, result ignored
    elif receipt_codes.verify_secret(code.secret, candidate.salt, candidate.verifier):
        try:
            dek = receipt_codes.unwrap_data_key(code.secret, candidate.salt, candidate.wrapped_dek,
                                                record_ref=candidate.record_ref)
        except CryptoError:
            dek = None  # stored credentials damaged: indistinguishable from a wrong code
    if candidate is None or dek is None:
        if wait:
            return _locked(wait)  # told to wait; a try during the wait is not counted again
        waits = [_record_failure(locator_key, now), _record_failure(client_key, now)]
        db.session.commit()
        longest = max(waits)
        return AccessResult(ok=False, error=wrong_code, retry_after=longest or None)

    if locator_key in throttles:  # only when there were failures: a first try writes nothing here
        slowdown.forget(AccessThrottle, locator_key)
        db.session.commit()
    return AccessResult(ok=True, record=candidate.record, dek=dek, must_rotate=candidate.one_time)


def delay_after(failures: int) -> timedelta:
    """No wait for the first ACCESS_FREE_FAILURES failures, then base, 2×base, 4×base … up to the cap."""
    config = current_app.config
    free = config["ACCESS_FREE_FAILURES"]
    if failures <= free:
        return timedelta(0)
    seconds = config["ACCESS_BASE_DELAY_SECONDS"] * 2 ** min(failures - free - 1, 32)
    return timedelta(seconds=min(seconds, config["ACCESS_MAX_DELAY_SECONDS"]))


def _throttle_key(scope: str, value: str) -> bytes:
    return slowdown.keyed_hash(f"reporter-access:{scope}", value)


def _wait_seconds(locked_until: datetime | None, now: datetime) -> int:
    until = slowdown.wait_until(locked_until, now)
    return 0 if until is None else math.ceil((until - now).total_seconds())


def _locked(seconds: int) -> AccessResult:
    minutes = max(1, math.ceil(seconds / 60))
    return AccessResult(
        ok=False,
        error=plural_text(
            "Terlalu banyak percobaan kode yang salah. Coba lagi dalam %(n)d menit.",
            "Terlalu banyak percobaan kode yang salah. Coba lagi dalam %(n)d menit.",
            minutes,
        ),
        retry_after=seconds,
    )


def _record_failure(key: bytes, now: datetime) -> int:
    """Count one failure for the key; returns the wait it now imposes, in seconds."""
    return int(slowdown.record_failure(AccessThrottle, key, now, delay_after).total_seconds())
