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
