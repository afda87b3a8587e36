"""Helpers for tests that need officers and logged-in clients."""
from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from gratifikasi import clock
from gratifikasi.admin import services
from gratifikasi.auth import totp
from gratifikasi.models import Role

PASSWORD = "kalimat-sandi-yang-panjang"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def seed_unit(
    app: Flask, code: str = "INSPEKTORAT", name: str = "Inspektorat Daerah", kind: str = "inspektorat"
) -> None:
    with app.app_context():
        services.import_units_csv(f"kode,nama,jenis\n{code},{name},{kind}\n")


def make_officer(
    app: Flask,
    username: str = "petugas",
    role: Role = Role.upg,
    *,
    enrolled: bool = True,
    unit_code: str = "INSPEKTORAT",
    keys: bool = True,
) -> None:
    """An officer with TOTP enrolled and (by default) a confirmed key pair."""
    with app.app_context():
        from gratifikasi.admin.services import unit_by_code

        try:
            unit_by_code(unit_code)
        except services.AdminError:
            services.import_units_csv(f"kode,nama,jenis\n{unit_code},Unit {unit_code},dinas\n")
        services.create_officer(
            username=username,
            full_name=f"Petugas {username}",
            role=role,
            unit_code=unit_code,
            password=PASSWORD,
            totp_secret=TOTP_SECRET if enrolled else None,
        )
        if keys:
            from gratifikasi.auth.services import find_officer
            from gratifikasi.keyring import officers as key_officers

            officer = find_officer(username)
            key_officers.enrol(officer, PASSWORD)
            key_officers.confirm_recovery_stored(officer)


def current_code(secret: str = TOTP_SECRET) -> str:
    return totp.code_at(secret, clock.utcnow())


def login(client: FlaskClient, username: str = "petugas", password: str = PASSWORD, code: str | None = None):
    response = client.post("/masuk", data={"username": username, "password": password})
    if response.status_code != 302 or not response.headers["Location"].endswith("/masuk/kode"):
        return response
    return client.post("/masuk/kode", data={"code": code or current_code()})


def statements_of(app: Flask, send: Callable[[], object]) -> list[str]:
    """The SQL statements ``send()`` makes the app's engine run."""
    from sqlalchemy import event

    from gratifikasi.extensions import db

    with app.app_context():
        engine = db.engine
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        send()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return statements


def first_code_on_locator(monkeypatch, taken: str) -> list[object]:
    """Make the next receipt code drawn use the ``taken`` locator (later ones are as drawn);
    returns the list of codes drawn, for the caller to count."""
    from gratifikasi.crypto import receipt_codes

    real = receipt_codes.new_receipt_code
    drawn: list[object] = []

    def taken_then_fresh() -> receipt_codes.ReceiptCode:
        code = real()
        drawn.append(code)
        return receipt_codes.ReceiptCode(locator=taken, secret=code.secret) if len(drawn) == 1 else code

    monkeypatch.setattr(receipt_codes, "new_receipt_code", taken_then_fresh)
    return drawn
