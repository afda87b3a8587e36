"""What reporters' access leaves in the database: the slow-down of their codes, and the
short-lived access one browser holds after a code was accepted."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model


class AccessThrottle(Model):
    """Failed code attempts per hashed locator and per hashed client (HMAC under the app secret).

    Neither the locator nor the client key is stored in clear, so the table does not tell
    which cases were looked up.
    """

    __tablename__ = "access_throttle"

    key_hash: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(DateTime)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)


class BrowserAccess(Model):
    """A reporter's access from one browser to one record, for minutes (``intake.browser_access``).

    ``sealed`` holds what the browser may use (a record's data key, or a freshly issued code
    waiting to be written down), encrypted under a random key that only the browser's cookie
    holds; the row keeps a hash of the cookie's token to find it. The database alone opens
    nothing, and deleting the row (logout, confirmation, expiry) revokes the access even from
    a browser that kept its cookie. No foreign key: any record type can be the target, and a
    row outlives its record by at most its few minutes (opening it then finds no record).
    """

    __tablename__ = "browser_access"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))  # "mailbox" | "receipt" | "report-status"
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class IntakeNonce(Model):
    """One submitted form (``intake.idempotency``): the hash of its random nonce and the record
    it stored, so sending the same form again finds that record instead of storing a second.

    Written in the submission's own transaction; kept a day (``flask sessions purge``), longer
    than a form stays valid (its CSRF token lasts hours). The nonce lives only in the form and
    its browser's session; a hash of it tells nothing about the reporter.
    """

    __tablename__ = "intake_nonce"

    nonce_hash: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
