"""Sealed recipients: a reporter's address waits in the outbox sealed to the outbox key.

A reporter's e-mail address is identity (threat T1). While its message waits, the row holds
the address only HPKE-sealed (the same post-quantum hybrid suite as the key rings) to the
outbox key pair; the private half lives in a file the mail worker reads, named by
``OUTBOX_KEY_FILE`` and kept outside the database and ``instance/`` (refused inside it). A web
host that does not send mail needs only the public half (``OUTBOX_PUBLIC_KEY_FILE``, by
default the key file's name plus ``.pub``). So a copy of the database plus ``instance/``
holds no reporter address, pending, failed or sent: the worker drops the sealed address
once the message is delivered or given up.

When ``OUTBOX_KEY_FILE`` names a file that does not exist yet, the pair is created there
(mode 600), so a single-host install only has to choose the path. Without any outbox key
configured, reporter mail is not queued at all (a warning is logged, never the address):
an address is never stored in clear.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from flask import current_app

from ..crypto.errors import CryptoError
from ..crypto.framing import length_prefixed
from ..crypto.sealing import generate_keypair, open_sealed, public_key_from_private, seal

log = logging.getLogger(__name__)

_INFO = b"gratifikasi/outbox/recipient"


class OutboxKeyMissing(RuntimeError):
    """No usable outbox key is configured (the message says which setting to set)."""


def _configured(name: str) -> Path | None:
    value = current_app.config.get(name)
    return Path(str(value)).expanduser() if value else None


def _outside_instance(path: Path) -> Path:
    instance = Path(current_app.instance_path).resolve()
    resolved = path.resolve()
    if resolved == instance or instance in resolved.parents:
        raise OutboxKeyMissing(
            "OUTBOX_KEY_FILE must lie outside instance/: a copy of instance/ and the database must open nothing."
        )
    return path


def private_key_path() -> Path | None:
    path = _configured("OUTBOX_KEY_FILE")
    return None if path is None else _outside_instance(path)


def public_key_path() -> Path | None:
    path = _configured("OUTBOX_PUBLIC_KEY_FILE")
    if path is None:
        private = private_key_path()
        path = None if private is None else private.with_name(private.name + ".pub")
    return None if path is None else _outside_instance(path)


def create_key_files(private_path: Path) -> Path:
    """Write a new outbox key pair (private mode 600, public beside it); returns the public path."""
    private_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    pair = generate_keypair()
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pair.private)
    public_path = private_path.with_name(private_path.name + ".pub")
    public_path.write_bytes(pair.public)
    return public_path


def _ensure_pair() -> None:
    private = private_key_path()
    if private is not None and not private.exists():
        try:
            create_key_files(private)
        except FileExistsError:
            pass  # another worker created it at the same moment


def public_key() -> bytes:
    """The outbox public key, creating the pair when the key file is configured but absent."""
    _ensure_pair()
    public = public_key_path()
    if public is not None and public.exists():
        return public.read_bytes()
    private = private_key_path()
    if private is not None and private.exists():
        return public_key_from_private(private.read_bytes())
    raise OutboxKeyMissing("no outbox key: set OUTBOX_KEY_FILE (or OUTBOX_PUBLIC_KEY_FILE on a web-only host)")


def _private_key() -> bytes:
    private = private_key_path()
    if private is None or not private.exists():
        raise OutboxKeyMissing("the outbox key (OUTBOX_KEY_FILE) is not available to this worker")
    return private.read_bytes()


def _aad(message_id: int) -> bytes:
    return length_prefixed("outbox_message", message_id)


def seal_recipient(message_id: int, address: str) -> bytes:
    """The address sealed to the outbox key, bound to its message row."""
    return seal(public_key(), address.encode(), info=_INFO, aad=_aad(message_id))


def open_recipient(message_id: int, sealed: bytes) -> str:
    """The worker's side: OutboxKeyMissing without the key, CryptoError for another key's seal."""
    return open_sealed(_private_key(), bytes(sealed), info=_INFO, aad=_aad(message_id)).decode()


__all__ = ["CryptoError", "OutboxKeyMissing", "create_key_files", "open_recipient", "public_key", "seal_recipient"]
