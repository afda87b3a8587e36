"""New rows written in as few statements as the database allows: the intake's hot path.

A submission writes about ten new rows into eight tables (the record, its keys, its case
file and first history entry, the dashboard mark, the receipt hold, the outbox message, the
form's nonce). Through the ORM's unit of work that is one INSERT per table and the Python
work of tracking every object. Here the services build the same mapped objects, but as plain
value holders that never enter the session; :meth:`Rows.write` turns them into Core INSERTs:

- PostgreSQL: one statement, the tables' multi-row INSERTs joined as data-modifying CTEs
  (``WITH a AS (INSERT ...), b AS (INSERT ...) INSERT ...``). Foreign keys are checked at the
  end of the statement, so the rows may point at each other in any order.
- SQLite: one multi-row INSERT per table, in the order the tables were first added.

Rows that others point at must carry their id already (``models.ids.reserve_ids``). Rows are
written as they are when ``write`` runs, with the columns' Python defaults filled in.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Table, insert
from sqlalchemy.orm import Session, class_mapper, scoped_session


class Rows:
    """New mapped objects to insert together (in the caller's transaction)."""

    def __init__(self) -> None:
        self._objects: list[object] = []

    def add(self, obj: object) -> Any:
        """Queue ``obj`` (a transient mapped object); returns it, for chaining."""
        self._objects.append(obj)
        return obj

    def write(self, session: Session | scoped_session[Any]) -> int:
        """Insert every queued row; returns the number of statements sent. Empties the batch."""
        groups: dict[tuple[Table, tuple[str, ...]], list[dict[str, Any]]] = {}
        for obj in self._objects:
            table, values = _values_of(obj)
            groups.setdefault((table, tuple(sorted(values))), []).append(values)
        self._objects.clear()
        statements = [insert(table).values(rows) for (table, _keys), rows in groups.items()]
        if not statements:
            return 0
        if session.get_bind().dialect.name == "postgresql" and len(statements) > 1:
            *first, last = statements
            session.execute(last.add_cte(*(statement.cte(f"new_rows_{n}") for n, statement in enumerate(first))))
            return 1
        for statement in statements:
            session.execute(statement)
        return len(statements)


def _values_of(obj: object) -> tuple[Table, dict[str, Any]]:
    """The table of ``obj`` and its column values, Python defaults filled in; a column left
    None that the database fills itself (its serial id, a server default) is left out."""
    mapper = class_mapper(type(obj))
    table = mapper.local_table
    assert isinstance(table, Table)
    values: dict[str, Any] = {}
    for prop in mapper.column_attrs:
        column = prop.columns[0]
        if not isinstance(column, Column) or column.table is not table:
            continue  # a read-only view of another table (column_property)
        value = getattr(obj, prop.key)
        if value is None and column.default is not None:
            default: Any = column.default
            value = default.arg(None) if default.is_callable else default.arg
        if value is None and (column.server_default is not None or column.autoincrement is True
                              or (column.primary_key and column.autoincrement == "auto")):
            continue
        values[column.key] = value
    return table, values


__all__ = ["Rows"]
