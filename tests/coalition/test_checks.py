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
