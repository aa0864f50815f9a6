"""Pages, the signing rate limit and login locks in a real Redis, shared as app servers share it.

Runs against redis://127.0.0.1:6379/0 under a key prefix of its own, and deletes only its own
keys. Skipped when Redis is not running, except in CI (the CI variable is set), where it must.
"""

import datetime
import os
import uuid

import pytest
import redis
from django.core.cache.backends.redis import RedisCache
from django.test import Client
from django.utils import timezone

from articles import signatures, workflow
from coalition import pagecache
from coalition.cache import RedisCache as CoalitionRedisCache
from coalition.settings import cache_config
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/0"
# One prefix for this test run: parallel runs and CI never touch each other's keys.
RUN_PREFIX = f"coalition-test-{uuid.uuid4().hex}"


def redis_client():
    return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)


@pytest.fixture
def shared_cache(settings):
    """The default cache is Redis, as with CACHE_URL=redis://… in production."""
    try:
        redis_client().ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the Redis tests, and nothing answers at {REDIS_URL}.")
        pytest.skip(f"Redis is not running at {REDIS_URL}.")
    settings.CACHES = {"default": {**cache_config(REDIS_URL), "KEY_PREFIX": RUN_PREFIX}}
    yield
    client = redis_client()
    keys = list(client.scan_iter(f"{RUN_PREFIX}:*"))
    if keys:
        client.delete(*keys)


def another_app_server():
    """A second connection to the same cache, as another app server has."""
    return RedisCache(REDIS_URL, {"KEY_PREFIX": RUN_PREFIX})


def raw_key(key):
    return f"{RUN_PREFIX}:1:{key}"


def stored_pages():
    return list(redis_client().scan_iter(f"{RUN_PREFIX}:1:pagecache:page:*"))


def test_a_redis_cache_url_selects_djangos_own_redis_backend():
    assert cache_config("redis://127.0.0.1:6379/3") == {
        "BACKEND": "coalition.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/3",
    }
    assert issubclass(CoalitionRedisCache, RedisCache)
    assert cache_config("rediss://cache.example.org:6380/0")["BACKEND"].endswith("RedisCache")
    assert cache_config("locmemcache://coalition")["BACKEND"].endswith("LocMemCache")


def test_the_redis_cache_makes_one_client_per_server_and_shares_what_djangos_stores(
    shared_cache,
):
    ours = CoalitionRedisCache(REDIS_URL, {"KEY_PREFIX": RUN_PREFIX})
    client = ours._cache.get_client()

    ours.set("shared", {"page": b"<html>"}, timeout=60)
    ours.set_many({"one": 1, "two": "2"}, timeout=60)

    assert ours._cache.get_client(write=True) is client
    assert another_app_server().get("shared") == {"page": b"<html>"}
    assert another_app_server().get_many(["one", "two"]) == {"one": 1, "two": "2"}
    assert ours.get_many(["shared", "missing"]) == {"shared": {"page": b"<html>"}}


def test_a_page_is_stored_in_redis_and_served_without_a_query(
    client, shared_cache, page_cache, site, django_assert_num_queries
):
    url = site["article"].get_absolute_url()
    first = client.get(url)

    with django_assert_num_queries(0):
        again = client.get(url)

    assert again.content == first.content
    assert again.templates == []
    [key] = stored_pages()
    assert 0 < redis_client().ttl(key) <= 600


def test_a_change_reaches_every_app_server(client, shared_cache, page_cache, commit, site, editor):
    url = site["article"].get_absolute_url()
    client.get(url)
    before = another_app_server().get(pagecache.GENERATION_KEY)
    assert before == pagecache.generation()

    with commit():
        workflow.unpublish(site["article"], editor)

    assert another_app_server().get(pagecache.GENERATION_KEY) != before
    assert client.get(url).status_code == 410
    assert "torture-in-kazakhstan" not in client.get("/articles/").content.decode()


def test_a_confirmed_signature_shows_in_the_count(client, shared_cache, page_cache, commit, site):
    url = site["article"].get_absolute_url()
    signature = factories.SignatureFactory(article=site["article"], confirmed_at=None)
    assert "0 people have added their voice" in client.get(url).content.decode()

    with commit():
        signatures.confirm(signature)

    assert "1 person has added their voice" in client.get(url).content.decode()


def test_redis_drops_a_page_before_the_next_scheduled_change(
    client, shared_cache, page_cache, site
):
    factories.ArticleFactory(publish_at=timezone.now() + datetime.timedelta(seconds=90))

    client.get("/")

    [key] = stored_pages()
    assert 0 < redis_client().ttl(key) <= 90
    assert 0 < redis_client().ttl(raw_key(f"pagecache:next-change:{pagecache.generation()}"))


def test_the_signing_rate_limit_is_counted_once_for_every_app_server(shared_cache, settings):
    limit = signatures.RateLimit("signature-test", limit=2, period=3600)

    assert limit.hit("192.0.2.1", now=100) == 0
    assert another_app_server().get(limit.key("192.0.2.1", 100)) == 1
    assert limit.hit("192.0.2.1", now=101) == 0
    assert limit.hit("192.0.2.1", now=102) > 0
    assert limit.hit("192.0.2.2", now=102) == 0


def test_signing_from_the_cached_page_works_with_redis(
    shared_cache, page_cache, commit, site, settings
):
    settings.SIGNATURE_RATE_LIMIT = 1
    browser = Client(enforce_csrf_checks=True)
    url = site["article"].get_absolute_url()
    browser.get(url)
    assert browser.get(url).templates == []
    data = {"name": "Dana", "email": "dana@example.org", "consent": "on"}

    with commit():
        signed = browser.post(f"{url}voice/", data, HTTP_SEC_FETCH_SITE="same-origin")
    again = browser.post(
        f"{url}voice/", {**data, "email": "eve@example.org"}, HTTP_SEC_FETCH_SITE="same-origin"
    )

    assert signed.status_code == 303
    assert again.status_code == 429


def test_a_login_lock_holds_on_every_app_server_until_an_editor_lifts_it(
    client, shared_cache, editor
):
    member = factories.MembershipFactory().user

    def log_in(browser):
        data = {"username": member.username, "password": PASSWORD}
        return browser.post("/accounts/login/", data, REMOTE_ADDR="203.0.113.7")

    for _ in range(5):
        client.post(
            "/accounts/login/",
            {"username": member.username, "password": "wrong"},
            REMOTE_ADDR="203.0.113.7",
        )
    assert log_in(Client()).status_code == 429
    assert list(redis_client().scan_iter(f"{RUN_PREFIX}:1:axes-*"))

    admin = Client()
    admin.force_login(editor)
    admin.post(
        "/admin/partners/membership/",
        {"action": "unlock_logins", "_selected_action": [member.memberships.get().pk]},
    )

    assert log_in(Client()).status_code == 302
