"""Database models, one module per aggregate. Importing this package registers them all."""
from .access import AccessThrottle, BrowserAccess, IntakeNonce
from .attachment import Attachment, AttachmentChunk
from .audit import AuditEntry
from .calendar import CalendarDay, CalendarDayKind, CalendarSource, CalendarYear
from .case import (
    CaseAssignment,
    CaseEvent,
    CaseFile,
    CaseKind,
    CaseNote,
    CaseRecusal,
    ConflictKind,
    RecusalBasis,
    RoutingRule,
)
from .complaint import Complaint, ComplaintCategory, ComplaintChannel, ComplaintMessage
from .identity import IdentityRequest, RequestStatus
from .integrity import (
    EvidenceActivity,
    EvidenceDocument,
    KpkRecap,
    LkeEntry,
    MonevRecommendation,
    MonevRecord,
)
from .keys import KeyRing, OfficerKey, RecordKey, RingMembership
from .kpk import DepositedObject, FollowUpKind, KpkDecision, KpkDecisionRecord, KpkFollowUp, KpkForwarding, ReleaseKind
from .officer import ROLES, LoginThrottle, Officer, OfficerSession, Role
from .outbox import OutboxMessage, OutboxStatus
from .report import GiftObject, GratificationReport, MessageKind, ReportMessage
from .setting import ReferenceGeneration, Setting
from .unit import UNIT_KINDS, Unit, UnitKind

__all__ = [
    "Complaint",
    "ComplaintCategory",
    "ComplaintChannel",
    "ComplaintMessage",
    "AccessThrottle",
    "BrowserAccess",
    "IntakeNonce",
    "Attachment",
    "AttachmentChunk",
    "CalendarDay",
    "CalendarDayKind",
    "CalendarSource",
    "CalendarYear",
    "CaseAssignment",
    "CaseEvent",
    "CaseFile",
    "CaseKind",
    "CaseNote",
    "CaseRecusal",
    "ConflictKind",
    "RecusalBasis",
    "RoutingRule",
    "ReferenceGeneration",
    "Setting",
    "AuditEntry",
    "EvidenceActivity",
    "EvidenceDocument",
    "IdentityRequest",
    "KpkRecap",
    "LkeEntry",
    "MonevRecommendation",
    "MonevRecord",
    "DepositedObject",
    "FollowUpKind",
    "KpkDecision",
    "KpkDecisionRecord",
    "KpkFollowUp",
    "KpkForwarding",
    "ReleaseKind",
    "KeyRing",
    "OfficerKey",
    "RecordKey",
    "RequestStatus",
    "RingMembership",
    "ROLES",
    "LoginThrottle",
    "Officer",
    "OfficerSession",
    "OutboxMessage",
    "OutboxStatus",
    "GiftObject",
    "GratificationReport",
    "MessageKind",
    "ReportMessage",
    "Role",
    "UNIT_KINDS",
    "Unit",
    "UnitKind",
]
