import re

from django.core import mail
from django.test import TestCase
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory


def test_login_page_answers_in_the_site_style(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'<label for="id_username">' in response.content
    assert b'name="robots" content="noindex"' in response.content


def test_login_sends_a_reader_account_home(client, db):
    UserFactory(username="aigerim")
    response = client.post(
        reverse("login"), {"username": "aigerim", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")


def test_login_sends_partner_staff_to_the_portal(client, partner_member):
    response = client.post(
        reverse("login"), {"username": partner_member.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("portal:dashboard")
    assert response.status_code == 200


def test_login_sends_editors_to_the_admin(client, editor):
    response = client.post(
        reverse("login"), {"username": "editor", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("admin:index")


def test_footer_links_partner_staff_to_the_portal(client, partner_member):
    client.force_login(partner_member)
    response = client.get(reverse("home"))
    assert reverse("portal:dashboard").encode() in response.content


def test_login_with_a_wrong_password_says_so_and_stays(client, db):
    UserFactory(username="aigerim")
    response = client.post(reverse("login"), {"username": "aigerim", "password": "wrong"})
    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content


def test_logout_is_a_post_and_shows_the_logged_out_page(client, db):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("logout"), follow=True)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_single_use_link_that_sets_a_new_password(client, db):
    user = UserFactory(email="staff@example.org")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "staff@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["staff@example.org"]
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    new_password = "a-new-long-passphrase-2026"
    response = client.post(
        set_password_url, {"new_password1": new_password, "new_password2": new_password}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)

    reused = client.get(link, follow=True)
    assert b"already been used or has expired" in reused.content


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
