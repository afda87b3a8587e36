"""Configuration: built-in defaults, then ``instance/config.py``, then ``GRATIFIKASI_*`` env vars.

Only plain values live here; nothing secret is committed. The secret key comes from
``SECRET_KEY`` (``GRATIFIKASI_SECRET_KEY``), else from the file ``SECRET_KEY_FILE`` names (a
path every host shares), else ``instance/secret_key``; a missing file is generated (mode 600).
"""
from __future__ import annotations

import json
import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

ENV_PREFIX = "GRATIFIKASI_"


class DefaultConfig:
    AGENCY_NAME = "Pemerintah Kota Pasuruan"
    AGENCY_SHORT_NAME = "Kota Pasuruan"
    AGENCY_LOGO = "img/logo.svg"  # relative to static/

    # Database: SQLite in instance/ unless DATABASE_URL says otherwise.
    SQLALCHEMY_DATABASE_URI: str | None = None
    # No pool_pre_ping: gratifikasi.connection_check finds connections the server closed
    # without a round trip per request.
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {}

    # Cookies: Secure by default; only local plain-http runs switch it off.
    SESSION_COOKIE_NAME = "gratifikasi_sesi"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    # Behind a reverse proxy that sets X-Forwarded-Proto (needed for HSTS and Secure cookies).
    TRUST_PROXY_HEADERS = False

    # Officer sessions: idle timeout and absolute lifetime, enforced server-side.
    SESSION_IDLE_MINUTES = 30
    SESSION_ABSOLUTE_HOURS = 10
    PERMANENT_SESSION_LIFETIME = timedelta(hours=10)
    LOGIN_PENDING_MINUTES = 5  # time allowed between password and TOTP step

    # Failed-login slow-down (stored in the database, so it holds across workers).
    LOGIN_FREE_FAILURES = 5
    LOGIN_BASE_DELAY_SECONDS = 60
    LOGIN_MAX_DELAY_SECONDS = 3600
    # Per account across all clients (auth/throttle.py): a short wait with a low ceiling, so
    # guessing from many addresses is slowed but the owner is never held for long.
    LOGIN_ACCOUNT_FREE_FAILURES = 20
    LOGIN_ACCOUNT_BASE_DELAY_SECONDS = 5
    LOGIN_ACCOUNT_MAX_DELAY_SECONDS = 60

    PASSWORD_MIN_LENGTH = 12
    PASSWORD_MAX_LENGTH = 128

    # Attachments (threat T6): per file and per submission.
    UPLOAD_MAX_FILE_BYTES = 20 * 1024 * 1024
    UPLOAD_MAX_FILES = 5
    # Files one complaint may hold over its whole conversation (submission and replies).
    COMPLAINT_MAX_ATTACHMENTS = 20

    # Reporter access codes: free failures, then a wait doubling from the base up to the cap.
    ACCESS_FREE_FAILURES = 5
    ACCESS_BASE_DELAY_SECONDS = 60
    ACCESS_MAX_DELAY_SECONDS = 3600

    # Request size limits: the attachments plus 1 MB for the form fields.
    MAX_CONTENT_LENGTH = UPLOAD_MAX_FILES * UPLOAD_MAX_FILE_BYTES + 1024 * 1024
    MAX_FORM_MEMORY_SIZE = 512 * 1024
    MAX_FORM_PARTS = 200

    WTF_CSRF_ENABLED = True
    # Flask-WTF's HTTPS referrer check needs a Referer header, which Referrer-Policy:
    # no-referrer (threat T7) removes. Tokens plus SameSite cookies protect the forms.
    WTF_CSRF_SSL_STRICT = False
    WTF_CSRF_TIME_LIMIT = 3600 * 4

    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Jakarta"
    LANGUAGES = ("id", "en")

    # Rate limits: Redis in production (several workers); memory only for the embedded default.
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = False
    LOGIN_RATE_LIMIT = "30 per minute"
    # Public submissions (a gratification report, a complaint) per hashed client; shared by all
    # workers when RATELIMIT_STORAGE_URI names a shared store.
    PUBLIC_SUBMIT_RATE_LIMIT = "30 per hour"

    # The outbox key (outbox/recipients.py): reporters' addresses wait sealed to it. The
    # private half is read by `flask outbox run` and must lie outside the database and
    # instance/ (e.g. /etc/gratifikasi/outbox.key on the mail worker's host); it is created
    # on first use if missing. A web-only host may name just the public half. Unset: reporter
    # mail is not sent (an address is never stored in clear).
    OUTBOX_KEY_FILE: str | None = None
    OUTBOX_PUBLIC_KEY_FILE: str | None = None

    MAIL_DEFAULT_SENDER = "noreply@localhost"
    MAIL_SUPPRESS_SEND = False
    # The public address links in e-mails point to (outbox.links); set it in production,
    # e.g. GRATIFIKASI_BASE_URL=https://wbs.pasuruankota.go.id. The default is ./serve.sh's.
    BASE_URL = "http://localhost:5000"

    # Audit-chain checkpoints (flask audit checkpoint, from cron): an append-only file on another
    # volume, and the HMAC key's file. Unset: instance/audit-checkpoints.log (weaker: whoever can
    # rewrite instance/ can rewrite them) and instance/audit-checkpoint.key. See audit/cli.py.
    AUDIT_CHECKPOINT_FILE: str | None = None
    AUDIT_CHECKPOINT_KEY_FILE: str | None = None
    # Several hosts must share one secret key: set SECRET_KEY (GRATIFIKASI_SECRET_KEY) or a
    # shared SECRET_KEY_FILE. The first start records the key's fingerprint in the database;
    # a host with another key refuses to start (security.secret_key). SECRET_KEY_ADOPT: record
    # this host's key instead, once, after replacing the key on purpose.
    SECRET_KEY_FILE: str | None = None
    SECRET_KEY_CHECK = True
    SECRET_KEY_ADOPT = False

    TOTP_ISSUER = "gratifikasi"
    DEMO_MODE = False


def _parse_env_value(raw: str) -> Any:
    """Env values may be JSON (numbers, true/false, lists); anything else stays a string."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def env_overrides(environ: dict[str, str] | os._Environ[str]) -> dict[str, Any]:
    values = {
        key[len(ENV_PREFIX):]: _parse_env_value(value)
        for key, value in environ.items()
        if key.startswith(ENV_PREFIX) and len(key) > len(ENV_PREFIX)
    }
    # The conventional DATABASE_URL wins only if no GRATIFIKASI_ variant is given.
    if "DATABASE_URL" in environ and "SQLALCHEMY_DATABASE_URI" not in values:
        values.setdefault("DATABASE_URL", environ["DATABASE_URL"])
    return values


def ensure_secret_key(path: Path) -> str:
    """Read the secret key file (``instance/secret_key`` or ``SECRET_KEY_FILE``), creating it
    (mode 600) on first run. On a shared folder two hosts starting together get one key: the
    file is created exclusively, and the loser of that race reads the winner's."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
    key = path.read_text().strip()
    if not key:
        raise RuntimeError(f"the secret key file {path} is empty")
    return key


def normalise_database_url(url: str) -> str:
    """Accept postgres:// and postgresql:// and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url
