"""django-axes locks a username from one address after five failures; editors lift the lock."""

import pytest
from axes.models import AccessAttempt
from django.contrib.admin import helpers
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from partners.models import Membership
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.7"


def log_in(client, username, password, address=ADDRESS):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def fail_five_times(client, username):
    for _ in range(5):
        log_in(client, username, "wrong-password")


def test_four_failures_still_let_the_right_password_in(client, our_member):
    for _ in range(4):
        assert log_in(client, our_member.username, "wrong-password").status_code == 200
    assert log_in(client, our_member.username, PASSWORD).status_code == 302


def test_after_five_failures_even_the_right_password_is_refused_with_a_clear_page(
    client, our_member
):
    fail_five_times(client, our_member.username)
    response = log_in(client, our_member.username, PASSWORD)
    assert response.status_code == 429
    assert b"Login locked for now" in response.content
    assert b"editors to unlock your account" in response.content
    assert "_auth_user_id" not in client.session


def test_the_lock_is_for_that_address_only(client, our_member):
    fail_five_times(client, our_member.username)
    assert log_in(client, our_member.username, PASSWORD, address="198.51.100.1").status_code == 302


def test_an_editor_unlocks_from_the_membership_list(client, our_member, editor):
    fail_five_times(client, our_member.username)
    assert log_in(client, our_member.username, PASSWORD).status_code == 429

    response = unlock(editor, our_member)

    assert response.status_code == 302
    assert log_in(client, our_member.username, PASSWORD).status_code == 302


def test_unlocking_lifts_the_lock_from_every_address(client, our_member, editor):
    fail_five_times(client, our_member.username)
    for _ in range(5):
        log_in(client, our_member.username, "wrong-password", address="198.51.100.1")

    unlock(editor, our_member)

    assert log_in(client, our_member.username, PASSWORD).status_code == 302
    assert log_in(client, our_member.username, PASSWORD, address="198.51.100.1").status_code == 302


def test_unlocking_one_person_leaves_the_others_locked(client, our_member, editor, partner):
    other = factories.MembershipFactory(partner=partner).user
    fail_five_times(client, our_member.username)
    fail_five_times(client, other.username)

    unlock(editor, our_member)

    assert log_in(client, other.username, PASSWORD).status_code == 429
    assert log_in(client, our_member.username, PASSWORD).status_code == 302


def test_failed_logins_are_counted_in_the_shared_cache_not_the_database(client, our_member):
    fail_five_times(client, our_member.username)

    assert not AccessAttempt.objects.exists()
    cache.clear()
    assert log_in(client, our_member.username, PASSWORD).status_code == 302


def test_people_who_cannot_change_memberships_cannot_unlock(client, our_member, author):
    fail_five_times(client, our_member.username)

    unlock(author, our_member)

    assert log_in(client, our_member.username, PASSWORD).status_code == 429


def unlock(person, member):
    """Press the membership list's unlock action as `person`, in a browser of their own."""
    browser = Client()
    browser.force_login(person)
    membership = Membership.objects.get(user=member)
    return browser.post(
        reverse("admin:partners_membership_changelist"),
        {"action": "unlock_logins", helpers.ACTION_CHECKBOX_NAME: [membership.pk]},
    )
