"""Who may read and write the integrity pages, and open the evidence files.

One rule for the evidence page and for its files at /lampiran/<id>, so a file can never be
opened by someone who may not see the list it is in. Integrity is read agency-wide: the
pages take a unit filter, not the officer's unit, and pimpinan reads every unit.
"""
from __future__ import annotations

from ..models import Officer, Role
from ..models.integrity import EvidenceActivity, EvidenceDocument, MonevRecord
from ..uploads.service import register_owner_access

VIEWERS = (Role.admin, Role.upg, Role.inspektorat, Role.pimpinan)
EDITORS = (Role.admin, Role.upg)
EVIDENCE_WITH_FILES = (EvidenceDocument, EvidenceActivity, MonevRecord)


def may_open_evidence_file(officer: Officer, _owner_id: int) -> bool:
    # Only the role is decided here; opening the file still needs the case ring, which the
    # upload service checks when it opens the file's key.
    return officer.has_role(*VIEWERS)


for _model in EVIDENCE_WITH_FILES:
    # Without this hook the upload service would let any case-ring member (a custodian too)
    # download evidence files.
    register_owner_access(_model.ATTACHMENT_OWNER, may_open_evidence_file)
