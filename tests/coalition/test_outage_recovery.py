"""The site recovers by itself after PostgreSQL goes away and comes back.

A gunicorn worker keeps its database connection (CONN_MAX_AGE) and reaches PostgreSQL
through a loopback TCP proxy that the test cuts and restores; the machine's PostgreSQL is
never touched. PostgreSQL only: SQLite has no connection to lose.
"""

import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from tests import factories
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# A page that always asks the database: cached public pages go on being served meanwhile.
SEARCH = "/search/?q=Torture"


class TcpProxy:
    """Forwards a loopback port to PostgreSQL; `cut()` drops every connection and refuses new
    ones, `restore()` listens again on the same port."""

    def __init__(self, target):
        self.target = target
        self.port = free_port()
        self.listener = None
        self.pairs = []
        self.lock = threading.Lock()
        self.running = False

    def start(self):
        if self.listener is None:
            self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(16)
        self.running = True
        threading.Thread(target=self.accept, args=(self.listener,), daemon=True).start()

    def accept(self, listener):
        while self.running:
            ready, _, _ = select.select([listener], [], [], 0.1)
            if not ready:
                continue
            try:
                client, _address = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.pairs.append((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pump, args=(source, sink), daemon=True).start()

    def pump(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self):
        self.running = False
        self.listener.close()
        self.listener = None
        with self.lock:
            for client, upstream in self.pairs:
                for sock in (client, upstream):
                    try:
                        sock.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                    sock.close()
            self.pairs.clear()
        time.sleep(0.2)

    def restore(self):
        self.start()

    def stop(self):
        if self.listener is not None:
            self.cut()


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def proxy():
    db = django_settings.DATABASES["default"]
    proxy = TcpProxy((db.get("HOST") or "127.0.0.1", int(db.get("PORT") or 5432)))
    proxy.start()
    yield proxy
    proxy.stop()


@pytest.fixture
def server(proxy, tmp_path):
    """gunicorn with one worker whose one database connection goes through the proxy."""
    db = django_settings.DATABASES["default"]
    port = free_port()
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coalition.settings",
        "DATABASE_URL": (
            f"postgres://{db.get('USER') or 'postgres'}{password}@127.0.0.1:{proxy.port}/"
            f"{db['NAME']}"
        ),
        "DEBUG": "False",
        "SECRET_KEY": "outage-test-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "CONN_MAX_AGE": "600",
        "CACHE_URL": "locmemcache://outage",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    env.pop("CELERY_BROKER_URL", None)
    subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    log = open(tmp_path / "gunicorn.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(  # noqa: S603 - our own command line
        [
            sys.executable,
            "-m",
            "gunicorn",
            "coalition.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            get(f"{base}/robots.txt")
            break
        except OSError:
            time.sleep(0.2)
    yield base
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)
    log.close()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a network database only (PostgreSQL)"
)
def test_the_site_answers_503_while_postgresql_is_away_and_recovers_by_itself(proxy, server):
    factories.ArticleFactory(title="Torture in Kazakhstan", slug="torture-in-kazakhstan")

    status, _headers, body = get(f"{server}{SEARCH}")
    assert status == 200, body
    assert len(proxy.pairs) == 1, "one kept connection"

    # A restart between two requests: the kept connection is dead, and is checked
    # (CONN_HEALTH_CHECKS) and replaced before the next request uses it.
    proxy.cut()
    proxy.restore()
    status, _headers, body = get(f"{server}{SEARCH}")
    assert status == 200, body

    # PostgreSQL away: every page says so, and the health check names the database.
    proxy.cut()
    status, headers, body = get(f"{server}{SEARCH}")
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "Temporarily unavailable" in body
    status, _headers, body = get(f"{server}/healthz")
    assert status == 503
    assert "database failed" in body

    # Back: the same worker answers again, without a restart.
    proxy.restore()
    status, _headers, body = get(f"{server}{SEARCH}")
    assert status == 200, body
    assert "Torture in Kazakhstan" in body
    status, _headers, body = get(f"{server}/healthz")
    assert "database ok" in body
