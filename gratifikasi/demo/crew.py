"""The demo officers who act in the sample stories, with their unlocked private keys."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..extensions import db
from ..keyring import officers as key_officers
from ..models import Officer, Unit


@dataclass(frozen=True)
class Crew:
    upg: Officer
    upg_key: bytes
    irban: Officer
    irban_key: bytes
    units: dict[str, int]  # unit code -> id

    def unit(self, code: str) -> int:
        return self.units[code]


def _unlocked(username: str, password: str) -> tuple[Officer, bytes]:
    officer = db.session.execute(select(Officer).where(Officer.username == username)).scalar_one()
    private_key = key_officers.unlock_with_password(officer, password)
    if private_key is None:
        raise RuntimeError(f"the demo officer {username} has no key that opens with the demo password")
    return officer, private_key


def gather(password: str) -> Crew:
    upg, upg_key = _unlocked("upg", password)
    irban, irban_key = _unlocked("irban", password)
    units = {row.code: row.id for row in db.session.execute(select(Unit.code, Unit.id))}
    return Crew(upg, upg_key, irban, irban_key, units)
