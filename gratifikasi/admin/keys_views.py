"""Ring status for admins: versions, members, sealed records, pending rotations."""
from __future__ import annotations

from flask import render_template

from ..keyring import rings
from ..models import Role
from ..security.roles import role_required
from . import bp


@bp.get("/kunci")
@role_required(Role.admin)
def key_rings() -> str:
    return render_template("admin/key_rings.html", rings=rings.status())
