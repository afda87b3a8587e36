"""The documented production rate-limit store: Redis shared by several workers (README,
Deployment). Two apps stand for two gunicorn workers (or hosts); the Redis server on
127.0.0.1:6379 is used (GRATIFIKASI_TEST_REDIS_URL names another)."""
from __future__ import annotations

import os
import uuid

from tests.conftest import make_app, requirement_missing

REDIS_URL = os.environ.get("GRATIFIKASI_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_or_skip() -> None:
    try:
        import redis
    except ImportError:
        requirement_missing("the redis client is not installed")
        return
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        requirement_missing(f"no Redis server at {REDIS_URL}")


def test_workers_share_the_login_limit_through_redis(tmp_path):
    _redis_or_skip()
    prefix = f"test-{uuid.uuid4().hex}"  # this run's counters only
    settings = dict(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=REDIS_URL, RATELIMIT_KEY_PREFIX=prefix,
                    LOGIN_RATE_LIMIT="3 per minute", SECRET_KEY="one secret for every worker")
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    first = make_app(tmp_path / "a", **settings).test_client()
    second = make_app(tmp_path / "b", **settings).test_client()
    attempt = {"username": "x", "password": "y"}
    assert [first.post("/masuk", data=attempt).status_code for _ in range(2)] == [200, 200]
    # The third attempt from the same client reaches the other worker: still counted.
    assert second.post("/masuk", data=attempt).status_code == 200
    assert second.post("/masuk", data=attempt).status_code == 429
    assert first.post("/masuk", data=attempt).status_code == 429


def test_workers_share_the_daily_client_key_salt_through_redis(tmp_path, frozen_clock):
    """Issue 17 item 7: the random daily salt lives in Redis (never in the database or
    instance/), so every worker hashes a client alike, and it expires soon after its day."""
    _redis_or_skip()
    import redis

    from gratifikasi.security.client_key import hashed_client_key

    prefix = f"test-{uuid.uuid4().hex}"
    apps = []
    for name, secret in (("a", "first worker's secret"), ("b", "second worker's secret")):
        (tmp_path / name).mkdir()
        apps.append(make_app(tmp_path / name, RATELIMIT_STORAGE_URI=REDIS_URL, RATELIMIT_KEY_PREFIX=prefix,
                             SECRET_KEY=secret))

    def key(app) -> str:
        with app.test_request_context(environ_base={"REMOTE_ADDR": "203.0.113.7"}):
            return hashed_client_key()

    today = key(apps[0])
    assert key(apps[1]) == today  # one salt for all workers, whatever their secret keys
    store = redis.Redis.from_url(REDIS_URL)
    names = store.keys(f"*{prefix}*")
    assert len(names) == 1 and b"2026-03-02" in names[0]
    # 01:00 UTC now: the salt is gone by the end of the day plus the hour's margin.
    assert 0 < store.ttl(names[0]) <= 24 * 3600
    frozen_clock.advance(days=1)
    tomorrow = key(apps[1])
    assert tomorrow != today and key(apps[0]) == tomorrow
    store.delete(*store.keys(f"*{prefix}*"))
