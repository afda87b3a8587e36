"""Database models, one module per aggregate. Importing this package registers them all."""
from .officer import ROLES, LoginThrottle, Officer, OfficerSession, Role
from .unit import UNIT_KINDS, Unit, UnitKind

__all__ = [
    "ROLES",
    "LoginThrottle",
    "Officer",
    "OfficerSession",
    "Role",
    "UNIT_KINDS",
    "Unit",
    "UnitKind",
]
