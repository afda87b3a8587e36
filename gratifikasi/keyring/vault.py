"""Sealing and opening records for the services of every feature.

Services call :func:`seal_record` when a record is written and :func:`open_record` when an
officer reads it; they never handle ring or officer keys themselves. Each record has its
own random data key (DEK) per purpose, sealed to the current ring of that purpose; each
field is AES-256-GCM encrypted under the DEK, bound to table, column and record id.

This is the one door from feature services to ``gratifikasi.crypto``: field values, keys
wrapped under another record's key, file contents in chunks, and moving a record's key to
another ring (:func:`reseal_to_ring`) all go through here.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select

from ..crypto import chunked, fields
from ..crypto import rings as ring_crypto
from ..crypto.errors import CryptoError
from ..crypto.rings import RingPurpose
from ..crypto.sealing import LoadedPublicKey, load_public_key
from ..extensions import db
from ..models import KeyRing, Officer, RecordKey
from ..models.rows import Rows
from ..settings.cache import cached
from . import KeyringError, NoAccess
from .rings import current_ring, open_ring

FieldValues = Mapping[str, str | bytes | None]


class VaultNotReady(KeyringError):
    """No ring exists yet for the purpose: an admin must run `flask keys init`."""


@dataclass(frozen=True)
class SealedRecord:
    ciphertexts: dict[str, bytes | None]
    dek: bytes  # for the caller to wrap for an anonymous reporter; never stored in clear

    def value(self, column: str) -> bytes:
        """The ciphertext of a column that was given a value (ValueError if it was empty)."""
        blob = self.ciphertexts[column]
        if blob is None:
            raise ValueError(f"{column} was sealed empty")
        return blob


def record_ref(record_type: str, record_id: int) -> str:
    return f"{record_type}:{record_id}"


@dataclass(frozen=True)
class SealingRing:
    """What sealing needs of a ring's current version (kept in the per-process cache)."""

    id: int
    version: int
    public_key: LoadedPublicKey  # parsed once per cache fill, not once per record sealed


def _read_sealing_ring(purpose: RingPurpose) -> SealingRing | None:
    ring = current_ring(purpose)
    return None if ring is None else SealingRing(ring.id, ring.version, load_public_key(bytes(ring.public_key)))


def _ready_ring(purpose: RingPurpose) -> SealingRing:
    ring = cached(f"_gratifikasi_ring.{purpose.value}", lambda: _read_sealing_ring(purpose))
    if ring is None:
        raise VaultNotReady("Kunci sistem belum disiapkan. Hubungi admin (flask keys init).")
    return ring


def _add_sealed_key(ring: SealingRing, purpose: RingPurpose, record_type: str, record_id: int, dek: bytes,
                    into: Rows | None = None) -> None:
    sealed = ring_crypto.seal_data_key(
        ring.public_key, dek, purpose=purpose, ring_version=ring.version, record_ref=record_ref(record_type, record_id)
    )
    row = RecordKey(record_type=record_type, record_id=record_id, purpose=purpose.value, ring_id=ring.id,
                    sealed_dek=sealed)
    (db.session if into is None else into).add(row)


def seal_record(
    record_type: str, record_id: int, values: FieldValues, *, purpose: RingPurpose = RingPurpose.CASE,
    into: Rows | None = None,
) -> SealedRecord:
    """Encrypt the values under a new DEK sealed to the purpose's current ring.

    Runs inside the caller's transaction (nothing is committed here). None stays None.
    ``into``: the intake's batch of new rows (``models.rows``) instead of the session.
    """
    ring = _ready_ring(purpose)
    dek = fields.new_data_key()
    _add_sealed_key(ring, purpose, record_type, record_id, dek, into)
    return SealedRecord(encrypt_values(dek, record_type, record_id, values), dek)


def reseal_to_ring(
    record_type: str, record_id: int, dek: bytes, purpose: RingPurpose, *, replacing: RingPurpose = RingPurpose.CASE
) -> None:
    """Seal the record's ``dek`` to ``purpose``'s ring instead of the ``replacing`` ring.

    For a record written through a shared pipeline that seals to the case ring but whose
    content belongs to another ring (a KTP copy is identity): the case-ring copy is deleted,
    so case-ring members can no longer open it. Runs in the caller's transaction; the
    caller holds the DEK (it wrote the record), which is what makes the move possible
    without any ring's private key.
    """
    if purpose is replacing:
        raise ValueError("re-sealing to the ring the key is already sealed to")
    ring = _ready_ring(purpose)  # checked first: a missing ring leaves the old copy in place
    db.session.execute(delete(RecordKey).where(
        RecordKey.record_type == record_type, RecordKey.record_id == record_id, RecordKey.purpose == replacing.value,
    ))
    _add_sealed_key(ring, purpose, record_type, record_id, dek)


