"""A pooled connection the database server closed (a restart, an administrator ending it) is
never handed to a request: the next request gets a live one and succeeds. Checked by ending
every backend of the app's database from outside and sending the next request. PostgreSQL
only, on a database of its own (tests/postgres.py)."""
from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import create_engine, text

from gratifikasi.extensions import db
from tests.complaints.conftest import form_data, start
from tests.postgres import world_app


@pytest.fixture
def pg_app(tmp_path, frozen_clock) -> Iterator[Flask]:
    with world_app("deadconn", tmp_path) as app:
        yield app


def _end_every_backend(app: Flask) -> int:
    with app.app_context():
        url = db.engine.url
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            ended = connection.execute(text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :name"),
                {"name": url.database}).scalar_one()
    finally:
        admin.dispose()
    time.sleep(0.2)  # the server's goodbye reaches the pooled sockets
    return int(ended)


def test_a_connection_the_server_closed_is_replaced_before_a_request_uses_it(pg_app):
    client = pg_app.test_client()
    start(client)
    assert client.get("/pengaduan/formulir").status_code == 200  # a pooled connection now exists
    assert _end_every_backend(pg_app) >= 1
    assert client.get("/pengaduan/formulir").status_code == 200
    response = client.post("/pengaduan/formulir", data=form_data(), content_type="multipart/form-data")
    assert response.status_code == 302
