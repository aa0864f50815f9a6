"""/healthz: database, cache, storage and broker, each on a short clock of its own."""

import os
import time

import pytest
from django.core.cache.backends.locmem import LocMemCache

from coalition import health
from coalition.celery import app as celery_app
from tests.conftest import bound_socket

pytestmark = pytest.mark.django_db


def test_a_probe_that_hangs_fails_without_holding_the_others_up(monkeypatch):
    def hangs():
        time.sleep(3)
        return "ok"

    monkeypatch.setattr(health, "probe_cache", hangs)
    results = health.check(timeout=0.2)

    assert results["cache"] == (False, "failed: no answer in time")
    assert results["database"] == (True, "ok")
    assert results["storage"] == (True, "ok")


def test_healthz_answers_503_naming_the_failed_cache(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(LocMemCache, "set", broken)
    response = client.get("/healthz")

    assert response.status_code == 503
    assert "cache failed: ConnectionError" in response.content.decode().splitlines()
    assert "database ok" in response.content.decode().splitlines()


def test_healthz_does_not_wait_on_a_silent_mail_server(client, silent_smtp):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert silent_smtp == []


@pytest.fixture
def broker_url(settings):
    saved = celery_app.conf.broker_url

    def use(url):
        settings.CELERY_BROKER_URL = url
        celery_app.conf.broker_url = url

    yield use
    celery_app.conf.broker_url = saved


def test_a_broker_that_refuses_is_reported(client, broker_url):
    sock = bound_socket()
    broker_url(f"redis://127.0.0.1:{sock.getsockname()[1]}/5")
    try:
        response = client.get("/healthz")
    finally:
        sock.close()
    assert response.status_code == 503
    assert any(line.startswith("broker failed") for line in response.content.decode().splitlines())


@pytest.mark.redis
def test_a_reachable_broker_is_ok(client, broker_url):
    import redis

    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/5")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"Redis is not reachable at {url}")
    broker_url(url)
    response = client.get("/healthz")
    assert "broker ok" in response.content.decode().splitlines()
    assert response.status_code == 200
