"""Reference data an administrator can change, cached per process and never stale.

Units, officers, key rings, routing rules, the working-day calendar and settings are read on
every submission and on many pages. They are kept in memory per process (per database
engine, so two apps in one process never share values), tagged with the *generation* they
were read at: the number in the single ``reference_generation`` row. Every service that
changes reference data calls :func:`bump` in the transaction that makes the change, so when
it commits the number has moved for every worker. A transaction reads the number once (its
first use of reference data) and reloads whatever was cached at another number.

Why no stale value can be served:
- the number is read *before* the data it guards, so data cached at number N is at least as
  new as N (a change committed in between only causes one extra reload later);
- a transaction that bumped reads its own uncommitted change: it loads afresh and caches
  nothing, so a rollback never leaves uncommitted data in the cache.
Nothing here needs a request, so CLI commands and workers use the same code.
"""
from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ..extensions import db
from ..models import ReferenceGeneration

T = TypeVar("T")

_GENERATION = "_gratifikasi_reference_generation"  # session.info: (transaction ref, number)
_BUMPED = "_gratifikasi_reference_bumped"  # session.info: ref to the transaction that bumped
_ROW = 1
_caches: weakref.WeakKeyDictionary[Engine, dict[str, tuple[int, Any]]] = weakref.WeakKeyDictionary()


def _of_this_transaction(session: Session, key: str) -> Any:
    """The value stored under ``key`` for the session's current transaction, or None."""
    stored = session.info.get(key)
    current = session.get_transaction()
    if stored is None or current is None or stored[0]() is not current:
        return None
    return stored


# Built once: this runs at the start of every transaction that reads reference data.
_READ_GENERATION = select(ReferenceGeneration.value).where(ReferenceGeneration.id == _ROW)


def generation() -> int:
    """The reference-data generation, read once per transaction of the current session."""
    session = db.session()
    stored = _of_this_transaction(session, _GENERATION)
    if stored is not None:
        return int(stored[1])
    number = session.execute(_READ_GENERATION).scalar_one()
    session.info[_GENERATION] = (weakref.ref(session.get_transaction()), number)
    return int(number)


def cached(key: str, load: Callable[[], T]) -> T:
    """``load()``'s result from this process's cache, reloaded when the generation moved.

    ``load`` must return plain data (no ORM objects): the value outlives the session.
    """
    session = db.session()
    if _of_this_transaction(session, _BUMPED) is not None:
        return load()  # this transaction changed reference data: read it, keep nothing
    number = generation()
    cache = _caches.setdefault(db.engine, {})
    hit = cache.get(key)
    if hit is not None and hit[0] == number:
        return hit[1]
    value = load()
    cache[key] = (number, value)
    return value


def bump() -> None:
    """Call in the transaction that changes reference data, before it commits."""
    session = db.session()
    session.execute(
        update(ReferenceGeneration).where(ReferenceGeneration.id == _ROW).values(value=ReferenceGeneration.value + 1)
    )
    session.info[_BUMPED] = (weakref.ref(session.get_transaction()), True)
    session.info.pop(_GENERATION, None)


__all__ = ["bump", "cached", "generation"]
