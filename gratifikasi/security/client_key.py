"""Rate-limit keys that never hold a client's address (threat T7).

The address is hashed with a salt that changes every day, so stored keys cannot be
reversed by brute force over the IPv4 space after the day has passed, and cannot be
linked across days.
"""
from __future__ import annotations

import hashlib
import hmac

from flask import current_app, request

from .. import clock


def daily_salt(secret_key: str, day: str) -> bytes:
    return hmac.new(secret_key.encode(), f"rate-limit-salt:{day}".encode(), hashlib.sha256).digest()


def hashed_client_key() -> str:
    # The address is read here only to hash it; it is never stored or logged.
    address = request.remote_addr or "unknown"
    salt = daily_salt(current_app.config["SECRET_KEY"], clock.utcnow().strftime("%Y-%m-%d"))
    return hmac.new(salt, address.encode(), hashlib.sha256).hexdigest()[:32]
