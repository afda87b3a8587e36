"""How long the audit chain's advisory lock is held, measured inside the gunicorn workers.

Bench-only: gunicorn serves ``bench.submit_probe:probed_app()``, which installs the probe and then
imports the project's ``wsgi:app`` unchanged, so product code carries no bench hooks. The
probe listens on the SQLAlchemy *Engine class* (every engine the app makes):

- ``before_cursor_execute`` / ``after_cursor_execute`` of a statement that takes an advisory
  transaction lock (``audit_chain_tail()``, or ``pg_advisory_xact_lock`` itself): when it was
  asked for and when it was granted;
- the dialect's ``do_commit`` / ``do_rollback`` (wrapped once per dialect class, because
  SQLAlchemy has no "after commit" engine event and the lock is held until COMMIT returns,
  its disk flush included): when the transaction ended.

Each ended transaction that took the lock appends ``granted wait held`` (seconds,
``time.monotonic()``, which is system-wide on Linux) to ``lock-<pid>.txt`` in the folder named by
``BENCH_PROBE_DIR``; :func:`read_holds` collects the lines of a time window after a run.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

# The app takes the chain's lock inside audit_chain_tail() (migration 0035); the bare app's
# same-shape endpoint calls pg_advisory_xact_lock itself.
LOCK_CALLS = ("audit_chain_tail(", "pg_advisory_xact_lock")
_asked: dict[int, float] = {}
_granted: dict[int, tuple[float, float]] = {}  # raw DBAPI connection id -> (asked, granted)
_wrapped: set[type] = set()
_out: list[Any] = []


def _raw(connection: Any) -> int:
    return id(getattr(connection, "dbapi_connection", None) or connection)


def _before(conn, cursor, statement, parameters, context, executemany) -> None:
    _wrap_dialect(type(conn.dialect))
    if any(call in statement for call in LOCK_CALLS):
        _asked[id(cursor.connection)] = time.monotonic()


def _after(conn, cursor, statement, parameters, context, executemany) -> None:
    if any(call in statement for call in LOCK_CALLS):
        key = id(cursor.connection)
        _granted[key] = (_asked.pop(key, time.monotonic()), time.monotonic())


def _wrap_dialect(dialect_class: type) -> None:
    if dialect_class in _wrapped:
        return
    _wrapped.add(dialect_class)
    for name in ("do_commit", "do_rollback"):
        original = getattr(dialect_class, name)

        def ended(dialect, dbapi_connection, _original=original) -> None:
            try:
                _original(dialect, dbapi_connection)
            finally:
                lock = _granted.pop(_raw(dbapi_connection), None)
                if lock is not None:
                    _write(lock[1], lock[1] - lock[0], time.monotonic() - lock[1])

        setattr(dialect_class, name, ended)


def _write(granted: float, wait: float, held: float) -> None:
    if not _out:
        folder = Path(os.environ["BENCH_PROBE_DIR"])
        _out.append(open(folder / f"lock-{os.getpid()}.txt", "a", buffering=1))  # one file per worker
    _out[0].write(f"{granted:.6f} {wait:.6f} {held:.6f}\n")


def install() -> None:
    """Listen on every engine of this process (idempotent)."""
    if not event.contains(Engine, "before_cursor_execute", _before):
        event.listen(Engine, "before_cursor_execute", _before)
        event.listen(Engine, "after_cursor_execute", _after)


def read_holds(folder: Path, since: float, until: float) -> tuple[list[float], list[float]]:
    """Waits and holds (seconds) of the locks granted between ``since`` and ``until``."""
    waits, holds = [], []
    for path in folder.glob("lock-*.txt"):
        for line in path.read_text().splitlines():
            granted, wait, held = (float(part) for part in line.split())
            if since <= granted <= until:
                waits.append(wait)
                holds.append(held)
    return waits, holds


def probed_app():  # gunicorn "bench.submit_probe:probed_app()": the probe, then the real app
    install()
    from wsgi import app

    return app
