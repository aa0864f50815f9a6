"""A real Celery worker on Redis delivers the confirmation email; the request never waits."""

import os
import signal
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse

from articles.models import Signature
from coalition.celery import app as celery_app
from tests import factories
from tests.conftest import FROM_OUR_PAGE

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/5")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def redis_client():
    """A client of the test Redis database; skipped when it cannot be reached, except in CI."""
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"Redis is not reachable at {REDIS_TEST_URL}: {error}")
    return client


@pytest.fixture
def broker(redis_client):
    """This process queues tasks on Redis, on a queue of its own, instead of running them."""
    queue = f"coalition-test-{uuid.uuid4().hex[:12]}"
    saved = {
        key: celery_app.conf[key]
        for key in ("broker_url", "task_always_eager", "task_default_queue")
    }
    celery_app.conf.update(
        broker_url=REDIS_TEST_URL, task_always_eager=False, task_default_queue=queue
    )
    reset_connections()
    yield queue
    celery_app.conf.update(saved)
    reset_connections()
    # Only this test's keys: its queue and kombu's bindings for it (named by the queue).
    for key in redis_client.scan_iter(match=f"*{queue}*"):
        redis_client.delete(key)


def reset_connections():
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None


def worker_database_url(tmp_path):
    """The test database, as the worker process can reach it."""
    db = django_settings.DATABASES["default"]
    if connection.vendor == "postgresql":
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        user = f"{db.get('USER') or 'postgres'}{password}@"
        host = f"{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
        return f"postgres://{user}{host}/{db['NAME']}"
    # SQLite's test database lives in this process's memory: the worker gets a copy of it.
    copy = tmp_path / "worker.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(copy)
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{copy}"


@pytest.fixture
def start_worker(tmp_path, broker, smtp_sink):
    started = []

    def start(database_url):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "coalition.settings",
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": REDIS_TEST_URL,
            "CELERY_QUEUE": broker,
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_sink.port}",
            "SITE_URL": "https://coalition.example",
            "SECRET_KEY": django_settings.SECRET_KEY,
            "LOG_LEVEL": "INFO",
        }
        log = open(tmp_path / "worker.log", "wb")  # noqa: SIM115 - closed at the end
        process = subprocess.Popen(  # noqa: S603 - our own command line
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "coalition",
                "worker",
                "--pool",
                "solo",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append((process, log))
        return process

    yield start
    for process, log in started:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        log.close()


def test_the_worker_delivers_the_confirmation_email(
    client, settings, tmp_path, smtp_sink, start_worker
):
    settings.SITE_URL = "https://coalition.example"
    campaign = factories.ArticleFactory(
        title="Torture in Kazakhstan", slug="torture-in-kazakhstan", cta_enabled=True
    )
    data = {"name": "Dana Reader", "email": "dana@example.org", "consent": "on"}

    response = client.post(
        reverse("articles:sign", kwargs={"slug": campaign.slug}), data, **FROM_OUR_PAGE
    )

    # Answered without the mail: it waits on the queue for a worker.
    assert response.status_code == 303
    assert Signature.objects.filter(email="dana@example.org").exists()
    assert smtp_sink.messages == []

    worker = start_worker(worker_database_url(tmp_path))
    delivered = smtp_sink.received.wait(90)

    log = (tmp_path / "worker.log").read_text(errors="replace")
    assert worker.poll() is None, log
    assert delivered, log
    ((recipients, content),) = smtp_sink.messages
    assert recipients == ["dana@example.org"]
    assert "https://coalition.example/articles/voice/confirm/" in content
    assert "articles.signature_confirmation" in log
    assert "dana@example.org" not in log
