"""Keyed checkpoints of the audit chain's head, kept outside the database (threat T5).

The hash chain (:mod:`audit_chain`) shows an edited or removed row, but not rows cut off its
end, nor a rewrite that recomputed every later hash. A checkpoint records the head (sequence
number and entry hash) at a moment, with an HMAC-SHA256 under a key that is never in the
database. Checkpoints are written one per line to an append-only file on another volume;
comparing the chain with them shows:

- truncation: the chain ends before a checkpointed sequence number;
- rewriting: the hash at a checkpointed sequence number differs (an edited entry whose later
  hashes were recomputed, or entries deleted in the middle and the rest renumbered);
- a forged checkpoint line: its MAC does not check (written without the key).

One line is JSON with sorted keys: ``{"at": ..., "head": hex, "mac": hex, "seq": n, "v": 1}``.
The MAC covers the version, the sequence number, the head hash and the time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .framing import length_prefixed

VERSION = 1
KEY_BYTES = 32
_DOMAIN = b"gratifikasi/audit-checkpoint/v1"


class CheckpointError(ValueError):
    """A checkpoint line that is malformed or whose MAC does not check."""


@dataclass(frozen=True)
class Checkpoint:
    seq: int  # 0 for an empty chain
    head: bytes  # the entry hash at ``seq`` (empty for an empty chain)
    at: dt.datetime  # naive UTC


def _at_text(at: dt.datetime) -> str:
    if at.tzinfo is not None:
        at = at.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return at.isoformat(timespec="seconds") + "Z"


def _mac(key: bytes, seq: int, head: bytes, at_text: str) -> bytes:
    if len(key) < KEY_BYTES:
        raise ValueError("checkpoint key must be at least 32 bytes")
    return hmac.new(key, length_prefixed(_DOMAIN, VERSION, seq, head, at_text), hashlib.sha256).digest()


def encode(key: bytes, checkpoint: Checkpoint) -> str:
    """One line (without the newline) for the checkpoint file."""
    at_text = _at_text(checkpoint.at)
    mac = _mac(key, checkpoint.seq, checkpoint.head, at_text)
    fields = {"v": VERSION, "seq": checkpoint.seq, "head": checkpoint.head.hex(), "at": at_text, "mac": mac.hex()}
    return json.dumps(fields, sort_keys=True, separators=(",", ":"))


def decode(key: bytes, line: str) -> Checkpoint:
    """Parse and authenticate one line; raises :class:`CheckpointError`."""
    try:
        fields = json.loads(line)
        if not isinstance(fields, Mapping) or fields.get("v") != VERSION:
            raise CheckpointError("unknown checkpoint version")
        seq, at_text = fields["seq"], fields["at"]
        head, mac = bytes.fromhex(fields["head"]), bytes.fromhex(fields["mac"])
        if isinstance(seq, bool) or not isinstance(seq, int) or seq < 0 or not isinstance(at_text, str):
            raise CheckpointError("malformed checkpoint")
        at = dt.datetime.fromisoformat(at_text.removesuffix("Z"))
    except (ValueError, KeyError, TypeError) as error:
        if isinstance(error, CheckpointError):
            raise
        raise CheckpointError("malformed checkpoint") from error
    if not hmac.compare_digest(mac, _mac(key, seq, head, at_text)):
        raise CheckpointError("checkpoint MAC does not match (forged, or another key)")
    return Checkpoint(seq=seq, head=head, at=at)


@dataclass(frozen=True)
class AnchorResult:
    """Outcome of :func:`compare`. ``checkpoint`` names the checkpoint that failed (or the
    latest one when all hold); ``reason`` is None when ok."""

    ok: bool
    reason: str | None = None
    checkpoint: Checkpoint | None = None
    last_seq: int = 0


def compare(checkpoints: Iterable[Checkpoint], last_seq: int, hashes: Mapping[int, bytes]) -> AnchorResult:
    """Check a chain that verified on its own against the checkpoints, oldest first.

    ``last_seq`` is the chain's last sequence number (0 if empty); ``hashes`` maps each
    checkpointed sequence number present in the chain to the chain's hash there.
    Reasons: ``"truncated: ..."`` and ``"rewritten: ..."``.
    """
    latest: Checkpoint | None = None
    for checkpoint in checkpoints:
        if checkpoint.seq > last_seq:
            return AnchorResult(False, f"truncated: the chain ends at entry {last_seq}, but a checkpoint "
                                       f"recorded entry {checkpoint.seq}", checkpoint, last_seq)
        if checkpoint.seq and hashes.get(checkpoint.seq) != checkpoint.head:
            return AnchorResult(False, f"rewritten: the hash of entry {checkpoint.seq} differs from the "
                                       f"checkpoint", checkpoint, last_seq)
        latest = checkpoint
    return AnchorResult(True, None, latest, last_seq)