def encrypt_values(dek: bytes, record_type: str, record_id: int, values: FieldValues) -> dict[str, bytes | None]:
    return {
        column: None if value is None
        else fields.encrypt_field(dek, value, table=record_type, column=column, record_id=record_id)
        for column, value in values.items()
    }


def decrypt_values(
    dek: bytes, record_type: str, record_id: int, blobs: Mapping[str, bytes | None]
) -> dict[str, str | None]:
    return {
        column: None if blob is None
        else fields.decrypt_text(dek, bytes(blob), table=record_type, column=column, record_id=record_id)
        for column, blob in blobs.items()
    }


def encrypt_text(dek: bytes, record_type: str, record_id: int, column: str, value: str) -> bytes:
    """One column value of one row (:func:`encrypt_values` for a single, never-None value)."""
    return fields.encrypt_field(dek, value, table=record_type, column=column, record_id=record_id)


def decrypt_text(dek: bytes, record_type: str, record_id: int, column: str, blob: bytes) -> str:
    return fields.decrypt_text(dek, bytes(blob), table=record_type, column=column, record_id=record_id)


def wrap_key(
    owner_dek: bytes, dek: bytes, *, record_type: str, record_id: int, column: str = "owner_wrapped_dek"
) -> bytes:
    """``dek`` encrypted under another record's key (whoever opens the owner opens this record)."""
    return fields.encrypt_field(owner_dek, dek, table=record_type, column=column, record_id=record_id)


def open_wrapped_key(
    owner_dek: bytes, blob: bytes, *, record_type: str, record_id: int, column: str = "owner_wrapped_dek"
) -> bytes:
    """The key :func:`wrap_key` wrapped; CryptoError if it was wrapped for another row or key."""
    return fields.decrypt_field(owner_dek, blob, table=record_type, column=column, record_id=record_id)


def encrypt_content(dek: bytes, record_type: str, record_id: int, data: bytes) -> list[bytes]:
    """A file's bytes as encrypted chunks bound to the record (order and end are checked on opening)."""
    return chunked.encrypt_chunks(dek, data, ref=record_ref(record_type, record_id))


def decrypt_content(dek: bytes, record_type: str, record_id: int, chunks: Iterable[bytes]) -> bytes:
    return chunked.decrypt_chunks(dek, chunks, ref=record_ref(record_type, record_id))


def open_data_key(
    officer: Officer, private_key: bytes | None, record_type: str, record_id: int, *,
    purpose: RingPurpose = RingPurpose.CASE,
) -> bytes:
    """The record's DEK for a ring member; NoAccess otherwise (or if the record was shredded)."""
    row = db.session.execute(
        select(RecordKey).where(
            RecordKey.record_type == record_type, RecordKey.record_id == record_id, RecordKey.purpose == purpose.value
        )
    ).scalar_one_or_none()
    if row is None:
        raise NoAccess("Data ini tidak dapat dibuka (kuncinya tidak ada atau sudah dimusnahkan).")
    ring = db.session.get(KeyRing, row.ring_id)
    assert ring is not None
    ring_private = open_ring(ring, officer, private_key)
    try:
        return ring_crypto.open_data_key(
            ring_private, bytes(row.sealed_dek), purpose=purpose, ring_version=ring.version,
            record_ref=record_ref(record_type, record_id),
        )
    except CryptoError as error:
        raise NoAccess("Kunci data rusak atau tidak cocok dengan catatan ini.") from error


def open_record(
    officer: Officer,
    private_key: bytes | None,
    record_type: str,
    record_id: int,
    blobs: Mapping[str, bytes | None],
    *,
    purpose: RingPurpose = RingPurpose.CASE,
) -> dict[str, str | None]:
    dek = open_data_key(officer, private_key, record_type, record_id, purpose=purpose)
    return decrypt_values(dek, record_type, record_id, blobs)


def shred(record_type: str, record_id: int) -> int:
    """Crypto-shredding: delete every sealed DEK of the record; its ciphertext is then noise."""
    # Session.execute is typed as returning Result; a DELETE returns a CursorResult (rowcount).
    result = cast(CursorResult[Any], db.session.execute(
        delete(RecordKey).where(RecordKey.record_type == record_type, RecordKey.record_id == record_id)
    ))
    return result.rowcount or 0
