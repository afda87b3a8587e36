# Copy to instance/config.py and adjust. Environment variables GRATIFIKASI_<NAME> override these.
# SECRET_KEY is generated into instance/secret_key on first run; do not put it in git.
# Several hosts: give every host the same key, GRATIFIKASI_SECRET_KEY=… in the environment or
# a file all of them read (a host with another key refuses to start):
# SECRET_KEY_FILE = "/srv/gratifikasi-shared/secret_key"

AGENCY_NAME = "Pemerintah Kota Pasuruan"
AGENCY_SHORT_NAME = "Kota Pasuruan"

# PostgreSQL (production): psycopg 3 driver.
# SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://gratifikasi@localhost/gratifikasi"

# Several gunicorn workers: keep rate limits in Redis.
# RATELIMIT_STORAGE_URI = "redis://127.0.0.1:6379/0"

# Behind nginx/HAProxy that sets X-Forwarded-Proto:
# TRUST_PROXY_HEADERS = True

# Only for a local test over plain http (never in production):
# SESSION_COOKIE_SECURE = False

# MAIL_SERVER = "smtp.example.go.id"
# MAIL_PORT = 587
# MAIL_USE_TLS = True
# MAIL_DEFAULT_SENDER = "upg@example.go.id"

# The public address links in e-mails point to (reporters' status page, officers' queue).
# BASE_URL = "https://wbs.example.go.id"

# Attachments: size per file, files per submission, files per complaint over its conversation.
# UPLOAD_MAX_FILE_BYTES = 20 * 1024 * 1024
# UPLOAD_MAX_FILES = 5
# COMPLAINT_MAX_ATTACHMENTS = 20
