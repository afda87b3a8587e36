"""Administration pages: officers and units (admin role only)."""
from __future__ import annotations

from flask import render_template
from sqlalchemy import select

from ..extensions import db
from ..models import Officer, Role, Unit
from ..security.roles import role_required
from . import bp


@bp.get("/petugas")
@role_required(Role.admin)
def officers() -> str:
    rows = db.session.execute(select(Officer).order_by(Officer.username)).scalars().all()
    return render_template("admin/officers.html", officers=rows)


@bp.get("/unit")
@role_required(Role.admin)
def units() -> str:
    rows = db.session.execute(select(Unit).order_by(Unit.name)).scalars().all()
    return render_template("admin/units.html", units=rows)
