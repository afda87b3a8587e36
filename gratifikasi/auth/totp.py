"""TOTP (RFC 6238) with pyotp: each code is accepted once only. No Flask imports."""
from __future__ import annotations

import hmac
import io
from datetime import datetime, timezone

import pyotp
import segno

STEP_SECONDS = 30
# One step either side tolerates a phone clock that is a little off.
ALLOWED_DRIFT_STEPS = 1


def new_secret() -> str:
    return pyotp.random_base32(length=32)  # 160 bits, as RFC 4226 recommends


def provisioning_uri(secret: str, account: str, issuer: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)


def qr_svg(uri: str) -> str:
    """The enrolment QR code as a standalone SVG document (served as an image, CSP-safe)."""
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(
        buffer, kind="svg", scale=6, dark="#000000", light="#ffffff", xmldecl=False, svgclass=None, lineclass=None
    )
    return buffer.getvalue().decode("ascii")


def time_step(now: datetime) -> int:
    aware = now.replace(tzinfo=timezone.utc) if now.tzinfo is None else now
    return int(aware.timestamp()) // STEP_SECONDS


def matching_step(secret: str, code: str, now: datetime, last_used_step: int) -> int | None:
    """The time step the code belongs to, if it is valid and newer than the last one used.

    Returning the step lets the caller store it, so a code (or an older one) cannot be
    replayed, even by a second worker.
    """
    code = "".join(code.split())
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = time_step(now)
    found: int | None = None
    for step in range(current - ALLOWED_DRIFT_STEPS, current + ALLOWED_DRIFT_STEPS + 1):
        # Compare every candidate so timing does not reveal which step matched.
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code) and step > last_used_step:
            found = step
    return found


def code_at(secret: str, now: datetime) -> str:
    """The current code (for the demo helper command and tests)."""
    return pyotp.TOTP(secret).at(time_step(now) * STEP_SECONDS)
