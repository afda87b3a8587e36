"""Taking rows' ids before their INSERT, in one statement.

Records bind their ciphertexts and their number to their id, and an intake writes a record,
its case file and the rows pointing at both in one statement (``models.rows``): knowing the
ids beforehand lets every row be written once, whole, with no INSERT-then-UPDATE and no
round trip per row for its id.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, literal_column, select

from ..extensions import begin_on_sqlite, db


def reserve_ids(*models: type) -> list[int]:
    """One id for each model given (a model may be named several times), in that order.

    PostgreSQL: drawn from each table's sequence; a drawn id is never handed out twice, even
    if the transaction rolls back. SQLite (development, the demo, tests): the next free ids
    after the table's highest, which is what SQLite would give at INSERT. SQLite has one writer
    at a time, so the transaction takes the write lock first (``BEGIN IMMEDIATE``): no other
    worker can take those ids before this transaction ends.
    """
    if not models:
        return []
    postgresql = db.engine.dialect.name == "postgresql"
    if not postgresql:
        begin_on_sqlite("IMMEDIATE")
    statement = _STATEMENTS.get((postgresql, models))
    if statement is None:
        statement = _STATEMENTS[(postgresql, models)] = _draw(models, postgresql)
    return [int(value) for value in db.session.execute(statement).one()]


# One statement per (dialect, models) asked for, built once: a submission asks for a handful.
_STATEMENTS: dict[tuple[bool, tuple[type, ...]], Select[Any]] = {}


def _draw(models: tuple[type, ...], postgresql: bool) -> Select[Any]:
    if postgresql:
        return select(*(func.nextval(func.pg_get_serial_sequence(model.__table__.name, "id"))  # type: ignore[attr-defined]
                        for model in models))
    offsets: dict[type, int] = {}
    columns = []
    for model in models:
        offsets[model] = offsets.get(model, 0) + 1
        table = model.__table__  # type: ignore[attr-defined]
        highest = select(func.coalesce(func.max(table.c.id), 0)).scalar_subquery()
        columns.append(highest + literal_column(str(offsets[model])))
    return select(*columns)


def reserve_id(model: type) -> int:
    """The id the next row of ``model`` gets (:func:`reserve_ids` for one)."""
    return reserve_ids(model)[0]


__all__ = ["reserve_id", "reserve_ids"]
