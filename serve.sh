#!/usr/bin/env bash
# Run gratifikasi locally on the embedded default: SQLite in instance/, demo data, plain http.
#   ./serve.sh            (then open the printed URL)
# Creates .venv, installs, migrates, seeds the demo agency and its sample year if the database
# is empty, runs the e-mail worker (delivering to files, read at /admin/email) and serves.
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
# Links in e-mails point here; e-mail goes to files in instance/mail (shown at /admin/email),
# never to a real mail server.
export GRATIFIKASI_BASE_URL="${GRATIFIKASI_BASE_URL:-http://127.0.0.1:${PORT}}"
export GRATIFIKASI_MAIL_FILE_DIR="${GRATIFIKASI_MAIL_FILE_DIR:-$PWD/instance/mail}"
# Reporters' e-mail addresses wait sealed to the outbox key, kept outside instance/ (created on
# first use; in production it lives on the mail worker's host, see README "Deployment").
export GRATIFIKASI_OUTBOX_KEY_FILE="${GRATIFIKASI_OUTBOX_KEY_FILE:-${XDG_STATE_HOME:-$HOME/.local/state}/gratifikasi/outbox.key}"
.venv/bin/flask db upgrade
.venv/bin/flask demo seed --if-empty
cat <<MSG

  gratifikasi berjalan di  http://127.0.0.1:${PORT}/
  Masuk petugas:           http://127.0.0.1:${PORT}/masuk

  E-mail demo (terkirim ke berkas): http://127.0.0.1:${PORT}/admin/email  (masuk sebagai admin)
  DEMO: kata sandi di bawah diketahui umum; jangan masukkan laporan sungguhan.

  Akun demo (kata sandi sama untuk semua): pasuruan-demo-2026
MSG
.venv/bin/flask demo logins
cat <<MSG

  Kode TOTP 6 angka: jalankan di terminal lain
      .venv/bin/flask --app wsgi demo totp admin      (ganti 'admin' dengan akun lain)
  atau tambahkan kunci TOTP di atas ke aplikasi autentikator Anda.
  Berhenti: Ctrl+C

MSG
# The e-mail worker runs beside the web server and stops with it.
.venv/bin/flask outbox run --interval 5 &
OUTBOX_PID=$!
trap 'kill "$OUTBOX_PID" 2>/dev/null || true' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
.venv/bin/gunicorn -c gunicorn.conf.py --bind "127.0.0.1:${PORT}" --workers 2 wsgi:app
