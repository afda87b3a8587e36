"""Officer accounts, their server-side sessions, and the failed-login slow-down."""
from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import DateTime, Enum, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import Model
from ..rules.text import N_
from .unit import Unit


class Role(str, enum.Enum):
    admin = "admin"
    upg = "upg"
    inspektorat = "inspektorat"
    custodian = "custodian"
    pimpinan = "pimpinan"


ROLES = [role.value for role in Role]

# Role names as shown to people (Indonesian source text; translated in the templates).
ROLE_LABELS = {
    Role.admin: N_("Admin"),
    Role.upg: N_("Petugas UPG"),
    Role.inspektorat: N_("Inspektorat (Irban)"),
    Role.custodian: N_("Pemegang kunci identitas"),
    Role.pimpinan: N_("Pimpinan"),
}


class Officer(UserMixin, Model):
    __tablename__ = "officer"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    nip: Mapped[str | None] = mapped_column(String(18))
    role: Mapped[Role] = mapped_column(Enum(Role, native_enum=False, length=20, validate_strings=True))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    unit: Mapped[Unit] = relationship(lazy="joined")

    password_hash: Mapped[str] = mapped_column(String(255))
    password_changed_at: Mapped[datetime] = mapped_column(DateTime)
    must_change_password: Mapped[bool] = mapped_column(default=False)

    # TOTP: secret set at enrolment, confirmed by a first valid code. The last accepted
    # time step makes every code usable once only.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    totp_last_step: Mapped[int] = mapped_column(Integer, default=0)

    # Failed logins (wrong password or TOTP) since the last successful one: the officer is
    # told at their next login (auth.services), then the count starts again.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failed_login_at: Mapped[datetime | None] = mapped_column(DateTime)

    created_at: Mapped[datetime] = mapped_column(DateTime)
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime)

    # Set by the user loader to the server-side session this request belongs to.
    current_session = None  # type: OfficerSession | None

    @property
    def is_active(self) -> bool:  # Flask-Login refuses disabled accounts
        return self.disabled_at is None

    @property
    def totp_enrolled(self) -> bool:
        return self.totp_confirmed_at is not None

    def get_id(self) -> str:
        # Flask-Login stores this in the cookie: the session token, never the officer id,
        # so that logging out or disabling an account ends the session on every worker.
        if self.current_session is None or self.current_session.raw_token is None:
            raise RuntimeError("officer has no active session")
        return self.current_session.raw_token

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    def has_role(self, *roles: Role | str) -> bool:
        return self.role.value in {Role(r).value for r in roles}

    def __repr__(self) -> str:
        return f"<Officer {self.username}>"


class OfficerSession(Model):
    """A logged-in session. The cookie holds a random token; only its hash is stored."""

    __tablename__ = "officer_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id", ondelete="CASCADE"), index=True)
    officer: Mapped[Officer] = relationship(lazy="joined")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    # None while the officer has passed the password step but not yet the TOTP step.
    verified_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The officer's private key, encrypted under a key that lives only in their cookie:
    # neither this row nor the cookie alone opens it.
    sealed_private_key: Mapped[bytes | None] = mapped_column(LargeBinary)

    # Only known in the request that created or presented it.
    raw_token = None  # type: str | None


class LoginThrottle(Model):
    """Failed-login counter per (hashed) user name; a row per name that failed recently."""

    __tablename__ = "login_throttle"

    key_hash: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(DateTime)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
