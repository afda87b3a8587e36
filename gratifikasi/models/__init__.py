"""Database models, one module per aggregate. Importing this package registers them all."""
from .audit import AuditEntry
from .identity import IdentityRequest, RequestStatus
from .keys import KeyRing, OfficerKey, RecordKey, RingMembership
from .officer import ROLES, LoginThrottle, Officer, OfficerSession, Role
from .outbox import OutboxMessage, OutboxStatus
from .unit import UNIT_KINDS, Unit, UnitKind

__all__ = [
    "AuditEntry",
    "IdentityRequest",
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
    "Role",
    "UNIT_KINDS",
    "Unit",
    "UnitKind",
]
