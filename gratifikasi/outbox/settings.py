"""Outbox settings with their defaults; any of them can be overridden in the app config."""
from __future__ import annotations

from flask import current_app

DEFAULTS = {
    # 12 attempts with waits of 1, 2, 4 … 256 min, then 6 h: about 20 hours of trying,
    # enough to ride out an SMTP outage overnight before an admin has to step in.
    "OUTBOX_MAX_ATTEMPTS": 12,
    "OUTBOX_RETRY_BASE_SECONDS": 60,
    "OUTBOX_RETRY_MAX_SECONDS": 6 * 3600,
    # How long a claimed row belongs to one worker. Longer than a batch takes to send;
    # after it another worker resends the row (flagged as a possible duplicate).
    "OUTBOX_LEASE_SECONDS": 600,
}


def setting(name: str) -> int:
    return int(current_app.config.get(name, DEFAULTS[name]))
