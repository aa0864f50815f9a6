"""A database outage answers 503 with Retry-After, says nothing was stored, and keeps the form."""

from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import InterfaceError, OperationalError, connection
from django.test import Client
from django.urls import reverse

from articles.models import Signature
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(db):
    return factories.ArticleFactory(slug="torture-in-kazakhstan", cta_enabled=True)


@pytest.fixture
def outage():
    """Every query fails as it does when PostgreSQL is down or restarting."""
    with mock.patch.object(
        connection, "cursor", side_effect=OperationalError("connection refused")
    ):
        yield


def assert_outage_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert "Temporarily unavailable" in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/articles/", "/articles/torture-in-kazakhstan/", "/cases/"])
def test_every_page_answers_503_while_the_database_is_down(client, campaign, outage, url):
    response = client.get(url)
    assert_outage_page(response)
    assert "try again in 30 seconds" in response.content.decode()


def test_the_admin_answers_503_too(editor):
    # The session is read in middleware here, before any view: Django's handler500 answers.
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    with mock.patch.object(connection, "cursor", side_effect=InterfaceError("closed")):
        response = client.get("/admin/")
    assert_outage_page(response)


def test_a_signature_sent_during_the_outage_is_not_stored_and_the_reader_is_told(client, campaign):
    data = {"name": "Dana Reader", "email": "dana@example.org", "consent": "on"}
    url = reverse("articles:sign", kwargs={"slug": campaign.slug})
    with mock.patch.object(
        connection, "cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.post(url, data)

    assert_outage_page(response)
    html = response.content.decode()
    assert "Nothing you sent has been stored." in html
    # The same form, ready to send again as it was typed.
    assert f'<form method="post" action="{url}">' in html
    assert '<input type="hidden" name="name" value="Dana Reader">' in html
    assert '<input type="hidden" name="email" value="dana@example.org">' in html
    assert not Signature.objects.exists()


def test_the_page_never_repeats_a_password_and_escapes_what_was_typed(client, outage):
    response = client.post(
        reverse("login"), {"username": '<script>alert("x")</script>', "password": "secret-pass"}
    )
    assert_outage_page(response)
    html = response.content.decode()
    assert "secret-pass" not in html
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_an_outage_met_in_middleware_answers_503_not_500(client, editor):
    # Saving the session happens after the view, in SessionMiddleware: Django's handler500.
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    with mock.patch.object(SessionStore, "save", side_effect=OperationalError("gone")):
        response = client.get("/articles/")
    assert_outage_page(response)


def test_other_errors_still_answer_500(campaign):
    client = Client(raise_request_exception=False)
    with mock.patch.object(connection, "cursor", side_effect=ValueError("a bug")):
        response = client.get("/articles/")
    assert response.status_code == 500


def test_the_outage_is_logged_once_as_an_error(client, outage, caplog):
    client.get("/articles/")
    outage_lines = [r for r in caplog.records if r.name == "coalition.outage"]
    assert len(outage_lines) == 1
    assert "answered 503" in outage_lines[0].getMessage()
    assert not [r for r in caplog.records if r.name == "django.request"]


def test_connections_are_kept_and_checked_before_reuse(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
