"""gunicorn's settings for `make serve`, read from the environment (and .env) like the site's.

    gunicorn --config coalition/gunicorn.conf.py

Each app server runs this; they share nothing but the database, Redis and object storage.
"""

import multiprocessing
from pathlib import Path

import environ

from coalition.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

wsgi_app = "coalition.wsgi:application"
chdir = str(BASE_DIR)

# Addresses to listen on, comma-separated: host:port, or unix:/run/coalition.sock.
bind = env.list("GUNICORN_BIND", default=["127.0.0.1:8000"])
# Worker processes; each handles one request at a time (sync workers), so a slow client or
# query holds one worker only. gunicorn's rule of thumb: two per core, plus one.
workers = env.int("GUNICORN_WORKERS", default=multiprocessing.cpu_count() * 2 + 1)
# A worker silent for this many seconds is killed and replaced (and its request answered 502).
timeout = env.int("GUNICORN_TIMEOUT", default=30)
# On a restart (SIGHUP, deploys), requests in flight get this long to finish.
graceful_timeout = env.int("GUNICORN_GRACEFUL_TIMEOUT", default=30)
# Seconds an idle keep-alive connection from the proxy in front stays open.
keepalive = env.int("GUNICORN_KEEPALIVE", default=5)
# Replace each worker after about this many requests, so that no leak grows for ever.
max_requests = env.int("GUNICORN_MAX_REQUESTS", default=1000)
max_requests_jitter = max_requests // 10
# Workers' heartbeat files in memory, not on a disk that may stall under load.
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108 - tmpfs

# Every request on standard output, errors on standard error: the process manager collects
# both. The fields are the client, request line, status, bytes, time in microseconds and the
# request id a proxy sent.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(D)sus "%(a)s" %({x-request-id}o)s'
# Both as JSON lines like the site's own (coalition/logs.py): the access log with method,
# path, status, duration and the request id the site answered with; no addresses or tokens.
logconfig_dict = logging_config(env.str("LOG_LEVEL", default="INFO"))
loglevel = env.str("LOG_LEVEL", default="INFO").lower()

# gunicorn 27's control socket sits at one path per user, which two servers on one machine
# would share; nothing here uses it.
control_socket_disable = True
