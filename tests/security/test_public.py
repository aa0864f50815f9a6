"""Attacks on the public site and its accounts pages: lockouts, reset links, redirects, XSS."""

import re

from django.core import mail
from django.urls import reverse

from tests import factories

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
