"""The pure packages (crypto/, rules/) must stay importable without the web stack or the ORM.

Both are used by the CLI, workers and benchmarks and are unit-tested without an app, so a
Flask, Werkzeug or SQLAlchemy import there (direct, or through another module of this
project that pulls those in) would tie the domain rules to a request. The check reads the
source with ``ast`` instead of importing it, so it also covers modules nothing imports yet.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import gratifikasi.crypto
import gratifikasi.rules

FORBIDDEN = ("flask", "flask_", "sqlalchemy", "werkzeug")
PURE_PACKAGES = {
    "gratifikasi.crypto": Path(gratifikasi.crypto.__file__).parent,
    "gratifikasi.rules": Path(gratifikasi.rules.__file__).parent,
}


def package_modules(package: str, root: Path) -> list[tuple[str, Path, bool]]:
    """(dotted name, path, is a package) of every module under ``root``, subfolders included."""
    found = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        is_package = parts[-1] == "__init__"
        found.append((".".join((package, *(parts[:-1] if is_package else parts))), path, is_package))
    return found


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Absolute names of every module ``module`` imports, relative imports resolved."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                names.add(node.module or "")
                continue
            # "from . import x" in a/b/c.py is a.b; in a/b/__init__.py it is a.b as well.
            base = module.split(".")
            base = base[: len(base) - node.level + (1 if is_package else 0)]
            target = ".".join(base + ([node.module] if node.module else []))
            names |= {target} if node.module else {f"{target}.{alias.name}" for alias in node.names}
    return names


def impure(names: set[str]) -> set[str]:
    """Imports that bring in the web stack or the ORM, or a non-pure module of this project."""
    bad = {n for n in names if n.split(".")[0].lower().startswith(FORBIDDEN)}
    own = {n for n in names if n == "gratifikasi" or n.startswith("gratifikasi.")}
    bad |= {n for n in own if not any(n == p or n.startswith(p + ".") for p in PURE_PACKAGES)}
    return bad


@pytest.mark.parametrize("package", sorted(PURE_PACKAGES))
def test_no_web_or_orm_imports(package: str) -> None:
    root = PURE_PACKAGES[package]
    modules = package_modules(package, root)
    assert len(modules) >= 10, f"found only {len(modules)} modules under {root}"
    for name, path, is_package in modules:
        names = imported_modules(path.read_text(encoding="utf-8"), name, is_package)
        assert not impure(names), f"{path.relative_to(root)} imports {sorted(impure(names))}"


def test_detector_catches_direct_and_indirect_imports() -> None:
    assert impure(imported_modules("from flask import current_app", "gratifikasi.rules.x")) == {"flask"}
    assert impure(imported_modules("import flask_babel", "gratifikasi.rules.x")) == {"flask_babel"}
    assert impure(imported_modules("import sqlalchemy.orm", "gratifikasi.rules.x")) == {"sqlalchemy.orm"}
    # A relative import that leaves the pure package reaches modules that import Flask.
    escaped = imported_modules("from ...models import Officer", "gratifikasi.rules.sub.x")
    assert impure(escaped) == {"gratifikasi.models"}
    assert impure(imported_modules("from .. import extensions", "gratifikasi.rules.x")) == {"gratifikasi.extensions"}
    # Staying inside the pure packages is fine, however it is spelled.
    inside = "from .lke_data import X\nfrom gratifikasi.crypto import sealing\nfrom . import calendar"
    assert impure(imported_modules(inside, "gratifikasi.rules.x")) == set()


def test_walks_subfolders(tmp_path: Path) -> None:
    for relative in ("__init__.py", "top.py", "sub/__init__.py", "sub/deeper.py"):
        (tmp_path / relative).parent.mkdir(exist_ok=True)
        (tmp_path / relative).write_text("", encoding="utf-8")
    found = {(name, is_package) for name, _, is_package in package_modules("gratifikasi.rules", tmp_path)}
    assert found == {
        ("gratifikasi.rules", True),
        ("gratifikasi.rules.top", False),
        ("gratifikasi.rules.sub", True),
        ("gratifikasi.rules.sub.deeper", False),
    }
