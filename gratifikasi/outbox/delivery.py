"""The last hop of the outbox worker: hand a built message to SMTP or, for a demo, to a file.

With ``MAIL_FILE_DIR`` set (``./serve.sh`` sets it), :func:`send` writes each message as an
``.eml`` file there instead of talking to SMTP, so a newcomer sees the notifications at
/admin/email without a mail server. Everything before this hop (claiming, leases, retries,
the masked recipient afterwards) is the worker's normal path. File delivery is for demos and
development only: the files keep the recipient's address, which the database drops once a
message is sent.
"""
from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path

from flask import current_app
from flask_mail import Message

from .. import clock
from ..extensions import mail
from .queue import mask_address

SUFFIX = ".eml"
# A receipt or access code (7 dash-separated groups of 4, or 28 symbols run together). No
# e-mail carries one; the page hides anything shaped like one all the same.
CODE_SHAPE = re.compile(r"\b[A-Za-z0-9]{4}(?:[- ][A-Za-z0-9]{4}){6}\b|\b[A-Za-z0-9]{28}\b")
HIDDEN_CODE = "[kode disembunyikan]"
MAX_BODY_CHARS = 20_000


def file_directory() -> Path | None:
    """The delivery folder when file delivery is on, else None (SMTP)."""
    directory = current_app.config.get("MAIL_FILE_DIR")
    return Path(directory) if directory else None


def send(message: Message) -> None:
    """Deliver one built message: to a file in file mode, else through Flask-Mail (SMTP)."""
    directory = file_directory()
    if directory is None:
        mail.send(message)
        return
    write_file(directory, message)


def write_file(directory: Path, message: Message) -> Path:
    """Write the message whole under a fresh name (a reader never sees half a file)."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = f"{clock.utcnow():%Y%m%dT%H%M%S%f}-{secrets.token_hex(4)}{SUFFIX}"
    partial = directory / f".{name}.partial"
    partial.write_bytes(message.as_bytes())
    os.chmod(partial, 0o600)
    final = directory / name
    os.replace(partial, final)
    return final


@dataclass(frozen=True)
class DeliveredMail:
    name: str
    sent_at: datetime | None
    to: str  # masked
    subject: str
    body: str


def hide_codes(text: str) -> str:
    return CODE_SHAPE.sub(HIDDEN_CODE, text)


def _read(path: Path) -> DeliveredMail:
    parsed = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    part = parsed.get_body(preferencelist=("plain",))
    body = part.get_content() if part is not None else ""
    try:
        sent_at = parsedate_to_datetime(str(parsed["Date"])) if parsed["Date"] else None
    except (TypeError, ValueError):
        sent_at = None
    recipients = ", ".join(mask_address(a.strip()) for a in str(parsed["To"] or "").split(","))
    return DeliveredMail(
        name=path.name, sent_at=sent_at, to=recipients,
        subject=hide_codes(str(parsed["Subject"] or "")), body=hide_codes(body[:MAX_BODY_CHARS]),
    )


def delivered(directory: Path, limit: int = 100) -> list[DeliveredMail]:
    """The newest delivered files first, at most ``limit``."""
    if not directory.is_dir():
        return []
    paths = sorted((p for p in directory.iterdir() if p.name.endswith(SUFFIX) and not p.name.startswith(".")),
                   key=lambda p: p.name, reverse=True)
    return [_read(path) for path in paths[:limit]]
