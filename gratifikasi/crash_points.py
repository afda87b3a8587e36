"""Pause points for the worker-crash test (tests/reports/test_worker_crash.py), test-only.

A pause point is an explicit call placed where a crash matters most, e.g. after a
submission's inserts and before its commit. It does nothing unless the app runs with
``TESTING = True`` *and* the setting ``TEST_PAUSE_DIR`` names a folder; :func:`check_config`
(called by ``create_app``) refuses to start an app that sets ``TEST_PAUSE_DIR`` without
``TESTING``, so a production server cannot reach a pause.

When active, the worker writes ``<dir>/<name>.paused`` holding its process id, then waits
until ``<dir>/<name>.go`` exists (it removes it and goes on) or ``PAUSE_LIMIT_SECONDS``
passed. The test meanwhile kills the worker, or lets it go on.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from flask import Flask, current_app

SETTING = "TEST_PAUSE_DIR"
PAUSE_LIMIT_SECONDS = 30
POLL_SECONDS = 0.05


def check_config(app: Flask) -> None:
    if app.config.get(SETTING) and not app.config.get("TESTING"):
        raise RuntimeError(f"{SETTING} is a test-only setting: it needs TESTING = True")


def pause(name: str) -> None:
    """Wait here while a test holds this point (no-op outside tests)."""
    folder = current_app.config.get(SETTING)
    if not folder or not current_app.config.get("TESTING"):
        return
    paused, go = Path(folder) / f"{name}.paused", Path(folder) / f"{name}.go"
    paused.write_text(str(os.getpid()))
    deadline = time.monotonic() + PAUSE_LIMIT_SECONDS
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
    go.unlink(missing_ok=True)
    paused.unlink(missing_ok=True)
