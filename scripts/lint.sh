#!/usr/bin/env bash
# Static checks, run by CI after the test venv exists (./test.sh installs ruff and mypy, pinned
# in setup.cfg's test extra):  scripts/lint.sh
#   ruff: pyflakes, pycodestyle, import order and bugbear rules on the package, tests and bench;
#   mypy: the package, as configured in pyproject.toml.
# Exits non-zero when either finds something; both run so one report shows every finding.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
echo "== ruff check gratifikasi tests bench"
.venv/bin/ruff check gratifikasi tests bench || status=1
echo "== mypy (pyproject.toml [tool.mypy])"
.venv/bin/mypy || status=1
exit "$status"
