"""Two workers never claim the same row: SKIP LOCKED on PostgreSQL, compare-and-set everywhere."""
from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from gratifikasi import clock
from gratifikasi.extensions import db
from gratifikasi.models import OutboxMessage, OutboxStatus
from gratifikasi.outbox import enqueue
from gratifikasi.outbox.worker import claim_candidates, claim_due, due_query
from tests.outbox.helpers import ADDRESS


def _holders() -> dict[int, str | None]:
    db.session.expire_all()
    return dict(db.session.execute(select(OutboxMessage.id, OutboxMessage.locked_by)).all())


def test_two_workers_never_claim_the_same_row(app, frozen_clock):
    with app.app_context():
        ids = [enqueue(ADDRESS, f"Pesan {n}", "Isi", kind="test").id for n in range(3)]
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            _worker_b_skips_rows_worker_a_holds_locked(ids)
        else:
            _a_stale_read_cannot_claim_rows_taken_meanwhile(ids)
        assert claim_due("c") == [], "every row is held by exactly one worker"
        assert all(m.status is OutboxStatus.sending for m in db.session.execute(select(OutboxMessage)).scalars())


def _worker_b_skips_rows_worker_a_holds_locked(ids: list[int]) -> None:
    with Session(db.engine) as worker_a:
        # Worker A has read (and locked) the first two rows but not yet written its claim.
        locked = [row.id for row in worker_a.execute(due_query(clock.utcnow(), 2))]
        assert locked == ids[:2]
        # Without SKIP LOCKED, B would wait for A; the timeout turns that into an error.
        db.session.execute(text("SET LOCAL lock_timeout = '3s'"))
        assert [c.id for c in claim_due("b", batch=10)] == ids[2:]
        worker_a.rollback()  # A gives up its locks without claiming anything
    assert [c.id for c in claim_due("a", batch=10)] == ids[:2]
    assert _holders() == {ids[0]: "a", ids[1]: "a", ids[2]: "b"}


def _a_stale_read_cannot_claim_rows_taken_meanwhile(ids: list[int]) -> None:
    # SQLite has a single writer, so the interleaving is played out in sequence: B reads the
    # due rows, A claims two of them, then B tries to claim everything it read.
    now = clock.utcnow()
    read_by_b = list(db.session.execute(due_query(now, 10)).all())
    assert [row.id for row in read_by_b] == ids
    assert [c.id for c in claim_due("a", batch=2)] == ids[:2]
    assert [c.id for c in claim_candidates(read_by_b, "b", now)] == ids[2:]
    db.session.commit()
    assert _holders() == {ids[0]: "a", ids[1]: "a", ids[2]: "b"}
