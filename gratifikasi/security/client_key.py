"""Rate-limit keys that never hold a client's address and cannot be reversed later (threat T7).

The address is HMAC'd with a random salt for the current UTC day. The salt is never derived
from the instance secret and never written to the database or ``instance/``: it lives in this
process's memory or, when ``RATELIMIT_STORAGE_URI`` names a Redis server, in Redis (so every
worker hashes a client alike) with an expiry shortly after its day ends. Once the day has
passed the salt is gone, so keys stored that day (rate-limit counters, the database's
access-code slow-downs) can no longer be tested against guessed addresses, and keys of
different days cannot be linked.

With several workers and no shared store each worker draws its own salt, so a client is
counted once per worker; production configures Redis (README, Deployment).
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import threading
from datetime import datetime, timedelta

import redis
from flask import Flask, current_app, request

from .. import clock

log = logging.getLogger(__name__)

SALT_BYTES = 32
EXTENSION = "gratifikasi.client_key_salts"
# The salt outlives its day by this much in Redis, for workers whose clocks lag a little.
EXPIRY_MARGIN = timedelta(hours=1)
REDIS_SCHEMES = ("redis://", "rediss://")  # other stores (redis+sentinel…): per worker


class DailySalts:
    """Today's random salt: in memory, or in Redis when a Redis URL is given."""

    def __init__(self, redis_url: str | None = None, prefix: str = "") -> None:
        self._lock = threading.Lock()
        self._day: str | None = None
        self._salt = b""
        self._prefix = prefix
        self._redis = redis.Redis.from_url(redis_url, socket_timeout=2) if redis_url else None

    def for_time(self, now: datetime) -> bytes:
        day = now.strftime("%Y-%m-%d")
        if self._redis is not None:
            try:
                return self._shared(day, now)
            except redis.RedisError:
                log.warning("client-key salt: Redis unreachable, using this worker's own salt")
        return self._local(day)

    def _local(self, day: str) -> bytes:
        with self._lock:
            if self._day != day:  # a new day: the old salt is dropped, never kept
                self._day, self._salt = day, secrets.token_bytes(SALT_BYTES)
            return self._salt

    def _shared(self, day: str, now: datetime) -> bytes:
        assert self._redis is not None
        name = f"gratifikasi-client-key-salt:{self._prefix}:{day}"
        end_of_day = datetime.combine(now.date() + timedelta(days=1), datetime.min.time())
        expiry = end_of_day - now + EXPIRY_MARGIN
        # The first worker of the day sets it; every other one reads the same value.
        self._redis.set(name, secrets.token_bytes(SALT_BYTES), nx=True, ex=expiry)
        salt = self._redis.get(name)
        if not isinstance(salt, bytes) or len(salt) != SALT_BYTES:
            raise redis.RedisError("client-key salt missing")
        return salt


def salts_for(app: Flask) -> DailySalts:
    """The app's salt holder, made on first use from its rate-limit storage setting."""
    salts = app.extensions.get(EXTENSION)
    if salts is None:
        uri = str(app.config.get("RATELIMIT_STORAGE_URI") or "")
        shared = uri if uri.startswith(REDIS_SCHEMES) else None
        salts = app.extensions.setdefault(
            EXTENSION, DailySalts(shared, str(app.config.get("RATELIMIT_KEY_PREFIX") or "")))
    return salts


def client_key(app: Flask, address: str, now: datetime) -> str:
    salt = salts_for(app).for_time(now)
    return hmac.new(salt, address.encode(), hashlib.sha256).hexdigest()[:32]


def hashed_client_key() -> str:
    # The address is read here only to hash it; it is never stored or logged.
    address = request.remote_addr or "unknown"
    return client_key(current_app._get_current_object(), address, clock.utcnow())  # type: ignore[attr-defined]
