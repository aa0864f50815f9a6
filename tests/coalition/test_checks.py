import importlib

import pytest
from django.core.exceptions import ImproperlyConfigured

from coalition import checks


def test_production_refuses_the_public_development_key(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = settings.DEVELOPMENT_SECRET_KEY
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        checks.refuse_development_secret_key()


def test_development_may_use_the_development_key(settings):
    settings.DEBUG = True
    settings.SECRET_KEY = settings.DEVELOPMENT_SECRET_KEY
    checks.refuse_development_secret_key()


def test_wsgi_entry_point_refuses_to_start_with_the_development_key(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = settings.DEVELOPMENT_SECRET_KEY
    with pytest.raises(ImproperlyConfigured):
        importlib.reload(importlib.import_module("coalition.wsgi"))


def test_wsgi_entry_point_starts_with_a_real_key(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = "a-real-production-key-" + "x" * 40
    assert importlib.reload(importlib.import_module("coalition.wsgi")).application


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000", "https://localhost", "http://coalition.example.org", "nope"]
)
def test_deploy_check_refuses_a_site_url_readers_cannot_reach(settings, url):
    settings.SITE_URL = url
    assert [error.id for error in checks.check_site_url(None)] == ["coalition.E001"]


def test_deploy_check_accepts_the_public_https_address(settings):
    settings.SITE_URL = "https://coalition.example.org"
    assert checks.check_site_url(None) == []


# One machine or many: in-process cache, local mail, no broker


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ALLOW_SINGLE_MACHINE = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/1"
    return settings


def one_machine_errors():
    return [
        error.id
        for check in (
            checks.check_shared_cache,
            checks.check_signature_rate_limit_is_shared,
            checks.check_mail_is_sent,
            checks.check_task_broker,
        )
        for error in check(None)
    ]


def test_a_production_setup_for_several_machines_passes(production):
    assert one_machine_errors() == []


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    ],
)
def test_an_in_process_cache_is_refused_and_so_is_the_rate_limit_on_it(production, backend):
    production.CACHES = {"default": {"BACKEND": backend}}
    assert one_machine_errors() == ["coalition.E101", "coalition.E102"]


@pytest.mark.parametrize("backend", ["console", "filebased", "locmem", "dummy"])
def test_mail_that_is_not_sent_is_refused(production, backend):
    production.EMAIL_BACKEND = f"django.core.mail.backends.{backend}.EmailBackend"
    assert one_machine_errors() == ["coalition.E103"]


def test_no_broker_is_refused(production):
    production.CELERY_BROKER_URL = ""
    assert one_machine_errors() == ["coalition.E104"]


def test_a_single_machine_install_may_say_so(production):
    production.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    production.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    production.CELERY_BROKER_URL = ""
    production.ALLOW_SINGLE_MACHINE = True
    assert one_machine_errors() == []


def test_check_deploy_lists_the_refusals_by_id(production, capsys):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    production.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with pytest.raises(SystemCheckError, match="coalition.E102"):
        call_command("check", "--deploy", "--fail-level", "ERROR")
