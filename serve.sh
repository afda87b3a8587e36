#!/usr/bin/env bash
# Run gratifikasi locally on the embedded default: SQLite in instance/, demo data, plain http.
#   ./serve.sh            (then open the printed URL)
# Creates .venv, installs, migrates, seeds the demo agency if the database is empty, serves.
set -euo pipefail
cd "$(dirname "$0")"
PORT="${PORT:-5000}"
if [ ! -x .venv/bin/python ]; then
  echo "Membuat virtualenv .venv ..."
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
export FLASK_APP=wsgi
# Local plain-http run only: production keeps Secure cookies (see README, Deployment).
export GRATIFIKASI_SESSION_COOKIE_SECURE=false
export GRATIFIKASI_PREFERRED_URL_SCHEME=http
.venv/bin/flask db upgrade
.venv/bin/flask demo seed --if-empty
cat <<MSG

  gratifikasi berjalan di  http://127.0.0.1:${PORT}/
  Masuk petugas:           http://127.0.0.1:${PORT}/masuk

  Akun demo (kata sandi sama untuk semua): pasuruan-demo-2026
MSG
.venv/bin/flask demo logins
cat <<MSG

  Kode TOTP 6 angka: jalankan di terminal lain
      .venv/bin/flask --app wsgi demo totp admin      (ganti 'admin' dengan akun lain)
  atau tambahkan kunci TOTP di atas ke aplikasi autentikator Anda.
  Berhenti: Ctrl+C

MSG
exec .venv/bin/gunicorn -c gunicorn.conf.py --bind "127.0.0.1:${PORT}" --workers 2 wsgi:app
