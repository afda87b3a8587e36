"""Reliable e-mail: messages are queued as database rows and sent by `flask outbox run`.

Request code calls `enqueue(...)` inside its own transaction and never talks to SMTP; the
worker (`run_once`) claims due rows under a lease, sends them through Flask-Mail and
retries with exponential back-off. See queue.py and worker.py.
"""
from .queue import OutboxError, enqueue, mask_address, requeue, status_counts
from .worker import RunResult, run_once

__all__ = ["OutboxError", "RunResult", "enqueue", "mask_address", "requeue", "run_once", "status_counts"]
