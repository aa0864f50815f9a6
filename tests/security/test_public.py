"""Attacks on the public site and its accounts pages: lockouts, reset links, redirects, XSS."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories
from tests.factories import PASSWORD

PROXY = "10.0.0.1"


@pytest.fixture
def behind_a_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def log_in(client, username, password, address, **extra):
    """Log in through our one proxy, which appends the client's `address`."""
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
        **extra,
    )


# Login lockout behind a proxy --------------------------------------------------------------------


def test_failures_from_one_reader_do_not_lock_out_another_behind_the_proxy(
    client, behind_a_proxy, editor
):
    for _ in range(5):
        log_in(client, "editor", "wrong", "203.0.113.66")
    response = log_in(client, "editor", PASSWORD, "198.51.100.7")
    assert response.status_code == 302


def test_the_guessing_reader_is_locked_out_at_their_own_address(client, behind_a_proxy, editor):
    for _ in range(5):
        log_in(client, "editor", "wrong", "203.0.113.66")
    assert log_in(client, "editor", PASSWORD, "203.0.113.66").status_code == 429


def test_a_forged_forwarded_address_does_not_escape_the_lock(client, behind_a_proxy, editor):
    for attempt in range(5):
        # The client writes its own X-Forwarded-For; the proxy appends the real address.
        log_in(client, "editor", "wrong", f"192.0.2.{attempt}, 203.0.113.66")
    assert log_in(client, "editor", PASSWORD, "192.0.2.99, 203.0.113.66").status_code == 429


@pytest.fixture
def username_limit(settings):
    settings.LOGIN_USERNAME_FAILURE_LIMIT = 12
    return settings.LOGIN_USERNAME_FAILURE_LIMIT


def guess_from_many_addresses(client, username, count):
    for attempt in range(count):
        # Never more than two guesses from one address: far below axes' lock per address.
        log_in(client, username, "guess", f"198.18.{attempt // 2}.{attempt % 2}")


def test_guessing_from_many_addresses_stops_even_the_right_password_from_a_new_one(
    client, behind_a_proxy, username_limit, editor
):
    guess_from_many_addresses(client, "editor", username_limit)
    response = log_in(client, "editor", PASSWORD, "198.19.0.1")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Too many failed logins for this account" in response.text


def test_the_real_user_still_logs_in_from_their_usual_address(
    client, behind_a_proxy, username_limit, editor
):
    usual = "192.0.2.10"
    assert log_in(client, "editor", PASSWORD, usual).status_code == 302
    client.post(reverse("logout"))
    guess_from_many_addresses(client, "editor", username_limit * 2)
    assert log_in(client, "editor", PASSWORD, usual).status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_below_the_username_limit_a_new_address_logs_in(
    client, behind_a_proxy, username_limit, editor
):
    guess_from_many_addresses(client, "editor", username_limit - 1)
    assert log_in(client, "editor", PASSWORD, "198.19.0.1").status_code == 302


def test_the_username_limit_counts_unknown_usernames_too(
    db, behind_a_proxy, username_limit, client
):
    from coalition import lockout

    guess_from_many_addresses(client, "nobody-by-this-name", username_limit)
    assert lockout.is_throttled("nobody-by-this-name", "198.19.0.1")


def test_the_username_limit_ends_with_its_window(settings, username_limit):
    from coalition import lockout

    start = 1_000_000 * settings.LOGIN_USERNAME_FAILURE_WINDOW
    for _ in range(username_limit):
        lockout.count_failure("editor", now=start)
    assert lockout.is_throttled("editor", "198.19.0.1", now=start)
    later = start + settings.LOGIN_USERNAME_FAILURE_WINDOW
    assert not lockout.is_throttled("editor", "198.19.0.1", now=later)


def test_unlocking_a_membership_lifts_the_username_limit_too(
    client, admin_client, behind_a_proxy, username_limit, partner_member
):
    from django.contrib.admin import helpers

    from partners.models import Membership

    guess_from_many_addresses(client, partner_member.username, username_limit)
    membership = Membership.objects.get(user=partner_member)
    admin_client.post(
        reverse("admin:partners_membership_changelist"),
        {"action": "unlock_logins", helpers.ACTION_CHECKBOX_NAME: [membership.pk]},
    )
    assert log_in(client, partner_member.username, PASSWORD, "198.19.0.1").status_code == 302


# Password reset links ----------------------------------------------------------------------------


def test_password_reset_links_use_the_site_url_not_the_host_header(client, settings, db):
    settings.ALLOWED_HOSTS = ["coalition.example.org", "evil.example"]
    settings.SITE_URL = "https://coalition.example.org"
    factories.UserFactory(email="staff@example.org")
    response = client.post(
        reverse("password_reset"), {"email": "staff@example.org"}, HTTP_HOST="evil.example"
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert "evil.example" not in message.body + message.subject
    assert re.search(r"https://coalition\.example\.org/accounts/reset/\S+/\S+/", message.body)
    assert settings.SITE_NAME in message.subject
