"""Checks that production settings are safe to serve with."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", ""}


def refuse_development_secret_key():
    """Stop a production server that would sign links and sessions with the public key."""
    if not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY is the public development key: set a long random SECRET_KEY."
        )


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    """Emails and feeds carry SITE_URL: in production it must be the public HTTPS address."""
    url = urlsplit(settings.SITE_URL)
    if url.scheme != "https" or url.hostname in LOCAL_HOSTS or url.hostname is None:
        return [
            Error(
                f"SITE_URL is {settings.SITE_URL!r}; links in emails would not reach readers.",
                hint="Set SITE_URL to the site's public address, such as https://example.org.",
                id="coalition.E001",
            )
        ]
    return []
