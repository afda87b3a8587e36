"""Who may download an attachment: exactly who may open the record that owns it.

Files of a report or a complaint follow the case rule (``cases.access``: role, unit,
handling, recusal); evidence files of the integrity pages follow their pages' rule
(``integrity.access``). Any other owner is refused. Ring membership is the second gate,
checked when the file's key is opened.
"""
from __future__ import annotations

from ..cases.access import may_open_record
from ..cases.sources import SOURCES
from ..integrity.access import EVIDENCE_OWNERS, may_open_evidence_file
from ..models import Attachment, Officer


def may_download(officer: Officer, attachment: Attachment) -> bool:
    if attachment.owner_type in SOURCES:
        return may_open_record(officer, attachment.owner_type, attachment.owner_id)
    if attachment.owner_type in EVIDENCE_OWNERS:
        return may_open_evidence_file(officer)
    return False


__all__ = ["may_download"]
