"""Concurrent use of one TOTP code (issue 17 item 5): one login, the others refused, never a
500 ("database is locked" on SQLite)."""
from __future__ import annotations

import threading

from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

from gratifikasi.auth import services
from gratifikasi.auth.services import find_officer
from gratifikasi.extensions import db
from tests.helpers import PASSWORD, current_code, make_officer


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(app):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            assert db.engine.dialect.name == "postgresql"  # row locks and MVCC: nothing to set
            return
        with db.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
            assert connection.execute(text("PRAGMA busy_timeout")).scalar_one() >= 5000


def test_a_write_that_races_on_the_totp_step_is_retried(app, frozen_clock):
    """The database answers "locked" once (another worker writing at that instant): the step is
    claimed on a fresh transaction instead of the error reaching the officer as a 500."""
    make_officer(app, "ani")
    failed = []

    def locked_once(connection, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("UPDATE OFFICER") and "totp_last_step" in statement and not failed:
            failed.append(statement)
            raise OperationalError(statement, parameters, Exception("database is locked"))

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", locked_once)
        try:
            assert services.check_totp(find_officer("ani"), current_code(), client="c1")
        finally:
            event.remove(db.engine, "before_cursor_execute", locked_once)
        assert failed  # the race did happen
        # The code is now used: a second try with it is refused.
        assert not services.check_totp(find_officer("ani"), current_code(), client="c1")


def test_many_logins_with_one_code_at_once_give_one_session_and_no_500(app, frozen_clock):
    make_officer(app, "ani")
    clients = [(app.test_client(), {"REMOTE_ADDR": f"10.0.0.{i}"}) for i in range(6)]
    for client, environ in clients:
        assert client.post("/masuk", data={"username": "ani", "password": PASSWORD},
                           environ_base=environ).status_code == 302
    code = current_code()
    start = threading.Barrier(len(clients))
    answers: list[tuple[int, str]] = []

    def use_code(client, environ) -> None:
        start.wait()
        response = client.post("/masuk/kode", data={"code": code}, environ_base=environ)
        answers.append((response.status_code, response.headers.get("Location", "")))

    threads = [threading.Thread(target=use_code, args=pair) for pair in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # One login; every other request is told the code was used (the form again), none fails.
    assert sorted(answers) == [(200, "")] * (len(clients) - 1) + [(302, "/beranda")]
