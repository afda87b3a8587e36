"""A pooled PostgreSQL connection is checked before each use without a round trip.

When the server restarts or an administrator ends a backend, the server says goodbye and
closes the socket, and the connection waits in the pool looking fine. SQLAlchemy's
``pool_pre_ping`` finds out by sending a query on every checkout: a whole round trip on every
request, on the submission's hot path too (issue 14). A socket the server has closed, or
written to while the connection sat idle, is readable; a live idle one is not. So the check
asks the kernel instead: readable (or already marked broken by the driver) means the
connection is discarded and the pool hands out a fresh one, which the request then uses.

A connection whose network path died silently (no goodbye) is not caught here; its first
statement fails and the pool drops it, as it would with any error mid-request.
"""
from __future__ import annotations

import select
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError


def watch(engine: Engine) -> None:
    """Check every connection ``engine``'s pool hands out (PostgreSQL, psycopg)."""
    event.listen(engine, "checkout", _check)


def _check(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    if dbapi_connection.closed or dbapi_connection.broken:
        raise DisconnectionError("the connection is closed")
    poller = select.poll()
    poller.register(dbapi_connection.fileno(), select.POLLIN | select.POLLERR | select.POLLHUP)
    if poller.poll(0):
        raise DisconnectionError("the server closed or wrote to an idle connection")
