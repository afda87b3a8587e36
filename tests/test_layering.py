"""Layering rules read from the source (design.md §5):

- feature services reach ``gratifikasi.crypto`` only through ``keyring`` (and ``intake``),
  the Flask side of crypto;
- service modules read no request state, so commands and workers can call them.
"""
from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import gratifikasi

ROOT = Path(gratifikasi.__file__).parent
FEATURES = ("cases", "complaints", "reports", "kpk", "integrity", "admin", "demo", "retention", "uploads")
SERVICE_NAMES = ("service.py", "operations.py")
# Non-view modules doing service work whose names do not say so.
MORE_SERVICES = (
    "reports/notify.py", "reports/status.py", "reports/thread.py", "cases/reminders.py",
    "complaints/access.py", "complaints/intake.py", "complaints/mailbox.py",
    "keyring/vault.py", "settings/cache.py", "outbox/links.py",
    "intake/browser_access.py", "intake/recusal.py", "intake/reporter_access.py",
)
REQUEST_STATE = {"session", "request", "url_for", "g", "current_user"}
FLASK_MODULES = {"flask", "flask.globals", "flask.helpers", "flask_login", "flask_login.utils"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> Iterator[str]:
    """Every module an import statement names, relative imports resolved (``from .. import x``
    yields both the package and ``package.x``, since x may be a module)."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            yield target
            yield from (f"{target}.{alias.name}" for alias in node.names)


def request_state_uses(source: str) -> set[str]:
    """Request-state names imported from Flask or Flask-Login, or read as ``flask.<name>``."""
    found = set()
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in FLASK_MODULES:
            found |= {alias.name for alias in node.names if alias.name in REQUEST_STATE}
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
              and node.value.id in {"flask", "flask_login"} and node.attr in REQUEST_STATE):
            found.add(node.attr)
    return found


def _feature_files() -> list[Path]:
    return sorted(path for feature in FEATURES for path in (ROOT / feature).rglob("*.py"))


def _service_files() -> list[Path]:
    named = [path for path in ROOT.rglob("*.py")
             if path.name in SERVICE_NAMES or (path.name.startswith("services") and path.suffix == ".py")]
    return sorted({*named, *(ROOT / name for name in MORE_SERVICES)})


def test_feature_packages_do_not_import_crypto() -> None:
    files = _feature_files()
    assert len(files) > 40
    offenders = {}
    for path in files:
        names = imported_modules(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")
        bad = sorted({name for name in names if name == "gratifikasi.crypto" or name.startswith("gratifikasi.crypto.")})
        if bad:
            offenders[str(path.relative_to(ROOT))] = bad
    assert offenders == {}


def test_service_modules_read_no_request_state() -> None:
    files = _service_files()
    assert len(files) >= 20 and all(path.exists() for path in files)
    offenders = {str(path.relative_to(ROOT)): sorted(found) for path in files
                 if (found := request_state_uses(path.read_text(encoding="utf-8")))}
    assert offenders == {}


def test_the_detectors_catch_what_they_look_for() -> None:
    module = "gratifikasi.complaints.access"
    for source in ("from ..crypto import fields", "from .. import crypto", "from ..crypto.rings import RingPurpose",
                   "import gratifikasi.crypto.fields", "from gratifikasi.crypto import symmetric",
                   "def f():\n    from ..crypto import kdf"):
        assert any(name.startswith("gratifikasi.crypto") for name in imported_modules(source, module)), source
    assert not any(name.startswith("gratifikasi.crypto")
                   for name in imported_modules("from ..keyring import RingPurpose, vault", module))
    assert any(name.startswith("gratifikasi.crypto")
               for name in imported_modules("from ..crypto import fields", "gratifikasi.demo", is_package=True))
    for source, name in (("from flask import current_app, session", "session"), ("from flask import g", "g"),
                         ("from flask_login import current_user", "current_user"),
                         ("import flask\nflask.request.args", "request"),
                         ("def f():\n    from flask import url_for as link", "url_for")):
        assert request_state_uses(source) == {name}, source
    assert request_state_uses("from flask import current_app\nfrom flask_babel import force_locale") == set()
