"""gunicorn settings: `gunicorn -c gunicorn.conf.py wsgi:app`.

The access log never records the client address, user agent or referrer (threat T7):
only time, method, path, status, size and duration.
"""
import multiprocessing
import os

bind = os.environ.get("GRATIFIKASI_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GRATIFIKASI_WORKERS", min(4, multiprocessing.cpu_count() * 2 + 1)))
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
forwarded_allow_ips = os.environ.get("GRATIFIKASI_FORWARDED_ALLOW_IPS", "127.0.0.1")
limit_request_line = 4094
limit_request_fields = 60
timeout = 60
