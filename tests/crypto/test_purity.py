"""The crypto package must stay importable without the web stack."""

from __future__ import annotations

import ast
from pathlib import Path

import gratifikasi.crypto

PACKAGE = Path(gratifikasi.crypto.__file__).parent
FORBIDDEN = ("flask", "flask_", "sqlalchemy", "werkzeug")


def imported_roots(source: str) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_no_web_or_orm_imports() -> None:
    files = sorted(PACKAGE.glob("*.py"))
    assert len(files) >= 10
    for path in files:
        roots = imported_roots(path.read_text(encoding="utf-8"))
        bad = {r for r in roots if r.lower().startswith(FORBIDDEN)}
        assert not bad, f"{path.name} imports {bad}"


def test_detector_catches_a_flask_import() -> None:
    assert "flask" in imported_roots("from flask import current_app")
