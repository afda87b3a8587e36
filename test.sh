#!/usr/bin/env bash
# Run the test suite:  ./test.sh   (extra arguments go to pytest, e.g. ./test.sh -k login)
# Creates .venv and installs the test dependencies if needed. Browser tests use Debian's
# chromium at /usr/bin/chromium (apt-get install -y chromium); without it they are skipped
# locally and fail in CI. Set GRATIFIKASI_TEST_DATABASE_URL to run against PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
exec .venv/bin/python -m pytest "$@"
