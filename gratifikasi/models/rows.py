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

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Executable, Insert, Table, bindparam, insert, select, union_all
from sqlalchemy.orm import Mapper, Session, class_mapper, scoped_session

# Statements by shape (tables, columns, row counts), built once per process: the values travel
# as parameters, so SQLAlchemy compiles each shape once too. A submission has a handful of
# shapes (one or two record keys, one to ten gift objects, recusals); the cap keeps a strange
# stream of shapes from growing the dict.
_STATEMENTS: dict[tuple[Any, ...], list[Executable]] = {}
MAX_SHAPES = 256


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
        if not groups:
            return 0
        joined = session.get_bind().dialect.name == "postgresql"
        shape = (joined, *((table.name, keys, len(rows)) for (table, keys), rows in groups.items()))
        statements = _STATEMENTS.get(shape)
        if statements is None:
            statements = _statements(list(groups.items()), joined)
            if len(_STATEMENTS) < MAX_SHAPES:
                _STATEMENTS[shape] = statements
        params = {_name(g, r, key): value for g, rows in enumerate(groups.values())
                  for r, values in enumerate(rows) for key, value in values.items()}
        for statement in statements:
            session.execute(statement, params)
        return len(statements)


def _name(group: int, row: int, key: str) -> str:
    return f"g{group}r{row}_{key}"


def _statements(groups: list[tuple[tuple[Table, tuple[str, ...]], list[dict[str, Any]]]],
                joined: bool) -> list[Executable]:
    """One multi-row INSERT per group, its values as named parameters; on PostgreSQL joined
    into one statement."""
    inserts = [_insert(g, table, keys, len(rows)) for g, ((table, keys), rows) in enumerate(groups)]
    if not joined or len(inserts) == 1:
        return list(inserts)
    *first, last = inserts
    return [last.add_cte(*(statement.cte(f"new_rows_{n}") for n, statement in enumerate(first)))]


def _insert(group: int, table: Table, keys: tuple[str, ...], count: int) -> Insert:
    """INSERT of ``count`` rows: VALUES for one, ``SELECT … UNION ALL SELECT …`` for more (a
    multi-row VALUES statement is not cached by SQLAlchemy, so it would be compiled each time)."""
    def value(row: int, key: str) -> Any:
        return bindparam(_name(group, row, key), type_=table.c[key].type)

    if count == 1:
        return insert(table).values({key: value(0, key) for key in keys})
    rows = [select(*(value(row, key).label(key) for key in keys)) for row in range(count)]
    return insert(table).from_select(list(keys), union_all(*rows))


@dataclass(frozen=True)
class _Column:
    attribute: str
    key: str
    default: Any  # the column's Python default (ColumnDefault) or None
    omit_if_none: bool  # the database fills it (serial id, server default) or it is NULL anyway


_COLUMNS: dict[type, tuple[Table, tuple[_Column, ...]]] = {}


def _columns_of(cls: type) -> tuple[Table, tuple[_Column, ...]]:
    """The table of a mapped class and its own columns (not the read-only views of other
    tables a ``column_property`` adds), worked out once per class."""
    known = _COLUMNS.get(cls)
    if known is not None:
        return known
    mapper: Mapper[Any] = class_mapper(cls)
    table = mapper.local_table
    assert isinstance(table, Table)
    columns = []
    for prop in mapper.column_attrs:
        column = prop.columns[0]
        if not isinstance(column, Column) or column.table is not table:
            continue
        omit = column.server_default is not None or column.autoincrement is True or (
            column.primary_key and column.autoincrement == "auto") or bool(column.nullable and column.default is None)
        columns.append(_Column(prop.key, column.key, column.default, omit))
    _COLUMNS[cls] = (table, tuple(columns))
    return _COLUMNS[cls]


def _values_of(obj: object) -> tuple[Table, dict[str, Any]]:
    """The table of ``obj`` and its column values, Python defaults filled in; a column left
    None that the database fills itself (its serial id, a server default) or leaves NULL is
    left out: fewer parameters to convert and send."""
    table, columns = _columns_of(type(obj))
    values: dict[str, Any] = {}
    for column in columns:
        value = getattr(obj, column.attribute)
        if value is None and column.default is not None:
            value = column.default.arg(None) if column.default.is_callable else column.default.arg
        if value is None and column.omit_if_none:
            continue
        values[column.key] = value
    return table, values


__all__ = ["Rows"]
