"""One secret key for every host (issue 18 item 3), checked against the database at start.

Sessions, CSRF tokens, reporters' browser access and the hashed rate-limit and slow-down keys
all derive from ``SECRET_KEY``; two hosts with different keys on one database would reject
each other's forms and count a client twice. So the first start records a fingerprint of the
key in the ``setting`` table (an HMAC of a fixed label under the key: it reveals nothing about
the key), and every later start compares: a host with another key refuses to start.

Where the database cannot answer (not migrated yet, or down) the check is skipped and said so
in the log: a database outage must not keep a correctly configured host from starting.
"""
from __future__ import annotations

import hashlib
import hmac
import logging

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from .. import clock
from ..extensions import db
from ..models import Setting

FINGERPRINT_SETTING = "secret_key_fingerprint"  # not in the settings registry: never shown or edited
log = logging.getLogger(__name__)


class SecretKeyMismatch(RuntimeError):
    """This host's secret key is not the one the database was first started with."""


def fingerprint(secret_key: str) -> str:
    return hmac.new(secret_key.encode(), b"gratifikasi secret-key fingerprint v1", hashlib.sha256).hexdigest()[:32]


MISMATCH_MESSAGE = (
    "This host's SECRET_KEY (fingerprint {mine}) is not the key this database was first started "
    "with (fingerprint {stored}). Every host must use the same key: set GRATIFIKASI_SECRET_KEY, or "
    "GRATIFIKASI_SECRET_KEY_FILE to one shared file, on every host (README, Deployment). If the key "
    "was replaced on purpose, start one host once with GRATIFIKASI_SECRET_KEY_ADOPT=true."
)


def _stored() -> Setting | None:
    return db.session.execute(select(Setting).where(Setting.key == FINGERPRINT_SETTING)).scalar_one_or_none()


def check(secret_key: str, *, adopt: bool = False) -> str:
    """Compare ``secret_key`` with the recorded fingerprint, recording it if there is none.

    Returns "recorded", "matches", "adopted" or "unchecked" (no table yet, or no database);
    raises :class:`SecretKeyMismatch` if another key was recorded and ``adopt`` is false.
    """
    mine = fingerprint(secret_key)
    try:
        for _attempt in range(2):
            row = _stored()
            if row is not None and row.value == mine:
                return "matches"
            if row is not None and not adopt:
                raise SecretKeyMismatch(MISMATCH_MESSAGE.format(mine=mine, stored=row.value))
            outcome = "adopted" if row is not None else "recorded"
            if row is None:
                row = Setting(key=FINGERPRINT_SETTING)
                db.session.add(row)
            row.value, row.updated_at = mine, clock.utcnow()
            try:
                db.session.commit()
                return outcome
            except IntegrityError:  # another host recorded its key at the same moment: compare again
                db.session.rollback()
        return "unchecked"
    except (OperationalError, ProgrammingError) as error:
        db.session.rollback()
        log.warning("secret key not checked against the database (%s)", type(error).__name__)
        return "unchecked"
    finally:
        db.session.remove()


__all__ = ["FINGERPRINT_SETTING", "SecretKeyMismatch", "check", "fingerprint"]
