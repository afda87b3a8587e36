"""Reading reporters' identities, with every view in the audit log.

- Gratification reporters (ASN): members of the gratification-identity ring read them
  (the UPG needs them to forward the report to KPK).
- Whistleblowers: only custodians hold that ring. A handling officer writes a request; a
  custodian who approves re-seals that one record's data key to the requester. Nobody
  else, and not the server, can open it.
"""
from __future__ import annotations

from collections.abc import Mapping

from .. import audit, clock
from ..crypto import sealing
from ..crypto.errors import CryptoError
from ..crypto.framing import length_prefixed
from ..crypto.rings import RingPurpose
from ..extensions import db
from ..models import IdentityRequest, Officer, OfficerKey, RequestStatus
from . import KeyringError, NoAccess
from .vault import decrypt_values, open_data_key, record_ref

_GRANT_INFO = b"gratifikasi/identity-grant/v1"
MAX_REASON = 2000


def view_gratification_identity(
    officer: Officer, private_key: bytes | None, record_type: str, record_id: int, blobs: Mapping[str, bytes | None]
) -> dict[str, str | None]:
    dek = open_data_key(officer, private_key, record_type, record_id, purpose=RingPurpose.GRATIFICATION_IDENTITY)
    values = decrypt_values(dek, record_type, record_id, blobs)
    audit.record("identity.viewed", actor_id=officer.id, object_type=record_type, object_id=record_id,
                 ring="gratification-identity")
    return values


def request_whistleblower_identity(officer: Officer, record_type: str, record_id: int, reason: str) -> IdentityRequest:
    reason = reason.strip()
    if len(reason) < 20:
        raise KeyringError("Tuliskan alasan permintaan paling sedikit 20 karakter.")
    if len(reason) > MAX_REASON:
        raise KeyringError(f"Alasan paling banyak {MAX_REASON} karakter.")
    if db.session.get(OfficerKey, officer.id) is None:
        raise KeyringError("Anda perlu membuat kunci pribadi sebelum dapat menerima identitas pelapor.")
    request = IdentityRequest(
        record_type=record_type, record_id=record_id, requested_by_id=officer.id,
        requested_at=clock.utcnow(), reason=reason, status=RequestStatus.pending,
    )
    db.session.add(request)
    db.session.flush()
    audit.record("identity.requested", actor_id=officer.id, object_type=record_type, object_id=record_id,
                 commit=False, request_id=request.id)
    db.session.commit()
    return request


def _grant_info(request: IdentityRequest) -> bytes:
    return length_prefixed(
        _GRANT_INFO, request.id, record_ref(request.record_type, request.record_id), request.requested_by_id
    )


def decide(
    request: IdentityRequest, custodian: Officer, custodian_private: bytes | None, *, approve: bool, note: str = ""
) -> None:
    if request.status is not RequestStatus.pending:
        raise KeyringError("Permintaan ini sudah diputuskan.")
    if custodian.id == request.requested_by_id:
        raise KeyringError("Pemohon tidak dapat memutuskan permintaannya sendiri.")
    if not custodian.has_role("custodian"):
        raise NoAccess("Hanya pemegang kunci identitas yang dapat memutuskan.")
    if approve:
        dek = open_data_key(
            custodian, custodian_private, request.record_type, request.record_id,
            purpose=RingPurpose.WHISTLEBLOWER_IDENTITY,
        )
        requester_key = db.session.get(OfficerKey, request.requested_by_id)
        if requester_key is None:
            raise KeyringError("Pemohon belum memiliki kunci pribadi.")
        request.granted_dek = sealing.seal(requester_key.public_key, dek, info=_grant_info(request))
    request.status = RequestStatus.approved if approve else RequestStatus.refused
    request.decided_by_id = custodian.id
    request.decided_at = clock.utcnow()
    request.decision_note = note.strip()[:MAX_REASON] or None
    audit.record(
        "identity.approved" if approve else "identity.refused", actor_id=custodian.id,
        object_type=request.record_type, object_id=request.record_id, commit=False, request_id=request.id,
    )
    db.session.commit()


def view_whistleblower_identity(
    officer: Officer, private_key: bytes | None, request: IdentityRequest, blobs: Mapping[str, bytes | None]
) -> dict[str, str | None]:
    if (request.requested_by_id != officer.id or request.status is not RequestStatus.approved
            or request.granted_dek is None):
        raise NoAccess("Identitas pelapor hanya dapat dibuka oleh pemohon yang disetujui.")
    if private_key is None:
        raise NoAccess("Kunci pribadi Anda belum terbuka; masuk ulang.")
    try:
        dek = sealing.open_sealed(private_key, bytes(request.granted_dek), info=_grant_info(request))
    except CryptoError as error:
        raise NoAccess("Kunci tidak cocok.") from error
    values = decrypt_values(dek, request.record_type, request.record_id, blobs)
    audit.record(
        "identity.viewed", actor_id=officer.id, object_type=request.record_type, object_id=request.record_id,
        ring="whistleblower-identity", request_id=request.id,
    )
    return values
