"""Rate-limit client keys cannot be reversed later (issue 17 item 7): the address is HMAC'd with
a random salt that rotates each UTC day, is not derived from the instance secret, and is never
written to the database or instance/."""
from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from sqlalchemy import func, select

from gratifikasi import clock
from gratifikasi.crypto.receipt_codes import new_receipt_code
from gratifikasi.extensions import db
from gratifikasi.models import AccessThrottle
from gratifikasi.security.client_key import hashed_client_key, salts_for
from tests.conftest import make_app
from tests.scan import database_hits

ADDRESS = "203.0.113.7"
SECRET = "one secret key shared by every worker"
WRONG_CODE = new_receipt_code().display  # well formed, matches nothing


def _key(app, address: str = ADDRESS) -> str:
    with app.test_request_context(environ_base={"REMOTE_ADDR": address}):
        return hashed_client_key()


def test_the_key_is_stable_within_a_day_and_changes_with_the_day(app, frozen_clock):
    first = _key(app)
    frozen_clock.advance(hours=20)  # 2026-03-02 21:00 UTC: same day
    assert _key(app) == first
    assert _key(app, "203.0.113.8") != first
    frozen_clock.advance(hours=4)  # the next UTC day
    second = _key(app)
    assert second != first
    frozen_clock.advance(hours=1)
    assert _key(app) == second


def test_the_salt_is_random_not_derived_from_the_secret_key(tmp_path, frozen_clock):
    apps = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        apps.append(make_app(tmp_path / name, SECRET_KEY=SECRET))
    # Two processes with the same instance secret: anyone holding instance/ cannot recompute it.
    assert _key(apps[0]) != _key(apps[1])
    day = clock.utcnow().strftime("%Y-%m-%d")
    for salt in (hmac.new(SECRET.encode(), f"rate-limit-salt:{day}".encode(), hashlib.sha256).digest(),
                 SECRET.encode(), hashlib.sha256(SECRET.encode()).digest()):
        guess = hmac.new(salt, ADDRESS.encode(), hashlib.sha256).hexdigest()[:32]
        assert guess not in (_key(apps[0]), _key(apps[1]))


def _files_holding(folder: Path, needles: list[bytes]) -> list[str]:
    return [str(path) for path in folder.rglob("*") if path.is_file()
            and any(needle in path.read_bytes() for needle in needles)]


def test_no_salt_is_written_to_the_database_or_instance(tmp_path, frozen_clock):
    app = make_app(tmp_path, RATELIMIT_ENABLED=True)
    client = app.test_client()
    salts = []
    for _day in range(2):
        # Rate-limited logins and wrong receipt codes: both key on the hashed client.
        for _ in range(3):
            client.post("/masuk", data={"username": "x", "password": "y"},
                        environ_base={"REMOTE_ADDR": ADDRESS})
            client.post("/laporan-gratifikasi/status", data={"nomor": "GRT-2026-000001", "kode": WRONG_CODE},
                        environ_base={"REMOTE_ADDR": ADDRESS})
        salts.append(salts_for(app).for_time(clock.utcnow()))
        frozen_clock.advance(days=1)
    assert salts[0] != salts[1]
    needles = [form for salt in salts for form in (salt, salt.hex().encode(), salt.hex().upper().encode())]
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(AccessThrottle)).scalar() > 0  # keys were stored
        assert database_hits(needles) == []
    assert _files_holding(Path(app.instance_path), needles) == []
