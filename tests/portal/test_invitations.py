import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from partners.models import Membership
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

INVITE_URL = "/admin/partners/membership/invite/"
NEW_PASSWORD = "a-long-new-passphrase-2026"


def invitation(organisation, **changes):
    data = {
        "first_name": "Dana",
        "last_name": "Lawyer",
        "email": "Dana@Bureau.example.org",
        "partner": organisation.pk,
        "role": Membership.Role.ADMIN,
    }
    data.update(changes)
    return data


def invite(client, organisation, **changes):
    """Post the invitation; its email is a task that runs once the request's work commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(INVITE_URL, invitation(organisation, **changes))


def emailed_link(message):
    return re.search(r"https?://[^/\s]+(/portal/welcome/\S+)", message.body).group(1)


def choose_password(client, link, password=NEW_PASSWORD):
    form_page = client.get(link, follow=True)
    set_password_url = form_page.redirect_chain[-1][0]
    return client.post(set_password_url, {"new_password1": password, "new_password2": password})


def test_the_membership_list_links_to_the_invite_page(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:partners_membership_changelist"))
    assert INVITE_URL.encode() in response.content
    assert client.get(INVITE_URL).status_code == 200


def test_people_who_cannot_add_memberships_cannot_invite(client, author, partner):
    client.force_login(author)
    assert client.get(INVITE_URL).status_code == 403
    assert invite(client, partner).status_code == 403
    assert not Membership.objects.exists()
    assert mail.outbox == []


def test_an_invitation_creates_an_account_without_password_and_emails_a_link(
    client, editor, partner
):
    client.force_login(editor)
    response = invite(client, partner)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="dana@bureau.example.org")
    assert user.username == "dana@bureau.example.org"
    assert not user.has_usable_password()
    assert not user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == ["Partner staff"]
    membership = Membership.objects.get(user=user)
    assert (membership.partner, membership.role) == (partner, Membership.Role.ADMIN)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["dana@bureau.example.org"]
    assert partner.name in mail.outbox[0].subject
    assert "/portal/welcome/" in mail.outbox[0].body


def test_the_link_sets_the_password_logs_in_and_lands_in_the_portal(client, editor, partner):
    client.force_login(editor)
    invite(client, partner)
    client.logout()
    link = emailed_link(mail.outbox[0])

    response = choose_password(client, link)
    assert response.status_code == 302
    assert response.url == reverse("portal:dashboard")
    user = get_user_model().objects.get(email="dana@bureau.example.org")
    assert user.check_password(NEW_PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(response.url).status_code == 200


def test_the_link_works_only_once(client, editor, partner):
    client.force_login(editor)
    invite(client, partner)
    client.logout()
    link = emailed_link(mail.outbox[0])
    choose_password(client, link)
    client.logout()

    again = client.get(link, follow=True)
    assert b"already been used or has expired" in again.content
    assert b'name="new_password1"' not in again.content


def test_the_link_expires(client, editor, partner, settings):
    client.force_login(editor)
    invite(client, partner)
    client.logout()
    link = emailed_link(mail.outbox[0])
    later = timezone.now() + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    with time_machine.travel(later):
        response = client.get(link, follow=True)
    assert b"already been used or has expired" in response.content


def test_a_tampered_link_is_refused(client, editor, partner):
    client.force_login(editor)
    invite(client, partner)
    client.logout()
    link = emailed_link(mail.outbox[0])
    response = client.get(link[:-3] + "abc/", follow=True)
    assert b"already been used or has expired" in response.content


def test_a_weak_password_is_refused(client, editor, partner):
    client.force_login(editor)
    invite(client, partner)
    client.logout()
    response = choose_password(client, emailed_link(mail.outbox[0]), password="123")
    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors
    user = get_user_model().objects.get(email="dana@bureau.example.org")
    assert not user.has_usable_password()


def test_inviting_someone_who_has_a_password_keeps_it_and_says_log_in(
    client, editor, partner, other_partner
):
    existing = factories.MembershipFactory(partner=other_partner).user
    client.force_login(editor)
    response = invite(client, partner, email=existing.email)
    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.check_password(PASSWORD)
    assert set(existing.memberships.values_list("partner__slug", flat=True)) == {
        partner.slug,
        other_partner.slug,
    }
    assert "/portal/welcome/" not in mail.outbox[0].body
    assert "/accounts/login/" in mail.outbox[0].body


def test_inviting_again_updates_the_role_and_resends_the_link(client, editor, partner):
    client.force_login(editor)
    invite(client, partner, role=Membership.Role.MEMBER)
    invite(client, partner, role=Membership.Role.ADMIN)
    assert Membership.objects.get().role == Membership.Role.ADMIN
    assert get_user_model().objects.filter(email="dana@bureau.example.org").count() == 1
    assert len(mail.outbox) == 2


def test_the_coalitions_own_staff_cannot_be_invited(client, editor, author, partner):
    client.force_login(editor)
    response = invite(client, partner, email=author.email)
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "not-an-address"}, "email"),
        ({"partner": 999999}, "partner"),
        ({"role": "owner"}, "role"),
        ({"first_name": ""}, "first_name"),
    ],
)
def test_a_bad_invitation_says_why_and_creates_nothing(client, editor, partner, changes, field):
    client.force_login(editor)
    response = invite(client, partner, **changes)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Membership.objects.exists()
    assert mail.outbox == []


def test_partner_staff_reset_a_forgotten_password_and_reach_the_portal(client, our_member):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": our_member.email})
    assert response.status_code == 302
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    login = client.post(
        reverse("login"),
        {"username": our_member.username, "password": NEW_PASSWORD, "next": "/portal/"},
        REMOTE_ADDR="10.0.0.5",
    )
    assert login.status_code == 302
    assert login.url == "/portal/"
    assert client.get("/portal/").status_code == 200
