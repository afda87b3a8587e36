"""Ids before INSERT (models.ids): on SQLite, where the next ids are read from the tables,
the transaction holds the write lock from the read to its end, so two workers (the demo runs
two gunicorn workers on SQLite) cannot take the same ids."""
from __future__ import annotations

import shutil
import sqlite3

import pytest

from gratifikasi.extensions import db
from gratifikasi.models import Complaint
from gratifikasi.models.case import CaseFile
from gratifikasi.models.ids import reserve_ids
from tests.conftest import _sqlite_template, make_app


@pytest.fixture
def sqlite_app(tmp_path):
    path = tmp_path / "ids.sqlite3"
    shutil.copyfile(_sqlite_template({"PASSWORD_HASH_FAST": True, "SECRET_KEY_CHECK": False}), path)
    return make_app(tmp_path, SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}"), path


def _other_writer_waits(path) -> bool:
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        assert "locked" in str(error)
        return True
    else:
        other.execute("ROLLBACK")
        return False
    finally:
        other.close()


def test_reserved_ids_on_sqlite_hold_the_write_lock_until_the_transaction_ends(sqlite_app):
    app, path = sqlite_app
    with app.app_context():
        assert not _other_writer_waits(path)
        complaint_id, case_id, second_case_id = reserve_ids(Complaint, CaseFile, CaseFile)
        assert (complaint_id, case_id, second_case_id) == (1, 1, 2)
        assert _other_writer_waits(path)  # another worker cannot take these ids now
        db.session.rollback()
        assert not _other_writer_waits(path)
