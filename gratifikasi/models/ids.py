"""Taking a row's id before its INSERT, where the database can hand one out."""
from __future__ import annotations

from sqlalchemy import func, select

from ..extensions import db


def reserve_id(model: type) -> int | None:
    """The id the next row of ``model`` gets, drawn now from its PostgreSQL sequence; None on
    SQLite, which numbers rows only at INSERT.

    Records bind their ciphertexts and their number to their id: knowing it beforehand lets
    such a record be written once, whole, instead of inserted and then updated. A drawn id is
    never handed out twice, even if the transaction rolls back.
    """
    if db.engine.dialect.name != "postgresql":
        return None
    table = model.__table__  # type: ignore[attr-defined]
    sequence = func.pg_get_serial_sequence(table.name, "id")
    return int(db.session.execute(select(func.nextval(sequence))).scalar_one())


__all__ = ["reserve_id"]
