"""django-axes locks a username from one address after five failures; editors lift the lock."""

import pytest
from axes.models import AccessAttempt
from django.contrib.admin import helpers
from django.urls import reverse

from partners.models import Membership
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
    assert AccessAttempt.objects.filter(username=our_member.username).exists()

    editor_client = client_class_for(client)
    editor_client.force_login(editor)
    membership = Membership.objects.get(user=our_member)
    response = editor_client.post(
        reverse("admin:partners_membership_changelist"),
        {"action": "unlock_logins", helpers.ACTION_CHECKBOX_NAME: [membership.pk]},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=our_member.username).exists()
    assert log_in(client, our_member.username, PASSWORD).status_code == 302


def test_deleting_the_attempt_in_axes_admin_unlocks_too(client, our_member, admin_client):
    fail_five_times(client, our_member.username)
    attempt = AccessAttempt.objects.get(username=our_member.username)
    response = admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert log_in(client, our_member.username, PASSWORD).status_code == 302


def test_people_who_cannot_change_memberships_cannot_unlock(client, our_member, author):
    fail_five_times(client, our_member.username)
    other = client_class_for(client)
    other.force_login(author)
    membership = Membership.objects.get(user=our_member)
    other.post(
        reverse("admin:partners_membership_changelist"),
        {"action": "unlock_logins", helpers.ACTION_CHECKBOX_NAME: [membership.pk]},
    )
    assert AccessAttempt.objects.filter(username=our_member.username).exists()
    assert log_in(client, our_member.username, PASSWORD).status_code == 429


def client_class_for(client):
    """A second browser: the editor's session must not be the locked person's."""
    return type(client)()
