"""A pure SHA-256 hash chain for the append-only audit log (threat T5).

Each entry's hash covers the previous entry's hash and the entry's canonical
bytes. Entries carry a sequence number under the key ``"seq"`` (1, 2, 3, ...) so
that deleting or reordering rows shows even where hashes were recomputed.

What the chain alone cannot show: rows cut off the *end* of the log. Keep the
latest hash somewhere else (e.g. in the periodic report) and pass it as
``expected_last_hash`` to :func:`verify_chain` to catch that too.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Hashable

from .framing import length_prefixed

SEQUENCE_KEY = "seq"
HASH_BYTES = 32
_DOMAIN = b"gratifikasi/audit-chain/v1"


def _canonical_value(value: Any) -> Any:
    """Turn one value into plain JSON types, one spelling per value."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, enum.Enum):
        return _canonical_value(value.value)
    if isinstance(value, dt.datetime):
        # Naive datetimes are taken as UTC (SQLite hands stored UTC back naive),
        # so a value written aware and read back naive hashes the same.
        if value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return value.isoformat(timespec="microseconds") + "Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Mapping):
        if not all(isinstance(key, str) for key in value):
            raise TypeError("audit entry keys must be strings")
        return {key: _canonical_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canonical_value(item) for item in value]
    # Floats, Decimals and bytes have several spellings per value: refuse them
    # rather than risk a chain that breaks on a round trip through the database.
    raise TypeError(f"unsupported audit value type: {type(value).__name__}")


def canonical_bytes(entry: Mapping[str, Any]) -> bytes:
    """Deterministic JSON: sorted keys, no spaces, UTF-8, datetimes as ISO 8601 UTC."""
    return json.dumps(
        _canonical_value(entry), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def entry_hash(prev_hash: bytes | None, entry: Mapping[str, Any]) -> bytes:
    """SHA-256 over a domain tag, the previous hash (empty for the first) and the entry."""
    if prev_hash is not None and len(prev_hash) != HASH_BYTES:
        raise ValueError("previous hash must be 32 bytes")
    data = length_prefixed(_DOMAIN, prev_hash or b"", canonical_bytes(entry))
    return hashlib.sha256(data).digest()


@dataclass(frozen=True)
class ChainResult:
    """Outcome of :func:`verify_chain`. ``first_broken_id`` is None when ok."""

    ok: bool
    first_broken_id: Hashable | None = None
    reason: str | None = None
    checked: int = 0


def verify_chain(
    entries: Iterable[tuple[Hashable, Mapping[str, Any], bytes]],
    *,
    expected_last_hash: bytes | None = None,
) -> ChainResult:
    """Walk ``(id, entry, stored_hash)`` rows in log order and report the first bad one.

    Reasons: ``"missing sequence number"``, ``"sequence gap (rows deleted or moved)"``,
    ``"sequence out of order (row moved or repeated)"``, ``"hash mismatch"``
    (an edit; with ``first_broken_id`` naming the first row whose link fails, which
    is the edited row or, if its stored hash was recomputed too, the row after it),
    ``"last hash differs from the recorded head"`` (rows cut off the end, reported
    at the last row present).
    """
    prev_hash: bytes | None = None
    last_id: Hashable | None = None
    checked = 0
    for row_id, entry, stored_hash in entries:
        expected_seq = checked + 1
        seq = entry.get(SEQUENCE_KEY)
        if isinstance(seq, bool) or not isinstance(seq, int):
            return ChainResult(False, row_id, "missing sequence number", checked)
        if seq > expected_seq:
            return ChainResult(False, row_id, "sequence gap (rows deleted or moved)", checked)
        if seq < expected_seq:
            reason = "sequence out of order (row moved or repeated)"
            return ChainResult(False, row_id, reason, checked)
        computed = entry_hash(prev_hash, entry)
        # Not secret, so no constant-time compare needed.
        if computed != bytes(stored_hash):
            return ChainResult(False, row_id, "hash mismatch", checked)
        prev_hash = computed
        last_id = row_id
        checked += 1
    if expected_last_hash is not None and prev_hash != expected_last_hash:
        return ChainResult(False, last_id, "last hash differs from the recorded head", checked)
    return ChainResult(True, None, None, checked)
