"""Who may read and write the integrity pages, and open the evidence files.

One rule for the evidence page and for its files at /lampiran/<id> (``attachments.access``
asks it), so a file can never be opened by someone who may not see the list it is in.
Integrity is read agency-wide: the pages take a unit filter, not the officer's unit, and
pimpinan reads every unit.
"""
from __future__ import annotations

from ..models import Officer, Role
from ..models.integrity import EvidenceActivity, EvidenceDocument, MonevRecord

VIEWERS = (Role.admin, Role.upg, Role.inspektorat, Role.pimpinan)
EDITORS = (Role.admin, Role.upg)
EVIDENCE_WITH_FILES = (EvidenceDocument, EvidenceActivity, MonevRecord)
EVIDENCE_OWNERS = frozenset(model.ATTACHMENT_OWNER for model in EVIDENCE_WITH_FILES)


def may_open_evidence_file(officer: Officer) -> bool:
    # Only the role is decided here; opening the file still needs its ring, checked when
    # the upload service opens the file's key.
    return officer.has_role(*VIEWERS)
