"""Checkpoints of the audit chain's head in an append-only file outside the database.

``flask audit checkpoint`` (run from cron, e.g. hourly; README, Deployment) appends the head
(sequence number, entry hash, time) with an HMAC under a key kept in a file, never in the
database. ``flask audit verify`` walks the chain and compares it with every checkpoint, so
entries cut off the end, and a rewrite that recomputed every later hash, are reported.

The file and the key are paths the command passes in (settings ``AUDIT_CHECKPOINT_FILE`` and
``AUDIT_CHECKPOINT_KEY_FILE``). The file should live on another volume or host, made
append-only by the operator (``chattr +a``, a WORM bucket, a remote syslog): whoever can
rewrite the database but not that file cannot hide a truncation or rewrite. Whoever can also
read the key and rewrite the file can forge checkpoints, so keep the key readable only by the
account that runs the command.
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from .. import clock
from ..crypto import audit_chain, audit_checkpoint
from ..crypto.audit_checkpoint import Checkpoint, CheckpointError
from ..extensions import db
from ..models import AuditEntry
from . import verify_rows


class CheckpointSetupError(RuntimeError):
    """The key or the checkpoint file cannot be used; the message says why."""


def load_key(path: Path, *, create: bool) -> bytes:
    """The checkpoint key (hex in a mode-600 file); created on first use when ``create``."""
    if not path.exists():
        if not create:
            raise CheckpointSetupError(f"checkpoint key file {path} is missing")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(audit_checkpoint.KEY_BYTES) + "\n")
    try:
        key = bytes.fromhex(path.read_text().strip())
    except ValueError as error:
        raise CheckpointSetupError(f"checkpoint key file {path} does not hold a hex key") from error
    if len(key) < audit_checkpoint.KEY_BYTES:
        raise CheckpointSetupError(f"checkpoint key in {path} is shorter than 32 bytes")
    return key


def current_head() -> Checkpoint:
    last = db.session.execute(
        select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    now = clock.utcnow()
    if last is None:
        return Checkpoint(seq=0, head=b"", at=now)
    return Checkpoint(seq=last.seq, head=bytes(last.entry_hash), at=now)


def append(path: Path, key: bytes, checkpoint: Checkpoint) -> str:
    """Append one line (O_APPEND, fsync; earlier lines are never reopened for writing); returns it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = audit_checkpoint.encode(key, checkpoint)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (line + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return line


@dataclass(frozen=True)
class Written:
    checkpoint: Checkpoint | None  # None when the chain was broken and nothing was written
    chain: audit_chain.ChainResult
    anchor: audit_checkpoint.AnchorResult | None = None
    line: str = ""  # the line appended to the file


def write(path: Path, key_path: Path) -> Written:
    """Verify the chain (and earlier checkpoints), then append the current head.

    A broken chain is not checkpointed: that would anchor the tampered state.
    """
    key = load_key(key_path, create=True)
    report = check(path, key_path, key=key)
    if not report.chain.ok or (report.anchor is not None and not report.anchor.ok) or report.bad_lines:
        return Written(None, report.chain, report.anchor)
    head = current_head()
    line = append(path, key, head)
    return Written(head, report.chain, report.anchor, line)


@dataclass(frozen=True)
class Report:
    """What ``verify`` found: the chain on its own, then against the checkpoints."""

    chain: audit_chain.ChainResult
    anchor: audit_checkpoint.AnchorResult | None  # None: no checkpoint file (or none in it)
    bad_lines: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)

    @property
    def ok(self) -> bool:
        return self.chain.ok and not self.bad_lines and (self.anchor is None or self.anchor.ok)


def read(path: Path, key: bytes) -> tuple[list[Checkpoint], list[tuple[int, str]]]:
    """Every authentic checkpoint in file order, and the lines that are not."""
    good: list[Checkpoint] = []
    bad: list[tuple[int, str]] = []
    with path.open(encoding="ascii", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                good.append(audit_checkpoint.decode(key, line))
            except CheckpointError as error:
                bad.append((number, str(error)))
    return good, bad


def check(path: Path, key_path: Path, *, key: bytes | None = None) -> Report:
    """Walk the chain once and compare it with every checkpoint in ``path``."""
    if not path.exists():
        return Report(verify_rows(), None)
    checkpoints, bad = read(path, key if key is not None else load_key(key_path, create=False))
    wanted = {checkpoint.seq for checkpoint in checkpoints}
    hashes: dict[int, bytes] = {}
    chain = verify_rows(keep_hashes=wanted, into=hashes)
    if not chain.ok or not checkpoints:
        return Report(chain, None, bad)
    last_seq = chain.checked  # an intact chain holds exactly 1..checked
    return Report(chain, audit_checkpoint.compare(checkpoints, last_seq, hashes), bad)
