"""Reference data an administrator can change, read once per database transaction.

Settings and the working-day calendar are read on many pages, several times each. They are
kept for the rest of the current transaction of the current SQLAlchemy session (in
``db.session.info``), never per process: with several gunicorn workers a process cache would
go on serving an old value after an admin changed it in another worker, while the next
transaction (so at the latest the next request, command step or job) reads the table again.
Nothing here needs a request, so CLI commands and workers use the same code.
"""
from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from ..extensions import db

T = TypeVar("T")


def per_transaction(key: str, load: Callable[[], T]) -> T:
    """``load()``'s result, computed once per transaction of the current session."""
    session = db.session()
    cached: tuple[weakref.ref[Any], T] | None = session.info.get(key)
    current = session.get_transaction()
    if cached is not None and current is not None and cached[0]() is current:
        return cached[1]
    value = load()  # its query begins the transaction the value belongs to
    transaction = session.get_transaction()
    if transaction is not None:
        session.info[key] = (weakref.ref(transaction), value)
    return value


def forget(key: str) -> None:
    """Drop a cached value after this session changed what it was read from."""
    db.session.info.pop(key, None)
