"""Database models, one module per aggregate. Importing this package registers them all."""
from .officer import ROLES, LoginThrottle, Officer, OfficerSession, Role
from .outbox import OutboxMessage, OutboxStatus
from .unit import UNIT_KINDS, Unit, UnitKind

__all__ = [
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
