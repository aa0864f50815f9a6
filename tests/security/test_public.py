"""Attacks on the public site and its accounts pages: lockouts, reset links, redirects, XSS."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests import factories
from tests.admin_helpers import admin_url, change_form_data, open_change_form
from tests.factories import PASSWORD
from tests.security.conftest import ATTRIBUTE, JS_URL, MARKDOWN, SCRIPT, assert_inert

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


# Login lockout behind a proxy ---


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


# Password reset links ---


def test_password_reset_links_use_the_site_url_not_the_host_header(
    client, settings, db, django_capture_on_commit_callbacks
):
    settings.ALLOWED_HOSTS = ["coalition.example.org", "evil.example"]
    settings.SITE_URL = "https://coalition.example.org"
    factories.UserFactory(email="staff@example.org")
    # The email is a task that runs once the request's work commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("password_reset"), {"email": "staff@example.org"}, HTTP_HOST="evil.example"
        )
    assert response.status_code == 302
    [message] = mail.outbox
    assert "evil.example" not in message.body + message.subject
    assert re.search(r"https://coalition\.example\.org/accounts/reset/\S+/\S+/", message.body)
    assert settings.SITE_NAME in message.subject


# Open redirects: every `next` stays on the site ---

OFF_SITE = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "https:/evil.example/",
    "\\\\evil.example",
    " https://evil.example/",
    "javascript:alert(1)",
]


def assert_on_site(response):
    location = response.get("Location", "")
    assert response.status_code in (200, 302, 303)
    assert "evil.example" not in location
    assert not location.lower().lstrip().startswith("javascript:")


@pytest.mark.parametrize("target", OFF_SITE)
def test_logging_in_never_sends_off_site(client, editor, target):
    response = client.post(
        f"{reverse('login')}?next={target}",
        {"username": "editor", "password": PASSWORD, "next": target},
    )
    assert_on_site(response)
    assert response.status_code == 302


@pytest.mark.parametrize("target", OFF_SITE)
def test_logging_in_to_the_admin_never_sends_off_site(client, editor, target):
    response = client.post(
        reverse("admin:login"), {"username": "editor", "password": PASSWORD, "next": target}
    )
    assert_on_site(response)


@pytest.mark.parametrize("target", OFF_SITE)
def test_logging_out_never_sends_off_site(client, editor, target):
    client.force_login(editor)
    response = client.post(f"{reverse('logout')}?next={target}", {"next": target})
    assert_on_site(response)


@pytest.mark.parametrize("target", OFF_SITE)
def test_choosing_a_language_never_sends_off_site(client, db, target):
    response = client.post(reverse("set_language"), {"language": "ru", "next": target})
    assert_on_site(response)
    response = client.post(reverse("set_language"), {"language": "ru"}, HTTP_REFERER=target)
    assert_on_site(response)


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_portals_login_round_trip_never_sends_off_site(client, partner_member, target):
    response = client.post(
        f"{reverse('login')}?next={target}",
        {"username": partner_member.username, "password": PASSWORD, "next": target},
        follow=True,
    )
    assert all("evil.example" not in url for url, _status in response.redirect_chain)


# XSS through what authors write, on the public page, its feed and its preview ---


@pytest.fixture
def hostile_article(author):
    article = factories.ArticleFactory(
        author=author,
        title=f"Title {SCRIPT}",
        standfirst=f"Standfirst {ATTRIBUTE}",
        body=MARKDOWN,
        byline=f"Byline {SCRIPT}",
        hero=factories.ImageFactory(credit=f"Credit {ATTRIBUTE}", alt=f"Alt {ATTRIBUTE}"),
        cta_enabled=True,
        cta_prompt=f"Prompt {SCRIPT}",
        seo_description=f"Seo {ATTRIBUTE}"[:160],
    )
    factories.ArticleLinkFactory(
        article=article, label=f"Label {SCRIPT}", url='https://example.org/?q="><script>'
    )
    return article


def test_a_learn_more_link_to_a_script_is_refused(client, author):
    own = factories.ArticleFactory(author=author, status="draft", publish_at=None)
    client.force_login(author)
    page = open_change_form(client, own)
    data = change_form_data(
        page,
        **{
            "links-TOTAL_FORMS": "1",
            "links-0-label": "Click",
            "links-0-url": JS_URL,
            "links-0-order": "0",
        },
    )
    response = client.post(admin_url(own, "change"), data)
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors[0]["url"]
    assert not own.links.exists()


def test_what_authors_write_is_inert_on_the_public_page(client, hostile_article):
    response = client.get(hostile_article.get_absolute_url())
    assert response.status_code == 200
    assert "Title &lt;script&gt;" in response.text
    assert_inert(response.text)


@pytest.mark.parametrize("url", ["/", "/articles/", "/search/?q=Title", "/feeds/articles/rss/"])
def test_what_authors_write_is_inert_in_lists_and_feeds(client, hostile_article, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_inert(response.content.decode())


def test_what_authors_write_is_inert_in_the_preview_and_the_admin(client, author, hostile_article):
    client.force_login(author)
    for page in ("preview", "change"):
        response = client.get(admin_url(hostile_article, page))
        assert response.status_code == 200
        assert_inert(response.text)


def test_what_partners_write_is_inert_on_their_public_page(client, partner):
    partner.summary = f"Summary {ATTRIBUTE}"
    partner.description = MARKDOWN
    partner.save()
    response = client.get(partner.get_absolute_url())
    assert response.status_code == 200
    assert_inert(response.text)
